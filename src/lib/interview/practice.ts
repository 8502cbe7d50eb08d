/**
 * Endless numeric practice: the arithmetic questions interviews ask about conv layers, with fresh
 * numbers each time. Each answer comes from the engine's own functions — the ones the labs show
 * (convArithmetic's output length, layerCost's parameter count, receptiveField's recurrences) —
 * and each problem carries its worked formula with the numbers filled in.
 */
import { axisPadding, effectiveKernelSize } from '$lib/engine/convArithmetic';
import { convolutionCost } from '$lib/engine/layerCost';
import { receptiveField } from '$lib/engine/receptiveField';
import { chain, layer, type LayerOp } from '$lib/engine/architectures/architecture';
import { formatLayerCode } from '$lib/engine/architectures/layerCode';
import type { LabPath } from '$lib/labs';

export const PRACTICE_KINDS = [
	'conv-output',
	'pool-output',
	'conv-parameters',
	'conv-multiply-adds',
	'receptive-field',
	'jump'
] as const;
export type PracticeKind = (typeof PRACTICE_KINDS)[number];

export const KIND_TITLES: Record<PracticeKind, string> = {
	'conv-output': 'Conv output size',
	'pool-output': 'Pooling output size',
	'conv-parameters': 'Conv parameters',
	'conv-multiply-adds': 'Conv multiply-adds',
	'receptive-field': 'Receptive field',
	jump: 'Jump'
};

/** One layer of a practice stack: a conv (any k, stride, dilation) or a max-pool (stride = size). */
export interface StackLayer {
	kind: 'conv' | 'maxpool';
	kernel: number;
	stride: number;
	dilation: number;
}

export type Given =
	| {
			kind: 'conv-output';
			n: number;
			kernel: number;
			stride: number;
			padding: number | 'same';
			dilation: number;
	  }
	| { kind: 'pool-output'; n: number; size: number; stride: number }
	| { kind: 'conv-parameters'; kernel: number; inChannels: number; outChannels: number }
	| {
			kind: 'conv-multiply-adds';
			n: number;
			kernel: number;
			stride: number;
			inChannels: number;
			outChannels: number;
	  }
	| { kind: 'receptive-field' | 'jump'; layers: StackLayer[] };

export interface Problem {
	given: Given;
	/** the question, with its numbers */
	prompt: string;
	/** what the unit of the answer is, for the input's label */
	unit: string;
	answer: number;
	/** the formula, then the formula with the numbers, down to the answer */
	working: string[];
	/** a lab that shows these numbers, with the settings to type in there */
	lab?: { path: LabPath; query: string };
}

type Random = () => number;

const count = (value: number) => value.toLocaleString('en-US');
const pick = <T>(random: Random, items: readonly T[]): T =>
	items[Math.floor(random() * items.length)];
const between = (random: Random, min: number, max: number) =>
	min + Math.floor(random() * (max - min + 1));

function convOutput(random: Random): Problem {
	for (;;) {
		const n =
			random() < 0.5 ? pick(random, [28, 32, 56, 64, 112, 224, 227]) : between(random, 7, 100);
		const kernel = pick(random, [1, 2, 3, 3, 3, 5, 5, 7, 11]);
		const stride = pick(random, [1, 1, 2, 2, 3, 4]);
		const dilation = random() < 0.7 ? 1 : pick(random, [2, 3]);
		const padding: number | 'same' =
			random() < 0.2 ? 'same' : between(random, 0, Math.floor(kernel / 2) + 1);
		const geometry = { kernelSize: kernel, stride, padding, dilation };
		const { out, before, after } = axisPadding(n, geometry);
		if (out < 1) continue;
		const given: Given = { kind: 'conv-output', n, kernel, stride, padding, dilation };
		const dilated = dilation > 1 ? ` and dilation d = ${dilation}` : '';
		const pad =
			padding === 'same' ? '‘same’ padding (TensorFlow’s rule)' : `padding p = ${padding}`;
		const prompt = `A convolution with a ${kernel}×${kernel} kernel, stride s = ${stride}, ${pad}${dilated} runs over a ${n}×${n} input. How many pixels wide is its output?`;
		const working =
			padding === 'same'
				? [
						'With ‘same’ padding the output length is out = ⌈n / s⌉, whatever the kernel.',
						`(TensorFlow adds max((out − 1)·s + d(k − 1) + 1 − n, 0) = ${before + after} zeros: ${before} before, ${after} after.)`,
						`out = ⌈${n} / ${stride}⌉ = ${out}`
					]
				: (() => {
						const numerator = n + 2 * padding - effectiveKernelSize(kernel, dilation);
						return [
							'out = ⌊(n + 2p − d(k − 1) − 1) / s⌋ + 1',
							`= ⌊(${n} + 2·${padding} − ${dilation}·(${kernel} − 1) − 1) / ${stride}⌋ + 1`,
							`= ⌊${numerator} / ${stride}⌋ + 1 = ${Math.floor(numerator / stride)} + 1 = ${out}`
						];
					})();
		return {
			given,
			prompt,
			unit: 'pixels',
			answer: out,
			working,
			lab: {
				path: '/convolution/',
				query: `k=${kernel}&stride=${stride}&pad=${padding}&dil=${dilation}`
			}
		};
	}
}

