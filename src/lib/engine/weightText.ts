/**
 * Kernel weights as text: compact enough for a 24 px grid cell, exact enough to read back, and
 * the learner's typing parsed with a message that says what was wrong.
 */

/**
 * At most 4 characters plus a minus sign, so 11 cells fit a phone's width without cutting any:
 * integers as they are (−1000 … 1000), others with 3 or 2 significant digits and no leading zero
 * (0.375 → ".375", −0.0625 → "-.063"), and |w| < 0.01 as 1-digit scientific notation
 * (3.1e−5 → "3e-5"), which the editor explains next to the grid.
 */
export function compactWeight(value: number): string {
	if (value === 0 || !Number.isFinite(value)) return value === 0 ? '0' : String(value);
	const sign = value < 0 ? '-' : '';
	const abs = Math.abs(value);
	if (Number.isInteger(abs) && abs < 10_000) return sign + String(abs);
	if (abs < 0.01) {
		// toExponential(0) can round up to 1e-2; that is still the right 1-digit reading.
		return sign + abs.toExponential(0);
	}
	for (const digits of [3, 2]) {
		const text = String(Number(abs.toPrecision(digits))).replace(/^0\./, '.');
		if (text.length <= 4) return sign + text;
	}
	// 2 significant digits of a number ≥ 10,000 (not a kernel weight here, but never cut).
	return sign + abs.toExponential(1).replace('e+', 'e');
}

/** 6 significant digits, the form shown on hover/focus and put in the edit box. */
export function exactWeight(value: number): string {
	return String(Number(value.toPrecision(6)));
}

export type ParsedWeight = { ok: true; value: number } | { ok: false; message: string };

/**
 * What the learner typed, as a weight in [−max, max]: decimals with "." or ",", the "−" sign,
 * scientific notation (1e-3) and fractions (1/9). Otherwise a message naming the accepted range.
 */
export function parseWeight(raw: string, max: number): ParsedWeight {
	const range = `from −${max} to ${max}`;
	const text = raw
		.trim()
		.replace(/\u2212/g, '-')
		.replace(',', '.');
	if (text === '') return { ok: false, message: `Type a number ${range}.` };
	const fraction = /^([^/]+)\/([^/]+)$/.exec(text);
	const value = fraction ? toNumber(fraction[1]) / toNumber(fraction[2]) : toNumber(text);
	const shown = raw.trim().length > 24 ? `${raw.trim().slice(0, 24)}…` : raw.trim();
	if (!Number.isFinite(value)) {
		return {
			ok: false,
			message: `“${shown}” is not a number. Type a weight ${range}, e.g. 0.5, -2 or 1/9.`
		};
	}
	if (Math.abs(value) > max) {
		return { ok: false, message: `${shown} is out of range: a weight must be ${range}.` };
	}
	return { ok: true, value: value === 0 ? 0 : value };
}

/** Number() accepts '', '0x10' and 'Infinity'; a weight is plain decimal text only. */
function toNumber(text: string): number {
	const trimmed = text.trim();
	return /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(trimmed) ? Number(trimmed) : NaN;
}
