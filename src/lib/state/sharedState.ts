/**
 * Query parameters the app shell owns on every lab: which sample image is shown, which TF.js
 * backend to run and the working size images are scaled to. Labs pass SHARED_KEYS as
 * `allowUnknown` so these raise no notice.
 */
import type { BackendRequest } from '$lib/engine/backendChoice';
import { DEFAULT_SAMPLE_ID, SAMPLES } from '$lib/image/sampleCatalogue';
import { enumField, intChoiceField, sampleField } from './fields';
import type { StateOf } from './urlSchema';

export const BACKEND_CHOICES = [
	'auto',
	'webgl',
	'wasm',
	'cpu'
] as const satisfies readonly BackendRequest[];
/** Longer image side in pixels after downscaling (DESIGN: default 512). */
export const WORKING_SIZES = [128, 256, 512, 768, 1024] as const;

export const sharedSchema = {
	img: sampleField(
		SAMPLES.map((s) => s.id),
		DEFAULT_SAMPLE_ID
	),
	backend: enumField(BACKEND_CHOICES, 'auto'),
	size: intChoiceField(WORKING_SIZES, 512)
};

export type SharedSchema = typeof sharedSchema;
export type SharedState = StateOf<SharedSchema>;

export const SHARED_KEYS: readonly (keyof SharedSchema)[] = ['img', 'backend', 'size'];
