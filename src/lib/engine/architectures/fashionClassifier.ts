/**
 * ConvLab's own classifier: a small VGG-style CNN for Fashion-MNIST. Three blocks of a 3×3
 * convolution ('same' padding), optional batch norm, ReLU and a 2×2 max pool halve the
 * 28×28 garment to 14², 7² and 3² while the channels grow 16 → 32 → 64; a dense layer and a
 * 10-way softmax read the 3×3×64 block. About 62k parameters, so the same network trains in
 * a browser tab (most of the compute sits in conv2 and conv3; the dense layer holds most of
 * the parameters).
 *
 * Input [null, 28, 28, 1] in [0, 1], white garment on black, as the dataset stores it.
 * The logits and the softmax are separate layers so a page can show both (and Grad-CAM can
 * take the gradient of a logit rather than of a saturated probability).
 */
import * as tfl from '@tensorflow/tfjs-layers';

// The labels and the input side live in a TF.js-free module, so a page can show them before
// (and without) loading this one.
import { FASHION_CLASSES, FASHION_SIDE } from '../fashionClasses';
export { FASHION_CLASSES };
export const FASHION_INPUT_SIZE = FASHION_SIDE;
/** Channels of conv1, conv2, conv3. */
export const FASHION_CHANNELS = [16, 32, 64] as const;
export const FASHION_DENSE_UNITS = 64;

export interface FashionClassifierOptions {
	/** batch norm after each convolution (the convolution then has no bias); default true */
	batchNorm?: boolean;
	/** seed of every initializer and of the dropout, so two builds start equal; default 1 */
	seed?: number;
	/** channels of conv1, conv2, conv3; default FASHION_CHANNELS */
	channels?: readonly number[];
	/** dropout rate before the logits; default 0.25 (0 leaves the layer in, as an identity) */
	dropout?: number;
	/**
	 * 'he' (default): He normal kernels, Glorot uniform logits, zero biases (Keras's habit for ReLU
	 * nets). 'pytorch': PyTorch's default for nn.Conv2d and nn.Linear, kernels and biases drawn
	 * uniformly from ±1/√fan_in (kaiming_uniform with a = √5) — smaller than He's.
	 */
	initialization?: 'he' | 'pytorch';
}

/**
 * Names of the layers a page reads, in order. Each conv block is conv{i} → (bn{i}) → relu{i}
 * → pool{i}; relu{i} is the block's feature map after the non-linearity.
 */
export function fashionLayerNames(batchNorm = true): {
	conv: string[];
	relu: string[];
	pool: string[];
	all: string[];
} {
	const blocks = FASHION_CHANNELS.map((_, i) => i + 1);
	const all: string[] = [];
	for (const i of blocks) {
		all.push(`conv${i}`);
		if (batchNorm) all.push(`bn${i}`);
		all.push(`relu${i}`, `pool${i}`);
	}
	all.push('flatten', 'dense', 'dense_relu', 'dropout', 'logits', 'softmax');
	return {
		conv: blocks.map((i) => `conv${i}`),
		relu: blocks.map((i) => `relu${i}`),
		pool: blocks.map((i) => `pool${i}`),
		all
	};
}

/**
 * Each layer's name and output shape without the batch axis ([h, w, c], or [n] for a vector), in
 * order, as buildFashionClassifier makes them: what a page can lay out before the model loads.
 */
export function fashionLayerShapes(batchNorm = true): { name: string; shape: number[] }[] {
	const shapes: { name: string; shape: number[] }[] = [];
	let side = FASHION_INPUT_SIZE;
	FASHION_CHANNELS.forEach((channels, index) => {
		const i = index + 1;
		for (const name of [`conv${i}`, ...(batchNorm ? [`bn${i}`] : []), `relu${i}`])
			shapes.push({ name, shape: [side, side, channels] });
		side = Math.floor(side / 2); // 2×2 pooling, stride 2, 'valid'
		shapes.push({ name: `pool${i}`, shape: [side, side, channels] });
	});
	const dense = [FASHION_DENSE_UNITS];
	const classes = [FASHION_CLASSES.length];
	shapes.push(
		{ name: 'flatten', shape: [side * side * FASHION_CHANNELS[FASHION_CHANNELS.length - 1]] },
		{ name: 'dense', shape: dense },
		{ name: 'dense_relu', shape: dense },
		{ name: 'dropout', shape: dense },
		{ name: 'logits', shape: classes },
		{ name: 'softmax', shape: classes }
	);
	return shapes;
}

