// Browser only: createImageBitmap, canvases and <img>. The pure steps it chains (validation,
// orientation, resizing arithmetic, float conversion) live in their own files and are unit-tested
// in Node; this file is covered by the Playwright tests.
import { describeImage } from './describeImage';
import { drawToRgba } from './drawToRgba';
import { orientPixels } from './exifOrientation';
import { fitWithin } from './fitWithin';
import { ImageError, isImageError } from './imageError';
import { orientationProbeBytes } from './orientationProbe';
import { hasTransparency, rgbaToFloatRgb } from './pixelsToFloat';
import { KIND_NAMES, type ImageKind } from './sniffImageType';
import { checkSvgContent } from './svgContent';
import { readSvgSize, svgRenderSize } from './svgSize';
import { nextDraw, probeSizes, SVG_RASTER_BUDGET, type DrawCost, type Size } from './rasterBudget';
import { checkFileSize, LIMITS, validateImageBytes, type ImageFileInfo } from './validateImageFile';
import { withTimeout } from './withTimeout';

/** An image ready for the labs. */
export interface SourceImage {
	/** [height, width, 3] float32 RGB in [0, 1], alpha composited over white, oriented, resized. */
	rgb: Float32Array;
	width: number;
	height: number;
	/** What happened, for a one-line info text, e.g. 'cat.jpg · 4032×3024 → 512×384 · EXIF rotated 90°'. */
	description: string;
	name: string;
}

/** A decoder that has not answered by then is treated as stuck rather than waited on forever. */
const DECODE_TIMEOUT_MS = 20_000;
/**
 * Reads, validates and decodes an image file the user chose or dropped.
 *
 * Order matters for robustness: the size is checked before the file is read (a 2 GB file is
 * never loaded), the bytes are checked before the browser decodes them (a "30000×30000" PNG
 * is refused before it can exhaust memory), and every failure becomes an ImageError whose
 * message can be shown as is.
 *
 * @param file a File (its name is used in the description) or any Blob
 * @param workingSize longest side the labs work at, e.g. 512; smaller images keep their size
 * @throws ImageError with a user-facing message; nothing else
 */
export async function decodeImageFile(
	file: Blob & { name?: string },
	workingSize: number
): Promise<SourceImage> {
	const name = file.name || 'image';
	try {
		checkFileSize(file.size);
		const bytes = await readBytes(file);
		const info = validateImageBytes(bytes);
		return info.kind === 'svg'
			? await decodeSvg(bytes, name, workingSize)
			: await decodeRaster(file, info, name, workingSize);
	} catch (error) {
		if (isImageError(error)) throw error;
		throw new ImageError(
			'decode-failed',
			`Something went wrong while opening ${name}. Try again, or save the picture as PNG or JPEG and open that instead.`,
			{ cause: error }
		);
	}
}

/**
 * Turns something the browser has already decoded (a webcam's <video>, an <img>, a canvas)
 * into a SourceImage: draws it at the fitted size and reads the pixels back. Synchronous, and
 * reuses one canvas, so it can run for every video frame.
 *
 * @param source anything drawImage accepts
 * @param srcWidth the source's pixel width (videoWidth, naturalWidth, …)
 * @param srcHeight the source's pixel height
 * @param workingSize longest side the labs work at
 * @param name shown in the description, e.g. 'webcam'
 * @throws ImageError when the source has no pixels yet or may not be read
 */
export function imageFromDrawable(
	source: CanvasImageSource,
	srcWidth: number,
	srcHeight: number,
	workingSize: number,
	name: string
): SourceImage {
	if (!(srcWidth > 0 && srcHeight > 0)) {
		throw new ImageError(
			'decode-failed',
			`${name} has no picture yet (a camera needs a moment to deliver its first frame). Wait a second and try again.`
		);
	}
	const size = fitWithin(srcWidth, srcHeight, workingSize);
	const rgba = drawToRgba(source, size.width, size.height, true);
	return {
		rgb: rgbaToFloatRgb(rgba, size.width, size.height),
		...size,
		name,
		description: describeImage({
			name,
			sourceWidth: srcWidth,
			sourceHeight: srcHeight,
			...size,
			transparent: hasTransparency(rgba)
		})
	};
}

