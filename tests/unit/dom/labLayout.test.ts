/**
 * LabLayout as a person sees it: the lab's heading and question on top, the failure alert the
 * runtime raises above the pictures, and the areas a URL hides (`intro_hide=1`…) gone.
 */
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { createRawSnippet } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import LabLayout from '$lib/components/LabLayout.svelte';
import { LABS } from '$lib/labs';

type Area = 'explain' | 'intro' | 'controls' | 'details';

/** What LabLayout reads from useLab(), with the pooling lab's registry entry. */
function labStub(options: { error?: string | null; notices?: string[]; hidden?: Area[] } = {}) {
	const meta = LABS.find((lab) => lab.path === '/pooling/')!;
	return {
		definition: { meta },
		notices: options.notices ?? [],
		dismissNotices: vi.fn(),
		error: options.error ?? null,
		busy: false,
		hides: (area: Area) => (options.hidden ?? []).includes(area)
	};
}

const area = (name: string) =>
	createRawSnippet(() => ({
		render: () => `<section aria-label="${name}"><p>${name}</p></section>`
	}));

const areas = {
	views: area('Pictures'),
	controls: area('Controls'),
	explain: area('Explanation'),
	details: area('Details')
};

describe('LabLayout', () => {
	it('shows the lab’s heading and interview question from the registry, then every area', () => {
		const lab = labStub();
		render(LabLayout, { lab, ...areas });
		expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(lab.definition.meta.heading);
		expect(screen.getByText(lab.definition.meta.ask)).toBeTruthy();
		for (const name of ['Pictures', 'Controls', 'Explanation', 'Details'])
			expect(screen.getByRole('region', { name })).toBeTruthy();
		expect(screen.queryByRole('alert')).toBeNull();
	});

	it('puts the pictures first after the intro, so a phone shows them on its first screen', () => {
		render(LabLayout, { lab: labStub(), ...areas });
		const order = screen.getAllByRole('region').map((region) => region.getAttribute('aria-label'));
		expect(order[0]).toBe('Pictures');
	});

	it('says what failed in an alert above the pictures, keeping the pictures', () => {
		render(LabLayout, { lab: labStub({ error: 'out of memory' }), ...areas });
		const alert = screen.getByRole('alert');
		expect(alert.textContent).toBe('The computation failed: out of memory');
		const views = screen.getByRole('region', { name: 'Pictures' }).parentElement!;
		expect(within(views).getByRole('alert')).toBe(alert);
	});

	it('a lab’s own failure sentence replaces the default one', () => {
		render(LabLayout, {
			lab: labStub({ error: 'no output' }),
			failure: 'The pooled map could not be made:',
			...areas
		});
		expect(screen.getByRole('alert').textContent).toBe(
			'The pooled map could not be made: no output'
		);
	});

	it.each<{ hidden: Area[] }>([
		{ hidden: ['intro'] },
		{ hidden: ['controls'] },
		{ hidden: ['explain'] },
		{ hidden: ['details'] },
		{ hidden: ['controls', 'explain'] }
	])('$hidden hidden by the URL: gone, the pictures stay', ({ hidden }) => {
		render(LabLayout, { lab: labStub({ hidden }), ...areas });
		const names: Record<Area, string> = {
			controls: 'Controls',
			explain: 'Explanation',
			details: 'Details',
			intro: ''
		};
		for (const key of ['controls', 'explain', 'details'] as const) {
			const shown = screen.queryByRole('region', { name: names[key] });
			if (hidden.includes(key)) expect(shown).toBeNull();
			else expect(shown).not.toBeNull();
		}
		expect(screen.queryByRole('heading', { level: 1 }) === null).toBe(hidden.includes('intro'));
		expect(screen.getByRole('region', { name: 'Pictures' })).toBeTruthy();
	});

	it('shows the URL’s notices under the question; dismissing them asks the runtime', async () => {
		const lab = labStub({ notices: ['Ignored k=99: at most 11.'] });
		render(LabLayout, { lab, ...areas });
		expect(screen.getByRole('status').textContent).toContain('Ignored k=99: at most 11.');
		await userEvent.click(screen.getByRole('button', { name: 'Dismiss notices' }));
		expect(lab.dismissNotices).toHaveBeenCalledOnce();
	});

	it('marks the pictures busy while the runtime computes', () => {
		render(LabLayout, { lab: { ...labStub(), busy: true }, ...areas });
		const views = screen.getByRole('region', { name: 'Pictures' }).parentElement!;
		expect(views.getAttribute('aria-busy')).toBe('true');
	});

	it('without a runtime (a page not yet ported) every area shows and no alert', () => {
		render(LabLayout, areas);
		expect(screen.getAllByRole('region')).toHaveLength(4);
		expect(screen.queryByRole('alert')).toBeNull();
	});
});
