/**
 * The imbalance lab's code panel (issue 25): the layers are read back out of the PyTorch and Keras
 * code and their shapes and parameter counts computed by hand (conv 3×3: 9·in·out + out; dense:
 * in·out + out), which must equal the engine's classifier without batch norm, the one the lab
 * trains; the remedies on screen are the ones the code trains; where python3 exists, both
 * byte-compile.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { describe, expect, it } from 'vitest';
import { buildFashionClassifier } from '$lib/engine/architectures/fashionClassifier';
import { IMBALANCE_RECIPES, RECIPES } from '$lib/engine/imbalance/imbalanceTraining';
import { defaultState } from '$lib/state/urlSchema';
import { imbalanceCode } from '../../../src/routes/imbalance/code';
import { imbalanceSchema } from '../../../src/routes/imbalance/lab';

const python = (() => {
	try {
		execFileSync('python3', ['--version']);
		return true;
	} catch {
		return false;
	}
})();

/** Side, channels and parameters after the PyTorch layers, read from the code. */
function torchLayers(code: string) {
	let [side, channels, parameters] = [28, 1, 0];
	for (const line of code.split('\n')) {
		const conv = /nn\.Conv2d\((\d+), (\d+), kernel_size=3, padding=1\)/.exec(line);
		if (conv) {
			expect(Number(conv[1])).toBe(channels);
			channels = Number(conv[2]);
			parameters += 9 * Number(conv[1]) * channels + channels;
		}
		if (/nn\.MaxPool2d\(2\)/.test(line)) side = Math.floor(side / 2);
		const linear = /nn\.Linear\((\d+), (\d+)\)/.exec(line);
		if (linear) {
			const [n, m] = [Number(linear[1]), Number(linear[2])];
			if (channels > 0) expect(n).toBe(channels * side * side); // the first one reads the flattened block
			parameters += n * m + m;
			[channels, side] = [0, 1];
		}
	}
	return parameters;
}

/** Parameters of the Keras layers, read from the code. */
function kerasLayers(code: string) {
	let [side, channels, width, parameters] = [28, 1, 0, 0];
	for (const line of code.split('\n')) {
		const conv = /layers\.Conv2D\((\d+), kernel_size=3, padding='same'/.exec(line);
		if (conv) {
			parameters += 9 * channels * Number(conv[1]) + Number(conv[1]);
			channels = Number(conv[1]);
		}
		if (/MaxPooling2D\(2\)/.test(line)) side = Math.floor(side / 2);
		if (line.includes('Flatten()')) width = side * side * channels;
		const dense = /layers\.Dense\((\d+)/.exec(line);
		if (dense) {
			parameters += width * Number(dense[1]) + Number(dense[1]);
			width = Number(dense[1]);
		}
	}
	return parameters;
}

describe.each(RECIPES)('the imbalance lab’s code, recipe %s', (recipe) => {
	const state = { ...defaultState(imbalanceSchema()), ratio: 25, undersample: false, recipe };
	const listing = imbalanceCode(state);
	const { network, learningRate } = IMBALANCE_RECIPES[recipe];

	it('builds the classifier the lab trains: its parameters equal the engine’s (no batch norm)', async () => {
		await tf.setBackend('cpu');
		const net = buildFashionClassifier({ seed: 1, batchNorm: false, ...network });
		const engine = net.trainableWeights.reduce(
			(sum, w) => sum + w.shape.reduce((a: number, b) => a * (b ?? 1), 1),
			0
		);
		net.dispose();
		expect(torchLayers(listing.pytorch)).toBe(engine);
		expect(kerasLayers(listing.keras)).toBe(engine);
	});

	it('trains the remedies on screen, at the lab’s class, ratio, steps and recipe', () => {
		for (const code of [listing.pytorch, listing.keras]) {
			expect(code).toContain('RARE, RATIO = 6, 25');
			expect(code).toContain(`steps=${state.steps}`);
			expect(code).toContain("VARIANTS = ['baseline', 'class-weights', 'oversampling']");
		}
		expect(listing.pytorch).toContain('nn.CrossEntropyLoss(weight=');
		expect(listing.pytorch).toContain('WeightedRandomSampler');
		// the lab's cosine decay over the run, from the recipe's rate, with the recipe's optimizer
		expect(listing.pytorch).toContain('CosineAnnealingLR(opt, T_max=steps)');
		expect(listing.keras).toContain(`CosineDecay(${learningRate}, steps)`);
		if (recipe === 'sgd') {
			expect(listing.pytorch).toContain(
				`torch.optim.SGD(net.parameters(), lr=${learningRate}, momentum=0.9)`
			);
			expect(listing.keras).toContain('keras.optimizers.SGD(');
			expect(listing.title).toContain('SGD with momentum 0.9');
		} else {
			expect(listing.pytorch).toContain(`torch.optim.Adam(net.parameters(), lr=${learningRate})`);
			expect(listing.keras).toContain('keras.optimizers.Adam(');
			expect(listing.title).toContain('Adam from');
		}
		// the recipe's initialisation: He's written out, or PyTorch's (its default) in Keras
		const he = network.initialization !== 'pytorch';
		expect(listing.pytorch.includes('kaiming_normal_')).toBe(he);
		expect(listing.keras.includes("kernel_initializer='he_normal'")).toBe(he);
		expect(listing.keras.includes('bias_initializer=torch_bias(')).toBe(!he);
		// a dropout layer exactly when the recipe's network has one
		for (const [code, layer] of [
			[listing.pytorch, 'nn.Dropout('],
			[listing.keras, 'layers.Dropout(']
		])
			expect(code.includes(layer)).toBe(network.dropout > 0);
		expect(listing.title).toContain('ρ = 25');
		expect(imbalanceCode({ ...state, weights: false, oversample: false }).pytorch).toContain(
			"VARIANTS = ['baseline']"
		);
	});

	it('gives Keras PyTorch’s bias bound 1/√fan_in per layer (fan_in = 9·in for a conv)', () => {
		if (network.initialization !== 'pytorch') return;
		const fans = [...listing.keras.matchAll(/torch_bias\((\d+)\)/g)].map((m) => Number(m[1]));
		const [c1, c2, c3] = network.channels;
		expect(fans).toEqual([9, 9 * c1, 9 * c2, 3 * 3 * c3, 64]);
	});

	it.skipIf(!python)('byte-compiles with python3 -m py_compile', () => {
		const folder = mkdtempSync(join(tmpdir(), 'convlab-imbalance-code-'));
		const files = ['torch', 'keras'].map((name) => join(folder, `imbalance_${name}.py`));
		writeFileSync(files[0], listing.pytorch);
		writeFileSync(files[1], listing.keras);
		execFileSync('python3', ['-m', 'py_compile', ...files]);
	});
});
