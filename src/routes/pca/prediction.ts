/**
 * The dimensionality-reduction lab's prediction: how much of the variance of the photo's patches
 * the first principal component carries. Neighbouring pixels of a photo are strongly correlated,
 * so most of a patch's variance is its overall brightness, and PC1 — close to the flat patch — takes
 * most of it; the learner's guess is usually the "evenly spread" 1/p² or a modest share.
 */
import type { Prediction } from '$lib/runtime/prediction';
import type { PcaState } from './lab';

type Observables = 'pc1Explained' | 'pc1DcCosine' | 'componentsFor90';

const percent = (share: number) => Math.round(share * 1000) / 10;

export const pc1SharePrediction: Prediction<PcaState, Observables> = {
	id: 'pca-pc1-share',
	question:
		'PCA of many small patches of a photo: what share of their variance will the first principal component explain?',
	prompt: (_, s) =>
		`PCA of 20,000 random ${s.patch}×${s.patch} patches of your photo (${s.patch * s.patch} pixels each, so ${s.patch * s.patch} components): what share of the variance will PC1 explain?`,
	input: { kind: 'slider', min: 0, max: 100, step: 1, unit: '%' },
	tolerance: { absolute: 10 },
	answer: (o) => (typeof o.pc1Explained === 'number' ? percent(o.pc1Explained) : null),
	measured: (o, s) => {
		if (typeof o.pc1Explained !== 'number') return null;
		const d = s.patch * s.patch;
		const cos = typeof o.pc1DcCosine === 'number' ? o.pc1DcCosine : null;
		const shape =
			cos === null
				? ''
				: cos >= 0.9
					? `; PC1 is the patch’s mean brightness (|cos| with a flat patch ${cos.toFixed(3)})`
					: `; PC1 is not the flat patch here (|cos| with it ${cos.toFixed(3)})`;
		const for90 =
			typeof o.componentsFor90 === 'number'
				? `, and ${o.componentsFor90} of the ${d} components hold 90 %`
				: '';
		return {
			value: percent(o.pc1Explained),
			text: `PC1 explains ${percent(o.pc1Explained)} % of the variance of your photo’s ${s.patch}×${s.patch} patches, against ${percent(1 / d)} % if it were spread evenly${shape}${for90}.`
		};
	},
	modelAnswer:
		'PCA finds the unit direction along which the data vary most, then the next one orthogonal to it, and so on; the eigenvalue of each is the variance along it. ' +
		'In a photo neighbouring pixels are strongly correlated, so a small patch mostly varies as a whole: brighter or darker. ' +
		'On most photos PC1 is therefore close to the flat patch (the mean brightness, the DC component) and explains far more than the 1/p² an even spread would give; the next components are gentle gradients, then gratings of rising frequency. ' +
		'How much PC1 takes depends on the photo: a smooth one gives it most of the variance, a fine texture (brick, a star field) much less, as the lab measures on each image.',
	misconception:
		'“The top principal components of image patches are edge detectors, like a CNN’s first layer.” PCA of patches gives a flat patch, then gradients and Fourier-like gratings, not localised edges; localised, oriented edges come from independence or sparsity (ICA, sparse coding), as the ICA dictionary beside them shows.',
	followUps: [
		'Why are the components after PC1 Fourier-like gratings (what does stationarity do to the covariance)?',
		'What does ZCA whitening do to these patches, and why are its filters centre–surround?',
		'How many components would you keep, and how would you choose (explained variance, reconstruction error, downstream accuracy)?'
	],
	sources: [
		{
			title: 'Hancock, Baddeley & Smith, The principal components of natural images (1992)'
		},
		{
			title:
				'Bell & Sejnowski, The “independent components” of natural scenes are edge filters (1997)'
		},
		{ title: 'Hyvärinen, Hurri & Hoyer, Natural Image Statistics (2009), ch. 5 and 7' }
	]
};
