/**
 * What a page tells a training worker about the WASM binaries (wasmPaths.ts sends it,
 * trainingBackend.ts receives it). Its own file so a worker bundle that imports it pulls in
 * none of the page's `?url` asset imports.
 */
export type WasmFileUrls = Record<
	'tfjs-backend-wasm.wasm' | 'tfjs-backend-wasm-simd.wasm' | 'tfjs-backend-wasm-threaded-simd.wasm',
	string
>;

export const WASM_FILES_MESSAGE = 'convlab:wasm-files';
