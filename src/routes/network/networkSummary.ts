/**
 * What a setting change on /network did, in one or two sentences for a screen reader (the lab's
 * LabAnnouncer), from the numbers on screen: the network and its input, the prediction, the
 * colour range, the saliency method and the selected unit.
 */
import { formatValue } from '$lib/components/formatValue';
import type { InputSource, NetworkModel, SaliencyMethod } from '$lib/state/networkState';
import { counted, withArticle } from './words';

export interface NetworkShown {
	model: NetworkModel;
	source: InputSource;
	layers: number;
	/** the test image shown (source 'test') */
	test: { index: number; trueClass: string } | null;
	/** the classifier's answer */
	predicted: { name: string; probability: number } | null;
	range: 'unit' | 'layer' | 'global';
	saliency: SaliencyMethod;
	/** the selected unit, in the inspector's words, with its value (null: not quoted) */
	unit: { title: string; value: number | null } | null;
}

const RANGES = { unit: 'each map', layer: 'each layer', global: 'the whole network' } as const;
const SALIENCY = { gradcam: 'Grad-CAM', grad: 'input gradient', off: 'off' } as const;

export function networkSummary(shown: NetworkShown): string {
	const input =
		shown.model === 'selfie' || shown.source === 'image'
			? shown.model === 'selfie'
				? 'your photo'
				: 'your image'
			: shown.source === 'draw'
				? 'your drawing'
				: shown.test
					? `test image ${shown.test.index} (${withArticle(shown.test.trueClass)})`
					: 'a test image';
	const network = shown.model === 'fashion' ? 'Classifier' : 'Selfie network';
	const answer = shown.predicted
		? `says ${shown.predicted.name}, ${(100 * shown.predicted.probability).toFixed(1)} %`
		: counted(shown.layers, 'layer');
	const parts = [
		`${network} on ${input}: ${answer}.`,
		`Colour range: ${RANGES[shown.range]}; saliency: ${SALIENCY[shown.saliency]}.`
	];
	const { unit } = shown;
	if (unit)
		parts.push(
			unit.value === null
				? `Selected ${unit.title}.`
				: `Selected ${unit.title}: ${formatValue(unit.value)}.`
		);
	return parts.join(' ');
}
