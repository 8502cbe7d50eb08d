/**
 * The Receptive-field lab's glue, pure: the two stacks' tables for the image, which unit is
 * selected, the field it reaches on the image (the overlay and its caption), the cone under it,
 * the cost of each stack, and the numbers the lab publishes. No DOM, no Svelte, no tensors.
 */
import type { Architecture, LayerOp } from '$lib/engine/architectures/architecture';
import { erfCost, erfRefusal, erfSeconds } from '$lib/engine/erfCost';
import { presetArchitecture } from '$lib/engine/architectures/catalogue';
import { customArchitecture } from '$lib/engine/architectures/layerCode';
import {
	architectureCost,
	receptiveField,
	unitCentre,
	unitSpan,
	type FieldRow,
	type ReceptiveFieldTable
} from '$lib/engine/receptiveField';
import { receptiveFieldCone } from '$lib/engine/receptiveFieldCone';
import type { ArchChoice, LayerSelection, UnitSelection } from '$lib/state/receptiveFieldState';
import type { Pixel } from '$lib/types/mapData';
import type { ArchitectureCost } from '$lib/viz/architectureCostChart';
import type { ConeRow } from '$lib/viz/receptiveFieldConeChart';

export type Unit = { y: number; x: number };
export interface TableResult {
	table: ReceptiveFieldTable | null;
	error: string | null;
}

export const buildArch = (choice: ArchChoice, layers: LayerOp[], title: string): Architecture =>
	choice === 'custom' ? customArchitecture(layers, title) : presetArchitecture(choice);

/** The stack's per-layer table for an image of height × width, or why it has none. */
export function tableOf(arch: Architecture, height: number, width: number): TableResult {
	try {
		return { table: receptiveField(arch, height, width), error: null };
	} catch (error) {
		return { table: null, error: error instanceof Error ? error.message : String(error) };
	}
}

/** The URL's layer (`last` or a node index) as a node index of `arch`. */
export function nodeIndexOf(arch: Architecture, layer: LayerSelection): number {
	const count = arch.nodes.length;
	if (count === 0) return 0;
	return layer === 'last' ? count - 1 : Math.min(layer, count - 1);
}

export const clampUnit = (u: number, size: number) => Math.max(0, Math.min(size - 1, u));

/** The selected unit of `row`: the hovered one, else the URL's, clamped to the layer's grid. */
export function unitOf(row: FieldRow | null, hovered: Unit | null, pinned: UnitSelection) {
	if (!row || row.y.size === 0 || row.x.size === 0) return null;
	const base =
		hovered ??
		(pinned === 'centre'
			? { y: Math.floor(row.y.size / 2), x: Math.floor(row.x.size / 2) }
			: pinned);
	return { y: clampUnit(base.y, row.y.size), x: clampUnit(base.x, row.x.size) };
}

/** The unit of `row` whose centre is nearest an image pixel. */
export function unitAt(row: FieldRow | null, pixel: Pixel): Unit | null {
	if (!row) return null;
	return {
		y: clampUnit(Math.round((pixel.y - row.y.start) / row.y.jump), row.y.size),
		x: clampUnit(Math.round((pixel.x - row.x.start) / row.x.jump), row.x.size)
	};
}

/** The unit's theoretical field in image pixels (unclipped) and its centre. */
export function fieldOf(row: FieldRow | null, unit: Unit | null) {
	if (!row || !unit) return null;
	const [y0, y1] = unitSpan(row.y, unit.y);
	const [x0, x1] = unitSpan(row.x, unit.x);
	return { y0, y1, x0, x1, cy: unitCentre(row.y, unit.y), cx: unitCentre(row.x, unit.x) };
}
export type Field = NonNullable<ReturnType<typeof fieldOf>>;

/** What the image view draws: the field, its centre, and the layer's unit grid when it is small. */
export function overlayOf(row: FieldRow | null, field: Field | null) {
	if (!field || !row) return null;
	const centres = (axis: FieldRow['y']) =>
		axis.size <= 64 ? Array.from({ length: axis.size }, (_, u) => unitCentre(axis, u)) : [];
	return {
		field: { y0: field.y0, y1: field.y1, x0: field.x0, x1: field.x1 },
		centre: { y: field.cy, x: field.cx },
		gridY: centres(row.y),
		gridX: centres(row.x)
	};
}

/** The first layer up to `nodeIndex` whose output is empty, if any. */
export function noOutputOf(table: ReceptiveFieldTable | null, nodeIndex: number) {
	if (!table) return null;
	const index = table.rows
		.slice(0, nodeIndex + 1)
		.findIndex((row) => row.y.size === 0 || row.x.size === 0);
	return index < 0 ? null : { index, name: table.rows[index].name };
}

/** The sentence under the image: the unit, its field, and how much of it is padding. */
export function captionOf(
	title: string,
	row: FieldRow | null,
	unit: Unit | null,
	field: Field | null,
	image: { height: number; width: number } | null,
	noOutput: boolean
): string {
	if (row && image && noOutput)
		return `${title} · ${row.name}: no output for a ${image.height}×${image.width} image`;
	if (!row || !unit || !field || !image) return 'Loading…';
	const clippedY = Math.min(image.height - 1, field.y1) - Math.max(0, field.y0) + 1;
	const clippedX = Math.min(image.width - 1, field.x1) - Math.max(0, field.x0) + 1;
	const clipped = clippedY < row.y.rf || clippedX < row.x.rf;
	return (
		`${title} · ${row.name} · unit (${unit.y}, ${unit.x}) of ${row.y.size}×${row.x.size}: ` +
		`field ${row.y.rf}×${row.x.rf} px, rows ${field.y0}…${field.y1}, columns ${field.x0}…${field.x1}` +
		(clipped ? ` (${clippedY}×${clippedX} px on the image, the rest is padding)` : '')
	);
}

