/**
 * The numbers behind the Stats panel: which backend runs and why, what the last compute
 * cost, and how many tensors are alive — so a workshop can see the price of each choice.
 */
import type { BackendStatus } from '$lib/engine/backend';

class Stats {
	backend = $state.raw<BackendStatus | null>(null);
	backendError = $state<string | null>(null);
	/** wall time of the last engine call, readback included, in ms */
	lastMs = $state<number | null>(null);
	lastLabel = $state('');
	tensors = $state(0);
	bytes = $state(0);
}

export const stats = new Stats();

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
