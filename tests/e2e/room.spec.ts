/**
 * Room mode as a workshop runs it: `serve:lan --room` on loopback, the instructor's /room/ on the
 * laptop and two participants' phones on /room/join/ (three browser contexts). They answer, the
 * projector's tally follows, the instructor reveals; then a number question (a last answer
 * replacing an earlier one is tested on the server, tests/unit/scripts/room.test.ts). On a
 * static host (the preview server) the room says it needs the LAN server.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { axeViolations, serious } from './axe';
import { serveLan, watchErrors } from './fixtures';

/** Serious violations' ids (axe needs bypassCSP, set on each context). */
const axeIds = async (page: Page) => serious(await axeViolations(page)).map((v) => v.id);

async function phone(browser: Browser, url: string) {
	const context = await browser.newContext({
		viewport: { width: 390, height: 844 },
		bypassCSP: true
	});
	const page = await context.newPage();
	const errors = watchErrors(page);
	await page.goto(url);
	return { page, errors, close: () => context.close() };
}

test('instructor and two participants: answers, the live tally, the reveal', async ({
	browser
}) => {
	const server = await serveLan('127.0.0.1', 'build', ['--room']);
	const contexts: { close: () => Promise<void> }[] = [];
	try {
		const laptop = await browser.newContext({
			viewport: { width: 1440, height: 900 },
			bypassCSP: true
		});
		contexts.push(laptop);
		const instructor = await laptop.newPage();
		const instructorErrors = watchErrors(instructor);
		// The phones join while the projector opens; they wait for a question.
		const [ana, ben] = await Promise.all([
			phone(browser, `${server.origin}/room/join/`),
			phone(browser, `${server.origin}/room/join/`),
			instructor.goto(`${server.origin}/room/?present=1`)
		]);
		contexts.push(ana, ben);
		await expect(ana.page.getByTestId('room-waiting')).toBeVisible();
		await expect(instructor.getByTestId('room-join-url')).toHaveText(`${server.origin}/room/join/`);
		await instructor.getByLabel('Question to present').selectOption('normalize-sigma');
		await instructor.getByRole('button', { name: 'Present' }).click();
		await expect(instructor.getByTestId('room-prompt')).toContainText('standard deviation σ');

		await Promise.all(
			(
				[
					[ana, 'The same'],
					[ben, 'Faster']
				] as const
			).map(async ([who, label]) => {
				const form = who.page.getByRole('group', { name: /standard deviation σ/ });
				await form.getByLabel(label).check();
				await who.page.getByRole('button', { name: 'Send answer' }).click();
				await expect(who.page.getByTestId('room-answer-status')).toHaveText(
					`Answer received: ${label}. You can change it until the reveal.`
				);
			})
		);
		const summary = instructor.getByTestId('room-tally-summary');
		await expect(summary).toHaveText('2 answers: Faster 1 · Slower 0 · The same 1');
		await expect(instructor.getByTestId('room-count')).toHaveText(
			'2 of 2 participants have answered'
		);

		const chart = instructor.getByTestId('room-tally-chart');
		await expect(chart).toHaveAttribute('aria-label', /Faster 1, Slower 0, The same 1/);

		await instructor.getByRole('button', { name: 'Reveal' }).click();
		await expect(instructor.getByTestId('room-revealed')).toContainText(
			'Revealed. The answer: The same.'
		);
		await expect(instructor.getByTestId('room-lab-link')).toHaveAttribute(
			'href',
			'/normalization/'
		);
		await expect(ana.page.getByTestId('room-revealed')).toHaveText(
			'Revealed. The answer: The same. You said The same.'
		);
		await expect(ben.page.getByLabel('Faster')).toBeDisabled();

		// A number question: the phones' field takes the range; the projector draws a histogram.
		await instructor.getByLabel('Question to present').selectOption('conv-output-size');
		await instructor.getByRole('button', { name: 'Present' }).click();
		const field = ana.page.getByLabel(/how wide is the output/);
		await expect(field).toHaveAttribute('max', '40');
		await field.fill('30');
		await ana.page.getByRole('button', { name: 'Send answer' }).click();
		await expect(ana.page.getByTestId('room-answer-status')).toContainText(
			'Answer received: 30 px.'
		);
		await expect(summary).toHaveText('1 answer: mean 30 ± 0, from 30 to 30');
		await expect(chart).toHaveAttribute('aria-label', /Histogram of Answers: 1 answers/);
		await instructor.getByRole('button', { name: 'Reveal' }).click();
		await expect(ana.page.getByTestId('room-revealed')).toHaveText(
			'Revealed. The answer: 28 px. You said 30 px.'
		);
		await expect(ben.page.getByTestId('room-revealed')).toHaveText(
			'Revealed. The answer: 28 px. Answers are closed.'
		);

		expect(await axeIds(instructor)).toEqual([]);
		expect(await axeIds(ana.page)).toEqual([]);
		expect([...instructorErrors, ...ana.errors, ...ben.errors]).toEqual([]);
	} finally {
		for (const context of contexts) await context.close();
		server.stop();
	}
});

test('on a static host the room says it needs serve:lan --room', async ({ page }) => {
	await page.goto('/room/join/');
	await expect(page.getByTestId('room-unavailable')).toContainText('npm run serve:lan -- --room');
	await page.goto('/room/');
	await expect(page.getByTestId('room-unavailable')).toContainText('npm run serve:lan -- --room');
});
