/**
 * Views that explain a picture, drawn after it: each a few keys of `wanted()`, copied into
 * `current` after the picture is painted, in order, grouped into tasks by their rows
 * (stageGroups), so the picture comes first and no task blocks input for long. A change while a
 * round is under way starts a new round; each group reads the newest values when it runs.
 * `whenQuiet(run)` calls `run` once no round is under way, the last one is painted and no part of
 * the page holds drawing still to come (`pending`): the page's re-render after a change is over (what the ERF workers wait for before they take a core). A
 * hidden tab draws no frames (requestAnimationFrame never fires there): when QUIET_FALLBACK_MS pass
 * without a frame, what waits runs anyway, so an ERF asked for in a background tab still starts.
 */
import type { AfterPaint } from '$lib/state/afterPaint';
import type { PendingDraws } from '$lib/state/pendingDraws';
import { stageGroups } from './selection';

/** how long `whenQuiet` waits for a frame before it takes the page for quiet (a hidden tab) */
export const QUIET_FALLBACK_MS = 200;

interface Follows {
	follow(run: () => void, intervalMs: number): AfterPaint;
}

export function stagedViews<T extends Record<string, unknown>>(
	lab: Follows,
	wanted: () => T,
	views: readonly (readonly (keyof T)[])[],
	rows: () => number[],
	budget: number,
	/** drawing other parts of the page still owe (long lists a few rows a task): quiet waits for it */
	pending?: PendingDraws
): { readonly current: Partial<T>; whenQuiet(run: () => void): void } {
	let current = $state.raw<Partial<T>>({});
	/** a round is asked for and its first stage has not run; a round's later stages are to run */
	let starting = false;
	let drawing = false;
	let waiting: (() => void)[] = [];
	function release() {
		const due = waiting;
		waiting = [];
		for (const run of due) run();
	}
	// after a paint (a frame, then a task): whoever waits runs, unless a round started meanwhile
	const quiet = lab.follow(() => {
		if (!starting && !drawing && (pending?.idle ?? true)) release();
	}, 0);
	// the last of those rows drawn: check again after its paint
	const stopIdle = pending?.onIdle(() => {
		if (waiting.length > 0 && !starting && !drawing) quiet.schedule();
	});
	$effect(() => () => stopIdle?.());
	// the fallback: a timer races a frame; a window of QUIET_FALLBACK_MS with no frame at all (a
	// hidden tab) releases whoever waits, a frame in it opens the next window while anyone waits;
	// each whenQuiet opens a new window
	let fallback: ReturnType<typeof setTimeout> | undefined;
	let framed = false;
	function armFallback() {
		clearTimeout(fallback);
		framed = false;
		requestAnimationFrame(() => (framed = true));
		fallback = setTimeout(() => {
			fallback = undefined;
			if (waiting.length === 0) return;
			if (framed) armFallback();
			else release();
		}, QUIET_FALLBACK_MS);
	}
	const stages: AfterPaint[] = views.map((_, stage) =>
		lab.follow(() => {
			if (stage === 0) starting = false;
			const groups = stageGroups(rows(), budget);
			const now = wanted();
			const next = { ...current };
			for (const view of groups[stage] ?? []) for (const key of views[view]) next[key] = now[key];
			current = next;
			drawing = stage + 1 < groups.length;
			if (drawing) stages[stage + 1].schedule();
			else if (waiting.length > 0) quiet.schedule();
		}, 0)
	);
	$effect(() => () => clearTimeout(fallback));
	$effect(() => {
		void wanted();
		starting = true;
		stages[0].schedule();
	});
	return {
		get current() {
			return current;
		},
		whenQuiet(run) {
			waiting.push(run);
			// the change that asked may also start a round, in an effect still to run: the check
			// waits a frame, by when that round is scheduled
			quiet.schedule();
			armFallback();
		}
	};
}
