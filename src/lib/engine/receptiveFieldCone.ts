/**
 * The cone under one unit: for every node below it, the range of that node's units the chosen
 * unit depends on (along each axis), and the input pixels at the bottom. Walked backwards
 * through the graph, so every path counts and a join passes its range to all of its inputs.
 */
import { axisPadding } from './convArithmetic';
import { INPUT, type Architecture } from './architectures/architecture';
import type { ReceptiveFieldTable } from './receptiveField';

/** Units [from, to] along one axis, inclusive; null where the unit reaches only padding. */
export type UnitRange = [number, number] | null;

export interface ConeLevel {
	/** node index, or -1 for the input image */
	index: number;
	y: UnitRange;
	x: UnitRange;
}

function hull(a: UnitRange, b: UnitRange): UnitRange {
	if (!a) return b;
	if (!b) return a;
	return [Math.min(a[0], b[0]), Math.max(a[1], b[1])];
}

function clip(range: [number, number], size: number): UnitRange {
	const from = Math.max(0, range[0]);
	const to = Math.min(size - 1, range[1]);
	return from <= to ? [from, to] : null;
}

/**
 * Ranges of units in every node that unit (uy, ux) of node `target` depends on; nodes that do
 * not feed `target` are left out. Ranges are clipped to each node's grid (the padding beyond
 * it holds no units). Levels come back bottom-up: the input first, `target` last.
 */
export function receptiveFieldCone(
	arch: Architecture,
	table: ReceptiveFieldTable,
	target: number,
	uy: number,
	ux: number
): ConeLevel[] {
	const ranges = new Map<number, { y: UnitRange; x: UnitRange }>();
	ranges.set(target, { y: [uy, uy], x: [ux, ux] });
	const sizeOf = (i: number) => (i === INPUT ? table.input : table.rows[i]);
	const reach = (i: number, y: UnitRange, x: UnitRange) => {
		const old = ranges.get(i) ?? { y: null, x: null };
		ranges.set(i, { y: hull(old.y, y), x: hull(old.x, x) });
	};
	for (let i = target; i >= 0; i--) {
		const here = ranges.get(i);
		if (!here || !here.y || !here.x) continue;
		const node = arch.nodes[i];
		for (const from of node.inputs) {
			const below = sizeOf(from);
			if (node.op.kind === 'add') {
				reach(from, here.y, here.x);
				continue;
			}
			const op = node.op;
			const back = (range: [number, number], size: number): UnitRange => {
				const g = {
					kernelSize: op.kernel,
					stride: op.stride,
					padding: op.padding,
					dilation: op.dilation
				};
				const before = axisPadding(size, g).before;
				const span = (op.kernel - 1) * op.dilation;
				return clip([range[0] * op.stride - before, range[1] * op.stride - before + span], size);
			};
			reach(from, back(here.y, below.y.size), back(here.x, below.x.size));
		}
	}
	const levels: ConeLevel[] = [];
	for (const index of [INPUT, ...arch.nodes.map((_, i) => i)]) {
		const range = ranges.get(index);
		if (range && index <= target) levels.push({ index, ...range });
	}
	return levels;
}
