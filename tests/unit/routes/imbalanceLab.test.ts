import { describe, expect, it } from 'vitest';
import { defaultState } from '$lib/state/urlSchema';
import { imbalanceSchema, lab as imbalanceLabDefinition } from '../../../src/routes/imbalance/lab';
import { REMEDY_CHOICES, remedyPrediction } from '../../../src/routes/imbalance/prediction';
import { seededRandom } from '../../../src/lib/engine/seededRandom';
import {
	LONG_TRAIN_STEPS,
	type RecipeId
} from '../../../src/lib/engine/imbalance/imbalanceTraining';
import {
	confusionCsv,
	curvesCsv,
	METRICS_HEADER,
	metricsCsv
} from '../../../src/routes/imbalance/imbalanceExports';
import {
	mergeEvaluations,
	mergePhotos,
	results,
	resultSteps,
	type Evaluation
} from '../../../src/routes/imbalance/imbalanceResults';
import {
	paradoxSentence,
	rareSentence,
	remedyFigures,
	testSetSentence,
	weightsVersusOversampling
} from '../../../src/routes/imbalance/imbalanceText';
import {
	parseImbalanceConfig,
	parseImbalanceTask
} from '../../../src/lib/workers/imbalanceProtocol';

// 200 test images, 20 per class; random logits with the true class nudged up, class 6 never
// the argmax of the baseline (its logit pushed down), so its precision is undefined.
const N = 200;
const labels = Uint8Array.from({ length: N }, (_, i) => i % 10);
const random = seededRandom(9);
const logits = Float32Array.from({ length: N * 10 }, (_, k) => {
	const [i, c] = [Math.floor(k / 10), k % 10];
	return random() + (labels[i] === c ? 1 : 0) - (c === 6 ? 3 : 0);
});
const counts = [600, 600, 600, 600, 600, 600, 12, 600, 600, 600];
const evaluation: Evaluation = {
	rareClass: 6,
	ratio: 50,
	recipe: 'adam',
	step: 10,
	epoch: 0,
	counts,
	logits: [{ id: 'baseline', values: logits }],
	photo: null
};
const res = results(evaluation, labels, 6, true);
const [baseline, adjusted] = res.variants;

describe('imbalance results', () => {
	it('logit adjustment predicts argmax(logit − log prior), computed naively', () => {
		expect(adjusted.variant).toBe('logit-adjustment');
		for (let i = 0; i < N; i++) {
			let best = 0;
			let bestValue = -Infinity;
			for (let c = 0; c < 10; c++) {
				const v = logits[i * 10 + c] - Math.log(counts[c] / 5412);
				if (v > bestValue) [best, bestValue] = [c, v];
			}
			expect(adjusted.predicted[i]).toBe(best);
		}
		expect(adjusted.summary.perClass[6].recall).toBeGreaterThan(0);
	});

	it('logit adjustment leaves the rare class’s ROC and PR areas unchanged', () => {
		// its ranking score is the baseline's rare-class probability (a monotone change of the odds)
		expect(Array.from(adjusted.rareScore)).toEqual(Array.from(baseline.rareScore));
		expect(adjusted.curves.rocAuc).toBe(baseline.curves.rocAuc);
		expect(adjusted.curves.prAuc).toBe(baseline.curves.prAuc);
	});

	it('a trained variant is computed once per evaluation; logit adjustment shares its ranking', () => {
		const again = results(evaluation, labels, 6, false);
		// the same evaluation again (the adjust toggle): the baseline's results are reused, not redone
		expect(again.variants[0]).toBe(baseline);
		expect(again.variants.map((v) => v.variant)).toEqual(['baseline']);
		expect(adjusted.curves).toBe(baseline.curves);
		// another rare class or other labels: computed afresh
		const other = results(evaluation, labels, 3, true);
		expect(other.variants[0]).not.toBe(baseline);
		expect(other.variants[0].curves.positives).toBe(20);
		expect(results(evaluation, labels.slice(), 6, true).variants[0]).not.toBe(baseline);
	});

	it('resultSteps pauses after each variant it computes, not after kept ones, and ends as results() does', () => {
		const fresh: Evaluation = {
			...evaluation,
			logits: [
				{ id: 'baseline', values: logits.slice() },
				{ id: 'oversampling', values: logits.map((v, k) => v + (k % 10 === 6 ? 2 : 0)) }
			]
		};
		const pauses = (steps: Generator<void, unknown, void>) => {
			let n = 0;
			while (!steps.next().done) n++;
			return n;
		};
		expect(pauses(resultSteps(fresh, labels, 6, true))).toBe(2);
		// computed already: no pause, and the very same results
		expect(pauses(resultSteps(fresh, labels, 6, false))).toBe(0);
		const all = results(fresh, labels, 6, true);
		expect(all.variants.map((v) => v.variant)).toEqual([
			'baseline',
			'logit-adjustment',
			'oversampling'
		]);
		expect(all.variants[2].summary.perClass[6].recall).toBeGreaterThan(
			all.variants[0].summary.perClass[6].recall!
		);
	});

	it('the baseline never predicts class 6: precision undefined, recall 0', () => {
		expect(baseline.summary.perClass[6].precision).toBeNull();
		expect(baseline.summary.perClass[6].recall).toBe(0);
	});
});

