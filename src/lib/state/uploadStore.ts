/**
 * The learner's own images, kept in this browser's IndexedDB so a reload or an accidental
 * back-navigation loses nothing: the last MAX_KEPT uploads, one record per distinct content
 * (keyed by a hash of the bytes), newest first. Nothing here ever leaves the device.
 *
 * The IndexedDB calls are a thin shell around two pure pieces with unit tests: the content
 * hash and which records to keep. Forgetting also removes what other parts of the app keep
 * about uploads in localStorage (the segmentation lab's scribbles, whose keys hold the file name).
 */
import { safeIndexedDB, safeStorage } from './safeStorage';

export const MAX_KEPT = 4;
const DB_NAME = 'convlab-images';
const STORE = 'uploads';

export interface StoredImage {
	/** contentHash of the bytes */
	hash: string;
	name: string;
	type: string;
	/** ms since the epoch; the newest is restored */
	savedAt: number;
	blob: Blob;
}

/**
 * A 53-bit hash of `bytes` and their length (cyrb53: two multiplicative 32-bit lanes), as
 * hex. It only tells uploads apart for de-duplication, so it need not be cryptographic; and
 * crypto.subtle is missing on an http LAN address, where workshops also run.
 */
export function contentHash(bytes: Uint8Array): string {
	let h1 = 0xdeadbeef ^ bytes.length;
	let h2 = 0x41c6ce57 ^ bytes.length;
	for (let i = 0; i < bytes.length; i++) {
		h1 = Math.imul(h1 ^ bytes[i], 2654435761);
		h2 = Math.imul(h2 ^ bytes[i], 1597334677);
	}
	h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
	h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
	const value = 4294967296 * (2097151 & h2) + (h1 >>> 0);
	return value.toString(16).padStart(14, '0');
}

/** The hashes to delete so that only the `limit` newest records stay (ties: later in the list wins). */
export function recordsToDrop(
	records: readonly Pick<StoredImage, 'hash' | 'savedAt'>[],
	limit = MAX_KEPT
): string[] {
	const newestFirst = records
		.map((record, index) => ({ ...record, index }))
		.sort((a, b) => b.savedAt - a.savedAt || b.index - a.index);
	return newestFirst.slice(limit).map((record) => record.hash);
}

function request<T>(req: IDBRequest<T>): Promise<T> {
	return new Promise((resolve, reject) => {
		req.onsuccess = () => resolve(req.result);
		req.onerror = () => reject(req.error);
	});
}

function open(): Promise<IDBDatabase> {
	const factory = safeIndexedDB();
	if (!factory) return Promise.reject(new Error('this browser keeps no site data'));
	const req = factory.open(DB_NAME, 1);
	req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'hash' });
	return request(req);
}

async function withStore<T>(
	mode: IDBTransactionMode,
	work: (store: IDBObjectStore) => Promise<T>
): Promise<T> {
	const db = await open();
	try {
		const transaction = db.transaction(STORE, mode);
		const done = new Promise<void>((resolve, reject) => {
			transaction.oncomplete = () => resolve();
			transaction.onerror = () => reject(transaction.error);
			transaction.onabort = () => reject(transaction.error);
		});
		const result = await work(transaction.objectStore(STORE));
		await done;
		return result;
	} finally {
		db.close();
	}
}

/** Keep `file` as the newest upload; older ones beyond MAX_KEPT are deleted. */
export async function keepUpload(file: File): Promise<void> {
	const bytes = await file.arrayBuffer();
	const hash = contentHash(new Uint8Array(bytes));
	// A Blob of the bytes, not the File: a File picked from disk cannot be read once it changes there.
	const blob = new Blob([bytes], { type: file.type });
	await withStore('readwrite', async (store) => {
		const record: StoredImage = {
			hash,
			name: file.name,
			type: file.type,
			savedAt: Date.now(),
			blob
		};
		store.put(record);
		const all = (await request(store.getAll())) as StoredImage[];
		for (const drop of recordsToDrop(all)) store.delete(drop);
	});
}

/** The newest kept upload as a File, or null when none is kept (or IndexedDB is unavailable). */
export async function newestUpload(): Promise<File | null> {
	try {
		const all = await withStore('readonly', (store) => request(store.getAll()));
		const records = all as StoredImage[];
		if (records.length === 0) return null;
		const newest = records.reduce((a, b) => (b.savedAt > a.savedAt ? b : a));
		return new File([newest.blob], newest.name, { type: newest.type });
	} catch {
		return null;
	}
}

/** A kept upload as a list shows it: which one, its name, when it was last used. */
export type KeptUpload = Pick<StoredImage, 'hash' | 'name' | 'savedAt'>;

/** Every kept upload, newest first (empty when IndexedDB is unavailable). */
export async function keptUploads(): Promise<KeptUpload[]> {
	try {
		const all = (await withStore('readonly', (store) => request(store.getAll()))) as StoredImage[];
		return all
			.map(({ hash, name, savedAt }) => ({ hash, name, savedAt }))
			.sort((a, b) => b.savedAt - a.savedAt);
	} catch {
		return [];
	}
}

/** The kept upload `hash` as a File, or null when it is no longer kept. */
export async function keptUpload(hash: string): Promise<File | null> {
	try {
		const record = (await withStore('readonly', (store) => request(store.get(hash)))) as
			StoredImage | undefined;
		return record ? new File([record.blob], record.name, { type: record.type }) : null;
	} catch {
		return null;
	}
}

/**
 * localStorage keys that hold something of the learner's uploads: the segmentation lab's
 * scribbles on one (scribbleStore's prefix, then the page's `upload-<name>-<w>x<h>` picture key).
 */
export const UPLOAD_TRACE_PREFIXES = ['convlab:segmentation:scribbles:upload-'] as const;

/** Removes every key of `storage` under UPLOAD_TRACE_PREFIXES; returns how many went. */
export function forgetUploadTraces(storage: Storage | null): number {
	if (!storage) return 0;
	try {
		const keys: string[] = [];
		for (let i = 0; i < storage.length; i++) {
			const key = storage.key(i);
			if (key && UPLOAD_TRACE_PREFIXES.some((prefix) => key.startsWith(prefix))) keys.push(key);
		}
		for (const key of keys) storage.removeItem(key);
		return keys.length;
	} catch {
		return 0;
	}
}

/** How many uploads are kept (0 when IndexedDB is unavailable). */
export async function keptCount(): Promise<number> {
	try {
		return await withStore('readonly', (store) => request(store.count()));
	} catch {
		return 0;
	}
}

/** Delete every kept upload, and their traces in localStorage; resolves to how many there were. */
export async function forgetUploads(): Promise<number> {
	forgetUploadTraces(safeStorage('localStorage'));
	return withStore('readwrite', async (store) => {
		const count = await request(store.count());
		store.clear();
		return count;
	});
}
