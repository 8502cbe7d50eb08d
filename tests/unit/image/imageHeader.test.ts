import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { looksTruncated, readImageHeader } from '$lib/image/imageHeader';
import type { ImageKind } from '$lib/image/sniffImageType';
import {
	ascii,
	avif,
	bmp,
	concat,
	encodePng,
	gif,
	jpeg,
	jpegSegment,
	le32,
	noise,
	pngHeaderOnly,
	webpExtended,
	webpLossless,
	webpLossy
} from './fixtures';

describe('readImageHeader', () => {
	it.each([
		['PNG', 'png', encodePng(3, 2, new Uint8Array(24)), 3, 2],
		['PNG claiming 30000×30000', 'png', pngHeaderOnly(30000, 30000), 30000, 30000],
		['PNG with a 32-bit width', 'png', pngHeaderOnly(0x80000001, 1), 0x80000001, 1],
		['JPEG baseline', 'jpeg', jpeg({ width: 640, height: 427 }), 640, 427],
		['JPEG progressive (SOF2)', 'jpeg', jpeg({ width: 300, height: 451, sof: 0xc2 }), 300, 451],
		[
			'JPEG with Exif first',
			'jpeg',
			jpeg({ width: 4032, height: 3024, orientation: 6 }),
			4032,
			3024
		],
		[
			// DHT (C4) sits in the SOF range but holds Huffman tables, not a size.
			'JPEG with a DHT segment before SOF',
			'jpeg',
			jpeg({ width: 10, height: 20, before: [jpegSegment(0xc4, [0, 0, 1, 0, 2])] }),
			10,
			20
		],
		[
			'JPEG with fill bytes before a marker',
			'jpeg',
			concat([0xff, 0xd8, 0xff, 0xff], jpeg({ width: 7, height: 9 }).subarray(3)),
			7,
			9
		],
		['GIF', 'gif', gif(400, 328), 400, 328],
		['WebP lossy (scale bits masked off)', 'webp', webpLossy(451, 300), 451, 300],
		['WebP lossless', 'webp', webpLossless(16383, 1), 16383, 1],
		['WebP extended', 'webp', webpExtended(70000, 3), 70000, 3],
		['BMP', 'bmp', bmp(640, 480), 640, 480],
		['BMP top-down (negative height)', 'bmp', bmp(640, -480), 640, 480],
		['BMP core header', 'bmp', bmp(33, 44, 12), 33, 44],
		['AVIF', 'avif', avif([[1920, 1080]]), 1920, 1080],
		[
			'AVIF grid: the whole image, not a tile',
			'avif',
			avif([
				[512, 512],
				[2048, 1536],
				[512, 512]
			]),
			2048,
			1536
		],
		['SVG with width and height', 'svg', ascii('<svg width="120" height="80"/>'), 120, 80]
	] as const)('%s', (_label, kind, bytes, width, height) => {
		expect(readImageHeader(bytes, kind as ImageKind)).toEqual({ width, height });
	});

	it.each([
		['PNG signature only', 'png', encodePng(1, 1, new Uint8Array(4)).subarray(0, 8)],
		['PNG cut inside IHDR', 'png', encodePng(1, 1, new Uint8Array(4)).subarray(0, 20)],
		['PNG with zero width', 'png', pngHeaderOnly(0, 5)],
		[
			'PNG whose first chunk is not IHDR',
			'png',
			concat(pngHeaderOnly(1, 1).subarray(0, 12), 'IDAT')
		],
		['JPEG SOI only', 'jpeg', Uint8Array.of(0xff, 0xd8)],
		['JPEG cut before SOF', 'jpeg', jpeg({ width: 5, height: 5 }).subarray(0, 30)],
		['JPEG cut inside SOF', 'jpeg', jpeg({ width: 5, height: 5 }).subarray(0, 100)],
		['JPEG with height 0 (DNL)', 'jpeg', jpeg({ width: 5, height: 0 })],
		['JPEG with a segment length of 0', 'jpeg', Uint8Array.of(0xff, 0xd8, 0xff, 0xe0, 0, 0, 1, 2)],
		['JPEG with SOS before SOF', 'jpeg', concat([0xff, 0xd8], jpegSegment(0xda, [0, 0]), [1, 2])],
		['JPEG with garbage between segments', 'jpeg', Uint8Array.of(0xff, 0xd8, 0x12, 0x34, 0xff)],
		['GIF header cut short', 'gif', ascii('GIF89a\x10')],
		['GIF with zero size', 'gif', gif(0, 0)],
		['WebP with an unknown chunk', 'webp', concat('RIFF', le32(12), 'WEBPABCD', le32(0))],
		['WebP lossy without start code', 'webp', webpLossy(4, 4).map((b, i) => (i === 23 ? 0 : b))],
		[
			'WebP lossless without signature',
			'webp',
			webpLossless(4, 4).map((b, i) => (i === 20 ? 0 : b))
		],
		['WebP extended cut short', 'webp', webpExtended(4, 4).subarray(0, 26)],
		['BMP with an unknown DIB size', 'bmp', bmp(4, 4).map((b, i) => (i === 14 ? 20 : b))],
		['BMP cut short', 'bmp', bmp(4, 4).subarray(0, 20)],
		['AVIF without ispe', 'avif', concat([0, 0, 0, 16], 'ftypavif', [0, 0, 0, 0])],
		['SVG with only a viewBox', 'svg', ascii('<svg viewBox="0 0 10 10"/>')],
		['SVG with percentages', 'svg', ascii('<svg width="100%" height="100%"/>')]
	] as const)('%s → null', (_label, kind, bytes) => {
		expect(readImageHeader(bytes, kind as ImageKind)).toBeNull();
	});

	it.each([
		['png', encodePng(3, 3, new Uint8Array(36))],
		['jpeg', jpeg({ width: 3, height: 3, orientation: 6 })],
		['gif', gif(3, 3)],
		['webp', webpExtended(3, 3)],
		['bmp', bmp(3, 3)],
		['avif', avif([[3, 3]])],
		['svg', ascii('<?xml version="1.0"?><svg width="3" height="3" viewBox="0 0 3 3"/>')]
	] as const)(
		'%s: never throws on random bytes or on any truncation of a valid file',
		(kind, valid) => {
			for (let seed = 1; seed <= 50; seed++) {
				expect(() => readImageHeader(noise(64, seed), kind)).not.toThrow();
				expect(() => looksTruncated(noise(64, seed), kind)).not.toThrow();
			}
			for (let n = 0; n <= valid.length; n++) {
				const part = valid.subarray(0, n);
				const size = readImageHeader(part, kind);
				expect(size === null || (size.width === 3 && size.height === 3)).toBe(true);
				expect(() => looksTruncated(part, kind)).not.toThrow();
			}
		}
	);
});

