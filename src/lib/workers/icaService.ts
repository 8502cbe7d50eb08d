/**
 * The ICA worker's work, apart from the worker's global scope so a test can run it: the
 * dictionary for one request, with progress posted at most every PROGRESS_MS.
 */
import { icaDictionary } from '$lib/engine/pca/icaDictionary';
import type { IcaReply, IcaRequest } from './icaProtocol';

const PROGRESS_MS = 100;

export function serveIcaRequest(
	request: IcaRequest,
	post: (reply: IcaReply, transfer?: Transferable[]) => void
): void {
	const started = performance.now();
	try {
		const steps = icaDictionary(request.input, request.shown);
		let posted = -Infinity;
		for (;;) {
			const next = steps.next();
			if (next.done) {
				const dictionary = next.value;
				post({ type: 'done', dictionary, ms: performance.now() - started }, [
					dictionary.tiles.buffer
				]);
				return;
			}
			const now = performance.now();
			if (now - posted >= PROGRESS_MS) {
				posted = now;
				post({ type: 'progress', progress: next.value });
			}
		}
	} catch (error) {
		post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
	}
}