function poolOutput(random: Random): Problem {
	const size = pick(random, [2, 2, 3, 3, 4]);
	const stride = random() < 0.6 ? size : between(random, 1, 3);
	const n =
		random() < 0.5 ? pick(random, [13, 27, 55, 56, 112, 113, 224]) : between(random, size, 100);
	// A pool is a window with no padding and no dilation: the same length arithmetic as a conv.
	const out = axisPadding(n, { kernelSize: size, stride, padding: 'valid', dilation: 1 }).out;
	const numerator = n - size;
	return {
		given: { kind: 'pool-output', n, size, stride },
		prompt: `Max-pooling with a ${size}×${size} window and stride ${stride} (no padding) runs over a ${n}×${n} map. How many pixels wide is the pooled map?`,
		unit: 'pixels',
		answer: out,
		working: [
			'Only whole windows count: out = ⌊(n − size) / stride⌋ + 1',
			`= ⌊(${n} − ${size}) / ${stride}⌋ + 1 = ⌊${numerator} / ${stride}⌋ + 1 = ${Math.floor(numerator / stride)} + 1 = ${out}`
		],
		lab:
			size <= 4 && stride <= 4
				? { path: '/pooling/', query: `pool=max&psize=${size}&pstride=${stride}` }
				: undefined
	};
}

const IN_CHANNELS = [1, 3, 16, 32, 64, 128, 256];
const OUT_CHANNELS = [8, 16, 32, 64, 128, 256, 512];

function convParameters(random: Random): Problem {
	const kernel = pick(random, [1, 3, 3, 5, 7]);
	const inChannels = pick(random, IN_CHANNELS);
	const outChannels = pick(random, OUT_CHANNELS);
	// The spatial size does not matter for the parameter count: weights are shared.
	const cost = convolutionCost(1, 1, inChannels, outChannels, kernel);
	return {
		given: { kind: 'conv-parameters', kernel, inChannels, outChannels },
		prompt: `A conv layer has ${outChannels} kernels of ${kernel}×${kernel} over ${inChannels} input channel${inChannels === 1 ? '' : 's'}, with one bias per kernel. How many learnable parameters does it have?`,
		unit: 'parameters',
		answer: cost.parameters,
		working: [
			'weights = k·k·C_in·C_out, biases = C_out',
			`weights = ${kernel}·${kernel}·${inChannels}·${outChannels} = ${count(cost.weights)}; biases = ${outChannels}`,
			`parameters = ${count(cost.weights)} + ${outChannels} = ${count(cost.parameters)} (the image size does not enter: every position shares the weights)`
		]
	};
}

function convMultiplyAdds(random: Random): Problem {
	const n = pick(random, [7, 14, 28, 32, 56, 64, 112]);
	const kernel = pick(random, [1, 3, 3, 5]);
	const stride = pick(random, [1, 1, 2]);
	const inChannels = pick(random, IN_CHANNELS);
	const outChannels = pick(random, OUT_CHANNELS);
	const arch = {
		...chain('practice', 'practice', [
			{ name: 'conv', op: layer('conv', kernel, { stride, channels: outChannels }) }
		]),
		inputChannels: inChannels
	};
	const row = receptiveField(arch, n, n).rows[0];
	const out = row.x.size;
	return {
		given: { kind: 'conv-multiply-adds', n, kernel, stride, inChannels, outChannels },
		prompt: `A conv layer with ${outChannels} kernels of ${kernel}×${kernel}, stride ${stride} and ‘same’ padding runs over a ${n}×${n}×${inChannels} input. How many multiply-adds does it take for one image (biases not counted)?`,
		unit: 'multiply-adds',
		answer: row.macs,
		working: [
			'multiply-adds = (output positions) · (weights per position) = out·out·k·k·C_in·C_out',
			`out = ⌈${n} / ${stride}⌉ = ${out} (‘same’ padding)`,
			`${out}·${out}·${kernel}·${kernel}·${inChannels}·${outChannels} = ${count(row.macs)}`
		]
	};
}