async function readBytes(file: Blob): Promise<Uint8Array<ArrayBuffer>> {
	try {
		return new Uint8Array(await file.arrayBuffer());
	} catch (error) {
		throw new ImageError(
			'decode-failed',
			'The file could not be read: it may have been moved or deleted, or still be downloading. Choose it again.',
			{ cause: error }
		);
	}
}

async function decodeRaster(
	file: Blob,
	info: ImageFileInfo,
	name: string,
	workingSize: number
): Promise<SourceImage> {
	if (typeof createImageBitmap !== 'function') {
		// Very old browsers: an <img> always applies EXIF orientation itself.
		const url = URL.createObjectURL(file);
		try {
			const img = await loadImage(url, name, info.kind);
			const exif = { orientation: info.orientation, applied: true };
			return finish(img, img.naturalWidth, img.naturalHeight, exif, name, workingSize, []);
		} finally {
			URL.revokeObjectURL(url);
		}
	}
	const bitmap = await withTimeout(
		// Ask for the pixels as stored. Chromium (checked in 156) applies EXIF anyway;
		// browserAlreadyOriented notices, so the turn happens exactly once either way.
		createImageBitmap(file, { imageOrientation: 'none' }),
		DECODE_TIMEOUT_MS,
		() => decodeFailed(name, info.kind),
		(late) => late.close()
	).catch((error: unknown) => {
		throw isImageError(error) ? error : decodeFailed(name, info.kind, error);
	});
	try {
		// The header was checked, but a lying header must not sneak a giant bitmap past the limits.
		if (bitmap.width * bitmap.height > LIMITS.maxPixels) {
			throw new ImageError(
				'too-many-pixels',
				`${name} decodes to ${bitmap.width} × ${bitmap.height} pixels, more than its header said and more than ConvLab can hold. ` +
					'Resize it to at most 4000 pixels on the longer side and try again.'
			);
		}
		const exif = {
			orientation: info.orientation,
			applied: await browserAlreadyOriented(bitmap, info)
		};
		return finish(bitmap, bitmap.width, bitmap.height, exif, name, workingSize, []);
	} finally {
		bitmap.close();
	}
}

/**
 * Whether the browser ignored `imageOrientation: 'none'` and the bitmap is already upright.
 * The spec's 2023 rename made 'none' mean "ignore EXIF" (Firefox, Safari); Chromium still reads
 * it the old way, as "apply EXIF".
 */
async function browserAlreadyOriented(bitmap: ImageBitmap, info: ImageFileInfo): Promise<boolean> {
	if (info.orientation === 1) return false;
	const { width, height } = info;
	if (info.orientation >= 5 && width !== height) {
		// A quarter turn shows in the size itself: no need to guess.
		if (bitmap.width === height && bitmap.height === width) return true;
		if (bitmap.width === width && bitmap.height === height) return false;
	}
	return noneMeansFromImage();
}

let noneProbe: Promise<boolean> | undefined;

/** Decodes the 2×1 probe (EXIF 6) once per page: a 1×2 result means 'none' still applies EXIF. */
function noneMeansFromImage(): Promise<boolean> {
	noneProbe ??= createImageBitmap(new Blob([orientationProbeBytes()]), {
		imageOrientation: 'none'
	})
		.then((probe) => {
			const rotated = probe.width === 1 && probe.height === 2;
			probe.close();
			return rotated;
		})
		// A browser that cannot even decode the probe is assumed to follow the current spec.
		.catch(() => false);
	return noneProbe;
}

async function decodeSvg(
	bytes: Uint8Array<ArrayBuffer>,
	name: string,
	workingSize: number
): Promise<SourceImage> {
	// Loaded as an image, an SVG is sandboxed by the browser: its scripts never run and it
	// fetches nothing external. But drawing it is synchronous (no time-out can stop a draw) and
	// decodes what it embeds at full size, so what could freeze the page or overflow the
	// megapixel limit is refused from its text first, and whatever else is slow to draw is found
	// by timed probe draws before the full-size one (rasterBudget).
	checkSvgContent(bytes);
	const blob = new Blob([bytes], { type: 'image/svg+xml' });
	const url = URL.createObjectURL(blob);
	try {
		const img = await loadImage(url, name, 'svg');
		const size = svgRenderSize(
			readSvgSize(bytes),
			img.naturalWidth,
			img.naturalHeight,
			workingSize
		);
		await drawWithinBudget(img, fitWithin(size.width, size.height, workingSize), name);
		// Vector art has no native pixel size to report: say what it was drawn at.
		const exif = { orientation: 1, applied: true };
		return finish(img, size.width, size.height, exif, name, workingSize, ['SVG drawn as pixels']);
	} finally {
		URL.revokeObjectURL(url);
	}
}

