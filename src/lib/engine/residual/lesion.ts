/**
 * Veit, Wilber & Belongie's lesion test (NeurIPS 2016): at test time, replace blocks of a trained
 * network by the identity and measure test accuracy. A residual net is an ensemble of 2ⁿ paths, so
 * losing a block removes only the paths through it; a plain net has one path, so losing any block
 * breaks it. BN uses its running averages (inference mode) throughout.
 */
import * as tf from '@tensorflow/tfjs-core';
import { seededRandom } from '../seededRandom';
import { blockForward, forward, inputLayer, type ResidualNetwork } from './residualNetwork';
import { finish } from '../stepwise';

/** Images per forward pass: bounds the memory of a 10,000-image evaluation. */
const CHUNK = 2500;

export interface TestSet {
	/** [count × 784] standardized pixels */
	images: Float32Array;
	labels: Uint8Array;
	count: number;
}

/** `set` in chunks of at most CHUNK images. */
function* chunks(set: TestSet): Generator<{ start: number; size: number }> {
	for (let start = 0; start < set.count; start += CHUNK)
		yield { start, size: Math.min(CHUNK, set.count - start) };
}

/** Right answers among labels[start…start + size) for logits [size, 10]. */
function countRight(logits: tf.Tensor2D, labels: Uint8Array, start: number): number {
	const predicted = tf.argMax(logits, 1);
	const guesses = predicted.dataSync();
	predicted.dispose();
	let right = 0;
	for (let i = 0; i < guesses.length; i++) if (guesses[i] === labels[start + i]) right++;
	return right;
}

function chunkInput(set: TestSet, start: number, size: number): tf.Tensor2D {
	return tf.tensor2d(set.images.subarray(start * 784, (start + size) * 784), [size, 784]);
}

/** Logits from the activation after block `from` (0: after the input layer), blocks after it run. */
function headFrom(
	net: ResidualNetwork,
	h: tf.Tensor2D,
	from: number,
	deleted: ReadonlySet<number>
) {
	return tf.tidy(() => {
		let a = h;
		for (let b = from + 1; b <= net.blocks.length; b++)
			if (!deleted.has(b)) a = blockForward(net.blocks[b - 1], net.config.wiring, a, false);
		return tf.add(tf.matMul(a, net.head.weights), net.head.bias) as tf.Tensor2D;
	});
}

/** Share of `set` classified right with `deleted` blocks (1-based) replaced by the identity. */
export function lesionAccuracy(
	net: ResidualNetwork,
	set: TestSet,
	deleted: ReadonlySet<number> = new Set()
): number {
	let right = 0;
	for (const { start, size } of chunks(set)) {
		const logits = tf.tidy(() => forward(net, chunkInput(set, start, size), { deleted }));
		right += countRight(logits, set.labels, start);
		logits.dispose();
	}
	return set.count ? right / set.count : NaN;
}

/**
 * Test accuracy of the intact net (index 0) and with each block deleted alone (index b, 1-based).
 * The intact activations up to block b − 1 are shared by every lesion after it, so each chunk
 * runs the blocks before a deleted one once (n²/2 block passes instead of n²).
 */
export function singleBlockLesions(net: ResidualNetwork, set: TestSet): number[] {
	return finish(singleBlockLesionSteps(net, set));
}

/**
 * singleBlockLesions one block pass at a time: the generator pauses after each lesion of each
 * chunk, so a worker can answer its messages between them (27 blocks × 10,000 images take seconds)
 * and drop the study when the nets change. Returning early (`.return()`) frees its tensors.
 */
export function* singleBlockLesionSteps(
	net: ResidualNetwork,
	set: TestSet
): Generator<void, number[]> {
	const n = net.blocks.length;
	const right = new Array<number>(n + 1).fill(0);
	const none = new Set<number>();
	for (const { start, size } of chunks(set)) {
		let h = tf.tidy(() => inputLayer(net, chunkInput(set, start, size)));
		try {
			for (let b = 1; b <= n; b++) {
				const logits = headFrom(net, h, b, none);
				right[b] += countRight(logits, set.labels, start);
				logits.dispose();
				const next = blockForward(net.blocks[b - 1], net.config.wiring, h, false);
				h.dispose();
				h = next;
				yield;
			}
			const logits = headFrom(net, h, n, none);
			right[0] += countRight(logits, set.labels, start);
			logits.dispose();
		} finally {
			h.dispose();
		}
		yield;
	}
	return right.map((r) => (set.count ? r / set.count : NaN));
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
	return finish(randomLesionCurveSteps(net, set, draws, seed));
}

/** randomLesionCurve, pausing after each k of each chunk (as singleBlockLesionSteps). */
export function* randomLesionCurveSteps(
	net: ResidualNetwork,
	set: TestSet,
	draws: number,
	seed: number
): Generator<void, number[]> {
	const n = net.blocks.length;
	const random = seededRandom(seed);
	const lesions: Set<number>[][] = [];
	for (let k = 1; k <= n; k++)
		lesions.push(Array.from({ length: k === n ? 1 : draws }, () => randomBlocks(n, k, random)));
	const right = lesions.map((sets) => sets.map(() => 0));
	// the input layer (a third of the compute at depth 20) runs once per chunk
	for (const { start, size } of chunks(set)) {
		const h = tf.tidy(() => inputLayer(net, chunkInput(set, start, size)));
		try {
			for (const [k, sets] of lesions.entries()) {
				sets.forEach((deleted, d) => {
					const logits = headFrom(net, h, 0, deleted);
					right[k][d] += countRight(logits, set.labels, start);
					logits.dispose();
				});
				yield;
			}
		} finally {
			h.dispose();
		}
	}
	return right.map((r) => r.reduce((a, b) => a + b, 0) / (r.length * set.count));
}
