import { canvasToPngBlob } from './download';

// Properties that carry the look of a D3 chart, as getComputedStyle reports them. Inherited
// ones are written only where they change from the parent (the root compares with the
// initial value), the others only where they differ from their initial value, so the file
// stays close to the size of the live DOM.
const INHERITED: Record<string, string | null> = {
	fill: 'rgb(0, 0, 0)',
	'fill-opacity': '1',
	'fill-rule': 'nonzero',
	stroke: 'none',
	'stroke-width': '1px',
	'stroke-opacity': '1',
	'stroke-dasharray': 'none',
	'stroke-linecap': 'butt',
	'stroke-linejoin': 'miter',
	'font-family': null,
	'font-size': null,
	'font-weight': '400',
	'font-style': 'normal',
	'text-anchor': 'start',
	'dominant-baseline': 'auto',
	visibility: 'visible',
	'shape-rendering': 'auto',
	'paint-order': 'normal',
	'image-rendering': 'auto'
};
const NOT_INHERITED: Record<string, string> = {
	opacity: '1',
	'stop-color': 'rgb(0, 0, 0)',
	'stop-opacity': '1',
	'vector-effect': 'none'
};

/** The declarations an element needs to look the same without the page's stylesheets. */
function inlineStyle(computed: CSSStyleDeclaration, parent: CSSStyleDeclaration | null): string[] {
	const declarations: string[] = [];
	for (const [property, initial] of Object.entries(INHERITED)) {
		const value = computed.getPropertyValue(property);
		const inherited = parent ? parent.getPropertyValue(property) : initial;
		if (value && value !== inherited) declarations.push(`${property}: ${value}`);
	}
	for (const [property, initial] of Object.entries(NOT_INHERITED)) {
		const value = computed.getPropertyValue(property);
		if (value && value !== initial) declarations.push(`${property}: ${value}`);
	}
	// Renderers hide parts with display="none"; the attribute is cloned, but a stylesheet's is not.
	if (computed.display === 'none') declarations.push('display: none');
	return declarations;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** The svg's size in CSS px: its width/height attributes, else its laid-out box. */
function svgSize(svg: SVGSVGElement): { width: number; height: number } {
	const box = svg.getBoundingClientRect();
	const width = Number.parseFloat(svg.getAttribute('width') ?? '') || box.width;
	const height = Number.parseFloat(svg.getAttribute('height') ?? '') || box.height;
	return { width, height };
}

/**
 * A self-contained SVG document for `svg` as drawn on screen: a deep clone with the styles
 * that matter (fill, stroke, fonts, …) inlined from getComputedStyle, so stylesheet and
 * `currentColor` styling survive outside the page; xmlns, pixel width/height, and a white
 * background rect under everything so it reads on dark viewers. The svg must be in the document.
 */
export function svgToString(svg: SVGSVGElement): string {
	const clone = svg.cloneNode(true) as SVGSVGElement;
	const originals = [svg, ...svg.querySelectorAll('*')];
	const copies = [clone, ...clone.querySelectorAll('*')];
	const styles = new Map<Element, CSSStyleDeclaration>();
	const styleOf = (element: Element) => {
		let style = styles.get(element);
		if (!style) styles.set(element, (style = getComputedStyle(element)));
		return style;
	};
	originals.forEach((original, i) => {
		const parent = original === svg ? null : original.parentElement;
		const declarations = inlineStyle(styleOf(original), parent && styleOf(parent));
		if (declarations.length > 0) copies[i].setAttribute('style', declarations.join('; '));
	});

	const { width, height } = svgSize(svg);
	clone.setAttribute('xmlns', SVG_NS);
	clone.setAttribute('xmlns:xlink', 'http://www.w3.org/1999/xlink');
	clone.setAttribute('width', String(width));
	clone.setAttribute('height', String(height));
	const viewBox = svg.viewBox.baseVal;
	const hasViewBox = svg.hasAttribute('viewBox') && viewBox.width > 0 && viewBox.height > 0;
	const background = document.createElementNS(SVG_NS, 'rect');
	background.setAttribute('x', String(hasViewBox ? viewBox.x : 0));
	background.setAttribute('y', String(hasViewBox ? viewBox.y : 0));
	background.setAttribute('width', String(hasViewBox ? viewBox.width : width));
	background.setAttribute('height', String(hasViewBox ? viewBox.height : height));
	background.setAttribute('fill', '#fff');
	clone.insertBefore(background, clone.firstChild);
	return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(clone)}`;
}

/**
 * The svg rendered to a PNG blob at `scale` × its CSS size (2 by default, sharp on a
 * projector or a retina screen), via {@link svgToString} and an offscreen <img>.
 */
export async function svgToPngBlob(svg: SVGSVGElement, scale = 2): Promise<Blob> {
	if (!(scale > 0)) throw new RangeError(`scale must be positive, got ${scale}`);
	const { width, height } = svgSize(svg);
	const url = URL.createObjectURL(
		new Blob([svgToString(svg)], { type: 'image/svg+xml;charset=utf-8' })
	);
	try {
		const image = new Image();
		image.src = url;
		await image.decode();
		const canvas = document.createElement('canvas');
		canvas.width = Math.max(1, Math.round(width * scale));
		canvas.height = Math.max(1, Math.round(height * scale));
		const context = canvas.getContext('2d');
		if (!context) throw new Error('no 2-D canvas context to rasterize the SVG');
		context.drawImage(image, 0, 0, canvas.width, canvas.height);
		return await canvasToPngBlob(canvas);
	} finally {
		URL.revokeObjectURL(url);
	}
}
