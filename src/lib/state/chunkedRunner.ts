/**
 * Runs a long computation (e.g. a curve of 33 shifts) in chunks after the main picture, so the
 * page stays responsive: between chunks it yields to the browser, and each chunk's rows are
 * reported as they come, so a chart can fill in. A newer request cancels the run in progress
 * (its rows are never reported again) — unless `canFinish(running, newer)` says the running one
 * may finish first (a webcam frame: better a curve one frame old than none at all).
 */
export interface ChunkedRunnerOptions<A, C, R> {
	/** the chunks of one run, in order */
	plan: (args: A) => C[];
	/** one chunk's rows */
	run: (chunk: C, args: A) => Promise<R[]>;
	/** rows so far (a fresh array), whether the run is complete, and its wall time in ms */
	progress: (rows: R[], done: boolean, ms: number, args: A) => void;
	fail?: (error: unknown, args: A) => void;
	canFinish?: (running: A, newer: A) => boolean;
	/** what "let the browser breathe" means; a zero-delay timeout unless a test says otherwise */
	pause?: () => Promise<void>;
	now?: () => number;
}

export interface ChunkedRunner<A> {
	request(args: A): void;
	/** Drop whatever runs or waits (e.g. the page is closing). */
	cancel(): void;
	/** resolves when nothing is running or pending */
	idle(): Promise<void>;
}

export function chunkedRunner<A, C, R>(options: ChunkedRunnerOptions<A, C, R>): ChunkedRunner<A> {
	const pause = options.pause ?? (() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
	const now = options.now ?? (() => performance.now());
	let pending: { args: A } | null = null;
	let current: { args: A; cancelled: boolean } | null = null;
	let running = false;
	let waiters: (() => void)[] = [];

	async function runOne(args: A): Promise<void> {
		const run = { args, cancelled: false };
		current = run;
		const started = now();
		const rows: R[] = [];
		try {
			const chunks = options.plan(args);
			for (let i = 0; i < chunks.length; i++) {
				const chunkRows = await options.run(chunks[i], args);
				if (run.cancelled) return;
				rows.push(...chunkRows);
				const done = i === chunks.length - 1;
				options.progress([...rows], done, now() - started, args);
				if (!done) await pause();
				if (run.cancelled) return;
			}
			if (chunks.length === 0) options.progress([], true, now() - started, args);
		} catch (error) {
			if (!run.cancelled) options.fail?.(error, args);
		}
	}

	async function pump(): Promise<void> {
		running = true;
		while (pending) {
			const { args } = pending;
			pending = null;
			await runOne(args);
		}
		running = false;
		current = null;
		const done = waiters;
		waiters = [];
		done.forEach((resolve) => resolve());
	}

	return {
		request(args) {
			pending = { args };
			if (current && !(options.canFinish?.(current.args, args) ?? false)) current.cancelled = true;
			if (!running) void pump();
		},
		cancel() {
			pending = null;
			if (current) current.cancelled = true;
		},
		idle() {
			if (!running && !pending) return Promise.resolve();
			return new Promise((resolve) => waiters.push(resolve));
		}
	};
}
