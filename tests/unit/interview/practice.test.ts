/**
 * Every generated numeric problem against the hand formulas written here (not the engine), and
 * its worked formula against the same numbers.
 */
import { describe, expect, it } from 'vitest';
import { seededRandom } from '$lib/engine/seededRandom';
import { labAt } from '$lib/labs';
import { readLabState } from '$lib/state/labUrlState';
import {
	makeProblem,
	parseAnswer,
	PRACTICE_KINDS,
	type Given,
	type Problem
} from '$lib/interview/practice';

const SEEDS = Array.from({ length: 150 }, (_, i) => i + 1);

/** The answer by the textbook formulas (Dumoulin & Visin 2016; Araujo et al. 2019). */
function handAnswer(given: Given): number {
	switch (given.kind) {
		case 'conv-output': {
			const { n, kernel: k, stride: s, padding: p, dilation: d } = given;
			if (p === 'same') return Math.ceil(n / s);
			return Math.floor((n + 2 * p - d * (k - 1) - 1) / s) + 1;
		}
		case 'pool-output':
			return Math.floor((given.n - given.size) / given.stride) + 1;
		case 'conv-parameters':
			return given.kernel * given.kernel * given.inChannels * given.outChannels + given.outChannels;
		case 'conv-multiply-adds': {
			const out = Math.ceil(given.n / given.stride);
			return out * out * given.kernel ** 2 * given.inChannels * given.outChannels;
		}
		case 'receptive-field':
		case 'jump': {
			let r = 1;
			let j = 1;
			for (const l of given.layers) {
				r += (l.kernel - 1) * l.dilation * j;
				j *= l.stride;
			}
			return given.kind === 'jump' ? j : r;
		}
	}
}

const problems: Problem[] = PRACTICE_KINDS.flatMap((kind) =>
	SEEDS.map((seed) => makeProblem(kind, seededRandom(seed * 7919 + kind.length)))
);

describe('numeric practice', () => {
	it('answers every generated problem as the hand formula does', () => {
		for (const problem of problems) {
			expect(problem.answer, problem.prompt).toBe(handAnswer(problem.given));
			expect(problem.answer, problem.prompt).toBeGreaterThan(0);
		}
	});

	it('ends each worked formula on the answer, and its steps hold the right numbers', () => {
		for (const problem of problems) {
			const last = problem.working[problem.working.length - 1];
			const answerText = problem.answer.toLocaleString('en-US');
			expect(last, problem.prompt).toMatch(new RegExp(`= ${answerText}(\\D|$)`));
			const g = problem.given;
			if (g.kind === 'conv-output' && g.padding !== 'same') {
				const numerator = g.n + 2 * g.padding - g.dilation * (g.kernel - 1) - 1;
				expect(last).toBe(
					`= ⌊${numerator} / ${g.stride}⌋ + 1 = ${Math.floor(numerator / g.stride)} + 1 = ${problem.answer}`
				);
			}
			if (g.kind === 'receptive-field' || g.kind === 'jump') {
				// one line per layer, each with that layer's k, d and the running jump
				expect(problem.working.length).toBe(g.layers.length + 2);
				let j = 1;
				g.layers.forEach((l, i) => {
					expect(problem.working[i + 1]).toContain(`(${l.kernel} − 1)·${l.dilation}·${j}`);
					j *= l.stride;
					expect(problem.working[i + 1]).toMatch(new RegExp(`j = \\d+·${l.stride} = ${j}$`));
				});
			}
		}
	});

	it('states every given number in the question', () => {
		for (const problem of problems) {
			const g = problem.given;
			const numbers =
				g.kind === 'receptive-field' || g.kind === 'jump'
					? g.layers.map((l) => l.kernel)
					: Object.entries(g)
							// dilation 1 is the plain convolution: the question need not say so
							.filter(([key, v]) => !(key === 'dilation' && v === 1))
							.flatMap(([, v]) => (typeof v === 'number' ? [v] : []));
			for (const value of numbers) expect(problem.prompt).toContain(String(value));
		}
	});

	it('draws fresh numbers, the same for the same seed', () => {
		for (const kind of PRACTICE_KINDS) {
			const prompts = new Set(SEEDS.map((seed) => makeProblem(kind, seededRandom(seed)).prompt));
			expect(prompts.size, kind).toBeGreaterThan(30);
			expect(makeProblem(kind, seededRandom(42))).toEqual(makeProblem(kind, seededRandom(42)));
		}
	});

	it('links only to lab settings the lab accepts without a notice', async () => {
		const definitions = new Map<
			string,
			Awaited<ReturnType<ReturnType<typeof labAt>['definition']>>
		>();
		// every kind's first 25 problems: each kind of setting the generators write
		const linked = PRACTICE_KINDS.flatMap((kind) =>
			problems.filter((p) => p.given.kind === kind && p.lab).slice(0, 25)
		);
		for (const problem of linked) {
			const path = problem.lab!.path;
			if (!definitions.has(path)) definitions.set(path, await labAt(path).definition());
			const lab = definitions.get(path)!;
			const result = readLabState(
				lab.schema(),
				new URLSearchParams(problem.lab!.query),
				lab.reconcile
			);
			expect(result.notices, `${problem.lab!.path}?${problem.lab!.query}`).toEqual([]);
		}
	});
});

describe('parseAnswer', () => {
	it.each([
		['15', 15],
		[' 73,856 ', 73856],
		['1 204 224', 1204224],
		['1_000', 1000],
		['0', 0]
	])('reads %j as %d', (text, value) => expect(parseAnswer(text)).toBe(value));

	it.each(['', 'abc', '1.5', '12px', '1e6', '--3', '99999999999999999999'])('refuses %j', (text) =>
		expect(parseAnswer(text)).toBeNull()
	);
});
