import type { Padding } from './paddedFrame';

/** One step of the convolution-arithmetic figure: a small input crop, its kernel and output. */
export interface ArithmeticFrame {
	/** [inputHeight, inputWidth] values, row-major, any range. */
	input: Float32Array;
	inputHeight: number;
	inputWidth: number;
	padding: Padding;
	/** [kernelSize, kernelSize] weights, row-major. */
	kernel: Float32Array;
	kernelSize: number;
	stride: number;
	dilation: number;
	/** [outputHeight, outputWidth], the full output for this crop. */
	output: Float32Array;
	outputHeight: number;
	outputWidth: number;
	/** Current output pixel, row-major; outputs before it are done; step = outputHeight·outputWidth means all done. */
	step: number;
}

/** A kernel tap: weight (ky, kx) reading padded-grid cell (py, px). */
export interface ArithmeticTap {
	ky: number;
	kx: number;
	py: number;
	px: number;
	inPadding: boolean;
}

/** The output pixel being computed and the padded-grid cells its kernel reads. */
export interface ArithmeticWindow {
	oy: number;
	ox: number;
	taps: ArithmeticTap[];
}

function positiveInteger(name: string, value: number, min = 1): void {
	if (!Number.isInteger(value) || value < min) {
		throw new RangeError(`${name} must be an integer ≥ ${min}, got ${value}`);
	}
}

/**
 * Checks a frame's shapes against the convolution output-size rule
 * out = floor((n + padBefore + padAfter − d(k − 1) − 1) / s) + 1 and returns the window of
 * output pixel `step` in padded-grid coordinates (py = oy·s + ky·d, px = ox·s + kx·d), or
 * null once every output is done. Throws a RangeError naming the first inconsistency.
 */
export function arithmeticWindow(frame: ArithmeticFrame): ArithmeticWindow | null {
	const { inputHeight: h, inputWidth: w, padding, kernelSize: k, stride: s, dilation: d } = frame;
	// 0 is allowed: a crop far out in a wide padding reads no image pixel at all.
	positiveInteger('inputHeight', h, 0);
	positiveInteger('inputWidth', w, 0);
	positiveInteger('kernelSize', k);
	positiveInteger('stride', s);
	positiveInteger('dilation', d);
	for (const side of ['top', 'bottom', 'left', 'right'] as const) {
		positiveInteger(`padding.${side}`, padding[side], 0);
	}
	if (frame.input.length !== h * w) {
		throw new RangeError(`input holds ${frame.input.length} values, [${h}, ${w}] needs ${h * w}`);
	}
	if (frame.kernel.length !== k * k) {
		throw new RangeError(`kernel holds ${frame.kernel.length} values, [${k}, ${k}] needs ${k * k}`);
	}
	const span = d * (k - 1) + 1;
	const paddedH = h + padding.top + padding.bottom;
	const paddedW = w + padding.left + padding.right;
	if (span > paddedH || span > paddedW) {
		throw new RangeError(
			`dilated kernel spans ${span} cells, padded input is ${paddedH}×${paddedW}`
		);
	}
	const outH = Math.floor((paddedH - span) / s) + 1;
	const outW = Math.floor((paddedW - span) / s) + 1;
	if (frame.outputHeight !== outH || frame.outputWidth !== outW) {
		throw new RangeError(
			`output is ${frame.outputHeight}×${frame.outputWidth}, the convolution gives ${outH}×${outW}`
		);
	}
	if (frame.output.length !== outH * outW) {
		throw new RangeError(`output holds ${frame.output.length} values, needs ${outH * outW}`);
	}
	positiveInteger('step', frame.step, 0);
	if (frame.step > outH * outW) {
		throw new RangeError(`step ${frame.step} is past the last output ${outH * outW - 1}`);
	}
	if (frame.step === outH * outW) return null;

	const oy = Math.floor(frame.step / outW);
	const ox = frame.step % outW;
	const taps: ArithmeticTap[] = [];
	for (let ky = 0; ky < k; ky++) {
		for (let kx = 0; kx < k; kx++) {
			const py = oy * s + ky * d;
			const px = ox * s + kx * d;
			const iy = py - padding.top;
			const ix = px - padding.left;
			taps.push({ ky, kx, py, px, inPadding: iy < 0 || iy >= h || ix < 0 || ix >= w });
		}
	}
	return { oy, ox, taps };
}