describe('imbalance exports', () => {
	it('per-class metrics: the exact header, 10 rows per variant, undefined as an empty field', () => {
		const lines = metricsCsv(res, 50).trim().split('\n');
		expect(lines[0]).toBe('variant,ratio,class,precision,recall,f1,support');
		expect(lines[0]).toBe(METRICS_HEADER);
		expect(lines).toHaveLength(1 + 2 * 10);
		expect(lines[7]).toBe('baseline,50,6,,0,0,20');
		expect(lines.some((l) => l.includes('NaN'))).toBe(false);
		expect(lines[11].startsWith('logit-adjustment,50,0,')).toBe(true);
	});

	it('curves and confusion matrices parse as rectangular tables', () => {
		for (const text of [curvesCsv(res, 50), confusionCsv(res, 50)]) {
			const rows = text
				.trim()
				.split('\n')
				.map((l) => l.split(','));
			expect(new Set(rows.map((r) => r.length)).size).toBe(1);
		}
		const confusion = confusionCsv(res, 50).trim().split('\n');
		expect(confusion).toHaveLength(1 + 2 * 100);
		const total = confusion.slice(1, 101).reduce((sum, l) => sum + Number(l.split(',')[4]), 0);
		expect(total).toBe(N);
	});
});

describe('imbalance text', () => {
	it('the paradox sentence quotes the training set’s own majority share', () => {
		const c = [600, 600, 600, 600, 600, 600, 59, 600, 600, 600];
		// 5,400 of 5,459 images are not Shirt: 98.9 %
		expect(paradoxSentence(c, 6)).toContain('59 Shirt images among 5,459');
		expect(paradoxSentence(c, 6)).toContain('right on 98.9 %');
		expect(paradoxSentence(c, 6)).toContain('precision is 0/0, undefined');
	});

	it('the rare sentence says undefined, never NaN, and quotes the table’s figures', () => {
		const text = rareSentence(baseline, 6);
		expect(text).toContain('Shirt precision is undefined');
		expect(text).not.toContain('NaN');
		expect(text).toContain(`accuracy ${(100 * baseline.summary.accuracy!).toFixed(1)} %`);
		const found = adjusted.confusion[66];
		expect(rareSentence(adjusted, 6)).toContain(`finds ${found} of the 20 test Shirt images`);
	});

	it('accuracy equals balanced accuracy on a balanced test set, and the sentence says why', () => {
		expect(baseline.summary.balancedAccuracy).toBeCloseTo(baseline.summary.accuracy!, 12);
		expect(testSetSentence(baseline)).toContain('balanced (20 images per class)');
	});

	it('the remedies’ costs: weight N/(K·n), repeats, undersampled size', () => {
		expect(remedyFigures(counts, 6)).toEqual({
			weight: (5412 / (10 * 12)).toFixed(1),
			repeats: '50',
			underCount: '120 of 5,412'
		});
	});
});

