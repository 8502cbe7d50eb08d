import { describe, expect, it } from 'vitest';
import { checkSvgContent, readSvgContent } from '$lib/image/svgContent';
import { ascii, encodePng, gif, pngHeaderOnly } from './fixtures';

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const svg = (body: string) =>
	ascii(`<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64">${body}</svg>`);
const image = (bytes: Uint8Array, mime = 'image/png', attr = 'href') =>
	`<image ${attr}="data:${mime};base64,${base64(bytes)}" width="64" height="64"/>`;

describe('readSvgContent', () => {
	it.each([
		['<rect width="9" height="9"/>', 0],
		['<filter id="f"><feGaussianBlur stdDeviation="9"/><feOffset dx="2"/></filter>', 2],
		['<svg:filter><svg:feTurbulence numOctaves="9"/></svg:filter>', 1],
		['<rect style="filter: blur(30px)"/><circle style="filter:drop-shadow(1px 1px 9px red)"/>', 2],
		// commented out: not drawn
		['<!-- <feGaussianBlur stdDeviation="9"/> -->', 0]
	])('%s: %i filter effects', (body, filters) => {
		expect(readSvgContent(svg(body)).filters).toBe(filters);
	});

	it('reads the declared size of embedded pictures (PNG, GIF; base64, xlink:href)', () => {
		const content = readSvgContent(
			svg(image(pngHeaderOnly(20000, 20000)) + image(gif(30, 40), 'image/gif', 'xlink:href'))
		);
		expect(content.images).toEqual([
			{ kind: 'PNG', width: 20000, height: 20000 },
			{ kind: 'GIF', width: 30, height: 40 }
		]);
	});

	it('follows an embedded SVG (percent-encoded) and counts what it holds', () => {
		const inner = `<svg xmlns="http://www.w3.org/2000/svg"><filter><feMorphology radius="50"/></filter>${image(pngHeaderOnly(7, 5))}</svg>`;
		const content = readSvgContent(
			svg(`<image href="data:image/svg+xml,${encodeURIComponent(inner)}"/>`)
		);
		expect(content.filters).toBe(1);
		expect(content.images).toEqual([{ kind: 'PNG', width: 7, height: 5 }]);
	});
});

describe('checkSvgContent', () => {
	it('lets a plain drawing with a small embedded picture through', () => {
		expect(() =>
			checkSvgContent(svg('<circle r="9"/>' + image(encodePng(4, 3, new Uint8Array(48).fill(200)))))
		).not.toThrow();
	});

	it('refuses filter effects, saying why and what to do', () => {
		expect(() =>
			checkSvgContent(svg('<filter><feGaussianBlur stdDeviation="99"/></filter>'))
		).toThrow(/filter effects \(1\).*freeze.*PNG/);
	});

	it.each([
		// 20000² = 400 megapixels, one picture
		[[pngHeaderOnly(20000, 20000)], /400000000|20000 × 20000 pixels/],
		// a side over 16384
		[[pngHeaderOnly(17000, 10)], /17000 × 10 pixels/],
		// each under the limit, together over it: 5 × 3000² = 45 megapixels
		[Array.from({ length: 5 }, () => pngHeaderOnly(3000, 3000)), /5 pictures of 45 megapixels/]
	])('refuses embedded pictures over the megapixel limit (%#)', (pictures, message) => {
		const error = (() => {
			try {
				checkSvgContent(svg(pictures.map((p) => image(p)).join('')));
			} catch (e) {
				return e as Error & { code: string };
			}
			return null;
		})();
		expect(error?.code).toBe('too-many-pixels');
		expect(error?.message).toMatch(message);
		expect(error?.message).toMatch(/40 megapixels/);
	});
});
