/**
 * The interview question list: every question of issue 25's list with a stable id, a worked
 * answer of 3–6 sentences, the corrected misconceptions, and links to labs that set up the answer.
 * Every link resolves to a lab in src/lib/labs.ts, and its query parses in that lab's schema with
 * no notice; every CNN question links to its lab with the settings that answer it.
 */
import { describe, expect, it } from 'vitest';
import { LABS } from '$lib/labs';
import { readLabState } from '$lib/state/labUrlState';
import { linkedLab, liveLinks, QUESTIONS } from '$lib/interview/questions';
import { batchNormSchema } from '../../../src/routes/batch-norm/lab';
import { defaultState } from '$lib/state/urlSchema';

const byId = Object.fromEntries(QUESTIONS.map((q) => [q.id, q]));

/** Sentences: a stop followed by a space and a capital, or the end (no abbreviations in answers). */
function sentences(text: string): number {
	return text.split(/(?<=[.!?])\s+(?=[A-Z“(])/).filter((s) => s.trim()).length;
}

describe('the question list', () => {
	it('has every question of the issue, in its order, with these stable ids', () => {
		expect(QUESTIONS.map((q) => q.id)).toEqual([
			'data-normalization',
			'dimensionality-reduction',
			'missing-data',
			'clustering',
			'exploratory-analysis',
			'choosing-a-model',
			'conv-vs-fully-connected',
			'translation-invariance',
			'max-pooling',
			'encoder-decoder',
			'residual-networks',
			'batch-normalization',
			'imbalanced-data',
			'small-kernels',
			'your-projects'
		]);
		for (const q of QUESTIONS) expect(q.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
	});

	it.each(QUESTIONS.map((q) => [q.id, q] as const))(
		'%s: a 3–6 sentence answer, a misconception, follow-ups and sources',
		(_, q) => {
			expect(sentences(q.answer)).toBeGreaterThanOrEqual(3);
			expect(sentences(q.answer)).toBeLessThanOrEqual(6);
			expect(q.ask).toMatch(/[?.]$/);
			expect(q.misconception.common.length).toBeGreaterThan(20);
			expect(q.misconception.correction.length).toBeGreaterThan(40);
			expect(q.followUps.length).toBeGreaterThanOrEqual(2);
			expect(q.sources.length).toBeGreaterThanOrEqual(1);
			for (const source of q.sources) {
				if (source.url) expect(source.url).toMatch(/^https:\/\//);
			}
		}
	);

	it('corrects the common wrong answers the issue names', () => {
		const invariance = byId['translation-invariance'];
		expect(invariance.misconception.correction).toMatch(/equivariant/);
		expect(invariance.misconception.correction).toMatch(/alias/);
		expect(invariance.answer).toMatch(/equivariant, not invariant/);
		expect(byId['batch-normalization'].misconception.common).toMatch(/internal covariate shift/);
		expect(byId['batch-normalization'].misconception.correction).toMatch(/contested/);
		expect(byId['data-normalization'].answer).toMatch(/conditioning/);
		expect(byId['data-normalization'].misconception.common).toMatch(/count equally/);
		const imbalance = byId['imbalanced-data'].misconception;
		expect(imbalance.common).toMatch(/98 % precision/);
		expect(imbalance.correction).toMatch(/98 % is the accuracy/);
	});

	it('quotes numbers that agree with the arithmetic', () => {
		const fc = byId['conv-vs-fully-connected'].answer;
		expect(fc).toContain(`${(3 * 3 * 3 * 64).toLocaleString('en-US')} weights`);
		expect(fc).toContain(`${(224 * 224 * 3 * 1000).toLocaleString('en-US')}`);
		const kernels = byId['small-kernels'].answer;
		// three stride-1 3×3 layers: r = 1 + 3·2 = 7; weights 3·9·C² vs 49·C²
		expect(kernels).toContain(`three of them see ${1 + 3 * 2}×${1 + 3 * 2}`);
		expect(kernels).toContain(`3·9·C² = ${3 * 9}C² weights against ${7 * 7}C²`);
		expect(kernels).toContain(`two 3×3 have ${2 * 9}C² against ${5 * 5}C²`);
		const pooled = Math.floor((55 - 3) / 2) + 1;
		expect(byId['max-pooling'].followUps.join(' ')).toContain(`55×55 map? (${pooled}×${pooled}.)`);
	});
});

describe('links to the labs', () => {
	const registered = new Set<string>(LABS.map((lab) => lab.path));
	const links = QUESTIONS.flatMap((q) => q.labs.map((link) => ({ id: q.id, link })));

	it('each resolve to a lab route that exists', () => {
		for (const { id, link } of links) {
			expect(registered.has(link.path), `${id}: ${link.path}`).toBe(true);
			expect(linkedLab(link)?.path, id).toBe(link.path);
		}
		for (const q of QUESTIONS) expect(liveLinks(q), q.id).toHaveLength(q.labs.length);
	});

	it('link every CNN question to its lab with the settings that answer it', () => {
		for (const q of QUESTIONS.filter((q) => q.topic === 'cnn')) {
			expect(q.labs.length, q.id).toBeGreaterThan(0);
			expect(q.labs[0].query, `${q.id}: the first lab's settings`).not.toBe('');
		}
		// "a learning rate of 3, six times the lab's default"
		const batchNorm = byId['batch-normalization'].labs[0];
		expect(batchNorm.query).toBe('lr=3');
		expect(defaultState(batchNormSchema()).lr * 6).toBe(3);
		expect(batchNorm.look).toContain('six times the lab’s default');
		expect(byId['residual-networks'].labs[0].look).toContain('56-layer');
		expect(byId['residual-networks'].labs[0].query).toBe('depth=56');
	});

	it('give every CNN question at least one lab that exists now', () => {
		for (const q of QUESTIONS.filter((q) => q.topic === 'cnn'))
			expect(liveLinks(q).length, q.id).toBeGreaterThan(0);
	});

	it('link the questions the issue names to their new labs', () => {
		const paths = (id: string) => byId[id].labs.map((link) => link.path);
		expect(paths('batch-normalization')).toContain('/batch-norm/');
		expect(paths('residual-networks')).toContain('/residual/');
		expect(paths('dimensionality-reduction')).toContain('/pca/');
		expect(paths('imbalanced-data')).toContain('/imbalance/');
	});

	for (const { id, link } of links) {
		const name = `${id} → ${link.path}?${link.query}: the lab takes the settings with no notice`;
		it(name, async () => {
			const lab = await linkedLab(link)!.definition();
			const result = readLabState(lab.schema(), new URLSearchParams(link.query), lab.reconcile);
			expect(result.notices).toEqual([]);
			expect(result.strays).toEqual([]);
		});
	}
});
