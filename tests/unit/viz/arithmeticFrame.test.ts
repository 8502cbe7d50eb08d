import { describe, expect, it } from 'vitest';
import { arithmeticWindow, type ArithmeticFrame } from '$lib/viz/arithmeticFrame';
import type { Padding } from '$lib/viz/paddedFrame';

interface Config {
	h: number;
	w: number;
	k: number;
	stride: number;
	dilation: number;
	padding: Padding;
}

/** Cross-correlation by direct definition: out[y][x] = Σ w[i][j] · in[y·s + i·d − top][x·s + j·d − left]. */
function naiveConv(input: Float32Array, kernel: Float32Array, c: Config) {
	const span = c.dilation * (c.k - 1) + 1;
	const oh = Math.floor((c.h + c.padding.top + c.padding.bottom - span) / c.stride) + 1;
	const ow = Math.floor((c.w + c.padding.left + c.padding.right - span) / c.stride) + 1;
	const output = new Float32Array(oh * ow);
	for (let y = 0; y < oh; y++) {
		for (let x = 0; x < ow; x++) {
			let sum = 0;
			for (let i = 0; i < c.k; i++) {
				for (let j = 0; j < c.k; j++) {
					const iy = y * c.stride + i * c.dilation - c.padding.top;
					const ix = x * c.stride + j * c.dilation - c.padding.left;
					if (iy >= 0 && iy < c.h && ix >= 0 && ix < c.w)
						sum += kernel[i * c.k + j] * input[iy * c.w + ix];
				}
			}
			output[y * ow + x] = sum;
		}
	}
	return { output, oh, ow };
}

function frameFor(c: Config, step: number): ArithmeticFrame {
	const input = Float32Array.from({ length: c.h * c.w }, (_, i) => ((i * 7) % 11) / 10);
	const kernel = Float32Array.from({ length: c.k * c.k }, (_, i) => i - 2);
	const { output, oh, ow } = naiveConv(input, kernel, c);
	return {
		input,
		inputHeight: c.h,
		inputWidth: c.w,
		padding: c.padding,
		kernel,
		kernelSize: c.k,
		stride: c.stride,
		dilation: c.dilation,
		output,
		outputHeight: oh,
		outputWidth: ow,
		step
	};
}

const pad = (top: number, bottom: number, left: number, right: number): Padding => ({
	top,
	bottom,
	left,
	right
});

