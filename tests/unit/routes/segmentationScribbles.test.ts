import { describe, expect, it } from 'vitest';
import { Scribbles } from '../../../src/routes/segmentation/scribbles.svelte';
import type { ScribbleStore } from '../../../src/routes/segmentation/scribbleStore';

/** A store in a Map, recording each save. */
function memoryStore() {
	const kept = new Map<string, Uint8Array>();
	const saves: string[] = [];
	const store: ScribbleStore = {
		load: (picture, h, w) => kept.get(`${picture}:${h}x${w}`)?.slice() ?? null,
		save(picture, h, w, labels) {
			saves.push(`${picture}:${h}x${w}`);
			kept.set(`${picture}:${h}x${w}`, labels.slice());
		}
	};
	return { store, kept, saves };
}

const picture = (height: number, width: number) => ({
	rgb: new Float32Array(height * width * 3),
	height,
	width
});

describe('Scribbles', () => {
	it('keeps a plane per picture: painted, saved at the stroke’s end, back when the picture returns', () => {
		const { store, saves } = memoryStore();
		const scribbles = new Scribbles(store);
		scribbles.use('scene-3', picture(2, 3));
		expect(scribbles.labels).toEqual(new Uint8Array(6));
		// Foreground (1) on two pixels, class 3 (3) on one, as the canvas paints in place.
		scribbles.labels.set([1, 1, 0, 3, 0, 0]);
		scribbles.strokeEnded();
		expect(saves).toEqual(['scene-3:2x3']);
		// pixels per class, by hand: 2 Foreground, 0 Background, 1 Class 3 (only with 3 classes)
		expect(scribbles.painted(2)).toEqual([2, 0]);
		expect(scribbles.painted(3)).toEqual([2, 0, 1]);

		scribbles.use('scene-4', picture(2, 3));
		expect(scribbles.painted(3)).toEqual([0, 0, 0]);
		scribbles.use('scene-3', picture(2, 3));
		expect(Array.from(scribbles.labels)).toEqual([1, 1, 0, 3, 0, 0]);
	});

	it('the same picture again keeps what is on screen; Clear empties and saves it', () => {
		const { store, kept } = memoryStore();
		const scribbles = new Scribbles(store);
		scribbles.use('sample-cat', picture(1, 2));
		scribbles.labels.set([2, 0]);
		const version = scribbles.version;
		scribbles.use('sample-cat', picture(1, 2));
		expect(scribbles.version).toBe(version);
		expect(Array.from(scribbles.labels)).toEqual([2, 0]);
		scribbles.clear();
		expect(Array.from(kept.get('sample-cat:1x2')!)).toEqual([0, 0]);
		expect(scribbles.painted(2)).toEqual([0, 0]);
	});

	it('webcam frames (no key) are painted but never saved', () => {
		const { store, saves } = memoryStore();
		const scribbles = new Scribbles(store);
		scribbles.use(null, picture(1, 1));
		scribbles.labels.set([1]);
		scribbles.strokeEnded();
		expect(saves).toEqual([]);
		expect(scribbles.painted(2)).toEqual([1, 0]);
	});
});
