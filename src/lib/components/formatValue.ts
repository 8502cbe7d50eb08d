/**
 * A number as the dot-product views show it: 4 significant digits, always, so that a shown
 * weight × a shown input gives the shown product to the digits printed (2 decimals of 0.004 and
 * of 0.8 would not). Exact zero is '0'; ±Infinity and NaN as JavaScript writes them.
 */
export function formatValue(value: number, digits = 4): string {
	if (!Number.isFinite(value)) return String(value);
	if (value === 0) return '0';
	const magnitude = Math.abs(value);
	// toPrecision switches to exponent form below 1e-6; 1e-4 keeps small values readable.
	if (magnitude < 1e-4 || magnitude >= 1e6) return value.toExponential(digits - 1);
	return value.toPrecision(digits);
}
