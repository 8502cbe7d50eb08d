/**
 * The Segmentation lab's U-Net code builds the lab's U-Net: a small interpreter reads the layers
 * back out of the PyTorch and the Keras listing and runs shapes through them by each framework's
 * own size rules (PyTorch: ⌊(n + 2p − k)/s⌋ + 1, transposed (n − 1)s − 2p + k; Keras 'same':
 * n·s up, ⌈n/s⌉ down), checking every channel count where layers meet. Each encoder level must
 * be the size the lab shows, by hand: the side padded up to a multiple of 2^(depth − 1), halved
 * per level, base·2^l channels; the output the picture's own H×W×K; and the parameters the code
 * declares must number what the engine's U-Net holds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '../tfBackend';
import { transposedPadding, unetCode } from '$lib/codegen/unetCode';
import {
	createUNet,
	disposeUNet,
	levelShapes,
	parameterCount,
	type UNetConfig
} from '$lib/engine/segmentation/unet';
import { segmentationSchema, type SegmentationState } from '$lib/state/segmentationState';
import { defaultState } from '$lib/state/urlSchema';
import { lab, unetObservations } from '../../../src/routes/segmentation/lab';
import { hasPython, snippetFolder } from './python';

/** [channels, height, width] */
type T = { c: number; h: number; w: number };
type Layer = { apply: (t: T) => T; params: number };

/** Split at top-level commas (outside (), []). */
function splitTop(s: string): string[] {
	const parts: string[] = [];
	let depth = 0;
	let start = 0;
	for (let i = 0; i < s.length; i++) {
		const ch = s[i];
		if (ch === '(' || ch === '[') depth++;
		else if (ch === ')' || ch === ']') depth--;
		else if (ch === ',' && depth === 0) {
			parts.push(s.slice(start, i).trim());
			start = i + 1;
		}
	}
	const last = s.slice(start).trim();
	if (last) parts.push(last);
	return parts;
}

/** `name(args)rest` → [name, args, rest], the args' parentheses matched. */
function call(expr: string): [string, string, string] | null {
	const open = expr.indexOf('(');
	if (open < 0) return null;
	let depth = 0;
	for (let i = open; i < expr.length; i++) {
		if (expr[i] === '(') depth++;
		else if (expr[i] === ')' && --depth === 0)
			return [expr.slice(0, open), expr.slice(open + 1, i), expr.slice(i + 1)];
	}
	throw new Error(`unbalanced: ${expr}`);
}

const kw = (args: string[], name: string, fallback?: number): number => {
	const hit = args.find((a) => a.startsWith(`${name}=`));
	if (hit) return Number(hit.split('=')[1]);
	if (fallback === undefined) throw new Error(`no ${name} in ${args.join(', ')}`);
	return fallback;
};
const expectChannels = (t: T, c: number) => {
	if (t.c !== c) throw new Error(`a layer for ${c} channels gets ${t.c}`);
};
const slice = (n: number, stop: string) =>
	Number(stop) < 0 ? n + Number(stop) : Math.min(n, +stop);

/** One PyTorch layer: nn.Conv2d, nn.ConvTranspose2d, nn.BatchNorm2d, nn.ReLU, nn.Upsample, nn.MaxPool2d, nn.Sequential. */
function torchLayer(expr: string, vars: Record<string, number>): Layer {
	const [name, argText] = call(expr)!;
	const args = splitTop(argText).map((a) => (a in vars ? String(vars[a]) : a));
	switch (name) {
		case 'nn.Conv2d':
		case 'nn.ConvTranspose2d': {
			const [cin, cout] = [Number(args[0]), Number(args[1])];
			const [k, s, p] = [kw(args, 'kernel_size'), kw(args, 'stride', 1), kw(args, 'padding', 0)];
			const side =
				name === 'nn.Conv2d'
					? (n: number) => Math.floor((n + 2 * p - k) / s) + 1
					: (n: number) => (n - 1) * s - 2 * p + k + kw(args, 'output_padding', 0);
			return {
				apply: (t) => (expectChannels(t, cin), { c: cout, h: side(t.h), w: side(t.w) }),
				params: k * k * cin * cout + (args.includes('bias=False') ? 0 : cout)
			};
		}
		case 'nn.BatchNorm2d': {
			const c = Number(args[0]);
			return { apply: (t) => (expectChannels(t, c), t), params: 2 * c };
		}
		case 'nn.ReLU':
			return { apply: (t) => t, params: 0 };
		case 'nn.Upsample':
			expect(kw(args, 'scale_factor')).toBe(2);
			expect(argText).toContain("mode='nearest'");
			return { apply: (t) => ({ c: t.c, h: 2 * t.h, w: 2 * t.w }), params: 0 };
		case 'nn.MaxPool2d':
			return {
				apply: (t) => ({ ...t, h: Math.floor(t.h / 2), w: Math.floor(t.w / 2) }),
				params: 0
			};
		case 'nn.Sequential':
			return sequence(args.filter(Boolean).map((a) => torchLayer(a, vars)));
		default:
			throw new Error(`unknown layer ${name}`);
	}
}

