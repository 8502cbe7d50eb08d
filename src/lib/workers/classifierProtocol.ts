/**
 * The classifier's own messages on top of the training protocol (src/lib/training/protocol.ts):
 * the variant config, the data to load, the export of a trained model. Kept apart from the
 * worker (classifierTrainer.worker.ts) so the checks are unit-tested in Node.
 */

export const DEFAULT_LEARNING_RATE = 0.002;
export const DEFAULT_BATCH_SIZE = 32;
export const DEFAULT_HELD_OUT = 500;

/** One classifier variant: the shipped architecture with or without batch norm. */
export interface ClassifierConfig {
	batchNorm: boolean;
}

/** Page → worker (inside a `task` command). */
export type ClassifierTask =
	/** load the shipped Fashion-MNIST subset; `heldOut` images taken from the test split */
	{ type: 'data'; dataUrl: string; heldOut: number } | { type: 'export' };

/** Worker → page (inside a `task` event). */
export type ClassifierReply =
	| { type: 'data'; trainCount: number; heldOutCount: number }
	| { type: 'exported'; modelJson: string; weights: ArrayBuffer };

export function parseClassifierConfig(value: unknown): ClassifierConfig | null {
	if (!value || typeof value !== 'object') return null;
	const { batchNorm } = value as Record<string, unknown>;
	return typeof batchNorm === 'boolean' ? { batchNorm } : null;
}

export function parseClassifierTask(value: unknown): ClassifierTask | null {
	if (!value || typeof value !== 'object') return null;
	const m = value as Record<string, unknown>;
	if (m.type === 'export') return { type: 'export' };
	if (m.type !== 'data' || typeof m.dataUrl !== 'string' || !m.dataUrl.endsWith('/')) return null;
	const heldOut = m.heldOut === undefined ? DEFAULT_HELD_OUT : m.heldOut;
	if (typeof heldOut !== 'number' || !Number.isFinite(heldOut)) return null;
	return { type: 'data', dataUrl: m.dataUrl, heldOut: Math.max(1, Math.round(heldOut)) };
}
