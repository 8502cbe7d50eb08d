/**
 * URL state of the receptive-field lab: two architectures (a preset, or a custom stack written
 * compactly as `c7s2,p3s2,c3,c3d2`), the selected unit, and the effective-receptive-field
 * experiment (weights, activation, channels). The image is the shell's (`img` in sharedState).
 */
import { enumField, intChoiceField, parseInteger } from './fields';
import type { Field, StateOf } from './urlSchema';
import { PRESET_IDS } from '$lib/engine/architectures/catalogue';
import { formatLayerCode, LAYER_LIMITS, parseLayerCode } from '$lib/engine/architectures/layerCode';
import type { LayerOp } from '$lib/engine/architectures/architecture';

export const ARCH_CHOICES = [...PRESET_IDS, 'custom'] as const;
export type ArchChoice = (typeof ARCH_CHOICES)[number];
/** Largest node index and unit coordinate the URL may name (ResNet-50 has 69 nodes; images ≤ 1024 px). */
export const NODE_MAX = 999;
export const UNIT_MAX = 4095;

export type LayerSelection = 'last' | number;
export type UnitSelection = 'centre' | { y: number; x: number };

function layersField(def: string): Field<LayerOp[]> {
	const value = parseLayerCode(def);
	if (!value) throw new RangeError(`layersField: bad default ${def}`);
	return {
		default: value,
		parse: (raw) => parseLayerCode(raw),
		serialize: (layers) => formatLayerCode(layers),
		expected:
			`1 to ${LAYER_LIMITS.layers} comma-separated layers such as c7s2,p3s2,c3d2 ` +
			'(c conv, dw depthwise, p max pool, a average pool; kernel; then s stride, d dilation, p padding v/s/n, x channels)'
	};
}

function layerField(): Field<LayerSelection> {
	return {
		default: 'last',
		parse(raw) {
			if (raw === 'last') return 'last';
			const index = parseInteger(raw);
			return index !== undefined && index >= 0 && index <= NODE_MAX ? index : undefined;
		},
		serialize: (layer) => String(layer),
		expected: `last or a layer number from 0 to ${NODE_MAX}`
	};
}

function unitField(): Field<UnitSelection> {
	return {
		default: 'centre',
		parse(raw) {
			if (raw === 'centre') return 'centre';
			const parts = raw.split(',');
			if (parts.length !== 2) return undefined;
			const [y, x] = parts.map(parseInteger);
			if (y === undefined || x === undefined) return undefined;
			if (y < 0 || x < 0 || y > UNIT_MAX || x > UNIT_MAX) return undefined;
			return { y, x };
		},
		serialize: (unit) => (unit === 'centre' ? 'centre' : `${unit.y},${unit.x}`),
		expected: `centre or row,column (integers from 0 to ${UNIT_MAX})`
	};
}

/** The lab's schema; a fresh object each call. */
export function receptiveFieldSchema(): ReceptiveFieldSchema {
	return {
		arch: enumField(ARCH_CHOICES, 'conv3x3'),
		layers: layersField('c3,c3,c3'),
		archb: enumField(ARCH_CHOICES, 'conv7'),
		layersb: layersField('c7'),
		side: enumField(['a', 'b'], 'a'),
		layer: layerField(),
		unit: unitField(),
		weights: enumField(['ones', 'random', 'trained'], 'random'),
		act: enumField(['linear', 'relu'], 'linear'),
		erfc: intChoiceField([1, 2, 4, 8], 2)
	};
}

export type ReceptiveFieldSchema = {
	/** architecture A: a preset id, or 'custom' for `layers` */
	arch: Field<ArchChoice>;
	layers: Field<LayerOp[]>;
	/** architecture B, side by side with A */
	archb: Field<ArchChoice>;
	layersb: Field<LayerOp[]>;
	/** which architecture the selected unit belongs to */
	side: Field<'a' | 'b'>;
	/** node index of the selected unit's layer */
	layer: Field<LayerSelection>;
	/** the selected unit: its row and column in that layer's output */
	unit: Field<UnitSelection>;
	/** ERF weights: all ones, seeded random, or trained (none ships yet) */
	weights: Field<'ones' | 'random' | 'trained'>;
	/** ERF activations between layers */
	act: Field<'linear' | 'relu'>;
	/** channels per conv in the ERF experiment */
	erfc: Field<1 | 2 | 4 | 8>;
};
export type ReceptiveFieldState = StateOf<ReceptiveFieldSchema>;

/** Trained weights for the ERF: none ships with the app yet. */
export const TRAINED_WEIGHTS_AVAILABLE = false;

/**
 * Cross-field rules: `layers`/`layersb` only mean something with a custom architecture, and
 * trained weights exist only when a trained model does. Appends a notice per change and
 * returns a corrected copy (or `state` itself when nothing changes).
 */
export function reconcileReceptiveFieldState(
	state: ReceptiveFieldState,
	params: URLSearchParams,
	notices: string[]
): ReceptiveFieldState {
	let next = state;
	for (const [arch, layers] of [
		['arch', 'layers'],
		['archb', 'layersb']
	] as const) {
		if (params.has(layers) && state[arch] !== 'custom') {
			notices.push(`Ignored ${layers}=…: it applies only with ${arch}=custom.`);
		}
	}
	if (state.weights === 'trained' && !TRAINED_WEIGHTS_AVAILABLE) {
		notices.push(
			'No trained model ships with ConvLab yet, so weights=trained is not available; showing seeded random weights.'
		);
		next = { ...next, weights: 'random' };
	}
	return next;
}
