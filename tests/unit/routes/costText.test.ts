import { describe, expect, it } from 'vitest';
import { parameterMemoryText } from '../../../src/routes/fc-vs-conv/costText';

describe('parameterMemoryText', () => {
	it('says the bytes of both layers, however small (never "0 MB … 0 KB")', () => {
		// a 4×4 gray image → 1 unit: FC 4·4·1·1 + 1 = 17 params = 68 B; conv 1×1×1, 1 kernel: 2 params = 8 B
		expect(parameterMemoryText(17, 2)).toBe('68\u00a0B of float32 against 8\u00a0B');
	});
	it('uses decimal units: 512×512×3 → 256 units against 256 kernels 3×3×3', () => {
		const fc = 512 * 512 * 3 * 256 + 256; // 201,326,848 params = 805,307,392 B
		const conv = 3 * 3 * 3 * 256 + 256; // 7,168 params = 28,672 B
		expect(parameterMemoryText(fc, conv)).toBe('805\u00a0MB of float32 against 28.7\u00a0kB');
	});
});
