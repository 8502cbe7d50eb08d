/**
 * A room tally as the chart renderers take it: bars for a choice question (barChart), bins for a
 * number question (histogram). Before the reveal every bar has one colour, so the chart hints
 * at nothing; after it, the revealed answer's bar (or bin) stands out.
 */
import type { Bar } from '$lib/viz/barChart';
import type { Bins } from '$lib/viz/histogramBins';
import type { RoomAnswer, RoomChoiceQuestion, RoomChoiceTally, RoomNumberTally } from './roomTypes';

export const TALLY_COLOR = '#4c78a8';
export const REVEALED_COLOR = '#1b7837';
export const OTHER_COLOR = '#9a9a9a';

/** One bar per choice, in the question's order, labelled with the choice's text. */
export function choiceBars(
	question: RoomChoiceQuestion,
	tally: RoomChoiceTally,
	revealed: RoomAnswer | null
): Bar[] {
	return question.choices.map(({ id, label }) => ({
		name: label,
		value: tally.counts.find((c) => c.id === id)?.count ?? 0,
		color: revealed === null ? TALLY_COLOR : id === revealed ? REVEALED_COLOR : OTHER_COLOR
	}));
}

/** The number tally as histogram bins (its statistics are the answers' own). */
export function tallyBins(tally: RoomNumberTally): Bins {
	return {
		edges: Float64Array.from(tally.edges),
		counts: Uint32Array.from(tally.counts),
		total: tally.answered,
		min: tally.min ?? NaN,
		max: tally.max ?? NaN,
		mean: tally.mean ?? NaN,
		std: tally.std ?? NaN,
		nonFinite: 0
	};
}

/**
 * The histogram's colour for a bin centred at `centre`: the revealed value's bin stands out once
 * revealed (bins are equal-width, `width` wide).
 */
export function binColor(revealed: number | null, width: number): (centre: number) => string {
	if (revealed === null) return () => TALLY_COLOR;
	return (centre) => (Math.abs(revealed - centre) <= width / 2 ? REVEALED_COLOR : OTHER_COLOR);
}
