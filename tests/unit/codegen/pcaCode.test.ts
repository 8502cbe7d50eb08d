/**
 * The dimensionality-reduction lab's code: its settings and shapes in the listing, both listings
 * byte-compiled, and — where python3 has NumPy — the NumPy listing run on a small image: the
 * explained shares sum to 1, all p² components rebuild the photo exactly, and the compression
 * ratio is the one counted here by hand.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { pcaCode } from '$lib/codegen/pcaCode';
import { defaultState } from '$lib/state/urlSchema';
import { lab, pcaSchema } from '../../../src/routes/pca/lab';
import { hasPython, snippetFolder } from './python';

const python = snippetFolder('pca');
afterAll(() => {
	if (hasPython) python.compileAll();
});

const numpy =
	hasPython &&
	(() => {
		try {
			execFileSync('python3', ['-c', 'import numpy']);
			return true;
		} catch {
			return false;
		}
	})();

describe('the dimensionality-reduction lab’s code', () => {
	it.each([
		[4, 3],
		[8, 8],
		[16, 256]
	])('p = %i, k = %i: its settings and shapes are the lab’s', (patch, k) => {
		const listing = pcaCode({ height: 300, width: 451, patch, k, count: 20000 });
		for (const code of [listing.pytorch, listing.keras]) {
			expect(code).toContain('H, W = 300, 451');
			expect(code).toContain(`p, k, n = ${patch}, ${k}, 20_000`);
			expect(code).toContain(`cov = X.T @ X / n  # [${patch * patch}, ${patch * patch}]`);
		}
		expect(listing.pytorch).toContain('torch.linalg.eigh(cov)');
		expect(listing.keras).toContain('np.linalg.eigh(cov)');
		expect(listing.title).toBe(
			`PCA of 20,000 random ${patch}×${patch} patches of your 451×300 photo, rebuilt from k = ${k} of ${patch * patch} components`
		);
		python.add(`pca_${patch}_${k}_torch`, listing.pytorch);
		python.add(`pca_${patch}_${k}_numpy`, listing.keras);
	});

	it('the lab shows it once it knows the photo’s size', () => {
		const state = defaultState(pcaSchema());
		expect(lab.code?.(state, {})).toBeNull();
		const listing = lab.code?.(state, { imageHeight: 512, imageWidth: 384 });
		expect(listing?.title).toBe(
			'PCA of 20,000 random 8×8 patches of your 384×512 photo, rebuilt from k = 8 of 64 components'
		);
	});

	it.skipIf(!numpy)(
		'its NumPy listing runs: shares sum to 1, all components rebuild exactly',
		() => {
			const run = (k: number) => {
				const code = pcaCode({ height: 13, width: 17, patch: 4, k, count: 2000 }).keras;
				const out = execFileSync('python3', ['-c', `${code}\nprint("sum", explained.sum())`], {
					encoding: 'utf8'
				});
				const [, psnr, ratio] = out.match(/PSNR (\S+) dB, (\S+):1/)!;
				const sum = Number(out.match(/sum (\S+)/)![1]);
				return { psnr: Number(psnr), ratio: Number(ratio), sum };
			};
			const all = run(16);
			expect(all.sum).toBeCloseTo(1, 10);
			expect(all.psnr).toBeGreaterThan(200); // exact up to float64 rounding
			// 13×17 in 4×4 blocks: 4 down × 5 across = 20 blocks; k = 3 stores 20·3 + 4·16 = 124
			// numbers for 221 pixels: 1.78
			const three = run(3);
			expect(three.ratio).toBe(1.8);
			expect(three.psnr).toBeLessThan(all.psnr);
		}
	);
});
