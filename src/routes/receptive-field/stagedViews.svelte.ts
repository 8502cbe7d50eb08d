/**
 * Views that explain a picture, drawn after it: each a few keys of `wanted()`, copied into
 * `current` after the picture is painted, in order, grouped into tasks by their rows
 * (stageGroups), so the picture comes first and no task blocks input for long. A change while a
 * round is under way starts a new round; each group reads the newest values when it runs.
 * `whenQuiet(run)` calls `run` once no round is under way and the last one is painted: the page's
 * re-render after a change is over (what the ERF workers wait for before they take a core).
 */
import type { AfterPaint } from '$lib/state/afterPaint';
import { stageGroups } from './selection';

interface Follows {
	follow(run: () => void, intervalMs: number): AfterPaint;
}

export function stagedViews<T extends Record<string, unknown>>(
	lab: Follows,
	wanted: () => T,
	views: readonly (readonly (keyof T)[])[],
	rows: () => number[],
	budget: number
): { readonly current: Partial<T>; whenQuiet(run: () => void): void } {
	let current = $state.raw<Partial<T>>({});
	/** a round is asked for and its first stage has not run; a round's later stages are to run */
	let starting = false;
	let drawing = false;
	let waiting: (() => void)[] = [];
	// after a paint (a frame, then a task): whoever waits runs, unless a round started meanwhile
	const quiet = lab.follow(() => {
		if (starting || drawing) return;
		const due = waiting;
		waiting = [];
		for (const run of due) run();
	}, 0);
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
		}
	};
}