/** What a screen reader hears after a change (LabAnnouncer): the selected layer's field. */
export function announcementOf(title: string, row: FieldRow | null): string | null {
	if (!row) return null;
	return (
		`${title} · ${row.name}: receptive field ${row.y.rf}×${row.x.rf} px, ` +
		`output ${row.y.size}×${row.x.size}.`
	);
}

/** The selected unit's ERF: the seconds it is expected to take, and why it is refused, if it is. */
export function erfPlanOf(
	arch: Architecture,
	image: { height: number; width: number },
	nodeIndex: number,
	unit: Unit | null,
	channels: number
): { seconds: number; refusal: string | null } | null {
	if (!unit) return null;
	try {
		const cost = erfCost(arch, image.height, image.width, nodeIndex, unit.y, unit.x, channels);
		return { seconds: erfSeconds(cost), refusal: erfRefusal(cost) };
	} catch {
		return null;
	}
}

/** The cone chart's rows: every layer under the unit, along the width axis, in input pixels. */
export function coneRowsOf(
	arch: Architecture,
	table: ReceptiveFieldTable,
	nodeIndex: number,
	unit: Unit
): ConeRow[] {
	return receptiveFieldCone(arch, table, nodeIndex, unit.y, unit.x).map((level) => {
		const axis = level.index === -1 ? table.input.x : table.rows[level.index].x;
		const range = level.x;
		return {
			label: level.index === -1 ? 'input' : table.rows[level.index].name,
			first: axis.start,
			last: axis.start + (axis.size - 1) * axis.jump,
			jump: axis.jump,
			from: range ? axis.start + range[0] * axis.jump : null,
			to: range ? axis.start + range[1] * axis.jump : null,
			count: range ? range[1] - range[0] + 1 : 0,
			selected: level.index === nodeIndex
		};
	});
}

/** A click on the cone's row `row` at input column x: the layer and unit it names, if any. */
export function conePick(
	arch: Architecture,
	table: ReceptiveFieldTable,
	nodeIndex: number,
	unit: Unit,
	row: number,
	x: number
): { layer: number; unit: Unit } | null {
	const level = receptiveFieldCone(arch, table, nodeIndex, unit.y, unit.x)[row];
	if (!level || level.index === -1) return null;
	const target = table.rows[level.index];
	const uy = level.y ? Math.round((level.y[0] + level.y[1]) / 2) : Math.floor(target.y.size / 2);
	return {
		layer: level.index,
		unit: { y: uy, x: clampUnit(Math.round((x - target.x.start) / target.x.jump), target.x.size) }
	};
}

/** The cost chart's bars: weights, multiply-adds and ReLUs of each stack that has a table. */
export function costsOf(
	a: { arch: Architecture; table: ReceptiveFieldTable | null },
	b: { arch: Architecture; table: ReceptiveFieldTable | null }
): ArchitectureCost[] {
	const list: ArchitectureCost[] = [];
	if (a.table)
		list.push({ name: `A: ${a.arch.title}`, ...architectureCost(a.table), color: '#1f77b4' });
	if (b.table)
		list.push({ name: `B: ${b.arch.title}`, ...architectureCost(b.table), color: '#e6550d' });
	return list;
}

/** "r" of an axis pair: one number when both axes agree, "height / width" when they differ. */
const both = (y: number, x: number) => (y === x ? y : `${y} / ${x}`);

/**
 * The numbers the lab shows a learner, as its definition names them: the selected unit's field,
 * jump and start; each stack's field at its last layer, weights and multiply-adds.
 */
export function fieldObservations(
	selected: FieldRow | null,
	a: ReceptiveFieldTable | null,
	b: ReceptiveFieldTable | null
) {
	const last = (t: ReceptiveFieldTable | null) => t?.rows.at(-1) ?? null;
	const rf = (row: FieldRow | null) => (row ? both(row.y.rf, row.x.rf) : null);
	const cost = (t: ReceptiveFieldTable | null) => (t ? architectureCost(t) : null);
	const costA = cost(a);
	const costB = cost(b);
	return {
		rf: rf(selected),
		jump: selected ? both(selected.y.jump, selected.x.jump) : null,
		start: selected ? both(selected.y.start, selected.x.start) : null,
		outputSize: selected ? `${selected.y.size}×${selected.x.size}` : null,
		rfA: rf(last(a)),
		rfB: rf(last(b)),
		paramsA: costA?.params ?? null,
		paramsB: costB?.params ?? null,
		macsA: costA?.macs ?? null,
		macsB: costB?.macs ?? null
	};
}

/**
 * The views that follow the picture, grouped in order into tasks of at most `budget` rows each
 * (a view bigger than the budget gets a task of its own): small stacks draw them all in one task,
 * a 64-layer stack in several, so no single task blocks input for long.
 */
export function stageGroups(weights: readonly number[], budget: number): number[][] {
	const groups: number[][] = [];
	let load = Infinity;
	weights.forEach((weight, i) => {
		if (load + weight > budget) {
			groups.push([i]);
			load = weight;
		} else {
			groups[groups.length - 1].push(i);
			load += weight;
		}
	});
	return groups;
}
