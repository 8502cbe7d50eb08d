/**
 * Messages between the dimensionality-reduction lab and its ICA worker (ica.worker.ts). One
 * dictionary per worker: the page ends the worker when a newer photo's request replaces it, so
 * only the newest dictionary is computed to the end and the page's main thread never runs FastICA.
 */
import type { IcaDictionary, IcaInput, IcaProgress } from '$lib/engine/pca/icaDictionary';

export interface IcaRequest {
	input: IcaInput;
	/** basis functions sent back */
	shown: number;
}

export type IcaReply =
	| { type: 'progress'; progress: IcaProgress }
	| { type: 'done'; dictionary: IcaDictionary; ms: number }
	| { type: 'error'; message: string };
