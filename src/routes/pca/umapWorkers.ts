/**
 * The UMAP maps' workers. A finished map keeps its worker, so the learner's photo can be placed
 * in it again (umap-js's transform needs the fitted model) whenever the photo changes, including
 * while another map is on screen: switching back to a cached map then shows the photo where it
 * lands. Ending the last map's worker whenever another map started left cached maps with no way
 * to place a new photo, and their ring vanished. A map still being made for settings that are
 * gone is stopped (newest request wins). At most KEPT_UMAP_MAPS finished workers are kept; the
 * oldest beyond that is ended and its map forgotten (`onForget`), to be made again if shown.
 */
import type { UmapRequest } from '$lib/workers/umapProtocol';
import type { MapResult } from './fashionMaps';

export const KEPT_UMAP_MAPS = 4;

export interface UmapRun {
	result: Promise<MapResult>;
	/** end the worker (an unfinished map never arrives; a finished one can no longer place photos) */
	cancel: () => void;
}

export type StartUmap = (
	request: UmapRequest,
	onProgress: (epoch: number, epochs: number) => void
) => UmapRun;

export class UmapWorkers {
	/** finished maps' workers, oldest first */
	readonly #kept = new Map<string, () => void>();
	readonly #unfinished = new Set<() => void>();

	constructor(
		private readonly start: StartUmap,
		private readonly onForget: (key: string) => void,
		private readonly keep = KEPT_UMAP_MAPS
	) {}

	/**
	 * Make the map for `key` in a worker of its own. `stop` ends it if it is still being made (its
	 * result then never arrives); once finished, the worker is kept for the map's `place`.
	 */
	run(
		key: string,
		request: UmapRequest,
		onProgress: (epoch: number, epochs: number) => void
	): { result: Promise<MapResult>; stop: () => void } {
		const run = this.start(request, onProgress);
		let finished = false;
		const stop = () => {
			if (finished) return;
			this.#unfinished.delete(stop);
			run.cancel();
		};
		this.#unfinished.add(stop);
		const result = run.result.then(
			(map) => {
				finished = true;
				this.#unfinished.delete(stop);
				this.#kept.get(key)?.();
				this.#kept.delete(key);
				this.#kept.set(key, run.cancel);
				for (const [old, end] of this.#kept) {
					if (this.#kept.size <= this.keep) break;
					end();
					this.#kept.delete(old);
					this.onForget(old);
				}
				return map;
			},
			(error: unknown) => {
				this.#unfinished.delete(stop);
				throw error;
			}
		);
		return { result, stop };
	}

	/** A cached map is on screen again: it is the last to be forgotten. */
	shown(key: string): void {
		const end = this.#kept.get(key);
		if (!end) return;
		this.#kept.delete(key);
		this.#kept.set(key, end);
	}

	/** how many workers are alive (tests) */
	get alive(): number {
		return this.#kept.size + this.#unfinished.size;
	}

	/** End every worker (the page is left). */
	dispose(): void {
		for (const stop of [...this.#unfinished]) stop();
		for (const end of this.#kept.values()) end();
		this.#kept.clear();
	}
}
