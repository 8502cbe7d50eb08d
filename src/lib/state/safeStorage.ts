/**
 * The one way the app reaches the browser's storage. Where the browser blocks site data
 * (Chromium's "block cookies and site data", some private modes), merely reading
 * `localStorage`, `sessionStorage` or `indexedDB` throws a SecurityError — even `typeof
 * localStorage` does — and a lab that touched it while starting up rendered a blank page. Here
 * such a browser gets null (nothing is kept) and a full or refusing storage loses the write,
 * never the page.
 */

type StorageName = 'localStorage' | 'sessionStorage';

/** `scope[name]` (a Storage), or null when it is missing or reading it throws. */
export function safeStorage(name: StorageName, scope: object = globalThis): Storage | null {
	try {
		const storage = (scope as Partial<Record<StorageName, Storage>>)[name];
		return storage ?? null;
	} catch {
		return null;
	}
}

/** `scope.indexedDB`, or null when it is missing or reading it throws. */
export function safeIndexedDB(scope: object = globalThis): IDBFactory | null {
	try {
		return (scope as { indexedDB?: IDBFactory }).indexedDB ?? null;
	} catch {
		return null;
	}
}

/** `storage.getItem(key)`, or null when there is no storage or it refuses. */
export function readItem(storage: Storage | null, key: string): string | null {
	try {
		return storage?.getItem(key) ?? null;
	} catch {
		return null;
	}
}

/** `storage.setItem(key, value)`; false when there is no storage or it refuses (quota, policy). */
export function writeItem(storage: Storage | null, key: string, value: string): boolean {
	if (!storage) return false;
	try {
		storage.setItem(key, value);
		return true;
	} catch {
		return false;
	}
}
