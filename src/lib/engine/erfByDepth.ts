/**
 * Effective vs theoretical receptive field as a network gets deeper: the ERF of the centre unit
 * after each layer (or, in a graph, after each point every path passes through — a ResNet
 * unit's output), against the theoretical field at the same depth.
 */
import type * as tf from '@tensorflow/tfjs-core';
import { INPUT, type Architecture } from './architectures/architecture';
import { effectiveReceptiveField, type ErfOptions } from './effectiveReceptiveField';
import { erfCost, erfRefusal } from './erfCost';
import { erfSummary } from './erfSummary';
import { unitCentre, unitSpan, type ReceptiveFieldTable } from './receptiveField';

export interface DepthPoint {
	index: number;
	name: string;
	/** conv and pool layers on the longest path from the input to this node */
	depth: number;
	/** theoretical field size r (along the height axis) and its half-width (r − 1) / 2 */
	rf: number;
	theoreticalRadius: number;
	radius95: number;
	sigma: number;
}

/** Layers on the longest path to each node (a join adds none). */
export function layerDepths(arch: Architecture): number[] {
	const depths: number[] = [];
	arch.nodes.forEach((node) => {
		const below = Math.max(...node.inputs.map((i) => (i === INPUT ? 0 : depths[i])));
		depths.push(below + (node.op.kind === 'add' ? 0 : 1));
	});
	return depths;
}

/** Nodes every input-to-output path passes through: no edge jumps over them. */
export function cutNodes(arch: Architecture): number[] {
	return arch.nodes
		.map((_, i) => i)
		.filter((i) => arch.nodes.every((node, m) => m <= i || node.inputs.every((from) => from >= i)));
}

/** Up to `count` indices spread evenly over `items`, always keeping the last one. */
export function spread<T>(items: readonly T[], count: number): T[] {
	if (items.length <= count) return [...items];
	return Array.from(
		{ length: count },
		(_, k) => items[Math.round(((k + 1) * items.length) / count) - 1]
	);
}

/**
 * ERF radius (95 % of the mass) and standard deviation of the centre unit at up to `maxPoints`
 * depths. `image` is [height, width, channels] as in `effectiveReceptiveField`. Stops before a
 * layer with no output or one whose ERF is over the cost limits (erfCost.ts); `onProgress`
 * hears after each depth how many of how many are done.
 */
export async function erfByDepth(
	arch: Architecture,
	table: ReceptiveFieldTable,
	image: tf.Tensor3D,
	options: ErfOptions,
	maxPoints = 16,
	onProgress: (done: number, total: number) => void = () => {}
): Promise<DepthPoint[]> {
	const depths = layerDepths(arch);
	const points: DepthPoint[] = [];
	const indices = spread(cutNodes(arch), maxPoints);
	const [height, width] = image.shape;
	for (const index of indices) {
		const row = table.rows[index];
		if (row.y.size === 0 || row.x.size === 0) break;
		const uy = Math.floor(row.y.size / 2);
		const ux = Math.floor(row.x.size / 2);
		const cost = erfCost(arch, height, width, index, uy, ux, options.channels);
		if (erfRefusal(cost)) break;
		const gradient = await effectiveReceptiveField(arch, image, index, uy, ux, options);
		const [y0, y1] = unitSpan(row.y, uy);
		const [x0, x1] = unitSpan(row.x, ux);
		const box = {
			y0: Math.max(0, y0),
			y1: Math.min(gradient.height - 1, y1),
			x0: Math.max(0, x0),
			x1: Math.min(gradient.width - 1, x1)
		};
		const summary = erfSummary(gradient, box, unitCentre(row.y, uy), unitCentre(row.x, ux));
		points.push({
			index,
			name: row.name,
			depth: depths[index],
			rf: row.y.rf,
			theoreticalRadius: (row.y.rf - 1) / 2,
			radius95: summary.radius95,
			sigma: summary.sigma
		});
		onProgress(points.length, indices.length);
	}
	return points;
}
