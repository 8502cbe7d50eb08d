/**
 * The Residual lab's prediction (issue 25): delete one block of each trained net at test time —
 * what is left? Answered by the lab's own lesion study (the observables plainTestAccuracy,
 * plainLesioned and their residual twins, all 10,000 test images, at the last pause).
 */
import type { Prediction } from '$lib/runtime/prediction';

type Observables =
	'step' | 'plainTestAccuracy' | 'residualTestAccuracy' | 'plainLesioned' | 'residualLesioned';

/** Ten classes: a net that guesses is right 10 % of the time. */
export const CHANCE = 0.1;

/** A lesioned net "keeps" its accuracy when it keeps at least half of its margin above chance. */
export function keeps(intact: number, lesioned: number): boolean {
	return lesioned - CHANCE >= 0.5 * (intact - CHANCE);
}

export type LesionVerdict = 'both-keep' | 'plain-falls' | 'residual-falls' | 'both-fall';

export function lesionVerdict(
	plain: { intact: number; lesioned: number },
	residual: { intact: number; lesioned: number }
): LesionVerdict {
	const p = keeps(plain.intact, plain.lesioned);
	const r = keeps(residual.intact, residual.lesioned);
	return p && r ? 'both-keep' : r ? 'plain-falls' : p ? 'residual-falls' : 'both-fall';
}

const numbers = (o: Partial<Record<Observables, unknown>>) => {
	const v = [o.plainTestAccuracy, o.plainLesioned, o.residualTestAccuracy, o.residualLesioned];
	if (!v.every((x) => typeof x === 'number' && Number.isFinite(x))) return null;
	const [pi, pl, ri, rl] = v as number[];
	return { plain: { intact: pi, lesioned: pl }, residual: { intact: ri, lesioned: rl } };
};

const pct = (v: number) => `${(100 * v).toFixed(1)} %`;

const CHOICES = [
	{ id: 'both-keep', label: 'both keep most of their accuracy' },
	{
		id: 'plain-falls',
		label: 'the plain net falls towards chance (10 %); the residual net keeps most'
	},
	{ id: 'both-fall', label: 'both fall towards chance' },
	{ id: 'residual-falls', label: 'the residual net falls towards chance; the plain net keeps most' }
] as const;

export const lesionPrediction: Prediction<{ depth: number; block: number }, Observables> = {
	id: 'residual-lesion',
	question:
		'Delete one block of each trained net at test time (the block becomes the identity): what accuracy is left?',
	prompt: (_, s) =>
		`Train both ${s.depth}-layer nets, pause, then delete block ${s.block} of each (it becomes the identity; nothing is retrained): what test accuracy is left?`,
	input: { kind: 'choices', choices: CHOICES },
	answer: (o) => {
		const m = numbers(o);
		return m ? lesionVerdict(m.plain, m.residual) : null;
	},
	measured: (o, s) => {
		const m = numbers(o);
		if (!m) return null;
		const verdict = lesionVerdict(m.plain, m.residual);
		const label = CHOICES.find((c) => c.id === verdict)!.label;
		return {
			value: m.residual.lesioned,
			text:
				`Block ${s.block} deleted, ${typeof o.step === 'number' ? `after ${o.step} steps, ` : ''}all 10,000 test images: ` +
				`plain-${s.depth} ${pct(m.plain.intact)} → ${pct(m.plain.lesioned)}, residual-${s.depth} ${pct(m.residual.intact)} → ${pct(m.residual.lesioned)} — ${label}.`
		};
	},
	measuredOn: 'the trained networks',
	modelAnswer:
		'A plain net is one path: every block feeds the next, so the layers after a deleted block receive a representation they were never trained on, and a trained plain net typically drops to near chance. ' +
		'A residual net computes h + F(h) at every block, so deleting a block only removes the paths through its branch; Veit, Wilber and Belongie showed it behaves like an ensemble of 2ⁿ paths of different lengths, most of them short. ' +
		'Its accuracy therefore falls only a few points for most blocks, more for the first ones, whose change of representation the rest was built on. ' +
		'This is also why residual nets train at depths where plain nets degrade: each block only has to learn a small correction to the identity.',
	misconception:
		'“Residual connections exist to fix vanishing gradients.” He et al. trained their plain nets with batch norm, whose gradients do not vanish (see the gradient norms); the deeper plain nets still fit their training set worse — the degradation problem — and the shortcut, an identity every block starts from, is what removes it.',
	followUps: [
		'Why does deleting one of the first blocks of a residual net cost more than deleting a late one?',
		'What happens if you delete a downsampling block of a real ResNet, where the shortcut is a projection?',
		'How do DenseNets and highway networks differ from the identity shortcut?'
	],
	sources: [
		{
			title: 'He, Zhang, Ren & Sun, Deep Residual Learning for Image Recognition (CVPR 2016)',
			url: 'https://arxiv.org/abs/1512.03385'
		},
		{
			title:
				'Veit, Wilber & Belongie, Residual Networks Behave Like Ensembles of Relatively Shallow Networks (NeurIPS 2016)',
			url: 'https://arxiv.org/abs/1605.06431'
		}
	]
};
