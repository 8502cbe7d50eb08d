import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
	pool,
	poolBatch,
	pooledLength,
	poolTensor,
	poolWindow,
	poolWinners,
	POOL_MODES,
	type PoolSettings
} from '$lib/engine/pooling';
import { seededRandom } from '$lib/engine/seededRandom';
import { useBackend } from '../tfBackend';

interface Map3 {
	data: Float32Array;
	height: number;
	width: number;
	channels: number;
}

/** Straight from the definition, one output value at a time; written apart from the engine. */
function naivePool(map: Map3, p: PoolSettings): { out: Map3; winners: number[] } {
	const { height: h, width: w, channels: c } = map;
	const global = p.mode === 'gmax' || p.mode === 'gavg';
	const size = [global ? h : p.size, global ? w : p.size];
	const step = global ? 1 : p.stride;
	let outH = 0;
	while (outH * step + size[0] <= h && (!global || outH < 1)) outH++;
	let outW = 0;
	while (outW * step + size[1] <= w && (!global || outW < 1)) outW++;
	if (h === 0 || w === 0) outH = outW = 0;
	const data = new Float32Array(outH * outW * c);
	const winners: number[] = [];
	for (let oy = 0; oy < outH; oy++)
		for (let ox = 0; ox < outW; ox++)
			for (let ch = 0; ch < c; ch++) {
				const values: { v: number; at: number }[] = [];
				for (let dy = 0; dy < size[0]; dy++)
					for (let dx = 0; dx < size[1]; dx++) {
						const y = oy * step + dy;
						const x = ox * step + dx;
						values.push({ v: map.data[(y * w + x) * c + ch], at: y * w + x });
					}
				const isMax = p.mode === 'max' || p.mode === 'gmax';
				const best = values.reduce((a, b) => (b.v > a.v ? b : a));
				data[(oy * outW + ox) * c + ch] = isMax
					? best.v
					: values.reduce((s, e) => s + e.v, 0) / values.length;
				winners.push(best.at);
			}
	return { out: { data, height: outH, width: outW, channels: c }, winners };
}

function randomMap(
	height: number,
	width: number,
	channels: number,
	seed: number,
	ties = false
): Map3 {
	const random = seededRandom(seed);
	const data = Float32Array.from({ length: height * width * channels }, () =>
		ties ? Math.floor(random() * 3) : random() * 2 - 1
	);
	return { data, height, width, channels };
}

function cases(): [string, Map3, PoolSettings][] {
	const list: [string, Map3, PoolSettings][] = [];
	const random = seededRandom(99);
	const sides = [1, 2, 3, 4, 5, 7, 8, 9, 13];
	for (const mode of POOL_MODES)
		for (let size = 2; size <= 4; size++)
			for (let stride = 1; stride <= 4; stride++) {
				const h = sides[Math.floor(random() * sides.length)];
				const w = sides[Math.floor(random() * sides.length)];
				const c = 1 + Math.floor(random() * 4);
				const p = { mode, size, stride };
				list.push([
					`${mode} ${size}/${stride} on ${h}×${w}×${c}`,
					randomMap(h, w, c, list.length + 1),
					p
				]);
			}
	// 1-pixel maps and odd sizes on purpose
	list.push([
		'max 2/2 on a 1-pixel map',
		randomMap(1, 1, 2, 7),
		{ mode: 'max', size: 2, stride: 2 }
	]);
	list.push(['gmax on a 1-pixel map', randomMap(1, 1, 2, 8), { mode: 'gmax', size: 2, stride: 2 }]);
	list.push(['gavg on a 1-pixel map', randomMap(1, 1, 3, 9), { mode: 'gavg', size: 2, stride: 2 }]);
	list.push(['avg 3/2 on 7×5', randomMap(7, 5, 2, 10), { mode: 'avg', size: 3, stride: 2 }]);
	list.push([
		'max 2/2 on 9×11 with ties',
		randomMap(9, 11, 3, 11, true),
		{ mode: 'max', size: 2, stride: 2 }
	]);
	list.push(['gmax with ties', randomMap(6, 5, 2, 12, true), { mode: 'gmax', size: 3, stride: 1 }]);
	return list;
}

