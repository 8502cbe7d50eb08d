/**
 * Where a list and its items are relative to the viewport, as an IntersectionObserver last saw
 * them — never read from the layout, so asking costs nothing inside the task that shows a new
 * picture. `near()` answers which items are on screen or close to it: the observer's word for
 * each item it has reported on, else a guess from the list's last reported place and the items'
 * heights (nearViewport.ts). A list that is hidden (laid out before its first picture) has no
 * place: reports with no size are ignored.
 */
import { nearViewport } from '$lib/viz/nearViewport';

export class ListViewport {
	/** of the viewport's height, above and below, that still counts as on screen */
	readonly margin: number;
	readonly #onNear: (index: number) => void;
	// bookkeeping for the observer's callback, never read by a template
	readonly #seen = new WeakMap<Element, boolean>();
	readonly #index = new WeakMap<Element, number>();
	readonly #items: Element[] = [];
	#listTop: { top: number; scroll: number } | null = null;
	#scroll = 0;
	#viewportHeight = 0;
	#observer: IntersectionObserver | null = null;

	/** `onNear(i)`: item i came on screen (or near it) */
	constructor(onNear: (index: number) => void, margin = 0.25) {
		this.#onNear = onNear;
		this.margin = margin;
	}

	#observe(element: Element): () => void {
		this.#observer ??= new IntersectionObserver((entries) => this.#report(entries), {
			rootMargin: `${100 * this.margin}% 0px`
		});
		this.#observer.observe(element);
		return () => this.#observer?.unobserve(element);
	}

	#report(entries: IntersectionObserverEntry[]): void {
		this.#scroll = scrollY;
		for (const entry of entries) {
			// the observer's root is the viewport grown by the margin above and below
			if (entry.rootBounds) this.#viewportHeight = entry.rootBounds.height / (1 + 2 * this.margin);
			if (entry.boundingClientRect.width === 0) {
				this.#seen.delete(entry.target);
				continue;
			}
			const i = this.#index.get(entry.target);
			if (i === undefined) {
				this.#listTop = { top: entry.boundingClientRect.top, scroll: this.#scroll };
				continue;
			}
			this.#seen.set(entry.target, entry.isIntersecting);
			if (entry.isIntersecting) this.#onNear(i);
		}
	}

	/** An attachment for the list (or what stands in its place before it exists): its top. */
	watchTop = (element: Element): (() => void) => this.#observe(element);

	/** An attachment for item i. */
	watchItem(i: number) {
		return (element: Element): (() => void) => {
			this.#index.set(element, i);
			this.#items[i] = element;
			const stop = this.#observe(element);
			return () => {
				stop();
				this.#index.delete(element);
				if (this.#items[i] === element) delete this.#items[i];
			};
		};
	}

	/** For a window scroll listener: the guess follows the page's scroll. */
	scrolled = (): void => {
		this.#scroll = scrollY;
	};

	/**
	 * Which items are on screen or near it. `heights`: each item's height in CSS px, erring low;
	 * `gap` between items; `guessMargin`: the margin for items the observer has not reported on.
	 */
	near(heights: number[], gap: number, guessMargin: number): boolean[] {
		const height = this.#viewportHeight || (typeof innerHeight === 'number' ? innerHeight : 800);
		const top = this.#listTop;
		return nearViewport({
			heights,
			gap,
			seen: heights.map((_, i) => (this.#items[i] ? this.#seen.get(this.#items[i]) : undefined)),
			listTop: top && top.top - (this.#scroll - top.scroll),
			viewportHeight: height,
			margin: guessMargin * height
		});
	}

	disconnect(): void {
		this.#observer?.disconnect();
	}
}
