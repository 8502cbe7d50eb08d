import { describe, expect, it } from 'vitest';
import { ImageError, isImageError, type ImageErrorCode } from '$lib/image/imageError';
import { checkFileSize, LIMITS, validateImageBytes } from '$lib/image/validateImageFile';
import {
	ascii,
	avif,
	bmp,
	concat,
	encodePng,
	gif,
	jpeg,
	noise,
	pngHeaderOnly,
	webpLossy
} from './fixtures';

const MB = 1024 * 1024;

/** What every user-facing message must do: say something, and say what to do next. */
const SAYS_WHAT_TO_DO = /\b(try|choose|save|convert|resize|download|open|wait|close)\b/i;

function errorOf(action: () => unknown): ImageError {
	try {
		action();
	} catch (error) {
		expect(isImageError(error)).toBe(true);
		return error as ImageError;
	}
	throw new Error('expected an ImageError, but nothing was thrown');
}

describe('checkFileSize', () => {
	it.each([
		[0, 'empty'],
		[-1, 'empty'],
		[Number.NaN, 'empty'],
		[LIMITS.maxFileBytes + 1, 'too-large-file'],
		// Only the number is passed: a 200 MB file is refused without a single byte being read.
		[200 * MB, 'too-large-file']
	] as [number, ImageErrorCode][])('%s bytes → %s', (size, code) => {
		const error = errorOf(() => checkFileSize(size));
		expect(error.code).toBe(code);
		expect(error.message).toMatch(SAYS_WHAT_TO_DO);
	});

	it('says the size and the limit for a large file', () => {
		expect(errorOf(() => checkFileSize(200 * MB)).message).toMatch(/200 MB.*50 MB/);
	});

	it.each([1, 1024, LIMITS.maxFileBytes])('accepts %i bytes', (size) => {
		expect(() => checkFileSize(size)).not.toThrow();
	});
});

describe('validateImageBytes', () => {
	it.each([
		[
			'PNG',
			encodePng(3, 2, new Uint8Array(24)),
			{ kind: 'png', width: 3, height: 2, orientation: 1 }
		],
		[
			'JPEG rotated by EXIF (stored size reported)',
			jpeg({ width: 4032, height: 3024, orientation: 6 }),
			{ kind: 'jpeg', width: 4032, height: 3024, orientation: 6 }
		],
		['GIF', gif(10, 20), { kind: 'gif', width: 10, height: 20, orientation: 1 }],
		['WebP', webpLossy(30, 40), { kind: 'webp', width: 30, height: 40, orientation: 1 }],
		['BMP', bmp(5, 6), { kind: 'bmp', width: 5, height: 6, orientation: 1 }],
		['AVIF', avif([[64, 48]]), { kind: 'avif', width: 64, height: 48, orientation: 1 }],
		[
			'SVG with a size',
			ascii('<svg width="64" height="32"/>'),
			{ kind: 'svg', width: 64, height: 32, orientation: 1 }
		],
		[
			'SVG without a size',
			ascii('<svg viewBox="0 0 1 1"/>'),
			{ kind: 'svg', width: 0, height: 0, orientation: 1 }
		],
		[
			// An SVG is drawn at the working size, so a huge declared size is harmless.
			'SVG declaring 100000×100000',
			ascii('<svg width="100000" height="100000"/>'),
			{ kind: 'svg', width: 100000, height: 100000, orientation: 1 }
		],
		[
			'PNG at the side limit',
			pngHeaderOnly(LIMITS.maxSide, 100),
			{ kind: 'png', width: 16384, height: 100, orientation: 1 }
		],
		[
			'PNG at the pixel limit',
			pngHeaderOnly(8000, 5000),
			{ kind: 'png', width: 8000, height: 5000, orientation: 1 }
		]
	])('%s', (_label, bytes, expected) => {
		expect(validateImageBytes(bytes)).toEqual(expected);
	});

	it.each([
		['0 bytes', new Uint8Array(0), 'empty'],
		['text file renamed .png', ascii('Dear diary, today I took a photo.\n'), 'not-an-image'],
		['random bytes', noise(500, 7), 'not-an-image'],
		['HEIC photo', concat([0, 0, 0, 24], 'ftypheic', [0, 0, 0, 0], 'mif1heic'), 'unsupported'],
		['TIFF', Uint8Array.of(0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0, 0, 0), 'unsupported'],
		['PNG with a broken header', encodePng(1, 1, new Uint8Array(4)).subarray(0, 14), 'corrupt'],
		['JPEG with no size', concat([0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0], [0xff, 0xd9]), 'corrupt'],
		['AVIF without ispe', concat([0, 0, 0, 16], 'ftypavif', [0, 0, 0, 0]), 'corrupt'],
		['PNG claiming 30000×30000', pngHeaderOnly(30000, 30000), 'too-many-pixels'],
		['PNG one pixel over the side limit', pngHeaderOnly(LIMITS.maxSide + 1, 1), 'too-many-pixels'],
		['PNG one row over the pixel limit', pngHeaderOnly(8000, 5001), 'too-many-pixels'],
		['JPEG claiming 65535×65535', jpeg({ width: 65535, height: 65535 }), 'too-many-pixels'],
		['truncated JPEG', jpeg({ width: 8, height: 8, end: false }), 'corrupt'],
		['truncated PNG', encodePng(8, 8, new Uint8Array(256), { end: false }), 'corrupt']
	] as [string, Uint8Array, ImageErrorCode][])('%s → %s', (_label, bytes, code) => {
		const error = errorOf(() => validateImageBytes(bytes));
		expect(error).toBeInstanceOf(ImageError);
		expect(error.name).toBe('ImageError');
		expect(error.code).toBe(code);
		expect(error.message.length).toBeGreaterThan(40);
		expect(error.message).toMatch(SAYS_WHAT_TO_DO);
	});

	it('names the size and the limits of an oversized image', () => {
		const { message } = errorOf(() => validateImageBytes(pngHeaderOnly(30000, 30000)));
		expect(message).toContain('30000 × 30000');
		expect(message).toContain('900 megapixels');
		expect(message).toContain('40 megapixels');
	});

	it('lists the accepted formats when the file is not an image', () => {
		expect(errorOf(() => validateImageBytes(ascii('hello'))).message).toMatch(/PNG, JPEG.*SVG/);
	});

	it('names the format a HEIC photo is in', () => {
		const heic = concat([0, 0, 0, 24], 'ftypheic', [0, 0, 0, 0], 'mif1heic');
		expect(errorOf(() => validateImageBytes(heic)).message).toContain('HEIC');
	});

	it('checks the pixel count before truncation (a huge header is the bigger problem)', () => {
		const hugeAndCut = jpeg({ width: 30000, height: 30000, end: false });
		expect(errorOf(() => validateImageBytes(hugeAndCut)).code).toBe('too-many-pixels');
	});

	it('throws only ImageErrors, whatever the bytes', () => {
		const starts = [
			[0xff, 0xd8, 0xff],
			[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
			ascii('GIF89a'),
			ascii('<svg ')
		];
		for (let seed = 1; seed <= 100; seed++) {
			for (const start of starts) {
				try {
					validateImageBytes(concat(start, noise(40, seed)));
				} catch (error) {
					expect(error).toBeInstanceOf(ImageError);
				}
			}
		}
	});
});
