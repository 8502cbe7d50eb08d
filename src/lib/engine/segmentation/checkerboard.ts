/**
 * How checkerboarded a map is. A stride-2 upsampling step writes the output's four pixel
 * phases (even/odd row × even/odd column) with different kernel taps; a transposed conv whose
 * kernel size is not divisible by the stride also overlaps unevenly, so the phases differ in
 * level and a grid pattern appears (Odena, Dumoulin & Olah, Distill 2016). The score is the
 * spread of the four phase means over the map's own spread:
 *   score = std(μ_00, μ_01, μ_10, μ_11) / std(all pixels)
 * 0 for a smooth map, up to 1 for a pure period-2 pattern. Averaged over channels.
 */
export function checkerboardScore(
	data: Float32Array,
	height: number,
	width: number,
	channels: number
): number {
	let total = 0;
	let counted = 0;
	for (let c = 0; c < channels; c++) {
		const sums = [0, 0, 0, 0];
		const counts = [0, 0, 0, 0];
		let sum = 0;
		let sq = 0;
		for (let y = 0; y < height; y++)
			for (let x = 0; x < width; x++) {
				const v = data[(y * width + x) * channels + c];
				const phase = (y % 2) * 2 + (x % 2);
				sums[phase] += v;
				counts[phase]++;
				sum += v;
				sq += v * v;
			}
		const n = height * width;
		const mean = sum / n;
		const variance = sq / n - mean * mean;
		if (variance <= 1e-12) continue;
		const phaseMeans = sums.map((s, i) => (counts[i] ? s / counts[i] : mean));
		const spread = phaseMeans.reduce((a, m) => a + (m - mean) ** 2, 0) / 4;
		total += Math.sqrt(spread / variance);
		counted++;
	}
	return counted ? total / counted : 0;
}

/**
 * Why a transposed conv checkerboards, without any learned weight: how many kernel taps land on
 * each output pixel of a k×k transposed conv, stride 2, 'same' (output 2n × 2n), for an n × n
 * input. Each input pixel i writes to outputs 2i + t − ⌊max(k − 2, 0) / 2⌋, t = 0…k−1 (per axis),
 * so for k = 3 the even outputs get two taps and the odd ones one: 4·2·2·1 in 2-D, a grid; for
 * k = 4 every interior output gets two per axis. Equals the transposed conv of an all-ones input
 * with an all-ones kernel. Returns [2n, 2n] counts.
 */
export function transposedConvOverlap(k: number, n: number): Float32Array {
	const out = 2 * n;
	const before = Math.floor(Math.max(k - 2, 0) / 2);
	const perAxis = new Float32Array(out);
	for (let i = 0; i < n; i++)
		for (let t = 0; t < k; t++) {
			const o = 2 * i + t - before;
			if (o >= 0 && o < out) perAxis[o]++;
		}
	const counts = new Float32Array(out * out);
	for (let y = 0; y < out; y++)
		for (let x = 0; x < out; x++) counts[y * out + x] = perAxis[y] * perAxis[x];
	return counts;
}

/** The checkerboard score of an overlap map away from its border (k px), where only the pattern is left. */
export function overlapScore(k: number, n: number): number {
	const counts = transposedConvOverlap(k, n);
	const side = 2 * n;
	const inner = side - 2 * k;
	if (inner < 2) return checkerboardScore(counts, side, side, 1);
	const crop = new Float32Array(inner * inner);
	for (let y = 0; y < inner; y++)
		for (let x = 0; x < inner; x++) crop[y * inner + x] = counts[(y + k) * side + (x + k)];
	return checkerboardScore(crop, inner, inner, 1);
}
