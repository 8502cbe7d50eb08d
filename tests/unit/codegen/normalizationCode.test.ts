/**
 * The Normalization lab's code: its shapes by hand ((H − 2)(W − 2) patches of 9 pixels, 784
 * pixels in, 10 classes out), its settings in the code, and — where python3 has NumPy — the
 * preprocessing code itself run on a small image: the Hessian's eigenvalues it prints must be
 * the lab's (patchConditioning, the numbers of the lab's eigenvalue chart and κ table).
 */
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { normalizationCode } from '$lib/codegen/normalizationCode';
import { PRESET_LABELS, presetKernel } from '$lib/engine/kernelPresets';
import { patchConditioning } from '$lib/engine/normalization/patchConditioning';
import { patchMoments } from '$lib/engine/normalization/patchMoments';
import { PREPROCESSINGS, type Preprocessing } from '$lib/engine/normalization/preprocessing';
import { defaultState } from '$lib/state/urlSchema';
import { lab, normalizationSchema } from '../../../src/routes/normalization/lab';
import { hasPython, snippetFolder } from './python';

const settings = (show: Preprocessing, height = 300, width = 451) => ({
	height,
	width,
	targetName: 'Sobel x',
	target: presetKernel('sobel-x', 3),
	show,
	lr: 0.95,
	iters: 20000,
	clfRate: 1.5,
	clfSteps: 120,
	trainCount: 2000
});

const python = snippetFolder('normalization');
afterAll(() => {
	if (hasPython) python.compileAll();
});

describe('the Normalization lab’s code', () => {
	it.each(PREPROCESSINGS)('%s: its shapes and settings are the lab’s', (show) => {
		const listing = normalizationCode(settings(show));
		// 300×451 has (300 − 2)·(451 − 2) = 298·449 = 133,802 valid 3×3 patches
		expect(listing.pytorch).toContain('(133_802, 9)');
		expect(listing.keras).toContain('(133_802, 9)');
		expect(listing.title).toContain('133,802 patches of your 451×300 image (width × height)');
		for (const code of [listing.pytorch, listing.keras]) {
			expect(code).toContain('0.95 * 2 / eig[-1]');
			expect(code).toContain('1.5 * 20 / lam_max');
			expect(code).toMatch(/\[:2000\]\.reshape\(-1, 784\) \/ 255/);
		}
		// the target as floats: a torch int64 tensor would not multiply the float64 patches
		expect(listing.pytorch).toContain(
			'target = torch.tensor([-1, 0, 1, -2, 0, 2, -1, 0, 1], dtype=torch.float64)'
		);
		expect(listing.pytorch).toContain('for step in range(20000):');
		expect(listing.pytorch).toContain('for step in range(120):');
		expect(listing.pytorch).toContain('nn.Linear(784, 10)');
		expect(listing.keras).toContain('epochs=120');
		expect(listing.keras).toContain('layers.Dense(10,');
		expect(listing.keras).toContain('keras.Input(shape=(9,))');
		python.add(`norm_${show}_torch`, listing.pytorch);
		python.add(`norm_${show}_keras`, listing.keras);
	});

	it('standardises a patch by one σ and a Fashion-MNIST image pixel by pixel, as the lab does', () => {
		const listing = normalizationCode(settings('standardised'));
		expect(listing.pytorch).toContain('sigma = (patches - mu).pow(2).mean().sqrt()');
		expect(listing.pytorch).toContain('sigma = X.std(0, correction=0)');
		expect(listing.keras).toContain('sigma = X.std(0)');
		const whitened = normalizationCode(settings('whitened'));
		expect(whitened.keras).toContain('np.sqrt(lam + 0.00001)'); // PATCH_ZCA_EPSILON
		expect(whitened.keras).toContain('np.sqrt(lam + 0.1)'); // FASHION_ZCA_EPSILON
	});

	// A 9×11 image with an edge, a gradient and noise: every preprocessing well conditioned.
	const [h, w] = [9, 11];
	const luma = Array.from({ length: h * w }, (_, i) => {
		const [y, x] = [Math.floor(i / w), i % w];
		return (x > 5 ? 0.7 : 0.2) + 0.03 * y + 0.05 * Math.sin(7 * i * i);
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
	it.skipIf(!numpy)(
		'its NumPy preprocessing gives the Hessian eigenvalues the lab shows, for every preprocessing',
		() => {
			const analysis = patchConditioning(patchMoments({ data: luma, width: w, height: h }));
			// Part 1 of each Keras listing, without Keras, on this image: print the eigenvalues.
			const scripts = PREPROCESSINGS.map((p) => {
				const code = normalizationCode(settings(p, h, w)).keras;
				const part = code.slice(code.indexOf('# 1.'), code.indexOf('fit = keras'));
				return part.replace(
					/^image = .*$/m,
					`image = np.array(${JSON.stringify(luma)}).reshape(${h}, ${w})`
				);
			});
			const program = [
				'import json',
				'import numpy as np',
				'out = []',
				...scripts.map(
					(s) =>
						`def run():\n${s.replace(/^/gm, '    ')}\n    return eig.tolist()\nout.append(run())`
				),
				'print(json.dumps(out))'
			].join('\n');
			const printed = JSON.parse(
				execFileSync('python3', ['-'], { input: program, encoding: 'utf8' }).split('\n').at(-2)!
			) as number[][];
			PREPROCESSINGS.forEach((p, i) => {
				const lab = [...analysis[p].eigen.values].sort((a, b) => a - b);
				expect(printed[i]).toHaveLength(9);
				printed[i].forEach((v, j) =>
					expect(v).toBeCloseTo(lab[j], 9 - Math.ceil(Math.log10(lab[8])))
				);
			});
		}
	);
});

describe('the Normalization lab’s code hook', () => {
	const state = defaultState(normalizationSchema());
	it('lists the fit on the image the lab measured, with its target and preprocessing', () => {
		const listing = lab.code!(
			{ ...state, show: 'whitened', target: 'sobel-x' },
			{ imageHeight: 120, imageWidth: 80 }
		);
		expect(listing?.title).toContain(`fitted to ${PRESET_LABELS['sobel-x']} on the 9,204 patches`); // 118·78
		expect(listing?.pytorch).toContain('ZCA');
		expect(lab.code!(state, {})).toBeNull();
	});
});
