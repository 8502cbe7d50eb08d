/**
 * What each open lab measured, by lab path and observable name: the named numbers the interview
 * mode reads to check a prediction, and that the browser tests and `window.convlab.observed()` see.
 * A lab's entry goes when the lab's page goes.
 */
import type { Observed } from './labDefinition';

export const observations: Record<string, Record<string, Observed>> = $state({});

export function clearObservations(path: string): void {
	delete observations[path];
}
