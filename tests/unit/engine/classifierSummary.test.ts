// What the /network explanation quotes, against the shipped model's own JSON (read here with
// plain JSON, not through the code under test) and hand-computed receptive fields.
import * as tfl from '@tensorflow/tfjs-layers';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildFashionClassifier } from '$lib/engine/architectures/fashionClassifier';
import { classifierLayers } from '$lib/engine/classifierLayers';
import { classifierSummary } from '$lib/engine/classifierSummary';
import { useBackend } from '../tfBackend';

beforeAll(async () => {
	await useBackend('cpu');
});

interface KerasLayer {
	class_name: string;
	config: { filters?: number; units?: number; use_bias?: boolean };
}

describe('classifierSummary', () => {
	it('describes the shipped classifier as its model.json defines it', async () => {
		const json = JSON.parse(readFileSync('static/models/fashion-cnn/model.json', 'utf8'));
		const topology = json.modelTopology.model_config ?? json.modelTopology;
		const raw: KerasLayer[] = topology.config.layers;
		const model = await tfl.models.modelFromJSON(json.modelTopology);
		const summary = classifierSummary(classifierLayers(model));

		const convs = raw.filter((l) => l.class_name === 'Conv2D');
		const dense = raw.filter((l) => l.class_name === 'Dense');
		expect(summary.convFilters).toEqual(convs.map((l) => l.config.filters));
		expect(summary.convBias).toBe(convs.every((l) => l.config.use_bias));
		expect(summary.convBias).toBe(false);
		expect(summary.convBatchNorm).toBe(true);
		// 3×3 convs and 2×2 pools: 3, +1 (pool), +2·2, +1·2, +2·4, +1·4
		expect(summary.receptiveFields).toEqual([3, 4, 8, 10, 18, 22]);
		// 28 → 14 → 7 → 3 after three 2×2 'valid' pools, × the last conv's filters
		expect(summary.lastBlock).toEqual([3, 3, convs.at(-1)!.config.filters]);
		expect(summary.flat).toBe(576);
		expect(summary.dense).toEqual([
			{ inputs: 576, units: dense[0].config.units, bias: true, activation: 'relu' },
			{ inputs: dense[0].config.units, units: 10, bias: true, activation: 'softmax' }
		]);
		expect(summary.dense[1].inputs).toBe(64);
		expect(summary.dropout).toBe(true);
		model.dispose();
	});

	it('sees the biases of a classifier built without batch norm', () => {
		const model = buildFashionClassifier({ batchNorm: false });
		const summary = classifierSummary(classifierLayers(model));
		expect(summary.convBias).toBe(true);
		expect(summary.convBatchNorm).toBe(false);
		expect(summary.receptiveFields).toEqual([3, 4, 8, 10, 18, 22]);
		model.dispose();
	});
});