/**
 * Draws `img` at the probe sizes for `target`, timing each, and returns once the full-size draw
 * is predicted to fit SVG_RASTER_BUDGET; the page gets a turn between draws.
 * @throws ImageError 'too-slow' when a draw would not fit
 */
async function drawWithinBudget(img: HTMLImageElement, target: Size, name: string): Promise<void> {
	const start = performance.now();
	let last: DrawCost | null = null;
	for (const size of [...probeSizes(target), target]) {
		const pixels = size.width * size.height;
		const verdict = nextDraw(last, pixels, performance.now() - start);
		if (!verdict.go) throw tooSlowToDraw(name, target, verdict.predictedMs);
		if (size === target) return; // finish() makes the full-size draw
		const before = performance.now();
		drawToRgba(img, size.width, size.height, false);
		last = { pixels, ms: performance.now() - before };
		await new Promise((resolve) => setTimeout(resolve, 0));
	}
}

function tooSlowToDraw(name: string, target: Size, predictedMs: number): ImageError {
	const seconds =
		predictedMs >= 10_000 ? Math.round(predictedMs / 1000) : (predictedMs / 1000).toFixed(1);
	return new ImageError(
		'too-slow',
		`${name} is too slow to draw: at ${target.width} × ${target.height} pixels it would hold the page for about ${seconds} s (ConvLab stops at ${SVG_RASTER_BUDGET.stepMs / 1000} s, so the page keeps answering). ` +
			'Thousands of overlapping shapes or gradients do that. Export the picture as PNG and open that instead, or pick a smaller working size.'
	);
}

function loadImage(url: string, name: string, kind: ImageKind): Promise<HTMLImageElement> {
	const img = new Image();
	img.decoding = 'async';
	img.src = url;
	return withTimeout(img.decode(), DECODE_TIMEOUT_MS, () => decodeFailed(name, kind)).then(
		() => img,
		(error: unknown) => {
			throw isImageError(error) ? error : decodeFailed(name, kind, error);
		}
	);
}

/**
 * Resize, read back, orient, convert: the common tail of every file path. `exif.applied` says
 * the browser already turned `source` upright, so only the description mentions the turn.
 */
function finish(
	source: CanvasImageSource,
	sourceWidth: number,
	sourceHeight: number,
	exif: { orientation: number; applied: boolean },
	name: string,
	workingSize: number,
	notes: string[]
): SourceImage {
	// Resizing before orienting: a quarter turn only swaps axes, so the fitted size is the same.
	const fitted = fitWithin(sourceWidth, sourceHeight, workingSize);
	const rgba = drawToRgba(source, fitted.width, fitted.height, false);
	const toApply = exif.applied ? 1 : exif.orientation;
	const upright = orientPixels(rgba, fitted.width, fitted.height, toApply);
	const quarterTurn = toApply >= 5 && toApply <= 8;
	return {
		rgb: rgbaToFloatRgb(upright.data, upright.width, upright.height),
		width: upright.width,
		height: upright.height,
		name,
		description: describeImage({
			name,
			sourceWidth: quarterTurn ? sourceHeight : sourceWidth,
			sourceHeight: quarterTurn ? sourceWidth : sourceHeight,
			width: upright.width,
			height: upright.height,
			orientation: exif.orientation,
			transparent: hasTransparency(upright.data),
			notes
		})
	};
}

function decodeFailed(name: string, kind: ImageKind, cause?: unknown): ImageError {
	const support = kind === 'avif' ? ' (older browsers cannot open AVIF)' : '';
	return new ImageError(
		'decode-failed',
		`The browser could not decode ${name} as ${KIND_NAMES[kind]}${support}: the file may be damaged, or use a variant the browser does not support. ` +
			'Open it in an image editor, save it again as PNG or JPEG, and try that.',
		{ cause }
	);
}
