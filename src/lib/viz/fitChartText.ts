/**
 * A chart's title and axis labels never run past the chart's own width: a <text> placed straight
 * on the <svg> that would is shortened to end in "…", and keeps its full words in a <title> child
 * (the tooltip, and what an export carries). ChartShell calls this after every draw, so every
 * renderer's long title fits a phone (an SVG text past the edge widened a 390 px page to 422 px)
 * and gets its full words back when the chart is wide again.
 *
 * The width is the svg's drawing width (its viewBox, else its width attribute). Texts with a
 * transform (a rotated y label) or inside groups (ticks, legends) are left to their renderer.
 */

/** The rendered width of a text in px: the browser's measurement, else an estimate. */
export type MeasureText = (text: SVGTextElement) => number;

/** Average glyph width of a sans-serif text as a share of its font size, erring wide. */
const GLYPH_EM = 0.62;
const ELLIPSIS = '…';
const FULL = 'data-full-text';

/** No glyph of a sans-serif UI font is wider than this share of its size ('W' is about 0.95). */
const WIDEST_EM = 1;

const fontSizeOf = (text: SVGTextElement) =>
	Number(text.closest('[font-size]')?.getAttribute('font-size')) || 11;

export const measureText: MeasureText = (text) => {
	if (typeof text.getComputedTextLength === 'function') return text.getComputedTextLength();
	return (text.firstChild?.textContent ?? '').length * fontSizeOf(text) * GLYPH_EM;
};

/** The svg's drawing width: its viewBox's, else its width attribute; null when unknown. */
function drawingWidth(svg: SVGSVGElement): number | null {
	const box = (svg.getAttribute('viewBox') ?? '')
		.trim()
		.split(/[\s,]+/)
		.map(Number);
	if (box.length === 4 && box[2] > 0) return box[2];
	const width = Number(svg.getAttribute('width'));
	return width > 0 ? width : null;
}

/** Room for a text at x with this anchor inside [0, width]. */
function room(x: number, anchor: string | null, width: number): number {
	if (anchor === 'middle') return 2 * Math.min(x, width - x);
	if (anchor === 'end') return x;
	return width - x;
}

/** Set the text's words (one text node), dropping an earlier <title>. */
function setWords(text: SVGTextElement, words: string): void {
	while (text.firstChild) text.removeChild(text.firstChild);
	text.appendChild(text.ownerDocument.createTextNode(words));
}

/**
 * Shorten `text` to fit `available` px (measured with `measure`); returns whether it was cut.
 * The full words go into a <title> child and a data attribute.
 */
export function fitText(
	text: SVGTextElement,
	available: number,
	measure: MeasureText = measureText
): boolean {
	// The words the renderer wrote: after a cut, the first text node is ours, the attribute theirs.
	const shown = text.firstChild?.nodeType === 3 ? (text.firstChild.textContent ?? '') : '';
	const cut = text.getAttribute('data-cut-text');
	const full = cut !== null && shown === cut ? (text.getAttribute(FULL) ?? shown) : shown;
	if (cut !== null || text.childNodes.length !== 1) {
		setWords(text, full);
		text.removeAttribute(FULL);
		text.removeAttribute('data-cut-text');
	}
	// A text that could not be wider than the room even in its widest glyphs is not measured: a
	// measurement is a forced layout, and live charts redraw many times a second.
	if (!full || full.length * fontSizeOf(text) * WIDEST_EM <= available) return false;
	if (measure(text) <= available) return false;
	// the longest prefix that fits with its ellipsis (binary search: measuring is a layout)
	let [lo, hi] = [0, full.length - 1];
	while (lo < hi) {
		const mid = Math.ceil((lo + hi) / 2);
		setWords(text, full.slice(0, mid).trimEnd() + ELLIPSIS);
		if (measure(text) <= available) lo = mid;
		else hi = mid - 1;
	}
	const words = lo > 0 ? full.slice(0, lo).trimEnd() + ELLIPSIS : '';
	setWords(text, words);
	const title = text.ownerDocument.createElementNS('http://www.w3.org/2000/svg', 'title');
	title.textContent = full;
	text.appendChild(title);
	text.setAttribute(FULL, full);
	text.setAttribute('data-cut-text', words);
	return true;
}

/** Fit every top-level, untransformed <text> of a drawn chart inside its width. */
export function fitChartText(svg: SVGSVGElement, measure: MeasureText = measureText): void {
	const width = drawingWidth(svg);
	if (width === null) return;
	for (const child of Array.from(svg.children)) {
		if (child.tagName.toLowerCase() !== 'text' || child.hasAttribute('transform')) continue;
		const text = child as SVGTextElement;
		const x = Number(text.getAttribute('x')) || 0;
		const anchor = text.closest('[text-anchor]')?.getAttribute('text-anchor') ?? null;
		fitText(text, Math.max(0, room(x, anchor, width)), measure);
	}
}
