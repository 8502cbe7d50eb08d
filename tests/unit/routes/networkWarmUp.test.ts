// The Network lab's classifier is warmed up on a blank input when it loads, so the learner's first
// picture does not pay each layer's first call: the warm-up must leave no tensor behind and change
// nothing the picture shows (weights, batch-norm statistics), checked against the same model's
// maps for the same input computed before any warm-up.
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { useBackend } from '../tfBackend';
import { ClassifierSession } from '../../../src/routes/network/classifierSession';
import { classifierForward } from '$lib/engine/networkActivations';

describe('ClassifierSession warm-up', () => {
	beforeAll(() => useBackend('cpu'));

	it('load() warms the model up, leaks no tensor, and the maps are those of an unwarmed model', async () => {
		const input = new Float32Array(28 * 28).map((_, i) => ((i * 37) % 101) / 100 - 0.3);
		// a source that cannot load: the seeded untrained architecture, as the page falls back to
		const before = tf.memory().numTensors;
		const warmUp = vi.spyOn(ClassifierSession.prototype, 'warmUp');
		const session = await ClassifierSession.load('file:///nowhere/model.json');
		expect(warmUp).toHaveBeenCalledTimes(1);
		warmUp.mockRestore();
		const weights = session.model.weights.length;
		// the loaded weights plus nothing: the warm-up's pass is freed
		expect(tf.memory().numTensors - before).toBe(weights);
		const warmed = await session.run(input);
		// the same model's forward pass, outside the session and before another warm-up
		const reference = tf.tidy(() => {
			const f = classifierForward(session.model, tf.tensor3d(input, [28, 28, 1]));
			return f.activations.map((a) => a.dataSync().slice());
		});
		session.warmUp();
		const again = await session.run(input);
		expect(warmed.maps.length).toBe(reference.length);
		warmed.maps.forEach((map, i) => {
			expect(Array.from(map.data)).toEqual(Array.from(reference[i]));
			expect(Array.from(again.maps[i].data)).toEqual(Array.from(reference[i]));
		});
		expect(tf.memory().numTensors - before).toBe(weights);
		session.dispose();
	});
});
