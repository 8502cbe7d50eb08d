/**
 * The batch-norm lab's code panel (issue 25): the PyTorch and Keras code builds the networks the
 * lab trains. The layers are read back out of the code here and their widths and parameter counts
 * computed by hand (Linear: in·out + out, no bias: in·out; BatchNorm: γ and β per unit), which
 * must equal the engine's own networks' trainable sizes; where python3 exists, both byte-compile.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { describe, expect, it } from 'vitest';
import {
	disposeNetwork,
	ioffeNetwork,
	trainable,
	type BnVariant
} from '$lib/engine/batchNorm/ioffeNetwork';
import { ioffeCode } from '../../../src/routes/batch-norm/code';

const python = (() => {
	try {
		execFileSync('python3', ['--version']);
		return true;
	} catch {
		return false;
	}
})();

/** One nn.Sequential's layers, by its variable name, read from the PyTorch code. */
function torchModel(code: string, name: string) {
	const body = new RegExp(`^${name} = nn\\.Sequential\\(\\n([\\s\\S]*?)\\n\\)`, 'm').exec(code)![1];
	let [width, parameters] = [784, 0];
	for (const line of body.split('\n')) {
		const linear = /nn\.Linear\((\d+), (\d+)(, bias=False)?\)/.exec(line);
		if (linear) {
			const [n, m] = [Number(linear[1]), Number(linear[2])];
			expect(n).toBe(width);
			parameters += n * m + (linear[3] ? 0 : m);
			width = m;
		}
		const bn = /nn\.BatchNorm1d\((\d+)/.exec(line);
		if (bn) {
			expect(Number(bn[1])).toBe(width);
			parameters += 2 * width;
		}
	}
	return { width, parameters, body };
}

/** One keras.Sequential's trainable parameters, read from the Keras code. */
function kerasModel(code: string, name: string) {
	const body = new RegExp(`^${name} = keras\\.Sequential\\(\\[\\n([\\s\\S]*?)\\n\\]\\)`, 'm').exec(
		code
	)![1];
	let [width, parameters] = [Number(/Input\(shape=\((\d+),\)\)/.exec(body)![1]), 0];
	for (const line of body.split('\n')) {
		const dense = /layers\.Dense\((\d+)(, use_bias=False)?/.exec(line);
		if (dense) {
			const m = Number(dense[1]);
			parameters += width * m + (dense[2] ? 0 : m);
			width = m;
		}
		if (line.includes('BatchNormalization(')) parameters += 2 * width;
	}
	return { width, parameters, body };
}

function engineParameters(variant: BnVariant): number {
	tf.setBackend('cpu');
	const net = ioffeNetwork(variant, 1);
	const n = trainable(net).reduce((sum, v) => sum + v.size, 0);
	disposeNetwork(net);
	return n;
}

describe('the batch-norm lab’s code', () => {
	const listing = ioffeCode(3);
	it.each([
		['plain', 'plain', 99_710],
		['bn', 'bn', 100_010],
		['noisy_bn', 'noisy-bn', 100_010]
	] as const)('%s: 784 → 10 with the engine’s trainable parameters', (name, variant, byHand) => {
		// by hand: plain 784·100+100 + 2·(100·100+100) + 100·10+10 = 99,710;
		// BN: 784·100 + 2·100·100 + 3·200 (γ, β) + 1,010 = 100,010
		const torch = torchModel(listing.pytorch, name);
		const keras = kerasModel(listing.keras, name);
		expect(torch.width).toBe(10);
		expect(keras.width).toBe(10);
		expect(torch.parameters).toBe(byHand);
		expect(keras.parameters).toBe(byHand);
		expect(engineParameters(variant)).toBe(byHand);
		expect(torch.body.includes('NoisyBN(')).toBe(variant === 'noisy-bn');
		expect(keras.body.includes('NoisyBN(')).toBe(variant === 'noisy-bn');
	});
	it('trains with the lab’s rate, batch, init, ε and momentum', () => {
		expect(listing.pytorch).toContain('torch.optim.SGD(m.parameters(), lr=3)');
		expect(listing.keras).toContain('keras.optimizers.SGD(learning_rate=3)');
		expect(listing.pytorch).toContain('nn.init.normal_(m.weight, std=0.05)');
		// PyTorch's momentum is the new batch's weight: 1 − 0.9
		expect(listing.pytorch).toContain('nn.BatchNorm1d(100, eps=0.001, momentum=0.1)');
		expect(listing.keras).toContain('BatchNormalization(momentum=0.9, epsilon=0.001)');
		expect(listing.title).toContain('rate 3,');
		expect(ioffeCode(0.5).pytorch).toContain('lr=0.5)');
	});
	it.skipIf(!python)('byte-compiles with python3 -m py_compile', () => {
		const folder = mkdtempSync(join(tmpdir(), 'convlab-bn-code-'));
		const files = ['torch', 'keras'].map((k) => join(folder, `ioffe_${k}.py`));
		writeFileSync(files[0], listing.pytorch);
		writeFileSync(files[1], listing.keras);
		execFileSync('python3', ['-m', 'py_compile', ...files]);
	});
});
