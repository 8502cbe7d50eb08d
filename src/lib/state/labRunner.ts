/**
 * The request runner every lab repeats: only the newest request runs (latestRunner), its engine
 * time goes to the Stats panel (recordCompute), and `drawn()` — called when the main picture of
 * that result is on screen — fires `convlab:rendered` with the compute and total times.
 */
import * as tf from '@tensorflow/tfjs-core';
import { latestRunner } from './latestRunner';
import { renderedEvent, type RenderedEvent } from './renderedEvent';
import { recordCompute } from './stats.svelte';

export interface LabRunnerOptions<A, R> {
	/** what the Stats panel calls this compute: 'pooling' */
	label: string;
	/** the engine call; resolve null when there is nothing to show (e.g. the image went away) */
	job: (args: A) => Promise<R | null>;
	/** a fresh result for the newest request; draw it, then call `drawn()` */
	deliver: (result: R, args: A) => void;
	fail?: (error: unknown, args: A) => void;
	/** where tensor counts come from; tf.memory() unless a test says otherwise */
	memory?: () => { numTensors: number; numBytes: number };
	/** where the event goes; window unless a test says otherwise */
	target?: EventTarget;
	/** the page's one rendered-event path (the lab runtime's); a new one on `target` if absent */
	rendered?: RenderedEvent;
	/** a request starts running / nothing is running or pending any more */
	onbusy?: (busy: boolean) => void;
}

export interface LabRunner<A> {
	/** Ask for a result; the request time is the start of its `totalMs`. */
	request(args: A): void;
	/** resolves when nothing is running or pending */
	idle(): Promise<void>;
	/** The main picture of the last delivered result is on screen. */
	drawn(): void;
}

export function labRunner<A, R>(options: LabRunnerOptions<A, R>): LabRunner<A> {
	const memory = options.memory ?? (() => tf.memory());
	const rendered = options.rendered ?? renderedEvent(options.target ?? window);
	const runner = latestRunner(
		async ({ args }: { args: A; started: number }) => {
			const t0 = performance.now();
			const result = await options.job(args);
			return { result, ms: performance.now() - t0 };
		},
		({ result, ms }, { args, started }) => {
			if (result === null) return;
			recordCompute(options.label, ms, memory());
			rendered.computed(started, ms);
			options.deliver(result, args);
		},
		(error, { args }) => options.fail?.(error, args)
	);
	return {
		request(args) {
			options.onbusy?.(true);
			runner.request({ args, started: performance.now() });
			if (options.onbusy) void runner.idle().then(() => options.onbusy?.(false));
		},
		idle: () => runner.idle(),
		drawn: () => rendered.drawn()
	};
}
