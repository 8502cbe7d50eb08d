import type { ShiftFill } from '$lib/engine/shift';

function along(value: number, positive: string, negative: string): string {
	return `${Math.abs(value)} px ${value < 0 ? negative : positive}`;
}

/** What a setting change did, in one sentence for a screen reader: the shift on screen. */
export function invarianceSummary(dx: number, dy: number, fill: ShiftFill): string {
	const how = fill === 'wrap' ? 'wrapping around' : 'zero fill';
	if (dx === 0 && dy === 0) return `Image not shifted (${how}).`;
	return `Image shifted ${along(dx, 'right', 'left')} and ${along(dy, 'down', 'up')} (${how}); the conv maps move with it.`;
}
