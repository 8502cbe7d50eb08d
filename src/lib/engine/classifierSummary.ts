/**
 * What the classifier computes, in the numbers its explanation quotes, read from its own layer
 * list (classifierLayers) so the text follows the shipped model: whether its convolutions carry
 * a bias and feed batch norm, how the receptive field grows through its windows, how many numbers
 * the flatten hands on, and what each dense layer sums.
 */
import type { ClassifierLayer } from './classifierLayers';

export interface DenseSummary {
	/** numbers each unit sums */
	inputs: number;
	units: number;
	bias: boolean;
	/** the activation right after it ('relu', 'softmax', 'linear') */
	activation: string;
}

export interface ClassifierSummary {
	/** maps of each conv layer, in order */
	convFilters: number[];
	/** conv kernel size (the first conv's) */
	kernel: number;
	/** every conv layer has a bias */
	convBias: boolean;
	/** every conv layer is followed by batch norm */
	convBatchNorm: boolean;
	/** receptive field (px) after each conv and pooling layer, in order */
	receptiveFields: number[];
	/** [h, w, c] of the last spatial layer, which the flatten turns into h·w·c numbers */
	lastBlock: number[];
	flat: number;
	dense: DenseSummary[];
	dropout: boolean;
}

/** The activation applied after layer i: its own, or that of activation layers right after it. */
function activationAfter(layers: ClassifierLayer[], i: number): string {
	if (layers[i].activation !== 'linear') return layers[i].activation;
	for (let j = i + 1; j < layers.length; j++) {
		const kind = layers[j].kind;
		if (kind === 'activation') return layers[j].activation;
		if (kind !== 'batchnorm' && kind !== 'dropout') break;
	}
	return 'linear';
}

export function classifierSummary(layers: ClassifierLayer[]): ClassifierSummary {
	const convs = layers.map((l, i) => ({ l, i })).filter(({ l }) => l.kind === 'conv');
	let inChannels = 1;
	let convBias = convs.length > 0;
	for (const { l } of convs) {
		const k = l.window?.kernel ?? 1;
		const weights = k * k * inChannels * l.shape[2];
		if (l.params !== weights + l.shape[2]) convBias = false;
		inChannels = l.shape[2];
	}
	const receptiveFields: number[] = [];
	let rf = 1;
	let jump = 1;
	for (const l of layers) {
		if (!l.window) continue;
		rf += (l.window.kernel - 1) * l.window.dilation * jump;
		jump *= l.window.stride;
		receptiveFields.push(rf);
	}
	const spatial = layers.filter((l) => l.shape.length === 3);
	const lastBlock = spatial.at(-1)?.shape ?? [];
	const dense: DenseSummary[] = [];
	let inputs = lastBlock.reduce((a, b) => a * b, 1);
	layers.forEach((l, i) => {
		if (l.kind !== 'dense') return;
		const units = l.shape[0];
		dense.push({
			inputs,
			units,
			bias: l.params === inputs * units + units,
			activation: activationAfter(layers, i)
		});
		inputs = units;
	});
	return {
		convFilters: convs.map(({ l }) => l.shape[2]),
		kernel: convs[0]?.l.window?.kernel ?? 0,
		convBias,
		convBatchNorm: convs.length > 0 && convs.every(({ i }) => layers[i + 1]?.kind === 'batchnorm'),
		receptiveFields,
		lastBlock,
		flat: lastBlock.reduce((a, b) => a * b, 1),
		dense,
		dropout: layers.some((l) => l.kind === 'dropout')
	};
}
