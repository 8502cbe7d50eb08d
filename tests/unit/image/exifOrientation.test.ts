import { describe, expect, it } from 'vitest';
import { orientPixels, readExifOrientation } from '$lib/image/exifOrientation';
import { readImageHeader } from '$lib/image/imageHeader';
import { orientationProbeBytes } from '$lib/image/orientationProbe';
import {
	ascii,
	concat,
	encodePng,
	exifSegment,
	jpeg,
	jpegSegment,
	le32,
	noise,
	pngChunk,
	tiffWithOrientation,
	webpExtended
} from './fixtures';

/** A WebP (VP8X) with an EXIF chunk appended; `prefixed` adds JPEG's "Exif\0\0" inside the chunk. */
function webpWithExif(orientation: number, prefixed: boolean): Uint8Array {
	const base = webpExtended(4, 4);
	const exif = concat(prefixed ? 'Exif\0\0' : [], tiffWithOrientation(orientation, 'II'));
	const padded = concat(exif, exif.length % 2 ? [0] : []);
	const body = concat(base.subarray(8), 'EXIF', le32(exif.length), padded);
	return concat('RIFF', le32(body.length), body);
}

describe('readExifOrientation', () => {
	it.each([1, 2, 3, 4, 5, 6, 7, 8])('JPEG, orientation %i, both byte orders', (orientation) => {
		expect(readExifOrientation(jpeg({ width: 4, height: 4, orientation, order: 'II' }))).toBe(
			orientation
		);
		expect(readExifOrientation(jpeg({ width: 4, height: 4, orientation, order: 'MM' }))).toBe(
			orientation
		);
	});

	it.each([
		[
			'PNG eXIf chunk before IDAT',
			encodePng(1, 1, new Uint8Array(4), { exif: tiffWithOrientation(6, 'MM') }),
			6
		],
		['WebP EXIF chunk', webpWithExif(8, false), 8],
		['WebP EXIF chunk with "Exif" prefix', webpWithExif(3, true), 3],
		[
			'JPEG with Exif after other APP segments',
			jpeg({
				width: 4,
				height: 4,
				before: [jpegSegment(0xe2, new Uint8Array(30)), exifSegment(5, 'II')]
			}),
			5
		]
	])('%s → %i', (_label, bytes, expected) => {
		expect(readExifOrientation(bytes)).toBe(expected);
	});

	it.each([
		['JPEG without Exif', jpeg({ width: 4, height: 4 })],
		['orientation 0 (out of range)', jpeg({ width: 4, height: 4, orientation: 0 })],
		['orientation 9 (out of range)', jpeg({ width: 4, height: 4, orientation: 9 })],
		[
			'APP1 that is XMP, not Exif',
			concat([0xff, 0xd8], jpegSegment(0xe1, ascii('http://ns.adobe.com/xap/1.0/\0<x/>')))
		],
		[
			'bad TIFF byte order',
			concat([0xff, 0xd8], jpegSegment(0xe1, ascii('Exif\0\0XX\0\x2a\0\0\0\x08')))
		],
		[
			'bad TIFF magic',
			concat([0xff, 0xd8], jpegSegment(0xe1, ascii('Exif\0\0MM\0\x2b\0\0\0\x08')))
		],
		[
			'IFD offset past the segment',
			concat([0xff, 0xd8], jpegSegment(0xe1, concat('Exif\0\0MM', [0, 42, 0x7f, 0xff, 0xff, 0xff])))
		],
		[
			'IFD entry count past the segment',
			concat([0xff, 0xd8], jpegSegment(0xe1, concat('Exif\0\0MM', [0, 42, 0, 0, 0, 8, 0xff, 0xff])))
		],
		[
			'PNG with eXIf after IDAT (ignored)',
			concat(
				encodePng(1, 1, new Uint8Array(4), { end: false }),
				pngChunk('eXIf', tiffWithOrientation(6, 'MM')),
				pngChunk('IEND')
			)
		],
		['PNG without eXIf', encodePng(1, 1, new Uint8Array(4))],
		['empty', new Uint8Array(0)],
		['text', ascii('not an image at all')]
	])('%s → 1', (_label, bytes) => {
		expect(readExifOrientation(bytes)).toBe(1);
	});

	it('never throws on any truncation of a valid Exif JPEG, or on random bytes after SOI', () => {
		for (const order of ['II', 'MM'] as const) {
			const valid = jpeg({ width: 4, height: 4, orientation: 6, order });
			for (let n = 0; n <= valid.length; n++) {
				expect([1, 6]).toContain(readExifOrientation(valid.subarray(0, n)));
			}
		}
		for (let seed = 1; seed <= 200; seed++) {
			const garbage = concat([0xff, 0xd8, 0xff, 0xe1, 0, 60], 'Exif\0\0', noise(60, seed));
			expect(() => readExifOrientation(garbage)).not.toThrow();
		}
	});

	it('reads orientation 6 from the probe JPEG that decodeImage uses, sized 2×1', () => {
		const probe = orientationProbeBytes();
		expect(readExifOrientation(probe)).toBe(6);
		expect(readImageHeader(probe, 'jpeg')).toEqual({ width: 2, height: 1 });
	});
});

describe('orientPixels', () => {
	// Stored 3×2 image; pixel n carries channels [n, 10n, 20n, 255 − n] so that channel order
	// mistakes show up too.
	//   1 2 3
	//   4 5 6
	const stored = Uint8ClampedArray.from(
		[1, 2, 3, 4, 5, 6].flatMap((n) => [n, 10 * n, 20 * n, 255 - n])
	);

	it.each([
		[
			1,
			3,
			2,
			[
				[1, 2, 3],
				[4, 5, 6]
			]
		],
		[
			2,
			3,
			2,
			[
				[3, 2, 1],
				[6, 5, 4]
			]
		],
		[
			3,
			3,
			2,
			[
				[6, 5, 4],
				[3, 2, 1]
			]
		],
		[
			4,
			3,
			2,
			[
				[4, 5, 6],
				[1, 2, 3]
			]
		],
		[
			5,
			2,
			3,
			[
				[1, 4],
				[2, 5],
				[3, 6]
			]
		],
		[
			6,
			2,
			3,
			[
				[4, 1],
				[5, 2],
				[6, 3]
			]
		],
		[
			7,
			2,
			3,
			[
				[6, 3],
				[5, 2],
				[4, 1]
			]
		],
		[
			8,
			2,
			3,
			[
				[3, 6],
				[2, 5],
				[1, 4]
			]
		]
	])('orientation %i → %i×%i, rows %j', (orientation, width, height, rows) => {
		const result = orientPixels(stored, 3, 2, orientation);
		expect(result.width).toBe(width);
		expect(result.height).toBe(height);
		const expected = rows.flat().flatMap((n) => [n, 10 * n, 20 * n, 255 - n]);
		expect(Array.from(result.data)).toEqual(expected);
	});

	it.each([0, 9, 1.5, Number.NaN])('treats orientation %s as upright', (orientation) => {
		const result = orientPixels(stored, 3, 2, orientation);
		expect([result.width, result.height]).toEqual([3, 2]);
		expect(Array.from(result.data)).toEqual(Array.from(stored));
	});

	it('does not modify its input', () => {
		const copy = stored.slice();
		orientPixels(stored, 3, 2, 6);
		expect(stored).toEqual(copy);
	});

	it.each([
		[2, 2],
		[-3, -2],
		[1.5, 4]
	])('rejects a 24-value buffer declared as %s×%s', (width, height) => {
		expect(() => orientPixels(stored, width, height, 6)).toThrow(RangeError);
	});
});
