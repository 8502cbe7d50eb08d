// The Residual lab's prediction and code listing, against numbers worked out here: the verdict from
// lesion accuracies by the "half the margin above chance" rule; the networks the PyTorch and Keras
// code build, read back out of the code (weight layers = depth, parameters = the engine's own
// variables), and, where python3 exists, the code byte-compiles.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
	disposeNetwork,
	residualNetwork,
	trainableVariables
} from '$lib/engine/residual/residualNetwork';
import { defaultState } from '$lib/state/urlSchema';
import { lab } from '../../../src/routes/residual/lab';
import { lesionPrediction } from '../../../src/routes/residual/prediction';
import { residualCode } from '../../../src/routes/residual/residualCode';
import { useBackend } from '../tfBackend';

const state = { depth: 20, block: 3 };

describe('predict, then reveal: one block deleted', () => {
	it('is declared by the lab, answers nothing before a lesion study, quotes the numbers after', () => {
		expect(lab.predictions).toContain(lesionPrediction);
		const s = defaultState(lab.schema());
		expect(lesionPrediction.answer({}, s)).toBeNull();
		expect(lesionPrediction.measured({ step: 300 }, s)).toBeNull();
		expect(lesionPrediction.modelAnswer.split(/(?<=\.) /).length).toBeGreaterThanOrEqual(3);
		expect(lesionPrediction.prompt!({}, state)).toContain('delete block 3 of each');
		expect(lesionPrediction.prompt!({}, state)).toContain('20-layer');
	});

	it.each([
		// plain 83.3 % → 12 % (margin 0.733 → 0.02: falls); residual 93.7 % → 80 % (0.837 → 0.70: keeps)
		[0.833, 0.12, 0.937, 0.8, 'plain-falls'],
		// both keep more than half of their margin: 0.5 → 0.26, 0.8 → 0.75
		[0.6, 0.36, 0.9, 0.85, 'both-keep'],
		// 0.5 → 0.24 is less than half; 0.8 → 0.3 too
		[0.6, 0.34, 0.9, 0.4, 'both-fall'],
		[0.9, 0.88, 0.9, 0.2, 'residual-falls']
	])('plain %f → %f, residual %f → %f: %s', (pi, pl, ri, rl, verdict) => {
		const o = {
			step: 2000,
			plainTestAccuracy: pi,
			plainLesioned: pl,
			residualTestAccuracy: ri,
			residualLesioned: rl
		};
		expect(lesionPrediction.answer(o, state)).toBe(verdict);
		const m = lesionPrediction.measured(o, state)!;
		expect(m.value).toBe(rl);
		expect(m.text).toContain(`Block 3 deleted, after 2000 steps`);
		expect(m.text).toContain(
			`plain-20 ${(100 * pi).toFixed(1)} % → ${(100 * pl).toFixed(1)} %, residual-20 ${(100 * ri).toFixed(1)} % → ${(100 * rl).toFixed(1)} %`
		);
	});
});

/** Trainable parameters of the PyTorch code: once-only layers plus `blocks` × the Block's own. */
function torchParameters(code: string): { parameters: number; weightLayers: number } {
	const blocks = Number(/residual = network\((\d+), shortcut=True\)/.exec(code)![1]);
	const count = (text: string) => {
		let parameters = 0;
		let weightLayers = 0;
		// the Block's layers are written with its `width`, 64 in every call
		const size = (v: string) => (v === 'width' ? 64 : Number(v));
		for (const m of text.matchAll(/nn\.Linear\((\d+|width), (\d+|width)(, bias=False)?\)/g)) {
			parameters += size(m[1]) * size(m[2]) + (m[3] ? 0 : size(m[2]));
			weightLayers++;
		}
		// bn(width): γ and β
		for (const m of text.matchAll(/bn\((\d+|width)\)/g)) parameters += 2 * size(m[1]);
		return { parameters, weightLayers };
	};
	const block = code.slice(code.indexOf('class Block'), code.indexOf('def network'));
	const outer = code.slice(code.indexOf('def network'));
	const b = count(block.replace(/def bn[\s\S]*?\n\n/, ''));
	const o = count(outer);
	return {
		parameters: o.parameters + blocks * b.parameters,
		weightLayers: o.weightLayers + blocks * b.weightLayers
	};
}

const python = (() => {
	try {
		execFileSync('python3', ['--version'], { stdio: 'ignore' });
		return true;
	} catch {
		return false;
	}
})();

describe('the code for the networks on screen', () => {
	beforeAll(() => useBackend('cpu'));
	/** What the lab trains: the engine's own variables (784·64 + 2·64, n·2·(64·64 + 2·64), 64·10 + 10). */
	const engineParameters = (depth: number) => {
		const net = residualNetwork({ depth, wiring: 'residual' }, 1);
		const total = trainableVariables(net).reduce((s, v) => s + v.size, 0);
		disposeNetwork(net);
		return total;
	};
	it.each([
		[8, 3],
		[20, 9],
		[56, 27]
	])(
		'depth %i: %i blocks, as many weight layers as the depth, the engine’s parameters',
		(depth, n) => {
			const listing = lab.code!(
				{ ...defaultState(lab.schema()), depth: depth as 8 | 20 | 56, lr: 0.05 },
				{}
			)!;
			expect(listing.title).toContain(`${n} blocks`);
			const torch = torchParameters(listing.pytorch);
			expect(torch.weightLayers).toBe(depth);
			expect(torch.parameters).toBe(engineParameters(depth));
			expect(engineParameters(depth)).toBe(784 * 64 + 128 + n * 2 * (64 * 64 + 128) + 650);
			// Keras: two Dense layers per block in the loop, the input layer and the head outside it
			const keras = listing.keras;
			expect(keras).toContain(`plain = network(${n}, shortcut=False)`);
			const loop = keras.slice(
				keras.indexOf('for _ in range(blocks)'),
				keras.indexOf('return keras.Model')
			);
			expect((loop.match(/layers\.Dense\(/g) ?? []).length * n + 2).toBe(depth);
			expect(listing.pytorch).toContain('lr=0.05, momentum=0.9, weight_decay=0.0001');
			expect(listing.pytorch).toContain('eps=0.001, momentum=0.1');
		}
	);

	it.skipIf(!python)('byte-compiles with python3 -m py_compile', () => {
		const folder = mkdtempSync(join(tmpdir(), 'convlab-residual-code-'));
		const listing = residualCode(20, 0.02);
		const files = ['torch', 'keras'].map((name) => join(folder, `${name}.py`));
		writeFileSync(files[0], listing.pytorch);
		writeFileSync(files[1], listing.keras);
		execFileSync('python3', ['-m', 'py_compile', ...files]);
	});
});
