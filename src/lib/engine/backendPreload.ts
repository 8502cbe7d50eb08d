/**
 * The backends' code, loaded once per page (dynamic imports: a device that runs WASM never
 * downloads the WebGL kernels). `preloadBackendCode` starts downloading the backend a request
 * will most likely get — the first of backendPlan()'s order — at the same time as the engine's
 * own code (backend.ts and TF.js core), instead of after it: the shell calls it first thing on
 * a lab. This file imports no TF.js, so it is in the shell's first chunk at no cost.
 */
import { backendPlan, type BackendName, type BackendRequest } from './backendChoice';
import { probeDevice } from './backendProbe';
import { preloadWasmBinary } from './wasmBinaries';

const loads = new Map<BackendName, Promise<unknown>>();

/** Importing a backend package registers it with tf; WASM also needs its binaries' addresses. */
const LOAD: Record<BackendName, () => Promise<unknown>> = {
	webgl: () => import('@tensorflow/tfjs-backend-webgl'),
	cpu: () => import('@tensorflow/tfjs-backend-cpu'),
	// The backend package, the small file that knows its binaries and the binary itself download
	// side by side (the binary would otherwise wait until the package has loaded and run).
	wasm: () => {
		if (typeof document !== 'undefined') preloadWasmBinary();
		const code = import('@tensorflow/tfjs-backend-wasm');
		code.catch(() => {}); // reported through loadWasmBackend; not unhandled if wasmPaths fails
		return import('./wasmPaths').then((m) => m.loadWasmBackend(code));
	}
};

/** The backend's code, loading or loaded; a failed load is tried again on the next call. */
export function backendCode(name: BackendName): Promise<unknown> {
	let load = loads.get(name);
	if (!load) {
		load = LOAD[name]();
		load.catch(() => loads.delete(name));
		loads.set(name, load);
	}
	return load;
}

/** Start loading the code of the backend `request` will most likely start (errors surface later). */
export function preloadBackendCode(request: BackendRequest): void {
	try {
		const first = backendPlan(request, probeDevice()).order[0];
		if (first) backendCode(first).catch(() => {});
	} catch {
		// The backend's own start reports any failure.
	}
}
