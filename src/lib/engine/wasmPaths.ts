/**
 * Loading the WASM backend with its binaries served by the app itself (bundled by Vite, no
 * CDN), so it works offline. Shared by the page's backend start-up and by training workers,
 * which run their own TF.js and must find the same files.
 */
export async function loadWasmBackend(): Promise<void> {
	const [wasm, plain, simd, threaded] = await Promise.all([
		import('@tensorflow/tfjs-backend-wasm'),
		import('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url'),
		import('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url'),
		import('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url')
	]);
	wasm.setWasmPaths({
		'tfjs-backend-wasm.wasm': plain.default,
		'tfjs-backend-wasm-simd.wasm': simd.default,
		'tfjs-backend-wasm-threaded-simd.wasm': threaded.default
	});
}
