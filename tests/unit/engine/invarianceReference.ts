/**
 * Plain-loop references for the invariance and fc-vs-conv engines, written from the
 * definitions (not from the engine's code). Maps are [H, W, C] row-major Float64Arrays.
 */
export interface Plane {
	data: Float64Array;
	height: number;
	width: number;
	channels: number;
}

export function plane(
	height: number,
	width: number,
	channels: number,
	f: (y: number, x: number, c: number) => number
): Plane {
	const data = new Float64Array(height * width * channels);
	for (let y = 0; y < height; y++)
		for (let x = 0; x < width; x++)
			for (let c = 0; c < channels; c++) data[(y * width + x) * channels + c] = f(y, x, c);
	return { data, height, width, channels };
}

export function at(p: Plane, y: number, x: number, c: number): number {
	return p.data[(y * p.width + x) * p.channels + c];
}

/** out(y, x) = in(y − dy, x − dx), zero outside or taken modulo the size. */
export function naiveShift(p: Plane, dx: number, dy: number, fill: 'zero' | 'wrap'): Plane {
	return plane(p.height, p.width, p.channels, (y, x, c) => {
		let sy = y - dy;
		let sx = x - dx;
		if (fill === 'wrap') {
			while (sy < 0) sy += p.height;
			while (sx < 0) sx += p.width;
			sy %= p.height;
			sx %= p.width;
		} else if (sy < 0 || sx < 0 || sy >= p.height || sx >= p.width) return 0;
		return at(p, sy, sx, c);
	});
}

/** r = (nΣab − ΣaΣb) / √((nΣa² − (Σa)²)(nΣb² − (Σb)²)), the textbook one-pass form. */
export function naivePearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
	const n = a.length;
	let sa = 0,
		sb = 0,
		saa = 0,
		sbb = 0,
		sab = 0;
	for (let i = 0; i < n; i++) {
		sa += a[i];
		sb += b[i];
		saa += a[i] * a[i];
		sbb += b[i] * b[i];
		sab += a[i] * b[i];
	}
	return (n * sab - sa * sb) / Math.sqrt((n * saa - sa * sa) * (n * sbb - sb * sb));
}

/** 'same' cross-correlation of a 1-channel plane with C kernels k×k (odd k), zero padding. */
export function naiveConvBank(p: Plane, kernels: number[][], k: number, relu = false): Plane {
	const r = (k - 1) / 2;
	return plane(p.height, p.width, kernels.length, (y, x, c) => {
		let sum = 0;
		for (let ky = 0; ky < k; ky++)
			for (let kx = 0; kx < k; kx++) {
				const iy = y - r + ky;
				const ix = x - r + kx;
				if (iy >= 0 && ix >= 0 && iy < p.height && ix < p.width)
					sum += kernels[c][ky * k + kx] * at(p, iy, ix, 0);
			}
		return relu ? Math.max(0, sum) : sum;
	});
}

/** 2×2 windows at stride 2, no padding. */
export function naiveMaxPool(p: Plane): Plane {
	return plane(Math.floor(p.height / 2), Math.floor(p.width / 2), p.channels, (y, x, c) =>
		Math.max(
			at(p, 2 * y, 2 * x, c),
			at(p, 2 * y + 1, 2 * x, c),
			at(p, 2 * y, 2 * x + 1, c),
			at(p, 2 * y + 1, 2 * x + 1, c)
		)
	);
}

/** Max of the 2×2 window at (y, x) … (y+1, x+1) over the pixels inside; blur [1 2 1]⊗[1 2 1]/16 at stride 2 with TF 'same' padding. */
export function naiveBlurPool(p: Plane): Plane {
	const dense = plane(p.height, p.width, p.channels, (y, x, c) => {
		let m = -Infinity;
		for (const [yy, xx] of [
			[y, x],
			[y + 1, x],
			[y, x + 1],
			[y + 1, x + 1]
		])
			if (yy < p.height && xx < p.width) m = Math.max(m, at(p, yy, xx, c));
		return m;
	});
	const outH = Math.ceil(p.height / 2);
	const outW = Math.ceil(p.width / 2);
	const padTop = Math.floor(Math.max((outH - 1) * 2 + 3 - p.height, 0) / 2);
	const padLeft = Math.floor(Math.max((outW - 1) * 2 + 3 - p.width, 0) / 2);
	const taps = [1, 2, 1];
	return plane(outH, outW, p.channels, (y, x, c) => {
		let sum = 0;
		for (let ky = 0; ky < 3; ky++)
			for (let kx = 0; kx < 3; kx++) {
				const iy = 2 * y - padTop + ky;
				const ix = 2 * x - padLeft + kx;
				if (iy >= 0 && ix >= 0 && iy < p.height && ix < p.width)
					sum += (taps[ky] * taps[kx] * at(dense, iy, ix, c)) / 16;
			}
		return sum;
	});
}

/**
 * Area resampling by integration on a fine grid: each input pixel is cut into m × m sub-cells
 * (and each output into n × n), so every boundary falls on the grid and the mean is exact.
 */
export function naiveAreaResize(p: Plane, side: number): Plane {
	return plane(side, side, 1, (oy, ox) => {
		let sum = 0;
		let count = 0;
		// output cell oy spans input rows [oy·H/side, (oy+1)·H/side); sample it at side·H points
		const samplesY = p.height * 4;
		const samplesX = p.width * 4;
		for (let sy = 0; sy < samplesY; sy++) {
			const y = ((oy + (sy + 0.5) / samplesY) * p.height) / side;
			for (let sx = 0; sx < samplesX; sx++) {
				const x = ((ox + (sx + 0.5) / samplesX) * p.width) / side;
				sum += at(p, Math.floor(y), Math.floor(x), 0);
				count++;
			}
		}
		return sum / count;
	});
}

export function naiveStandardize(values: Float64Array): Float64Array {
	const n = values.length;
	const mean = values.reduce((s, v) => s + v, 0) / n;
	const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / n;
	const std = Math.sqrt(variance);
	return values.map((v) => (std > 0 ? (v - mean) / std : 0));
}

/** y[u] = Σ_i x[i] · W[i, u], W [inputs, units] row-major. */
export function naiveDense(
	x: ArrayLike<number>,
	weights: Float32Array,
	units: number
): Float64Array {
	const out = new Float64Array(units);
	for (let i = 0; i < x.length; i++)
		for (let u = 0; u < units; u++) out[u] += x[i] * weights[i * units + u];
	return out;
}
