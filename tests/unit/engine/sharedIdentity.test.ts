// WASM's Identity (what the gradient tape runs to keep a tensor) shares its input's data, as the
// CPU backend's does: no copy on the heap, the data lives while either tensor does, values and
// gradients unchanged, memory back to its baseline.
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { useBackend } from '../tfBackend';

beforeAll(() => useBackend('wasm'));
afterAll(() => useBackend('cpu'));

const offset = (t: tf.Tensor) =>
	(tf.backend() as unknown as { getMemoryOffset(id: object): number }).getMemoryOffset(t.dataId);

it('a clone shares the data and outlives its source', () => {
	const start = tf.memory();
	const x = tf.tensor2d([-1, 0, 0, 2.5], [2, 2]);
	const copy = tf.clone(x);
	expect(offset(copy)).toBe(offset(x));
	x.dispose();
	expect(Array.from(copy.dataSync())).toEqual([-1, 0, 0, 2.5]);
	copy.dispose();
	expect(tf.memory().numTensors).toBe(start.numTensors);
	expect(tf.memory().numBytes).toBe(start.numBytes);
	expect(tf.memory().numDataBuffers).toBe(start.numDataBuffers);
});

it('gradients through kept tensors are unchanged (negative, zero, tied inputs)', async () => {
	const f = (x: tf.Tensor) => tf.sum(tf.mul(tf.relu(x), tf.square(x)));
	const values = [-2, 0, 0, 1.5, 1.5, -0.5];
	const grad = () => tf.tidy(() => Array.from(tf.grad(f)(tf.tensor1d(values)).dataSync()));
	const wasm = grad();
	await useBackend('cpu');
	const cpu = grad();
	await useBackend('wasm');
	expect(wasm).toEqual(cpu);
	// d/dx relu(x)·x² = 3x² for x > 0, 0 otherwise
	expect(wasm).toEqual(values.map((x) => (x > 0 ? 3 * x * x : 0)));
});
