/**
 * `window.convlab` exposes TF.js and the plain-loop reference to the benchmark, the browser
 * tests and curious learners in the devtools console (try `convlab.tf.memory()`).
 */
import * as tf from '@tensorflow/tfjs-core';
import { naiveConvolution } from '$lib/engine/naiveConvolution';
import type { Observed } from '$lib/runtime/labDefinition';
import { observations } from '$lib/runtime/observations.svelte';

export interface DebugHandle {
	tf: typeof tf;
	naiveConvolution: typeof naiveConvolution;
	/** what the open lab at `path` measured now, by observable name (a plain copy) */
	observed: (path: string) => Record<string, Observed>;
}

export function installDebugHandle(): void {
	window.convlab = {
		tf,
		naiveConvolution,
		observed: (path) => ({ ...observations[path] })
	};
}