/**
 * TF.js's Dropout given a seed draws the same mask at every training call (tf.dropout seeds its
 * generator afresh each time), so a network would drop the same (batch row, unit) pairs at every
 * step. This one advances its seed at each training call: a new mask every step, still the same
 * sequence of masks from the same seed. Saved, it is an ordinary Dropout.
 */
function advancingDropout(name: string, rate: number, seed: number) {
	const layer = tfl.layers.dropout({ name, rate, seed });
	const call = layer.call.bind(layer);
	let step = 0;
	layer.call = (inputs, kwargs) => {
		if (kwargs.training) (layer as unknown as { seed: number }).seed = seed + step++;
		return call(inputs, kwargs);
	};
	return layer;
}

/** Build a fresh, untrained (randomly initialised) classifier; see the file comment. */
export function buildFashionClassifier(options: FashionClassifierOptions = {}): tfl.LayersModel {
	const batchNorm = options.batchNorm ?? true;
	const seed = options.seed ?? 1;
	const channels = options.channels ?? FASHION_CHANNELS;
	// Distinct seeds per layer: one shared seed would give every layer the same pattern.
	let next = seed * 1000;
	const pytorch = options.initialization === 'pytorch';
	// PyTorch: U(±√(3 · (1/3) / fan_in)) = U(±1/√fan_in) for the kernel, the same bound for the bias
	const uniform = () =>
		tfl.initializers.varianceScaling({
			scale: 1 / 3,
			mode: 'fanIn',
			distribution: 'uniform',
			seed: next++
		});
	const init = () => (pytorch ? uniform() : tfl.initializers.heNormal({ seed: next++ }));
	const glorot = () => (pytorch ? uniform() : tfl.initializers.glorotUniform({ seed: next++ }));
	const bias = (fanIn: number) =>
		pytorch
			? {
					biasInitializer: tfl.initializers.randomUniform({
						minval: -1 / Math.sqrt(fanIn),
						maxval: 1 / Math.sqrt(fanIn),
						seed: next++
					})
				}
			: {};
	let side = FASHION_INPUT_SIZE;

	const model = tfl.sequential({ name: 'fashion_cnn' });
	channels.forEach((filters, index) => {
		const i = index + 1;
		model.add(
			tfl.layers.conv2d({
				name: `conv${i}`,
				...(index === 0 ? { inputShape: [FASHION_INPUT_SIZE, FASHION_INPUT_SIZE, 1] } : {}),
				filters,
				kernelSize: 3,
				padding: 'same',
				useBias: !batchNorm,
				kernelInitializer: init(),
				...(batchNorm ? {} : bias(9 * (index === 0 ? 1 : channels[index - 1])))
			})
		);
		side = Math.floor(side / 2);
		if (batchNorm) model.add(tfl.layers.batchNormalization({ name: `bn${i}`, momentum: 0.9 }));
		model.add(tfl.layers.activation({ name: `relu${i}`, activation: 'relu' }));
		model.add(tfl.layers.maxPooling2d({ name: `pool${i}`, poolSize: 2, strides: 2 }));
	});
	model.add(tfl.layers.flatten({ name: 'flatten' }));
	model.add(
		tfl.layers.dense({
			name: 'dense',
			units: FASHION_DENSE_UNITS,
			kernelInitializer: init(),
			...bias(side * side * channels[channels.length - 1])
		})
	);
	model.add(tfl.layers.activation({ name: 'dense_relu', activation: 'relu' }));
	model.add(advancingDropout('dropout', options.dropout ?? 0.25, next++));
	model.add(
		tfl.layers.dense({
			name: 'logits',
			units: FASHION_CLASSES.length,
			kernelInitializer: glorot(),
			...bias(FASHION_DENSE_UNITS)
		})
	);
	model.add(tfl.layers.activation({ name: 'softmax', activation: 'softmax' }));
	return model;
}

/** Number of weights (trainable and batch-norm statistics) of a model. */
export function parameterCount(model: tfl.LayersModel): number {
	let total = 0;
	for (const w of model.weights) total += w.shape.reduce((a: number, b) => a * (b ?? 1), 1);
	return total;
}

/** The class index with the highest score in one row of probabilities or logits. */
export function argmaxClass(scores: ArrayLike<number>): number {
	let best = 0;
	for (let i = 1; i < scores.length; i++) if (scores[i] > scores[best]) best = i;
	return best;
}
