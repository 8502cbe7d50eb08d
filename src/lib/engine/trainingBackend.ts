/**
 * The TF.js backend a training Web Worker runs on. A worker has its own TF.js instance (its
 * own engine, kernels and memory), so training never blocks the page's frames. WASM is the
 * fast backend here (WebGL in a worker needs OffscreenCanvas and is software-rendered on
 * machines without a GPU); it needs the conv filter-gradient kernel that wasmGradients.ts
 * registers. CPU is the fallback when WASM cannot start.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';
import { registerTrainingKernels } from './wasmGradients';
import { loadWasmBackend } from './wasmPaths';

export type TrainingBackendName = 'wasm' | 'cpu';

/** Start WASM (or CPU if WASM fails) with every gradient training needs; returns its name. */
export async function startTrainingBackend(
	preferred: TrainingBackendName = 'wasm'
): Promise<TrainingBackendName> {
	if (preferred === 'wasm') {
		try {
			await loadWasmBackend();
			// setBackend resolves false (without throwing) when a .wasm file is missing.
			if (await tf.setBackend('wasm')) {
				await tf.ready();
				registerTrainingKernels('wasm');
				return 'wasm';
			}
		} catch {
			// fall through to CPU, which has every gradient kernel
		}
	}
	await import('@tensorflow/tfjs-backend-cpu');
	await tf.setBackend('cpu');
	await tf.ready();
	return 'cpu';
}
