/**
 * Decodes a shipped Fashion-MNIST split off the main thread: 10,000 test images are a 2,800-px
 * sprite whose pixels (getImageData) and tiles take the page's main thread for tens to hundreds
 * of milliseconds, time the learner's own input needs. One request, one answer, buffers
 * transferred: { url, split } → { images, labels, count } or { error }.
 *
 * Created by the page with
 *   new Worker(new URL('$lib/workers/fashionSet.worker.ts', import.meta.url), { type: 'module' })
 */
import { loadFashionSet } from '$lib/image/decodeSprite';

interface Scope {
	onmessage: ((event: MessageEvent<{ url: string; split: 'train' | 'test' }>) => void) | null;
	postMessage(message: unknown, transfer?: Transferable[]): void;
}
const scope = self as unknown as Scope;

scope.onmessage = async ({ data }) => {
	try {
		const set = await loadFashionSet(data.url, data.split);
		scope.postMessage(set, [set.images.buffer, set.labels.buffer]);
	} catch (error) {
		scope.postMessage({ error: error instanceof Error ? error.message : String(error) });
	}
};
