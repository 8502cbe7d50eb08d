/**
 * Runs a computation written as a generator (each `yield` a point where it may pause) in
 * slices of about `budgetMs`, giving the browser a task boundary between slices, so input and
 * frames are not held up by a long secondary view (a lab's shift experiment). The returned
 * function cancels it; a cancelled task never calls `done`. `now`: the first slice runs in this
 * call, so work that fits one slice (a result mostly kept from before) is done before the caller
 * returns, in the frame of the input that asked for it.
 */
export function slicedTask<T>(
	steps: Generator<void, T, void>,
	done: (result: T) => void,
	budgetMs = 4,
	pause: (next: () => void) => void = (next) => setTimeout(next, 0),
	now = false
): () => void {
	let cancelled = false;
	const slice = () => {
		if (cancelled) return;
		const end = performance.now() + budgetMs;
		for (;;) {
			const next = steps.next();
			if (next.done) {
				done(next.value);
				return;
			}
			if (performance.now() >= end) break;
		}
		pause(slice);
	};
	if (now) slice();
	else pause(slice);
	return () => {
		cancelled = true;
	};
}
