import { describe, expect, it } from 'vitest';
import { selfieInputCaption, testIndexFromInput } from '../../../src/routes/network/inputCaption';

describe('selfieInputCaption', () => {
	it('says when a photo is stretched into the square input, and which way', () => {
		expect(selfieInputCaption(256, 256)).toBe(
			'What the selfie network gets: your 256×256 image at 256×256'
		);
		expect(selfieInputCaption(512, 341)).toContain('512×341 image stretched to 256×256');
		expect(selfieInputCaption(512, 341)).toContain('squeezed sideways');
		expect(selfieInputCaption(300, 512)).toContain('squeezed up and down');
	});
});

describe('testIndexFromInput', () => {
	it.each([
		['17', 17, ''],
		['0', 0, ''],
		['9999', 9999, ''],
		[
			'12000',
			9999,
			'The test set has 10,000 images, numbered 0–9,999: 12000 is not one of them, so image 9,999 is shown.'
		],
		[
			'-3',
			0,
			'The test set has 10,000 images, numbered 0–9,999: -3 is not one of them, so image 0 is shown.'
		],
		[
			'2.6',
			3,
			'The test set has 10,000 images, numbered 0–9,999: 2.6 is not one of them, so image 3 is shown.'
		],
		['', null, 'The test set has 10,000 images, numbered 0–9,999: type a whole number.']
	])('%s → %s', (typed, index, note) => {
		expect(testIndexFromInput(typed, 10_000)).toEqual({ index, note });
	});
});
