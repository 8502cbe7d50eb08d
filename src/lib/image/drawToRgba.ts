// Browser only (canvas). Kept apart from decodeImage so the file and webcam paths share it.
import { ImageError } from './imageError';

type Context2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

let reusableContext: Context2D | undefined;

/**
 * Draws `source` scaled to width × height (high-quality smoothing) and returns its straight-alpha
 * RGBA [height, width, 4], row-major.
 * `reuse` keeps one canvas for per-frame callers (webcam); file decodes get a fresh one that
 * the garbage collector can drop with the large bitmap it was fed.
 */
export function drawToRgba(
	source: CanvasImageSource,
	width: number,
	height: number,
	reuse: boolean
): Uint8ClampedArray {
	const context = reuse
		? (reusableContext ??= createContext(width, height, true))
		: createContext(width, height, false);
	const canvas = context.canvas;
	if (canvas.width !== width || canvas.height !== height) {
		canvas.width = width;
		canvas.height = height;
	}
	context.clearRect(0, 0, width, height);
	context.imageSmoothingEnabled = true;
	context.imageSmoothingQuality = 'high';
	context.drawImage(source, 0, 0, width, height);
	try {
		return context.getImageData(0, 0, width, height).data;
	} catch (error) {
		// A cross-origin source, or an SVG with embedded HTML, taints the canvas.
		throw new ImageError(
			'unsupported',
			'The browser does not allow reading the pixels of this picture (it comes from another site or embeds web content). ' +
				'Save it as a PNG or JPEG file and open that instead.',
			{ cause: error }
		);
	}
}

function createContext(width: number, height: number, willReadFrequently: boolean): Context2D {
	const canvas =
		typeof OffscreenCanvas === 'function'
			? new OffscreenCanvas(width, height)
			: Object.assign(document.createElement('canvas'), { width, height });
	const context = canvas.getContext('2d', { willReadFrequently }) as Context2D | null;
	if (!context) {
		throw new ImageError(
			'decode-failed',
			'The browser could not create a drawing surface (it may be low on memory). Close some tabs and try again.'
		);
	}
	return context;
}
