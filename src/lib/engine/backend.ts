/**
 * Backend start-up in the browser: probe the device, then try backends in the order that
 * backendPlan() gives until one initialises. The .wasm binaries are bundled by Vite and
 * served by the app itself (no CDN), so the WASM backend works offline.
 *
 * Each backend's code is loaded only when it is tried (dynamic import): a device that runs
 * WASM never downloads the WebGL kernels, and the shell loads this whole file lazily, so a
 * page that computes nothing (home, credits) loads no TF.js at all.
 */
import * as tf from '@tensorflow/tfjs-core';
import { backendPlan, type BackendName, type BackendRequest } from './backendChoice';
import { backendCode } from './backendPreload';
import { probeDevice } from './backendProbe';
import { switchBackend } from './wasmKernels';
import { loadMark } from '$lib/state/loadMarks';

export interface BackendStatus {
	name: BackendName;
	reason: string;
	renderer: string | null;
	/** backends that were tried and failed before this one, with why */
	failures: string[];
}

/** Live tensors and their bytes, for the Stats panel (reads counters; cheap to poll). */
export function memory(): { numTensors: number; numBytes: number } {
	const { numTensors, numBytes } = tf.memory();
	return { numTensors, numBytes };
}

/**
 * How long one backend may take to start (its code, its .wasm binary, its initialisation)
 * before the next one in the plan is tried: a stalled download on a crowded workshop wifi would
 * otherwise leave every lab at "Computing…" forever. Generous for a slow connection (the WASM
 * binary is ~0.5 MB); tests shorten it with `window.convlabBackendTimeoutMs`.
 */
export const BACKEND_START_TIMEOUT_MS = 10_000;

function startTimeout(): number {
	const injected =
		typeof window === 'undefined'
			? undefined
			: (window as { convlabBackendTimeoutMs?: unknown }).convlabBackendTimeoutMs;
	return typeof injected === 'number' && injected > 0 ? injected : BACKEND_START_TIMEOUT_MS;
}

let current: Promise<BackendStatus> | null = null;
let currentRequest: BackendRequest | null = null;

/** Start (or switch to) a backend; repeated calls with the same request share one start-up. */
export function startBackend(request: BackendRequest = 'auto'): Promise<BackendStatus> {
	if (current && currentRequest === request) return current;
	currentRequest = request;
	current = initialise(request, startTimeout());
	// A failed start is tried again on the next call rather than cached.
	current.catch(() => {
		if (currentRequest === request) current = null;
	});
	return current;
}

class StartTimeout extends Error {}

/** `start` within `ms`, or a StartTimeout; the timer never outlives the race. */
async function within<T>(start: Promise<T>, ms: number): Promise<T> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const late = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new StartTimeout()), ms);
	});
	try {
		return await Promise.race([start, late]);
	} finally {
		clearTimeout(timer);
	}
}

/**
 * Forget a backend whose start was abandoned: tfjs-core would otherwise make it the active
 * backend whenever its initialisation finally resolves, under whatever runs by then. Its
 * factory is registered again, so a later start (the learner picks it in the Stats panel) can
 * try it afresh.
 */
function abandon(name: BackendName): void {
	const factory = tf.findBackendFactory(name);
	if (!factory) return;
	const priority =
		(tf.engine() as unknown as { registryFactory: Record<string, { priority?: number }> })
			.registryFactory[name]?.priority ?? 1;
	tf.removeBackend(name);
	tf.registerBackend(name, factory, priority);
}

async function initialise(request: BackendRequest, timeoutMs: number): Promise<BackendStatus> {
	const probe = probeDevice();
	const plan = backendPlan(request, probe);
	const failures: string[] = [];
	for (const name of plan.order) {
		let switching = false;
		try {
			const started = await within(
				(async () => {
					await backendCode(name); // a failed download is tried again on the next start
					loadMark(`backend-code-${name}`);
					switching = true;
					// Resolves false (without throwing) when e.g. a .wasm file is missing; on WASM it also
					// registers ConvLab's own kernels (wasmKernels.ts), once, here where the backend starts.
					return switchBackend(name);
				})(),
				timeoutMs
			);
			if (started) {
				// The raw renderer string ("ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device…") means
				// nothing to a learner: the reason stays plain and the string goes in `renderer`.
				const plain = probe.renderer
					? plan.reason.replace(` (${probe.renderer})`, '')
					: plan.reason;
				const reason =
					failures.length === 0 ? plain : `${plain}; fell back: ${failures.join('; ')}`;
				return { name, reason, renderer: probe.renderer, failures };
			}
			failures.push(`${name} did not start (a file it needs failed to load)`);
		} catch (error) {
			if (error instanceof StartTimeout) {
				if (switching) abandon(name);
				const wait = timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`;
				failures.push(`${name} did not start within ${wait} (a download stalled?)`);
			} else
				failures.push(`${name} failed (${error instanceof Error ? error.message : String(error)})`);
		}
	}
	throw new Error(`No TensorFlow.js backend could start: ${failures.join('; ')}`);
}
