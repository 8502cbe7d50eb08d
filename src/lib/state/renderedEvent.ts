/**
 * The `convlab:rendered` event every lab fires on `window` when its main picture for the current
 * settings is on screen (DESIGN: "Rendered event"); the benchmark and the browser tests time labs
 * by it. A lab reports when a result was computed, then when its picture has been drawn.
 */

export const RENDERED_EVENT = 'convlab:rendered';

export interface RenderedDetail {
	/** 1, 2, 3… per page, so a listener can tell two renders apart */
	sequence: number;
	/** engine time of the result now shown, readback included */
	computeMs: number;
	/** from the control change (the request) to the picture drawn */
	totalMs: number;
}

export interface RenderedEvent {
	/** A result requested at `started` (performance.now()) took `computeMs`; its picture comes next. */
	computed(started: number, computeMs: number): void;
	/** The picture is drawn: fires the event once per computed result; later calls do nothing. */
	drawn(): void;
}

export function renderedEvent(target: EventTarget = window): RenderedEvent {
	let sequence = 0;
	let pending: { started: number; computeMs: number } | null = null;
	return {
		computed(started, computeMs) {
			pending = { started, computeMs };
		},
		drawn() {
			if (!pending) return;
			const detail: RenderedDetail = {
				sequence: ++sequence,
				computeMs: pending.computeMs,
				totalMs: performance.now() - pending.started
			};
			pending = null;
			target.dispatchEvent(new CustomEvent(RENDERED_EVENT, { detail }));
		}
	};
}
