/**
 * The generated PyTorch and Keras code builds what the lab shows: a small interpreter here reads
 * the layers back out of the code and computes each output shape by the hand formulas
 * (out = ⌊(n + pads − d(k − 1) − 1)/s⌋ + 1; Keras 'same' = ⌈n/s⌉; every s-th row), which must equal
 * the engine's sizes the lab displays. Where python3 exists, every snippet byte-compiles.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { presetArchitecture } from '$lib/engine/architectures/catalogue';
import { outputSize } from '$lib/engine/convArithmetic';
import { pooledLength } from '$lib/engine/pooling';
import { receptiveField } from '$lib/engine/receptiveField';
import {
	convolutionCode,
	fashionClassifierCode,
	fcVsConvCode,
	poolingCode,
	receptiveFieldCode
} from '$lib/codegen/labCode';
import type { Padding } from '$lib/engine/convArithmetic';

type Hw = [number, number];
const num = (text: string, name: string) => {
	const m = new RegExp(`${name}=(\\d+)`).exec(text);
	return m ? Number(m[1]) : null;
};
const slide = (n: number, k: number, s: number, d: number) =>
	Math.floor((n - d * (k - 1) - 1) / s) + 1;

/** [H, W] after the PyTorch model's layers, read from the code (one layer per line). */
function torchShape(code: string, [h0, w0]: Hw): Hw {
	let [h, w] = [h0, w0];
	for (const line of code.split('\n')) {
		const pad = /ConstantPad2d\(\((\d+), (\d+), (\d+), (\d+)\)/.exec(line);
		if (pad) {
			const [l, r, t, b] = pad.slice(1).map(Number);
			[h, w] = [h + t + b, w + l + r];
		}
		const conv =
			/nn\.Conv2d\((\d+), (\d+), kernel_size=(\d+), stride=(\d+), padding=([^,]+), dilation=(\d+)/.exec(
				line
			);
		if (conv) {
			const [k, s, d] = [Number(conv[3]), Number(conv[4]), Number(conv[6])];
			if (conv[5] === "'same'") {
				expect(s).toBe(1); // PyTorch refuses 'same' with a stride
				continue;
			}
			const p = Number(conv[5]);
			[h, w] = [slide(h + 2 * p, k, s, d), slide(w + 2 * p, k, s, d)];
		}
		const pool = /nn\.(Max|Avg)Pool2d\(kernel_size=(\d+), stride=(\d+)\)/.exec(line);
		if (pool) [h, w] = [slide(h, +pool[2], +pool[3], 1), slide(w, +pool[2], +pool[3], 1)];
		if (/Adaptive(Max|Avg)Pool2d\(1\)/.test(line)) [h, w] = [1, 1];
		if (line.startsWith('print')) break;
	}
	return [h, w];
}

/** [H, W] after the Keras model's layers, read from the code. */
function kerasShape(code: string, [h0, w0]: Hw): Hw {
	let [h, w] = [h0, w0];
	for (const line of code.split('\n')) {
		const pad = /ZeroPadding2D\(\(\((\d+), (\d+)\), \((\d+), (\d+)\)\)\)/.exec(line);
		if (pad) {
			const [t, b, l, r] = pad.slice(1).map(Number);
			[h, w] = [h + t + b, w + l + r];
		}
		const layer = /(Conv2D|DepthwiseConv2D|MaxPooling2D|AveragePooling2D)\(/.exec(line);
		if (layer) {
			const k = num(line, 'kernel_size') ?? num(line, 'pool_size')!;
			const s = num(line, 'strides')!;
			const d = num(line, 'dilation_rate') ?? 1;
			if (d > 1) expect(s).toBe(1); // Keras refuses stride with dilation
			if (line.includes("padding='same'")) [h, w] = [Math.ceil(h / s), Math.ceil(w / s)];
			else [h, w] = [slide(h, k, s, d), slide(w, k, s, d)];
		}
		const every = /t\[:, ::(\d+), ::(\d+), :\]/.exec(line);
		if (every) [h, w] = [Math.ceil(h / +every[1]), Math.ceil(w / +every[2])];
		if (/Global(Max|Average)Pooling2D/.test(line)) [h, w] = [1, 1];
	}
	return [h, w];
}

const python = (() => {
	try {
		execFileSync('python3', ['--version'], { stdio: 'ignore' });
		return true;
	} catch {
		return false;
	}
})();
const folder = mkdtempSync(join(tmpdir(), 'convlab-codegen-'));
const snippets: string[] = [];
/** Kept for one `python3 -m py_compile` of every snippet at the end (one interpreter start). */
function compiles(name: string, code: string) {
	const file = join(folder, `${name}.py`);
	writeFileSync(file, code);
	snippets.push(file);
}

describe('the Convolution lab’s code', () => {
	const cases: [number, number, number, number, Padding, number][] = [
		// H, W, k, stride, pad, dilation
		[300, 451, 3, 1, 'same', 1],
		[300, 451, 4, 2, 'same', 1],
		[300, 451, 5, 3, 'same', 2],
		[301, 450, 7, 2, 3, 1],
		[64, 65, 3, 2, 'valid', 2],
		[33, 31, 11, 4, 0, 3]
	];
	it.each(cases)(
		'%i×%i, k=%i s=%i p=%s d=%i: its shapes are the lab’s',
		(h, w, k, stride, pad, dil) => {
			const listing = convolutionCode({ height: h, width: w, channels: 3, k, stride, pad, dil });
			const lab = outputSize(h, w, { kernelSize: k, stride, padding: pad, dilation: dil });
			expect(torchShape(listing.pytorch, [h, w])).toEqual([lab.height, lab.width]);
			expect(kerasShape(listing.keras, [h, w])).toEqual([lab.height, lab.width]);
			expect(listing.pytorch).toContain(`# -> (N, 1, ${lab.height}, ${lab.width})`);
			expect(listing.title).toContain(`→ ${lab.height}×${lab.width}`);
			// the lab's convolution is the kernel alone: no bias in either framework's layer
			const torchConvs = listing.pytorch.split('\n').filter((l) => l.includes('nn.Conv2d('));
			const kerasConvs = listing.keras.split('\n').filter((l) => l.includes('layers.Conv2D('));
			expect(torchConvs).toHaveLength(1);
			expect(kerasConvs).toHaveLength(1);
			expect(torchConvs[0]).toContain('bias=False');
			expect(kerasConvs[0]).toContain('use_bias=False');
			const name = `conv_${k}_${stride}_${pad}_${dil}`;
			compiles(`${name}_torch`, listing.pytorch);
			compiles(`${name}_keras`, listing.keras);
		}
	);
});

describe('the Pooling lab’s code', () => {
	it.each([
		['max', 2, 2],
		['avg', 3, 2],
		['max', 4, 1],
		['gmax', 2, 2]
	] as const)('%s %i/%i on 300×451: the pooled size is the lab’s', (pool, size, stride) => {
		const listing = poolingCode({
			height: 300,
			width: 451,
			channels: 1,
			kernels: 4,
			kernelSize: 3,
			relu: true,
			pool,
			size,
			stride
		});
		// the bank's kernels are hand-chosen, with no bias (convBank.ts)
		expect(listing.pytorch).toMatch(/nn\.Conv2d\(1, 4, .*bias=False\)/);
		expect(listing.keras).toMatch(/layers\.Conv2D\(4, .*use_bias=False\)/);
		const p = { mode: pool, size, stride };
		const lab: Hw = [pooledLength(300, p), pooledLength(451, p)];
		expect(torchShape(listing.pytorch, [300, 451])).toEqual(lab);
		expect(kerasShape(listing.keras, [300, 451])).toEqual(lab);
		compiles(`pool_${pool}_${size}_${stride}_torch`, listing.pytorch);
		compiles(`pool_${pool}_${size}_${stride}_keras`, listing.keras);
	});
});

describe('the Receptive-field lab’s code', () => {
	it.each([
		['conv3x3', 'conv7'],
		['pooled', 'dilated'],
		['alexnet', 'vgg16'],
		['mobilenet', 'conv5']
	] as const)('%s and %s on 224×300: each stack’s last size is the lab’s', (a, b) => {
		const [archA, archB] = [presetArchitecture(a), presetArchitecture(b)];
		const listing = receptiveFieldCode(archA, archB, { channels: 3, height: 224, width: 300 });
		const [torchA, torchB] = listing.pytorch.split('# Stack B');
		const [kerasA, kerasB] = listing.keras.split('# Stack B');
		for (const [arch, torch, keras] of [
			[archA, torchA, kerasA],
			[archB, torchB, kerasB]
		] as const) {
			const last = receptiveField(arch, 224, 300).rows.at(-1)!;
			expect(torchShape(torch, [224, 300])).toEqual([last.y.size, last.x.size]);
			expect(kerasShape(keras, [224, 300])).toEqual([last.y.size, last.x.size]);
		}
		compiles(`rf_${a}_${b}_torch`, listing.pytorch);
		compiles(`rf_${a}_${b}_keras`, listing.keras);
	});
	it('a graph with shortcuts (ResNet-50) gets the library model, not a wrong Sequential', () => {
		const listing = receptiveFieldCode(
			presetArchitecture('resnet50'),
			presetArchitecture('conv7'),
			{ channels: 3, height: 64, width: 64 }
		);
		expect(listing.pytorch).toContain('torchvision.models.resnet50(weights=None)');
		compiles('rf_resnet_torch', listing.pytorch);
	});
});

describe('the Network lab’s code', () => {
	it('flattens what three 2×2 pools leave of 28×28 into the dense layer', () => {
		const listing = fashionClassifierCode(28, [16, 32, 64], 64, 10);
		// 28 → 14 → 7 → 3 (floor), 64 channels: 64·3·3 = 576 inputs to the dense layer
		expect(listing.pytorch).toContain('nn.Linear(576, 64)');
		expect(listing.pytorch).toContain('nn.Conv2d(32, 64, kernel_size=3');
		expect(listing.keras).toContain("layers.Dense(10, activation='softmax')");
		compiles('fashion_torch', listing.pytorch);
		compiles('fashion_keras', listing.keras);
	});
});

describe('the FC-vs-conv lab’s code', () => {
	it('names the parameter counts the lab shows', () => {
		const listing = fcVsConvCode({ height: 300, width: 451, channels: 3, units: 256, k: 3 });
		expect(listing.pytorch).toContain('nn.Linear(405900, 256)');
		expect(listing.pytorch).toContain('103_910_656'); // 300·451·3·256 + 256
		expect(listing.pytorch).toContain('7_168'); // 3·3·3·256 + 256
		compiles('fc_torch', listing.pytorch);
		compiles('fc_keras', listing.keras);
	});
});

describe('every snippet', () => {
	it.skipIf(!python)('byte-compiles with python3 -m py_compile', () => {
		expect(snippets.length).toBeGreaterThan(20);
		execFileSync('python3', ['-m', 'py_compile', ...snippets]);
	});
});