function randomStack(random: Random): StackLayer[] {
	const depth = between(random, 2, 5);
	return Array.from({ length: depth }, (): StackLayer => {
		if (random() < 0.25) {
			const size = pick(random, [2, 3]);
			return { kind: 'maxpool', kernel: size, stride: 2, dilation: 1 };
		}
		return {
			kind: 'conv',
			kernel: pick(random, [1, 3, 3, 3, 5, 7]),
			stride: random() < 0.3 ? 2 : 1,
			dilation: random() < 0.15 ? 2 : 1
		};
	});
}

function describeLayer(l: StackLayer): string {
	const name = l.kind === 'conv' ? 'conv' : 'max-pool';
	const stride = l.stride > 1 || l.kind === 'maxpool' ? ` stride ${l.stride}` : '';
	const dilation = l.dilation > 1 ? ` dilation ${l.dilation}` : '';
	return `${name} ${l.kernel}×${l.kernel}${stride}${dilation}`;
}

function stackProblem(kind: 'receptive-field' | 'jump', random: Random): Problem {
	const layers = randomStack(random);
	const ops: LayerOp[] = layers.map((l) =>
		layer(l.kind, l.kernel, { stride: l.stride, dilation: l.dilation, channels: 64 })
	);
	const arch = chain(
		'practice',
		'practice',
		ops.map((op, i) => ({ name: `layer${i + 1}`, op }))
	);
	// 224 px keeps every layer's output non-empty for up to five stride-2 layers.
	const rows = receptiveField(arch, 224, 224).rows;
	const last = rows[rows.length - 1].x;
	const steps = layers.map((l, i) => {
		const before =
			i === 0 ? { rf: 1, jump: 1 } : { rf: rows[i - 1].x.rf, jump: rows[i - 1].x.jump };
		const here = rows[i].x;
		return `layer ${i + 1}, ${describeLayer(l)}: r = ${before.rf} + (${l.kernel} − 1)·${l.dilation}·${before.jump} = ${here.rf}, j = ${before.jump}·${l.stride} = ${here.jump}`;
	});
	const stack = layers.map(describeLayer).join('; ');
	const question =
		kind === 'receptive-field'
			? 'What is the receptive field, in input pixels along one side, of one unit of the last layer?'
			: 'What is the jump of the last layer: how many input pixels apart are two neighbouring units?';
	return {
		given: { kind, layers },
		prompt: `A stack, input first: ${stack}. ${question}`,
		unit: 'pixels',
		answer: kind === 'receptive-field' ? last.rf : last.jump,
		working: [
			'Start with r = 1, j = 1; each layer adds r += (k − 1)·d·j, then j ·= s.',
			...steps,
			kind === 'receptive-field' ? `r = ${last.rf}` : `j = ${last.jump}`
		],
		lab: {
			path: '/receptive-field/',
			query: `arch=custom&layers=${formatLayerCode(ops)}`
		}
	};
}

/** A fresh problem of `kind` drawn with `random` (uniform in [0, 1); seed it for a test). */
export function makeProblem(kind: PracticeKind, random: Random): Problem {
	switch (kind) {
		case 'conv-output':
			return convOutput(random);
		case 'pool-output':
			return poolOutput(random);
		case 'conv-parameters':
			return convParameters(random);
		case 'conv-multiply-adds':
			return convMultiplyAdds(random);
		case 'receptive-field':
		case 'jump':
			return stackProblem(kind, random);
	}
}

/**
 * The number the learner typed, or null when it is not a whole number. Thousands separators
 * (commas, spaces, underscores) are accepted, as people write 73,856.
 */
export function parseAnswer(text: string): number | null {
	const cleaned = text.trim().replace(/[\s,_\u2009\u202f]/g, '');
	if (!/^-?\d+$/.test(cleaned)) return null;
	const value = Number(cleaned);
	return Number.isSafeInteger(value) ? value : null;
}
