/**
 * A seeded random walk through the Convolution lab, as an impatient learner would do it:
 * buttons, selects, sliders, checkboxes, drags on the canvases (mouse and touch), typing and
 * scrubbing in the kernel grid, step-through in any order. Any uncaught error or console error
 * fails the test, which prints the seed and the last actions so the walk can be replayed
 * (RANDOM_SEED=<seed> to repeat one; RANDOM_ACTIONS=<n> for a longer walk).
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { seededRandom } from '../../src/lib/engine/seededRandom';
import { openLab, watchErrors } from './fixtures';

const SEED = Number(process.env.RANDOM_SEED ?? 20261201);
const ACTIONS = Number(process.env.RANDOM_ACTIONS ?? 150);

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T =>
	items[Math.floor(random() * items.length)];

/** A visible, enabled element of `locator`, chosen at random; null when there is none. */
async function anyOf(random: Random, locator: Locator): Promise<Locator | null> {
	const count = await locator.count();
	const order = Array.from({ length: count }, (_, i) => i).sort(() => random() - 0.5);
	for (const i of order) {
		const item = locator.nth(i);
		if ((await item.isVisible()) && (await item.isEnabled())) return item;
	}
	return null;
}

async function dragOn(
	page: Page,
	random: Random,
	target: Locator,
	touch: boolean
): Promise<string> {
	await target.scrollIntoViewIfNeeded();
	const box = await target.boundingBox();
	if (!box) return 'drag: nothing to drag on';
	const at = () => ({ x: box.x + random() * box.width, y: box.y + random() * box.height });
	const from = at();
	const to = at();
	if (touch) {
		const cdp = await page.context().newCDPSession(page);
		await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [from] });
		for (let i = 1; i <= 6; i++) {
			const point = {
				x: from.x + ((to.x - from.x) * i) / 6,
				y: from.y + ((to.y - from.y) * i) / 6
			};
			await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [point] });
		}
		await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
		await cdp.detach();
	} else {
		await page.mouse.move(from.x, from.y);
		await page.mouse.down();
		await page.mouse.move(to.x, to.y, { steps: 6 });
		await page.mouse.up();
	}
	return `${touch ? 'touch' : 'mouse'} drag (${from.x | 0},${from.y | 0})→(${to.x | 0},${to.y | 0})`;
}

/** One random action; returns what it did, for the failure report. */
async function act(page: Page, random: Random): Promise<string> {
	const lab = page.locator('.lab');
	const kind = pick(random, [
		'button',
		'button',
		'select',
		'slider',
		'slider',
		'checkbox',
		'map-mouse',
		'map-touch',
		'canvas-drag',
		'kernel-type',
		'kernel-scrub',
		'step',
		'step',
		'key'
	] as const);
	switch (kind) {
		case 'button': {
			const button = await anyOf(random, lab.getByRole('button'));
			if (!button) return 'button: none';
			const name = (await button.getAttribute('aria-label')) ?? (await button.textContent());
			// Downloads are tested elsewhere; here they would only pile up files.
			if (/\.(npy|csv|png|svg)/.test(name ?? '')) return `button: skipped ${name}`;
			await button.click({ timeout: 5000 });
			return `button "${name?.trim().slice(0, 40)}"`;
		}
		case 'select': {
			const select = await anyOf(random, lab.locator('select'));
			if (!select) return 'select: none';
			const options = await select
				.locator('option')
				.evaluateAll((o) => o.map((option) => (option as HTMLOptionElement).value));
			const value = pick(random, options);
			await select.selectOption(value);
			return `select ${await select.getAttribute('aria-label')} = ${value}`;
		}
		case 'slider': {
			const slider = await anyOf(random, lab.getByRole('slider'));
			if (!slider) return 'slider: none';
			const [min, max] = await slider.evaluate((s) => [
				Number((s as HTMLInputElement).min),
				Number((s as HTMLInputElement).max)
			]);
			const value = String(min + Math.floor(random() * (max - min + 1)));
			await slider.fill(value);
			return `slider ${await slider.getAttribute('aria-label')} = ${value}`;
		}
		case 'checkbox': {
			const box = await anyOf(random, lab.getByRole('checkbox'));
			if (!box) return 'checkbox: none';
			await box.click();
			return `checkbox ${(await box.evaluate((b) => b.parentElement?.textContent ?? '')).trim().slice(0, 30)}`;
		}
		case 'map-mouse':
		case 'map-touch':
			return dragOn(page, random, page.getByTestId('feature-map'), kind === 'map-touch');
		case 'canvas-drag': {
			const canvas = await anyOf(random, lab.locator('canvas'));
			return canvas ? dragOn(page, random, canvas, random() < 0.5) : 'canvas: none';
		}
		case 'kernel-type': {
			const cell = await anyOf(random, page.getByTestId('kernel-grid').getByRole('button'));
			if (!cell) return 'kernel cell: none';
			await cell.click();
			const input = page.getByTestId('kernel-grid').locator('input');
			const text = pick(random, ['1', '-2', '0.5', '0', '3.25', '-0.125', '1e2', 'abc', '']);
			if (await input.isVisible()) {
				await input.fill(text);
				await input.press(pick(random, ['Enter', 'Escape', 'Tab']));
			}
			return `kernel cell typed "${text}"`;
		}
		case 'kernel-scrub': {
			const cell = await anyOf(random, page.getByTestId('kernel-grid').getByRole('button'));
			if (!cell) return 'kernel cell: none';
			const box = (await cell.boundingBox())!;
			await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
			await page.mouse.down();
			await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2 - 40 + random() * 80, {
				steps: 5
			});
			await page.mouse.up();
			return 'kernel cell scrubbed';
		}
		case 'step': {
			const name = pick(random, ['Reset', '◀ Step', 'Step ▶', 'Play', 'Pause']);
			const button = page.getByRole('button', { name, exact: true });
			if ((await button.count()) === 0 || !(await button.first().isEnabled()))
				return `step ${name}: n/a`;
			await button.first().click();
			return `step-through ${name}`;
		}
		case 'key': {
			await page.getByTestId('feature-map').focus();
			const key = pick(random, ['ArrowLeft', 'Shift+ArrowDown', 'PageUp', 'End', 'Control+Home']);
			await page.keyboard.press(key);
			return `map key ${key}`;
		}
	}
}

test(`a seeded random walk of ${ACTIONS} actions raises no error (seed ${SEED})`, async ({
	page
}) => {
	test.setTimeout(Math.max(180_000, ACTIONS * 2_000));
	const errors = watchErrors(page);
	await page.setViewportSize({ width: 1280, height: 900 });
	await openLab(page, '?size=128');
	const random = seededRandom(SEED);
	const log: string[] = [];
	const report = () =>
		`seed ${SEED} (RANDOM_SEED=${SEED} to replay); errors:\n  ${errors.join('\n  ')}\n` +
		`last actions:\n  ${log.slice(-15).join('\n  ')}`;
	for (let i = 0; i < ACTIONS; i++) {
		try {
			log.push(`${i}: ${await act(page, random)}`);
		} catch (error) {
			// An element that went away mid-action (the grid re-rendered) is not a bug; note it.
			log.push(`${i}: (action failed: ${String(error).split('\n')[0].slice(0, 100)})`);
		}
		if (errors.length) break;
		if (random() < 0.15) await page.waitForTimeout(Math.floor(random() * 400));
	}
	// Let the last frames and step-through timers run before judging.
	await page.waitForTimeout(1000);
	expect(errors, report()).toEqual([]);
	await expect(page.getByTestId('feature-map').or(page.getByRole('status'))).toBeVisible();
});
