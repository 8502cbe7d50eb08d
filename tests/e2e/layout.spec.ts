/**
 * The header at the screens a workshop meets — phones, tablets, laptops, projectors — with and
 * without present=1 (the instructor's link carries it to every student): the page never grows
 * wider than the screen, the header takes at most a quarter of the height, no two header
 * controls overlap, and the Projector toggle is reachable. Measured as soon as the header has
 * laid out: the layout must not depend on the lab's compute.
 */
import { expect, test, type Page } from '@playwright/test';
import { LABS } from '../../src/lib/labs';

const SIZES = [
	[390, 844],
	[768, 1024],
	[1024, 768],
	[1280, 720],
	[1366, 768],
	[1920, 1080],
	[3840, 2160]
] as const;

interface HeaderLayout {
	scrollWidth: number;
	headerHeight: number;
	overlaps: string[];
	offScreen: string[];
}

/** Scroll width, header height, and the header controls that overlap or leave the screen. */
function measureHeader(page: Page): Promise<HeaderLayout> {
	return page.evaluate(() => {
		const header = document.querySelector<HTMLElement>('[data-testid="shell-header"]')!;
		const controls = [
			...header.querySelectorAll<HTMLElement>('a, button, select, summary, .offline > span')
		].filter((element) => element.checkVisibility() && element.getClientRects().length > 0);
		const name = (element: HTMLElement) =>
			(element.getAttribute('aria-label') ?? element.textContent ?? '').trim().slice(0, 30);
		const boxes = controls.map((element) => ({ element, box: element.getBoundingClientRect() }));
		const overlaps: string[] = [];
		for (let i = 0; i < boxes.length; i++)
			for (let j = i + 1; j < boxes.length; j++) {
				const [a, b] = [boxes[i], boxes[j]];
				if (a.element.contains(b.element) || b.element.contains(a.element)) continue;
				const x = Math.min(a.box.right, b.box.right) - Math.max(a.box.left, b.box.left);
				const y = Math.min(a.box.bottom, b.box.bottom) - Math.max(a.box.top, b.box.top);
				if (x > 1 && y > 1) overlaps.push(`${name(a.element)} × ${name(b.element)}`);
			}
		const offScreen = boxes
			.filter(({ box }) => box.left < -1 || box.right > window.innerWidth + 1)
			.map(({ element }) => name(element));
		return {
			scrollWidth: document.documentElement.scrollWidth,
			headerHeight: header.getBoundingClientRect().height,
			overlaps,
			offScreen
		};
	});
}

/**
 * Every lab where a lab's own content can push the page wider than the screen (phone, and tablet
 * without present=1: present=1's larger type is checked on every lab at the phone's narrower
 * width); elsewhere the header, the same on every lab, is measured on the lab with the widest
 * controls and on the one with the most panels.
 */
const labsAt = (width: number, present: boolean) =>
	width <= 430 || (width <= 768 && !present)
		? LABS
		: LABS.filter((lab) => ['/convolution/', '/network/'].includes(lab.path));

for (const [width, height] of SIZES) {
	test.describe(`${width}×${height}`, () => {
		test.use({ viewport: { width, height } });
		for (const present of [false, true]) {
			test(`the header fits${present ? ' with present=1' : ''}`, async ({ page }) => {
				for (const lab of labsAt(width, present)) {
					await page.goto(`${lab.path}${present ? '?present=1' : ''}`, { waitUntil: 'commit' });
					await expect(page.getByTestId('stats')).toBeVisible();
					const where = `${lab.path} at ${width}×${height}${present ? ' present=1' : ''}`;
					const layout = await measureHeader(page);
					expect(layout.scrollWidth, where).toBeLessThanOrEqual(width);
					expect(layout.headerHeight, where).toBeLessThanOrEqual(height / 4);
					expect(layout.overlaps, where).toEqual([]);
					expect(layout.offScreen, where).toEqual([]);
				}
				// The Projector toggle is on screen, or one click away in the labs menu.
				const toggle = page.getByRole('button', { name: 'Projector' });
				if (!(await toggle.isVisible())) await page.getByTestId('labs-menu').click();
				await expect(toggle).toBeVisible();
				await expect(toggle).toHaveAttribute('aria-pressed', String(present));
			});
		}
	});
}

/** The smallest chart text on the page, in CSS px as drawn (font size × the SVG's scale). */
function smallestChartText(page: Page): Promise<{ px: number; text: string; count: number }> {
	return page.evaluate(() => {
		let smallest = { px: Infinity, text: '', count: 0 };
		for (const text of document.querySelectorAll<SVGTextElement>('main svg text')) {
			const ctm = text.getScreenCTM();
			if (!ctm || !text.checkVisibility() || !text.textContent?.trim()) continue;
			const px = parseFloat(getComputedStyle(text).fontSize) * Math.hypot(ctm.a, ctm.b);
			smallest.count++;
			if (px < smallest.px) smallest = { ...smallest, px, text: text.textContent.trim() };
		}
		return smallest;
	});
}

for (const [width, height] of [
	[1920, 1080],
	[3840, 2160]
] as const) {
	test(`projector chart text reads as ≥ 18 px on a 1080p screen at ${width}×${height}`, async ({
		page
	}) => {
		await page.setViewportSize({ width, height });
		await page.goto('/pooling/?present=1');
		await expect(page.getByTestId('compute-table')).toBeVisible();
		await expect(page.locator('main svg text').first()).toBeVisible();
		const smallest = await smallestChartText(page);
		expect(smallest.count).toBeGreaterThan(20);
		expect(smallest.px, `"${smallest.text}"`).toBeGreaterThanOrEqual((18 * height) / 1080);
	});
}
