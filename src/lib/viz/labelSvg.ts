import { select } from 'd3';

/**
 * Makes a chart readable to screen readers: role="img", an aria-label with the one-line
 * summary, and <title>/<desc> as the first children (which also travel with an SVG export).
 */
export function labelSvg(svg: SVGSVGElement, label: string, description = ''): void {
	const root = select(svg).attr('role', 'img').attr('aria-label', label);
	let title = root.select<SVGTitleElement>(':scope > title');
	if (title.empty()) title = root.insert<SVGTitleElement>('title', ':first-child');
	title.text(label);
	let desc = root.select<SVGDescElement>(':scope > desc');
	if (desc.empty()) desc = root.insert<SVGDescElement>('desc', 'title + *');
	desc.text(description);
}
