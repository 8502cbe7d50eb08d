/**
 * Layer atlases on their canvases (mapAtlas.ts paints the pixels): each canvas's 2-D context
 * sized to its layout with one ImageData kept for it, and what it shows, so that a painting asked
 * for again (an effect run again, a layer scrolled into view after its turn) costs nothing.
 */
import type { ColorScaleSpec } from '$lib/viz/colorScale';
import { paintAtlas, type AtlasLayout } from '$lib/viz/mapAtlas';
import type { MapData } from '$lib/types/mapData';

/** what a layer's canvas is to show: a new object for each new picture, colour range or layout */
export interface Painting {
	map: MapData;
	specs: ColorScaleSpec[];
	layout: AtlasLayout;
	/** a vector drawn as one square per unit */
	flat: boolean;
}

export class AtlasCanvases {
	readonly #background: number;
	readonly #buffers = new WeakMap<HTMLCanvasElement, { image: ImageData; pixels: Uint32Array }>();
	readonly #shown = new WeakMap<HTMLCanvasElement, Painting>();

	/** `background`: the packed RGBA pixel between tiles */
	constructor(background: number) {
		this.#background = background;
	}

	/** The canvas's context, sized for `layout`, and an ImageData of that size; null without one. */
	prepare(canvas: HTMLCanvasElement, layout: AtlasLayout) {
		const context = canvas.getContext('2d');
		if (!context) return null;
		if (canvas.width !== layout.width) canvas.width = layout.width;
		if (canvas.height !== layout.height) canvas.height = layout.height;
		let buffer = this.#buffers.get(canvas);
		if (!buffer || buffer.image.width !== layout.width || buffer.image.height !== layout.height) {
			const image = context.createImageData(layout.width, layout.height);
			buffer = { image, pixels: new Uint32Array(image.data.buffer) };
			this.#buffers.set(canvas, buffer);
		}
		return { context, buffer };
	}

	/**
	 * Makes the canvas ready before there is anything to show: its context sized for `layout`,
	 * its ImageData made, and the empty atlas (background only) put once, which makes the
	 * browser allocate the canvas's pixels now rather than in the first picture's task.
	 */
	ready(canvas: HTMLCanvasElement, layout: AtlasLayout): void {
		const prepared = this.prepare(canvas, layout);
		if (!prepared) return;
		prepared.buffer.pixels.fill(this.#background);
		prepared.context.putImageData(prepared.buffer.image, 0, 0);
	}

	/** whether the canvas already shows this painting */
	shows(canvas: HTMLCanvasElement, painting: Painting): boolean {
		return this.#shown.get(canvas) === painting;
	}

	/** Paints unless the canvas shows it already; false if the canvas has no 2-D context. */
	paint(canvas: HTMLCanvasElement, painting: Painting): boolean {
		if (this.shows(canvas, painting)) return true;
		const { map, layout } = painting;
		const prepared = this.prepare(canvas, layout);
		if (!prepared) return false;
		const flatMap = painting.flat ? { ...map, height: 1, width: 1 } : map;
		paintAtlas(flatMap, painting.specs, layout, prepared.buffer.pixels, this.#background);
		prepared.context.putImageData(prepared.buffer.image, 0, 0);
		this.#shown.set(canvas, painting);
		return true;
	}
}