describe('arithmeticWindow', () => {
	it('finds the taps of a strided window by hand', () => {
		// 5×5, pad 1, k 3, s 2 → padded 7×7, output 3×3; step 4 is (1, 1), reading rows/cols 2..4
		const frame = frameFor(
			{ h: 5, w: 5, k: 3, stride: 2, dilation: 1, padding: pad(1, 1, 1, 1) },
			4
		);
		expect(frame.outputHeight).toBe(3);
		const window = arithmeticWindow(frame);
		expect(window?.oy).toBe(1);
		expect(window?.ox).toBe(1);
		// prettier-ignore
		expect(window?.taps.map((t) => [t.py, t.px])).toEqual([
			[2, 2], [2, 3], [2, 4],
			[3, 2], [3, 3], [3, 4],
			[4, 2], [4, 3], [4, 4]
		]);
		expect(window?.taps.some((t) => t.inPadding)).toBe(false);
	});

	it('marks the padding taps of the corner window', () => {
		const frame = frameFor(
			{ h: 5, w: 5, k: 3, stride: 2, dilation: 1, padding: pad(1, 1, 1, 1) },
			0
		);
		const window = arithmeticWindow(frame);
		// first row and first column of the window fall in the padding
		// prettier-ignore
		expect(window?.taps.map((t) => t.inPadding)).toEqual([
			true, true, true,
			true, false, false,
			true, false, false
		]);
	});

	it('spreads dilated taps with gaps', () => {
		const frame = frameFor(
			{ h: 5, w: 5, k: 3, stride: 1, dilation: 2, padding: pad(0, 0, 0, 0) },
			0
		);
		expect([frame.outputHeight, frame.outputWidth]).toEqual([1, 1]);
		// prettier-ignore
		expect(arithmeticWindow(frame)?.taps.map((t) => [t.ky, t.kx, t.py, t.px])).toEqual([
			[0, 0, 0, 0], [0, 1, 0, 2], [0, 2, 0, 4],
			[1, 0, 2, 0], [1, 1, 2, 2], [1, 2, 2, 4],
			[2, 0, 4, 0], [2, 1, 4, 2], [2, 2, 4, 4]
		]);
	});

	it.each([
		{ h: 6, w: 5, k: 3, stride: 1, dilation: 1, padding: pad(1, 1, 1, 1) },
		{ h: 7, w: 7, k: 3, stride: 2, dilation: 1, padding: pad(0, 1, 0, 1) },
		{ h: 7, w: 6, k: 3, stride: 1, dilation: 2, padding: pad(2, 2, 2, 2) },
		{ h: 8, w: 8, k: 2, stride: 3, dilation: 1, padding: pad(0, 0, 1, 0) },
		{ h: 4, w: 4, k: 1, stride: 1, dilation: 1, padding: pad(0, 0, 0, 0) }
	])('every window reproduces the convolution: %o', (config) => {
		const frame = frameFor(config, 0);
		const paddedW = config.w + config.padding.left + config.padding.right;
		for (let step = 0; step < frame.output.length; step++) {
			const window = arithmeticWindow({ ...frame, step });
			if (!window) throw new Error(`no window for step ${step}`);
			expect(window.oy * frame.outputWidth + window.ox).toBe(step);
			let sum = 0;
			for (const t of window.taps) {
				const iy = t.py - config.padding.top;
				const ix = t.px - config.padding.left;
				expect(t.inPadding).toBe(!(iy >= 0 && iy < config.h && ix >= 0 && ix < config.w));
				expect(t.px).toBeLessThan(paddedW);
				if (!t.inPadding)
					sum += frame.kernel[t.ky * config.k + t.kx] * frame.input[iy * config.w + ix];
			}
			expect(sum).toBeCloseTo(frame.output[step], 5);
		}
	});

	it('returns null once every output is done', () => {
		const frame = frameFor(
			{ h: 3, w: 3, k: 3, stride: 1, dilation: 1, padding: pad(1, 1, 1, 1) },
			9
		);
		expect(arithmeticWindow(frame)).toBeNull();
	});

	const good = frameFor({ h: 5, w: 5, k: 3, stride: 1, dilation: 1, padding: pad(0, 0, 0, 0) }, 0);
	it.each([
		{ name: 'step past the end', change: { step: 10 }, error: /step 10/ },
		{ name: 'negative step', change: { step: -1 }, error: /step/ },
		{ name: 'fractional stride', change: { stride: 1.5 }, error: /stride/ },
		{ name: 'zero dilation', change: { dilation: 0 }, error: /dilation/ },
		{ name: 'negative padding', change: { padding: pad(-1, 0, 0, 0) }, error: /padding.top/ },
		{ name: 'short input', change: { input: new Float32Array(24) }, error: /input holds 24/ },
		{ name: 'short kernel', change: { kernel: new Float32Array(4) }, error: /kernel holds 4/ },
		{ name: 'wrong output size', change: { outputHeight: 2, outputWidth: 2 }, error: /gives 3×3/ },
		{ name: 'short output', change: { output: new Float32Array(8) }, error: /output holds 8/ },
		{ name: 'kernel larger than input', change: { dilation: 3 }, error: /spans 7/ }
	] as { name: string; change: Partial<ArithmeticFrame>; error: RegExp }[])(
		'throws on $name',
		({ change, error }) => {
			expect(() => arithmeticWindow({ ...good, ...change })).toThrow(error);
		}
	);
});
