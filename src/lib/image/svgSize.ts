import { fitWithin } from './fitWithin';

/** Size of an SVG as declared on its root element. */
export interface SvgSize {
	width: number;
	height: number;
	/**
	 * True when width and height are absolute lengths (or one of them plus the viewBox ratio);
	 * false when only the viewBox is known, which fixes the aspect ratio but not the size.
	 */
	intrinsic: boolean;
}

/** CSS px per unit, for the absolute units an SVG width/height may use. */
const PX_PER_UNIT: Record<string, number> = {
	'': 1,
	px: 1,
	pt: 4 / 3,
	pc: 16,
	in: 96,
	cm: 96 / 2.54,
	mm: 96 / 25.4,
	q: 96 / 101.6
};

/** How far into the file the root element may start (after prolog and comments). */
const ROOT_WINDOW = 65536;

/**
 * Reads the root `<svg>` element's width, height and viewBox, the way a browser sizes an SVG
 * image: absolute lengths win; a missing one is derived from the viewBox ratio; relative units
 * (%, em) count as missing.
 *
 * @param bytes the SVG file's bytes (UTF-8 or ASCII)
 * @returns the declared size in CSS px, or null when neither a size nor a usable viewBox exists
 */
export function readSvgSize(bytes: Uint8Array): SvgSize | null {
	const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, ROOT_WINDOW));
	const root = findRootTag(text);
	if (root === null) return null;
	const width = parseLength(attribute(root, 'width'));
	const height = parseLength(attribute(root, 'height'));
	const viewBox = parseViewBox(attribute(root, 'viewBox'));
	if (width !== null && height !== null) return { width, height, intrinsic: true };
	if (viewBox === null) return null;
	const ratio = viewBox.width / viewBox.height;
	if (width !== null) return { width, height: width / ratio, intrinsic: true };
	if (height !== null) return { width: height * ratio, height, intrinsic: true };
	return { ...viewBox, intrinsic: false };
}

function findRootTag(text: string): string | null {
	// Skip comments first: an `<svg` mentioned inside a comment is not the root element.
	const withoutComments = text.replace(/<!--[\s\S]*?-->/g, '');
	const match = /<(?:svg:)?svg(?=[\s/>])([^>]*)>/.exec(withoutComments);
	return match ? match[1] : null;
}

function attribute(tag: string, name: string): string | null {
	const match = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(tag);
	return match ? (match[1] ?? match[2]) : null;
}

function parseLength(value: string | null): number | null {
	if (value === null) return null;
	const match = /^\s*([+]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)\s*([a-z]*)\s*$/i.exec(value);
	if (!match) return null;
	const perUnit = PX_PER_UNIT[match[2].toLowerCase()];
	const px = Number(match[1]) * (perUnit ?? NaN);
	return Number.isFinite(px) && px > 0 ? px : null;
}

function parseViewBox(value: string | null): { width: number; height: number } | null {
	if (value === null) return null;
	const parts = value
		.trim()
		.split(/[\s,]+/)
		.map(Number);
	if (parts.length !== 4 || !parts.every(Number.isFinite)) return null;
	const [, , width, height] = parts;
	return width > 0 && height > 0 ? { width, height } : null;
}

/**
 * The pixel size to rasterise an SVG at: its declared size (downscaled to fit the working
 * size, like any image); for an SVG that fixes only a viewBox, the working size on the longer
 * side; with nothing declared, the browser's natural size, else a working-size square.
 *
 * @param declared readSvgSize's answer
 * @param naturalWidth the browser's HTMLImageElement.naturalWidth (0 when it has none)
 * @param naturalHeight the browser's naturalHeight
 * @param workingSize longest side allowed, in px
 */
export function svgRenderSize(
	declared: SvgSize | null,
	naturalWidth: number,
	naturalHeight: number,
	workingSize: number
): { width: number; height: number } {
	const round = (value: number) => Math.max(1, Math.round(value));
	if (declared?.intrinsic) {
		return fitWithin(round(declared.width), round(declared.height), workingSize);
	}
	if (declared) {
		const scale = workingSize / Math.max(declared.width, declared.height);
		return { width: round(declared.width * scale), height: round(declared.height * scale) };
	}
	if (naturalWidth > 0 && naturalHeight > 0) {
		return fitWithin(naturalWidth, naturalHeight, workingSize);
	}
	return { width: workingSize, height: workingSize };
}
