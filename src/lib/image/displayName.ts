/**
 * A file name as the info line shows it. A name is whatever the learner's disk (or a prankster)
 * says: bidirectional controls in it reorder the text around them, so `png.evil.jpg` can read as
 * a JPEG and "64×48" as "84×46"; and a 138-character name would wrap the header onto many lines.
 * So invisible control and format characters are removed, runs of spaces made one, and a long
 * name is shortened in the middle, keeping its start and its extension.
 */

/** Longest name shown in full, in characters (code points). */
export const DISPLAY_NAME_MAX = 40;
/** An extension longer than this is not treated as one. */
const EXTENSION_MAX = 8;

// Control (Cc), format (Cf: bidi embeddings, overrides and isolates, marks, zero-width
// characters), lone surrogates (Cs) and line / paragraph separators.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/gu;

export function displayName(name: string, max = DISPLAY_NAME_MAX): string {
	// tabs and newlines become spaces first; every other invisible character goes
	const clean = name.replace(/\s+/gu, ' ').replace(INVISIBLE, '').trim();
	const chars = Array.from(clean);
	if (chars.length <= max) return clean;
	const dot = clean.lastIndexOf('.');
	const extension = dot > 0 ? Array.from(clean.slice(dot)) : [];
	const keep = extension.length > 1 && extension.length <= EXTENSION_MAX + 1 ? extension : [];
	const stem = chars.slice(0, chars.length - keep.length);
	// the stem's start, an ellipsis, the stem's last few characters, the extension
	const room = max - keep.length - 1;
	const tail = Math.min(6, Math.floor(room / 3));
	return [...stem.slice(0, room - tail), '…', ...stem.slice(stem.length - tail), ...keep].join('');
}
