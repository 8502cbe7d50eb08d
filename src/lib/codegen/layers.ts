/**
 * PyTorch and Keras lines for a chain of conv / depthwise / pooling layers (the LayerOp the
 * receptive-field lab uses), with the shape after each layer as a comment. Padding follows the
 * labs' convention (convArithmetic.ts): 'valid', TensorFlow's 'same', or p zeros on each side.
 * Where a framework has no direct equivalent the code spells the padding out:
 * - PyTorch refuses padding='same' for a strided layer: an explicit ZeroPad2d (the odd zero after).
 * - Keras refuses stride > 1 together with dilation > 1: a stride-1 dilated conv, then every s-th
 *   row and column (the same numbers).
 */
import { axisPadding, type ConvGeometry } from '$lib/engine/convArithmetic';
import type { LayerOp } from '$lib/engine/architectures/architecture';

/** [channels, height, width] flowing through the chain. */
export interface Shape {
	channels: number;
	height: number;
	width: number;
}

export interface ChainCode {
	torch: string[];
	keras: string[];
	/** the shape after each layer */
	shapes: Shape[];
}

const geometry = (op: LayerOp): ConvGeometry => ({
	kernelSize: op.kernel,
	stride: op.stride,
	padding: op.padding,
	dilation: op.dilation
});

/** The shape after `op` on `input`, by the labs' output-size rule. */
export function layerShape(op: LayerOp, input: Shape): Shape {
	const g = geometry(op);
	const channels = op.kind === 'conv' ? op.channels : input.channels;
	return {
		channels,
		height: axisPadding(input.height, g).out,
		width: axisPadding(input.width, g).out
	};
}

const shapeComment = (s: Shape, order: 'chw' | 'hwc') =>
	order === 'chw'
		? `# -> (N, ${s.channels}, ${s.height}, ${s.width})`
		: `# -> (None, ${s.height}, ${s.width}, ${s.channels})`;

/** Explicit padding (left, right, top, bottom) of `op` on `input`, or null for none. */
function explicitPads(op: LayerOp, input: Shape): [number, number, number, number] | null {
	const g = geometry(op);
	const y = axisPadding(input.height, g);
	const x = axisPadding(input.width, g);
	const pads: [number, number, number, number] = [x.before, x.after, y.before, y.after];
	return pads.some((p) => p > 0) ? pads : null;
}

function torchLayer(op: LayerOp, input: Shape, bias: boolean): string[] {
	const lines: string[] = [];
	const { kernel: k, stride: s, dilation: d } = op;
	let padding = '0';
	if (op.padding === 'same' && s === 1 && op.kind !== 'maxpool' && op.kind !== 'avgpool')
		padding = "'same'";
	else if (typeof op.padding === 'number' && op.kind !== 'avgpool' && op.kind !== 'maxpool')
		padding = String(op.padding);
	else if (op.padding !== 'valid') {
		const pads = explicitPads(op, input);
		if (pads) {
			const fill = op.kind === 'maxpool' ? "float('-inf')" : '0.0';
			lines.push(`nn.ConstantPad2d((${pads.join(', ')}), ${fill}),`);
		}
	}
	if (op.kind === 'conv' || op.kind === 'dwconv') {
		const out = op.kind === 'conv' ? op.channels : input.channels;
		const groups = op.kind === 'dwconv' ? `, groups=${input.channels}` : '';
		const noBias = bias ? '' : ', bias=False';
		lines.push(
			`nn.Conv2d(${input.channels}, ${out}, kernel_size=${k}, stride=${s}, padding=${padding}, dilation=${d}${groups}${noBias}),`
		);
	} else {
		const name = op.kind === 'maxpool' ? 'MaxPool2d' : 'AvgPool2d';
		lines.push(`nn.${name}(kernel_size=${k}, stride=${s}),`);
	}
	if (op.relu) lines.push('nn.ReLU(),');
	return lines;
}

function kerasLayer(op: LayerOp, input: Shape, bias: boolean): string[] {
	const lines: string[] = [];
	const { kernel: k, stride: s, dilation: d } = op;
	const split = s > 1 && d > 1; // Keras: no stride with dilation
	let padding = op.padding === 'valid' ? 'valid' : 'same';
	if (typeof op.padding === 'number' || (split && op.padding === 'same')) {
		const pads = explicitPads(op, input);
		if (pads)
			lines.push(`layers.ZeroPadding2D(((${pads[2]}, ${pads[3]}), (${pads[0]}, ${pads[1]}))),`);
		padding = 'valid';
	}
	const act = (op.relu ? ", activation='relu'" : '') + (bias ? '' : ', use_bias=False');
	const stride = split ? 1 : s;
	if (op.kind === 'conv')
		lines.push(
			`layers.Conv2D(${op.channels}, kernel_size=${k}, strides=${stride}, padding='${padding}', dilation_rate=${d}${act}),`
		);
	else if (op.kind === 'dwconv')
		lines.push(
			`layers.DepthwiseConv2D(kernel_size=${k}, strides=${stride}, padding='${padding}', dilation_rate=${d}${act}),`
		);
	else {
		const name = op.kind === 'maxpool' ? 'MaxPooling2D' : 'AveragePooling2D';
		lines.push(`layers.${name}(pool_size=${k}, strides=${s}, padding='${padding}'),`);
		if (op.relu) lines.push('layers.ReLU(),');
	}
	if (split) lines.push(`layers.Lambda(lambda t: t[:, ::${s}, ::${s}, :]),  # stride ${s}`);
	return lines;
}

/**
 * The lines of a chain of layers on an input of `input`, each followed by its output shape.
 * `bias: false` for a lab whose convolutions add no bias (the kernel alone), so the code computes
 * what the lab does; a framework's conv layer adds one by default.
 */
export function chainCode(
	ops: readonly LayerOp[],
	input: Shape,
	{ bias = true }: { bias?: boolean } = {}
): ChainCode {
	const torch: string[] = [];
	const keras: string[] = [];
	const shapes: Shape[] = [];
	let shape = input;
	for (const op of ops) {
		const next = layerShape(op, shape);
		torch.push(...torchLayer(op, shape, bias));
		keras.push(...kerasLayer(op, shape, bias));
		torch[torch.length - 1] += `  ${shapeComment(next, 'chw')}`;
		keras[keras.length - 1] += `  ${shapeComment(next, 'hwc')}`;
		shapes.push(next);
		shape = next;
	}
	return { torch, keras, shapes };
}

const indent = (lines: readonly string[], by = '    ') => lines.map((line) => by + line).join('\n');

/** A whole PyTorch script: an nn.Sequential of the lines, run on zeros of the input's shape. */
export function torchScript(lines: readonly string[], input: Shape, extra = ''): string {
	return [
		'import torch',
		'from torch import nn',
		'',
		`model = nn.Sequential(\n${indent(lines)}\n)`,
		extra,
		`x = torch.zeros(1, ${input.channels}, ${input.height}, ${input.width})  # N, C, H, W`,
		'print(model(x).shape)'
	]
		.filter((line, i, all) => line !== '' || all[i - 1] !== '')
		.join('\n');
}

/** A whole Keras script: a Sequential model of the lines on an input of the image's shape. */
export function kerasScript(lines: readonly string[], input: Shape): string {
	return [
		'import keras',
		'from keras import layers',
		'',
		'model = keras.Sequential([',
		`    keras.Input(shape=(${input.height}, ${input.width}, ${input.channels})),  # H, W, C`,
		indent(lines),
		'])',
		'model.summary()'
	].join('\n');
}
