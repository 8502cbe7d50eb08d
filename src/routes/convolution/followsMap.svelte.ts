/**
 * A copy of some page state for the views that explain the settings rather than show the
 * result (the kernel grid, the output-size formula, the written answer). It follows the feature
 * map: updated in the frame after the map is drawn (`mapDrawn()`), or within `fallbackMs` when no
 * map is coming (no image yet, an empty output), so their re-rendering — 121 grid cells, KaTeX —
 * never stands between a control and the map. Call during component initialisation.
 */
import { untrack } from 'svelte';
import { afterPaint } from '$lib/state/afterPaint';

export interface FollowsMap<T> {
	readonly value: T;
	/** the map for the current settings is on screen */
	mapDrawn(): void;
}

/** `read` should return a $derived value, so an unchanged setting keeps its identity. */
export function followsMap<T>(read: () => T, fallbackMs = 120): FollowsMap<T> {
	let value = $state.raw(untrack(read));
	const catchUp = () => {
		const next = untrack(read);
		if (next !== value) value = next;
	};
	const afterMap = afterPaint(catchUp, 0);
	$effect(() => {
		read();
		const timer = setTimeout(catchUp, fallbackMs);
		return () => clearTimeout(timer);
	});
	$effect(() => afterMap.dispose);
	return {
		get value() {
			return value;
		},
		mapDrawn: () => afterMap.schedule()
	};
}
