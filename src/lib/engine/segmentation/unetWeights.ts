/**
 * Saving and loading a U-Net: a JSON manifest (the config, each variable's shape in the fixed
 * order of allVariables) and one float32 binary. Used by scripts/train-unet.mjs to write
 * static/models/unet-scenes/ and by the lab to load it.
 */
import * as tf from '@tensorflow/tfjs-core';
import { timedFetch } from '../timedFetch';
import { allVariables, createUNet, type UNet, type UNetConfig } from './unet';

export interface UNetManifest {
	format: 'convlab-unet-1';
	config: UNetConfig;
	/** shapes in allVariables order */
	shapes: number[][];
	/** free-form facts about how it was made */
	training?: Record<string, unknown>;
}

export async function serializeUNet(
	net: UNet,
	training?: Record<string, unknown>
): Promise<{ manifest: UNetManifest; weights: Float32Array }> {
	const vars = allVariables(net);
	const parts = await Promise.all(vars.map((v) => v.data<'float32'>()));
	const weights = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
	let offset = 0;
	for (const p of parts) {
		weights.set(p, offset);
		offset += p.length;
	}
	return {
		manifest: {
			format: 'convlab-unet-1',
			config: net.config,
			shapes: vars.map((v) => v.shape),
			training
		},
		weights
	};
}

export function deserializeUNet(manifest: UNetManifest, weights: Float32Array): UNet {
	if (manifest.format !== 'convlab-unet-1') throw new Error('not a ConvLab U-Net manifest');
	const net = createUNet(manifest.config, 1);
	const vars = allVariables(net);
	if (vars.length !== manifest.shapes.length)
		throw new Error('the manifest does not fit the config');
	let offset = 0;
	vars.forEach((v, i) => {
		const shape = manifest.shapes[i];
		if (shape.join() !== v.shape.join()) throw new Error(`variable ${i}: shape mismatch`);
		const size = v.size;
		if (offset + size > weights.length) throw new Error('the weights file is too short');
		tf.tidy(() => v.assign(tf.tensor(weights.subarray(offset, offset + size), v.shape)));
		offset += size;
	});
	if (offset !== weights.length) throw new Error('the weights file is too long');
	return net;
}

/** Fetch a saved U-Net: `base` is the folder URL holding unet.json and unet.bin. */
export async function loadUNet(base: string): Promise<{ net: UNet; manifest: UNetManifest }> {
	const [json, bin] = await Promise.all([
		timedFetch(`${base}/unet.json`),
		timedFetch(`${base}/unet.bin`)
	]);
	if (!json.ok || !bin.ok)
		throw new Error(`the pretrained U-Net could not be loaded (HTTP ${json.status}/${bin.status})`);
	const manifest = (await json.json()) as UNetManifest;
	const weights = new Float32Array(await bin.arrayBuffer());
	return { net: deserializeUNet(manifest, weights), manifest };
}
