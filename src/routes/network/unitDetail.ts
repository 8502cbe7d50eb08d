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
import { SELFIE_INPUT_SIZE } from '$lib/engine/selfieLevels';
import { applyStepActivation } from '$lib/engine/selfieSteps';
import type { UnitRef } from '$lib/state/networkState';
import type { MapData } from '$lib/types/mapData';
import { FASHION_SIDE as SIDE } from '$lib/engine/fashionClasses';
import type { ClassifierSession } from './classifierSession';
import type { Picture } from './networkPicture';
import type { SelfieSession } from './selfieSession';
import { NETWORK_SELFIE_LEVELS } from './selfieLevels';

export interface UnitDetail {
	title: string;
	value: number;
	field: string;
	box: { y0: number; y1: number; x0: number; x1: number } | null;
	kernelList: Float32Array[];
	kernelSize: number;
	breakdown: UnitBreakdown | null;
	activation: string;
	/** the activation step after the sum, when the inspector should show it: name and result */
	after?: { name: string; value: number };
	note?: string;
	/** the sum has a bias term (false: a conv without one, e.g. before batch norm) */
	hasBias?: boolean;
	/** a dense unit: what its input number i is, in words (it has no rows, columns or kernel) */
	denseInput?: (i: number) => string;
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
			detail.hasBias = bias !== undefined;
			if (!bias && session.layers[unit.layer + 1]?.kind === 'batchnorm')
				detail.note =
					'No bias: batch norm, the next layer, subtracts the mean and adds its own learned shift β.';
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
			detail.hasBias = bias !== undefined;
			const shape = session.layers[unit.layer - 1]?.shape ?? [below.channels];
			const prevShape = unit.layer >= 2 ? session.layers[unit.layer - 2].shape : shape;
			const previous = session.layers[unit.layer - 1];
			const source = unit.layer >= 2 ? session.layers[unit.layer - 2] : null;
			detail.denseInput =
				previous?.kind === 'flatten' && source && source.shape.length === 3
					? (i) => {
							const [, w, c] = source.shape;
							return `${previous.name} ${i + 1} = ${source.name} map ${(i % c) + 1}, row ${Math.floor(i / (w * c))}, column ${Math.floor(i / c) % w}`;
						}
					: (i) => `${previous?.name ?? 'input'} unit ${i + 1}`;
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

/**
 * The box around a measured receptive field [256, 256]: every pixel whose |∂unit/∂pixel| is at
 * least 1 % of the largest, or null when the gradient is zero everywhere (a dead ReLU).
 */
export function fieldBox(
	field: Float32Array,
	size: number
): { y0: number; y1: number; x0: number; x1: number; share: number } | null {
	let max = 0;
	for (const v of field) if (v > max) max = v;
	if (max === 0) return null;
	let [y0, y1, x0, x1] = [size, -1, size, -1];
	let count = 0;
	for (let i = 0; i < field.length; i++) {
		if (field[i] < 0.01 * max) continue;
		const y = Math.floor(i / size);
		const x = i % size;
		count++;
		if (y < y0) y0 = y;
		if (y > y1) y1 = y;
		if (x < x0) x0 = x;
		if (x > x1) x1 = x;
	}
	return { y0, y1, x0, x1, share: count / field.length };
}

/**
 * A selfie-network unit: its value; for a level that is one conv step (the stem's 3×3 stride-2
 * conv on RGB with hard-swish, the 1×1 conv + ReLU after it) its kernels and dot product from
 * the graph's weights; its receptive field measured as the gradient of the unit with respect to
 * the input (`measured`, [256, 256], once computed), or the stem's exact 3×3 window.
 */
export function selfieUnit(
	session: SelfieSession,
	maps: MapData[],
	input: Float32Array,
	unit: UnitRef,
	measured: Float32Array | null
): UnitDetail {
	const map = maps[unit.layer];
	const level = NETWORK_SELFIE_LEVELS[unit.layer];
	const value = valueAt(map, unit, false);
	const step = session.steps[unit.layer];
	const detail: UnitDetail = {
		title: `${level.label}, map ${unit.channel + 1}, row ${unit.y}, column ${unit.x}`,
		value,
		field: '',
		box: null,
		kernelList: [],
		kernelSize: step?.kernel ?? 3,
		breakdown: null,
		activation: step?.activation.kind ?? 'linear'
	};
	if (step) {
		const below: MapData =
			step.input === 'input_1'
				? { data: input, height: SELFIE_INPUT_SIZE, width: SELFIE_INPUT_SIZE, channels: 3 }
				: maps[NETWORK_SELFIE_LEVELS.findIndex((l) => l.node === step.input)];
		const kernel = session.weight(step.filter);
		const bias = step.bias ? (session.weight(step.bias) ?? null) : null;
		detail.hasBias = bias !== null;
		if (kernel && below) {
			detail.kernelList = Array.from({ length: below.channels }, (_, c) =>
				kernelSlice(kernel, step.kernel, below.channels, map.channels, c, unit.channel)
			);
			detail.breakdown = convUnitBreakdown(
				below,
				kernel,
				bias,
				{ kernelSize: step.kernel, stride: step.stride, padding: step.padding, dilation: 1 },
				map.channels,
				unit.channel,
				unit.y,
				unit.x
			);
			const after = applyStepActivation(step.activation, detail.breakdown.preActivation);
			const a = step.activation;
			detail.after = {
				name:
					a.kind === 'hard-swish'
						? `hard-swish x·ReLU6(x + ${formatValue(a.offset)})·${formatValue(a.scale)}`
						: a.kind === 'relu'
							? 'ReLU'
							: 'no activation',
				value: after
			};
			detail.note = `Read from the graph: node ${step.conv} (${step.kernel}×${step.kernel}, stride ${step.stride}, ${step.padding} padding) on ${step.input === 'input_1' ? 'the RGB input' : `the level “${NETWORK_SELFIE_LEVELS.find((l) => l.node === step.input)?.label}”`}, + bias${a.kind === 'linear' ? '' : `, then ${detail.after.name}`}.`;
		}
	}
	const k = step?.kernel ?? 3;
	if (unit.layer === 0 && step) {
		// The stem: 'same' with stride 2 on 256 pads nothing above or left, so the window is exact.
		const y0 = unit.y * step.stride;
		const x0 = unit.x * step.stride;
		detail.box = {
			y0,
			y1: Math.min(SELFIE_INPUT_SIZE - 1, y0 + k - 1),
			x0,
			x1: Math.min(SELFIE_INPUT_SIZE - 1, x0 + k - 1)
		};
		detail.field = `${k}×${k} input pixels (rows ${range(detail.box.y0, detail.box.y1)}, columns ${range(detail.box.x0, detail.box.x1)} of the 256² input), × 3 colour channels.`;
		return detail;
	}
	const box = measured ? fieldBox(measured, SELFIE_INPUT_SIZE) : null;
	if (box) {
		detail.box = box;
		detail.field = `measured as the gradient of this unit with respect to the input (shown over it): the pixels that move it by at least 1 % of the most lie in rows ${range(box.y0, box.y1)}, columns ${range(box.x0, box.x1)} (${box.y1 - box.y0 + 1}×${box.x1 - box.x0 + 1} px, ${(100 * box.share).toFixed(1)} % of the image).${unit.layer >= 2 ? ' Squeeze-and-excitation scales each map by a weight pooled over the whole image, so every pixel moves it a little.' : ''}`;
	} else {
		detail.field = measured
			? 'the gradient of this unit with respect to the input is zero here (its ReLU is off): no pixel moves it a little.'
			: 'measuring (the gradient of this unit with respect to the input)…';
	}
	return detail;
}

/**
 * The inspector's content for `unit` on the picture shown, or null: a classifier unit once the
 * maps belong to the model's current weights; a selfie unit with its measured field once there.
 */
export function unitDetail(
	picture: Picture | null,
	unit: UnitRef | null,
	classifier: ClassifierSession | null,
	selfie: SelfieSession | null,
	measured: Float32Array | null
): UnitDetail | null {
	if (!unit || !picture) return null;
	const { maps, input } = picture.p;
	if (picture.kind === 'fashion' && classifier && picture.p.version === classifier.version)
		return classifierUnit(classifier, maps, input, unit);
	if (picture.kind === 'selfie' && selfie) return selfieUnit(selfie, maps, input, unit, measured);
	return null;
}
