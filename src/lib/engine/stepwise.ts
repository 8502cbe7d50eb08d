/**
 * A computation written as a generator (each `yield` a point where a page or a worker may pause,
 * lib/state/slicedTask.ts) run to its end at once: what a test, a worker or a caller that needs
 * the result now does with it.
 */
export function finish<T>(steps: Iterator<unknown, T, undefined>): T {
	for (;;) {
		const next = steps.next();
		if (next.done) return next.value;
	}
}
