import { describe, expect, it } from 'vitest';
import {
	answerText,
	isCorrect,
	loadPrediction,
	PREDICTION_KEY_PREFIX,
	savePrediction,
	type PredictionInput
} from '$lib/runtime/prediction';

const choices: PredictionInput = {
	kind: 'choices',
	choices: [
		{ id: 'same', label: 'the same' },
		{ id: 'faster', label: 'faster' }
	]
};
const number: PredictionInput = { kind: 'number', unit: 'px' };

/** A Storage over a Map; `refuse` makes every call throw, as a blocked or full storage does. */
function memoryStorage(refuse = false): Storage {
	const items = new Map<string, string>();
	const guard = () => {
		if (refuse) throw new DOMException('blocked', 'SecurityError');
	};
	return {
		get length() {
			return items.size;
		},
		clear: () => items.clear(),
		key: (i) => [...items.keys()][i] ?? null,
		getItem: (key) => (guard(), items.get(key) ?? null),
		setItem: (key, value) => (guard(), void items.set(key, value)),
		removeItem: (key) => void items.delete(key)
	};
}

describe('isCorrect', () => {
	it.each([
		{ input: choices, tolerance: undefined, predicted: 'same', answer: 'same', expected: true },
		{ input: choices, tolerance: undefined, predicted: 'faster', answer: 'same', expected: false },
		{ input: number, tolerance: undefined, predicted: 255, answer: 255, expected: true },
		{ input: number, tolerance: undefined, predicted: 256, answer: 255, expected: false },
		// 10 % of 4 is 0.4: 4.4 is in, 4.5 is out
		{ input: number, tolerance: { relative: 0.1 }, predicted: 4.4, answer: 4, expected: true },
		{ input: number, tolerance: { relative: 0.1 }, predicted: 4.5, answer: 4, expected: false },
		{ input: number, tolerance: { absolute: 10 }, predicted: 80, answer: 90, expected: true },
		{ input: number, tolerance: { absolute: 10 }, predicted: 79, answer: 90, expected: false }
	])(
		'$predicted against $answer: $expected',
		({ input, tolerance, predicted, answer, expected }) => {
			expect(isCorrect({ input, tolerance }, predicted, answer)).toBe(expected);
		}
	);

	it('is null without a prediction or before the lab has measured', () => {
		expect(isCorrect({ input: number }, null, 3)).toBeNull();
		expect(isCorrect({ input: number }, 3, null)).toBeNull();
	});
});

describe('the stored prediction', () => {
	it('round-trips on this device under a key named by the question id', () => {
		const storage = memoryStorage();
		expect(savePrediction(storage, 'q1', { predicted: 'same', revealed: true })).toBe(true);
		expect(storage.getItem(`${PREDICTION_KEY_PREFIX}q1`)).toBe(
			'{"predicted":"same","revealed":true}'
		);
		expect(loadPrediction(storage, 'q1')).toEqual({ predicted: 'same', revealed: true });
		expect(loadPrediction(storage, 'q2')).toEqual({ predicted: null, revealed: false });
	});

	it('blocked storage, no storage and garbage give no prediction and never throw', () => {
		const blocked = memoryStorage(true);
		expect(savePrediction(blocked, 'q1', { predicted: 3, revealed: false })).toBe(false);
		expect(loadPrediction(blocked, 'q1')).toEqual({ predicted: null, revealed: false });
		expect(loadPrediction(null, 'q1')).toEqual({ predicted: null, revealed: false });
		const storage = memoryStorage();
		for (const text of ['{', 'null', '[1]', '{"predicted":{"x":1},"revealed":"yes"}']) {
			storage.setItem(`${PREDICTION_KEY_PREFIX}q`, text);
			expect(loadPrediction(storage, 'q')).toEqual({ predicted: null, revealed: false });
		}
	});
});

describe('answerText', () => {
	it('quotes a choice by its label and a number with its unit', () => {
		expect(answerText(choices, 'same')).toBe('the same');
		expect(answerText(number, 1234)).toBe('1,234 px');
		expect(answerText({ kind: 'slider', min: 0, max: 100, step: 1, unit: '%' }, 87)).toBe('87%');
		expect(answerText(number, null)).toBe('no prediction');
	});
});
