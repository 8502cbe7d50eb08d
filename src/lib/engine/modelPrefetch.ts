/**
 * Start downloading a TF.js model (model.json, then its weight files) before a backend is
 * ready: the download needs no backend, only building the model does. The page calls this as
 * its script runs, so the fetch overlaps the backend's start (the .wasm download and compile)
 * instead of following it; `loadLayersModel` / `loadGraphModel` then take the returned handler.
 */
import * as tf from '@tensorflow/tfjs-core';
import { timedFetch } from './timedFetch';

export interface PrefetchedModel extends tf.io.IOHandler {
	load: () => Promise<tf.io.ModelArtifacts>;
}

/** `fetchFunc` is for tests; the platform's fetch with a deadline (timedFetch) otherwise. */
export function prefetchModel(url: string, fetchFunc?: typeof fetch): PrefetchedModel {
	const artifacts = tf.io.http(url, { fetchFunc: fetchFunc ?? timedFetch }).load!();
	// A failure is reported to whoever loads the model; not as an unhandled rejection before.
	artifacts.catch(() => {});
	return { load: () => artifacts };
}
