/**
 * Views that explain a picture, drawn after it: each a few keys of `wanted()`, copied into
 * `current` after the picture is painted, in order, grouped into tasks by their rows
 * (stageGroups), so the picture comes first and no task blocks input for long. A change while a
 * round is under way starts a new round; each group reads the newest values when it runs.
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
): { readonly current: Partial<T> } {
	let current = $state.raw<Partial<T>>({});
	const stages: AfterPaint[] = views.map((_, stage) =>
		lab.follow(() => {
			const groups = stageGroups(rows(), budget);
			const now = wanted();
			const next = { ...current };
			for (const view of groups[stage] ?? []) for (const key of views[view]) next[key] = now[key];
			current = next;
			if (stage + 1 < groups.length) stages[stage + 1].schedule();
		}, 0)
	);
	$effect(() => {
		void wanted();
		stages[0].schedule();
	});
	return {
		get current() {
			return current;
		}
	};
}
