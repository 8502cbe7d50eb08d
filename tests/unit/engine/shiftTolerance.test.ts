import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { sameGeometry } from '$lib/engine/convBank';
import { presetKernel } from '$lib/engine/kernelPresets';
import { naiveConvolution } from '$lib/engine/naiveConvolution';
import { shiftTolerance } from '$lib/engine/shiftTolerance';
import { seededRandom } from '$lib/engine/seededRandom';

/** The experiment by hand: crop, naive conv + ReLU, naive 2×2/2 max-pool, relative L2 change. */
function reference(
	plane: Float32Array,
	h: number,
	w: number,
	kernel: Float32Array,
	maxShift: number
) {
	const cropW = w - maxShift;
	const maps: { conv: Float32Array; pooled: Float32Array }[] = [];
	for (let t = 0; t <= maxShift; t++) {
		const crop = new Float32Array(h * cropW);
		for (let y = 0; y < h; y++)
			for (let x = 0; x < cropW; x++) crop[y * cropW + x] = plane[y * w + x + t];
		const conv = naiveConvolution(crop, h, cropW, kernel, sameGeometry(3)).data.map((v) =>
			Math.max(0, v)
		);
		const ph = Math.floor(h / 2);
		const pw = Math.floor(cropW / 2);
		const pooled = new Float32Array(ph * pw);
		for (let y = 0; y < ph; y++)
			for (let x = 0; x < pw; x++)
				pooled[y * pw + x] = Math.max(
					conv[2 * y * cropW + 2 * x],
					conv[2 * y * cropW + 2 * x + 1],
					conv[(2 * y + 1) * cropW + 2 * x],
					conv[(2 * y + 1) * cropW + 2 * x + 1]
				);
		maps.push({ conv, pooled });
	}
	const change = (a: Float32Array, b: Float32Array) => {
		let d = 0;
		let n = 0;
		for (let i = 0; i < a.length; i++) {
			d += (a[i] - b[i]) ** 2;
			n += b[i] ** 2;
		}
		return Math.sqrt(d) / Math.sqrt(n);
	};
	return {
		unpooled: maps.map((m) => change(m.conv, maps[0].conv)),
		pooled: maps.map((m) => change(m.pooled, maps[0].pooled))
	};
}

describe.each(['cpu', 'wasm'] as const)('shiftTolerance on the %s backend', (backend) => {
	beforeAll(async () => {
		expect(await tf.setBackend(backend)).toBe(true);
	});

	it('matches the experiment done by hand, and leaves no tensor', async () => {
		const random = seededRandom(3);
		const [h, w] = [10, 17];
		const plane = Float32Array.from({ length: h * w }, () => random());
		const kernel = presetKernel('sobel-x', 3);
		const image = tf.tensor3d(plane, [h, w, 1]);
		const before = tf.memory().numTensors;
		const result = await shiftTolerance(
			image,
			[kernel],
			sameGeometry(3),
			true,
			{ mode: 'max', size: 2, stride: 2 },
			{ maxShift: 4, cropSize: 64 }
		);
		expect(tf.memory().numTensors).toBe(before);
		image.dispose();
		const expected = reference(plane, h, w, kernel, 4);
		expect(result.shifts).toEqual([0, 1, 2, 3, 4]);
		expect(result.crop).toEqual([10, 13]);
		result.unpooled.forEach((v, i) => expect(v).toBeCloseTo(expected.unpooled[i], 4));
		result.pooled.forEach((v, i) => expect(v).toBeCloseTo(expected.pooled[i], 4));
		expect(result.unpooled[0]).toBe(0);
	});

	it('global average pooling of a periodic image does not change with a whole-period shift', async () => {
		// Stripes of period 2 along x: a shift of 2 px gives the same crop exactly.
		const [h, w] = [6, 20];
		const plane = Float32Array.from({ length: h * w }, (_, i) => (i % w) % 2);
		const image = tf.tensor3d(plane, [h, w, 1]);
		const result = await shiftTolerance(
			image,
			[presetKernel('box', 3)],
			sameGeometry(3),
			true,
			{ mode: 'gavg', size: 2, stride: 2 },
			{ maxShift: 4 }
		);
		image.dispose();
		expect(result.pooled[2]).toBeCloseTo(0, 6);
		expect(result.pooled[4]).toBeCloseTo(0, 6);
		expect(result.unpooled[1]).toBeGreaterThan(0.1);
	});

	it('an image too narrow to shift gives NaN, not an error', async () => {
		const image = tf.ones([4, 5, 1]) as tf.Tensor3D;
		const result = await shiftTolerance(image, [presetKernel('box', 3)], sameGeometry(3), true, {
			mode: 'max',
			size: 2,
			stride: 2
		});
		image.dispose();
		expect(result.pooled.every(Number.isNaN)).toBe(true);
		expect(result.crop).toEqual([0, 0]);
	});
});
