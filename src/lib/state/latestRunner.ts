/**
 * Runs an async job so that at most one is in flight and only the newest request is honoured.
 *
 * Controls and webcam frames change faster than a convolution can finish on a slow device;
 * queueing every request would make the screen lag further and further behind the slider.
 * Instead, requests that arrive while a job runs collapse into one follow-up run with the
 * latest arguments, and results of superseded runs are never delivered.
 */
export interface LatestRunner<A> {
	request(args: A): void;
	/** resolves when nothing is running or pending */
	idle(): Promise<void>;
}

export function latestRunner<A, R>(
	job: (args: A) => Promise<R>,
	deliver: (result: R, args: A) => void,
	fail: (error: unknown, args: A) => void = () => {}
): LatestRunner<A> {
	let running = false;
	let pending: { args: A } | null = null;
	let waiters: (() => void)[] = [];

	async function pump(): Promise<void> {
		running = true;
		while (pending) {
			const { args } = pending;
			pending = null;
			try {
				const result = await job(args);
				// A newer request arrived while this one ran: its result is already stale.
				if (!pending) deliver(result, args);
			} catch (error) {
				if (!pending) fail(error, args);
			}
		}
		running = false;
		const done = waiters;
		waiters = [];
		done.forEach((resolve) => resolve());
	}

	return {
		request(args: A) {
			pending = { args };
			if (!running) void pump();
		},
		idle() {
			if (!running && !pending) return Promise.resolve();
			return new Promise((resolve) => waiters.push(resolve));
		}
	};
}
