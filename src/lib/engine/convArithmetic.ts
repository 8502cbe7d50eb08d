/**
 * Output-size arithmetic for a 2-D convolution, one axis at a time. Every other engine
 * function (the TF.js path, the naive loop, the dot-product inspector) takes its padding and
 * output length from here, so the UI's window highlight and the computed map always agree.
 */

/** 'valid' (no padding), 'same' (TensorFlow's convention) or symmetric zero padding p ≥ 0. */
export type Padding = 'valid' | 'same' | number;

export interface ConvGeometry {
	kernelSize: number;
	stride: number;
	padding: Padding;
	dilation: number;
}

/** Zero rows (or columns) added before and after the input along one axis, and the output length. */
export interface AxisPadding {
	before: number;
	after: number;
	out: number;
}

/** The ranges the labs' controls allow; `assertGeometry` enforces them. */
export const GEOMETRY_LIMITS = {
	kernelSize: { min: 1, max: 11 },
	stride: { min: 1, max: 4 },
	dilation: { min: 1, max: 4 },
	padding: { min: 0, max: 32 }
} as const;

function assertIntegerIn(name: string, value: number, min: number, max: number): void {
	if (!Number.isInteger(value) || value < min || value > max) {
		const range = max === Infinity ? `an integer ≥ ${min}` : `an integer from ${min} to ${max}`;
		throw new RangeError(`${name} must be ${range}, got ${String(value)}`);
	}
}

function assertPadding(padding: Padding, max: number): void {
	if (padding === 'valid' || padding === 'same') return;
	if (typeof padding !== 'number') {
		throw new RangeError(`padding must be 'valid', 'same' or a number, got ${String(padding)}`);
	}
	assertIntegerIn('padding', padding, 0, max);
}

/** Structural checks only (positive integers), so the arithmetic stays usable beyond the labs' ranges. */
function assertWellFormed(g: ConvGeometry): void {
	assertIntegerIn('kernelSize', g.kernelSize, 1, Infinity);
	assertIntegerIn('stride', g.stride, 1, Infinity);
	assertIntegerIn('dilation', g.dilation, 1, Infinity);
	assertPadding(g.padding, Infinity);
}

/**
 * Span of a dilated kernel on the input: d(k − 1) + 1.
 * @example effectiveKernelSize(3, 2) === 5
 */
export function effectiveKernelSize(kernelSize: number, dilation: number): number {
	return dilation * (kernelSize - 1) + 1;
}

/**
 * Padding and output length along one axis of length n.
 * - valid: p = 0. Integer p: out = floor((n + 2p − d(k−1) − 1) / s) + 1, before = after = p.
 * - same: TensorFlow's rule: out = ceil(n / s), total = max((out − 1)s + d(k−1) + 1 − n, 0),
 *   before = floor(total / 2), after = total − before (the odd zero goes after).
 * `out` is 0, never negative, when the dilated kernel is wider than the padded input.
 * @throws RangeError if n is not a non-negative integer or the geometry is malformed.
 */
export function axisPadding(n: number, g: ConvGeometry): AxisPadding {
	assertIntegerIn('input length', n, 0, Infinity);
	assertWellFormed(g);
	const span = effectiveKernelSize(g.kernelSize, g.dilation);
	if (g.padding === 'same') {
		const out = Math.ceil(n / g.stride);
		const total = Math.max((out - 1) * g.stride + span - n, 0);
		const before = Math.floor(total / 2);
		return { before, after: total - before, out };
	}
	const p = g.padding === 'valid' ? 0 : g.padding;
	const out = Math.max(Math.floor((n + 2 * p - span) / g.stride) + 1, 0);
	return { before: p, after: p, out };
}

/** Output [height, width] of a convolution over an input of [height, width]. */
export function outputSize(
	height: number,
	width: number,
	g: ConvGeometry
): { height: number; width: number } {
	return { height: axisPadding(height, g).out, width: axisPadding(width, g).out };
}

/**
 * Validates the ranges the labs allow: kernelSize 1–11, stride 1–4, dilation 1–4,
 * integer padding 0–32 (or 'valid' / 'same').
 * @throws RangeError naming the offending field, the allowed range and the value received.
 */
export function assertGeometry(g: ConvGeometry): void {
	const { kernelSize, stride, dilation, padding } = GEOMETRY_LIMITS;
	assertIntegerIn('kernelSize', g.kernelSize, kernelSize.min, kernelSize.max);
	assertIntegerIn('stride', g.stride, stride.min, stride.max);
	assertIntegerIn('dilation', g.dilation, dilation.min, dilation.max);
	assertPadding(g.padding, padding.max);
}
