/**
 * The lab announcer reads a setting change's result once things settle, but not the summary the
 * page opens with — unless the learner changed a setting before that first summary arrived (a slow
 * first computation): then the first summary answers their change and is read.
 */
import { render, screen } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import LabAnnouncer from '$lib/components/LabAnnouncer.svelte';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

const text = () => screen.getByTestId('lab-announcer').textContent;

describe('LabAnnouncer', () => {
	it('stays quiet for the first summary, then reads a change once it settles', async () => {
		const view = render(LabAnnouncer, { summary: null, delay: 100 });
		await view.rerender({ summary: 'Map 451×300.' });
		await vi.advanceTimersByTimeAsync(500);
		expect(text()).toBe('');
		await view.rerender({ summary: 'Map 225×150.' });
		await vi.advanceTimersByTimeAsync(50);
		await view.rerender({ summary: 'Map 150×100.' });
		await vi.advanceTimersByTimeAsync(50);
		expect(text()).toBe('');
		await vi.advanceTimersByTimeAsync(100);
		expect(text()).toBe('Map 150×100.');
	});

	it('reads the first summary when the learner changed something before it arrived', async () => {
		const view = render(LabAnnouncer, { summary: null, delay: 100 });
		document.body.dispatchEvent(new Event('click', { bubbles: true }));
		await view.rerender({ summary: 'Image shifted 3 px right (wrapping around).' });
		await vi.advanceTimersByTimeAsync(150);
		expect(text()).toBe('Image shifted 3 px right (wrapping around).');
	});

	it('a click after the first summary does not make a quiet page speak', async () => {
		const view = render(LabAnnouncer, { summary: 'Map 451×300.', delay: 100 });
		document.body.dispatchEvent(new Event('click', { bubbles: true }));
		await view.rerender({ summary: 'Map 451×300.' });
		await vi.advanceTimersByTimeAsync(500);
		expect(text()).toBe('');
	});
});
