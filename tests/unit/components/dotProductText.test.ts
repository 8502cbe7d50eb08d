import { describe, expect, it } from 'vitest';
import { dotProductText } from '../../../src/routes/convolution/dotProductText';

describe('dotProductText', () => {
	it('writes a tiny pixel with 4 significant digits, not "0.0000"', () => {
		const text = dotProductText([{ name: 'luma', sum: 7.484e-6 }], 0, 7.484e-6);
		expect(text.total).toBe('7.484e-6');
		expect(text.check).toBe('Σ of products = 7.484e-6; the feature map holds 7.484e-6.');
		expect(JSON.stringify(text)).not.toContain('0.0000');
	});

	it('RGB: each colour and the total with 4 significant digits, the check names the colour shown', () => {
		const text = dotProductText(
			[
				{ name: 'R', sum: 0.123456 },
				{ name: 'G', sum: -12.3456 },
				{ name: 'B', sum: 0.00054321 }
			],
			1,
			-12.2216,
			'the R+G+B map'
		);
		// 0.123456 − 12.3456 + 0.00054321 = −12.22160079 → 4 significant digits: −12.22
		expect(text.total).toBe('-12.22');
		expect(text.channels).toEqual(['R: 0.1235', 'G: -12.35', 'B: 0.0005432']);
		expect(text.check).toBe('Σ of products = -12.35 (G); the R+G+B map holds -12.22.');
	});
});
