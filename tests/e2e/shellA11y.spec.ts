/**
 * Accessibility details a workshop audit found: axe rules that are not "serious" (so a11y.spec
 * lets them pass) but still wrong, and focus that fell to <body>.
 */
import { expect, test, type Page } from '@playwright/test';
import { axeViolations } from './axe';

// axe-core goes in as an inline script, which the app's Content-Security-Policy rightly refuses.
test.use({ bypassCSP: true });

/** The ids of every axe violation (any impact) on the page as it is now. */
const violationIds = async (page: Page) => (await axeViolations(page)).map((v) => v.id);

test('a dialog holds no second banner landmark', async ({ page }) => {
	await page.goto('/convolution/');
	await page.getByTestId('show-qr').click();
	await expect(page.getByRole('dialog')).toBeVisible();
	expect(await violationIds(page)).not.toContain('landmark-banner-is-top-level');
});

test('/pooling: the compute table has no empty header; removing a kernel keeps focus in the bank', async ({
	page
}) => {
	await page.goto('/pooling/?bank=sobel-x,sobel-y,laplacian,box,gaussian,sharpen');
	await expect(page.getByTestId('compute-table')).toBeVisible();
	expect(await violationIds(page)).not.toContain('empty-table-header');
	const remove = page.getByRole('button', { name: 'Remove kernel 2' });
	await remove.focus();
	await page.keyboard.press('Enter');
	// kernel 3 took the place of kernel 2: its remove button (now "Remove kernel 2") has focus
	await expect(page.getByRole('button', { name: /^Remove kernel/ })).toHaveCount(5);
	await expect(remove).toBeFocused();
	await page.keyboard.press('Enter');
	// at the minimum of four kernels none can go: focus moves to "Add a kernel"
	await expect(page.getByTestId('bank-add')).toBeFocused();
});

test('/convolution points to the receptive-field lab as a lab that exists', async ({ page }) => {
	await page.goto('/convolution/');
	const explanation = page.locator('.explanation').first();
	await expect(explanation).toContainText('receptive-field lab');
	await expect(explanation).not.toContainText('coming next');
	await expect(explanation.getByRole('link', { name: 'receptive-field lab' })).toHaveAttribute(
		'href',
		/\/receptive-field\//
	);
});

test('/receptive-field: focus rings in the layer editor are not clipped by its scroll box', async ({
	page
}) => {
	await page.goto('/receptive-field/');
	const layers = page.locator('ol.layers, ul.layers').first();
	await expect(layers).toBeVisible();
	const controls = layers.locator('input, select, button');
	const clipped: string[] = [];
	for (const control of [await controls.first(), await controls.last()]) {
		await control.focus();
		const fits = await control.evaluate((element) => {
			const ring = 5; // app.css: a 3 px outline 2 px outside the control
			const box = element.getBoundingClientRect();
			const scroller = element.closest('.layers')!;
			const clip = scroller.getBoundingClientRect();
			// the ring's box, within the scroll box's padding box (scrolled so the control shows)
			return (
				box.top - ring >= clip.top + scroller.clientTop - 0.5 &&
				box.right + ring <= clip.left + scroller.clientLeft + scroller.clientWidth + 0.5 &&
				box.left - ring >= clip.left + scroller.clientLeft - 0.5 &&
				box.bottom + ring <= clip.top + scroller.clientTop + scroller.clientHeight + 0.5
			);
		});
		if (!fits) clipped.push(await control.evaluate((e) => e.outerHTML.slice(0, 60)));
	}
	expect(clipped).toEqual([]);
});

test('/pooling announces the pooled size once a change settles', async ({ page }) => {
	await page.goto('/pooling/');
	await expect(page.getByTestId('compute-table')).toBeVisible();
	const announcer = page.getByTestId('lab-announcer');
	await expect(announcer).toHaveText('');
	const size = page.getByRole('slider', { name: 'Pool size' });
	await size.focus();
	await page.keyboard.press('ArrowRight');
	await expect(page).toHaveURL(/psize=3/);
	// 451×300 maps, 3×3 windows at stride 2 with no padding: ⌊(n − 3) / 2⌋ + 1
	await expect(announcer).toHaveText('3×3 max pooling, stride 2: 451×300 maps pooled to 225×149.');
});

test('/receptive-field announces the chosen layer’s field', async ({ page }) => {
	await page.goto('/receptive-field/');
	const announcer = page.getByTestId('lab-announcer');
	await expect(page.getByTestId('layer-select')).toBeVisible();
	await page.getByTestId('layer-select').selectOption('1');
	// two stacked 3×3 convs at stride 1 see 1 + 2·(3 − 1) = 5 pixels a side
	await expect(announcer).toHaveText(
		'Three 3×3 convs · conv3x3_2: receptive field 5×5 px, output 300×451.'
	);
});

test('/invariance and /fc-vs-conv announce what a change did once it settles', async ({ page }) => {
	await page.goto('/invariance/');
	const announcer = page.getByTestId('lab-announcer');
	await expect(page.getByTestId('shift-dx')).toBeVisible();
	await expect(announcer).toHaveText('');
	await page.getByTestId('fill-wrap').click();
	await expect(page).toHaveURL(/fill=wrap/);
	await expect(announcer).toHaveText(
		'Image shifted 3 px right and 0 px down (wrapping around); the conv maps move with it.'
	);

	await page.goto('/fc-vs-conv/?units=256&k=3&ch=3');
	await expect(page.getByTestId('ch-1')).toBeVisible();
	await page.getByTestId('ch-1').click();
	await expect(page).toHaveURL(/ch=1/);
	// the cat at 512: 451×300×1 · 256 + 256 for FC; 3·3·1·256 + 256 for the conv
	await expect(announcer).toHaveText(
		'256 units on a 451×300×1 input: fully connected 34,637,056 parameters, 3×3 conv 2,560.'
	);
});
