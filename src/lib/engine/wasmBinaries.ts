/**
 * The WASM backend's three binaries as this build serves them (Vite `?url` imports: only
 * strings, no requests), and the one TF.js's WASM backend will load on this browser, so the
 * shell can start downloading it as it starts the engine instead of after the backend's code
 * has loaded and run.
 */
import plainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threadedUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import type { WasmFileUrls } from './wasmFilesMessage';

export type WasmBinary = keyof WasmFileUrls;

/** Each binary's address, relative to this build's base. */
export const WASM_BINARY_PATHS: Readonly<WasmFileUrls> = {
	'tfjs-backend-wasm.wasm': plainUrl,
	'tfjs-backend-wasm-simd.wasm': simdUrl,
	'tfjs-backend-wasm-threaded-simd.wasm': threadedUrl
};

/** A tiny module with one SIMD instruction: the probe tfjs-backend-wasm's own flag validates. */
export const SIMD_PROBE = new Uint8Array([
	0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 10, 9, 1, 7, 0, 65, 0, 253, 15, 26, 11
]);

/**
 * The binary TF.js picks here: threaded SIMD only on a cross-origin-isolated page (it needs a
 * transferable SharedArrayBuffer; ConvLab's pages are not isolated), else SIMD where the
 * engine validates a SIMD module (every current browser), else the plain build.
 */
export function likelyWasmBinary(
	isolated = typeof crossOriginIsolated !== 'undefined' && crossOriginIsolated
): WasmBinary {
	if (isolated) return 'tfjs-backend-wasm-threaded-simd.wasm';
	try {
		if (WebAssembly.validate(SIMD_PROBE)) return 'tfjs-backend-wasm-simd.wasm';
	} catch {
		// no WebAssembly.validate: the plain build (which then fails to start, reported later)
	}
	return 'tfjs-backend-wasm.wasm';
}

/**
 * Start downloading that binary now: a `<link rel=preload as=fetch>` whose response the
 * backend's own fetch of the same address takes over (same URL, same credentials mode).
 */
export function preloadWasmBinary(doc: Document = document): void {
	const href = new URL(WASM_BINARY_PATHS[likelyWasmBinary()], doc.baseURI).href;
	const links = doc.head.querySelectorAll<HTMLLinkElement>('link[rel="preload"]');
	if ([...links].some((link) => link.href === href)) return;
	const link = doc.createElement('link');
	link.rel = 'preload';
	link.as = 'fetch';
	link.crossOrigin = 'anonymous';
	link.href = href;
	doc.head.append(link);
}
