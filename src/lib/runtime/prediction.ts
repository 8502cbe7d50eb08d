/**
 * Predict, then reveal: a question a lab asks before the learner looks at the evidence, answered
 * by what the lab itself measures on the learner's image (its observables). Declared in the lab's
 * lab.ts, rendered by LabLayout at the top of the lab:
 *
 *   predictions: [{
 *     id: 'pooling-macs', question: 'How many times fewer multiply-adds …?',
 *     input: { kind: 'number', min: 1, unit: '×' }, tolerance: { relative: 0.1 },
 *     answer: (o) => o.macsRatio ?? null,
 *     measured: (o) => typeof o.macsRatio === 'number' ? { value: o.macsRatio, text: … } : null,
 *     modelAnswer: '…', misconception: '…', followUps: ['…'], sources: [{ title: '…', url: '…' }]
 *   }]
 *
 * The learner's prediction is kept only on this device (localStorage through safeStorage).
 */
import { readItem, writeItem } from '$lib/state/safeStorage';
import type { Observed } from './labDefinition';

/** A choice's id, or a number. */
export type Answer = string | number;

export interface PredictionChoice {
	id: string;
	label: string;
}

/** The form control the learner answers with. */
export type PredictionInput =
	| { kind: 'choices'; choices: readonly PredictionChoice[] }
	| { kind: 'number'; min?: number; max?: number; step?: number; unit?: string }
	| { kind: 'slider'; min: number; max: number; step: number; unit?: string };

/** What the lab measured that answers the question: the number (or text) and a sentence quoting it. */
export interface Measurement {
	value: number | string;
	text: string;
}

export interface PredictionSource {
	title: string;
	url?: string;
}

/** What the lab has published now, by observable name (`window.convlab.observed(path)`). */
export type ObservedNow<O extends string = string> = Readonly<Partial<Record<O, Observed>>>;

// Functions of the lab's numbers are methods, so every lab's predictions stay assignable to the
// general type whatever its state and observable names (methods are bivariant).
export interface Prediction<St = Record<string, unknown>, O extends string = string> {
	/** stable: stored answers, the interview list and `convlab:revealed` name the question by it */
	id: string;
	/** the question in general words (the interview list shows it) */
	question: string;
	/** the question with this screen's numbers ("Your 512 px wide image, k = 3 …"); `question` if absent or null */
	prompt?(observed: ObservedNow<O>, state: St): string | null;
	input: PredictionInput;
	/** how far a number may miss and still count as right: absolute, or relative to the answer */
	tolerance?: { absolute?: number; relative?: number };
	/** the right answer now (a choice id or a number), or null while the lab has not measured it */
	answer(observed: ObservedNow<O>, state: St): Answer | null;
	/** the measured number behind the answer, or null while the lab has not measured it */
	measured(observed: ObservedNow<O>, state: St): Measurement | null;
	/** what the measurement was made on, as the reveal says it ("Measured on …"): "your image" if absent */
	measuredOn?: string;
	/** the corrected model answer, 3–5 sentences, true at every setting of the lab */
	modelAnswer: string;
	/** the common wrong answer and why it is wrong */
	misconception: string;
	/** what an interviewer asks next */
	followUps: readonly string[];
	sources: readonly PredictionSource[];
}

/** `detail` of the `convlab:revealed` event a reveal fires on `window`. */
export interface RevealedDetail {
	id: string;
	predicted: Answer | null;
	measured: number | string;
}
export const REVEALED_EVENT = 'convlab:revealed';

/** Is `predicted` right against `answer`? null when either is missing. */
export function isCorrect(
	prediction: Pick<Prediction, 'input' | 'tolerance'>,
	predicted: Answer | null,
	answer: Answer | null
): boolean | null {
	if (predicted === null || answer === null) return null;
	if (prediction.input.kind === 'choices' || typeof answer === 'string')
		return String(predicted) === String(answer);
	const guess = Number(predicted);
	if (!Number.isFinite(guess)) return false;
	const { absolute = 0, relative = 0 } = prediction.tolerance ?? {};
	return Math.abs(guess - answer) <= Math.max(absolute, relative * Math.abs(answer)) + 1e-9;
}

/** A stored prediction: what the learner committed to and whether they have seen the answer. */
export interface StoredPrediction {
	predicted: Answer | null;
	revealed: boolean;
}

export const PREDICTION_KEY_PREFIX = 'convlab:prediction:';

/** The learner's stored prediction for `id`; nothing stored (or unreadable) is no prediction. */
export function loadPrediction(storage: Storage | null, id: string): StoredPrediction {
	const empty: StoredPrediction = { predicted: null, revealed: false };
	const text = readItem(storage, PREDICTION_KEY_PREFIX + id);
	if (text === null) return empty;
	try {
		const parsed: unknown = JSON.parse(text);
		if (typeof parsed !== 'object' || parsed === null) return empty;
		const { predicted, revealed } = parsed as Record<string, unknown>;
		const valid =
			typeof predicted === 'string' ||
			(typeof predicted === 'number' && Number.isFinite(predicted));
		return { predicted: valid ? predicted : null, revealed: revealed === true };
	} catch {
		return empty;
	}
}

/** Keep `record` for `id` on this device; false when storage is blocked or full. */
export function savePrediction(
	storage: Storage | null,
	id: string,
	record: StoredPrediction
): boolean {
	return writeItem(storage, PREDICTION_KEY_PREFIX + id, JSON.stringify(record));
}

/** A choice's label, or a number with its unit, as the reveal quotes the learner's prediction. */
export function answerText(input: PredictionInput, answer: Answer | null): string {
	if (answer === null) return 'no prediction';
	if (input.kind === 'choices')
		return input.choices.find((c) => c.id === answer)?.label ?? String(answer);
	const unit = input.unit ? (input.unit === '%' || input.unit === '×' ? '' : ' ') + input.unit : '';
	return `${Number(answer).toLocaleString('en')}${unit}`;
}
