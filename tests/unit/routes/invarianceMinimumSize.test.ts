import { describe, expect, it } from 'vitest';
import { imageSizeProblem } from '../../../src/routes/invariance/minimumSize';

describe('imageSizeProblem', () => {
	it('lets 16×16 and larger through', () => {
		expect(imageSizeProblem(16, 16)).toBeNull();
		expect(imageSizeProblem(300, 451)).toBeNull();
	});
	it.each([
		[1, 300, 'This image is 300×1 px'],
		[200, 3, 'This image is 3×200 px'],
		[15, 15, 'This image is 15×15 px']
	])('a %i×%i (height × width) image is explained, with the minimum', (height, width, start) => {
		const text = imageSizeProblem(height, width)!;
		expect(text.startsWith(start)).toBe(true);
		expect(text).toContain('at least 16×16 px');
	});
});
