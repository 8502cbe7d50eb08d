/**
 * Change a custom kernel's size while keeping what the learner typed: growing pads it with
 * zeros around the centre, shrinking keeps the central block. Odd→even keeps the top-left
 * anchored centre that even kernels use (index floor((k−1)/2)).
 *
 * values: [from, from] row-major → [to, to] row-major.
 */
export function resizeKernel(values: ArrayLike<number>, from: number, to: number): number[] {
	if (values.length !== from * from) throw new RangeError(`expected ${from}×${from} values`);
	const out = new Array<number>(to * to).fill(0);
	const shift = Math.floor((to - 1) / 2) - Math.floor((from - 1) / 2);
	for (let y = 0; y < from; y++) {
		for (let x = 0; x < from; x++) {
			const ty = y + shift;
			const tx = x + shift;
			if (ty >= 0 && ty < to && tx >= 0 && tx < to) out[ty * to + tx] = values[y * from + x];
		}
	}
	return out;
}