function sequence(layers: Layer[]): Layer {
	return {
		apply: (t) => layers.reduce((x, l) => l.apply(x), t),
		params: layers.reduce((sum, l) => sum + l.params, 0)
	};
}

const between = (code: string, from: string, to: string) => {
	const start = code.indexOf(from);
	expect(start).toBeGreaterThanOrEqual(0);
	return code.slice(start + from.length, code.indexOf(to, start + from.length));
};
const comment = (line: string) => line.replace(/\s+#.*$/, '').trim();

interface Run {
	/** e0 … the encoder maps */
	encoder: T[];
	output: T;
	params: number;
}

/** Build the PyTorch model from its listing and run an input of 3×h×w through `forward`. */
function runTorch(code: string, input: T): Run {
	const blockLayers = between(code, 'return nn.Sequential(', '\n    )')
		.split('\n')
		.map(comment)
		.filter(Boolean)
		.map((l) => l.replace(/,$/, ''));
	const block = (cin: number, cout: number) =>
		sequence(blockLayers.map((l) => torchLayer(l, { c_in: cin, c_out: cout })));
	const modules: Record<string, Layer> = {};
	for (const line of between(code, 'super().__init__()', 'def forward').split('\n')) {
		const m = /^self\.(\w+) = (.*)$/.exec(comment(line));
		if (!m) continue;
		const b = /^block\((\d+), (\d+)\)$/.exec(m[2]);
		modules[m[1]] = b ? block(+b[1], +b[2]) : torchLayer(m[2], {});
	}
	const env: Record<string, T> = { x: input };
	const evaluate = (expr: string): T => {
		const cut = /^(.*)\[:, :, :(-?\d+), :(-?\d+)\]$/.exec(expr);
		if (cut) {
			const t = evaluate(cut[1]);
			return { c: t.c, h: slice(t.h, cut[2]), w: slice(t.w, cut[3]) };
		}
		if (/^\w+$/.test(expr)) return env[expr] ?? fail(expr);
		if (expr === 'x - 0.5') return env.x;
		const [name, args] = call(expr) ?? fail(expr);
		const parts = splitTop(args);
		if (name.startsWith('self.')) return modules[name.slice(5)].apply(evaluate(args));
		if (name === 'pad_symmetric') {
			const t = evaluate(parts[0]);
			return { c: t.c, h: t.h + Number(parts[1]), w: t.w + Number(parts[2]) };
		}
		if (name === 'torch.cat') {
			expect(parts[1]).toBe('dim=1');
			const ts = splitTop(parts[0].slice(1, -1)).map(evaluate);
			expect(ts.map((t) => [t.h, t.w])).toEqual(ts.map(() => [ts[0].h, ts[0].w]));
			return { c: ts.reduce((s, t) => s + t.c, 0), h: ts[0].h, w: ts[0].w };
		}
		return fail(expr);
	};
	let output: T | null = null;
	for (const line of between(code, 'def forward', '\n\n').split('\n').slice(1)) {
		const l = comment(line);
		if (l.startsWith('return ')) output = evaluate(l.slice(7));
		else {
			const [name, expr] = l.split(' = ');
			env[name] = evaluate(expr);
		}
	}
	const encoder = Object.keys(env)
		.filter((k) => /^e\d$/.test(k))
		.sort()
		.map((k) => env[k]);
	const params = Object.values(modules).reduce((s, m) => s + m.params, 0);
	return { encoder, output: output ?? fail('no return'), params };
}

/** Build the Keras functional model from its listing: input (h, w, 3). */
function runKeras(code: string, input: T): Run {
	const blockDef = between(code, 'def block(x, channels):', '    return x');
	const repeats = Number(/range\((\d+)\)/.exec(blockDef)![1]);
	const conv = /Conv2D\(channels, kernel_size=(\d+), padding='same'(, use_bias=False)?\)/.exec(
		blockDef
	)!;
	const [k, bias] = [Number(conv[1]), !conv[2]];
	const bn = blockDef.includes('layers.BatchNormalization(');
	let params = 0;
	const block = (t: T, ch: number): T => {
		let c = t.c;
		for (let i = 0; i < repeats; i++) {
			params += k * k * c * ch + (bias ? ch : 0) + (bn ? 2 * ch : 0);
			c = ch;
		}
		return { c: ch, h: t.h, w: t.w };
	};
	const env: Record<string, T> = { inputs: input };
	const evaluate = (expr: string): T => {
		const cut = /^(.*)\[:, :(\d+), :(\d+)\]$/.exec(expr);
		if (cut) {
			const t = evaluate(cut[1]);
			return { c: t.c, h: slice(t.h, cut[2]), w: slice(t.w, cut[3]) };
		}
		if (/^\w+$/.test(expr)) return env[expr] ?? fail(expr);
		if (expr === 'inputs - 0.5') return env.inputs;
		const [name, argText, rest] = call(expr) ?? fail(expr);
		const args = splitTop(argText);
		if (name === 'pad_symmetric') {
			const t = evaluate(args[0]);
			return { c: t.c, h: t.h + Number(args[1]), w: t.w + Number(args[2]) };
		}
		if (name === 'block') return block(evaluate(args[0]), Number(args[1]));
		const inner = rest.slice(1, -1);
		if (name === 'layers.Concatenate') {
			const ts = splitTop(inner.slice(1, -1)).map(evaluate);
			expect(ts.map((t) => [t.h, t.w])).toEqual(ts.map(() => [ts[0].h, ts[0].w]));
			return { c: ts.reduce((s, t) => s + t.c, 0), h: ts[0].h, w: ts[0].w };
		}
		const t = evaluate(inner);
		if (name === 'layers.MaxPooling2D' || name === 'layers.UpSampling2D') {
			expect(args).toEqual(['2']);
			const f =
				name === 'layers.MaxPooling2D' ? (n: number) => Math.floor(n / 2) : (n: number) => 2 * n;
			return { c: t.c, h: f(t.h), w: f(t.w) };
		}
		if (name === 'layers.Conv2D' || name === 'layers.Conv2DTranspose') {
			const [c, kk, s] = [Number(args[0]), kw(args, 'kernel_size'), kw(args, 'strides', 1)];
			params += kk * kk * t.c * c + (args.includes('use_bias=False') ? 0 : c);
			const same = argText.includes("padding='same'");
			const side =
				name === 'layers.Conv2DTranspose'
					? (n: number) => n * s // Keras 'same' transposed
					: (n: number) => (same ? Math.ceil(n / s) : Math.floor((n - kk) / s) + 1);
			return { c, h: side(t.h), w: side(t.w) };
		}
		return fail(expr);
	};
	let output: T | null = null;
	for (const line of code.split('\n')) {
		if (line.startsWith(' ')) continue; // inside a def
		const m = /^(\w+) = (.*)$/.exec(comment(line));
		if (!m || m[1] === 'model') continue;
		if (m[1] === 'inputs') {
			const shape = /keras\.Input\(shape=\((\d+), (\d+), (\d+)\)\)/.exec(m[2])!;
			expect([+shape[1], +shape[2], +shape[3]]).toEqual([input.h, input.w, input.c]);
			continue;
		}
		env[m[1]] = evaluate(m[2]);
		if (m[1] === 'logits') output = env.logits;
	}
	const encoder = Object.keys(env)
		.filter((key) => /^e\d$/.test(key))
		.sort()
		.map((key) => env[key]);
	return { encoder, output: output ?? fail('no logits'), params };
}

function fail(what: string): never {
	throw new Error(`cannot read: ${what}`);
}

const python = snippetFolder('unet');
beforeAll(() => useBackend('cpu'));
afterAll(() => {
	if (hasPython) python.compileAll();
});

const config = (overrides: Partial<UNetConfig>): UNetConfig => ({
	depth: 3,
	base: 8,
	skips: true,
	upsampling: 'transposed',
	upKernel: 3,
	batchNorm: false,
	classes: 2,
	...overrides
});

describe('the U-Net code', () => {
	it.each([
		// H, W, settings
		[128, 128, config({})],
		[100, 75, config({ depth: 4, upKernel: 4, batchNorm: true, classes: 3 })],
		[97, 128, config({ depth: 2, upKernel: 2, skips: false, base: 4 })],
		[64, 43, config({ depth: 3, upsampling: 'resize', batchNorm: true })],
		[123, 77, config({ depth: 4, upsampling: 'resize', skips: false, base: 16, classes: 4 })],
		[31, 50, config({ depth: 4, upKernel: 3, base: 16, batchNorm: true })]
	])('%i×%i %j: its levels, output and parameters are the lab’s', (h, w, cfg) => {
		const listing = unetCode({ config: cfg, input: [h, w], mode: 'scribble' });
		// by hand: the side padded up to a multiple of 2^(depth − 1), halved per level
		const m = 2 ** (cfg.depth - 1);
		const hand = Array.from({ length: cfg.depth }, (_, l) => ({
			c: cfg.base * 2 ** l,
			h: (Math.ceil(h / m) * m) / 2 ** l,
			w: (Math.ceil(w / m) * m) / 2 ** l
		}));
		// … which is what the lab's diagram shows
		expect(levelShapes(cfg, h, w).map(([hh, ww, c]) => ({ c, h: hh, w: ww }))).toEqual(hand);
		const net = createUNet(cfg);
		const params = parameterCount(net);
		disposeUNet(net);
		for (const run of [
			runTorch(listing.pytorch, { c: 3, h, w }),
			runKeras(listing.keras, { c: 3, h, w })
		]) {
			expect(run.encoder).toEqual(hand);
			expect(run.output).toEqual({ c: cfg.classes, h, w });
			expect(run.params).toBe(params);
		}
		expect(listing.title).toContain(`${h}×${w} picture`);
		const name = `unet_${h}_${w}_${cfg.depth}_${cfg.upsampling}${cfg.upKernel}`;
		python.add(`${name}_torch`, listing.pytorch);
		python.add(`${name}_keras`, listing.keras);
	});

	it.each([2, 3, 4, 5])(
		'k = %i: a transposed conv with PyTorch’s padding and crop is TensorFlow’s ×2 “same”',
		(k) => {
			// TF's 'same' transposed conv = the input gradient of the stride-2 'same' conv of 2h rows
			const [h, cin, cout] = [5, 2, 3];
			const x = tf.randomNormal([1, h, h, cin], 0, 1, 'float32', 3) as tf.Tensor4D;
			const filter = tf.randomNormal([k, k, cout, cin], 0, 1, 'float32', 4) as tf.Tensor4D;
			const tfSame = tf.conv2dTranspose(x, filter, [1, 2 * h, 2 * h, cout], 2, 'same');
			// PyTorch's: the full transposed conv ((h − 1)·2 + k rows), `padding` rows off the top
			const full = tf.conv2dTranspose(
				x,
				filter,
				[1, 2 * (h - 1) + k, 2 * (h - 1) + k, cout],
				2,
				'valid'
			);
			const { padding, crop } = transposedPadding(k);
			const torchRows = 2 * (h - 1) + k - 2 * padding - (crop ? 1 : 0);
			expect(torchRows).toBe(2 * h);
			const torch = tf.slice(full, [0, padding, padding, 0], [1, 2 * h, 2 * h, cout]);
			expect(Array.from(torch.dataSync())).toEqual(Array.from(tfSame.dataSync()));
			tf.dispose([x, filter, tfSame, full, torch]);
		}
	);

	it('the pretrained U-Net has no training lines; the scribble one trains with Adam', () => {
		const cfg = config({ upsampling: 'resize', batchNorm: true });
		const pretrained = unetCode({ config: cfg, input: [64, 64], mode: 'pretrained' });
		const scribble = unetCode({ config: cfg, input: [64, 64], mode: 'scribble' });
		expect(pretrained.pytorch).not.toContain('optimizer');
		expect(scribble.pytorch).toContain('torch.optim.Adam(model.parameters(), lr=0.01');
		expect(scribble.keras).toContain('keras.optimizers.Adam(learning_rate=0.01)');
		// batch norm: Keras keeps 0.9 of the running statistics a step, PyTorch updates by 0.1
		expect(pretrained.pytorch).toContain('nn.BatchNorm2d(c_out, eps=1e-3, momentum=0.1)');
		expect(pretrained.keras).toContain('layers.BatchNormalization(momentum=0.9, epsilon=1e-3)');
		python.add('unet_pretrained_torch', pretrained.pytorch);
		python.add('unet_pretrained_keras', pretrained.keras);
	});
});

describe('the Segmentation lab’s code hook', () => {
	const state = defaultState(segmentationSchema()) as SegmentationState;
	it('lists the U-Net that is shown — the pretrained one’s own architecture — at the size it reads', () => {
		// the shipped pretrained U-Net (static/models/unet-scenes/unet.json)
		const shipped: UNetConfig = config({ upsampling: 'resize', batchNorm: true });
		const observed = {
			netInputSize: '64×48',
			depth: 3,
			skips: true,
			...unetObservations(shipped)
		};
		const listing = lab.code!(
			{ ...state, mode: 'pretrained', depth: 4, up: 'transposed' },
			observed
		);
		expect(listing?.title).toContain('The pretrained U-Net: 3 levels of 8, 16, 32 channels');
		expect(listing?.pytorch).toContain("nn.Upsample(scale_factor=2, mode='nearest')");
		expect(listing?.pytorch).toContain('# -> (N, 2, 64, 48)');
	});
	it('lists nothing for the selfie model or before the U-Net is known', () => {
		const observed = {
			netInputSize: '64×48',
			depth: 3,
			skips: true,
			...unetObservations(config({}))
		};
		expect(lab.code!({ ...state, mode: 'selfie' }, observed)).toBeNull();
		expect(lab.code!(state, { ...observed, ...unetObservations(null) })).toBeNull();
	});
});
