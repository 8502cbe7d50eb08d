// The binary the shell preloads is the one TF.js's WASM backend then loads: the same SIMD
// probe answer as the backend's own flag, and one preload link however often it is asked for.
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { likelyWasmBinary, preloadWasmBinary, WASM_BINARY_PATHS } from '$lib/engine/wasmBinaries';

/** Just enough of a Document for preloadWasmBinary: a head that holds elements. */
function fakeDocument(baseURI: string) {
	const head: Record<string, string>[] = [];
	return {
		head: {
			querySelectorAll: (selector: string) =>
				head.filter((el) => selector.includes(`rel="${el.rel}"`)),
			append: (el: Record<string, string>) => head.push(el)
		},
		createElement: () => ({}) as Record<string, string>,
		baseURI,
		elements: head
	};
}

describe('the WASM binary to preload', () => {
	it('agrees with tfjs-backend-wasm’s own SIMD and thread flags', async () => {
		const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
		expect(likelyWasmBinary(false)).toBe(
			simd ? 'tfjs-backend-wasm-simd.wasm' : 'tfjs-backend-wasm.wasm'
		);
		expect(likelyWasmBinary(true)).toBe('tfjs-backend-wasm-threaded-simd.wasm');
	});

	it('every binary has an address in the build', () => {
		for (const path of Object.values(WASM_BINARY_PATHS)) expect(path).toMatch(/\.wasm$/);
	});

	it('adds one preload link (as=fetch, anonymous CORS, absolute address), once', () => {
		const doc = fakeDocument('http://app/network/');
		preloadWasmBinary(doc as unknown as Document);
		preloadWasmBinary(doc as unknown as Document);
		expect(doc.elements).toHaveLength(1);
		const [link] = doc.elements;
		expect(link).toMatchObject({ rel: 'preload', as: 'fetch', crossOrigin: 'anonymous' });
		expect(link.href).toBe(
			new URL(WASM_BINARY_PATHS[likelyWasmBinary(false)], 'http://app/network/').href
		);
	});
});
