/**
 * The code listing of each lab's current configuration, from its settings and what it measured
 * (the image size): pure functions, tested by reading the shapes back out of the code.
 */
import { layer, type Architecture, type LayerOp } from '$lib/engine/architectures/architecture';
import type { Padding } from '$lib/engine/convArithmetic';
import { chainCode, kerasScript, torchScript, type Shape } from './layers';
import type { CodeListing } from './listing';

const padWords = (p: Padding) => (typeof p === 'number' ? `padding ${p}` : `padding '${p}'`);

/** The Convolution lab: one kernel (one output channel, no bias) over the gray or RGB image. */
export function convolutionCode(settings: {
	height: number;
	width: number;
	channels: 1 | 3;
	k: number;
	stride: number;
	pad: Padding;
	dil: number;
}): CodeListing {
	const { k, stride, pad, dil } = settings;
	const input: Shape = {
		channels: settings.channels,
		height: settings.height,
		width: settings.width
	};
	const op: LayerOp = layer('conv', k, {
		stride,
		padding: pad,
		dilation: dil,
		channels: 1,
		relu: false
	});
	const code = chainCode([op], input, { bias: false });
	const out = code.shapes[0];
	return {
		title: `One ${k}×${k} kernel, stride ${stride}, ${padWords(pad)}, dilation ${dil}, on the ${settings.height}×${settings.width}×${settings.channels} image → ${out.height}×${out.width}.`,
		pytorch: torchScript(code.torch, input),
		keras: kerasScript(code.keras, input)
	};
}

/** The Pooling lab: the conv bank ('same', stride 1, optional ReLU), then the pooling. */
export function poolingCode(settings: {
	height: number;
	width: number;
	channels: 1 | 3;
	kernels: number;
	kernelSize: number;
	relu: boolean;
	pool: 'max' | 'avg' | 'gmax' | 'gavg';
	size: number;
	stride: number;
}): CodeListing {
	const input: Shape = {
		channels: settings.channels,
		height: settings.height,
		width: settings.width
	};
	const bank = layer('conv', settings.kernelSize, {
		channels: settings.kernels,
		relu: settings.relu
	});
	const global = settings.pool === 'gmax' || settings.pool === 'gavg';
	const ops: LayerOp[] = [bank];
	if (!global)
		ops.push(
			layer(settings.pool === 'max' ? 'maxpool' : 'avgpool', settings.size, {
				stride: settings.stride
			})
		);
	// the bank's kernels are hand-chosen, with no bias (convBank.ts)
	const code = chainCode(ops, input, { bias: false });
	if (global) {
		const max = settings.pool === 'gmax';
		const c = settings.kernels;
		code.torch.push(`nn.Adaptive${max ? 'Max' : 'Avg'}Pool2d(1),  # -> (N, ${c}, 1, 1)`);
		code.keras.push(
			`layers.Global${max ? 'Max' : 'Average'}Pooling2D(keepdims=True),  # -> (None, 1, 1, ${c})`
		);
	}
	const poolWords = global
		? `global ${settings.pool === 'gmax' ? 'max' : 'average'} pooling`
		: `${settings.size}×${settings.size} ${settings.pool} pooling, stride ${settings.stride}`;
	return {
		title: `${settings.kernels} kernels ${settings.kernelSize}×${settings.kernelSize} ('same'${settings.relu ? ', ReLU' : ''}), then ${poolWords}.`,
		pytorch: torchScript(code.torch, input),
		keras: kerasScript(code.keras, input)
	};
}

/** The FC-vs-conv lab: N fully connected units on the whole image against N conv kernels. */
export function fcVsConvCode(settings: {
	height: number;
	width: number;
	channels: 1 | 3;
	units: number;
	k: number;
}): CodeListing {
	const { height: h, width: w, channels: c, units: n, k } = settings;
	const torch = [
		'import torch',
		'from torch import nn',
		'',
		`fc = nn.Sequential(nn.Flatten(), nn.Linear(${h * w * c}, ${n}))  # ${h}·${w}·${c} inputs per unit`,
		`conv = nn.Conv2d(${c}, ${n}, kernel_size=${k}, padding='same')  # ${k}·${k}·${c} weights per kernel`,
		'',
		'count = lambda m: sum(p.numel() for p in m.parameters())',
		`x = torch.zeros(1, ${c}, ${h}, ${w})`,
		`print(fc(x).shape, count(fc))  # (1, ${n}), ${(h * w * c * n + n).toLocaleString('en').replaceAll(',', '_')}`,
		`print(conv(x).shape, count(conv))  # (1, ${n}, ${h}, ${w}), ${(k * k * c * n + n).toLocaleString('en').replaceAll(',', '_')}`
	].join('\n');
	const keras = [
		'import keras',
		'from keras import layers',
		'',
		`inputs = keras.Input(shape=(${h}, ${w}, ${c}))`,
		`fc = keras.Model(inputs, layers.Dense(${n})(layers.Flatten()(inputs)))`,
		`conv = keras.Model(inputs, layers.Conv2D(${n}, kernel_size=${k}, padding='same')(inputs))`,
		`print(fc.output.shape, fc.count_params())  # (None, ${n})`,
		`print(conv.output.shape, conv.count_params())  # (None, ${h}, ${w}, ${n})`
	].join('\n');
	return {
		title: `${n} fully connected units on the ${h}×${w}×${c} image against ${n} conv kernels of ${k}×${k}.`,
		pytorch: torch,
		keras
	};
}

