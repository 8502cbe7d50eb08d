/**
 * Named points of a page load on the browser's performance timeline (`performance.mark`,
 * prefixed `convlab:`), so a benchmark can break "navigation → first picture" into its steps
 * (backend start, model fetch, image decode, …). Each name is marked once per page; cheap and
 * harmless where nobody reads them.
 */
const seen = new Set<string>();

export function loadMark(name: string): void {
	if (seen.has(name) || typeof performance === 'undefined' || !performance.mark) return;
	seen.add(name);
	performance.mark(`convlab:${name}`);
}
