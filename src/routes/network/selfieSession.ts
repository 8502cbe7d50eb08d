/**
 * The page's selfie network: the graph model and its readable levels, each with its parameter
 * count (weights first needed at that level), run on the shared RGB image at 256².
 */
import * as tf from '@tensorflow/tfjs-core';
import type { GraphModel } from '@tensorflow/tfjs-converter';
import { graphLevelParams, type GraphNode, type GraphWeight } from '$lib/engine/graphLevelParams';
import { prefetchModel, type PrefetchedModel } from '$lib/engine/modelPrefetch';
import { readActivations } from '$lib/engine/networkActivations';
import { loadSelfieModel, runSelfie } from '$lib/engine/selfieModel';
import { SELFIE_INPUT_SIZE, SELFIE_LEVELS } from '$lib/engine/selfieLevels';
import type { LayerInfo } from '$lib/components/network/NetworkLayers.svelte';
import type { MapData } from '$lib/viz/mapData';

export interface SelfiePicture {
	/** the 256² RGB the network got */
	input: Float32Array;
	maps: MapData[];
}

export class SelfieSession {
	readonly model: GraphModel;
	readonly info: LayerInfo[];

	private constructor(model: GraphModel, params: number[]) {
		this.model = model;
		this.info = SELFIE_LEVELS.map((level, i) => ({
			name: level.node.length > 18 ? `${level.part} ${i}` : level.node,
			label: `${level.part}: ${level.label}`,
			params: params[i],
			flat: false
		}));
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
			SELFIE_LEVELS.map((l) => l.node)
		);
		return new SelfieSession(model, params);
	}

	/** image: [H, W, 3] on the backend → every level's maps and the 256² input, read back once. */
	async run(image: tf.Tensor3D): Promise<SelfiePicture> {
		const resized = tf.tidy(() =>
			tf.image.resizeBilinear(image, [SELFIE_INPUT_SIZE, SELFIE_INPUT_SIZE], true)
		);
		const nodes = SELFIE_LEVELS.map((l) => l.node);
		const outputs = runSelfie(this.model, resized, nodes);
		// One read-back for every level and the input the network got.
		const arrays = await readActivations([...nodes.map((node) => outputs[node]), resized]);
		const input = arrays.pop()!;
		const maps = arrays.map((data, i) => {
			const [height, width, channels] = SELFIE_LEVELS[i].shape;
			return { data, height, width, channels };
		});
		return { input, maps };
	}
}
