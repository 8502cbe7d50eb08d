/**
 * Veit, Wilber & Belongie's lesion test (NeurIPS 2016): at test time, replace blocks of a trained
 * network by the identity and measure test accuracy. A residual net is an ensemble of 2ⁿ paths, so
 * losing a block removes only the paths through it; a plain net has one path, so losing any block
 * breaks it. BN uses its running averages (inference mode) throughout.
 */
import * as tf from '@tensorflow/tfjs-core';
import { seededRandom } from '$lib/engine/seededRandom';
import { forward, type ResidualNetwork } from './residualNetwork';

/** Images per forward pass: bounds the memory of a 10,000-image evaluation. */
const CHUNK = 2500;

export interface TestSet {
	/** [count × 784] standardized pixels */
	images: Float32Array;
	labels: Uint8Array;
	count: number;
}

/** Share of `set` classified right with `deleted` blocks (1-based) replaced by the identity. */
export function lesionAccuracy(
	net: ResidualNetwork,
	set: TestSet,
	deleted: ReadonlySet<number> = new Set()
): number {
	let right = 0;
	for (let start = 0; start < set.count; start += CHUNK) {
		const size = Math.min(CHUNK, set.count - start);
		const predicted = tf.tidy(() => {
			const x = tf.tensor2d(set.images.subarray(start * 784, (start + size) * 784), [size, 784]);
			return tf.argMax(forward(net, x, { deleted }), 1);
		});
		const guesses = predicted.dataSync();
		predicted.dispose();
		for (let i = 0; i < size; i++) if (guesses[i] === set.labels[start + i]) right++;
	}
	return set.count ? right / set.count : NaN;
}

/** Test accuracy of the intact net (index 0) and with each block deleted alone (index b, 1-based). */
export function singleBlockLesions(net: ResidualNetwork, set: TestSet): number[] {
	const accuracies = [lesionAccuracy(net, set)];
	for (let b = 1; b <= net.blocks.length; b++)
		accuracies.push(lesionAccuracy(net, set, new Set([b])));
	return accuracies;
}

/** `k` distinct blocks out of 1…n, drawn with `random` (partial Fisher–Yates). */
export function randomBlocks(n: number, k: number, random: () => number): Set<number> {
	const order = Array.from({ length: n }, (_, i) => i + 1);
	for (let i = 0; i < k; i++) {
		const j = i + Math.floor(random() * (n - i));
		[order[i], order[j]] = [order[j], order[i]];
	}
	return new Set(order.slice(0, k));
}

/**
 * Mean test accuracy with k random blocks deleted, k = 1…n (`draws` seeded draws each; k = n is
 * one draw, as every draw deletes all blocks). Entry k − 1 is for k.
 */
export function randomLesionCurve(
	net: ResidualNetwork,
	set: TestSet,
	draws: number,
	seed: number
): number[] {
	const n = net.blocks.length;
	const random = seededRandom(seed);
	const curve: number[] = [];
	for (let k = 1; k <= n; k++) {
		const times = k === n ? 1 : draws;
		let sum = 0;
		for (let d = 0; d < times; d++) sum += lesionAccuracy(net, set, randomBlocks(n, k, random));
		curve.push(sum / times);
	}
	return curve;
}
