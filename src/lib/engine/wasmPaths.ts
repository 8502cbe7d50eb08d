/**
 * Loading the WASM backend with its binaries served by the app itself (bundled by Vite, no
 * CDN), so it works offline. The page resolves the binaries' URLs; training workers are
 * handed the same URLs (`sendWasmFiles`) instead of bundling their own copies: the service
 * worker's precache list covers the page's assets but not files a Worker bundle emits, so
 * one set of binaries is what makes training work offline.
 */
import { WASM_BINARY_PATHS } from './wasmBinaries';
import { WASM_FILES_MESSAGE, type WasmFileUrls } from './wasmFilesMessage';

/** Absolute URLs of the WASM binaries in this build. */
export async function wasmFileUrls(): Promise<WasmFileUrls> {
	const absolute = (path: string) => new URL(path, location.href).href;
	return {
		'tfjs-backend-wasm.wasm': absolute(WASM_BINARY_PATHS['tfjs-backend-wasm.wasm']),
		'tfjs-backend-wasm-simd.wasm': absolute(WASM_BINARY_PATHS['tfjs-backend-wasm-simd.wasm']),
		'tfjs-backend-wasm-threaded-simd.wasm': absolute(
			WASM_BINARY_PATHS['tfjs-backend-wasm-threaded-simd.wasm']
		)
	};
}

/**
 * Registers the WASM backend with its binaries' URLs. `code` is the backend package's module
 * when the caller has already started importing it (backendPreload starts both downloads at
 * once rather than one after the other).
 */
export async function loadWasmBackend(
	code: Promise<
		typeof import('@tensorflow/tfjs-backend-wasm')
	> = import('@tensorflow/tfjs-backend-wasm')
): Promise<void> {
	const [wasm, files] = await Promise.all([code, wasmFileUrls()]);
	wasm.setWasmPaths(files);
}

/** Hand a training worker the page's WASM binaries (post right after creating it). */
export async function sendWasmFiles(worker: Worker): Promise<void> {
	worker.postMessage({ type: WASM_FILES_MESSAGE, files: await wasmFileUrls() });
}
