/**
 * The ICA dictionary computed in a worker (workers/ica.worker.ts), newest request wins: a new
 * request ends the worker of the one before, whose promise then resolves null, as does `cancel`.
 */
import {
	icaPatchCount,
	type IcaDictionary,
	type IcaInput,
	type IcaProgress
} from '$lib/engine/pca/icaDictionary';
import type { IcaReply, IcaRequest } from '$lib/workers/icaProtocol';

/** The part of a Worker used here (a fake one in tests). */
export interface IcaWorker {
	postMessage(message: IcaRequest, transfer: Transferable[]): void;
	terminate(): void;
	onmessage: ((event: MessageEvent<IcaReply>) => void) | null;
	onerror: ((event: ErrorEvent) => void) | null;
}

export interface IcaRunner {
	/** the dictionary, or null when a newer request or `cancel` replaced this one */
	request(
		input: IcaInput,
		shown: number,
		onProgress: (progress: IcaProgress) => void
	): Promise<IcaDictionary | null>;
	cancel(): void;
}

export function icaRunner(
	makeWorker: () => IcaWorker = () =>
		new Worker(new URL('../../lib/workers/ica.worker.ts', import.meta.url), {
			type: 'module'
		}) as unknown as IcaWorker
): IcaRunner {
	let stopLast = () => {};
	return {
		request(input, shown, onProgress) {
			stopLast();
			const worker = makeWorker();
			return new Promise<IcaDictionary | null>((resolve, reject) => {
				let ended = false;
				const end = () => {
					ended = true;
					worker.terminate();
				};
				stopLast = () => {
					if (ended) return;
					end();
					resolve(null);
				};
				worker.onmessage = ({ data }) => {
					if (ended) return;
					if (data.type === 'progress') return onProgress(data.progress);
					end();
					if (data.type === 'done') resolve(data.dictionary);
					else reject(new Error(`FastICA failed: ${data.message}`));
				};
				worker.onerror = (event) => {
					if (ended) return;
					end();
					reject(new Error(`the FastICA worker failed: ${event.message}`));
				};
				// only the rows ICA uses travel; the PCA's arrays are copied, the page keeps its own
				const { size, pca } = input;
				const patches = input.patches.slice(0, icaPatchCount(input) * size * size);
				const { dim, mean, values, components } = pca;
				worker.postMessage(
					{ input: { size, patches, pca: { dim, mean, values, components } }, shown },
					[patches.buffer]
				);
			});
		},
		cancel: () => stopLast()
	};
}
