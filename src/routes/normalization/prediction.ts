/**
 * The Normalization lab's prediction: scaling every pixel by a constant leaves the conditioning
 * κ = λmax/λmin, and so gradient descent's iterations at its best step, unchanged. The lab measures
 * κ for pixels in [0, 1] and in [0, 255] — a scaling by 255, like dividing by σ.
 */
import type { Prediction } from '$lib/runtime/prediction';

type Observables = 'kappaRaw01' | 'kappaRaw255';

/** κ equal to this relative precision counts as the same conditioning. */
const SAME = 1e-3;

/** 'same', 'slower' or 'faster' for the scaled run against the unscaled one. */
export function scalingVerdict(kappa01: number, kappa255: number): 'same' | 'slower' | 'faster' {
	const change = kappa255 / kappa01 - 1;
	return Math.abs(change) < SAME ? 'same' : change > 0 ? 'slower' : 'faster';
}

const kappas = (o: Partial<Record<Observables, unknown>>) =>
	typeof o.kappaRaw01 === 'number' && typeof o.kappaRaw255 === 'number'
		? { k01: o.kappaRaw01, k255: o.kappaRaw255 }
		: null;

const sig = (x: number) => x.toLocaleString('en', { maximumSignificantDigits: 4 });

const WORDS = { same: 'the same', slower: 'slower', faster: 'faster' } as const;

export const scalingPrediction: Prediction<Record<string, unknown>, Observables> = {
	id: 'normalization-scaling',
	question:
		'Divide every pixel by the image’s σ (or multiply by 255): with the step size tuned for each, does gradient descent converge faster, slower or the same?',
	input: {
		kind: 'choices',
		choices: [
			{ id: 'faster', label: 'faster' },
			{ id: 'same', label: 'the same' },
			{ id: 'slower', label: 'slower' }
		]
	},
	answer: (o) => {
		const k = kappas(o);
		return k ? scalingVerdict(k.k01, k.k255) : null;
	},
	measured: (o) => {
		const k = kappas(o);
		if (!k) return null;
		const ratio = k.k255 / k.k01;
		const verdict = scalingVerdict(k.k01, k.k255);
		return {
			value: ratio,
			text:
				`κ = ${sig(k.k01)} for pixels in [0, 1] and ${sig(k.k255)} in [0, 255] (ratio ${ratio.toFixed(4)}): ` +
				`${WORDS[verdict]} conditioning, so at each run’s own best step gradient descent is ${WORDS[verdict]}.`
		};
	},
	modelAnswer:
		'Gradient descent on a quadratic loss converges at a rate set by the condition number κ = λmax/λmin of the input’s second-moment matrix. ' +
		'Multiplying every pixel by c multiplies every eigenvalue by c², so κ does not change: once the step is re-tuned (η below 2/λmax) the run takes exactly as many iterations. ' +
		'With the old step a run scaled up diverges and one scaled down crawls: scaling changes the step you need, not how hard the problem is. ' +
		'What does change κ is centring (the mean pixel makes one huge eigenvalue) and whitening (it makes every eigenvalue 1).',
	misconception:
		'“Normalizing makes every feature count equally, so training is faster.” Dividing by one global σ is a pure rescaling and leaves κ alone; the speed-up of standardisation comes from subtracting the mean, and a full one from decorrelating (whitening).',
	followUps: [
		'Why does subtracting the mean help so much for image patches?',
		'What does batch normalization do to the conditioning of later layers?',
		'Why does Adam care less about the scale of the inputs than plain gradient descent?'
	],
	sources: [
		{
			title: 'LeCun, Bottou, Orr & Müller, Efficient BackProp (1998), §4.3',
			url: 'http://yann.lecun.com/exdb/publis/pdf/lecun-98b.pdf'
		},
		{
			title: 'Nocedal & Wright, Numerical Optimization (2006), ch. 3 (steepest descent rate)'
		}
	]
};
