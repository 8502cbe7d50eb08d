import { describe, expect, it } from 'vitest';
import { customArchitecture, parseLayerCode } from '$lib/engine/architectures/layerCode';
import { erfCost, erfRefusal } from '$lib/engine/erfCost';

const custom = (code: string) => customArchitecture(parseLayerCode(code) ?? [], code);

describe('erfCost', () => {
	it.each([
		// one 3×3 conv, 3 → 2 channels, one output pixel: 9 taps · 3 · 2, forward and backward
		['c3', 9, 0, 4, 2 * 9 * 3 * 2, 9 * 3 * 4],
		// c3,c3: the first conv computes the 3×3 pixels the second reads (9 · 9 · 3 · 2), the second
		// one pixel (9 · 2 · 2); each twice
		['c3,c3', 9, 1, 4, 2 * (9 * 9 * 3 * 2 + 9 * 2 * 2), 9 * 9 * 3 * 4],
		// a max pool costs its window per output pixel and channel: 2·2 · 3, twice
		['p2', 8, 0, 2, 2 * 4 * 3, 0]
	])(
		'%s on %i², node %i unit %i: %i multiply-adds, %i bytes',
		(code, size, node, c, macs, bytes) => {
			const arch = custom(code);
			const cost = erfCost(arch, size, size, node, c, c, 2);
			expect(cost.multiplyAdds).toBe(macs);
			expect(cost.largestConvBytes).toBe(bytes);
		}
	);

	it('a single wide dilated conv costs its field only: c31d4 at 512 px is allowed', () => {
		const cost = erfCost(custom('c31d4'), 512, 512, 0, 256, 256, 2);
		// span 121: one output pixel reading 121² input pixels
		expect(cost.fieldPixels).toBe(121 * 121);
		expect(erfRefusal(cost)).toBeNull();
	});

	it('two convs dilated by 32 are refused up front, with the memory they would need', () => {
		// span 961: the second reads the whole 512² output of the first, each pixel of which
		// unrolls 961² taps of 3 channels (4 bytes each): 512² · 961² · 3 · 4 bytes ≈ 2706 GB
		const cost = erfCost(custom('c31d32,c31d32'), 512, 512, 1, 256, 256, 2);
		expect(cost.largestConvBytes).toBe(512 * 512 * 961 * 961 * 3 * 4);
		expect(erfRefusal(cost)).toMatch(/about 2706 GB of working memory .*smaller working size/);
	});
});
