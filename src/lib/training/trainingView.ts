/**
 * What a page shows of a training worker, built from its events only (protocol.ts): status,
 * backend, running, step, steps/s, settings, and per variant its metric curves and latest layer
 * statistics. Pure: the client (trainingClient.svelte.ts) keeps one of these as reactive state.
 */
import type { LayerStatistics, MetricPoint, TrainingEvent } from './protocol';

/** One series of one variant: its steps and, per metric name, the value at each step. */
export interface Curve {
	step: number[];
	values: Record<string, number[]>;
}

export interface TrainingView {
	/** idle: no worker yet; loading: started, not configured; error: could not start */
	status: 'idle' | 'loading' | 'ready' | 'error';
	backend: string | null;
	running: boolean;
	step: number;
	epoch: number;
	stepsPerSecond: number;
	learningRate: number;
	batchSize: number;
	seed: number | null;
	variants: { id: string; parameters: number }[];
	/** curves[variant][series] */
	curves: Record<string, Record<string, Curve>>;
	/** statistics[variant]: the latest per-layer weight statistics */
	statistics: Record<string, { step: number; layers: LayerStatistics[] }>;
	error: string | null;
	/** the error stopped a training run (a failed step) rather than the start */
	stopped: boolean;
}

/** Longest curve kept; beyond it every other point is dropped (the chart stays cheap). */
export const MAX_CURVE_POINTS = 2000;

export function initialTrainingView(learningRate: number, batchSize: number): TrainingView {
	return {
		status: 'idle',
		backend: null,
		running: false,
		step: 0,
		epoch: 0,
		stepsPerSecond: NaN,
		learningRate,
		batchSize,
		seed: null,
		variants: [],
		curves: {},
		statistics: {},
		error: null,
		stopped: false
	};
}

const EMPTY: Curve = { step: [], values: {} };

/** The curve of `series` for `variant` (an empty one before any point). */
export function curveOf(view: TrainingView, variant: string, series = 'train'): Curve {
	return view.curves[variant]?.[series] ?? EMPTY;
}

function halve(curve: Curve): Curve {
	const keep = (a: number[]) => a.filter((_, i) => i % 2 === 1 || i === a.length - 1);
	return {
		step: keep(curve.step),
		values: Object.fromEntries(Object.entries(curve.values).map(([k, v]) => [k, keep(v)]))
	};
}

/** The curves with `points` appended (new arrays only where something changed). */
function appendPoints(
	curves: TrainingView['curves'],
	points: MetricPoint[]
): TrainingView['curves'] {
	const groups = new Map<string, MetricPoint[]>();
	for (const p of points) {
		const key = JSON.stringify([p.variant, p.series]);
		const group = groups.get(key);
		if (group) group.push(p);
		else groups.set(key, [p]);
	}
	const grown = { ...curves };
	for (const group of groups.values()) {
		const { variant, series } = group[0];
		const old = curves[variant]?.[series] ?? EMPTY;
		const names = new Set([
			...Object.keys(old.values),
			...group.flatMap((p) => Object.keys(p.values))
		]);
		// a metric missing at some step is NaN there, so every array lines up with `step`
		let curve: Curve = {
			step: [...old.step, ...group.map((p) => p.step)],
			values: Object.fromEntries(
				[...names].map((name) => [
					name,
					[
						...(old.values[name] ?? old.step.map(() => NaN)),
						...group.map((p) => p.values[name] ?? NaN)
					]
				])
			)
		};
		while (curve.step.length > MAX_CURVE_POINTS) curve = halve(curve);
		grown[variant] = { ...grown[variant], [series]: curve };
	}
	return grown;
}

/** The next view after one worker event (pure; changed parts are new objects). */
export function reduceTrainingView<R>(view: TrainingView, event: TrainingEvent<R>): TrainingView {
	switch (event.type) {
		case 'ready':
			return { ...view, backend: event.backend };
		case 'configured':
			// an error before it (the data did not load) still stands: nothing can train
			if (view.status === 'error') return { ...view, seed: event.seed, variants: event.variants };
			return {
				...view,
				status: 'ready',
				seed: event.seed,
				variants: event.variants,
				running: false,
				step: 0,
				epoch: 0,
				stepsPerSecond: NaN,
				curves: {},
				statistics: {},
				error: null,
				stopped: false
			};
		case 'metrics': {
			if (event.points.length === 0) return view;
			const train = event.points.filter((p) => p.series === 'train');
			const last = train.at(-1);
			return {
				...view,
				curves: appendPoints(view.curves, event.points),
				step: last ? Math.max(view.step, last.step) : view.step,
				epoch: last ? last.epoch : view.epoch,
				stepsPerSecond: last ? event.stepsPerSecond : view.stepsPerSecond
			};
		}
		case 'statistics':
			return {
				...view,
				statistics: {
					...view.statistics,
					[event.variant]: { step: event.step, layers: event.layers }
				}
			};
		case 'state':
			return {
				...view,
				running: event.running,
				step: event.step,
				learningRate: event.learningRate,
				batchSize: event.batchSize
			};
		case 'reset':
			return {
				...view,
				seed: event.seed,
				running: false,
				step: 0,
				epoch: 0,
				stepsPerSecond: NaN,
				curves: {},
				statistics: {}
			};
		case 'error':
			return {
				...view,
				// before the models exist an error means nothing can train
				status: view.status === 'ready' ? 'ready' : 'error',
				running: false,
				error: event.message,
				stopped: event.stopped ?? false
			};
		default:
			return view;
	}
}
