import { describe, expect, it } from 'vitest';
import { confusionHeading } from '../../../src/routes/network/confusionHeading';

describe('confusionHeading', () => {
	it('quotes the accuracy of the weights on screen only', () => {
		// the shipped weights scored 92.1 %; training now shows weights of version 7
		const stale = confusionHeading({
			accuracy: 0.921,
			done: 10_000,
			total: 10_000,
			rowsVersion: 0,
			version: 7
		});
		expect(stale.title).not.toMatch(/\d+\.\d %/);
		expect(stale.title).toBe('Test set: not yet measured for the weights shown');
		expect(stale.note).toContain('92.1 % correct) is for earlier weights');
	});

	it.each([
		[
			{ accuracy: NaN, done: 0, total: 10_000, rowsVersion: -1, version: 0 },
			'Test set: computing…',
			''
		],
		[
			{ accuracy: 0.7512, done: 3000, total: 10_000, rowsVersion: 7, version: 7 },
			'Test set: 75.1 % correct so far',
			'on the first 3,000 of 10,000 images, with the weights shown'
		],
		[
			{ accuracy: 0.921, done: 10_000, total: 10_000, rowsVersion: 0, version: 0 },
			'Test set: 92.1 % correct',
			''
		]
	])('%o', (progress, title, note) => {
		expect(confusionHeading(progress)).toEqual({ title, note });
	});
});
