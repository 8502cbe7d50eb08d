/**
 * What the Network lab downloads, through the runtime's guarded loads (`lab.load`): each network
 * the first time it is shown (kept for the visit, so a switch back is instant), and the 10,000
 * test images once a test image or the confusion matrix needs them. A network that arrives after
 * the learner left is freed at once, so a slow download leaves no weights behind.
 *
 * The shown network's files start downloading as the page's script runs, and its code (tfjs-layers,
 * or the graph converter) with them: neither needs the backend, so both overlap the backend's
 * start (the .wasm download and compile) instead of waiting for it.
 */
import { untrack } from 'svelte';
import { asset } from '$app/paths';
import type { FashionSet } from '$lib/engine/fashionMnistData';
import { prefetchModel, type PrefetchedModel } from '$lib/engine/modelPrefetch';
import { FASHION_DATA_PATH } from '$lib/image/decodeSprite';
import { loadFashionSetOffThread } from '$lib/image/loadFashionSetOffThread';
import type { LabRuntime } from '$lib/runtime/labRuntime.svelte';
import type { Schema } from '$lib/state/urlSchema';
import { loadMark } from '$lib/state/loadMarks';
import type { NetworkModel } from '$lib/state/networkState';
import { stats } from '$lib/state/stats.svelte';

const MODEL_URLS = {
	fashion: asset('/models/fashion-cnn/model.json'),
	selfie: asset('/models/selfie/selfie.json')
};
const sessionCode = {
	fashion: () => import('./classifierSession'),
	selfie: () => import('./selfieSession')
};

/** Once true, stays true: what has been asked for once is kept for the visit. */
class Wanted {
	fashion = $state(false);
	selfie = $state(false);
	testSet = $state(false);
}

export function networkLoads(lab: Pick<LabRuntime<Schema>, 'load'>, model: () => NetworkModel) {
	const prefetched: Partial<Record<NetworkModel, PrefetchedModel>> = {};
	const source = (which: NetworkModel) => (prefetched[which] ??= prefetchModel(MODEL_URLS[which]));
	const wanted = new Wanted();
	untrack(() => {
		source(model());
		void sessionCode[model()]();
		wanted[model()] = true;
	});
	$effect(() => {
		wanted[model()] = true;
	});
	const ready = $derived(!!stats.backend);
	/** a network's load, marked on the timeline for the benchmark */
	function timed<T>(load: () => Promise<T>): Promise<T> {
		loadMark('model-load');
		return load().then((session) => {
			loadMark('model-ready');
			return session;
		});
	}
	const classifier = lab.load(
		() =>
			wanted.fashion && ready
				? timed(() =>
						sessionCode
							.fashion()
							.then(({ ClassifierSession }) => ClassifierSession.load(source('fashion')))
					)
				: null,
		(session) => session.dispose()
	);
	const selfie = lab.load(
		() =>
			wanted.selfie && ready
				? timed(() =>
						sessionCode.selfie().then(({ SelfieSession }) => SelfieSession.load(source('selfie')))
					)
				: null,
		(session) => session.dispose()
	);
	// 10,000 images, decoded in a worker: the page's main thread stays free for the learner.
	const testSet = lab.load<FashionSet>(
		() => (wanted.testSet ? loadFashionSetOffThread(asset(`/${FASHION_DATA_PATH}`), 'test') : null),
		() => {}
	);
	return {
		classifier,
		selfie,
		testSet,
		/** a network that could not be loaded, in words */
		get failure(): string | null {
			if (classifier.error) return `The classifier could not be loaded: ${classifier.error}`;
			if (selfie.error) return `The selfie network could not be loaded: ${selfie.error}`;
			return null;
		},
		/** ask for the test images (a test image is shown, or the confusion matrix can start) */
		needTestSet: () => (wanted.testSet = true)
	};
}
