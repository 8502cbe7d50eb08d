/**
 * The page's selfie network: the graph model and its readable levels, each with its parameter
 * count (weights first needed at that level), run on the shared RGB image at 256². Levels that
 * are one conv (+ bias) (+ activation) — the stem's 3×3 stride-2 conv with its hard-swish, the
 * 1×1 conv after it — carry that step, read from the graph (selfieSteps.graphConvStep), so the
 * inspector shows their real kernels and dot product; every unit's measured receptive field and
 * the person score's saliency are gradients through the graph.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { GraphModel } from '@tensorflow/tfjs-converter';
import { graphLevelParams, type GraphNode, type GraphWeight } from '$lib/engine/graphLevelParams';
import { prefetchModel, type PrefetchedModel } from '$lib/engine/modelPrefetch';
import { readActivations } from '$lib/engine/networkActivations';
import { loadSelfieModel, runSelfie } from '$lib/engine/selfieModel';
import { SELFIE_INPUT_SIZE } from '$lib/engine/selfieLevels';
import { graphConvStep, type GraphConvStep, type GraphNodeDef } from '$lib/engine/selfieSteps';
import type { SelfieSaliency } from '$lib/engine/selfieUnits';
import type { LayerInfo } from './NetworkLayers.svelte';
import type { MapData } from '$lib/types/mapData';
import { NETWORK_SELFIE_LEVELS } from './selfieLevels';

/** The gradient code (and the kernels it registers) loads when first asked for, not with the maps. */
const gradientCode = () => import('$lib/engine/selfieUnits');

export interface SelfiePicture {
	/** the 256² RGB the network got */
	input: Float32Array;
	maps: MapData[];
}

export class SelfieSession {
	readonly model: GraphModel;
	readonly info: LayerInfo[];
	/** per level: its conv step when the level is one conv reading the input or a shown level */
	readonly steps: (GraphConvStep | null)[];
	private weightCache = new Map<string, Float32Array>();

	private constructor(model: GraphModel, params: number[], nodes: GraphNodeDef[]) {
		this.model = model;
		this.info = NETWORK_SELFIE_LEVELS.map((level, i) => ({
			name: level.node.length > 18 ? `${level.part} ${i}` : level.node,
			label: `${level.part}: ${level.label}`,
			params: params[i],
			flat: false
		}));
		const shown = new Set(['input_1', ...NETWORK_SELFIE_LEVELS.map((l) => l.node)]);
		this.steps = NETWORK_SELFIE_LEVELS.map((level) => {
			const step = graphConvStep(
				nodes,
				level.node,
				(name) => model.weights[name]?.[0]?.shape,
				(name) => this.weight(name)?.[0]
			);
			return step && shown.has(step.input) ? step : null;
		});
	}

	/** source: the model.json address, or its prefetched artifacts (modelPrefetch). */
	static async load(source: string | PrefetchedModel): Promise<SelfieSession> {
		const handler = typeof source === 'string' ? prefetchModel(source) : source;
		// One download: the graph model and the parameter counts read the same artifacts.
		const [model, artifacts] = await Promise.all([loadSelfieModel(handler), handler.load()]);
		const topology = artifacts.modelTopology as { node: GraphNode[] };
		const params = graphLevelParams(
			topology.node,
			(artifacts.weightSpecs ?? []) as GraphWeight[],
			NETWORK_SELFIE_LEVELS.map((l) => l.node)
		);
		return new SelfieSession(model, params, topology.node as GraphNodeDef[]);
	}

	/** A graph weight by name (filter, bias, constant), read back once. */
	weight(name: string): Float32Array | undefined {
		let cached = this.weightCache.get(name);
		if (!cached) {
			const tensor = this.model.weights[name]?.[0];
			if (!tensor) return undefined;
			cached = tensor.dataSync() as Float32Array;
			this.weightCache.set(name, cached);
		}
		return cached;
	}

	/** image: [H, W, 3] on the backend → every level's maps and the 256² input, read back once. */
	async run(image: tf.Tensor3D): Promise<SelfiePicture> {
		const resized = tf.tidy(() =>
			tf.image.resizeBilinear(image, [SELFIE_INPUT_SIZE, SELFIE_INPUT_SIZE], true)
		);
		const nodes = NETWORK_SELFIE_LEVELS.map((l) => l.node);
		const outputs = runSelfie(this.model, resized, nodes);
		// One read-back for every level and the input the network got.
		const arrays = await readActivations([...nodes.map((node) => outputs[node]), resized]);
		const input = arrays.pop()!;
		const maps = arrays.map((data, i) => {
			const [height, width, channels] = NETWORK_SELFIE_LEVELS[i].shape;
			return { data, height, width, channels };
		});
		return { input, maps };
	}

	/** The measured receptive field of a unit of `level` on the 256² `input`: [256, 256] |∂unit/∂pixel|. */
	async unitField(
		input: Float32Array,
		level: number,
		channel: number,
		y: number,
		x: number
	): Promise<Float32Array> {
		const { selfieUnitGradient } = await gradientCode();
		const image = tf.tensor3d(input, [SELFIE_INPUT_SIZE, SELFIE_INPUT_SIZE, 3]);
		try {
			return await selfieUnitGradient(
				this.model,
				image,
				NETWORK_SELFIE_LEVELS[level].node,
				channel,
				y,
				x
			);
		} finally {
			image.dispose();
		}
	}

	/** The person score's input gradient, or its Grad-CAM at `level`. */
	async saliency(
		input: Float32Array,
		method: 'grad' | 'gradcam',
		level: number
	): Promise<SelfieSaliency> {
		const { selfieSaliency } = await gradientCode();
		const image = tf.tensor3d(input, [SELFIE_INPUT_SIZE, SELFIE_INPUT_SIZE, 3]);
		try {
			return await selfieSaliency(this.model, image, method, NETWORK_SELFIE_LEVELS[level].node);
		} finally {
			image.dispose();
		}
	}

	/** Free the graph's weights (the page leaves). */
	dispose(): void {
		this.model.dispose();
	}
}
