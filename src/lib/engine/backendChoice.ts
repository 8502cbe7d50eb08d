import { rendererKind, type RendererKind } from './rendererKind';

export type BackendName = 'webgl' | 'wasm' | 'cpu';
export type BackendRequest = BackendName | 'auto';

/** What the device offers, as probed in the browser. */
export interface DeviceProbe {
	/** UNMASKED_RENDERER_WEBGL, or null when no WebGL2/WebGL context could be created */
	renderer: string | null;
	/** true when the browser refused a context with failIfMajorPerformanceCaveat (a software path) */
	performanceCaveat: boolean;
	wasm: boolean;
}

/**
 * The order in which to try backends, fastest first, with the reason a learner sees.
 * Pure, so the policy is unit-tested without a browser.
 */
export function backendPlan(
	request: BackendRequest,
	probe: DeviceProbe
): { order: BackendName[]; reason: string; renderer: RendererKind } {
	const kind: RendererKind = probe.performanceCaveat
		? probe.renderer === null
			? 'none'
			: 'software'
		: rendererKind(probe.renderer);
	const glName = probe.renderer ?? 'no WebGL';
	if (request !== 'auto') {
		const rest = autoOrder(kind, probe.wasm).filter((name) => name !== request);
		return { order: [request, ...rest], reason: `forced by ?backend=${request}`, renderer: kind };
	}
	const order = autoOrder(kind, probe.wasm);
	let reason: string;
	if (order[0] === 'webgl') reason = `GPU found (${glName})`;
	else if (order[0] === 'wasm')
		reason =
			kind === 'software'
				? `WebGL is software-rendered (${glName}); WASM is faster on this CPU`
				: 'no WebGL on this device; WASM is the fastest left';
	else reason = 'neither a GPU nor WebAssembly is available';
	return { order, reason, renderer: kind };
}

/**
 * Software WebGL comes last, after CPU: on SwiftShader it is slower than the CPU backend on every
 * workload measured (conv2d 512² ~300 ms against ~130 ms, a small U-Net ~1,350 against ~980 ms;
 * ../shared/STACK-NOTES.md), so when WASM fails to start the lab falls back to CPU.
 */
function autoOrder(kind: RendererKind, wasm: boolean): BackendName[] {
	const order: BackendName[] = [];
	if (kind === 'hardware') order.push('webgl');
	if (wasm) order.push('wasm');
	order.push('cpu');
	if (kind === 'software') order.push('webgl');
	return order;
}
