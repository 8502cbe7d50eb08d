// Browser only: a Worker (fashionSet.worker.ts) decodes the split; where a Worker cannot start,
// the page decodes it itself (loadFashionSet), slower for the page but the same data.
import type { FashionSet } from '$lib/engine/fashionMnistData';
import { loadFashionSet } from './decodeSprite';

/** One shipped split, decoded off the main thread. `url`: the data folder, ending in '/'. */
export function loadFashionSetOffThread(url: string, split: 'train' | 'test'): Promise<FashionSet> {
	let worker: Worker;
	try {
		worker = new Worker(new URL('../workers/fashionSet.worker.ts', import.meta.url), {
			type: 'module'
		});
	} catch {
		return loadFashionSet(url, split);
	}
	return new Promise<FashionSet>((resolve, reject) => {
		worker.onmessage = ({ data }: MessageEvent<FashionSet | { error: string }>) => {
			worker.terminate();
			if ('error' in data) reject(new Error(data.error));
			else resolve(data);
		};
		worker.onerror = () => {
			worker.terminate();
			loadFashionSet(url, split).then(resolve, reject);
		};
		worker.postMessage({ url: new URL(url, location.href).href, split });
	});
}
