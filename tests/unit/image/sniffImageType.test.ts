import { describe, expect, it } from 'vitest';
import { sniffImageType, sniffUnsupportedType } from '$lib/image/sniffImageType';
import {
	ascii,
	avif,
	bmp,
	concat,
	encodePng,
	gif,
	jpeg,
	webpExtended,
	webpLossless,
	webpLossy
} from './fixtures';

const BOM = [0xef, 0xbb, 0xbf];

describe('sniffImageType', () => {
	it.each([
		['PNG', encodePng(1, 1, new Uint8Array(4)), 'png'],
		['JPEG (JFIF)', jpeg({ width: 2, height: 2 }), 'jpeg'],
		['JPEG (Exif first)', jpeg({ width: 2, height: 2, orientation: 6 }), 'jpeg'],
		['GIF89a', gif(3, 4), 'gif'],
		['GIF87a', gif(3, 4, 'GIF87a'), 'gif'],
		['WebP lossy', webpLossy(5, 6), 'webp'],
		['WebP lossless', webpLossless(5, 6), 'webp'],
		['WebP extended', webpExtended(5, 6), 'webp'],
		['BMP (BITMAPINFOHEADER)', bmp(2, 2), 'bmp'],
		['BMP (core header)', bmp(2, 2, 12), 'bmp'],
		['BMP (V5 header)', bmp(2, 2, 124), 'bmp'],
		['AVIF', avif([[8, 8]]), 'avif'],
		['AVIF sequence brand', avif([[8, 8]], 'avis'), 'avif'],
		[
			'AVIF as a compatible brand',
			concat([0, 0, 0, 24], 'ftypmif1', [0, 0, 0, 0], 'miafavif'),
			'avif'
		]
	] as const)('%s → %s', (_label, bytes, expected) => {
		expect(sniffImageType(bytes)).toBe(expected);
	});

	it.each([
		['bare root', '<svg xmlns="http://www.w3.org/2000/svg"/>'],
		['root followed by newline', '<svg\n  width="10" height="10"></svg>'],
		['root with no attributes', '<svg></svg>'],
		['leading whitespace', '\n\t  <svg viewBox="0 0 1 1"></svg>'],
		['XML declaration', '<?xml version="1.0" encoding="UTF-8"?>\n<svg></svg>'],
		['comment before root', '<!-- made by hand --><svg></svg>'],
		['comment containing <html>', '<!-- not <html> --><svg></svg>'],
		[
			'XML declaration, doctype and comment',
			'<?xml version="1.0"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n<!-- x -->\n<svg/>'
		],
		['doctype with internal subset', '<!DOCTYPE svg [ <!ENTITY a "<b>"> ]><svg/>'],
		['namespaced root', '<svg:svg xmlns:svg="http://www.w3.org/2000/svg"/>']
	])('SVG: %s', (_label, text) => {
		expect(sniffImageType(ascii(text))).toBe('svg');
		expect(sniffImageType(concat(BOM, ascii(text)))).toBe('svg');
	});

	it.each([
		['empty', new Uint8Array(0)],
		['one byte', Uint8Array.of(0x89)],
		['text file renamed .png', ascii('hello, this is my holiday photo\n')],
		['PNG signature cut short', Uint8Array.of(0x89, 0x50, 0x4e, 0x47)],
		['JPEG SOI without a marker', Uint8Array.of(0xff, 0xd8, 0x00, 0x00)],
		['RIFF that is not WebP (WAV)', ascii('RIFF\x24\0\0\0WAVEfmt ')],
		['"BM" text that is not a bitmap', ascii('BMW 320i service manual, page 1 of 200')],
		['HTML page', ascii('<!DOCTYPE html><html><body><svg></svg></body></html>')],
		['XML that is not SVG', ascii('<?xml version="1.0"?><rss version="2.0"></rss>')],
		['element whose name starts with svg', ascii('<svgfoo></svgfoo>')],
		['unterminated XML declaration', ascii('<?xml version="1.0" <svg>')],
		['unterminated comment', ascii('<!-- <svg>')],
		['HEIC photo', concat([0, 0, 0, 24], 'ftypheic', [0, 0, 0, 0], 'mif1heic')],
		['JSON', ascii('{"svg": "<svg/>"}')]
	])('%s → null', (_label, bytes) => {
		expect(sniffImageType(bytes)).toBeNull();
	});
});

describe('sniffUnsupportedType', () => {
	it.each([
		['HEIC', concat([0, 0, 0, 24], 'ftypheic', [0, 0, 0, 0], 'mif1heic'), 'HEIC/HEIF'],
		[
			'TIFF little-endian',
			Uint8Array.of(0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0),
			'TIFF (or camera RAW)'
		],
		['TIFF big-endian', Uint8Array.of(0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8), 'TIFF (or camera RAW)'],
		['PSD', ascii('8BPS\0\x01'), 'Photoshop (PSD)'],
		['PDF', ascii('%PDF-1.7\n'), 'PDF'],
		['JPEG XL codestream', Uint8Array.of(0xff, 0x0a, 0xfa), 'JPEG XL'],
		['JPEG XL container', concat([0, 0, 0, 12], 'JXL ', [13, 10, 0x87, 10]), 'JPEG XL'],
		['JPEG 2000', concat([0, 0, 0, 12], 'jP  ', [13, 10, 0x87, 10]), 'JPEG 2000'],
		['ICO', Uint8Array.of(0, 0, 1, 0, 1, 0, 16, 16), 'Windows icon (ICO)'],
		['plain text', ascii('just some text'), null],
		['empty', new Uint8Array(0), null]
	])('%s → %s', (_label, bytes, expected) => {
		expect(sniffUnsupportedType(bytes)).toBe(expected);
	});
});
