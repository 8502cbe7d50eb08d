import { describe, expect, it } from 'vitest';
import { chain, INPUT, layer, type Architecture } from '$lib/engine/architectures/architecture';
import { presetArchitecture } from '$lib/engine/architectures/catalogue';
import { architectureCost, receptiveField, unitSpan } from '$lib/engine/receptiveField';

const byName = (arch: Architecture, h: number, w: number) => {
	const table = receptiveField(arch, h, w);
	return (name: string) => {
		const row = table.rows.find((r) => r.name === name);
		if (!row) throw new Error(`no ${name}`);
		return row;
	};
};

describe('receptiveField: the real networks against Araujo et al. (Distill 2019), 224² input', () => {
	// The paper's table gives r, effective stride and effective padding P; start = (r − 1)/2 − P.
	it.each([
		['alexnet', 'pool5', 195, 32, 64, 5],
		['vgg16', 'pool5', 212, 32, 90, 7],
		['mobilenet', 'Conv2d_13_pointwise', 315, 32, 126, 7],
		['resnet50', 'block4/unit_3/bottleneck_v1 (add)', 483, 32, 239, 7]
	] as const)('%s %s: r=%i, jump %i, effective padding %i', (id, name, r, jump, padding, size) => {
		const row = byName(presetArchitecture(id), 224, 224)(name);
		for (const axis of [row.y, row.x]) {
			expect(axis.rf).toBe(r);
			expect(axis.jump).toBe(jump);
			expect(axis.start).toBe((r - 1) / 2 - padding);
			expect(axis.size).toBe(size);
		}
		expect(presetArchitecture(id).nodes.at(-1)?.name).toBe(name);
	});

	it('VGG-16 layer by layer (hand table): r = 196 at conv5_3, 212 at pool5, jump 32', () => {
		const row = byName(presetArchitecture('vgg16'), 224, 224);
		const expected: [string, number, number, number, number][] = [
			// name, r, jump, start, size
			['conv1/conv1_1', 3, 1, 0, 224],
			['conv1/conv1_2', 5, 1, 0, 224],
			['pool1', 6, 2, 0.5, 112],
			['conv2/conv2_2', 14, 2, 0.5, 112],
			['pool2', 16, 4, 1.5, 56],
			['conv3/conv3_3', 40, 4, 1.5, 56],
			['pool3', 44, 8, 3.5, 28],
			['conv4/conv4_3', 92, 8, 3.5, 28],
			['pool4', 100, 16, 7.5, 14],
			['conv5/conv5_3', 196, 16, 7.5, 14],
			['pool5', 212, 32, 15.5, 7]
		];
		for (const [name, r, jump, start, size] of expected) {
			expect([row(name).y.rf, row(name).y.jump, row(name).y.start, row(name).y.size]).toEqual([
				r,
				jump,
				start,
				size
			]);
		}
	});

	it('counts weights and multiply-adds as TF-Slim’s MobileNet table does', () => {
		const row = byName(presetArchitecture('mobilenet'), 224, 224);
		expect([row('Conv2d_0').params, row('Conv2d_0').macs]).toEqual([864, 10_838_016]);
		expect([row('Conv2d_1_depthwise').params, row('Conv2d_1_depthwise').macs]).toEqual([
			288, 3_612_672
		]);
		expect([row('Conv2d_1_pointwise').params, row('Conv2d_1_pointwise').macs]).toEqual([
			2048, 25_690_112
		]);
		expect([row('Conv2d_4_depthwise').params, row('Conv2d_4_depthwise').macs]).toEqual([
			1152, 903_168
		]);
		const cost = architectureCost(receptiveField(presetArchitecture('mobilenet'), 224, 224));
		expect(cost.params).toBe(3_185_088);
		expect(cost.macs).toBe(567_716_352);
		expect(cost.relus).toBe(27);
	});

	it('VGG-16 has 14,710,464 conv weights (14,714,688 with its 4,224 biases)', () => {
		expect(architectureCost(receptiveField(presetArchitecture('vgg16'), 224, 224)).params).toBe(
			14_710_464
		);
	});
});

