/**
 * A size in bytes as every page writes it: decimal (SI) units, 1 kB = 1000 B, 1 MB = 10⁶ B, with
 * 3 significant digits — "64 B", "4.19 MB", "268 MB", "1.07 GB" (number and unit joined by a
 * no-break space). One formatter, so no two
 * panels disagree on what "MB" means, and nothing below a unit prints as "0 MB".
 */
const UNITS = ['B', 'kB', 'MB', 'GB', 'TB'] as const;

export function formatBytes(bytes: number): string {
	if (!Number.isFinite(bytes) || bytes < 0) return `${bytes} B`;
	let unit = 0;
	let value = bytes;
	while (value >= 999.5 && unit < UNITS.length - 1) {
		value /= 1000;
		unit++;
	}
	const shown = unit === 0 ? Math.round(value) : Number(value.toPrecision(3));
	// A no-break space: "8 B" never splits over two lines.
	return `${shown.toLocaleString('en')}\u00a0${UNITS[unit]}`;
}
