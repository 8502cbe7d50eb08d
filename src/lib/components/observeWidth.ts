/**
 * An attachment that reports an element's content-box width whenever a ResizeObserver sees it
 * change — including its first size, which the observer delivers after the browser's own layout.
 * Unlike `bind:clientWidth`, it never reads the width when the element is mounted: that read lays
 * the whole page out inside the task that mounts it (on /network, ~20 ms of the first picture's
 * task). Until the first report the component keeps its own estimate. `box: 'border-box'`
 * reports the width with padding and border (a placeholder standing where a borderless element
 * will be).
 */
export function observeWidth(
	set: (width: number) => void,
	{ box = 'content-box' }: { box?: 'content-box' | 'border-box' } = {}
) {
	return (element: Element): (() => void) => {
		const observer = new ResizeObserver((entries) => {
			const entry = entries[entries.length - 1];
			if (!entry) return;
			const border = box === 'border-box' ? entry.borderBoxSize?.[0]?.inlineSize : undefined;
			set(border ?? entry.contentRect.width);
		});
		observer.observe(element);
		return () => observer.disconnect();
	};
}
