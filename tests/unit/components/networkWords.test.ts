import { describe, expect, it } from 'vitest';
import { FASHION_CLASSES } from '$lib/engine/fashionClasses';
import { counted, kernelsHeading, withArticle } from '../../../src/routes/network/words';

describe('the Network lab’s words', () => {
	it('puts the right article before every class name', () => {
		expect(FASHION_CLASSES.map(withArticle)).toEqual([
			'a T-shirt/top',
			'a Trouser',
			'a Pullover',
			'a Dress',
			'a Coat',
			'a Sandal',
			'a Shirt',
			'a Sneaker',
			'a Bag',
			'an Ankle boot'
		]);
	});

	it('agrees in number', () => {
		expect(kernelsHeading(1)).toBe('The kernel that feeds it');
		expect(kernelsHeading(16)).toBe('The 16 kernels that feed it (one per input channel)');
		expect(counted(1, 'channel')).toBe('1 channel');
		expect(counted(1000, 'image')).toBe('1,000 images');
	});
});
