/**
 * A trained Keras-style chain of layers (the Fashion-MNIST classifier) described the way the
 * /network lab lays it out: per layer its kind, output shape, parameter count and, for the
 * spatial layers, the window (kernel, stride, padding) that the receptive field and the
 * dot-product breakdown need. Read from the model's own configuration, so a retrained or
 * reshaped architecture is described correctly without editing this file.
 */
import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { Padding } from './convArithmetic';
import { INPUT, type Architecture, type LayerOp } from './architectures/architecture';

export type LayerKind =
	'conv' | 'maxpool' | 'avgpool' | 'dense' | 'flatten' | 'batchnorm' | 'activation' | 'dropout';

export interface ClassifierLayer {
	/** index in `model.layers` (the InputLayer of a functional model is skipped) */
	index: number;
	name: string;
	kind: LayerKind;
	/** Keras class name, e.g. 'Conv2D' */
	className: string;
	/** output without the batch axis: [h, w, c] for spatial layers, [n] for flat ones */
	shape: number[];
	params: number;
	/** conv and pooling windows; absent for other kinds */
	window?: { kernel: number; stride: number; padding: Padding; dilation: number };
	/** activation applied inside the layer ('relu', 'softmax', 'linear') */
	activation: string;
}

const KINDS: Record<string, LayerKind> = {
	Conv2D: 'conv',
	MaxPooling2D: 'maxpool',
	AveragePooling2D: 'avgpool',
	Dense: 'dense',
	Flatten: 'flatten',
	BatchNormalization: 'batchnorm',
	Activation: 'activation',
	ReLU: 'activation',
	Softmax: 'activation',
	Dropout: 'dropout'
};

const first = (v: unknown, fallback: number): number =>
	Array.isArray(v) ? Number(v[0]) : typeof v === 'number' ? v : fallback;

/**
 * The model's layers in order of the data flow (a chain: each layer reads the previous one).
 * @throws RangeError on a layer class the lab does not know how to draw.
 */
export function classifierLayers(model: LayersModel): ClassifierLayer[] {
	const layers: ClassifierLayer[] = [];
	model.layers.forEach((layer, index) => {
		const className = layer.getClassName();
		if (className === 'InputLayer') return;
		const kind = KINDS[className];
		if (!kind) throw new RangeError(`layer ${layer.name}: ${className} is not supported`);
		const config = layer.getConfig() as Record<string, unknown>;
		const out = layer.outputShape as (number | null)[];
		const entry: ClassifierLayer = {
			index,
			name: layer.name,
			kind,
			className,
			shape: out.slice(1).map(Number),
			params: layer.countParams(),
			activation:
				className === 'ReLU'
					? 'relu'
					: className === 'Softmax'
						? 'softmax'
						: String(config.activation ?? 'linear')
		};
		if (kind === 'conv') {
			entry.window = {
				kernel: first(config.kernelSize, 1),
				stride: first(config.strides, 1),
				padding: config.padding === 'same' ? 'same' : 'valid',
				dilation: first(config.dilationRate, 1)
			};
		} else if (kind === 'maxpool' || kind === 'avgpool') {
			const kernel = first(config.poolSize, 2);
			entry.window = {
				kernel,
				stride: first(config.strides, kernel),
				padding: config.padding === 'same' ? 'same' : 'valid',
				dilation: 1
			};
		}
		layers.push(entry);
	});
	return layers;
}

/**
 * The spatial part of the chain (up to the first flat layer) as the receptive-field engine's
 * architecture: node i is layers[i]; layers that do not move pixels (batch norm, activation,
 * dropout) are 1×1 windows, so every spatial layer keeps its own row.
 */
export function spatialArchitecture(layers: ClassifierLayer[], inputChannels = 1): Architecture {
	const nodes: Architecture['nodes'] = [];
	for (const layer of layers) {
		if (layer.shape.length !== 3) break;
		const w = layer.window ?? { kernel: 1, stride: 1, padding: 'valid' as Padding, dilation: 1 };
		const op: LayerOp = {
			kind: layer.kind === 'conv' ? 'conv' : layer.kind === 'avgpool' ? 'avgpool' : 'maxpool',
			kernel: w.kernel,
			stride: w.stride,
			dilation: w.dilation,
			padding: w.padding,
			channels: layer.shape[2],
			relu: layer.activation === 'relu'
		};
		nodes.push({ name: layer.name, op, inputs: [nodes.length === 0 ? INPUT : nodes.length - 1] });
	}
	return { id: 'classifier', title: 'Fashion-MNIST classifier', inputChannels, nodes };
}