describe('receptiveField: hand-computed stacks', () => {
	it('a dilated stack (Yu & Koltun): 3, 5, 9, 17, 33, 65, 67 with jump 1', () => {
		const table = receptiveField(presetArchitecture('dilated'), 100, 80);
		expect(table.rows.map((r) => r.y.rf)).toEqual([3, 5, 9, 17, 33, 65, 67]);
		expect(table.rows.every((r) => r.y.jump === 1 && r.y.start === 0 && r.x.size === 80)).toBe(
			true
		);
	});

	it('stride and padding: 7×7/2 p3, 3×3/2 valid pool, 3×3 p1 on 32 px', () => {
		const arch = chain('t', 't', [
			{ name: 'a', op: layer('conv', 7, { stride: 2, padding: 3, channels: 8 }) },
			{ name: 'b', op: layer('maxpool', 3, { stride: 2 }) },
			{ name: 'c', op: layer('conv', 3, { padding: 1, channels: 8 }) }
		]);
		const rows = receptiveField(arch, 32, 31).rows;
		// out = floor((32 + 6 − 7)/2) + 1 = 16; floor((16 − 3)/2) + 1 = 7; (7 + 2 − 3) + 1 = 7
		expect(rows.map((r) => [r.y.size, r.y.rf, r.y.jump, r.y.start])).toEqual([
			[16, 7, 2, 0],
			[7, 11, 4, 2],
			[7, 19, 4, 2]
		]);
		expect(rows.map((r) => r.x.size)).toEqual([16, 7, 7]);
		expect(unitSpan(rows[2].y, 1)).toEqual([-3, 15]);
		// params: 7·7·3·8, 0, 3·3·8·8; macs per output position
		expect(rows.map((r) => r.params)).toEqual([1176, 0, 576]);
		expect(rows.map((r) => r.macs)).toEqual([1176 * 16 * 16, 0, 576 * 49]);
	});

	it("'same' padding depends on the input length, so start differs on odd and even sides", () => {
		const arch = chain('t', 't', [{ name: 'a', op: layer('conv', 3, { stride: 2, channels: 1 }) }]);
		// n = 8: out 4, total pad (4−1)·2 + 3 − 8 = 1 → before 0, start 1; n = 7: total 2 → before 1, start 0
		const { y, x } = receptiveField(arch, 8, 7).rows[0];
		expect([y.size, y.padBefore, y.start]).toEqual([4, 0, 1]);
		expect([x.size, x.padBefore, x.start]).toEqual([4, 1, 0]);
	});

	it('output sizes for odd inputs: VGG-16 and ResNet-50 at 225', () => {
		const vgg = byName(presetArchitecture('vgg16'), 225, 225);
		expect(['pool1', 'pool2', 'pool3', 'pool4', 'pool5'].map((n) => vgg(n).y.size)).toEqual([
			112, 56, 28, 14, 7
		]);
		const resnet = byName(presetArchitecture('resnet50'), 225, 225);
		expect(resnet('conv1').y.size).toBe(113);
		expect(resnet('pool1').y.size).toBe(57);
		expect(resnet('block1/unit_3/bottleneck_v1 (add)').y.size).toBe(29);
		expect(resnet('block3/unit_6/bottleneck_v1 (add)').y.size).toBe(8);
	});

	it('a two-branch graph: the join takes the hull of both paths (the longer one sets r)', () => {
		const arch: Architecture = {
			id: 'g',
			title: 'g',
			inputChannels: 1,
			nodes: [
				{ name: 'short', op: layer('conv', 1, { stride: 2, channels: 4 }), inputs: [INPUT] },
				{
					name: 'long1',
					op: layer('conv', 3, { stride: 2, padding: 1, channels: 4 }),
					inputs: [INPUT]
				},
				{ name: 'long2', op: layer('conv', 3, { padding: 1, channels: 4 }), inputs: [1] },
				{ name: 'join', op: { kind: 'add', relu: true }, inputs: [0, 2] }
			]
		};
		const rows = receptiveField(arch, 10, 10).rows;
		expect([rows[0].y.lo, rows[0].y.hi, rows[0].y.rf]).toEqual([0, 0, 1]);
		expect([rows[2].y.lo, rows[2].y.hi, rows[2].y.rf]).toEqual([-3, 3, 7]);
		expect([rows[3].y.size, rows[3].y.jump, rows[3].y.rf, rows[3].y.start]).toEqual([5, 2, 7, 0]);
		expect(rows[3].params).toBe(0);
	});

	it('a join whose inputs disagree in size is an error, not a guess', () => {
		const arch: Architecture = {
			id: 'g',
			title: 'g',
			inputChannels: 1,
			nodes: [
				{ name: 'a', op: layer('conv', 3, { padding: 'valid', channels: 1 }), inputs: [INPUT] },
				{ name: 'b', op: layer('conv', 1, { channels: 1 }), inputs: [INPUT] },
				{ name: 'join', op: { kind: 'add', relu: false }, inputs: [0, 1] }
			]
		};
		expect(() => receptiveField(arch, 8, 8)).toThrow(/join: inputs disagree/);
	});
});
