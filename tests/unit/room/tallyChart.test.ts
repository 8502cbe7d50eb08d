/**
 * The tally as charts draw it: before the reveal every bar has one colour (the chart hints at
 * nothing); after it only the revealed answer's bar or bin stands out.
 */
import { describe, expect, it } from 'vitest';
import {
	binColor,
	choiceBars,
	OTHER_COLOR,
	REVEALED_COLOR,
	TALLY_COLOR,
	tallyBins
} from '$lib/room/tallyChart';
import type { RoomChoiceQuestion } from '$lib/room/roomTypes';

const question: RoomChoiceQuestion = {
	id: 'q',
	prompt: 'Which?',
	kind: 'choice',
	choices: [
		{ id: 'a', label: 'Alpha' },
		{ id: 'b', label: 'Beta' }
	]
};
const tally = { kind: 'choice' as const, answered: 3, counts: [{ id: 'b', count: 3 }] };

describe('room tally charts', () => {
	it('bars per choice in order, named by label; one colour until the reveal', () => {
		expect(choiceBars(question, tally, null)).toEqual([
			{ name: 'Alpha', value: 0, color: TALLY_COLOR },
			{ name: 'Beta', value: 3, color: TALLY_COLOR }
		]);
		expect(choiceBars(question, tally, 'a').map((b) => b.color)).toEqual([
			REVEALED_COLOR,
			OTHER_COLOR
		]);
	});

	it('the revealed number’s bin stands out, its neighbours do not', () => {
		const color = binColor(28, 1);
		expect([27, 28, 29].map(color)).toEqual([OTHER_COLOR, REVEALED_COLOR, OTHER_COLOR]);
		expect(binColor(null, 1)(28)).toBe(TALLY_COLOR);
	});

	it('a number tally becomes histogram bins with its own statistics', () => {
		const bins = tallyBins({
			kind: 'number',
			answered: 2,
			edges: [0, 1, 2],
			counts: [1, 1],
			mean: 1,
			std: 0.5,
			min: 0.5,
			max: 1.5
		});
		expect(Array.from(bins.edges)).toEqual([0, 1, 2]);
		expect(Array.from(bins.counts)).toEqual([1, 1]);
		expect(bins).toMatchObject({ total: 2, mean: 1, std: 0.5, min: 0.5, max: 1.5, nonFinite: 0 });
	});
});
