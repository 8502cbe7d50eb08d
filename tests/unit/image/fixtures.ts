// Test images built byte by byte, so every test states exactly what the file contains. They
// need only be parseable (headers, markers, chunks), not decodable, except where noted.
import { deflateSync } from 'node:zlib';

export type ByteOrder = 'II' | 'MM';

/** Concatenates byte arrays and plain numbers into one Uint8Array. */
export function concat(...parts: (Uint8Array | readonly number[] | string)[]): Uint8Array {
	const arrays = parts.map((part) =>
		typeof part === 'string'
			? ascii(part)
			: part instanceof Uint8Array
				? part
				: Uint8Array.from(part)
	);
	const out = new Uint8Array(arrays.reduce((sum, a) => sum + a.length, 0));
	let at = 0;
	for (const a of arrays) {
		out.set(a, at);
		at += a.length;
	}
	return out;
}

export function ascii(text: string): Uint8Array {
	return Uint8Array.from(text, (ch) => ch.charCodeAt(0));
}

export function be16(n: number): number[] {
	return [(n >> 8) & 255, n & 255];
}
export function le16(n: number): number[] {
	return [n & 255, (n >> 8) & 255];
}
export function be32(n: number): number[] {
	return [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
}
export function le32(n: number): number[] {
	return [n & 255, (n >>> 8) & 255, (n >>> 16) & 255, (n >>> 24) & 255];
}

// ---------------------------------------------------------------- PNG

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
	let c = 0xffffffff;
	for (const b of bytes) c = CRC_TABLE[(c ^ b) & 255] ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
}

export function pngChunk(type: string, data: Uint8Array | readonly number[] = []): Uint8Array {
	const body = concat(type, data);
	return concat(be32(body.length - 4), body, be32(crc32(body)));
}

export const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function ihdr(width: number, height: number): Uint8Array {
	// 8-bit RGBA, deflate, adaptive filtering, no interlace.
	return pngChunk('IHDR', [...be32(width), ...be32(height), 8, 6, 0, 0, 0]);
}

/** A real, decodable RGBA PNG. `rgba` is [height, width, 4] row-major. */
export function encodePng(
	width: number,
	height: number,
	rgba: Uint8Array,
	options: { exif?: Uint8Array; end?: boolean } = {}
): Uint8Array {
	const raw = new Uint8Array(height * (width * 4 + 1));
	for (let y = 0; y < height; y++) {
		// Filter type 0 (none) per row.
		raw.set(rgba.subarray(y * width * 4, (y + 1) * width * 4), y * (width * 4 + 1) + 1);
	}
	return concat(
		PNG_SIGNATURE,
		ihdr(width, height),
		options.exif ? pngChunk('eXIf', options.exif) : [],
		pngChunk('IDAT', deflateSync(raw)),
		options.end === false ? [] : pngChunk('IEND')
	);
}

/** A PNG that only claims a size: IHDR and IEND, no pixel data (for oversized headers). */
export function pngHeaderOnly(width: number, height: number): Uint8Array {
	return concat(PNG_SIGNATURE, ihdr(width, height), pngChunk('IEND'));
}

// ---------------------------------------------------------------- EXIF / TIFF

/** A TIFF block whose IFD0 holds a Make tag and then the Orientation tag (SHORT). */
export function tiffWithOrientation(orientation: number, order: ByteOrder): Uint8Array {
	const u16 = order === 'II' ? le16 : be16;
	const u32 = order === 'II' ? le32 : be32;
	const entries = [
		// Make, ASCII, 4 bytes inline: "Cam\0". Placed first so the parser must walk entries.
		[...u16(0x010f), ...u16(2), ...u32(4), ...ascii('Cam\0')],
		// Orientation, SHORT, count 1, value left-aligned in the 4-byte field.
		[...u16(0x0112), ...u16(3), ...u32(1), ...u16(orientation), 0, 0]
	];
	return concat(order, u16(42), u32(8), u16(entries.length), ...entries, u32(0));
}

// ---------------------------------------------------------------- JPEG

export function jpegSegment(marker: number, payload: Uint8Array | readonly number[]): Uint8Array {
	return concat([0xff, marker], be16(payload.length + 2), payload);
}

export function exifSegment(orientation: number, order: ByteOrder): Uint8Array {
	return jpegSegment(0xe1, concat('Exif\0\0', tiffWithOrientation(orientation, order)));
}

export interface JpegOptions {
	width: number;
	height: number;
	orientation?: number;
	order?: ByteOrder;
	/** SOF marker, 0xC0 baseline by default (0xC2 progressive, …). */
	sof?: number;
	/** End with FF D9 (default true). */
	end?: boolean;
	/** Extra segments placed before SOF. */
	before?: Uint8Array[];
	/** Bytes appended after EOI (some phones append data there). */
	trailer?: Uint8Array;
}

