/**
 * Seeded pseudo-random numbers, so a "random" kernel (and any screenshot of it) is the same on
 * every load and every machine.
 */

/**
 * Uniform numbers in [0, 1) from mulberry32: tiny, fast, and good enough for initial weights.
 * The same seed always gives the same sequence.
 */
export function seededRandom(seed: number): () => number {
	let state = seed | 0;
	return () => {
		state = (state + 0x6d2b79f5) | 0;
		let t = Math.imul(state ^ (state >>> 15), 1 | state);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Standard normal numbers (mean 0, variance 1) by Box–Muller on `seededRandom(seed)`. */
export function seededNormal(seed: number): () => number {
	const uniform = seededRandom(seed);
	let spare: number | null = null;
	return () => {
		if (spare !== null) {
			const value = spare;
			spare = null;
			return value;
		}
		// 1 − u lies in (0, 1], so the logarithm is finite.
		const radius = Math.sqrt(-2 * Math.log(1 - uniform()));
		const angle = 2 * Math.PI * uniform();
		spare = radius * Math.sin(angle);
		return radius * Math.cos(angle);
	};
}
