import { hasAscii, hasBytes, u16, u32 } from './byteReader';

/** The image formats ConvLab hands to the browser's decoder. */
export type ImageKind = 'png' | 'jpeg' | 'gif' | 'webp' | 'bmp' | 'svg' | 'avif';

/** Display names, for messages and the info line. */
export const KIND_NAMES: Record<ImageKind, string> = {
	png: 'PNG',
	jpeg: 'JPEG',
	gif: 'GIF',
	webp: 'WebP',
	bmp: 'BMP',
	svg: 'SVG',
	avif: 'AVIF'
};

/** For messages: the formats we accept, in words. */
export const ACCEPTED_KINDS_TEXT = 'PNG, JPEG, GIF, WebP, BMP, SVG or AVIF';

/** For `<input type="file" accept=…>`: MIME types plus extensions for systems that lack them. */
export const ACCEPT_ATTRIBUTE =
	'image/png,image/jpeg,image/gif,image/webp,image/bmp,image/svg+xml,image/avif,' +
	'.png,.jpg,.jpeg,.gif,.webp,.bmp,.svg,.avif';

/** Bytes of the start of a file that are enough to recognise any format we know. */
const SVG_WINDOW = 4096;

// Valid BITMAPINFOHEADER family sizes: "BM" alone is two ASCII letters, and a text file that
// happens to start with them must not be taken for a bitmap.
const BMP_DIB_SIZES = new Set([12, 40, 52, 56, 64, 108, 124]);

/**
 * The image format, from the first bytes (magic numbers) — never from the file name or MIME
 * type, which a renamed file can fake.
 *
 * SVG is recognised as text whose root element is `<svg`, after an optional UTF-8 BOM,
 * whitespace, XML declaration, comments and doctype.
 *
 * @param bytes the file's bytes (the first few KB are enough)
 * @returns the format, or null when the bytes are not a format we accept
 */
export function sniffImageType(bytes: Uint8Array): ImageKind | null {
	if (hasBytes(bytes, 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
	if (hasBytes(bytes, 0, [0xff, 0xd8, 0xff])) return 'jpeg';
	if (hasAscii(bytes, 0, 'GIF87a') || hasAscii(bytes, 0, 'GIF89a')) return 'gif';
	if (hasAscii(bytes, 0, 'RIFF') && hasAscii(bytes, 8, 'WEBP')) return 'webp';
	if (hasAscii(bytes, 0, 'BM') && BMP_DIB_SIZES.has(u32(bytes, 14, true))) return 'bmp';
	if (ftypBrands(bytes).some((b) => b === 'avif' || b === 'avis')) return 'avif';
	if (startsWithSvgRoot(bytes)) return 'svg';
	return null;
}

const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1']);

/**
 * Names an image format we recognise but do not accept (so the message can say "HEIC photos
 * are not supported" rather than "not an image"). Call it only after sniffImageType gave null.
 *
 * @returns a human-readable format name, or null when the bytes are not a known image format
 */
export function sniffUnsupportedType(bytes: Uint8Array): string | null {
	if (ftypBrands(bytes).some((b) => HEIF_BRANDS.has(b))) return 'HEIC/HEIF';
	if (hasBytes(bytes, 0, [0x49, 0x49, 0x2a, 0x00]) || hasBytes(bytes, 0, [0x4d, 0x4d, 0x00, 0x2a]))
		return 'TIFF (or camera RAW)';
	if (hasAscii(bytes, 0, '8BPS')) return 'Photoshop (PSD)';
	if (hasAscii(bytes, 0, '%PDF')) return 'PDF';
	if (hasBytes(bytes, 0, [0xff, 0x0a]) || hasAscii(bytes, 4, 'JXL ')) return 'JPEG XL';
	if (hasAscii(bytes, 4, 'jP  ') || hasBytes(bytes, 0, [0xff, 0x4f, 0xff, 0x51]))
		return 'JPEG 2000';
	if (hasBytes(bytes, 0, [0, 0, 1, 0]) && u16(bytes, 4, true) > 0) return 'Windows icon (ICO)';
	return null;
}

/** Major and compatible brands of an ISO-BMFF `ftyp` box at the start of the file. */
function ftypBrands(bytes: Uint8Array): string[] {
	if (!hasAscii(bytes, 4, 'ftyp')) return [];
	const boxEnd = Math.min(u32(bytes, 0), bytes.length, 256);
	const brands: string[] = [];
	// Brands at 8 (major) and from 16 on (compatible); 12–15 is the minor version.
	for (let at = 8; at + 4 <= boxEnd; at += at === 8 ? 8 : 4) {
		brands.push(String.fromCharCode(bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]));
	}
	return brands;
}

function startsWithSvgRoot(bytes: Uint8Array): boolean {
	const window = bytes.subarray(0, SVG_WINDOW);
	let text = '';
	// Latin-1 is enough: every token we look for is ASCII, and any UTF-8 inside comments or
	// attributes only needs to be skipped over.
	for (let i = 0; i < window.length; i++) text += String.fromCharCode(window[i]);
	let at = text.startsWith('\xef\xbb\xbf') ? 3 : 0;
	for (;;) {
		while (at < text.length && /\s/.test(text[at])) at++;
		if (text.startsWith('<?xml', at)) {
			at = afterToken(text, '?>', at);
		} else if (text.startsWith('<!--', at)) {
			at = afterToken(text, '-->', at + 4);
		} else if (text.slice(at, at + 9).toUpperCase() === '<!DOCTYPE') {
			const close = text.indexOf('>', at);
			const subset = text.indexOf('[', at);
			// An internal subset `[ … ]` may itself contain '>' characters.
			at =
				subset !== -1 && (close === -1 || subset < close)
					? afterToken(text, '>', afterToken(text, ']', subset))
					: afterToken(text, '>', at);
		} else {
			return /^<(svg:)?svg[\s/>]/.test(text.slice(at, at + 9));
		}
		if (at < 0) return false;
	}
}

/** Index just past the next `token` at or after `from`, or -1 when it is not there. */
function afterToken(text: string, token: string, from: number): number {
	if (from < 0) return -1;
	const found = text.indexOf(token, from);
	return found === -1 ? -1 : found + token.length;
}
