/**
 * The numbers behind the Stats panel: which backend runs and why, what the last compute
 * cost, and how many tensors are alive — so a workshop can see the price of each choice.
 */
import type { BackendStatus } from '$lib/engine/backend';

/** Jobs waiting for the first backend to start (backendStarted). */
const waiting: (() => void)[] = [];

class Stats {
	#backend = $state.raw<BackendStatus | null>(null);
	/** the backend that runs, once one has started (set by the layout) */
	get backend(): BackendStatus | null {
		return this.#backend;
	}
	set backend(status: BackendStatus | null) {
		this.#backend = status;
		if (status) for (const resume of waiting.splice(0)) resume();
	}
	backendError = $state<string | null>(null);
	/** wall time of the last engine call, readback included, in ms */
	lastMs = $state<number | null>(null);
	lastLabel = $state('');
	tensors = $state(0);
	bytes = $state(0);
}

export const stats = new Stats();

/**
 * Resolves once a backend has started: the lab runtime's jobs wait for it, so no lab's compute
 * makes a tensor before there is a backend to hold it ("Backend 'undefined' has not yet been
 * initialized"), however soon its image arrives.
 */
export function backendStarted(): Promise<void> {
	if (stats.backend) return Promise.resolve();
	return new Promise((resolve) => waiting.push(resolve));
}

/** Record one engine call's cost; callers pass what tf.memory() says afterwards. */
export function recordCompute(
	label: string,
	ms: number,
	memory: { numTensors: number; numBytes: number }
): void {
	stats.lastLabel = label;
	stats.lastMs = ms;
	stats.tensors = memory.numTensors;
	stats.bytes = memory.numBytes;
}

type Memory = { numTensors: number; numBytes: number };
let memoryProbe: (() => Memory) | null = null;

/**
 * The shell hands in tf.memory() once it has loaded TF.js (lazily), so the Stats panel can poll
 * it without importing TF.js itself: a page that computes nothing loads none.
 */
export function setMemoryProbe(probe: () => Memory): void {
	memoryProbe = probe;
}

/** Refresh the tensor count from the probe, if TF.js is loaded (called on a timer). */
export function pollMemory(): void {
	if (!memoryProbe || !stats.backend) return;
	const memory = memoryProbe();
	stats.tensors = memory.numTensors;
	stats.bytes = memory.numBytes;
}
