/** The Pooling lab's declaration: its URL schema and rules, and what it measures. */
import { defineLab } from '$lib/runtime/labDefinition';
import { poolingSchema, reconcilePooling } from '$lib/state/poolingState';
import { poolingCode } from '$lib/codegen/labCode';
import { computeSavedPrediction } from './prediction';

export const lab = defineLab('/pooling/', {
	schema: poolingSchema,
	reconcile: reconcilePooling,
	observables: {
		beforeSize: 'size of the map before pooling, H×W',
		pooledSize: 'size of the pooled map, H×W',
		pooledValue: 'the inspected pooled value',
		macsRatio: 'next 3×3 conv layer’s multiply-adds without pooling ÷ with it'
	},
	predictions: [computeSavedPrediction],
	code: (s, o) => {
		const [height, width] = String(o.beforeSize ?? '')
			.split('×')
			.map(Number);
		if (!height || !width) return null;
		return poolingCode({
			height,
			width,
			channels: s.input === 'rgb' ? 3 : 1,
			kernels: s.bank.length,
			kernelSize: s.bk,
			relu: s.relu,
			pool: s.pool,
			size: s.psize,
			stride: s.pstride
		});
	}
});
