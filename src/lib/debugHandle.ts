/**
 * `window.convlab` exposes TF.js and the plain-loop reference to the benchmark, the browser
 * tests and curious learners in the devtools console (try `convlab.tf.memory()`).
 */
import * as tf from '@tensorflow/tfjs-core';
import { naiveConvolution } from '$lib/engine/naiveConvolution';

export interface DebugHandle {
	tf: typeof tf;
	naiveConvolution: typeof naiveConvolution;
}

export function installDebugHandle(): void {
	window.convlab = { tf, naiveConvolution };
}
