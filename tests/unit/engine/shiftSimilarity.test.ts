import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { FC_SIDE, fcInput, fcWeights } from '$lib/engine/fullyConnected';
import { seededRandom } from '$lib/engine/seededRandom';
import {
	chunkSize,
	fcInputs,
	pooledShiftBack,
	shiftReference,
	shiftSteps,
	similarityRows,
	SIMILARITY_COLUMNS,
	type InvarianceLayers
} from '$lib/engine/shiftSimilarity';
import {
	naiveAreaResize,
	naiveBlurPool,
	naiveConvBank,
	naiveDense,
	naiveMaxPool,
	naivePearson,
	naiveShift,
	naiveStandardize,
	at,
	plane,
	type Plane
} from './invarianceReference';
import { useBackend } from '../tfBackend';

describe('fcInputs', () => {
	it('reads the luma of RGB images and each gray image as it is', () => {
		const random = seededRandom(12);
		const rgb = Float32Array.from({ length: 2 * 6 * 5 * 3 }, () => random());
		const got = fcInputs(rgb, [2, 6, 5, 3]);
		for (let b = 0; b < 2; b++) {
			const luma = new Float32Array(30);
			for (let p = 0; p < 30; p++) {
				const at = (b * 30 + p) * 3;
				luma[p] = 0.299 * rgb[at] + 0.587 * rgb[at + 1] + 0.114 * rgb[at + 2];
			}
			const expected = fcInput(luma, 6, 5);
			const item = got.subarray(b * FC_SIDE * FC_SIDE, (b + 1) * FC_SIDE * FC_SIDE);
			expected.forEach((v, i) => expect(item[i]).toBeCloseTo(v, 4));
		}
	});
});

describe('shiftSteps', () => {
	it('runs along the longer axis of (dx, dy), horizontal when both are 0', () => {
		expect(shiftSteps(0, 0, 3)).toEqual([
			{ shift: 0, dx: 0, dy: 0 },
			{ shift: 1, dx: 1, dy: 0 },
			{ shift: 2, dx: 2, dy: 0 },
			{ shift: 3, dx: 3, dy: 0 }
		]);
		expect(shiftSteps(-2, 4, 4).map((s) => [s.dx, s.dy])).toEqual([
			[0, 0],
			[-1, 1],
			[-1, 2],
			[-2, 3],
			[-2, 4]
		]);
		expect(shiftSteps(5, 5, 2).map((s) => [s.dx, s.dy])).toEqual([
			[0, 0],
			[1, 1],
			[2, 2]
		]);
		expect(shiftSteps(3, 0, 32)).toHaveLength(33);
	});

	it('pooledShiftBack undoes a shift by the nearest whole 2-px cell, symmetric in sign', () => {
		expect([0, 1, 2, 3, 4, -1, -2, -3].map((d) => pooledShiftBack(d))).toEqual([
			0, -1, -1, -2, -2, 1, 1, 2
		]);
	});

	it('chunkSize keeps a chunk near its budget and between 1 and 8 shifts', () => {
		expect(chunkSize(512, 512, 4)).toBe(3);
		expect(chunkSize(128, 128, 4)).toBe(8);
		expect(chunkSize(4096, 4096, 8)).toBe(1);
	});
});

/**
 * The conv positions (along one axis) that cell i of a pooled map reads, from the pools'
 * definitions: 2×2/2 max-pool reads 2i and 2i + 1; the blur pool's 3 taps at 2i − pad + t each
 * read a dense max over m and m + 1.
 */
function readsOf(kind: 'conv' | 'maxpool' | 'blurpool', i: number, n: number): number[] {
	if (kind === 'conv') return [i];
	if (kind === 'maxpool') return [2 * i, 2 * i + 1];
	const pad = Math.floor(Math.max((Math.ceil(n / 2) - 1) * 2 + 3 - n, 0) / 2);
	return [0, 1, 2, 3].map((t) => 2 * i - pad + t);
}

/**
 * Pearson over the interior, in 2-D from the definition: original cell (y, x) against shifted
 * cell (y, x) + offset (mod size with wrap, dropped outside otherwise), kept when every conv
 * position either cell reads has its 3×3 window in the frame and, in the shifted image, every
 * pixel of the window came from the original's matching neighbourhood (one piece, no fill).
 */
function interiorPearsonNaive(
	shiftedMap: Plane,
	referenceMap: Plane,
	kind: 'conv' | 'maxpool' | 'blurpool',
	offset: [number, number],
	shift: [number, number],
	size: [number, number],
	fill: 'zero' | 'wrap'
): number {
	const inFrame = (v: number, n: number) => v >= 0 && v < n;
	const source = (v: number, d: number, n: number) =>
		fill === 'wrap' ? (((v - d) % n) + n) % n : v - d;
	const refOk = (q: number, n: number) => [-1, 0, 1].every((o) => inFrame(q + o, n));
	const shiftedOk = (q: number, d: number, n: number) =>
		[-1, 0, 1].every((o) => {
			const s = source(q + o, d, n);
			return inFrame(q + o, n) && inFrame(s, n) && s === source(q, d, n) + o;
		});
	const a: number[] = [];
	const b: number[] = [];
	for (let y = 0; y < referenceMap.height; y++)
		for (let x = 0; x < referenceMap.width; x++) {
			let j = [y + offset[0], x + offset[1]];
			const dims = [referenceMap.height, referenceMap.width];
			if (fill === 'wrap') j = j.map((v, axis) => ((v % dims[axis]) + dims[axis]) % dims[axis]);
			else if (!inFrame(j[0], dims[0]) || !inFrame(j[1], dims[1])) continue;
			const ok = [0, 1].every(
				(axis) =>
					readsOf(kind, [y, x][axis], size[axis]).every((q) => refOk(q, size[axis])) &&
					readsOf(kind, j[axis], size[axis]).every((q) => shiftedOk(q, shift[axis], size[axis]))
			);
			if (!ok) continue;
			for (let c = 0; c < referenceMap.channels; c++) {
				a.push(at(shiftedMap, j[0], j[1], c));
				b.push(at(referenceMap, y, x, c));
			}
		}
	return a.length === 0 ? NaN : naivePearson(a, b);
}