describe('class weights against oversampling', () => {
	// the same random logits with class 6 lifted by `lift`: the larger the lift, the more of class
	// 6 a variant finds
	const lifted = (lift: number) => logits.map((v, k) => v + (k % 10 === 6 ? lift : 0));
	const run = (weights: number, over: number, c = counts, recipe: RecipeId = 'adam') =>
		results(
			{
				...evaluation,
				recipe,
				counts: c,
				logits: [
					{ id: 'baseline', values: logits },
					{ id: 'class-weights', values: lifted(weights) },
					{ id: 'oversampling', values: lifted(over) }
				]
			},
			labels,
			6,
			false
		);
	const recallOf = (r: ReturnType<typeof run>, v: string) =>
		`${(100 * r.variants.find((x) => x.variant === v)!.summary.perClass[6].recall!).toFixed(1)} %`;

	it('names the remedy that found more, with both recalls, and says one run is one draw', () => {
		const r = run(3, 2.6);
		const text = weightsVersusOversampling(r)!;
		expect(text).toContain(
			`Class weights found more Shirt images than oversampling (${recallOf(r, 'class-weights')} against ${recallOf(r, 'oversampling')})`
		);
		expect(text).toContain('Buda et al. found oversampling ahead');
		expect(text).toContain('repeats each of the 12 Shirt images about 50 times per pass');
		expect(text).toContain('turns on the training recipe, above all on how the weights start');
		// the figures it quotes are of the default run's length
		expect(text).toContain(
			'on how long it runs (measured with Shirt rare at ρ = 10 over 860 steps)'
		);
		expect(text).toContain('oversampling led in two of two seeds here');
		// names the run's own recipe
		expect(text).toContain("This run: Adam with He's initialisation; switch the recipe");
		for (const [recipe, words] of [
			['adam-pytorch', "This run: Adam with PyTorch's initialisation;"],
			['sgd', "This run: SGD with momentum, dropout and PyTorch's initialisation;"]
		] as const)
			expect(weightsVersusOversampling(run(3, 2.6, counts, recipe))).toContain(words);
		const swapped = run(2.6, 3);
		expect(weightsVersusOversampling(swapped)).toContain(
			`Oversampling found more Shirt images than class weights (${recallOf(swapped, 'oversampling')} against ${recallOf(swapped, 'class-weights')})`
		);
		expect(weightsVersusOversampling(run(3, 3))).toContain('found as many Shirt images');
	});

	it('says nothing without both remedies or without imbalance', () => {
		expect(weightsVersusOversampling(res)).toBeNull();
		expect(weightsVersusOversampling(run(4, 3, Array(10).fill(600)))).toBeNull();
	});
});

describe('imbalance protocol', () => {
	it('accepts a valid variant and rejects hostile ones', () => {
		expect(
			parseImbalanceConfig({ remedy: 'oversampling', rareClass: 6, ratio: 10, recipe: 'sgd' })
		).toEqual({
			remedy: 'oversampling',
			rareClass: 6,
			recipe: 'sgd',
			ratio: 10
		});
		for (const bad of [
			{ remedy: 'smote', rareClass: 6, ratio: 10, recipe: 'adam' },
			{ remedy: 'baseline', rareClass: 10, ratio: 10, recipe: 'adam' },
			{ remedy: 'baseline', rareClass: 6, ratio: 0, recipe: 'adam' },
			{ remedy: 'baseline', rareClass: 6, ratio: 2.5, recipe: 'adam' },
			{ remedy: 'baseline', rareClass: 6, ratio: 10 },
			{ remedy: 'baseline', rareClass: 6, ratio: 10, recipe: 'rmsprop' },
			{ remedy: 'baseline', rareClass: 6, ratio: 10, recipe: '__proto__' },
			null
		])
			expect(parseImbalanceConfig(bad)).toBeNull();
		expect(parseImbalanceTask({ type: 'photo', pixels: new Float32Array(3) })).toBeNull();
		expect(parseImbalanceTask({ type: 'data', dataUrl: 'x/' })).toEqual({
			type: 'data',
			dataUrl: 'x/'
		});
		// the step limit: whole steps from 1 to 5000
		expect(parseImbalanceTask({ type: 'limit', steps: 2 })).toEqual({ type: 'limit', steps: 2 });
		for (const steps of [0, 2.5, 5001, '600', NaN])
			expect(parseImbalanceTask({ type: 'limit', steps })).toBeNull();
		// the explanation's long run: a length the worker and the address both take
		expect(parseImbalanceTask({ type: 'limit', steps: LONG_TRAIN_STEPS })).toEqual({
			type: 'limit',
			steps: LONG_TRAIN_STEPS
		});
		expect(imbalanceSchema().steps.parse(String(LONG_TRAIN_STEPS))).toBe(LONG_TRAIN_STEPS);
		// a sharded Pause's common stop, or none
		expect(parseImbalanceTask({ type: 'stopAt', steps: 304 })).toEqual({
			type: 'stopAt',
			steps: 304
		});
		expect(parseImbalanceTask({ type: 'stopAt', steps: null })).toEqual({
			type: 'stopAt',
			steps: null
		});
		for (const steps of [-1, 2.5, '4', undefined])
			expect(parseImbalanceTask({ type: 'stopAt', steps })).toBeNull();
	});
});

