/**
 * The effective-receptive-field experiment's two workers (erf.worker.ts): the selected unit's ERF,
 * and the ERF against depth, which starts once the first ERF is on screen so it never delays it.
 * Each job starts once the page is quiet (`whenQuiet`): after a change's re-render, and the depth
 * job after the ERF it follows is drawn, so no worker takes a core from the page's own tasks.
 * The page owns one of these for as long as it is open (`lab.onLeave(experiment.dispose)`).
 */
import type { Architecture } from '$lib/engine/architectures/architecture';
import type { ErfOptions } from '$lib/engine/effectiveReceptiveField';
import type { DepthPoint } from '$lib/engine/erfByDepth';
import type { ErfSummary, PixelBox } from '$lib/engine/erfSummary';
import { recordCompute, stats } from '$lib/state/stats.svelte';
import { GradientWorker } from './gradientWorker.svelte';

/** What the runtime does with a result: the rendered event (LabRuntime.computed/drawn). */
interface Rendered {
	computed(started: number, computeMs: number): void;
	drawn(): void;
}

export interface ShownErf {
	summary: ErfSummary;
	centre: { y: number; x: number };
	archId: string;
	name: string;
}

export interface DepthCurve {
	title: string;
	points: DepthPoint[];
	crop: [number, number];
}

export interface ErfAsk {
	arch: Architecture;
	index: number;
	unit: { y: number; x: number };
	/** the unit's theoretical field in image pixels (unclipped) and its centre */
	field: PixelBox & { cy: number; cx: number };
	image: { height: number; width: number };
	options: ErfOptions;
	/** seconds the cost estimate expects */
	seconds: number;
}

/** ERF against depth runs on a centred crop of at most this many pixels a side. */
const DEPTH_CROP = 256;

export class ErfExperiment {
	/** the ERF on screen, and the failure of the last request */
	erf = $state.raw<ShownErf | null>(null);
	error = $state<string | null>(null);
	/** has any ERF been shown yet (the depth curve waits for it) */
	shown = $state(false);
	depth = $state.raw<DepthCurve | null>(null);
	/** a clock for the progress bars, moved by `tick()` while a worker computes */
	now = $state(performance.now());
	readonly unit: GradientWorker;
	readonly byDepth: GradientWorker;
	#asked: (Omit<ShownErf, 'summary'> & { started: number }) | null = null;
	#depthTitle = '';
	/** the depth curve asked for while the unit's ERF computes: it starts when that is done */
	#depthWaiting: { arch: Architecture; options: ErfOptions } | null = null;

	/** `whenQuiet(run)`: call `run` once the page has drawn and painted what it was re-rendering */
	constructor(rendered: Rendered, whenQuiet: (run: () => void) => void) {
		this.unit = new GradientWorker((reply) => {
			this.#startDepth();
			if (reply.type === 'error') {
				this.error = reply.message;
				return;
			}
			const asked = this.#asked;
			if (reply.type !== 'erf-result' || !asked) return;
			this.error = null;
			this.erf = {
				summary: reply.summary,
				centre: asked.centre,
				archId: asked.archId,
				name: asked.name
			};
			rendered.computed(asked.started, reply.ms);
			recordCompute('effective receptive field (worker)', reply.ms, {
				numTensors: stats.tensors,
				numBytes: stats.bytes
			});
			this.shown = true;
			// nothing to draw: the message is the picture
			if (reply.summary.mass === 0) rendered.drawn();
		}, whenQuiet);
		this.byDepth = new GradientWorker((reply) => {
			if (reply.type === 'depth-result')
				this.depth = { title: this.#depthTitle, points: reply.points, crop: reply.crop };
			else if (reply.type === 'error') this.depth = null;
		}, whenQuiet);
	}

	setImage(rgb: Float32Array, height: number, width: number): void {
		this.unit.setImage(rgb, height, width);
		this.byDepth.setImage(rgb, height, width);
	}

	/** Compute the ERF of `ask.unit`; an older request's answer is dropped. */
	ask({ arch, index, unit, field, image, options, seconds }: ErfAsk): void {
		const centre = { y: field.cy, x: field.cx };
		this.#asked = {
			centre,
			archId: arch.id,
			name: arch.nodes[index].name,
			started: performance.now()
		};
		// outside the image the gradient is zero: only the field's part on the image is computed
		const box = {
			y0: Math.max(0, field.y0),
			y1: Math.min(image.height - 1, field.y1),
			x0: Math.max(0, field.x0),
			x1: Math.min(image.width - 1, field.x1)
		};
		this.unit.request({ type: 'erf', arch, index, unit, box, centre, options }, seconds);
	}

	/** Nothing to compute for the selected unit: drop what was asked before. */
	cancel(): void {
		this.unit.cancel();
		this.erf = null;
		this.error = null;
		this.#startDepth();
	}

	/**
	 * The ERF at every depth of `arch`, for the chart against depth. While the selected unit's ERF
	 * computes it waits (and an older depth job is dropped): two workers computing at once take
	 * both cores of a small machine, and the page's own tasks then wait for one (a 30 ms task took
	 * 100 ms); the unit's ERF is what the learner is looking at.
	 */
	askDepth(arch: Architecture, options: ErfOptions): void {
		this.#depthWaiting = { arch, options };
		if (this.unit.running) this.byDepth.cancel();
		else this.#startDepth();
	}

	#startDepth(): void {
		const asked = this.#depthWaiting;
		if (!asked) return;
		this.#depthWaiting = null;
		this.#depthTitle = asked.arch.title;
		// unknown until it runs; any running depth job is worth cancelling
		this.byDepth.request({ type: 'depth', ...asked, crop: DEPTH_CROP }, 1);
	}

	tick = (): void => {
		if (this.unit.busy || this.byDepth.busy) this.now = performance.now();
	};

	/** how far the running ERF is, by its estimate (capped: estimates are rough) */
	get fraction(): number {
		const { busy, estimate, startedAt } = this.unit;
		return busy && estimate > 0 ? Math.min(0.95, (this.now - startedAt) / 1000 / estimate) : 0;
	}

	dispose = (): void => {
		this.unit.dispose();
		this.byDepth.dispose();
	};
}
