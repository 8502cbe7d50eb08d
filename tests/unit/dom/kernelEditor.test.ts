/**
 * The kernel editor by keyboard, as a person uses it: an ARIA grid with one tab stop, arrow keys,
 * Home/End, digits and F2 to edit; a bad entry says what is wrong and Escape keeps the old weight;
 * a new size ends an edit so no stale cell index writes into the new grid.
 * (Moved from tests/e2e/kernelEditor.spec.ts: none of it needs more than the component.)
 */
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { flushSync } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import KernelEditorHarness from './KernelEditorHarness.svelte';
import { reactive } from './reactive.svelte';

function mount(values: number[], size: number) {
	const model = reactive({ values, size });
	const onchange = vi.fn();
	render(KernelEditorHarness, { props: { model, onchange } });
	const grid = screen.getByRole('grid');
	const cells = () => [...grid.querySelectorAll('button')];
	const editBox = () => grid.querySelector('input');
	return { model, onchange, grid, cells, editBox, user: userEvent.setup() };
}

const identity = (k: number) => {
	const values = new Array<number>(k * k).fill(0);
	values[Math.floor((k - 1) / 2) * k + Math.floor((k - 1) / 2)] = 1;
	return values;
};

describe('KernelEditor', () => {
	it('is an ARIA grid: rows of cells, one tab stop, arrow keys, Home/End, digits and F2', async () => {
		const { grid, cells, editBox, user, onchange } = mount(identity(5), 5);
		expect(grid.getAttribute('aria-label')).toBe('Kernel, 5×5');
		const rows = [...grid.children].filter((e) => e.getAttribute('role') === 'row');
		expect(rows).toHaveLength(5);
		expect(grid.querySelectorAll(':scope > [role="row"] > [role="gridcell"]')).toHaveLength(25);
		expect(grid.querySelectorAll('button[tabindex="0"]')).toHaveLength(1);

		// Tab lands on the centre tap, the one tab stop
		await user.tab();
		expect(document.activeElement).toBe(cells()[12]);
		expect(cells()[12].getAttribute('aria-label')).toBe('weight row 3 column 3: 1');
		const moves: [string, number][] = [
			['{ArrowRight}', 13],
			['{ArrowDown}', 18],
			['{Home}', 15],
			['{End}', 19],
			['{Control>}{Home}{/Control}', 0],
			['{ArrowLeft}', 0] // stays at the edge
		];
		for (const [keys, index] of moves) {
			await user.keyboard(keys);
			expect(document.activeElement, keys).toBe(cells()[index]);
		}
		expect(grid.querySelectorAll('button[tabindex="0"]')).toHaveLength(1);
		expect(cells()[0].getAttribute('tabindex')).toBe('0');

		// a digit starts editing with that digit
		await user.keyboard('3');
		expect(document.activeElement).toBe(editBox());
		expect(editBox()!.value).toBe('3');
		await user.keyboard('{Enter}');
		expect(onchange).toHaveBeenLastCalledWith([3, ...identity(5).slice(1)]);
		expect(cells()[0].getAttribute('data-value')).toBe('3');
		await vi.waitFor(() => expect(document.activeElement).toBe(cells()[0]));
		// F2 edits the current value
		await user.keyboard('{F2}');
		expect(editBox()!.value).toBe('3');
		await user.keyboard('{Escape}');
		expect(editBox()).toBeNull();
	});

	it('a bad entry says what is wrong, Escape cancels, focus stays on the cell', async () => {
		const { cells, editBox, user, onchange } = mount([0, 0, 0, 0, 2, 0, 0, 0, 0], 3);
		const alert = () => screen.queryByRole('alert');
		await user.click(cells()[4]);
		expect(document.activeElement).toBe(editBox());
		await user.clear(editBox()!);
		await user.type(editBox()!, 'abc{Enter}');
		expect(alert()!.textContent).toContain('“abc” is not a number');
		expect(alert()!.textContent).toContain('from −1000 to 1000');
		expect(document.activeElement).toBe(editBox()); // still open to fix it
		expect(editBox()!.getAttribute('aria-invalid')).toBe('true');

		await user.clear(editBox()!);
		await user.type(editBox()!, '1e9{Enter}');
		expect(alert()!.textContent).toContain('1e9 is out of range');

		await user.keyboard('{Escape}');
		expect(editBox()).toBeNull();
		expect(alert()).toBeNull(); // no empty alert left behind
		expect(cells()[4].getAttribute('data-value')).toBe('2');
		await vi.waitFor(() => expect(document.activeElement).toBe(cells()[4]));

		// Escape after a valid entry cancels it too
		await user.keyboard('{Enter}');
		await user.clear(editBox()!);
		await user.type(editBox()!, '7{Escape}');
		expect(cells()[4].getAttribute('data-value')).toBe('2');
		expect(onchange).not.toHaveBeenCalled();

		// Enter saves and keeps the focus on the edited cell
		await vi.waitFor(() => expect(document.activeElement).toBe(cells()[4]));
		await user.keyboard('{Enter}');
		await user.clear(editBox()!);
		await user.type(editBox()!, '0.5{Enter}');
		expect(onchange).toHaveBeenLastCalledWith([0, 0, 0, 0, 0.5, 0, 0, 0, 0]);
		expect(cells()[4].getAttribute('data-value')).toBe('0.5');
		await vi.waitFor(() => expect(document.activeElement).toBe(cells()[4]));

		// leaving an invalid entry keeps the old value and says so
		await user.keyboard('{Enter}');
		await user.clear(editBox()!);
		await user.type(editBox()!, 'abc');
		screen.getByRole('button', { name: 'Elsewhere' }).focus();
		flushSync();
		expect(alert()!.textContent).toContain('Kept 0.5');
		expect(cells()[4].getAttribute('data-value')).toBe('0.5');
		expect(onchange).toHaveBeenCalledTimes(1);
	});

	it('changing k while a cell is being edited ends the edit (no stale index)', async () => {
		const values = Array.from({ length: 121 }, (_, i) => (i % 11) - 5);
		const { model, cells, editBox, user, onchange } = mount(values, 11);
		await user.click(cells()[100]);
		expect(document.activeElement).toBe(editBox());
		await user.clear(editBox()!);
		await user.type(editBox()!, '5');
		// the size first, the new kernel a moment later, as the page's URL round trip does
		model.size = 3;
		flushSync();
		expect(editBox()).toBeNull();
		expect(cells()).toHaveLength(9);
		model.size = 11;
		flushSync();
		expect(editBox()).toBeNull();
		await user.keyboard('{Enter}'); // nothing stale to commit
		expect(onchange).not.toHaveBeenCalled();
	});

	it('Normalize divides by the sum, Flip 180° reverses, and Σw says the sum', async () => {
		const { cells, user, onchange } = mount([1, 2, 3, 4], 2);
		expect(screen.getByText('10', { selector: '[data-testid="kernel-sum"]' })).toBeTruthy();
		await user.click(screen.getByRole('button', { name: 'Flip 180°' }));
		expect(onchange).toHaveBeenLastCalledWith([4, 3, 2, 1]);
		await user.click(screen.getByRole('button', { name: 'Normalize' }));
		expect(onchange).toHaveBeenLastCalledWith([0.4, 0.3, 0.2, 0.1]);
		expect(cells().map((c) => c.getAttribute('data-value'))).toEqual(['0.4', '0.3', '0.2', '0.1']);
		expect(screen.getByTestId('kernel-sum').textContent).toBe('1');
	});
});
