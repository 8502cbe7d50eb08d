/**
 * Backend start-up in the browser: probe the device, then try backends in the order that
 * backendPlan() gives until one initialises. The .wasm binaries are bundled by Vite and
 * served by the app itself (no CDN), so the WASM backend works offline.
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import {
	backendPlan,
	type BackendName,
	type BackendRequest,
	type DeviceProbe
} from './backendChoice';

export interface BackendStatus {
	name: BackendName;
	reason: string;
	renderer: string | null;
	/** backends that were tried and failed before this one, with why */
	failures: string[];
}

setWasmPaths({
	'tfjs-backend-wasm.wasm': wasmPlain,
	'tfjs-backend-wasm-simd.wasm': wasmSimd,
	'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded
});

/** Probe WebGL without keeping a context alive (browsers cap live contexts). */
export function probeDevice(): DeviceProbe {
	const wasm = typeof WebAssembly === 'object' && typeof WebAssembly.instantiate === 'function';
	const canvas = document.createElement('canvas');
	const strict = canvas.getContext('webgl2', { failIfMajorPerformanceCaveat: true });
	const gl =
		strict ?? document.createElement('canvas').getContext('webgl2') ?? canvas.getContext('webgl');
	if (!gl) return { renderer: null, performanceCaveat: false, wasm };
	const info = gl.getExtension('WEBGL_debug_renderer_info');
	const renderer = String(
		info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER)
	);
	gl.getExtension('WEBGL_lose_context')?.loseContext();
	return { renderer, performanceCaveat: strict === null, wasm };
}

let current: Promise<BackendStatus> | null = null;
let currentRequest: BackendRequest | null = null;

/** Start (or switch to) a backend; repeated calls with the same request share one start-up. */
export function startBackend(request: BackendRequest = 'auto'): Promise<BackendStatus> {
	if (current && currentRequest === request) return current;
	currentRequest = request;
	current = initialise(request);
	return current;
}

async function initialise(request: BackendRequest): Promise<BackendStatus> {
	const probe = probeDevice();
	const plan = backendPlan(request, probe);
	const failures: string[] = [];
	for (const name of plan.order) {
		try {
			// setBackend resolves false (without throwing) when e.g. a .wasm file is missing.
			if (await tf.setBackend(name)) {
				await tf.ready();
				const reason =
					failures.length === 0 ? plan.reason : `${plan.reason}; fell back: ${failures.join('; ')}`;
				return { name, reason, renderer: probe.renderer, failures };
			}
			failures.push(`${name} did not start`);
		} catch (error) {
			failures.push(`${name} failed (${error instanceof Error ? error.message : String(error)})`);
		}
	}
	throw new Error(`No TensorFlow.js backend could start: ${failures.join('; ')}`);
}
