/**
 * High contrast must make weak responses of a diverging map easier to see, not harder: on a
 * Laplacian of a smooth picture (most responses small, a few large), the share of near-white
 * pixels must fall when the steep ramp is on.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { chooseColorScale, colorFor, mapToRgba, setSteepColorScales } from '$lib/viz/colorScale';

const SIZE = 64;

/** A smooth picture with one bright square, through a 4-neighbour Laplacian (naive loop). */
function laplacianMap(): Float32Array {
	const image = (x: number, y: number) =>
		0.5 +
		0.3 * Math.sin(x / 7) * Math.cos(y / 9) +
		(x > 20 && x < 40 && y > 24 && y < 44 ? 0.4 : 0);
	const out = new Float32Array(SIZE * SIZE);
	for (let y = 0; y < SIZE; y++)
		for (let x = 0; x < SIZE; x++)
			out[y * SIZE + x] =
				image(x - 1, y) + image(x + 1, y) + image(x, y - 1) + image(x, y + 1) - 4 * image(x, y);
	return out;
}

/** Share of pixels whose every channel is ≥ 235 (what a washed-out projector shows as white). */
function nearWhiteFraction(rgba: Uint8ClampedArray): number {
	let white = 0;
	for (let i = 0; i < rgba.length; i += 4)
		if (rgba[i] >= 235 && rgba[i + 1] >= 235 && rgba[i + 2] >= 235) white++;
	return white / (rgba.length / 4);
}

function draw(data: Float32Array) {
	let min = Infinity;
	let max = -Infinity;
	for (const v of data) [min, max] = [Math.min(min, v), Math.max(max, v)];
	const spec = chooseColorScale(min, max);
	expect(spec.kind).toBe('diverging');
	return mapToRgba({ data, height: SIZE, width: SIZE, channels: 1 }, 0, spec);
}

describe('steep (high-contrast) colour scales', () => {
	afterEach(() => setSteepColorScales(false));

	it('fewer near-white pixels on a Laplacian map than the normal ramp', () => {
		const data = laplacianMap();
		const normal = nearWhiteFraction(draw(data));
		setSteepColorScales(true);
		const steep = nearWhiteFraction(draw(data));
		expect(normal).toBeGreaterThan(0.3); // the problem exists: most of the map is pale
		expect(steep).toBeLessThan(normal - 0.1); // measured: 0.96 → 0.68
	});

	it('keeps the ends, the white centre and the sign as hue', () => {
		const spec = chooseColorScale(-1, 1);
		const ends = [colorFor(spec, -1), colorFor(spec, 0), colorFor(spec, 1)];
		setSteepColorScales(true);
		expect([colorFor(spec, -1), colorFor(spec, 0), colorFor(spec, 1)]).toEqual(ends);
		const parse = (c: string) => c.match(/\d+/g)!.map(Number);
		const [r, , b] = parse(colorFor(spec, -0.05));
		expect(b).toBeGreaterThan(r + 20); // a weak negative is clearly blue
		const [r2, , b2] = parse(colorFor(spec, 0.05));
		expect(r2).toBeGreaterThan(b2 + 20); // a weak positive clearly red
	});

	it('leaves sequential maps as they are', () => {
		const spec = chooseColorScale(0, 1);
		const before = [0, 0.05, 0.5, 1].map((v) => colorFor(spec, v));
		setSteepColorScales(true);
		expect([0, 0.05, 0.5, 1].map((v) => colorFor(spec, v))).toEqual(before);
	});
});