/** A JPEG skeleton: SOI, [APP1 Exif], APP0, DQT-like filler, SOFn, SOS, scan bytes, EOI. */
export function jpeg(options: JpegOptions): Uint8Array {
	const { width, height, orientation, order = 'MM', sof = 0xc0, end = true } = options;
	const components = [3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1];
	return concat(
		[0xff, 0xd8],
		orientation === undefined ? [] : exifSegment(orientation, order),
		jpegSegment(0xe0, concat('JFIF\0', [1, 1, 0, 0, 1, 0, 1, 0, 0])),
		...(options.before ?? []),
		jpegSegment(0xdb, new Uint8Array(65)),
		jpegSegment(sof, [8, ...be16(height), ...be16(width), ...components]),
		jpegSegment(0xda, [3, 1, 0, 2, 0x11, 3, 0x11, 0, 63, 0]),
		// Scan data with a stuffed byte (FF 00) and a restart marker (FF D0), as real scans have.
		[0x12, 0x34, 0xff, 0x00, 0x56, 0xff, 0xd0, 0x78, 0x9a],
		end ? [0xff, 0xd9] : [],
		options.trailer ?? []
	);
}

// ---------------------------------------------------------------- GIF, WebP, BMP, AVIF

export function gif(width: number, height: number, version = 'GIF89a'): Uint8Array {
	// Logical screen descriptor, then a trailer byte so the file is not just a header.
	return concat(version, le16(width), le16(height), [0xf7, 0, 0], new Uint8Array(24), [0x3b]);
}

function riff(chunk: string, payload: Uint8Array | readonly number[]): Uint8Array {
	const body = concat('WEBP', chunk, le32(payload.length), payload);
	return concat('RIFF', le32(body.length), body);
}

export function webpLossy(width: number, height: number): Uint8Array {
	// Frame tag (3 bytes), start code 9D 01 2A, 14-bit sizes (top 2 bits: scale, set to test masking).
	return riff('VP8 ', [
		0x50,
		0x02,
		0x00,
		0x9d,
		0x01,
		0x2a,
		...le16(width | 0x4000),
		...le16(height | 0x8000),
		0,
		0,
		0,
		0
	]);
}

export function webpLossless(width: number, height: number): Uint8Array {
	// Signature 0x2F, then (width−1) in bits 0–13 and (height−1) in bits 14–27.
	const bits = (width - 1) | ((height - 1) << 14) | (1 << 28);
	return riff('VP8L', [0x2f, ...le32(bits), 0, 0, 0]);
}

export function webpExtended(width: number, height: number): Uint8Array {
	const w = width - 1;
	const h = height - 1;
	return riff('VP8X', [
		0x10,
		0,
		0,
		0,
		w & 255,
		(w >> 8) & 255,
		(w >> 16) & 255,
		h & 255,
		(h >> 8) & 255,
		(h >> 16) & 255
	]);
}

export function bmp(width: number, height: number, dibSize = 40): Uint8Array {
	const dib =
		dibSize === 12
			? concat(le32(12), le16(width), le16(height), le16(1), le16(24))
			: concat(
					le32(dibSize),
					le32(width),
					le32(height),
					le16(1),
					le16(24),
					new Uint8Array(dibSize - 16)
				);
	const pixelOffset = 14 + dib.length;
	return concat('BM', le32(pixelOffset + 4), [0, 0, 0, 0], le32(pixelOffset), dib, [0, 0, 0, 0]);
}

function isoBox(type: string, payload: Uint8Array | readonly number[]): Uint8Array {
	return concat(be32(payload.length + 8), type, payload);
}

/** ftyp + meta holding `ispe` boxes (a grid AVIF has one per tile and one for the whole). */
export function avif(sizes: readonly [number, number][], majorBrand = 'avif'): Uint8Array {
	const ftyp = isoBox('ftyp', concat(majorBrand, be32(0), 'mif1', 'miaf'));
	const ispes = sizes.map(([w, h]) => isoBox('ispe', [0, 0, 0, 0, ...be32(w), ...be32(h)]));
	const iprp = isoBox('iprp', isoBox('ipco', concat(...ispes)));
	return concat(ftyp, isoBox('meta', concat([0, 0, 0, 0], iprp)), isoBox('mdat', [1, 2, 3]));
}

/** Deterministic pseudo-random bytes (xorshift), for robustness tests. */
export function noise(length: number, seed: number): Uint8Array {
	const out = new Uint8Array(length);
	let s = seed >>> 0 || 1;
	for (let i = 0; i < length; i++) {
		s ^= s << 13;
		s ^= s >>> 17;
		s ^= s << 5;
		out[i] = s & 255;
	}
	return out;
}
