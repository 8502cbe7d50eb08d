import { expect, test, type Page } from '@playwright/test';
import { afterRender, countRenders, watchErrors } from './fixtures';

interface TraceEvent {
	name: string;
	pid: number;
	tid: number;
	/** thread (CPU) time of a complete event, µs */
	tdur?: number;
	args?: { data?: { type?: string } };
}

/**
 * The CPU time (ms) of the page's longest main-thread task while `act` runs, from a Chromium
 * trace: the thread time, not the wall time, so a loaded machine that keeps the page waiting for
 * a core (2 cores, shared) does not fail it, while work that blocks the page does. The main
 * thread is the one that dispatched the learner's input.
 */
async function longestTaskCpu(page: Page, act: () => Promise<void>): Promise<number> {
	const browser = page.context().browser()!;
	await browser.startTracing(page, {
		categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline']
	});
	await act();
	const { traceEvents: events } = JSON.parse((await browser.stopTracing()).toString()) as {
		traceEvents: TraceEvent[];
	};
	const input = events.find(
		(e) =>
			e.name === 'EventDispatch' &&
			['change', 'keydown', 'input'].includes(e.args?.data?.type ?? '')
	);
	expect(input, 'the change in the trace').toBeDefined();
	const tasks = events.filter(
		(e) => e.name === 'RunTask' && e.pid === input!.pid && e.tid === input!.tid
	);
	return Math.max(0, ...tasks.map((task) => (task.tdur ?? 0) / 1000));
}

test('the page stays responsive (no task over 100 ms of CPU) while the ERF of dilated stacks computes', async ({
	page
}) => {
	const errors = watchErrors(page);
	await countRenders(page);
	// the astronaut at 512: with `content-visibility: auto` on the panels below the picture,
	// Chromium 156's renderer crashed on the change to the dilated preset (the page died)
	await page.goto(
		'/receptive-field/?img=astronaut&size=512&arch=custom&layers=c3&weights=random&act=relu'
	);
	await expect(page.getByTestId('erf-numbers')).toBeVisible();
	await expect(page.getByTestId('erf-depth')).toBeVisible();
	const code = page.getByTestId('builder-a-code');
	// the change, its re-render, the ERF it asks for, and the ERF-by-depth job that starts after it
	const changeTo = (choose: () => Promise<void>) =>
		longestTaskCpu(page, async () => {
			await afterRender(page, choose);
			await page.waitForTimeout(500);
		});
	for (const layers of ['c31d2', 'c7d8']) {
		const longest = await changeTo(async () => {
			await code.fill(layers);
			await code.press('Enter');
		});
		await expect(page.getByTestId('rf-caption')).toContainText('Custom stack A');
		expect(longest, layers).toBeLessThanOrEqual(100);
	}
	// The built-in context-module preset, by its menu.
	const longest = await changeTo(() =>
		page.getByTestId('builder-a-preset').selectOption('dilated').then()
	);
	expect(longest, 'dilated preset').toBeLessThanOrEqual(100);
	expect(errors).toEqual([]);
});

test('c31d4 at the default size gives an ERF, not a WASM error; a stack over the limits is refused with its reason', async ({
	page
}) => {
	const errors = watchErrors(page);
	await countRenders(page);
	await page.goto('/receptive-field/?arch=custom&layers=c31d4');
	await expect(page.getByTestId('erf-numbers')).toBeVisible();
	await expect(page.getByRole('alert')).toHaveCount(0);
	// Two 31×31 convs dilated by 32: the first would run a 961-pixel kernel over the whole image.
	await page.getByTestId('builder-a-code').fill('c31d32,c31d32');
	await page.getByTestId('builder-a-code').press('Enter');
	await expect(page.getByTestId('erf-refused')).toContainText('working memory');
	expect(errors).toEqual([]);
});

test('a stack that runs out of image names the first layer with no output, in the alert and the caption', async ({
	page
}) => {
	// 512 px → two 8× pools → 8 px → a valid 31×31 conv has no output (layer 4); 5 and 6 neither
	await page.goto('/receptive-field/?arch=custom&layers=c3,p8,p8,c31pv,c3,c3');
	const alert = page.getByTestId('no-output');
	await expect(alert).toContainText('4 conv31×31 has no output');
	await expect(alert).toContainText('6 conv3×3 included');
	await expect(page.getByTestId('rf-caption')).toContainText('6 conv3×3: no output for a');
	await expect(page.getByTestId('rf-caption')).not.toContainText('Loading');
});