describe('merging the shards’ evaluations', () => {
	const part = (
		step: number,
		ids: string[],
		ratio = 10,
		recipe: RecipeId = 'adam'
	): Evaluation => ({
		rareClass: 6,
		ratio,
		recipe,
		step,
		epoch: 0,
		counts,
		logits: ids.map((id, k) => ({ id, values: Float32Array.of(step, k) })),
		photo: ids.map((id) => ({ id, values: Float32Array.of(step) }))
	});
	const order = ['baseline', 'class-weights', 'oversampling', 'undersampling'];

	it('joins the variants of one step in the lab’s order', () => {
		const merged = mergeEvaluations(
			[part(300, ['baseline', 'oversampling']), part(300, ['class-weights', 'undersampling'])],
			order
		)!;
		expect(merged.step).toBe(300);
		expect(merged.logits.map((l) => l.id)).toEqual(order);
		expect(Array.from(merged.logits[1].values)).toEqual([300, 0]); // class weights, from shard 2
		expect(merged.photo?.map((p) => p.id)).toEqual(order);
	});

	it('waits while the shards are at different steps or settings, or a variant is missing', () => {
		const a = part(300, ['baseline', 'oversampling']);
		expect(mergeEvaluations([a, part(200, ['class-weights', 'undersampling'])], order)).toBeNull();
		expect(mergeEvaluations([a, part(300, ['class-weights'], 50)], order)).toBeNull();
		const otherRecipe = part(300, ['class-weights', 'undersampling'], 10, 'sgd');
		expect(mergeEvaluations([a, otherRecipe], order)).toBeNull();
		expect(mergeEvaluations([a, null], order)).toBeNull();
		expect(mergeEvaluations([null, null], order)).toBeNull();
	});

	it('at step 0 (every variant the same seeded net) stands in for a shard not heard from', () => {
		const merged = mergeEvaluations(
			[part(0, ['baseline', 'oversampling']), part(300, ['class-weights', 'undersampling'], 50)],
			order
		)!;
		expect(merged.ratio).toBe(10);
		expect(merged.logits.map((l) => l.id)).toEqual(order);
		expect(Array.from(merged.logits[1].values)).toEqual(Array.from(merged.logits[0].values));
	});

	it('gives back the evaluation shown when a later shard reports the same untrained step', () => {
		const shown = mergeEvaluations([part(0, ['baseline', 'oversampling']), null], order)!;
		const parts = [
			part(0, ['baseline', 'oversampling']),
			part(0, ['class-weights', 'undersampling'])
		];
		expect(mergeEvaluations(parts, order, shown)).toBe(shown);
		// a new setting, or a trained step, is a new evaluation
		expect(mergeEvaluations([part(0, order, 20), null], order, shown)).not.toBe(shown);
		const trained = [
			part(100, ['baseline', 'oversampling']),
			part(100, ['class-weights', 'undersampling'])
		];
		expect(mergeEvaluations(trained, order, shown)?.step).toBe(100);
	});

	it('orders the photo’s logits of every shard’s latest reply', () => {
		const photos = [part(5, ['oversampling']).photo, null, part(5, ['baseline']).photo];
		expect(mergePhotos(photos, order).map((p) => p.id)).toEqual(['baseline', 'oversampling']);
	});
});

describe('the imbalance prediction: which remedy recovers the most rare-class recall', () => {
	const state = { ...defaultState(imbalanceSchema()), ratio: 10 };
	const trained = {
		step: 600,
		rareTrainingImages: 59,
		rareRecall: 0.15,
		weightsRareRecall: 0.23,
		oversamplingRareRecall: 0.34,
		undersamplingRareRecall: 0.3,
		adjustedRareRecall: 0.39
	};
	it('answers with the remedy of the highest recall, quoting every figure', () => {
		expect(remedyPrediction.answer(trained, state)).toBe('logit-adjustment');
		expect(remedyPrediction.answer({ ...trained, oversamplingRareRecall: 0.5 }, state)).toBe(
			'oversampling'
		);
		const measured = remedyPrediction.measured(trained, state)!;
		expect(measured.value).toBe('logit-adjustment');
		for (const figure of ['15.0 %', '23.0 %', '34.0 %', '30.0 %', '39.0 %', '600 steps', 'ρ = 10'])
			expect(measured.text).toContain(figure);
		expect(remedyPrediction.prompt!(trained, state)).toContain('59 Shirt training images');
	});
	it('has no answer before training or with a remedy switched off', () => {
		expect(remedyPrediction.answer({ ...trained, step: 0 }, state)).toBeNull();
		expect(
			remedyPrediction.answer({ ...trained, undersamplingRareRecall: null }, state)
		).toBeNull();
		expect(remedyPrediction.measured({ ...trained, step: null }, state)).toBeNull();
	});
	it('reads only observables the lab declares', () => {
		expect(imbalanceLabDefinition.predictions).toContain(remedyPrediction);
		for (const c of REMEDY_CHOICES)
			expect(Object.keys(imbalanceLabDefinition.observables ?? {})).toContain(c.observable);
	});
});
