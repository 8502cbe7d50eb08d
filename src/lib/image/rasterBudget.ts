/**
 * How long drawing an SVG may take, and how to know before it starts. Drawing an SVG is
 * synchronous on the page's own thread: once a draw has begun nothing can stop it, so a time-out
 * can only act between draws. The picture is therefore drawn first at small sizes (a longer side
 * of 32, 64, 128, 256 px: each four times the pixels of the last), timed, and each next draw —
 * the full-size one last — starts only if the last one's cost per pixel says it fits the budget.
 * A picture that would take seconds is refused after a few milliseconds of probing, and the
 * page answers between probes. Pure arithmetic, so it runs in Node; decodeImage.ts does the drawing.
 */
import { fitWithin } from './fitWithin';

/** Longer sides of the probe draws, smallest first. */
export const PROBE_SIDES = [32, 64, 128, 256] as const;

export interface RasterBudget {
	/** the longest one draw may be predicted to take */
	stepMs: number;
	/** all the draws together, probes included (a time-out checked between draws) */
	totalMs: number;
}

/** An SVG that would hold the page longer than this is refused (the filter bomb took 9.6 s). */
export const SVG_RASTER_BUDGET: RasterBudget = { stepMs: 1000, totalMs: 1500 };

export interface Size {
	width: number;
	height: number;
}

/** The probe sizes for drawing at `target`: those smaller than it, in its aspect ratio. */
export function probeSizes(target: Size): Size[] {
	const longer = Math.max(target.width, target.height);
	return PROBE_SIDES.filter((side) => side < longer).map((side) =>
		fitWithin(target.width, target.height, side)
	);
}

/** A finished draw: how many pixels, how long it took. */
export interface DrawCost {
	pixels: number;
	ms: number;
}

export type StepVerdict = { go: true } | { go: false; predictedMs: number };

/**
 * Whether a draw of `nextPixels` may start, given the last draw and the time spent so far.
 * The first draw (nothing measured yet) is the 32 px probe: it always goes.
 */
export function nextDraw(
	last: DrawCost | null,
	nextPixels: number,
	elapsedMs: number,
	budget: RasterBudget = SVG_RASTER_BUDGET
): StepVerdict {
	if (!last) return { go: true };
	// Filling costs per pixel; a cost per shape that does not grow with size only makes this an
	// overestimate, which errs on the side of the page.
	const predictedMs = (last.ms * nextPixels) / Math.max(1, last.pixels);
	if (predictedMs > budget.stepMs || elapsedMs + predictedMs > budget.totalMs) {
		return { go: false, predictedMs };
	}
	return { go: true };
}
