/**
 * The similarity curve: 33 shifts × 7 representations, computed after the main picture a few
 * shifts per chunk (chunkedRunner), along the direction of the current shift. A finished curve of
 * the same fill and direction stays up while its successor (a new frame, a new bank) is computed,
 * so the chart does not flicker back to a partial curve.
 */
import type { ShiftFill } from '$lib/engine/shift';
import {
	chunkSize,
	shiftSteps,
	similarityRows,
	type ShiftStep,
	type SimilarityRow
} from '$lib/engine/shiftSimilarity';
import type { SourceImage } from '$lib/image/decodeImage';
import { chunkedRunner } from '$lib/state/chunkedRunner';
import { MAX_CURVE_SHIFT } from '$lib/state/invarianceState';
import type { InvarianceContext } from './invarianceContext';

interface CurveArgs {
	context: InvarianceContext;
	steps: ShiftStep[];
	fill: ShiftFill;
	key: string;
	webcam: boolean;
}

/** The unit step along (dx, dy): the curve's direction; right when there is no shift. */
export function shiftDirection(dx: number, dy: number): { ux: number; uy: number } {
	const m = Math.max(Math.abs(dx), Math.abs(dy));
	return m === 0 ? { ux: 1, uy: 0 } : { ux: dx / m, uy: dy / m };
}

export function directionText({ ux, uy }: { ux: number; uy: number }): string {
	if (uy === 0) return ux > 0 ? 'right (along +x)' : 'left (along −x)';
	if (ux === 0) return uy > 0 ? 'down (along +y)' : 'up (along −y)';
	return `along (dx, dy) = (${ux.toFixed(2)}, ${uy.toFixed(2)}) per px`;
}

/** What a curve shows: its fill and direction. */
export function curveKey(fill: ShiftFill, dx: number, dy: number): string {
	const { ux, uy } = shiftDirection(dx, dy);
	return `${fill}|${ux},${uy}`;
}

export class SimilarityCurve {
	rows = $state.raw<SimilarityRow[]>([]);
	done = $state(false);
	ms = $state(0);
	key = $state('');
	busy = $state(false);
	#requested = { image: null as SourceImage | null, context: -1, key: '' };
	readonly #runner;

	constructor(fail: (error: unknown) => void) {
		this.#runner = chunkedRunner<CurveArgs, ShiftStep[], SimilarityRow>({
			plan: ({ steps, context }) => {
				const { height, width } = context.image;
				const size = chunkSize(height, width, context.layers.kernels.length);
				return Array.from({ length: Math.ceil(steps.length / size) }, (_, i) =>
					steps.slice(i * size, (i + 1) * size)
				);
			},
			// An older frame's curve may finish: its data are plain arrays. Only a backend switch
			// (which disposes the FC weights) stops it.
			run: async (chunk, { context, fill }) => {
				if (context.layers.fcWeights.isDisposed) return [];
				return similarityRows(await context.reference(), context.layers, chunk, fill);
			},
			progress: (rows, done, ms, { key }) => {
				if (done) this.busy = false;
				if (!done && this.done && this.key === key) return;
				this.rows = rows;
				this.done = done;
				this.ms = ms;
				this.key = key;
			},
			fail: (error) => {
				this.busy = false;
				fail(error);
			},
			// Webcam frames come faster than a curve: finish it on a frame that is a moment old.
			canFinish: (running, newer) => newer.webcam && running.key === newer.key
		});
	}

	/** The curve for the picture on screen, unless the same one was already asked for. */
	request(
		shown: { image: SourceImage; context: InvarianceContext; fill: ShiftFill },
		dx: number,
		dy: number,
		webcam: boolean
	): void {
		const key = curveKey(shown.fill, dx, dy);
		const was = this.#requested;
		if (was.image === shown.image && was.context === shown.context.id && was.key === key) return;
		this.#requested = { image: shown.image, context: shown.context.id, key };
		this.busy = true;
		const steps = shiftSteps(dx, dy, MAX_CURVE_SHIFT);
		this.#runner.request({ context: shown.context, steps, fill: shown.fill, key, webcam });
	}

	/** The rows to draw for these settings: none from a curve of another fill or direction. */
	rowsFor(key: string): SimilarityRow[] {
		return this.key === key ? this.rows : [];
	}

	cancel = (): void => this.#runner.cancel();
}
