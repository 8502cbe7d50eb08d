/**
 * The pure parts of the upload store: the content hash (against a separate transcription of
 * cyrb53 as its author published it, seeded with the length) and which records are kept. The IndexedDB shell around them is exercised in tests/e2e/workshop.spec.ts: no fake
 * IndexedDB ships with the project.
 */
import { describe, expect, it } from 'vitest';
import { contentHash, forgetUploadTraces, MAX_KEPT, recordsToDrop } from '$lib/state/uploadStore';

/** cyrb53 as published (bryc/code, jshash/experimental/cyrb53.js), over bytes instead of UTF-16. */
function referenceCyrb53(bytes: Uint8Array, seed = 0): number {
	let h1 = 0xdeadbeef ^ seed;
	let h2 = 0x41c6ce57 ^ seed;
	for (const b of bytes) {
		h1 = Math.imul(h1 ^ b, 2654435761);
		h2 = Math.imul(h2 ^ b, 1597334677);
	}
	h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
	h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
	h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
	h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
	return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

const bytes = (text: string) => new TextEncoder().encode(text);

describe('content hash', () => {
	it.each(['', 'a', 'hello', 'PNG\r\n\x1a\n', 'x'.repeat(10_000)])(
		'is cyrb53 seeded with the length, 14 hex digits: %j',
		(text) => {
			const data = bytes(text);
			const hash = contentHash(data);
			expect(hash).toMatch(/^[0-9a-f]{14}$/);
			expect(parseInt(hash, 16)).toBe(referenceCyrb53(data, data.length));
		}
	);

	it('tells apart one changed byte, and a prefix from the whole', () => {
		const a = new Uint8Array(4096).map((_, i) => i % 251);
		const b = a.slice();
		b[2000] ^= 1;
		expect(contentHash(a)).not.toBe(contentHash(b));
		expect(contentHash(a)).not.toBe(contentHash(a.subarray(0, 4095)));
		expect(contentHash(a)).toBe(contentHash(a.slice()));
	});
});

describe('which uploads are kept', () => {
	it(`keeps the ${MAX_KEPT} newest and drops the rest, oldest included`, () => {
		const records = [5, 1, 9, 3, 7, 2].map((savedAt) => ({ hash: `h${savedAt}`, savedAt }));
		expect(MAX_KEPT).toBe(4);
		expect(recordsToDrop(records).sort()).toEqual(['h1', 'h2']);
		expect(recordsToDrop(records, 1).sort()).toEqual(['h1', 'h2', 'h3', 'h5', 'h7']);
		expect(recordsToDrop(records.slice(0, 3))).toEqual([]);
		expect(recordsToDrop([])).toEqual([]);
	});

	it('breaks a tie in time by list order (the later record is newer)', () => {
		expect(
			recordsToDrop(
				[
					{ hash: 'a', savedAt: 1 },
					{ hash: 'b', savedAt: 1 }
				],
				1
			)
		).toEqual(['a']);
	});
});

/** A Storage over a Map, as localStorage behaves: keys in insertion order. */
function memoryStorage(entries: Record<string, string>): Storage {
	const map = new Map(Object.entries(entries));
	return {
		get length() {
			return map.size;
		},
		key: (i) => [...map.keys()][i] ?? null,
		getItem: (key) => map.get(key) ?? null,
		setItem: (key, value) => void map.set(key, value),
		removeItem: (key) => void map.delete(key),
		clear: () => map.clear()
	};
}

describe('forgetting uploads leaves no trace in localStorage', () => {
	it("removes the scribbles on uploads (their keys hold the file's name), nothing else", () => {
		const storage = memoryStorage({
			'convlab:segmentation:scribbles:upload-holiday.jpg-640x480:256x192': '0x10',
			'convlab:segmentation:scribbles:sample-cat:256x170': '1x3',
			'convlab:segmentation:scribbles:upload-me.png-40x30:40x30': '2x1',
			'convlab:segmentation:scribbles:scene-7:64x64': '1x1',
			'other-site-key': 'x'
		});
		expect(forgetUploadTraces(storage)).toBe(2);
		const left = Array.from({ length: storage.length }, (_, i) => storage.key(i));
		expect(left).toEqual([
			'convlab:segmentation:scribbles:sample-cat:256x170',
			'convlab:segmentation:scribbles:scene-7:64x64',
			'other-site-key'
		]);
	});

	it('where storage is blocked or throws, forgets what it can and never throws', () => {
		expect(forgetUploadTraces(null)).toBe(0);
		const broken = memoryStorage({});
		Object.defineProperty(broken, 'length', {
			get() {
				throw new DOMException('blocked', 'SecurityError');
			}
		});
		expect(forgetUploadTraces(broken)).toBe(0);
	});
});
