/**
 * The app imports only @tensorflow/tfjs-core (no union bundle, which registers every gradient
 * as a side effect). This file does the same, so a module that calls tf.grad without bringing
 * its gradient functions fails here as it fails in the browser. Vitest gives each test file
 * its own module graph, so the other tests' `@tensorflow/tfjs` imports do not leak in.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, expect, it } from 'vitest';
import { chain, layer } from '$lib/engine/architectures/architecture';
import { effectiveReceptiveField } from '$lib/engine/effectiveReceptiveField';

beforeAll(async () => {
	await tf.setBackend('cpu');
});

it('the effective receptive field computes with tfjs-core alone (ReLU and a pool on the path)', async () => {
	const arch = {
		...chain('core', 'core', [
			{ name: 'c0', op: layer('conv', 3, { channels: 1 }) },
			{ name: 'p0', op: layer('maxpool', 2) },
			{ name: 'c1', op: layer('conv', 3, { channels: 1 }) }
		]),
		inputChannels: 1
	};
	const image = tf.fill([12, 12, 1], 0.5) as tf.Tensor3D;
	const g = await effectiveReceptiveField(arch, image, 2, 3, 3, {
		weights: 'ones',
		activation: 'relu',
		channels: 1
	});
	image.dispose();
	const total = g.data.reduce((a, b) => a + b, 0);
	expect(total).toBeGreaterThan(0);
});
