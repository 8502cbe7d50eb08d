/**
 * When pending address-bar changes land: the timing half of urlQuery.ts, with no DOM, so it runs
 * in Node. Changes from every owner (the shell, a lab) collect in one batch; the batch is
 * applied once writes have been still for `delayMs` (a slider dragged 60 times a second costs
 * one replaceState), but never later than `maxWaitMs` after its first change (a lab that keeps
 * writing cannot hold back everyone else's), and at once for a discrete choice (`now`).
 *
 * Why `now` exists: a picked image or a toggled setting is one event, and the address bar is
 * read right after it by things that do not wait — a reload (the browser takes the address
 * before `beforeunload` runs, so a flush there is too late), a bookmark, a copied address bar.
 * Left in the delay, an upload followed by a reload within it came back as the default sample.
 */
export type QueryChanges = ReadonlyMap<string, string | null>;

export interface QueryBatchTimers {
	setTimeout(run: () => void, ms: number): unknown;
	clearTimeout(handle: unknown): void;
	now(): number;
}

export interface QueryBatch {
	/** Set `values` for `keys` (a key absent from `values` is removed); `now` applies the batch at once. */
	write(keys: readonly string[], values: URLSearchParams, options?: { now?: boolean }): void;
	/** Apply whatever is pending now. */
	flush(): void;
	/** Forget pending changes of `keys` (a navigation has just written newer ones). */
	drop(keys: readonly string[]): void;
}

const realTimers: QueryBatchTimers = {
	setTimeout: (run, ms) => setTimeout(run, ms),
	clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
	now: () => Date.now()
};

export function queryBatch(
	apply: (changes: QueryChanges) => void,
	{ delayMs, maxWaitMs }: { delayMs: number; maxWaitMs: number },
	timers: QueryBatchTimers = realTimers
): QueryBatch {
	const pending = new Map<string, string | null>();
	let timer: unknown;
	/** when the oldest pending change was written */
	let firstAt = 0;

	function flush() {
		timers.clearTimeout(timer);
		timer = undefined;
		if (pending.size === 0) return;
		const changes = new Map(pending);
		pending.clear();
		apply(changes);
	}

	return {
		write(keys, values, options = {}) {
			if (pending.size === 0) firstAt = timers.now();
			for (const key of keys) pending.set(key, values.get(key));
			if (options.now) return flush();
			timers.clearTimeout(timer);
			const wait = Math.max(0, Math.min(delayMs, firstAt + maxWaitMs - timers.now()));
			timer = timers.setTimeout(flush, wait);
		},
		flush,
		drop(keys) {
			for (const key of keys) pending.delete(key);
		}
	};
}
