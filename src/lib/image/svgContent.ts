/**
 * What an SVG will make the browser do when it is drawn, read from its text before it is handed
 * to the decoder. Drawing an SVG is synchronous on the page's own thread, so no time-out can stop
 * it once it has started: whatever could make it slow or huge is refused here instead.
 * - Filter effects (`<fe…>` primitives, CSS `blur()`/`drop-shadow()`): a few filtered shapes can
 *   take the browser seconds to minutes to draw at the working size.
 * - Embedded pictures (`<image href="data:…">`): the browser decodes each at its full size, so
 *   a 400-megapixel PNG inside a 13 KB SVG would bypass the megapixel limit; their declared
 *   sizes (read from their headers) count against it, one by one and together. An embedded SVG is
 *   checked the same way.
 * External references are not a concern: an SVG drawn as an image loads nothing from outside.
 */
import { ImageError } from './imageError';
import { readImageHeader } from './imageHeader';
import { sniffImageType, KIND_NAMES } from './sniffImageType';
import { LIMITS } from './validateImageFile';

/** Embedded SVGs are followed this deep (an SVG in an SVG in an SVG…). */
const MAX_NESTING = 4;

export interface SvgContent {
	/** filter primitives and CSS filter functions, counted over every nested SVG */
	filters: number;
	/** embedded raster pictures with their declared pixel sizes */
	images: { kind: string; width: number; height: number }[];
}

/** Counts the filters and embedded pictures of an SVG (and of the SVGs it embeds). */
export function readSvgContent(bytes: Uint8Array, depth = 0): SvgContent {
	const text = new TextDecoder('utf-8', { fatal: false })
		.decode(bytes)
		.replace(/<!--[\s\S]*?-->/g, '');
	const content: SvgContent = {
		filters:
			(text.match(/<(?:\w+:)?fe[A-Z]\w*/g)?.length ?? 0) +
			(text.match(/\b(?:blur|drop-shadow)\s*\(/g)?.length ?? 0),
		images: []
	};
	for (const tag of text.match(/<(?:\w+:)?image\b[^>]*>/g) ?? []) {
		const href = /(?:^|\s)(?:xlink:)?href\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(tag);
		const embedded = href ? dataUrlBytes(href[1] ?? href[2]) : null;
		if (!embedded) continue;
		const kind = sniffImageType(embedded);
		if (kind === 'svg') {
			if (depth >= MAX_NESTING)
				content.filters += 1; // refuse an endless nest like a filter
			else {
				const inner = readSvgContent(embedded, depth + 1);
				content.filters += inner.filters;
				content.images.push(...inner.images);
			}
		} else if (kind) {
			// A header too short or garbled to size is counted as over the limit: the decoder would
			// have to find out the size by decoding it.
			const size = readImageHeader(embedded, kind) ?? { width: Infinity, height: Infinity };
			content.images.push({ kind: KIND_NAMES[kind], ...size });
		}
	}
	return content;
}

/**
 * Refuses an SVG whose drawing could freeze the page or decode more pixels than the limit.
 * @throws ImageError 'unsupported' for filter effects, 'too-many-pixels' for embedded pictures
 */
export function checkSvgContent(bytes: Uint8Array): void {
	const { filters, images } = readSvgContent(bytes);
	if (filters > 0) {
		throw new ImageError(
			'unsupported',
			`This SVG uses filter effects (${filters}), which the browser draws on the page's own thread: they can freeze the page for seconds or minutes, so ConvLab does not draw them. ` +
				'Export the picture as PNG (most drawing programs can) and open that instead.'
		);
	}
	const total = images.reduce((sum, image) => sum + image.width * image.height, 0);
	const largest = images.find((i) => i.width > LIMITS.maxSide || i.height > LIMITS.maxSide);
	if (largest || total > LIMITS.maxPixels) {
		const what = largest
			? `a ${largest.kind} picture of ${describe(largest)}`
			: `${images.length} pictures of ${(total / 1e6).toFixed(0)} megapixels together`;
		throw new ImageError(
			'too-many-pixels',
			`This SVG embeds ${what}; ConvLab opens images up to ${LIMITS.maxPixels / 1e6} megapixels and ${LIMITS.maxSide} pixels on a side. ` +
				'Export the picture as PNG at a smaller size and open that instead.'
		);
	}
}

const describe = (i: { width: number; height: number }) =>
	Number.isFinite(i.width) ? `${i.width} × ${i.height} pixels` : 'unknown size';

/** The bytes of a `data:` URL (base64 or percent-encoded), or null for anything else. */
function dataUrlBytes(url: string): Uint8Array | null {
	const match = /^\s*data:([^,]*),([\s\S]*)$/i.exec(url);
	if (!match) return null;
	const payload = match[2];
	try {
		if (/;base64\s*$/i.test(match[1])) {
			const clean = payload.replace(/\s+/g, '');
			return Uint8Array.from(atob(clean), (c) => c.charCodeAt(0));
		}
		return new TextEncoder().encode(decodeURIComponent(payload));
	} catch {
		return new Uint8Array(0);
	}
}
