import { describe, expect, it } from 'vitest';
import {
	readItem,
	safeIndexedDB,
	safeStorage,
	writeItem
} from '../../../src/lib/state/safeStorage';

/** A window whose storage getters throw, as Chromium's "block site data" makes them do. */
function blockedWindow(): object {
	const scope = {};
	for (const name of ['localStorage', 'sessionStorage', 'indexedDB'])
		Object.defineProperty(scope, name, {
			get() {
				throw new DOMException('Access is denied for this document.', 'SecurityError');
			}
		});
	return scope;
}

/** A storage whose every method throws (quota exceeded, storage disabled after the fact). */
const refusing = {
	getItem() {
		throw new DOMException('denied', 'SecurityError');
	},
	setItem() {
		throw new DOMException('full', 'QuotaExceededError');
	}
} as unknown as Storage;

class MemoryStorage {
	items = new Map<string, string>();
	getItem(key: string) {
		return this.items.get(key) ?? null;
	}
	setItem(key: string, value: string) {
		this.items.set(key, value);
	}
}

describe('safeStorage', () => {
	it('gives null, never an exception, where reading the storage itself throws', () => {
		const scope = blockedWindow();
		expect(() => (scope as { localStorage: Storage }).localStorage).toThrow();
		expect(safeStorage('localStorage', scope)).toBeNull();
		expect(safeStorage('sessionStorage', scope)).toBeNull();
		expect(safeIndexedDB(scope)).toBeNull();
	});

	it('gives null where there is no storage at all (Node, a worker)', () => {
		expect(safeStorage('localStorage', {})).toBeNull();
		expect(safeIndexedDB({})).toBeNull();
	});

	it('hands over a working storage', () => {
		const storage = new MemoryStorage() as unknown as Storage;
		expect(safeStorage('sessionStorage', { sessionStorage: storage })).toBe(storage);
		expect(writeItem(storage, 'k', 'v')).toBe(true);
		expect(readItem(storage, 'k')).toBe('v');
		expect(readItem(storage, 'other')).toBeNull();
	});

	it('reads null and reports a lost write from a storage that refuses, or none', () => {
		expect(readItem(refusing, 'k')).toBeNull();
		expect(writeItem(refusing, 'k', 'v')).toBe(false);
		expect(readItem(null, 'k')).toBeNull();
		expect(writeItem(null, 'k', 'v')).toBe(false);
	});
});
