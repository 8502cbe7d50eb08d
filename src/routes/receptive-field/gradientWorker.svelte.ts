/**
 * The page's side of one ERF worker (erf.worker.ts): one request in flight, the newest waiting
 * behind it, and a cancel that works while the worker is computing: a request that replaces an
 * expensive one ends the worker (a busy worker cannot read its messages) and starts a fresh one
 * with the image, instead of waiting seconds for an answer nobody wants.
 *
 * A job goes to the worker only when the page is quiet (`whenQuiet`: its re-render drawn and
 * painted): a worker computing takes a core, and on a small, shared machine the page's own tasks
 * after a change (20–40 ms of CPU) then waited for one and took 100 ms and more of wall time.
 */
import { sendWasmFiles } from '$lib/engine/wasmPaths';
import type { ErfReply, ErfRequest } from '$lib/workers/erfProtocol';
import ErfWorker from '$lib/workers/erf.worker.ts?worker';

type Job = Exclude<ErfRequest, { type: 'image' }>;
type JobWithoutId = Job extends infer J ? (J extends Job ? Omit<J, 'id'> : never) : never;

/** A running job expected to take longer than this is cancelled, not waited for, when replaced. */
const CANCEL_ABOVE_S = 0.25;

export class GradientWorker {
	busy = $state(false);
	/** seconds the running job is expected to take, and when it started (performance.now()) */
	estimate = $state(0);
	startedAt = $state(0);
	/** depths done of the running ERF-by-depth job */
	progress = $state<{ done: number; total: number } | null>(null);
	backend = $state<string | null>(null);

	#worker: Worker | null = null;
	#image: Extract<ErfRequest, { type: 'image' }> | null = null;
	#current: { id: number; estimate: number } | null = null;
	#pending: { job: JobWithoutId; estimate: number } | null = null;
	#nextId = 1;
	#deliver: (reply: ErfReply) => void;
	#whenQuiet: (run: () => void) => void;
	/** a start is waiting for the page to be quiet */
	#starting = false;

	/**
	 * `whenQuiet(run)`: call `run` once the page's main thread has no re-render under way (by
	 * default at once).
	 */
	constructor(
		deliver: (reply: ErfReply) => void,
		whenQuiet: (run: () => void) => void = (run) => run()
	) {
		this.#deliver = deliver;
		this.#whenQuiet = whenQuiet;
	}

	/** a job is running or waiting (not reactive: read it in an effect without depending on it) */
	get running(): boolean {
		return this.#current !== null || this.#pending !== null;
	}

	setImage(rgb: Float32Array, height: number, width: number) {
		this.#image = { type: 'image', rgb, height, width };
		this.#worker?.postMessage(this.#image);
	}

	/** Ask for `job`, expected to take `estimate` seconds; any older job's answer is dropped. */
	request(job: JobWithoutId, estimate: number) {
		this.#pending = { job, estimate };
		// the progress shows at once; the job starts when the page is quiet
		this.busy = true;
		this.estimate = estimate;
		this.startedAt = performance.now();
		this.progress = null;
		// an expensive job nobody wants any more stops now, freeing its core for the re-render
		if (this.#current && this.#current.estimate > CANCEL_ABOVE_S) this.#stopWorker();
		if (!this.#current) this.#startWhenQuiet();
	}

	/** Drop what runs and waits (the page changed to something that needs no ERF). */
	cancel() {
		this.#pending = null;
		if (this.#current) this.#stopWorker();
		this.busy = false;
		this.progress = null;
	}

	dispose() {
		this.#pending = null;
		this.#stopWorker();
	}

	#ensureWorker(): Worker {
		if (this.#worker) return this.#worker;
		const worker = new ErfWorker();
		void sendWasmFiles(worker);
		worker.onmessage = (event: MessageEvent<ErfReply>) => this.#receive(event.data);
		worker.onerror = (event) => {
			const id = this.#current?.id ?? 0;
			this.#stopWorker();
			this.#deliver({
				type: 'error',
				id,
				message: event.message || 'The gradient worker failed to start.'
			});
			this.#finish();
		};
		if (this.#image) worker.postMessage(this.#image);
		this.#worker = worker;
		return worker;
	}

	#stopWorker() {
		this.#worker?.terminate();
		this.#worker = null;
		this.#current = null;
	}

	#startWhenQuiet() {
		if (this.#starting) return;
		this.#starting = true;
		this.#whenQuiet(() => {
			this.#starting = false;
			if (!this.#current) this.#startPending();
		});
	}

	#startPending() {
		const next = this.#pending;
		this.#pending = null;
		if (!next) return;
		const id = this.#nextId++;
		this.#current = { id, estimate: next.estimate };
		this.busy = true;
		this.estimate = next.estimate;
		this.startedAt = performance.now();
		this.progress = null;
		this.#ensureWorker().postMessage({ ...next.job, id } as Job);
	}

	#finish() {
		this.#current = null;
		if (this.#pending) this.#startWhenQuiet();
		else {
			this.busy = false;
			this.progress = null;
		}
	}

	#receive(reply: ErfReply) {
		if (reply.type === 'ready') {
			this.backend = reply.backend;
			return;
		}
		if (!this.#current || reply.id !== this.#current.id) return;
		if (reply.type === 'depth-progress') {
			this.progress = { done: reply.done, total: reply.total };
			return;
		}
		// A newer request is waiting: this answer is already stale.
		if (!this.#pending) this.#deliver(reply);
		// a WASM error (out of memory…) can leave the worker's heap unusable: start afresh
		if (reply.type === 'error') this.#stopWorker();
		this.#finish();
	}
}
