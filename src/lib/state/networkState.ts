/**
 * URL state of the /network lab: which network, what it looks at, how the maps are coloured,
 * which unit is inspected, the saliency shown, the confusion-matrix cell opened and the live
 * training's settings. The image itself is the shell's (`img`); a drawing, like an upload, is
 * never put in a URL.
 *
 *   /network/?model=fashion&src=test&test=42&range=layer&unit=2,5,10,12&sal=gradcam&cls=pred
 */
import { parseInteger } from './fields';
import { enumField, intChoiceField, intField, numberField } from './fields';
import type { Field, StateOf } from './urlSchema';

export const NETWORK_MODELS = ['fashion', 'selfie'] as const;
export type NetworkModel = (typeof NETWORK_MODELS)[number];
export const INPUT_SOURCES = ['image', 'test', 'draw'] as const;
export type InputSource = (typeof INPUT_SOURCES)[number];
export const SALIENCY_METHODS = ['gradcam', 'grad', 'off'] as const;
export type SaliencyMethod = (typeof SALIENCY_METHODS)[number];
export const RANGE_MODES = ['unit', 'layer', 'global'] as const;
export const BATCH_SIZES = [8, 16, 32, 64, 128] as const;
export const TEST_IMAGES = 10_000;
export const LAYER_MAX = 99;
export const CLASS_COUNT = 10;
/** Largest channel / row / column a unit may name (the selfie network: 128 channels, 256 px). */
const UNIT_MAX = 511;

/** A unit of one layer: layer index (the lab's order), channel, row, column. */
export interface UnitRef {
	layer: number;
	channel: number;
	y: number;
	x: number;
}

function listField<T>(
	count: number,
	max: number[],
	make: (values: number[]) => T,
	write: (value: T) => number[],
	expected: string
): Field<T | null> {
	return {
		default: null,
		parse(raw) {
			if (raw === 'none') return null;
			const parts = raw.split(',');
			if (parts.length !== count) return undefined;
			const values = parts.map(parseInteger);
			if (values.some((v, i) => v === undefined || v < 0 || v > max[i])) return undefined;
			return make(values as number[]);
		},
		serialize: (value) => (value === null ? 'none' : write(value).join(',')),
		expected
	};
}

const unitField = () =>
	listField<UnitRef>(
		4,
		[LAYER_MAX, UNIT_MAX, UNIT_MAX, UNIT_MAX],
		([layer, channel, y, x]) => ({ layer, channel, y, x }),
		(u) => [u.layer, u.channel, u.y, u.x],
		`none or layer,channel,row,column (layer 0–${LAYER_MAX}, the others 0–${UNIT_MAX})`
	);
const cellField = () =>
	listField<{ truth: number; predicted: number }>(
		2,
		[CLASS_COUNT - 1, CLASS_COUNT - 1],
		([truth, predicted]) => ({ truth, predicted }),
		(c) => [c.truth, c.predicted],
		`none or true,predicted (classes 0–${CLASS_COUNT - 1})`
	);
const classField = (): Field<number | 'pred'> => ({
	default: 'pred',
	parse(raw) {
		if (raw === 'pred') return 'pred';
		const value = parseInteger(raw);
		return value !== undefined && value >= 0 && value < CLASS_COUNT ? value : undefined;
	},
	serialize: (value) => String(value),
	expected: `pred or a class 0–${CLASS_COUNT - 1}`
});

export type NetworkSchema = {
	model: Field<NetworkModel>;
	/** the classifier's input: the shared image, a test-set image or the drawing pad */
	src: Field<InputSource>;
	/** test-set image index */
	test: Field<number>;
	/** colour range of the maps: each map, each layer, or one for all */
	range: Field<(typeof RANGE_MODES)[number]>;
	unit: Field<UnitRef | null>;
	sal: Field<SaliencyMethod>;
	/** the class saliency explains: the predicted one or a class index */
	cls: Field<number | 'pred'>;
	/** the selfie network's Grad-CAM level (an encoder level of the lab's list, 0–5) */
	lvl: Field<number>;
	/** the confusion-matrix cell whose images are listed */
	cell: Field<{ truth: number; predicted: number } | null>;
	lr: Field<number>;
	batch: Field<(typeof BATCH_SIZES)[number]>;
};
export type NetworkState = StateOf<NetworkSchema>;

/** The lab's schema; a fresh object each call. */
export function networkSchema(): NetworkSchema {
	return {
		model: enumField(NETWORK_MODELS, 'fashion'),
		src: enumField(INPUT_SOURCES, 'image'),
		test: intField(0, TEST_IMAGES - 1, 0),
		range: enumField(RANGE_MODES, 'layer'),
		unit: unitField(),
		sal: enumField(SALIENCY_METHODS, 'gradcam'),
		cls: classField(),
		lvl: intField(0, 5, 4),
		cell: cellField(),
		lr: numberField(0.00001, 0.1, 0.002),
		batch: intChoiceField(BATCH_SIZES, 32)
	};
}
