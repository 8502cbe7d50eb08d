import { describe, expect, it } from 'vitest';
import {
	networkAnnouncement,
	networkObserved,
	type NetworkOnScreen
} from '../../../src/routes/network/networkReadout';
import { networkSummary } from '../../../src/routes/network/networkSummary';
import { selectedUnit } from '../../../src/routes/network/selectedUnit';
import type { MapData } from '../../../src/lib/types/mapData';

const map = (height: number, width: number, channels: number): MapData => ({
	data: new Float32Array(height * width * channels).map((_, i) => i / 10),
	height,
	width,
	channels
});

describe('networkSummary', () => {
	it('says what the classifier answers for a test image, with the colour range and saliency', () => {
		expect(
			networkSummary({
				model: 'fashion',
				source: 'test',
				layers: 12,
				test: { index: 42, trueClass: 'Sneaker' },
				predicted: { name: 'Sandal', probability: 0.97144 },
				range: 'layer',
				saliency: 'gradcam',
				unit: null
			})
		).toBe(
			'Classifier on test image 42 (a Sneaker): says Sandal, 97.1 %. Colour range: each layer; saliency: Grad-CAM.'
		);
	});

	it('names a drawing, the per-map range and saliency off', () => {
		expect(
			networkSummary({
				model: 'fashion',
				source: 'draw',
				layers: 12,
				test: null,
				predicted: { name: 'Ankle boot', probability: 0.5 },
				range: 'unit',
				saliency: 'off',
				unit: null
			})
		).toBe(
			'Classifier on your drawing: says Ankle boot, 50.0 %. Colour range: each map; saliency: off.'
		);
	});

	it('counts the selfie network’s levels and quotes the selected unit to 4 significant digits', () => {
		expect(
			networkSummary({
				model: 'selfie',
				source: 'test', // the classifier's source does not apply to the selfie network
				layers: 9,
				test: null,
				predicted: null,
				range: 'global',
				saliency: 'grad',
				unit: { title: 'Encoder: stem, map 3, row 5, column 7', value: -0.0123456 }
			})
		).toBe(
			'Selfie network on your photo: 9 layers. Colour range: the whole network; saliency: input gradient. Selected Encoder: stem, map 3, row 5, column 7: -0.01235.'
		);
	});
});

describe('networkObserved and networkAnnouncement', () => {
	const onScreen: NetworkOnScreen = {
		settings: { model: 'fashion', src: 'test', range: 'layer', sal: 'gradcam' },
		maps: [map(28, 28, 1), map(14, 14, 16), map(1, 1, 10)],
		shown: true,
		probabilities: Float32Array.from([0.1, 0, 0, 0, 0.6, 0, 0.3, 0, 0, 0]),
		predicted: 4,
		test: { index: 7, label: 6 },
		unit: { layer: 1 },
		detail: { title: 'Conv, map 2, row 3, column 4', value: 1.5 },
		accuracy: 0.9,
		training: false
	};

	it('publishes the class names, the probability, the unit layer’s H×W×C and the accuracy', () => {
		const observed = networkObserved(onScreen);
		expect(observed.network).toBe('fashion');
		expect(observed.layers).toBe(3);
		expect(observed.predictedClass).toBe('Coat');
		expect(observed.probability).toBeCloseTo(0.6, 6);
		expect(observed.trueClass).toBe('Shirt');
		expect(observed.unitLayerShape).toBe('14×14×16');
		expect(observed.unitValue).toBe(1.5);
		expect(observed.testAccuracy).toBe(0.9);
	});

	it('publishes nothing measured while no picture is shown, and announces nothing', () => {
		const none = { ...onScreen, shown: false, maps: [], probabilities: null, predicted: null };
		const observed = networkObserved({ ...none, test: null, unit: null, detail: null });
		expect(observed.layers).toBeNull();
		expect(observed.predictedClass).toBeNull();
		expect(observed.probability).toBeNull();
		expect(observed.unitLayerShape).toBeNull();
		expect(networkAnnouncement(none)).toBeNull();
	});

	it('announces the test image’s true class and the prediction on screen', () => {
		expect(networkAnnouncement(onScreen)).toBe(
			'Classifier on test image 7 (a Shirt): says Coat, 60.0 %. Colour range: each layer; saliency: Grad-CAM. Selected Conv, map 2, row 3, column 4: 1.500.'
		);
	});
});

describe('networkAnnouncement while the maps follow live training', () => {
	it('leaves out the ticking numbers: the prediction and the unit’s value', () => {
		const maps = [map(28, 28, 1)];
		expect(
			networkAnnouncement({
				settings: { model: 'fashion', src: 'image', range: 'global', sal: 'grad' },
				maps,
				shown: true,
				probabilities: Float32Array.from([0.2, 0.8]),
				predicted: 1,
				test: null,
				unit: { layer: 0 },
				detail: { title: 'Input, row 1, column 2', value: 0.25 },
				accuracy: null,
				training: true
			})
		).toBe(
			'Classifier on your image: 1 layer. Colour range: the whole network; saliency: input gradient. Selected Input, row 1, column 2.'
		);
	});
});

describe('selectedUnit', () => {
	const maps = [map(28, 28, 1), map(14, 14, 16), map(1, 1, 10)];
	const flat = (layer: number) => layer === 2;
	it.each([
		[
			{ layer: 1, channel: 15, y: 13, x: 13 },
			{ layer: 1, channel: 15, y: 13, x: 13 }
		],
		[{ layer: 1, channel: 16, y: 0, x: 0 }, null], // channel 16 of 16
		[{ layer: 1, channel: 0, y: 14, x: 0 }, null], // row 14 of 14
		[{ layer: 3, channel: 0, y: 0, x: 0 }, null], // no layer 3
		[
			{ layer: 2, channel: 9, y: 5, x: 6 },
			{ layer: 2, channel: 9, y: 0, x: 0 }
		] // a vector: no row or column
	])('%o → %o', (unit, expected) => {
		expect(selectedUnit(unit, maps, flat)).toEqual(expected);
	});
});
