/**
 * The learner's scribbles as the page holds them: one label plane per picture (0 = unpainted,
 * c + 1 = class c), painted in place by the scribble canvas, kept in this browser per picture
 * (scribbleStore.ts). `version` counts outside changes (a load, a clear, a stroke's end).
 */
import type { Picture } from '$lib/engine/segmentation/labPicture';
import type { ScribbleStore } from './scribbleStore';

export class Scribbles {
	labels = $state.raw(new Uint8Array(0));
	version = $state(0);
	#store: ScribbleStore;
	/** which picture (key and size) `labels` belongs to */
	#for = '';
	/** where the current plane is saved; null for webcam frames */
	#key: string | null = null;
	#picture: Picture | null = null;

	constructor(store: ScribbleStore) {
		this.#store = store;
	}

	/** Show the scribbles kept for this picture (none for a new one); same picture: nothing. */
	use(key: string | null, picture: Picture): void {
		const id = `${key ?? 'live'}:${picture.height}x${picture.width}`;
		this.#key = key;
		this.#picture = picture;
		if (id === this.#for) return;
		this.#for = id;
		const kept = key ? this.#store.load(key, picture.height, picture.width) : null;
		this.labels =
			(kept as Uint8Array<ArrayBuffer> | null) ?? new Uint8Array(picture.height * picture.width);
		this.version++;
	}

	/** A stroke ended: saved at once (a run-length text of one plane is cheap), so a reload keeps it. */
	strokeEnded(): void {
		this.#save();
		this.version++;
	}

	clear(): void {
		this.labels = new Uint8Array(this.labels.length);
		this.version++;
		this.#save();
	}

	/** Pixels painted per class, for `classes` classes. */
	painted(classes: number): number[] {
		void this.version;
		const counts = new Array<number>(classes).fill(0);
		for (const v of this.labels) if (v > 0 && v <= classes) counts[v - 1]++;
		return counts;
	}

	#save(): void {
		const p = this.#picture;
		if (this.#key && p) this.#store.save(this.#key, p.height, p.width, this.labels);
	}
}
