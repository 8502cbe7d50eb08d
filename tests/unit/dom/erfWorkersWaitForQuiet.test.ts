/**
 * The Receptive-field lab's ERF workers start a job only once the page is quiet: a worker
 * computing takes a core, and on a small machine the page's re-render after a change then waited
 * for one (20–40 ms of CPU took 100 ms and more of wall time). A change asks at once — the
 * progress shows, an expensive job nobody wants stops — but the job is posted when the page has
 * drawn the change; the ERF against depth is posted once the ERF it follows has been drawn.
 */
import { flushSync } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { chain, layer } from '$lib/engine/architectures/architecture';
import type { ErfReply, ErfRequest } from '$lib/workers/erfProtocol';
import {
	ErfExperiment,
	type ErfAsk
} from '../../../src/routes/receptive-field/erfExperiment.svelte';
import {
	QUIET_FALLBACK_MS,
	stagedViews
} from '../../../src/routes/receptive-field/stagedViews.svelte';
import { afterPaint } from '$lib/state/afterPaint';
import { PendingDraws } from '$lib/state/pendingDraws';
import { effectRoot } from './effectRoot.svelte';
import { useFakeFrames } from './fakeFrames';
import { reactive } from './reactive.svelte';

/** every worker the page created, with what it was sent */
let workers: FakeWorker[] = [];
class FakeWorker {
	onmessage: ((event: MessageEvent<ErfReply>) => void) | null = null;
	onerror: ((event: ErrorEvent) => void) | null = null;
	sent: ErfRequest[] = [];
	terminated = false;
	constructor() {
		workers.push(this);
	}
	postMessage(message: ErfRequest) {
		this.sent.push(message);
	}
	terminate() {
		this.terminated = true;
	}
	reply(message: ErfReply) {
		this.onmessage?.({ data: message } as MessageEvent<ErfReply>);
	}
	/** the jobs sent (not the image nor the WASM files) */
	get jobs() {
		return this.sent.filter((m) => m.type === 'erf' || m.type === 'depth');
	}
}

let quiet: (() => void)[] = [];
const whenQuiet = (run: () => void) => quiet.push(run);
function pageIsQuiet() {
	const due = quiet;
	quiet = [];
	due.forEach((run) => run());
}

const arch = chain('test', 'Test stack', [
	{ name: 'conv1', op: layer('conv', 3, { channels: 4 }) }
]);
const ask = (unitX: number, seconds = 0.1): ErfAsk => ({
	arch,
	index: 0,
	unit: { y: 4, x: unitX },
	field: { y0: 3, y1: 5, x0: unitX - 1, x1: unitX + 1, cy: 4, cx: unitX },
	image: { height: 8, width: 8 },
	options: { weights: 'random', activation: 'relu', channels: 4 },
	seconds
});
const summary = {
	box: { y0: 3, y1: 5, x0: 2, x1: 4 },
	map: new Float32Array(9).fill(1 / 9),
	row: new Float32Array(3),
	column: new Float32Array(3),
	mass: 1,
	radius95: 1,
	sigma: 1
};

beforeEach(() => {
	workers = [];
	quiet = [];
	vi.stubGlobal('Worker', FakeWorker);
});
afterEach(() => vi.unstubAllGlobals());

describe('the ERF workers wait for the page to be quiet', () => {
	it("posts the newest unit's ERF once the page is quiet, and the ERF against depth after that ERF is drawn", async () => {
		const rendered = { computed: vi.fn(), drawn: vi.fn() };
		const experiment = new ErfExperiment(rendered, whenQuiet);
		experiment.setImage(new Float32Array(8 * 8 * 3), 8, 8);
		experiment.ask(ask(2));
		experiment.ask(ask(4));
		// the progress shows at once, but no worker computes during the change's re-render
		expect(experiment.unit.busy).toBe(true);
		expect(workers.flatMap((w) => w.jobs)).toEqual([]);

		pageIsQuiet();
		expect(workers).toHaveLength(1);
		const [unitWorker] = workers;
		// one job, the newest: the older request was never sent
		expect(unitWorker.jobs.map((j) => j.type === 'erf' && j.unit)).toEqual([{ y: 4, x: 4 }]);

		// the depth curve asked for while the unit's ERF computes waits for it …
		experiment.askDepth(arch, { weights: 'random', activation: 'relu', channels: 4 });
		const id = unitWorker.jobs[0].id;
		unitWorker.reply({ type: 'erf-result', id, summary, ms: 5 });
		flushSync();
		expect(experiment.erf?.centre).toEqual({ y: 4, x: 4 });
		// … and for the ERF to be drawn: nothing computes while the page draws it
		expect(workers.flatMap((w) => w.jobs)).toHaveLength(1);
		pageIsQuiet();
		expect(workers).toHaveLength(2);
		expect(workers[1].jobs.map((j) => j.type)).toEqual(['depth']);
		experiment.dispose();
	});

	it('stops an expensive job at once when a change replaces it, and posts the new one when quiet', () => {
		const experiment = new ErfExperiment({ computed: vi.fn(), drawn: vi.fn() }, whenQuiet);
		experiment.setImage(new Float32Array(8 * 8 * 3), 8, 8);
		experiment.ask(ask(2, 10));
		pageIsQuiet();
		const [first] = workers;
		expect(first.jobs).toHaveLength(1);

		experiment.ask(ask(4, 10));
		// its core is free for the re-render …
		expect(first.terminated).toBe(true);
		expect(workers).toHaveLength(1);
		// … and the new job goes to a fresh worker once that is drawn
		pageIsQuiet();
		expect(workers).toHaveLength(2);
		expect(workers[1].jobs.map((j) => j.type === 'erf' && j.unit)).toEqual([{ y: 4, x: 4 }]);
		experiment.dispose();
	});
});

