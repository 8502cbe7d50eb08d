/**
 * What the inspector shows for a selected unit, computed from the maps on screen and the
 * model's weights: its value, its receptive field on the input (box and words), and for a conv
 * or dense unit the kernels and the dot product behind it; for the other layers what they do
 * with the layer below, in numbers.
 */
import { unitSpan } from '$lib/engine/receptiveField';
import {
	convUnitBreakdown,
	denseUnitBreakdown,
	kernelSlice,
	type UnitBreakdown
} from '$lib/engine/unitBreakdown';
import { formatValue } from '$lib/components/formatValue';
import { SELFIE_INPUT_SIZE, SELFIE_LEVELS } from '$lib/engine/selfieLevels';
import type { UnitRef } from '$lib/state/networkState';
import type { MapData } from '$lib/viz/mapData';
import { FASHION_SIDE as SIDE } from '$lib/engine/fashionClasses';
import type { ClassifierSession } from './classifierSession';

export interface UnitDetail {
	title: string;
	value: number;
	field: string;
	box: { y0: number; y1: number; x0: number; x1: number } | null;
	kernelList: Float32Array[];
	kernelSize: number;
	breakdown: UnitBreakdown | null;
	activation: string;
	note?: string;
}

function valueAt(map: MapData, unit: UnitRef, flat: boolean): number {
	return flat
		? map.data[unit.channel]
		: map.data[(unit.y * map.width + unit.x) * map.channels + unit.channel];
}

const range = (a: number, b: number) => (a === b ? `${a}` : `${a}–${b}`);

/** A classifier unit; `maps` are the picture's layers, `input` its [28, 28] input. */
export function classifierUnit(
	session: ClassifierSession,
	maps: MapData[],
	input: Float32Array,
	unit: UnitRef
): UnitDetail {
	const layer = session.layers[unit.layer];
	const info = session.info[unit.layer];
	const map = maps[unit.layer];
	const value = valueAt(map, unit, info.flat);
	const title = info.flat
		? `${layer.name}, unit ${unit.channel + 1}`
		: `${layer.name}, map ${unit.channel + 1}, row ${unit.y}, column ${unit.x}`;
	const detail: UnitDetail = {
		title,
		value,
		field: '',
		box: null,
		kernelList: [],
		kernelSize: 3,
		breakdown: null,
		activation: layer.activation
	};
	const row = session.field.rows[unit.layer];
	if (row && !info.flat) {
		const [y0, y1] = unitSpan(row.y, unit.y);
		const [x0, x1] = unitSpan(row.x, unit.x);
		detail.box = { y0, y1, x0, x1 };
		const clipped = (a: number, b: number) => range(Math.max(0, a), Math.min(SIDE - 1, b));
		const padded = y0 < 0 || x0 < 0 || y1 >= SIDE || x1 >= SIDE;
		detail.field = `${row.y.rf}×${row.x.rf} input pixels: rows ${clipped(y0, y1)}, columns ${clipped(x0, x1)} of the 28×28 input${padded ? ' (part of it lies in the zero padding)' : ''}; neighbouring units are ${row.x.jump} px apart.`;
	} else {
		detail.box = { y0: 0, y1: SIDE - 1, x0: 0, x1: SIDE - 1 };
		detail.field = 'the whole 28×28 input: after Flatten every unit sees every pixel.';
	}
	const below: MapData =
		unit.layer === 0
			? { data: input, height: SIDE, width: SIDE, channels: 1 }
			: maps[unit.layer - 1];
	const belowValue = () =>
		info.flat
			? below.data[unit.channel]
			: below.data[(unit.y * below.width + unit.x) * below.channels + unit.channel];
	const weights = session.weights(unit.layer);
	switch (layer.kind) {
		case 'conv': {
			const w = layer.window!;
			const [kernel, bias] = weights;
			const outC = layer.shape[2];
			detail.kernelSize = w.kernel;
			detail.kernelList = Array.from({ length: below.channels }, (_, c) =>
				kernelSlice(kernel, w.kernel, below.channels, outC, c, unit.channel)
			);
			detail.breakdown = convUnitBreakdown(
				below,
				kernel,
				bias ?? null,
				{ kernelSize: w.kernel, stride: w.stride, padding: w.padding, dilation: w.dilation },
				outC,
				unit.channel,
				unit.y,
				unit.x
			);
			break;
		}
		case 'dense': {
			const [kernel, bias] = weights;
			detail.kernelSize = 99;
			const shape = session.layers[unit.layer - 1]?.shape ?? [below.channels];
			const prevShape = unit.layer >= 2 ? session.layers[unit.layer - 2].shape : shape;
			detail.breakdown = denseUnitBreakdown(
				below.data,
				session.layers[unit.layer - 1]?.kind === 'flatten' ? prevShape : shape,
				kernel,
				bias ?? null,
				layer.shape[0],
				unit.channel
			);
			break;
		}
		case 'batchnorm': {
			const [gamma, beta, mean, variance] = weights;
			const c = unit.channel;
			const x = belowValue();
			detail.note = `Batch norm: γ·(x − μ)/√(σ² + ε) + β = ${formatValue(gamma[c])}·(${formatValue(x)} − ${formatValue(mean[c])})/√(${formatValue(variance[c])} + 0.001) + ${formatValue(beta[c])} = ${formatValue(value)}, with this channel's learned γ, β and the running μ, σ² of training.`;
			break;
		}
		case 'activation':
			detail.note =
				layer.activation === 'softmax'
					? `Softmax: e^logit / Σ e^logits = ${formatValue(value)} (logit ${formatValue(belowValue())}).`
					: `ReLU: max(0, x) of the same position in the layer below: x = ${formatValue(belowValue())} → ${formatValue(value)}.`;
			break;
		case 'maxpool':
		case 'avgpool': {
			const w = layer.window!;
			const values: number[] = [];
			for (let dy = 0; dy < w.kernel; dy++)
				for (let dx = 0; dx < w.kernel; dx++) {
					const y = unit.y * w.stride + dy;
					const x = unit.x * w.stride + dx;
					if (y < below.height && x < below.width)
						values.push(below.data[(y * below.width + x) * below.channels + unit.channel]);
				}
			detail.note = `${layer.kind === 'maxpool' ? 'Max' : 'Mean'} of the ${w.kernel}×${w.kernel} window below (rows ${range(unit.y * w.stride, unit.y * w.stride + w.kernel - 1)}, columns ${range(unit.x * w.stride, unit.x * w.stride + w.kernel - 1)}): ${values.map((v) => formatValue(v)).join(', ')} → ${formatValue(value)}. No weights.`;
			break;
		}
		case 'flatten':
			detail.note = `Flatten: entry ${unit.channel} is row, column, channel of the layer below in row-major order; no weights.`;
			break;
		case 'dropout':
			detail.note = `Dropout zeroes random units while training only; here it passes ${formatValue(belowValue())} through.`;
			break;
	}
	return detail;
}

