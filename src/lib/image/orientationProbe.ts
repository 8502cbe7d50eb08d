/**
 * A 2×1 grayscale JPEG whose EXIF says orientation 6 (rotate 90°), 177 bytes. Decoding it with
 * `createImageBitmap(…, { imageOrientation: 'none' })` tells which meaning the browser gives
 * 'none': a 2×1 bitmap means "ignore EXIF" (the current spec), a 1×2 bitmap means the browser
 * still applies EXIF (the older meaning of 'none', before 'from-image' was added). That is the
 * only way to know, for a mirrored or square photo, whether EXIF orientation is still ours to apply.
 */
const PROBE_BASE64 =
	'/9j/4QAiRXhpZgAATU0AKgAAAAgAAQESAAMAAAABAAYAAAAAAAD/2wBDABsSFBcUERsXFhceHBsgKEIrKCUlKFE6PTBC' +
	'YFVlZF9VXVtqeJmBanGQc1tdhbWGkJ6jq62rZ4C8ybqmx5moq6T/wAALCAABAAIBAREA/8QAFAABAAAAAAAAAAAAAAAA' +
	'AAAAAP/EABQQAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQEAAD8AP//Z';

/** The probe JPEG's bytes (a fresh copy each call). */
export function orientationProbeBytes(): Uint8Array<ArrayBuffer> {
	const text = atob(PROBE_BASE64);
	const bytes = new Uint8Array(text.length);
	for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
	return bytes;
}
