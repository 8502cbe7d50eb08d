/**
 * Drawing a page still owes: a long list that comes a few rows a task (the Receptive-field lab's
 * builder and layer tables) holds one while its next rows are due. Background work that wants
 * the page quiet (the ERF workers take a core) waits until none is held: a worker that started
 * while 64 layers' rows were still coming made those tasks wait for a core (31 ms of CPU took
 * 80–150 ms of wall time on two cores). Shared through a Svelte context, so a component deep in a
 * page can hold without props; without one (a unit test, another page), holding does nothing.
 */
import { getContext, setContext } from 'svelte';

export class PendingDraws {
	#held = 0;
	#idle = new Set<() => void>();

	/** one more piece of drawing due; the function returned says it is done (once) */
	hold(): () => void {
		this.#held++;
		let done = false;
		return () => {
			if (done) return;
			done = true;
			if (--this.#held === 0) for (const run of [...this.#idle]) run();
		};
	}

	get idle(): boolean {
		return this.#held === 0;
	}

	/** calls `run` each time the last hold is released; returns a function that stops it */
	onIdle(run: () => void): () => void {
		this.#idle.add(run);
		return () => this.#idle.delete(run);
	}
}

const KEY = Symbol('pending draws');

/** The page's pending draws, for its components (call while the page initialises). */
export function providePendingDraws(): PendingDraws {
	return setContext(KEY, new PendingDraws());
}

/** A hold on the page's pending draws, or a no-op outside a page that provides them. */
export function pendingDrawHold(): () => () => void {
	const pending = getContext<PendingDraws | undefined>(KEY);
	return pending ? () => pending.hold() : () => () => {};
}
