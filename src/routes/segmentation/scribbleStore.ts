/**
 * The learner's scribbles, kept in this browser only (localStorage), per picture and working
 * size, so a reload brings them back; they are never put in the URL nor uploaded. A label plane
 * is mostly zeros, so it is stored run-length encoded: "value×count" runs joined by commas.
 */

const PREFIX = 'convlab:segmentation:scribbles:';
/** Beyond this many stored pictures the oldest go, so storage stays small. */
const KEEP = 12;

export function encodeRuns(labels: Uint8Array): string {
	const runs: string[] = [];
	let i = 0;
	while (i < labels.length) {
		const value = labels[i];
		let j = i + 1;
		while (j < labels.length && labels[j] === value) j++;
		runs.push(`${value}x${j - i}`);
		i = j;
	}
	return runs.join(',');
}

/** Runs → a plane of `length` pixels; null when the text does not describe exactly that many. */
export function decodeRuns(text: string, length: number): Uint8Array | null {
	const out = new Uint8Array(length);
	let offset = 0;
	for (const run of text.split(',')) {
		const match = /^(\d{1,3})x(\d{1,9})$/.exec(run);
		if (!match) return null;
		const value = Number(match[1]);
		const count = Number(match[2]);
		if (value > 255 || offset + count > length) return null;
		out.fill(value, offset, offset + count);
		offset += count;
	}
	return offset === length ? out : null;
}

export interface ScribbleStore {
	load(picture: string, height: number, width: number): Uint8Array | null;
	save(picture: string, height: number, width: number, labels: Uint8Array): void;
}

/** Storage errors (quota, private mode) lose persistence, never the scribbles on screen. */
export function scribbleStore(storage: Storage | null): ScribbleStore {
	const key = (picture: string, h: number, w: number) => `${PREFIX}${picture}:${h}x${w}`;
	return {
		load(picture, height, width) {
			try {
				const text = storage?.getItem(key(picture, height, width));
				return text ? decodeRuns(text, height * width) : null;
			} catch {
				return null;
			}
		},
		save(picture, height, width, labels) {
			if (!storage) return;
			try {
				const k = key(picture, height, width);
				if (labels.every((v) => v === 0)) storage.removeItem(k);
				else storage.setItem(k, encodeRuns(labels));
				const ours: string[] = [];
				for (let i = 0; i < storage.length; i++) {
					const name = storage.key(i);
					if (name?.startsWith(PREFIX) && name !== k) ours.push(name);
				}
				// localStorage keeps no dates: drop the surplus, whichever they are, keeping this one.
				for (const name of ours.slice(0, Math.max(0, ours.length - (KEEP - 1))))
					storage.removeItem(name);
			} catch {
				// persistence is a convenience
			}
		}
	};
}
