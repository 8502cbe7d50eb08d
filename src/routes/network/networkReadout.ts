/**
 * What the Network lab measured on screen, read once from its picture and settings: the
 * observables it publishes (lab.ts names them) and the sentence its LabAnnouncer reads.
 */
import { FASHION_CLASSES } from '$lib/engine/fashionClasses';
import type { Observed } from '$lib/runtime/labDefinition';
import type { NetworkState } from '$lib/state/networkState';
import type { MapData } from '$lib/types/mapData';
import { networkSummary } from './networkSummary';

export interface NetworkOnScreen {
	settings: Pick<NetworkState, 'model' | 'src' | 'range' | 'sal'>;
	/** the picture's layers (empty while none is shown) and whether one is shown */
	maps: readonly MapData[];
	shown: boolean;
	/** the classifier's probabilities, or null for the selfie network */
	probabilities: Float32Array | null;
	predicted: number | null;
	/** the test image on screen: its index and true class index */
	test: { index: number; label: number } | null;
	unit: { layer: number } | null;
	detail: { title: string; value: number } | null;
	/** the test-set accuracy, once the confusion matrix is complete for the weights shown */
	accuracy: number | null;
	/** the maps follow live training: their numbers tick, and are not announced */
	training: boolean;
}

export function networkObserved(on: NetworkOnScreen): Record<string, Observed> {
	const unitMap = on.unit ? on.maps[on.unit.layer] : null;
	return {
		network: on.settings.model,
		layers: on.shown ? on.maps.length : null,
		predictedClass: on.predicted === null ? null : FASHION_CLASSES[on.predicted],
		probability: on.predicted === null || !on.probabilities ? null : on.probabilities[on.predicted],
		trueClass: on.test ? FASHION_CLASSES[on.test.label] : null,
		unitLayerShape: unitMap ? `${unitMap.height}×${unitMap.width}×${unitMap.channels}` : null,
		unitValue: on.detail?.value ?? null,
		testAccuracy: on.accuracy
	};
}

/**
 * The announcer's sentence, or null while no picture is shown. While the maps follow live
 * training, the prediction and the unit's value (which change with every weight snapshot) are left
 * out: a screen reader hears the settings, not the ticking numbers.
 */
export function networkAnnouncement(on: NetworkOnScreen): string | null {
	if (!on.shown) return null;
	const { model, src, range, sal } = on.settings;
	return networkSummary({
		model,
		source: src,
		layers: on.maps.length,
		test: on.test && { index: on.test.index, trueClass: FASHION_CLASSES[on.test.label] },
		predicted:
			on.training || on.predicted === null || !on.probabilities
				? null
				: { name: FASHION_CLASSES[on.predicted], probability: on.probabilities[on.predicted] },
		range,
		saliency: sal,
		unit: on.detail && { title: on.detail.title, value: on.training ? null : on.detail.value }
	});
}
