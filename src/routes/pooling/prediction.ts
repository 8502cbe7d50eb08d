/** The Pooling lab's prediction: how much compute pooling saves the next conv layer. */
import { isGlobal } from '$lib/engine/pooling';
import type { Prediction } from '$lib/runtime/prediction';
import type { PoolingState } from '$lib/state/poolingState';

type Observables = 'beforeSize' | 'pooledSize' | 'macsRatio';

const poolWords = (s: PoolingState) =>
	isGlobal(s.pool)
		? `global ${s.pool === 'gmax' ? 'max' : 'average'} pooling`
		: `${s.psize}×${s.psize} ${s.pool === 'max' ? 'max' : 'average'} pooling with stride ${s.pstride}`;

export const computeSavedPrediction: Prediction<PoolingState, Observables> = {
	id: 'pooling-compute-saved',
	question:
		'Pooling shrinks the maps before the next 3×3 conv layer: how many times fewer multiply-adds does that layer do?',
	prompt: (o, s) =>
		typeof o.beforeSize === 'string'
			? `${poolWords(s)} on the ${o.beforeSize} maps: how many times fewer multiply-adds does the next 3×3 conv layer do?`
			: null,
	input: { kind: 'number', min: 1, unit: '×' },
	tolerance: { relative: 0.1 },
	answer: (o) => (typeof o.macsRatio === 'number' ? o.macsRatio : null),
	measured: (o) =>
		typeof o.macsRatio === 'number' && typeof o.beforeSize === 'string'
			? {
					value: o.macsRatio,
					text: `the maps go from ${o.beforeSize} to ${o.pooledSize}, so the next 3×3 conv layer does ${o.macsRatio.toLocaleString('en', { maximumFractionDigits: 2 })}× fewer multiply-adds.`
				}
			: null,
	modelAnswer:
		'A conv layer does k²·C_in·C_out multiply-adds per output position, so its cost is proportional to the number of positions H·W. ' +
		'A pool of size p and stride s leaves ⌊(H − p)/s⌋ + 1 rows and as many columns by the same rule, so stride 2 cuts the next layer’s cost about 4×, stride 3 about 9×; the window size only trims the borders. ' +
		'Global pooling leaves one position: the layer after it costs H·W times less. ' +
		'That saving, and the larger receptive field of every later unit, are what pooling buys; the small tolerance to shifts is a side effect, and only partial.',
	misconception:
		'“Pooling makes the network cheaper because it has fewer parameters.” Pooling has no parameters and the next conv layer keeps every one of its weights: what shrinks is the number of positions each weight is applied at.',
	followUps: [
		'Why have many modern networks replaced max-pooling with strided convolutions?',
		'Max or average: which gradient does each pass back, and to which inputs?',
		'Does a 2×2 max-pool make the network invariant to a 1 px shift? (See /invariance.)'
	],
	sources: [
		{
			title: 'Springenberg et al., Striving for Simplicity: The All Convolutional Net (2015)',
			url: 'https://arxiv.org/abs/1412.6806'
		},
		{
			title: 'Goodfellow, Bengio & Courville, Deep Learning, ch. 9.3 (pooling)',
			url: 'https://www.deeplearningbook.org/contents/convnets.html'
		}
	]
};
