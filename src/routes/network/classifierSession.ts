/**
 * The page's Fashion-MNIST classifier: loaded from the shipped trained weights (or, where none
 * ship yet, built with its seeded random initialisation, which the page says), described layer
 * by layer, run on one 28×28 input, and inspected unit by unit. Weight arrays for the unit
 * breakdown are read back once per weights version (live training bumps it).
 */
import * as tf from '@tensorflow/tfjs-core';
import { loadLayersModel, type LayersModel } from '@tensorflow/tfjs-layers';
import {
	buildFashionClassifier,
	FASHION_CLASSES
} from '$lib/engine/architectures/fashionClassifier';
import {
	classifierLayers,
	spatialArchitecture,
	type ClassifierLayer
} from '$lib/engine/classifierLayers';
import { classifierForward, readActivations } from '$lib/engine/networkActivations';
import { receptiveField, type ReceptiveFieldTable } from '$lib/engine/receptiveField';
import type { MapData } from '$lib/types/mapData';
import type { LayerInfo } from './NetworkLayers.svelte';

import { FASHION_SIDE as SIDE } from '$lib/engine/fashionClasses';

export interface ClassifierPicture {
	input: Float32Array;
	maps: MapData[];
	logits: Float32Array;
	probabilities: Float32Array;
	/** the weights version these maps were computed with */
	version: number;
}

export interface WeightSnapshotLike {
	step: number;
	weights: { name: string; shape: number[]; values: Float32Array }[];
}

function layerLabel(layer: ClassifierLayer): string {
	const w = layer.window;
	switch (layer.kind) {
		case 'conv':
			return `Conv ${w?.kernel}×${w?.kernel}${w && w.stride > 1 ? `, stride ${w.stride}` : ''}, ${layer.shape[2]} kernels`;
		case 'batchnorm':
			return 'Batch norm (per channel: scale and shift)';
		case 'activation':
			return layer.activation === 'softmax' ? 'Softmax: probabilities' : 'ReLU';
		case 'maxpool':
			return `Max pool ${w?.kernel}×${w?.kernel}, stride ${w?.stride}`;
		case 'avgpool':
			return `Average pool ${w?.kernel}×${w?.kernel}, stride ${w?.stride}`;
		case 'flatten':
			return 'Flatten (the same numbers in one row)';
		case 'dense':
			return layer.name === 'logits' || layer.shape[0] === FASHION_CLASSES.length
				? 'Dense: one score (logit) per class'
				: `Dense, ${layer.shape[0]} units`;
		case 'dropout':
			return 'Dropout (only while training; passes values through here)';
	}
}

export class ClassifierSession {
	readonly model: LayersModel;
	readonly layers: ClassifierLayer[];
	readonly info: LayerInfo[];
	readonly field: ReceptiveFieldTable;
	readonly trained: boolean;
	version = 0;
	private weightCache = new Map<string, Float32Array[]>();
	/** the weights as loaded, for a reset */
	private readonly loaded: WeightSnapshotLike;

	private constructor(model: LayersModel, trained: boolean) {
		this.model = model;
		this.trained = trained;
		this.layers = classifierLayers(model);
		this.info = this.layers.map((layer) => ({
			name: layer.name,
			label: layerLabel(layer),
			params: layer.params,
			flat: layer.shape.length !== 3
		}));
		this.field = receptiveField(spatialArchitecture(this.layers), SIDE, SIDE);
		this.loaded = {
			step: 0,
			weights: model.getWeights().map((w, i) => ({
				name: model.weights[i]?.name ?? String(i),
				shape: w.shape,
				values: (w.dataSync() as Float32Array).slice()
			}))
		};
	}

	/** Free the model's weights (the page leaves). */
	dispose(): void {
		this.model.dispose();
	}

	/** Back to the weights as loaded (trained, or the seeded initialisation). */
	restore(): void {
		this.setWeights(this.loaded);
	}

	/**
	 * The shipped trained model, or the untrained architecture if the weights are missing; warmed
	 * up (see warmUp) before it is handed over.
	 */
	static async load(source: string | tf.io.IOHandler): Promise<ClassifierSession> {
		let session: ClassifierSession;
		try {
			session = new ClassifierSession(await loadLayersModel(source), true);
		} catch {
			session = new ClassifierSession(buildFashionClassifier(), false);
		}
		session.warmUp();
		// Hand it over in a task of its own: reading the weights back and the warm-up are the
		// download's work, not the first picture's, which otherwise ran in the same task.
		await new Promise((resolve) => setTimeout(resolve, 0));
		return session;
	}

