/**
 * Which items of a vertical list are on screen or close to it, decided without reading the
 * page's layout: a list that paints only those in the task that shows a new picture (and the
 * rest in later tasks) must not force a layout to find out, or it pays inside that task the
 * layout the browser would have done anyway at the frame.
 *
 * Each item is known from what an IntersectionObserver last reported for it (`seen[i]`), or, for
 * an item it has not reported on yet (a list just mounted), estimated from the list's top
 * (viewport-relative, as last reported; `null` when unknown, taken as 0: the list starts at the
 * viewport's top, the most items one viewport can show) and the heights of the items above it.
 * Heights should err low: an item wrongly taken for near is only painted early, while one
 * wrongly taken for far stays blank until its observer reports it (the frame after).
 */
export interface ViewportGuess {
	/** each item's height in CSS px (an estimate, erring low) */
	heights: readonly number[];
	/** space between two items, CSS px */
	gap: number;
	/** the observer's last word on each item: near (true), far (false), none yet (undefined) */
	seen: readonly (boolean | undefined)[];
	/** the list's top, viewport-relative CSS px, or null if not known */
	listTop: number | null;
	viewportHeight: number;
	/** how far beyond the viewport (above and below) still counts as near, CSS px */
	margin: number;
}

export function nearViewport(guess: ViewportGuess): boolean[] {
	const { heights, gap, seen, viewportHeight, margin } = guess;
	let top = guess.listTop ?? 0;
	return heights.map((height, i) => {
		const near = seen[i] ?? (top < viewportHeight + margin && top + height > -margin);
		top += height + gap;
		return near;
	});
}
