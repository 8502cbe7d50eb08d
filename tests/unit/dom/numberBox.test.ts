/**
 * A number box bound to a URL field (state/numberBox.ts), as a person types into /residual's
 * Steps box: the state takes only what its field reads back from an address (a whole number in
 * range), on Enter or leaving the box, and the box shows what the state holds.
 */
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { flushSync } from 'svelte';
import { SvelteSet } from 'svelte/reactivity';
import { describe, expect, it } from 'vitest';
import { LAB_CONTEXT } from '$lib/runtime/labContext';
import { committedNumber } from '$lib/state/numberBox';
import { defaultState } from '$lib/state/urlSchema';
import ResidualControls from '../../../src/routes/residual/ResidualControls.svelte';
import { MAX_STEPS, residualSchema } from '../../../src/routes/residual/lab';
import { reactive } from './reactive.svelte';

describe('committedNumber', () => {
	const steps = { min: 100, max: 5000, integer: true };
	it.each([
		['2.5', 100],
		['0', 100],
		['-40', 100],
		['250', 250],
		['2345.6', 2346],
		['99999', 5000],
		['1e3', 1000]
	])('%s → %i for whole numbers in [100, 5000]', (text, want) => {
		expect(committedNumber(text, steps)).toBe(want);
	});
	it.each(['', '  ', 'abc', 'Infinity', 'NaN'])('%j is no number: null', (text) => {
		expect(committedNumber(text, steps)).toBeNull();
	});
	it('keeps fractions where the field takes them', () => {
		expect(committedNumber('0.0125', { min: 0.001, max: 0.1, integer: false })).toBe(0.0125);
		expect(committedNumber('0.5', { min: 0.001, max: 0.1, integer: false })).toBe(0.1);
	});
});

describe("/residual's Steps box", () => {
	function mount() {
		const schema = residualSchema();
		const state = reactive(defaultState(schema));
		const context = new Map<unknown, unknown>([[LAB_CONTEXT, { hidden: () => new SvelteSet() }]]);
		render(ResidualControls, { props: { state }, context });
		const box = screen.getByTestId('steps') as HTMLInputElement;
		return { state, box, schema };
	}
	/** what the address would read back for the state's steps */
	const roundTrip = (schema: ReturnType<typeof residualSchema>, steps: number) =>
		schema.steps.parse(schema.steps.serialize(steps));

	it('typing 2.5 leaves the state alone until the box is left, then holds 100 (the least the field reads)', async () => {
		const user = userEvent.setup();
		const { state, box, schema } = mount();
		expect(box.value).toBe('2000');
		await user.clear(box);
		await user.type(box, '2.5');
		flushSync();
		expect(state.steps).toBe(2000);
		await user.tab();
		flushSync();
		expect(state.steps).toBe(100);
		expect(box.value).toBe('100');
		expect(roundTrip(schema, state.steps)).toBe(100);
	});

	it('too many steps become the most; text that is no number is undone on leaving the box', async () => {
		const user = userEvent.setup();
		const { state, box } = mount();
		await user.clear(box);
		await user.type(box, '123456');
		await user.tab();
		flushSync();
		expect(state.steps).toBe(MAX_STEPS);
		await user.clear(box);
		await user.tab();
		flushSync();
		expect(state.steps).toBe(MAX_STEPS);
		expect(box.value).toBe(String(MAX_STEPS));
	});

	it("the spinner's bounds are the field's (no copy beside them)", () => {
		const { box } = mount();
		expect([box.min, box.max]).toEqual(['100', String(MAX_STEPS)]);
		expect(box.step).toBe('100');
	});

	it('the box follows the state when something else changes it (a link, a reset)', () => {
		const { state, box } = mount();
		state.steps = 300;
		flushSync();
		expect(box.value).toBe('300');
	});
});
