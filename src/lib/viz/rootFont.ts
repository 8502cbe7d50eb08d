/**
 * Chart text in ConvLab follows the page's root font size (1rem), so projector mode — which
 * raises it — grows axis ticks, labels and legends with the HTML text. Renderers resolve
 * sizes to px at draw time: an exported SVG or PNG then carries the sizes it was drawn with.
 */

/** The size every chart's text is designed at; sizes scale by rootFontPx() / BASE_REM_PX. */
export const BASE_REM_PX = 16;

/*
 * getComputedStyle forces a style recalculation whenever the DOM changed since the last one, and
 * every chart asks for the root size while it redraws: on a lab with formulas and several charts
 * that was 5–13 ms per control change, spent before the picture reached the screen. The root
 * size only changes with <html>'s class or style attribute (projector mode) or the window size
 * (a media query), so it is cached under those: the attributes are read as strings (no style
 * work) and a resize clears the cache.
 */
let cached: { key: string; px: number } | null = null;
let listening = false;

/**
 * In projector mode chart text grows 1.3× more than the page's text: chart labels are designed
 * at 10–12 px for a 16 px root, and the back of a room needs them at 18 px or more on a 1080p
 * projector (24 px root × 1.3 / 16 × 10 px ≈ 19.5 px), or the same share of a smaller screen's
 * height (13 px at 1024×768, where the root stays 16 px). The root font itself follows the
 * screen (app.css).
 */
export const PROJECTOR_CHART_BOOST = 1.3;

/**
 * The size chart text's 1rem stands for, in CSS px: the root font size, × PROJECTOR_CHART_BOOST
 * in projector mode (16 outside a browser or when unreadable).
 */
export function rootFontPx(): number {
	if (typeof document === 'undefined' || !document.documentElement) return BASE_REM_PX;
	const html = document.documentElement;
	const key = `${html.className}|${html.getAttribute('style') ?? ''}`;
	if (cached?.key === key) return cached.px;
	if (!listening && typeof window !== 'undefined') {
		listening = true;
		window.addEventListener('resize', () => (cached = null));
	}
	const parsed = Number.parseFloat(getComputedStyle(html).fontSize);
	const root = parsed > 0 && Number.isFinite(parsed) ? parsed : BASE_REM_PX;
	const px = html.classList.contains('projector') ? root * PROJECTOR_CHART_BOOST : root;
	cached = { key, px };
	return px;
}

/** A size designed for a 16 px root, scaled to the page's root font: remScaled(11) is 11 px at 16 px. */
export function remScaled(px: number, root = rootFontPx()): number {
	return Math.round(((px * root) / BASE_REM_PX) * 100) / 100;
}

/*
 * The registry holds its nodes weakly. It used to be a Map from node to redraw, pruned only when
 * the root size changed, so a renderer that never called its stop function (the colour legend)
 * kept its svg — and through the svg's parent pointers the whole lab it was drawn in, canvases
 * and all — alive after the learner left the lab: ~4,200 DOM nodes per visit, for good. A
 * WeakRef per node and its redraw in a WeakMap (whose value may point back at the node) let a
 * node that has left the page be collected whether or not anybody says stop.
 */
const followers = new Set<WeakRef<Element>>();
const redraws = new WeakMap<Element, () => void>();
let observer: MutationObserver | null = null;
let lastRoot = 0;

function notify() {
	const root = rootFontPx();
	if (root === lastRoot) return;
	lastRoot = root;
	for (const ref of [...followers]) {
		const node = ref.deref();
		// A node taken off the page stops following; its renderer is gone with it.
		if (!node?.isConnected) unfollow(ref);
		else redraws.get(node)?.();
	}
}

function unfollow(ref: WeakRef<Element>) {
	followers.delete(ref);
	const node = ref.deref();
	if (node) redraws.delete(node);
	if (followers.size === 0) {
		observer?.disconnect();
		observer = null;
		if (typeof window !== 'undefined') window.removeEventListener('resize', notify);
	}
}

/**
 * Calls `redraw` whenever the root font size changes (the `projector` class, a style on
 * <html> or, in projector mode, the window's size), for as long as `node` is on the page. One observer serves every renderer; calling
 * again for the same node replaces its redraw. Returns a function that stops following; a node
 * that is dropped without it stops following when it is collected.
 */
export function followRootFont(node: Element, redraw: () => void): () => void {
	if (typeof MutationObserver === 'undefined' || typeof document === 'undefined') return () => {};
	// Forget the nodes already collected, so the set does not grow with every visit to a lab.
	for (const ref of followers) if (!ref.deref()) followers.delete(ref);
	let ref = [...followers].find((r) => r.deref() === node);
	if (!ref) followers.add((ref = new WeakRef(node)));
	redraws.set(node, redraw);
	if (!observer) {
		lastRoot = rootFontPx();
		observer = new MutationObserver(notify);
		observer.observe(document.documentElement, {
			attributes: true,
			attributeFilter: ['class', 'style']
		});
		// In projector mode the root font follows the window's size (app.css).
		window.addEventListener('resize', notify);
	}
	const mine = ref;
	return () => {
		if (followers.has(mine)) unfollow(mine);
	};
}