describe('looksTruncated', () => {
	const thumbnailEoi = jpegSegment(0xe1, [0x12, 0xff, 0xd8, 0xff, 0xd9, 0x00]);

	it.each([
		['complete PNG', 'png', encodePng(2, 2, new Uint8Array(16)), false],
		['PNG without IEND', 'png', encodePng(2, 2, new Uint8Array(16), { end: false }), true],
		['PNG cut inside IDAT', 'png', encodePng(2, 2, new Uint8Array(16)).subarray(0, 50), true],
		[
			'PNG with bytes after IEND',
			'png',
			concat(encodePng(1, 1, new Uint8Array(4)), [0, 0, 0]),
			false
		],
		['complete JPEG', 'jpeg', jpeg({ width: 2, height: 2 }), false],
		['JPEG without EOI', 'jpeg', jpeg({ width: 2, height: 2, end: false }), true],
		['JPEG cut inside the header', 'jpeg', jpeg({ width: 2, height: 2 }).subarray(0, 40), true],
		[
			'JPEG with data appended after EOI',
			'jpeg',
			jpeg({ width: 2, height: 2, trailer: ascii('SEFT trailer from a phone, not an EOI') }),
			false
		],
		[
			// An embedded thumbnail's FF D9 lies before the scan and must not count as the end.
			'JPEG without EOI whose APP segment contains FF D9',
			'jpeg',
			jpeg({ width: 2, height: 2, end: false, before: [thumbnailEoi] }),
			true
		],
		['GIF (not checked)', 'gif', gif(2, 2).subarray(0, 12), false],
		['WebP (not checked)', 'webp', webpLossy(2, 2), false]
	] as const)('%s → %s', (_label, kind, bytes, expected) => {
		expect(looksTruncated(bytes, kind as ImageKind)).toBe(expected);
	});

	it('tells a real JPEG from the same file cut in half', () => {
		const real = new Uint8Array(readFileSync('static/samples/cat.jpg'));
		expect(looksTruncated(real, 'jpeg')).toBe(false);
		expect(looksTruncated(real.subarray(0, real.length >> 1), 'jpeg')).toBe(true);
	});

	it('tells a real PNG from the same file cut short', () => {
		const real = new Uint8Array(readFileSync('static/samples/horse.png'));
		expect(looksTruncated(real, 'png')).toBe(false);
		expect(looksTruncated(real.subarray(0, real.length - 12), 'png')).toBe(true);
	});
});
