/**
 * The conv-bank knobs as a person uses them: choose, add and remove kernels, resize, ReLU, input;
 * and the controls an instructor's URL hides (`bank_hide=1`, via hideable()) are not shown.
 */
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { flushSync } from 'svelte';
import { SvelteSet } from 'svelte/reactivity';
import { describe, expect, it, vi } from 'vitest';
import ConvBankControls from '$lib/components/ConvBankControls.svelte';
import { LAB_CONTEXT } from '$lib/runtime/labContext';
import { DEFAULT_BANK, type ConvBankState } from '$lib/state/convBankState';
import { reactive } from './reactive.svelte';

function bankState(): ConvBankState {
	return reactive({ bank: [...DEFAULT_BANK], bk: 3, relu: true, input: 'gray' as const });
}

function mount(hidden: Iterable<string> = [], props: Record<string, unknown> = {}) {
	const state = bankState();
	const flags = new SvelteSet<string>(hidden);
	const context = new Map<unknown, unknown>([[LAB_CONTEXT, { hidden: () => flags }]]);
	render(ConvBankControls, { props: { state, ...props }, context });
	return { state, flags };
}

const isHidden = (element: HTMLElement) => element.closest('[hidden]') !== null;

describe('ConvBankControls', () => {
	it('shows one slot per kernel, named, with "Add a kernel (4 of 8)"', () => {
		mount();
		const selects = screen.getAllByRole('combobox');
		expect(selects.map((s) => s.getAttribute('aria-label'))).toEqual([
			'Kernel 1',
			'Kernel 2',
			'Kernel 3',
			'Kernel 4'
		]);
		expect(selects.map((s) => (s as HTMLSelectElement).value)).toEqual([
			'sobel-x',
			'sobel-y',
			'laplacian',
			'box'
		]);
		expect(screen.getByRole('button', { name: 'Add a kernel (4 of 8)' })).toBeTruthy();
		// at the minimum of four, no kernel can be removed
		for (const slot of [1, 2, 3, 4])
			expect(
				(screen.getByRole('button', { name: `Remove kernel ${slot}` }) as HTMLButtonElement)
					.disabled
			).toBe(true);
	});

	it('choosing a preset, adding and removing a kernel change the bank; focus stays in the bank', async () => {
		const user = userEvent.setup();
		const onremove = vi.fn();
		const { state } = mount([], { onremove });
		await user.selectOptions(screen.getByRole('combobox', { name: 'Kernel 2' }), 'gaussian');
		expect(state.bank[1]).toEqual({ kind: 'preset', name: 'gaussian' });

		await user.click(screen.getByRole('button', { name: 'Add a kernel (4 of 8)' }));
		expect(state.bank).toHaveLength(5);
		expect(screen.getByRole('button', { name: 'Add a kernel (5 of 8)' })).toBeTruthy();
		// the new slot gets a preset the bank does not have yet
		const names = state.bank.map((entry) => (entry.kind === 'preset' ? entry.name : ''));
		expect(new Set(names).size).toBe(5);

		await user.click(screen.getByRole('button', { name: 'Remove kernel 2' }));
		expect(onremove).toHaveBeenCalledWith(1);
		expect(state.bank.map((entry) => (entry.kind === 'preset' ? entry.name : ''))).toEqual([
			'sobel-x',
			'laplacian',
			'box',
			names[4]
		]);
		// the removed button's place goes to the "Add" button once no more can go
		await vi.waitFor(() =>
			expect(document.activeElement?.textContent).toBe('Add a kernel (4 of 8)')
		);
	});

	it('the size slider, ReLU and input buttons set the state and say it', async () => {
		const user = userEvent.setup();
		const { state } = mount();
		const slider = screen.getByRole('slider', { name: 'Conv kernel size' }) as HTMLInputElement;
		slider.value = '5';
		slider.dispatchEvent(new Event('input', { bubbles: true }));
		flushSync();
		expect(state.bk).toBe(5);
		expect(slider.closest('label')!.textContent).toContain('Kernel size k = 5');
		expect(screen.getByRole('img', { name: 'Sobel x weights, 5×5' })).toBeTruthy();

		await user.click(screen.getByRole('checkbox', { name: /ReLU after the conv/ }));
		expect(state.relu).toBe(false);
		await user.click(screen.getByRole('button', { name: 'RGB, summed' }));
		expect(state.input).toBe('rgb');
		expect(screen.getByRole('button', { name: 'RGB, summed' }).getAttribute('aria-pressed')).toBe(
			'true'
		);
		expect(screen.getByRole('button', { name: 'Gray (luma)' }).getAttribute('aria-pressed')).toBe(
			'false'
		);
	});

	it('hideable(): a control whose key the lab context hides is hidden, the others show', () => {
		mount(['bank', 'relu']);
		// hidden: out of the accessibility tree, as for a person who cannot see it
		expect(screen.queryByRole('combobox', { name: 'Kernel 1' })).toBeNull();
		expect(screen.queryByRole('button', { name: /Add a kernel/ })).toBeNull();
		expect(screen.queryByRole('checkbox')).toBeNull();
		expect(isHidden(screen.getByRole('checkbox', { hidden: true }))).toBe(true);
		expect(isHidden(screen.getByRole('slider', { name: 'Conv kernel size' }))).toBe(false);
		expect(isHidden(screen.getByRole('button', { name: 'RGB, summed' }))).toBe(false);
	});

	it('hideable(): a flag set later (a same-route link) hides the control then', () => {
		const { flags } = mount();
		const slider = screen.getByRole('slider', { name: 'Conv kernel size' });
		expect(isHidden(slider)).toBe(false);
		flags.add('bk');
		flushSync();
		expect(isHidden(slider)).toBe(true);
		flags.delete('bk');
		flushSync();
		expect(isHidden(slider)).toBe(false);
	});

	it('hideable(): outside a lab (no context) every control shows', () => {
		render(ConvBankControls, { props: { state: bankState() } });
		expect(document.querySelectorAll('[hidden]')).toHaveLength(0);
	});
});
