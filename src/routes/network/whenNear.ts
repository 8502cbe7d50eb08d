import type { Attachment } from 'svelte/attachments';

/** `{@attach whenNear(() => …)}`: runs once the element comes within `margin` of the screen. */
export function whenNear(onNear: () => void, margin = '600px'): Attachment<HTMLElement> {
	return (element) => {
		const near = new IntersectionObserver(
			(entries) => {
				if (!entries.some((e) => e.isIntersecting)) return;
				near.disconnect();
				onNear();
			},
			{ rootMargin: margin }
		);
		near.observe(element);
		return () => near.disconnect();
	};
}