describe.each(['cpu', 'wasm'] as const)('pooling on the %s backend', (backend) => {
	beforeAll(async () => {
		await useBackend(backend);
	});

	it.each(cases())('%s matches the naive definition', async (_, map, p) => {
		const reference = naivePool(map, p);
		const input = tf.tensor3d(map.data, [map.height, map.width, map.channels]);
		const before = tf.memory().numTensors;
		const pooled = await pool(input, p);
		expect(tf.memory().numTensors).toBe(before);
		input.dispose();
		expect([pooled.height, pooled.width, pooled.channels]).toEqual([
			reference.out.height,
			reference.out.width,
			reference.out.channels
		]);
		expect([pooledLength(map.height, p), pooledLength(map.width, p)]).toEqual([
			reference.out.height,
			reference.out.width
		]);
		for (let i = 0; i < reference.out.data.length; i++) {
			expect(pooled.data[i]).toBeCloseTo(reference.out.data[i], 5);
		}
		if (p.mode === 'max' || p.mode === 'gmax') {
			const c = map.channels;
			for (let channel = 0; channel < c; channel++) {
				const want = reference.winners.filter((_, i) => i % c === channel);
				expect(Array.from(poolWinners(map, p, channel))).toEqual(want);
			}
		} else {
			expect(() => poolWinners(map, p, 0)).toThrow('has no winning position');
		}
	});

	it('poolBatch pools each image of a batch on its own', () => {
		const a = randomMap(5, 6, 2, 21);
		const b = randomMap(5, 6, 2, 22);
		const p: PoolSettings = { mode: 'max', size: 2, stride: 2 };
		const out = tf.tidy(() =>
			Array.from(poolBatch(tf.tensor4d([...a.data, ...b.data], [2, 5, 6, 2]), p).dataSync())
		);
		const expected = [...naivePool(a, p).out.data, ...naivePool(b, p).out.data];
		out.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 6));
	});

	it('poolTensor leaves only its result behind', () => {
		const input = tf.tensor3d(randomMap(8, 8, 3, 5).data, [8, 8, 3]);
		const baseline = tf.memory().numTensors;
		for (const mode of POOL_MODES) {
			const out = poolTensor(input, { mode, size: 3, stride: 2 });
			expect(tf.memory().numTensors).toBe(baseline + 1);
			out.dispose();
		}
		expect(tf.memory().numTensors).toBe(baseline);
		input.dispose();
	});
});

describe('pooling geometry and arguments', () => {
	it('poolWindow gives the input rectangle of a cell', () => {
		expect(poolWindow({ mode: 'max', size: 3, stride: 2 }, { y: 2, x: 1 }, 9, 9)).toEqual({
			y0: 4,
			x0: 2,
			height: 3,
			width: 3
		});
		expect(poolWindow({ mode: 'gavg', size: 3, stride: 2 }, { y: 0, x: 0 }, 7, 5)).toEqual({
			y0: 0,
			x0: 0,
			height: 7,
			width: 5
		});
	});

	it('winners agree with TF.js maxPoolWithArgmax where no value ties (cpu backend)', async () => {
		await useBackend('cpu');
		const map = randomMap(9, 10, 3, 31);
		const p: PoolSettings = { mode: 'max', size: 3, stride: 2 };
		const { result, indexes } = tf.tidy(() => {
			const out = tf.maxPoolWithArgmax(
				tf.tensor4d(map.data, [1, 9, 10, 3]),
				p.size,
				p.stride,
				'valid'
			);
			return { result: out.result.dataSync(), indexes: Array.from(out.indexes.dataSync()) };
		});
		expect(result.length).toBeGreaterThan(0);
		// TF.js indexes [H, W, C] positions: (y·W + x)·C + c.
		for (let c = 0; c < 3; c++) {
			const winners = poolWinners(map, p, c);
			winners.forEach((at, cell) => expect(at * 3 + c).toBe(indexes[cell * 3 + c]));
		}
	});

	it('refuses a channel the map does not have', () => {
		const map = randomMap(4, 4, 2, 1);
		expect(() => poolWinners(map, { mode: 'max', size: 2, stride: 2 }, 2)).toThrow(
			'channel 2 is outside [0, 1]'
		);
	});

	it.each([
		[{ mode: 'max', size: 1, stride: 1 }, 'pool size must be an integer from 2 to 4, got 1'],
		[{ mode: 'avg', size: 5, stride: 1 }, 'pool size must be an integer from 2 to 4, got 5'],
		[{ mode: 'max', size: 2, stride: 0 }, 'pool stride must be an integer from 1 to 4, got 0'],
		[{ mode: 'max', size: 2, stride: 2.5 }, 'pool stride must be an integer from 1 to 4, got 2.5'],
		[{ mode: 'min', size: 2, stride: 2 }, 'unknown pool mode min']
	])('refuses %o', (p, message) => {
		const input = tf.zeros([4, 4, 1]) as tf.Tensor3D;
		const before = tf.memory().numTensors;
		expect(() => poolTensor(input, p as PoolSettings)).toThrow(message);
		expect(tf.memory().numTensors).toBe(before);
		input.dispose();
	});
});
