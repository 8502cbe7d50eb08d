/**
 * axe-core in the page, for every spec that audits one: axe-core 4.14.1 injected directly (what
 * @axe-core/playwright does: that wrapper's 4.14 releases require Node ≥ 22.12, and this project
 * runs on Node 20 with engine-strict). It goes in as an inline script, which the app's
 * Content-Security-Policy rightly refuses: a spec using it sets `bypassCSP` on its context.
 */
import type { Page } from '@playwright/test';
import axe from 'axe-core';

export interface Violation {
	id: string;
	impact: string | null;
	help: string;
	nodes: { target: unknown[]; failureSummary?: string }[];
}

/**
 * Every violation on the page as it is now, or inside the elements `include` selects (those the
 * page has). axe is injected once per document: parsing its 0.5 MB again costs ~0.5 s a state.
 */
export async function axeViolations(page: Page, include?: string[]): Promise<Violation[]> {
	if (!(await page.evaluate(() => 'axe' in window)))
		await page.addScriptTag({ content: axe.source });
	return page.evaluate(async (selectors) => {
		const w = window as unknown as { axe: typeof axe };
		const context = selectors
			? { include: selectors.filter((s) => document.querySelector(s)) }
			: document;
		const results = await w.axe.run(context, { resultTypes: ['violations'] });
		return results.violations.map((v) => ({
			id: v.id,
			impact: v.impact ?? null,
			help: v.help,
			nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary }))
		}));
	}, include ?? null);
}

/** The serious and critical ones: what every page must be free of. */
export const serious = (violations: Violation[]) =>
	violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
