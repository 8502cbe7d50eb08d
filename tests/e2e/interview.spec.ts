/**
 * /interview/ as a learner uses it: write an answer, reveal the model answer, mark it; answer a
 * numeric problem wrong, then one right (the expected number from the hand formula here, not the
 * app); the progress survives a reload; "what I got wrong first" reorders; the study sheet is
 * what prints. And with the browser's storage blocked the page still works and says so.
 */
import { expect, test, type Locator } from '@playwright/test';
import { watchErrors } from './fixtures';

interface PoolGiven {
	kind: 'pool-output';
	n: number;
	size: number;
	stride: number;
}

async function pooledAnswer(practice: Locator): Promise<number> {
	const text = await practice.getByTestId('problem').getAttribute('data-given');
	const given = JSON.parse(text ?? '{}') as PoolGiven;
	expect(given.kind).toBe('pool-output');
	return Math.floor((given.n - given.size) / given.stride) + 1;
}

test('interview: reveal, numeric right and wrong, progress kept, wrong first, the sheet prints', async ({
	page
}) => {
	const errors = watchErrors(page);
	await page.goto('/interview/');
	await expect(page.getByRole('heading', { level: 1, name: 'Interview practice' })).toBeVisible();

	// A question card: the answer only on demand, a lab link with the settings that answer it.
	const card = page.locator('#max-pooling');
	await card.getByLabel(/Your answer/).fill('It downsamples and tolerates small shifts.');
	await expect(card.getByTestId('model-answer')).toBeHidden();
	await card.getByRole('button', { name: 'Reveal the answer' }).click();
	await expect(card.getByTestId('model-answer')).toContainText('keeps the strongest response');
	await expect(card.getByRole('link', { name: 'Pooling', exact: true })).toHaveAttribute(
		'href',
		/\/pooling\/\?pool=max&psize=2&pstride=2/
	);
	await card.getByRole('button', { name: 'I had it' }).click();
	await expect(card.getByTestId('question-score')).toContainText('Tried 1 · right 1');
	const clustering = page.locator('#clustering');
	await clustering.getByRole('button', { name: 'Reveal the answer' }).click();
	await clustering.getByRole('button', { name: 'I missed something' }).click();

	// Numeric practice: wrong, then a fresh problem answered right.
	const practice = page.getByTestId('numeric-practice');
	await practice.getByLabel('Pooling output size').check();
	const feedback = practice.getByTestId('practice-feedback');
	await practice.getByLabel(/Your answer/).fill(String((await pooledAnswer(practice)) + 1));
	await practice.getByRole('button', { name: 'Check' }).click();
	await expect(feedback).toContainText('Not quite');
	await practice.getByRole('button', { name: 'Next problem' }).click();
	const answer = await pooledAnswer(practice);
	await practice.getByLabel(/Your answer/).fill(String(answer));
	await practice.getByRole('button', { name: 'Check' }).click();
	await expect(feedback).toHaveText(`Right: ${answer.toLocaleString('en-US')}.`);
	await practice.getByRole('button', { name: 'Show the working' }).click();
	await expect(practice.getByTestId('practice-working')).toContainText(`+ 1 = ${answer}`);
	const summary = page.getByTestId('progress-summary');
	await expect(summary).toContainText('Questions marked: 2 of 15, had it last time: 1');
	await expect(summary).toContainText('Numeric problems: 1 right of 2');

	// Kept across a reload; the missed question comes first when asked for.
	await page.reload();
	await expect(summary).toContainText('Questions marked: 2 of 15, had it last time: 1');
	await expect(summary).toContainText('Numeric problems: 1 right of 2');
	await expect(card.getByLabel(/Your answer/)).toHaveValue(
		'It downsamples and tolerates small shifts.'
	);
	await expect(card.getByTestId('question-score')).toContainText('Tried 1 · right 1');
	await page.getByRole('button', { name: 'What I got wrong first' }).click();
	await expect(page.getByTestId('question-card').first()).toHaveAttribute('id', 'clustering');
	await expect(page.getByTestId('question-card').last()).toHaveAttribute('id', 'max-pooling');

	// Printed: the study sheet alone, with the learner's answer beside the model answer.
	const sheet = page.getByTestId('study-sheet');
	await expect(sheet).toBeHidden();
	await page.emulateMedia({ media: 'print' });
	await expect(sheet).toBeVisible();
	await expect(sheet).toContainText('It downsamples and tolerates small shifts.');
	await expect(sheet).toContainText('keeps the strongest response');
	await expect(sheet).toContainText(`answer: ${answer}`);
	await expect(page.getByTestId('shell-header')).toBeHidden();
	await expect(practice).toBeHidden();
	await page.emulateMedia({ media: 'screen' });
	expect(errors).toEqual([]);
});

test('interview with the browser’s storage blocked: works, keeps nothing, says so', async ({
	page
}) => {
	const errors = watchErrors(page);
	await page.addInitScript(() => {
		Object.defineProperty(window, 'localStorage', {
			get() {
				throw new DOMException('Access is denied for this document.', 'SecurityError');
			}
		});
	});
	await page.goto('/interview/');
	await expect(page.getByText('does not let the page keep data')).toBeVisible();
	const card = page.locator('#batch-normalization');
	await card.getByRole('button', { name: 'Reveal the answer' }).click();
	await card.getByRole('button', { name: 'I had it' }).click();
	await expect(page.getByTestId('progress-summary')).toContainText('Questions marked: 1 of 15');
	expect(errors).toEqual([]);
});
