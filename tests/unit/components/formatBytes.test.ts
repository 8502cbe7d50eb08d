import { describe, expect, it } from 'vitest';
import { formatBytes } from '$lib/components/formatBytes';

describe('formatBytes', () => {
	it.each([
		[0, '0 B'],
		[64, '64 B'], // a 16-parameter conv in float32: never "0 KB"
		[999, '999 B'],
		[1000, '1 kB'],
		[1_792, '1.79 kB'],
		[999_499, '999 kB'],
		[999_500, '1 MB'], // rounds up into the next unit, not "1000 kB"
		[4 * 1024 * 1024, '4.19 MB'],
		[4 * 256 * 512 * 512, '268 MB'], // the /invariance FC layer at 512²: 256 · 512² float32
		[4 * 256 * 1024 * 1024, '1.07 GB']
	])('%i bytes is %s (decimal units)', (bytes, text) => {
		// number and unit are joined by a no-break space, so they never wrap apart
		expect(formatBytes(bytes)).toBe(text.replace(' ', '\u00a0'));
	});
});
