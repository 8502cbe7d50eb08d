/**
 * Predict, then reveal, as a learner does it: pick an answer in a labelled radio group, press
 * "Reveal", read the measured number and the model answer; the reveal is announced and fires
 * convlab:revealed with what was predicted and measured. A presenter's screen waits for the click.
 */
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import PredictionCard from '$lib/components/PredictionCard.svelte';
import {
	PREDICTION_KEY_PREFIX,
	type Prediction,
	type RevealedDetail
} from '$lib/runtime/prediction';

const prediction: Prediction = {
	id: 'test-kappa',
	question: 'Scale every pixel: faster, slower or the same?',
	input: {
		kind: 'choices',
		choices: [
			{ id: 'faster', label: 'faster' },
			{ id: 'same', label: 'the same' }
		]
	},
	answer: (o) => (typeof o.kappa === 'number' ? 'same' : null),
	measured: (o) =>
		typeof o.kappa === 'number' ? { value: o.kappa, text: `κ = ${o.kappa}.` } : null,
	modelAnswer: 'κ does not change under scaling.',
	misconception: 'Scaling speeds it up.',
	followUps: ['What about centring?'],
	sources: [{ title: 'LeCun et al., Efficient BackProp', url: 'https://example.org/backprop' }]
};

function revealedEvents(): RevealedDetail[] {
	const events: RevealedDetail[] = [];
	window.addEventListener('convlab:revealed', (event) =>
		events.push((event as CustomEvent<RevealedDetail>).detail)
	);
	return events;
}

afterEach(() => localStorage.clear());

describe('PredictionCard', () => {
	it('a prediction, then Reveal: the measured number, verdict, answer and sources; one event', async () => {
		const events = revealedEvents();
		render(PredictionCard, { prediction, observed: { kappa: 12.5 }, settings: {} });
		const group = screen.getByRole('group', { name: prediction.question });
		expect(screen.queryByText(prediction.modelAnswer)).toBeNull();
		await userEvent.click(screen.getByRole('radio', { name: 'the same' }));
		expect(group).toBeTruthy();
		await userEvent.click(screen.getByRole('button', { name: 'Reveal' }));
		expect(screen.getByText(prediction.modelAnswer)).toBeTruthy();
		expect(screen.getByText(/Scaling speeds it up/)).toBeTruthy();
		expect(screen.getByRole('link', { name: /Efficient BackProp/ }).getAttribute('href')).toBe(
			'https://example.org/backprop'
		);
		const verdict = 'Measured on your image: κ = 12.5. You predicted the same: right.';
		expect(screen.getByTestId('prediction-announcer').textContent).toBe(verdict);
		expect(screen.getByTestId('prediction-announcer').getAttribute('aria-live')).toBe('polite');
		expect(events).toEqual([{ id: 'test-kappa', predicted: 'same', measured: 12.5 }]);
		expect(JSON.parse(localStorage.getItem(`${PREDICTION_KEY_PREFIX}test-kappa`)!)).toEqual({
			predicted: 'same',
			revealed: true
		});
	});

	it('a wrong prediction is told what the lab measured', async () => {
		render(PredictionCard, { prediction, observed: { kappa: 3 }, settings: {} });
		await userEvent.click(screen.getByRole('radio', { name: 'faster' }));
		await userEvent.click(screen.getByRole('button', { name: 'Reveal' }));
		expect(screen.getByTestId('prediction-announcer').textContent).toBe(
			'Measured on your image: κ = 3. You predicted faster: the lab measured the same.'
		);
	});

	it('a measurement made on something else than the image says what it was made on', async () => {
		render(PredictionCard, {
			prediction: { ...prediction, measuredOn: 'the trained networks' },
			observed: { kappa: 3 },
			settings: {}
		});
		await userEvent.click(screen.getByRole('radio', { name: 'the same' }));
		await userEvent.click(screen.getByRole('button', { name: 'Reveal' }));
		expect(screen.getByTestId('prediction-announcer').textContent).toBe(
			'Measured on the trained networks: κ = 3. You predicted the same: right.'
		);
	});

	it('a stored reveal shows again for a learner, but a presenter’s screen waits for the click', async () => {
		localStorage.setItem(
			`${PREDICTION_KEY_PREFIX}test-kappa`,
			JSON.stringify({ predicted: 'same', revealed: true })
		);
		const learner = render(PredictionCard, { prediction, observed: { kappa: 2 }, settings: {} });
		expect(screen.getByText(prediction.modelAnswer)).toBeTruthy();
		learner.unmount();
		render(PredictionCard, { prediction, observed: { kappa: 2 }, settings: {}, presenting: true });
		expect(screen.queryByText(prediction.modelAnswer)).toBeNull();
		expect((screen.getByRole('radio', { name: 'the same' }) as HTMLInputElement).checked).toBe(
			true
		);
		expect(screen.getByRole('button', { name: 'Reveal' })).toBeTruthy();
	});

	it('a number field is labelled by the question; the event waits for the measurement', async () => {
		const events = revealedEvents();
		const numeric: Prediction = {
			...prediction,
			id: 'test-n',
			input: { kind: 'number', unit: 'px' }
		};
		const card = render(PredictionCard, { prediction: numeric, observed: {}, settings: {} });
		await userEvent.type(screen.getByRole('spinbutton', { name: numeric.question }), '7');
		await userEvent.click(screen.getByRole('button', { name: 'Reveal' }));
		expect(events).toEqual([]);
		await card.rerender({ prediction: numeric, observed: { kappa: 7 }, settings: {} });
		expect(events).toEqual([{ id: 'test-n', predicted: 7, measured: 7 }]);
	});
});
