/** The Pooling lab's declaration: its URL schema and rules, and what it measures. */
import { defineLab } from '$lib/runtime/labDefinition';
import { poolingSchema, reconcilePooling } from '$lib/state/poolingState';
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
	predictions: [computeSavedPrediction]
});
