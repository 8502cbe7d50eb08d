import { rgb } from 'd3';

/** WCAG 2 relative luminance of a CSS colour: 0 for black, 1 for white. */
export function relativeLuminance(color: string): number {
	const c = rgb(color);
	const channel = (v: number) => {
		const s = v / 255;
		return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
	};
	return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
}

/** WCAG 2 contrast ratio of two CSS colours, from 1 (same) to 21 (black on white). */
export function contrastRatio(a: string, b: string): number {
	const la = relativeLuminance(a);
	const lb = relativeLuminance(b);
	return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/**
 * An outline for a mark filled with `fill` that stands out from `background` by at least
 * `minRatio` (WCAG's 3:1 for graphics): the fill itself when it already does, else the same
 * hue darkened step by step, so a near-white bar (the diverging scale's 0) keeps a visible edge
 * and the outline still hints at the bar's colour.
 */
export function readableOutline(fill: string, background = '#fff', minRatio = 3): string {
	let c = rgb(fill);
	if (Number.isNaN(c.r)) return '#333';
	c = rgb(c.r, c.g, c.b); // drop any transparency: an outline is drawn opaque
	for (let step = 0; step < 12; step++) {
		if (contrastRatio(c.formatRgb(), background) >= minRatio) return c.formatRgb();
		c = c.darker(0.5);
	}
	return '#333';
}
