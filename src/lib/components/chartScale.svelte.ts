/**
 * How much a chart drawn for a 16 px root font must grow to match the page: 1 normally, 1.5 in
 * projector mode at a 24 px root. A chart view draws at (its width / scale) and lets the SVG's
 * viewBox enlarge everything — text, margins, marks — by `scale`, so renderers written with
 * fixed px sizes still read from the back of a room. Call during component set-up.
 */
import { BASE_REM_PX, followRootFont, rootFontPx } from '$lib/viz/rootFont';

export function chartScale(node: () => Element | undefined): { readonly value: number } {
	let rootPx = $state(rootFontPx());
	$effect(() => {
		const element = node();
		if (!element) return;
		return followRootFont(element, () => (rootPx = rootFontPx()));
	});
	return {
		get value() {
			return rootPx / BASE_REM_PX;
		}
	};
}
