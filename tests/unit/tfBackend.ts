/**
 * The TF.js a unit test runs on: the packages the app ships, tfjs-core with the CPU and WASM
 * backends (a test that builds or loads a model imports tfjs-layers or tfjs-converter itself),
 * never the @tensorflow/tfjs union bundle, which registers every chained op and gradient and so
 * would hide a registration the app lacks (eslint.config.js forbids it in src/ and tests/).
 * A backend starts the app's way, through switchBackend (wasmKernels.ts), which is where the
 * gradients and ConvLab's own kernels are registered in the page and in every worker.
 */
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { expect } from 'vitest';
import { switchBackend } from '../../src/lib/engine/wasmKernels';

export type TestBackend = 'cpu' | 'wasm';

/** Both backends a Node test can run: CPU (TF.js's reference kernels) and WASM (the app's). */
export const TEST_BACKENDS: readonly TestBackend[] = ['cpu', 'wasm'];

/** Switch to `name` as the app does (switchBackend); the test fails if it does not start. */
export async function useBackend(name: TestBackend): Promise<void> {
	expect(await switchBackend(name), `the ${name} backend starts`).toBe(true);
}
