/**
 * What the device offers (WebGL renderer, software path, WebAssembly), probed once per page:
 * the shell's early preload and the backend's start ask the same question, and creating a
 * WebGL context on a software renderer costs tens of milliseconds.
 */
import type { DeviceProbe } from './backendChoice';

let cached: DeviceProbe | null = null;

/** Probe WebGL without keeping a context alive (browsers cap live contexts). */
export function probeDevice(): DeviceProbe {
	if (cached) return cached;
	const wasm = typeof WebAssembly === 'object' && typeof WebAssembly.instantiate === 'function';
	const canvas = document.createElement('canvas');
	const strict = canvas.getContext('webgl2', { failIfMajorPerformanceCaveat: true });
	const gl =
		strict ?? document.createElement('canvas').getContext('webgl2') ?? canvas.getContext('webgl');
	if (!gl) return (cached = { renderer: null, performanceCaveat: false, wasm });
	const info = gl.getExtension('WEBGL_debug_renderer_info');
	const renderer = String(
		info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER)
	);
	gl.getExtension('WEBGL_lose_context')?.loseContext();
	return (cached = { renderer, performanceCaveat: strict === null, wasm });
}
