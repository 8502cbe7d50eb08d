import { describe, expect, it } from 'vitest';
import { axisPadding } from '$lib/engine/convArithmetic';
import { chain, layer, type LayerOp } from '$lib/engine/architectures/architecture';
import { presetArchitecture } from '$lib/engine/architectures/catalogue';
import { receptiveField } from '$lib/engine/receptiveField';
import { receptiveFieldCone } from '$lib/engine/receptiveFieldCone';

/** Independent reference: the set of units each layer's unit reads, enumerated tap by tap. */
function naiveDependencies(ops: LayerOp[], sizes: number[], u: number): number[][] {
	const sets: number[][] = [];
	let current = new Set([u]);
	for (let l = ops.length - 1; l >= 0; l--) {
		const op = ops[l];
		const before = axisPadding(sizes[l], {
			kernelSize: op.kernel,
			stride: op.stride,
			padding: op.padding,
			dilation: op.dilation
		}).before;
		const next = new Set<number>();
		for (const v of current)
			for (let t = 0; t < op.kernel; t++) {
				const i = v * op.stride - before + t * op.dilation;
				if (i >= 0 && i < sizes[l]) next.add(i);
			}
		sets.unshift([...next].sort((a, b) => a - b));
		current = next;
	}
	return sets;
}

describe('receptiveFieldCone', () => {
	it.each([0, 3, 6])(
		'matches tap-by-tap enumeration in a strided, dilated, padded stack (unit %i)',
		(u) => {
			const ops = [
				layer('conv', 5, { stride: 2, padding: 1, channels: 1 }),
				layer('maxpool', 2, { stride: 2 }),
				layer('conv', 3, { dilation: 2, channels: 1 }),
				layer('conv', 3, { stride: 2, padding: 'same', channels: 1 })
			];
			const arch = chain(
				't',
				't',
				ops.map((op, i) => ({ name: `l${i}`, op }))
			);
			const table = receptiveField(arch, 61, 61);
			const sizes = [61, ...table.rows.map((r) => r.y.size)];
			const target = ops.length - 1;
			const uu = Math.min(u, table.rows[target].y.size - 1);
			const cone = receptiveFieldCone(arch, table, target, uu, uu);
			const naive = naiveDependencies(ops, sizes, uu);
			expect(cone.map((c) => c.index)).toEqual([-1, 0, 1, 2, 3]);
			naive.forEach((set, level) => {
				expect(cone[level].y).toEqual([set[0], set.at(-1)]);
				expect(cone[level].x).toEqual([set[0], set.at(-1)]);
			});
		}
	);

	it('follows both paths of a ResNet unit: the input range is set by the 3×3 path', () => {
		const arch = presetArchitecture('resnet50');
		const table = receptiveField(arch, 224, 224);
		const target = arch.nodes.findIndex((n) => n.name === 'block1/unit_1/bottleneck_v1 (add)');
		const cone = receptiveFieldCone(arch, table, target, 20, 20);
		const pool1 = cone.find((c) => arch.nodes[c.index]?.name === 'pool1');
		// the 3×3 conv2 reaches pool1 units 19…21; the 1×1 shortcut only unit 20
		expect(pool1?.y).toEqual([19, 21]);
		const shortcut = cone.find((c) => arch.nodes[c.index]?.name.endsWith('/shortcut'));
		expect(shortcut?.y).toEqual([20, 20]);
		const image = cone[0];
		expect(image.index).toBe(-1);
		const row = table.rows[target].y;
		expect(image.y).toEqual([row.lo + 20 * row.jump, row.hi + 20 * row.jump]);
	});

	it('clips at the border: a corner unit depends on no padding units', () => {
		const arch = presetArchitecture('conv3x3');
		const table = receptiveField(arch, 20, 20);
		const cone = receptiveFieldCone(arch, table, 2, 0, 19);
		expect(cone[0].y).toEqual([0, 3]);
		expect(cone[0].x).toEqual([16, 19]);
	});
});
