/**
 * Reading the Fashion-MNIST data ConvLab ships (static/data/fashion-mnist/, written by
 * scripts/fashionData.mjs): a sprite sheet of 28×28 tiles, `columns` per row, row-major, and
 * one label byte per image. The browser decodes the PNG to RGBA (src/lib/image/decodeSprite.ts);
 * this file turns those bytes into the network's input, [N, 28, 28, 1] floats in [0, 1]
 * (white garment on black, as the dataset stores it). Pure: no DOM, no TF.js.
 */

export interface FashionSplitInfo {
	count: number;
	/** file names, relative to the manifest */
	images: string;
	labels: string;
	/** sprite sheet size in pixels */
	width: number;
	height: number;
	classCounts: number[];
}

export interface FashionManifest {
	imageSize: number;
	columns: number;
	splits: Record<'train' | 'test', FashionSplitInfo>;
}

/** Images and labels of one split, ready for tf.tensor4d(images, [count, 28, 28, 1]). */
export interface FashionSet {
	/** [count, 28, 28, 1] row-major, values in [0, 1] */
	images: Float32Array;
	/** [count], class 0–9 */
	labels: Uint8Array;
	count: number;
}

export const FASHION_PIXELS = 28 * 28;

/** Check a parsed manifest.json; throws with the first problem found. */
export function parseManifest(json: unknown): FashionManifest {
	const m = json as FashionManifest;
	if (!m || m.imageSize !== 28 || !(m.columns > 0))
		throw new Error('manifest: imageSize must be 28 and columns > 0');
	for (const name of ['train', 'test'] as const) {
		const s = m.splits?.[name];
		if (!s || !(s.count > 0) || typeof s.images !== 'string' || typeof s.labels !== 'string')
			throw new Error(`manifest: split "${name}" is missing or has no images`);
		if (s.width !== m.columns * 28 || s.height !== Math.ceil(s.count / m.columns) * 28)
			throw new Error(`manifest: split "${name}" sheet size does not fit ${s.count} tiles`);
	}
	return m;
}

/**
 * Cut `count` 28×28 tiles out of a decoded sprite sheet.
 * @param rgba the sheet's RGBA bytes, [height, width, 4] row-major (ImageData.data)
 * @param width sheet width in pixels (columns · 28)
 * @param columns tiles per row
 * @returns [count, 28, 28, 1] floats: the red channel / 255 (the sheet is gray, R = G = B)
 */
export function spriteToImages(
	rgba: ArrayLike<number>,
	width: number,
	height: number,
	count: number,
	columns: number
): Float32Array {
	const size = 28;
	if (width !== columns * size) throw new Error(`sprite: width ${width} ≠ ${columns} columns × 28`);
	if (height < Math.ceil(count / columns) * size)
		throw new Error(`sprite: height ${height} too small for ${count} images`);
	if (rgba.length !== width * height * 4)
		throw new Error(`sprite: ${rgba.length} bytes is not ${width}×${height} RGBA`);
	const out = new Float32Array(count * FASHION_PIXELS);
	for (let i = 0; i < count; i++) {
		const ox = (i % columns) * size;
		const oy = Math.floor(i / columns) * size;
		const base = i * FASHION_PIXELS;
		for (let y = 0; y < size; y++) {
			const row = ((oy + y) * width + ox) * 4;
			for (let x = 0; x < size; x++) out[base + y * size + x] = rgba[row + x * 4] / 255;
		}
	}
	return out;
}

/** Check the label bytes: `count` of them, each a class 0–9. */
export function readLabels(bytes: Uint8Array, count: number): Uint8Array {
	if (bytes.length !== count) throw new Error(`labels: ${bytes.length} bytes for ${count} images`);
	for (let i = 0; i < count; i++)
		if (bytes[i] > 9) throw new Error(`labels: byte ${i} is ${bytes[i]}, not a class 0–9`);
	return bytes;
}

/** The images and labels at `indices` (e.g. one shuffled batch), copied into fresh arrays. */
export function gatherBatch(set: FashionSet, indices: ArrayLike<number>): FashionSet {
	const images = new Float32Array(indices.length * FASHION_PIXELS);
	const labels = new Uint8Array(indices.length);
	for (let i = 0; i < indices.length; i++) {
		const k = indices[i];
		if (!(k >= 0 && k < set.count)) throw new Error(`batch: index ${k} outside 0–${set.count - 1}`);
		images.set(
			set.images.subarray(k * FASHION_PIXELS, (k + 1) * FASHION_PIXELS),
			i * FASHION_PIXELS
		);
		labels[i] = set.labels[k];
	}
	return { images, labels, count: indices.length };
}

/** One image of a set as a [28, 28] view (no copy), e.g. to draw it. */
export function imageAt(set: FashionSet, index: number): Float32Array {
	return set.images.subarray(index * FASHION_PIXELS, (index + 1) * FASHION_PIXELS);
}
