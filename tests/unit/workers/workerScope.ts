/**
 * Runs a Web Worker module in Node as the browser runs it, for the tests that guard its TF.js
 * registrations: the worker module itself is imported (so the module graph is exactly what the
 * worker imports, in this test file's own fresh graph: Vitest isolates each file), with a stand-in
 * for its global scope, and is handed the WASM binaries as the page hands them
 * (wasmPaths.ts sendWasmFiles), so its backend starts through startTrainingBackend on WASM.
 *
 * A test file using this imports no module that registers anything the worker does not import
 * itself (tests/unit/tfBackend.ts, wasmKernels.ts, a TF.js backend or bundle), so that the
 * registrations in its graph are the worker's own. Shown to fail (in each worker's test) when
 * wasmKernels.ts leaves out the gradients, the WASM conv filter gradient or the corrected
 * max-pool gradient.
 */
import { fileURLToPath } from 'node:url';
import { vi } from 'vitest';
import { WASM_FILES_MESSAGE, type WasmFileUrls } from '../../../src/lib/engine/wasmFilesMessage';

type Listener = (event: MessageEvent) => void;

export interface RunningWorker<Request, Reply> {
	send(message: Request): void;
	/** the first reply (from now on, or already received and not yet taken) that `match` accepts */
	next<R extends Reply>(match: (reply: Reply) => reply is R, timeoutMs?: number): Promise<R>;
	/** every reply so far, in order */
	replies: Reply[];
}

const WASM_DIR = fileURLToPath(
	new URL('../../../node_modules/@tensorflow/tfjs-backend-wasm/dist/', import.meta.url)
);

/** The binaries' paths on disk, as the page's URLs would be (the Node WASM build reads files). */
export function wasmFiles(): WasmFileUrls {
	return {
		'tfjs-backend-wasm.wasm': `${WASM_DIR}tfjs-backend-wasm.wasm`,
		'tfjs-backend-wasm-simd.wasm': `${WASM_DIR}tfjs-backend-wasm-simd.wasm`,
		'tfjs-backend-wasm-threaded-simd.wasm': `${WASM_DIR}tfjs-backend-wasm-threaded-simd.wasm`
	};
}

/**
 * Install a worker scope as `self`, import the worker module (`load`, a dynamic import so it runs
 * after the scope exists) and send it the WASM binaries as the page does.
 */
export async function startWorker<Request, Reply>(
	load: () => Promise<unknown>
): Promise<RunningWorker<Request, Reply>> {
	const listeners = new Set<Listener>();
	const replies: Reply[] = [];
	const taken = new Set<number>();
	let wake: () => void = () => {};
	const scope = {
		// the mark of a worker scope that trainingBackend.ts looks for
		importScripts() {},
		addEventListener: (_type: string, listener: Listener) => listeners.add(listener),
		removeEventListener: (_type: string, listener: Listener) => listeners.delete(listener),
		postMessage(message: Reply) {
			replies.push(message);
			wake();
		},
		onmessage: null as Listener | null
	};
	vi.stubGlobal('self', scope);
	await load();

	const dispatch = (data: unknown) => {
		let stopped = false;
		const event = {
			data,
			stopImmediatePropagation: () => (stopped = true)
		} as unknown as MessageEvent;
		for (const listener of [...listeners]) {
			listener(event);
			if (stopped) return;
		}
		scope.onmessage?.(event);
	};
	dispatch({ type: WASM_FILES_MESSAGE, files: wasmFiles() });

	return {
		replies,
		send: (message) => dispatch(message),
		async next(match, timeoutMs = 60_000) {
			const deadline = Date.now() + timeoutMs;
			for (;;) {
				const i = replies.findIndex((r, k) => !taken.has(k) && match(r));
				if (i >= 0) {
					taken.add(i);
					return replies[i] as never;
				}
				if (Date.now() > deadline)
					throw new Error(`no matching reply; got ${JSON.stringify(replies.map(summary))}`);
				await new Promise<void>((resolve) => {
					wake = resolve;
					setTimeout(resolve, 50);
				});
			}
		}
	};
}

function summary(reply: unknown): unknown {
	const r = reply as { type?: string; message?: string };
	return r.message ? { type: r.type, message: r.message } : r.type;
}
