/**
 * Where a key moves the focus in a k×k grid (the ARIA grid pattern): arrows one cell, stopping
 * at the edges; Home/End the row's ends; Ctrl (or ⌘) + Home/End the first/last cell;
 * PageUp/PageDown the column's ends. Indexes are row-major, row · size + col.
 * @returns the new index, or null when the key is not a movement key.
 */
export function gridMove(key: string, index: number, size: number, ctrl = false): number | null {
	const row = Math.floor(index / size);
	const col = index % size;
	const last = size - 1;
	const target: Record<string, [number, number]> = {
		ArrowLeft: [row, Math.max(0, col - 1)],
		ArrowRight: [row, Math.min(last, col + 1)],
		ArrowUp: [Math.max(0, row - 1), col],
		ArrowDown: [Math.min(last, row + 1), col],
		Home: ctrl ? [0, 0] : [row, 0],
		End: ctrl ? [last, last] : [row, last],
		PageUp: [0, col],
		PageDown: [last, col]
	};
	const to = Object.hasOwn(target, key) ? target[key] : undefined;
	return to ? to[0] * size + to[1] : null;
}