/** The Receptive-field lab: a stack as a Sequential model, or a note for a graph with shortcuts. */
export function stackCode(
	title: string,
	ops: readonly LayerOp[] | null,
	input: Shape
): { pytorch: string; keras: string } {
	if (!ops)
		return {
			pytorch: `# ${title} has shortcut joins: it is not a Sequential stack.\nimport torchvision\nmodel = torchvision.models.resnet50(weights=None)`,
			keras: `# ${title} has shortcut joins: it is not a Sequential stack.\nimport keras\nmodel = keras.applications.ResNet50(weights=None)`
		};
	const code = chainCode(ops, input);
	return { pytorch: torchScript(code.torch, input), keras: kerasScript(code.keras, input) };
}

/** The layers of an architecture that is a plain chain (each node reads the one before), else null. */
export function chainOps(arch: Architecture): LayerOp[] | null {
	const ops: LayerOp[] = [];
	for (const [i, node] of arch.nodes.entries()) {
		if (node.op.kind === 'add' || node.inputs.length !== 1 || node.inputs[0] !== i - 1) return null;
		ops.push(node.op);
	}
	return ops;
}

/** The Receptive-field lab: stacks A and B on the image. */
export function receptiveFieldCode(a: Architecture, b: Architecture, input: Shape): CodeListing {
	const [codeA, codeB] = [a, b].map((arch) => stackCode(arch.title, chainOps(arch), input));
	return {
		title: `Stack A (${a.title}) and stack B (${b.title}) on the ${input.height}×${input.width}×${input.channels} image.`,
		pytorch: `# Stack A: ${a.title}\n${codeA.pytorch}\n\n# Stack B: ${b.title}\n${codeB.pytorch}`,
		keras: `# Stack A: ${a.title}\n${codeA.keras}\n\n# Stack B: ${b.title}\n${codeB.keras}`
	};
}

/**
 * The Network lab's Fashion-MNIST classifier (fashionClassifier.ts): three blocks of 3×3 conv
 * ('same', no bias) → batch norm → ReLU → 2×2 max-pool, then dense → ReLU → dropout → 10 logits.
 */
export function fashionClassifierCode(
	side: number,
	channels: readonly number[],
	dense: number,
	classes: number
): CodeListing {
	const torch: string[] = [];
	const keras: string[] = [`keras.Input(shape=(${side}, ${side}, 1)),`];
	let [c, n] = [1, side];
	for (const out of channels) {
		n = Math.floor(n / 2);
		torch.push(
			`nn.Conv2d(${c}, ${out}, kernel_size=3, padding='same', bias=False),`,
			`nn.BatchNorm2d(${out}),`,
			'nn.ReLU(),',
			`nn.MaxPool2d(2),  # -> (N, ${out}, ${n}, ${n})`
		);
		keras.push(
			`layers.Conv2D(${out}, kernel_size=3, padding='same', use_bias=False),`,
			'layers.BatchNormalization(momentum=0.9),',
			'layers.ReLU(),',
			`layers.MaxPooling2D(2),  # -> (None, ${n}, ${n}, ${out})`
		);
		c = out;
	}
	const flat = c * n * n;
	torch.push(
		`nn.Flatten(),  # ${c}·${n}·${n} = ${flat}`,
		`nn.Linear(${flat}, ${dense}),`,
		'nn.ReLU(),',
		'nn.Dropout(0.25),',
		`nn.Linear(${dense}, ${classes}),  # logits; softmax in the loss (nn.CrossEntropyLoss)`
	);
	keras.push(
		`layers.Flatten(),  # ${flat}`,
		`layers.Dense(${dense}, activation='relu'),`,
		'layers.Dropout(0.25),',
		`layers.Dense(${classes}, activation='softmax'),`
	);
	const input: Shape = { channels: 1, height: side, width: side };
	return {
		title: `The Fashion-MNIST classifier: ${channels.length} blocks of 3×3 conv, batch norm, ReLU and 2×2 max-pool (${channels.join(', ')} channels), then ${dense} dense units and ${classes} classes, on ${side}×${side} grey images.`,
		pytorch: torchScript(torch, input),
		keras: [
			'import keras',
			'from keras import layers',
			'',
			'model = keras.Sequential([',
			keras.map((line) => `    ${line}`).join('\n'),
			'])',
			'model.summary()'
		].join('\n')
	};
}
