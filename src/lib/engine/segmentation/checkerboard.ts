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
