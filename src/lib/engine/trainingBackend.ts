/**
 * The TF.js backend a training Web Worker runs on. A worker has its own TF.js instance (its
 * own engine, kernels and memory), so training never blocks the page's frames. WASM is the
 * fast backend here (WebGL in a worker needs OffscreenCanvas and is software-rendered on
 * machines without a GPU); it needs the kernels that wasmKernels.ts registers (the conv filter
 * gradient, the corrected max-pool gradient…). CPU is the fallback when WASM cannot start.
 *
 * The WASM binaries' URLs come from the page (wasmPaths.ts `sendWasmFiles`), so the worker
 * bundle emits no copies of its own that the offline cache would miss; both backends are
 * imported statically for the same reason (a worker's lazy chunks are not precached either).
 */
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { switchBackend } from './wasmKernels';
import { WASM_FILES_MESSAGE, type WasmFileUrls } from './wasmFilesMessage';

export type TrainingBackendName = 'wasm' | 'cpu';

/** How long a worker waits for the page's WASM file URLs before it trains on CPU. */
const WASM_FILES_WAIT_MS = 10_000;

/**
 * In a worker: the page's `sendWasmFiles` message. The listener is added when this module is
 * evaluated, before the worker's own message handler, and stops the message there.
 */
const wasmFiles: Promise<WasmFileUrls | null> =
	typeof self === 'undefined' ||
	typeof (self as { importScripts?: unknown }).importScripts !== 'function'
		? Promise.resolve(null)
		: new Promise((resolve) => {
				const timer = setTimeout(() => resolve(null), WASM_FILES_WAIT_MS);
				self.addEventListener('message', function listen(event: MessageEvent) {
					if (event.data?.type !== WASM_FILES_MESSAGE) return;
					event.stopImmediatePropagation();
					clearTimeout(timer);
					self.removeEventListener('message', listen);
					resolve(event.data.files as WasmFileUrls);
				});
			});

/** Start WASM (or CPU if WASM fails) with every gradient training needs; returns its name. */
export async function startTrainingBackend(
	preferred: TrainingBackendName = 'wasm'
): Promise<TrainingBackendName> {
	if (preferred === 'wasm') {
		try {
			const files = await wasmFiles;
			if (files) {
				setWasmPaths(files);
				// Resolves false (without throwing) when a .wasm file is missing.
				if (await switchBackend('wasm')) return 'wasm';
			}
		} catch {
			// fall through to CPU, which has every gradient kernel
		}
	}
	await switchBackend('cpu');
	return 'cpu';
}
