import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { graphLevelParams } from '$lib/engine/graphLevelParams';
import { SELFIE_LEVELS } from '$lib/engine/selfieModel';

describe('graphLevelParams', () => {
	it('counts each weight once, at the first level that depends on it', () => {
		// in → conv1 (w1: 3·3·1·2 = 18) → conv2 (w2: 2·4 = 8) ; skip: add(conv2, conv1) + bias b (4 as int32, not counted)
		const nodes = [
			{ name: 'in', op: 'Placeholder' },
			{ name: 'w1', op: 'Const' },
			{ name: 'conv1', op: 'Conv2D', input: ['in', 'w1'] },
			{ name: 'w2', op: 'Const' },
			{ name: 'conv2', op: 'Conv2D', input: ['conv1:0', 'w2'] },
			{ name: 'shape', op: 'Const' },
			{ name: 'w3', op: 'Const' },
			{ name: 'up', op: 'Add', input: ['conv2', '^conv1', 'w3', 'shape'] }
		];
		const weights = [
			{ name: 'w1', shape: [3, 3, 1, 2] },
			{ name: 'w2', shape: [1, 1, 2, 4] },
			{ name: 'w3', shape: [4] },
			{ name: 'shape', shape: [4], dtype: 'int32' }
		];
		expect(graphLevelParams(nodes, weights, ['conv1', 'conv2', 'up'])).toEqual([18, 8, 4]);
		expect(() => graphLevelParams(nodes, weights, ['nope'])).toThrow(RangeError);
	});

	it('the selfie levels add up to every float weight the mask depends on', () => {
		const json = JSON.parse(readFileSync('static/models/selfie/selfie.json', 'utf8'));
		const weights = json.weightsManifest.flatMap((g: { weights: unknown[] }) => g.weights);
		const params = graphLevelParams(
			json.modelTopology.node,
			weights,
			SELFIE_LEVELS.map((l) => l.node)
		);
		expect(params.every((p) => p >= 0)).toBe(true);
		expect(params[0]).toBeGreaterThan(0); // the stem conv has weights
		const total = weights
			.filter((w: { dtype: string }) => w.dtype === 'float32')
			.reduce((sum: number, w: { shape: number[] }) => sum + w.shape.reduce((a, b) => a * b, 1), 0);
		expect(params.reduce((a, b) => a + b, 0)).toBe(total);
	});
});
