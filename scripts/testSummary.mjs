#!/usr/bin/env node
// One closing line for the whole suite, "N passed, N failed", from the Vitest and Playwright
// JSON reports that scripts/test.sh asks both runners to write.
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;

const vitest = 'test-reports/vitest.json';
if (existsSync(vitest)) {
	const report = JSON.parse(readFileSync(vitest, 'utf8'));
	passed += report.numPassedTests ?? 0;
	failed += report.numFailedTests ?? 0;
	skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
}

const playwright = 'test-reports/playwright.json';
if (existsSync(playwright)) {
	const { stats } = JSON.parse(readFileSync(playwright, 'utf8'));
	passed += (stats.expected ?? 0) + (stats.flaky ?? 0);
	failed += stats.unexpected ?? 0;
	skipped += stats.skipped ?? 0;
}

console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
