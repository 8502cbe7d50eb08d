// Bounds-checked integer reads for the header parsers. Every reader returns -1 instead of
// throwing when the bytes run out, so a truncated or hostile file can only ever make a
// parser answer "unknown", never crash it.

/** Unsigned 8-bit value at `at`, or -1 when out of range. */
export function u8(bytes: Uint8Array, at: number): number {
	return at >= 0 && at < bytes.length ? bytes[at] : -1;
}

/** Unsigned 16-bit value at `at`, big-endian (`le` = false) or little-endian; -1 when out of range. */
export function u16(bytes: Uint8Array, at: number, le = false): number {
	if (at < 0 || at + 2 > bytes.length) return -1;
	return le ? bytes[at] | (bytes[at + 1] << 8) : (bytes[at] << 8) | bytes[at + 1];
}

/** Unsigned 24-bit little-endian value at `at` (WebP's VP8X canvas size); -1 when out of range. */
export function u24le(bytes: Uint8Array, at: number): number {
	if (at < 0 || at + 3 > bytes.length) return -1;
	return bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16);
}

/** Unsigned 32-bit value at `at`, big-endian or little-endian; -1 when out of range. */
export function u32(bytes: Uint8Array, at: number, le = false): number {
	if (at < 0 || at + 4 > bytes.length) return -1;
	const [a, b, c, d] = le
		? [bytes[at + 3], bytes[at + 2], bytes[at + 1], bytes[at]]
		: [bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]];
	// Multiplying instead of `a << 24` keeps values >= 2^31 positive.
	return a * 0x1000000 + ((b << 16) | (c << 8) | d);
}

/** True when `bytes[at…]` equals the ASCII text `text` (false when out of range). */
export function hasAscii(bytes: Uint8Array, at: number, text: string): boolean {
	if (at < 0 || at + text.length > bytes.length) return false;
	for (let i = 0; i < text.length; i++) {
		if (bytes[at + i] !== text.charCodeAt(i)) return false;
	}
	return true;
}

/** True when `bytes[at…]` equals `expected` byte for byte (false when out of range). */
export function hasBytes(bytes: Uint8Array, at: number, expected: readonly number[]): boolean {
	if (at < 0 || at + expected.length > bytes.length) return false;
	return expected.every((b, i) => bytes[at + i] === b);
}
