// The layer atlas: layout arithmetic, hit testing (canvas pixel → unit) and painting, against
// positions worked out by hand.
import { describe, expect, it } from 'vitest';
import { atlasColumns, atlasLayout, atlasUnit, paintAtlas, tileOrigin } from '$lib/viz/mapAtlas';

describe('atlas layout', () => {
	it('enlarges small maps to the minimum tile and lays out rows', () => {
		const layout = atlasLayout(3, 3, 10, 4, 32, 2);
		expect(layout.scale).toBe(11);
		expect([layout.tileWidth, layout.columns, layout.rows]).toEqual([33, 4, 3]);
		expect(layout.width).toBe(4 * 33 + 3 * 2);
		expect(layout.height).toBe(3 * 33 + 2 * 2);
		expect(tileOrigin(layout, 5)).toEqual({ x: 35, y: 35 });
	});

	it('prefers a divisor of the channel count for the columns', () => {
		expect(atlasColumns(16, 12)).toBe(8);
		expect(atlasColumns(64, 16)).toBe(16);
		expect(atlasColumns(10, 16)).toBe(10);
		expect(atlasColumns(7, 4)).toBe(4);
	});

	it('maps a canvas pixel to (channel, row, column) and gaps to null', () => {
		const layout = atlasLayout(2, 4, 6, 3, 8, 1); // scale 2: tiles 8 wide, 4 high
		expect(atlasUnit(layout, 0, 0)).toEqual({ channel: 0, y: 0, x: 0 });
		expect(atlasUnit(layout, 8, 0)).toBeNull(); // the gap after tile 0
		expect(atlasUnit(layout, 9 + 7, 3)).toEqual({ channel: 1, y: 1, x: 3 });
		expect(atlasUnit(layout, 18 + 2, 5 + 2)).toEqual({ channel: 5, y: 1, x: 1 });
		expect(atlasUnit(layout, 0, 100)).toBeNull();
	});
});

describe('paintAtlas', () => {
	it('puts each map value in its enlarged block, gaps in the background colour', () => {
		// 1×2 maps, 2 channels: channel 0 = [0, 1], channel 1 = [1, 0]; gray ramp 0..1.
		const map = { data: Float32Array.from([0, 1, 1, 0]), height: 1, width: 2, channels: 2 };
		const layout = atlasLayout(1, 2, 2, 2, 4, 1); // scale 2: tiles 4×2, canvas 9×2
		const pixels = new Uint32Array(layout.width * layout.height);
		paintAtlas(map, { kind: 'gray', domain: [0, 1] }, layout, pixels, 7);
		const bytes = new Uint8Array(pixels.buffer);
		const red = (x: number, y: number) => bytes[(y * layout.width + x) * 4];
		expect([red(0, 0), red(1, 1), red(2, 0), red(3, 1)]).toEqual([0, 0, 255, 255]);
		expect(pixels[4]).toBe(7);
		expect([red(5, 0), red(7, 1)]).toEqual([255, 0]);
		expect(() =>
			paintAtlas(map, { kind: 'gray', domain: [0, 1] }, layout, new Uint32Array(3), 0)
		).toThrow(RangeError);
	});
});
