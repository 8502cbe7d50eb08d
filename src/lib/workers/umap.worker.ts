/**
 * Runs UMAP off the page's main thread: the neighbour graph and every optimisation epoch take
 * seconds for thousands of points. Posts progress after each epoch (at most ~100 messages), then
 * the map, the transformed extra rows and the map's 5-NN accuracy; afterwards places each photo
 * it is sent in the same map (umap-js's transform).
 *
 * Created by the page with
 *   new Worker(new URL('$lib/workers/umap.worker.ts', import.meta.url), { type: 'module' })
 */
import { knnAccuracy } from '$lib/engine/pca/knnAccuracy';
import { umapSteps } from '$lib/engine/pca/umapProjection';
import type { UmapReply, UmapRequest, UmapTransformRequest } from './umapProtocol';

interface Scope {
	onmessage: ((event: MessageEvent<UmapRequest | UmapTransformRequest>) => void) | null;
	postMessage(message: UmapReply, transfer?: Transferable[]): void;
}
const scope = self as unknown as Scope;

/** the finished map's transform, for the photos that come after it */
let place: ((rows: ArrayLike<number>) => Float32Array) | null = null;

scope.onmessage = ({ data: request }) => {
	const started = performance.now();
	try {
		if ('type' in request) {
			if (!place) throw new Error('no map to place a photo in yet');
			const extra = place(request.rows);
			scope.postMessage({ type: 'placed', extra }, [extra.buffer]);
			return;
		}
		const steps = umapSteps(request.data, request.count, request.dim, request.extra, {
			seed: request.seed,
			nEpochs: request.nEpochs
		});
		let every = 1;
		for (;;) {
			const next = steps.next();
			if (next.done) {
				const { points, extra, transform } = next.value;
				place = transform;
				const knn = knnAccuracy(points, request.labels, 5);
				scope.postMessage({ type: 'done', points, extra, knn, ms: performance.now() - started }, [
					points.buffer,
					extra.buffer
				]);
				return;
			}
			const { epoch, epochs } = next.value;
			every = Math.max(1, Math.floor(epochs / 100));
			if (epoch % every === 0) scope.postMessage({ type: 'progress', epoch, epochs });
		}
	} catch (error) {
		scope.postMessage({
			type: 'error',
			message: error instanceof Error ? error.message : String(error)
		});
	}
};
