/**
 * The QR code checked against the standard (ISO/IEC 18004), not against lean-qr's own output:
 * the size follows the version, the finder and timing patterns sit where a reader looks for
 * them, the format information is a valid BCH word naming level M or better (both copies), and
 * the version is no larger than byte-mode capacity demands. No decoder ships here, so the
 * content itself is checked in the browser test against a fresh encoding of the page's URL.
 */
import { describe, expect, it } from 'vitest';
import { QUIET_ZONE, qrCode, qrPath, type QrCode } from '$lib/share/qrCode';

// Byte-mode capacity at level M, versions 1–10 (ISO/IEC 18004 table 7).
const BYTE_CAPACITY_M = [14, 26, 42, 62, 84, 106, 122, 152, 180, 213];

function finderAt(code: QrCode, left: number, top: number): boolean {
	for (let y = -1; y <= 7; y++)
		for (let x = -1; x <= 7; x++) {
			const gx = left + x;
			const gy = top + y;
			if (gx < 0 || gy < 0 || gx >= code.size || gy >= code.size) continue;
			const ring = Math.max(Math.abs(x - 3), Math.abs(y - 3));
			// 3×3 centre dark, then a light ring, a dark ring, and the light separator outside
			const expected = ring <= 1 || ring === 3;
			if (code.dark(gx, gy) !== expected) return false;
		}
	return true;
}

/** The 15 format bits, copy 1 (around the top-left finder) and copy 2 (split by the others). */
function formatBits(code: QrCode): [number, number] {
	const n = code.size;
	const first: [number, number][] = [];
	for (let x = 0; x <= 5; x++) first.push([x, 8]);
	first.push([7, 8], [8, 8], [8, 7]);
	for (let y = 5; y >= 0; y--) first.push([8, y]);
	const second: [number, number][] = [];
	for (let y = n - 1; y >= n - 7; y--) second.push([8, y]);
	for (let x = n - 8; x < n; x++) second.push([x, 8]);
	const read = (cells: [number, number][]) =>
		cells.reduce((bits, [x, y]) => (bits << 1) | (code.dark(x, y) ? 1 : 0), 0);
	return [read(first), read(second)];
}

/** Remainder of the 15-bit word by the format BCH generator x^10 + x^8 + x^5 + x^4 + x^2 + x + 1. */
function bchRemainder(word: number): number {
	let value = word;
	for (let bit = 14; bit >= 10; bit--) if (value & (1 << bit)) value ^= 0x537 << (bit - 10);
	return value;
}

const URLS = [
	'http://127.0.0.1:4173/',
	'http://192.168.1.23:4173/convolution/?k=5&kernel=laplacian&present=1',
	'https://example.org/convlab/pooling/?pool=avg&psize=3&pstride=1&bank=sobel-x,sobel-y,laplacian,box,gaussian&img=coffee&size=256&present=1&explain=0&contrast=high',
	'http://10.0.0.5:8080/receptive-field/?arch=custom&layers=c7s2,p3s2,c3,c3d2,c3,c3,c3&archb=vgg16&layer=last&unit=centre&weights=random'
];

describe('QR code of a link', () => {
	it.each(URLS)('is a well-formed code at level M or better: %s', (url) => {
		const code = qrCode(url);
		expect(Number.isInteger(code.version)).toBe(true);
		expect(code.size).toBe(17 + 4 * code.version);
		const needed = BYTE_CAPACITY_M.findIndex((capacity) => capacity >= url.length) + 1;
		expect(needed).toBeGreaterThan(0);
		expect(code.version).toBeLessThanOrEqual(needed);
		expect(code.version).toBeGreaterThanOrEqual(1);
		expect(finderAt(code, 0, 0)).toBe(true);
		expect(finderAt(code, code.size - 7, 0)).toBe(true);
		expect(finderAt(code, 0, code.size - 7)).toBe(true);
		expect(finderAt(code, code.size - 7, code.size - 7)).toBe(false);
		for (let i = 8; i < code.size - 8; i++) {
			expect(code.dark(i, 6)).toBe(i % 2 === 0);
			expect(code.dark(6, i)).toBe(i % 2 === 0);
		}
		expect(code.dark(8, code.size - 8)).toBe(true); // the "dark module"
		const [first, second] = formatBits(code);
		expect(first).toBe(second);
		const word = first ^ 0b101010000010010;
		expect(bchRemainder(word)).toBe(0);
		const level = word >> 13; // 01 L, 00 M, 11 Q, 10 H
		expect(level).not.toBe(0b01);
	});

	it('encodes different links differently, and the same link the same', () => {
		const grid = (code: QrCode) =>
			Array.from({ length: code.size * code.size }, (_, i) =>
				code.dark(i % code.size, Math.floor(i / code.size)) ? 1 : 0
			).join('');
		expect(grid(qrCode(URLS[1]))).toBe(grid(qrCode(URLS[1])));
		expect(grid(qrCode(URLS[1]))).not.toBe(grid(qrCode(URLS[1].replace('k=5', 'k=7'))));
	});

	it('draws every dark module once, inside the quiet zone margin', () => {
		const code = qrCode(URLS[2]);
		let dark = 0;
		for (let y = 0; y < code.size; y++)
			for (let x = 0; x < code.size; x++) dark += +code.dark(x, y);
		const runs = [...qrPath(code).matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)];
		expect(runs.reduce((sum, run) => sum + Number(run[3]), 0)).toBe(dark);
		for (const run of runs) {
			const [x, y, length] = [Number(run[1]), Number(run[2]), Number(run[3])];
			expect(x).toBeGreaterThanOrEqual(QUIET_ZONE);
			expect(y).toBeGreaterThanOrEqual(QUIET_ZONE);
			expect(x + length).toBeLessThanOrEqual(QUIET_ZONE + code.size);
			for (let i = 0; i < length; i++)
				expect(code.dark(x - QUIET_ZONE + i, y - QUIET_ZONE)).toBe(true);
		}
	});
});
