/**
 * The compact, readable text of a layer stack used in URLs: `c7s2,p3s2,c3,c3d2`.
 * One token per layer: a kind (`c` conv, `dw` depthwise conv, `p` max pool, `a` average pool),
 * the kernel size, then optional suffixes in this order: `s` stride, `d` dilation, `p` padding
 * (`pv` valid, `ps` same, `p2` two zeros each side) and `x` channels (convs only).
 * Defaults: convs stride 1, 'same', 64 channels; pools stride = kernel, 'valid'.
 */
import type { Padding } from '../convArithmetic';
import { chain, layer, type Architecture, type LayerOp } from './architecture';

export const LAYER_LIMITS = {
	kernel: 31,
	stride: 8,
	dilation: 32,
	padding: 32,
	channels: 4096,
	layers: 64
} as const;
export const DEFAULT_CHANNELS = 64;

const PREFIX: Record<LayerOp['kind'], string> = {
	conv: 'c',
	dwconv: 'dw',
	maxpool: 'p',
	avgpool: 'a'
};
const KIND_OF: Record<string, LayerOp['kind']> = {
	c: 'conv',
	dw: 'dwconv',
	p: 'maxpool',
	a: 'avgpool'
};
const TOKEN =
	/^(c|dw|p|a)([1-9]\d?)(?:s([1-9]))?(?:d([1-9]\d?))?(?:p(v|s|0|[1-9]\d?))?(?:x([1-9]\d{0,3}))?$/;

const isPool = (kind: LayerOp['kind']) => kind === 'maxpool' || kind === 'avgpool';

/** One token → layer, or undefined if it is not one this module writes (or out of range). */
export function parseLayerToken(token: string): LayerOp | undefined {
	const m = TOKEN.exec(token);
	if (!m) return undefined;
	const kind = KIND_OF[m[1]];
	const kernel = Number(m[2]);
	const stride = m[3] ? Number(m[3]) : isPool(kind) ? kernel : 1;
	const dilation = m[4] ? Number(m[4]) : 1;
	let padding: Padding = isPool(kind) ? 'valid' : 'same';
	if (m[5] === 'v') padding = 'valid';
	else if (m[5] === 's') padding = 'same';
	else if (m[5] !== undefined) padding = Number(m[5]);
	const channels = m[6] ? Number(m[6]) : DEFAULT_CHANNELS;
	if (kernel > LAYER_LIMITS.kernel || stride > LAYER_LIMITS.stride) return undefined;
	if (
		dilation > LAYER_LIMITS.dilation ||
		(typeof padding === 'number' && padding > LAYER_LIMITS.padding)
	)
		return undefined;
	if (kind !== 'conv' && m[6]) return undefined; // only a full conv chooses its channel count
	if (isPool(kind) && dilation !== 1) return undefined;
	return layer(kind, kernel, {
		stride,
		dilation,
		padding,
		channels: kind === 'conv' ? channels : 0
	});
}

/** Layer → its shortest token (defaults left out), which parseLayerToken reads back. */
export function formatLayerToken(op: LayerOp): string {
	const pool = isPool(op.kind);
	let text = `${PREFIX[op.kind]}${op.kernel}`;
	if (op.stride !== (pool ? op.kernel : 1)) text += `s${op.stride}`;
	if (op.dilation !== 1) text += `d${op.dilation}`;
	if (op.padding !== (pool ? 'valid' : 'same'))
		text += `p${op.padding === 'valid' ? 'v' : op.padding === 'same' ? 's' : op.padding}`;
	if (op.kind === 'conv' && op.channels !== DEFAULT_CHANNELS) text += `x${op.channels}`;
	return text;
}

/** `c3,c3,p2` → layers; undefined if any token is invalid or there are 0 or over 64 layers. */
export function parseLayerCode(text: string): LayerOp[] | undefined {
	if (text.length > LAYER_LIMITS.layers * 16) return undefined;
	const tokens = text.split(',');
	if (tokens.length === 0 || tokens.length > LAYER_LIMITS.layers) return undefined;
	const layers = tokens.map(parseLayerToken);
	return layers.every((l): l is LayerOp => l !== undefined) ? layers : undefined;
}

export function formatLayerCode(layers: readonly LayerOp[]): string {
	return layers.map(formatLayerToken).join(',');
}

/** A custom stack as an architecture, its layers named by position and kind. */
export function customArchitecture(
	layers: readonly LayerOp[],
	title = 'Custom stack'
): Architecture {
	const names: Record<LayerOp['kind'], string> = {
		conv: 'conv',
		dwconv: 'dwconv',
		maxpool: 'maxpool',
		avgpool: 'avgpool'
	};
	return chain(
		'custom',
		title,
		layers.map((op, i) => ({
			name: `${i + 1} ${names[op.kind]}${op.kernel}×${op.kernel}`,
			op: { ...op }
		}))
	);
}