/** The seven similarities of one shift, from the definitions in plain loops. */
function naiveRow(
	image: Plane,
	kernels: number[][],
	weights: Float32Array,
	units: number,
	dx: number,
	dy: number,
	fill: 'zero' | 'wrap',
	relu: boolean
): number[] {
	const shifted = naiveShift(image, dx, dy, fill);
	const convO = naiveConvBank(image, kernels, 3, relu);
	const convS = naiveConvBank(shifted, kernels, 3, relu);
	const globalMax = (p: Plane) =>
		Array.from({ length: p.channels }, (_, c) => {
			let m = -Infinity;
			for (let i = c; i < p.data.length; i += p.channels) m = Math.max(m, p.data[i]);
			return m;
		});
	const fc = (p: Plane) =>
		naiveDense(naiveStandardize(naiveAreaResize(p, FC_SIDE).data), weights, units);
	const cells = (d: number) => Math.sign(d) * Math.round(Math.abs(d) / 2);
	const size: [number, number] = [image.height, image.width];
	const rows: Record<string, number> = {
		pixels: naivePearson(shifted.data, image.data),
		conv_aligned: interiorPearsonNaive(convS, convO, 'conv', [dy, dx], [dy, dx], size, fill),
		conv: interiorPearsonNaive(convS, convO, 'conv', [0, 0], [0, 0], size, fill),
		maxpool: interiorPearsonNaive(
			naiveMaxPool(convS),
			naiveMaxPool(convO),
			'maxpool',
			[cells(dy), cells(dx)],
			[dy, dx],
			size,
			fill
		),
		global_maxpool: naivePearson(globalMax(convS), globalMax(convO)),
		fc: naivePearson(fc(shifted), fc(image)),
		blurpool: interiorPearsonNaive(
			naiveBlurPool(convS),
			naiveBlurPool(convO),
			'blurpool',
			[cells(dy), cells(dx)],
			[dy, dx],
			size,
			fill
		)
	};
	return SIMILARITY_COLUMNS.map((name) => rows[name]);
}

describe.each(['cpu', 'wasm'] as const)('similarityRows on the %s backend', (backend) => {
	beforeAll(async () => {
		await useBackend(backend);
	});

	const height = 14;
	const width = 17;
	const random = seededRandom(3);
	const image = plane(
		height,
		width,
		1,
		(y, x) => Math.sin(x / 2) * Math.cos(y / 3) + random() * 0.3
	);
	const kernels = [
		[-1, 0, 1, -2, 0, 2, -1, 0, 1],
		[1, 2, 1, 2, 4, 2, 1, 2, 1].map((v) => v / 16),
		[0, 1, 0, 1, -4, 1, 0, 1, 0]
	];
	const units = 16;
	const weights = fcWeights(FC_SIDE * FC_SIDE, units, 2);

	it.each([
		['zero', false],
		['wrap', true]
	] as const)('match the plain-loop definitions (%s fill, ReLU %s)', async (fill, relu) => {
		const layers: InvarianceLayers = {
			kernels: kernels.map((kernel) => Float32Array.from(kernel)),
			kernelSize: 3,
			relu,
			fcWeights: tf.tensor2d(weights, [FC_SIDE * FC_SIDE, units])
		};
		const before = tf.memory().numTensors;
		const reference = await shiftReference(
			{ data: Float32Array.from(image.data), height, width, channels: 1 },
			layers
		);
		const steps = shiftSteps(3, -2, 4);
		const rows = await similarityRows(reference, layers, steps, fill);
		expect(tf.memory().numTensors).toBe(before);
		expect(rows.map((r) => r.shift)).toEqual([0, 1, 2, 3, 4]);
		rows.forEach((row, i) => {
			const expected = naiveRow(
				image,
				kernels,
				weights,
				units,
				steps[i].dx,
				steps[i].dy,
				fill,
				relu
			);
			SIMILARITY_COLUMNS.forEach((name, c) =>
				expect(row[name], `${name} at ${i}`).toBeCloseTo(expected[c], 4)
			);
		});
		// shift 0 is the original: every similarity is 1
		SIMILARITY_COLUMNS.forEach((name) => expect(rows[0][name]).toBeCloseTo(1, 5));
		// On the interior the conv maps shifted back are the original's: equivariance, exactly,
		// whatever the fill (the border responses that do not wrap are left out).
		rows.forEach((row) => expect(row.conv_aligned).toBeCloseTo(1, 5));
		rows.forEach((row) => expect(row.conv_aligned).toBeGreaterThanOrEqual(row.conv - 1e-6));
		layers.fcWeights.dispose();
	});
});