	/**
	 * One forward pass on a blank input, kept nowhere: each layer's first call (tfjs-layers'
	 * per-call setup, the backend's first allocations for each kernel) costs several times a later
	 * one, and without this the learner's first picture pays it — an upload made while the page
	 * was still loading waited for it. Inference only: the weights and batch-norm statistics are
	 * unchanged.
	 */
	warmUp(): void {
		tf.tidy(() => {
			const forward = classifierForward(this.model, tf.zeros([SIDE, SIDE, 1]));
			return void forward;
		});
	}

	/** Every layer's maps for one [28, 28] input (one read-back). */
	async run(input: Float32Array): Promise<ClassifierPicture> {
		const version = this.version;
		const x = tf.tensor3d(input, [SIDE, SIDE, 1]);
		const forward = classifierForward(this.model, x);
		x.dispose();
		const arrays = await readActivations([...forward.activations, forward.logits]);
		const logits = arrays.pop()!;
		const maps = arrays.map((data, i) => {
			const shape = this.layers[i].shape;
			return shape.length === 3
				? { data, height: shape[0], width: shape[1], channels: shape[2] }
				: { data, height: 1, width: 1, channels: data.length };
		});
		return { input, maps, logits, probabilities: maps[maps.length - 1].data, version };
	}

	/**
	 * Saliency for `classIndex`: Grad-CAM at `layer` ([h, w] at that layer's resolution) or the
	 * input gradient's magnitude ([28, 28]).
	 */
	async saliency(
		input: Float32Array,
		method: 'gradcam' | 'grad',
		classIndex: number,
		layer: number
	): Promise<{ values: Float32Array; height: number; width: number }> {
		// Saliency (and the gradient kernels it registers) loads when first asked for, not with
		// the maps: the page's first picture does not wait for it.
		const [{ gradCam }, { inputGradient }] = await Promise.all([
			import('$lib/engine/gradCam'),
			import('$lib/engine/inputGradient')
		]);
		const x = tf.tensor3d(input, [SIDE, SIDE, 1]);
		try {
			if (method === 'gradcam') {
				const { cam, weights } = gradCam(this.model, x, layer, classIndex);
				weights.dispose();
				const [height, width] = cam.shape;
				const values = (await cam.data()) as Float32Array;
				cam.dispose();
				return { values, height, width };
			}
			const magnitude = tf.tidy(() => tf.abs(inputGradient(this.model, x, classIndex)));
			const values = (await magnitude.data()) as Float32Array;
			magnitude.dispose();
			return { values, height: SIDE, width: SIDE };
		} finally {
			x.dispose();
		}
	}

	/** A layer's weight arrays (kernel, bias / γ, β, μ, σ²), read once per weights version. */
	weights(layer: number): Float32Array[] {
		const key = `${this.version}:${layer}`;
		let cached = this.weightCache.get(key);
		if (!cached) {
			const entry = this.layers[layer];
			cached = this.model.layers[entry.index].getWeights().map((w) => w.dataSync() as Float32Array);
			this.weightCache.set(key, cached);
		}
		return cached;
	}

	/** Put a training snapshot's weights (model.getWeights() order) into the page's model. */
	setWeights(snapshot: WeightSnapshotLike): void {
		const tensors = snapshot.weights.map((w) => tf.tensor(w.values, w.shape));
		try {
			this.model.setWeights(tensors);
		} finally {
			tf.dispose(tensors);
		}
		this.version++;
		this.weightCache.clear();
	}

	/** The first conv layer's kernels, each [k, k] (input channel 0), for the kernel strip. */
	firstKernels(): { kernels: Float32Array[]; size: number } {
		const index = this.layers.findIndex((l) => l.kind === 'conv');
		if (index < 0) return { kernels: [], size: 0 };
		const k = this.layers[index].window?.kernel ?? 3;
		const [kernel] = this.weights(index);
		const out = this.layers[index].shape[2];
		const inC = kernel.length / (k * k * out);
		const kernels = Array.from({ length: out }, (_, o) => {
			const slice = new Float32Array(k * k);
			for (let i = 0; i < k * k; i++) slice[i] = kernel[i * inC * out + o];
			return slice;
		});
		return { kernels, size: k };
	}
}
