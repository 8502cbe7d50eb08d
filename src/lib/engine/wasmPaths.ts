/**
 * Loading the WASM backend with its binaries served by the app itself (bundled by Vite, no
 * CDN), so it works offline. The page resolves the binaries' URLs; training workers are
 * handed the same URLs (`sendWasmFiles`) instead of bundling their own copies: the service
 * worker's precache list covers the page's assets but not files a Worker bundle emits, so
 * one set of binaries is what makes training work offline.
 */
import { WASM_FILES_MESSAGE, type WasmFileUrls } from './wasmFilesMessage';

/** Absolute URLs of the WASM binaries in this build. */
export async function wasmFileUrls(): Promise<WasmFileUrls> {
	const [plain, simd, threaded] = await Promise.all([
		import('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url'),
		import('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url'),
		import('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url')
	]);
	const absolute = (path: string) => new URL(path, location.href).href;
	return {
		'tfjs-backend-wasm.wasm': absolute(plain.default),
		'tfjs-backend-wasm-simd.wasm': absolute(simd.default),
		'tfjs-backend-wasm-threaded-simd.wasm': absolute(threaded.default)
	};
}

export async function loadWasmBackend(): Promise<void> {
	const [wasm, files] = await Promise.all([
		import('@tensorflow/tfjs-backend-wasm'),
		wasmFileUrls()
	]);
	wasm.setWasmPaths(files);
}

/** Hand a training worker the page's WASM binaries (post right after creating it). */
export async function sendWasmFiles(worker: Worker): Promise<void> {
	worker.postMessage({ type: WASM_FILES_MESSAGE, files: await wasmFileUrls() });
}
