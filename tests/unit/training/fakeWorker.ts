/** A Worker that records what the page posts and lets a test post events back (training tests). */
import type { TrainingEvent } from '$lib/training/protocol';

export class FakeWorker {
	sent: unknown[] = [];
	terminated = false;
	onmessage: ((event: MessageEvent) => void) | null = null;
	onerror: ((event: ErrorEvent) => void) | null = null;
	postMessage(message: unknown) {
		this.sent.push(message);
	}
	terminate() {
		this.terminated = true;
	}
	/** the worker posts `event` to the page */
	emit(event: TrainingEvent<string>) {
		this.onmessage?.({ data: event } as MessageEvent);
	}
}

/** The commands a fake worker was sent, without the WASM files every client posts first. */
export const commands = (w: FakeWorker) =>
	w.sent.filter((m) => (m as { type: string }).type !== 'convlab:wasm-files');

/** A `createWorker` for a client that makes fake workers, and the list of those it made. */
export function fakeWorkers(make: () => FakeWorker = () => new FakeWorker()) {
	const workers: FakeWorker[] = [];
	const createWorker = () => {
		const w = make();
		workers.push(w);
		return w as unknown as Worker;
	};
	return { workers, createWorker };
}