/** One view of one group, drawn from `settings.layers`, in an effect root (flushed). */
function oneView(settings: { layers: number }, pending?: PendingDraws) {
	let staged!: ReturnType<typeof stagedViews<{ a: number }>>;
	const stop = effectRoot(() => {
		staged = stagedViews(
			{ follow: (run, ms) => afterPaint(run, ms) },
			() => ({ a: settings.layers }),
			[['a']],
			() => [10],
			10,
			pending
		);
	});
	flushSync();
	return { staged, stop };
}

describe('stagedViews.whenQuiet', () => {
	let frame: () => void;
	beforeEach(() => ({ frame } = useFakeFrames()));
	afterEach(() => vi.useRealTimers());

	it('runs what waits only after the last group of a round has been drawn and painted', () => {
		const events: string[] = [];
		const settings = reactive({ layers: 1 });
		let staged!: ReturnType<typeof stagedViews<{ a: number; b: number; c: number }>>;
		const stop = effectRoot(() => {
			staged = stagedViews(
				{ follow: (run, ms) => afterPaint(run, ms) },
				() => ({ a: settings.layers, b: settings.layers, c: settings.layers }),
				[['a'], ['b'], ['c']],
				() => [10, 10, 10],
				10
			);
		});
		flushSync();
		for (let i = 0; i < 4; i++) frame(); // the first round
		expect(staged.current).toEqual({ a: 1, b: 1, c: 1 });

		// a change: the ERF asks (its effect runs before the views' round is scheduled)
		settings.layers = 64;
		staged.whenQuiet(() => events.push(`quiet, c = ${staged.current.c}`));
		flushSync();
		for (let i = 0; i < 5; i++) {
			frame();
			events.push(`frame ${i}: c = ${staged.current.c}`);
		}
		// three groups, one a frame; what waits runs a frame after the last one
		expect(events).toEqual([
			'frame 0: c = 1',
			'frame 1: c = 1',
			'frame 2: c = 64',
			'quiet, c = 64',
			'frame 3: c = 64',
			'frame 4: c = 64'
		]);
		stop();
	});

	it('runs what waits in a hidden tab, where no frame comes, after QUIET_FALLBACK_MS', () => {
		const settings = reactive({ layers: 1 });
		const { staged, stop } = oneView(settings);
		frame();
		frame();
		// frames come while the page is shown: a round longer than the fallback's window still
		// keeps what waits waiting until its last group is painted
		const ran = vi.fn();
		settings.layers = 2;
		staged.whenQuiet(ran);
		flushSync();
		vi.advanceTimersByTime(QUIET_FALLBACK_MS - 1);
		frame(); // the round's only group, drawn late
		vi.advanceTimersByTime(QUIET_FALLBACK_MS);
		expect(ran).not.toHaveBeenCalled();
		frame(); // painted: quiet
		expect(ran).toHaveBeenCalledTimes(1);

		// the tab is hidden: requestAnimationFrame's callbacks never run
		settings.layers = 64;
		const hidden = vi.fn();
		staged.whenQuiet(hidden);
		flushSync();
		vi.advanceTimersByTime(QUIET_FALLBACK_MS - 1);
		expect(hidden).not.toHaveBeenCalled();
		vi.advanceTimersByTime(1);
		expect(hidden).toHaveBeenCalledTimes(1);
		// shown again: the views draw the change, and what ran does not run twice
		frame();
		frame();
		expect(staged.current).toEqual({ a: 64 });
		expect(hidden).toHaveBeenCalledTimes(1);
		stop();
	});

	it('waits, too, for the rows other parts of the page still owe (a long stack in the builder)', () => {
		const settings = reactive({ layers: 1 });
		const pending = new PendingDraws();
		const { staged, stop } = oneView(settings, pending);
		frame();
		frame();
		// a change: the builder will draw its 64 rows 8 a task, holding until the last
		settings.layers = 64;
		let release = pending.hold();
		const ran = vi.fn();
		staged.whenQuiet(ran);
		flushSync();
		for (let i = 0; i < 4; i++) frame();
		expect(staged.current).toEqual({ a: 64 });
		expect(ran).not.toHaveBeenCalled();
		// one batch drawn, the next held at once (as the builder's next task does)
		release();
		release = pending.hold();
		for (let i = 0; i < 3; i++) frame();
		expect(ran).not.toHaveBeenCalled();
		// the last batch: quiet after its paint
		release();
		expect(ran).not.toHaveBeenCalled();
		frame();
		frame();
		expect(ran).toHaveBeenCalledTimes(1);
		release(); // twice is once
		expect(pending.idle).toBe(true);
		stop();
	});
});
