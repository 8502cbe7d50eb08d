// Scribbles survive a reload: run-length round trip, per picture and size, bad text refused.
import { describe, expect, it } from 'vitest';
import {
	decodeRuns,
	encodeRuns,
	scribbleStore
} from '../../../src/routes/segmentation/scribbleStore';

class MemoryStorage implements Storage {
	private map = new Map<string, string>();
	get length() {
		return this.map.size;
	}
	clear() {
		this.map.clear();
	}
	getItem(k: string) {
		return this.map.get(k) ?? null;
	}
	key(i: number) {
		return [...this.map.keys()][i] ?? null;
	}
	removeItem(k: string) {
		this.map.delete(k);
	}
	setItem(k: string, v: string) {
		this.map.set(k, v);
	}
}

describe('scribble store', () => {
	it('run-length encodes and decodes', () => {
		const labels = Uint8Array.from([0, 0, 0, 1, 1, 2, 0]);
		expect(encodeRuns(labels)).toBe('0x3,1x2,2x1,0x1');
		expect(decodeRuns('0x3,1x2,2x1,0x1', 7)).toEqual(labels);
		expect(decodeRuns('0x3,1x2', 7)).toBeNull();
		expect(decodeRuns('0x9', 7)).toBeNull();
		expect(decodeRuns('a', 1)).toBeNull();
		expect(decodeRuns('300x1', 1)).toBeNull();
	});

	it('keeps scribbles per picture and size; clearing removes them; bounded', () => {
		const storage = new MemoryStorage();
		const store = scribbleStore(storage);
		const a = Uint8Array.from([0, 1, 2, 0]);
		store.save('scene-3', 2, 2, a);
		expect(store.load('scene-3', 2, 2)).toEqual(a);
		expect(store.load('scene-4', 2, 2)).toBeNull();
		expect(store.load('scene-3', 1, 4)).toBeNull();
		store.save('scene-3', 2, 2, new Uint8Array(4));
		expect(store.load('scene-3', 2, 2)).toBeNull();
		for (let i = 0; i < 30; i++) store.save(`p${i}`, 2, 2, a);
		expect(storage.length).toBeLessThanOrEqual(12);
		expect(store.load('p29', 2, 2)).toEqual(a);
		expect(scribbleStore(null).load('x', 1, 1)).toBeNull();
	});
});