/** A selfie-network unit: its value and where its grid cell lies on the 256² input. */
export function selfieUnit(maps: MapData[], unit: UnitRef): UnitDetail {
	const map = maps[unit.layer];
	const level = SELFIE_LEVELS[unit.layer];
	const value = valueAt(map, unit, false);
	const stride = SELFIE_INPUT_SIZE / map.height;
	const y0 = Math.round(unit.y * stride);
	const x0 = Math.round(unit.x * stride);
	const first = unit.layer === 0;
	// The stem is a 3×3 conv with stride 2 ('same'): its field is exact. Deeper, the
	// squeeze-and-excitation blocks multiply every map by a weight pooled over the whole image.
	const box = first
		? { y0: 2 * unit.y - 0, y1: 2 * unit.y + 2, x0: 2 * unit.x, x1: 2 * unit.x + 2 }
		: {
				y0,
				y1: y0 + Math.max(1, Math.round(stride)) - 1,
				x0,
				x1: x0 + Math.max(1, Math.round(stride)) - 1
			};
	return {
		title: `${level.label}, map ${unit.channel + 1}, row ${unit.y}, column ${unit.x}`,
		value,
		field: first
			? `3×3 input pixels (rows ${range(box.y0, box.y1)}, columns ${range(box.x0, box.x1)} of the 256² input): the stem is one 3×3 conv with stride 2.`
			: `the whole image: from block 1 on, squeeze-and-excitation scales every map by a weight averaged over all positions, so each unit depends on every pixel a little. The box marks this unit's ${Math.round(stride)}×${Math.round(stride)} cell of the input grid (its stride), where its local evidence sits.`,
		box,
		kernelList: [],
		kernelSize: 3,
		breakdown: null,
		activation: 'linear',
		note: 'The kernels and dot products behind a unit are shown for the Fashion-MNIST classifier; this graph fuses its convolutions with batch norm and depthwise steps, read by node name.'
	};
}
