/**
 * A tiny stand-in for the shipped Fashion-MNIST sprites, served through stubbed fetch,
 * createImageBitmap and OffscreenCanvas, so a training worker loads its data in Node as in the
 * browser: tiles of class 0 bright on the left half, class 1 on the right, alternating.
 */
import { PNG } from 'pngjs';
import { vi } from 'vitest';

export const FASHION_TEST_URL = 'http://convlab.test/data/fashion-mnist/';
const DATA_URL = FASHION_TEST_URL;
const COLUMNS = 2;

/**
 * `count` 28×28 tiles, two columns to a row: class 0 bright on the left half, class 1 on the
 * right, alternating, so a few steps on them must lower the loss.
 */
function split(count: number): { png: Buffer; labels: Uint8Array<ArrayBuffer> } {
	const png = new PNG({ width: COLUMNS * 28, height: Math.ceil(count / COLUMNS) * 28 });
	png.data.fill(255);
	const labels = new Uint8Array(count);
	for (let i = 0; i < count; i++) {
		labels[i] = i % 2;
		const [top, left] = [Math.floor(i / COLUMNS) * 28, (i % COLUMNS) * 28];
		for (let y = 0; y < 28; y++)
			for (let x = 0; x < 28; x++) {
				const bright = x < 14 === (labels[i] === 0);
				const o = 4 * ((top + y) * png.width + left + x);
				png.data.fill(bright ? 230 : 20, o, o + 3);
			}
	}
	return { png: PNG.sync.write(png), labels };
}

const size = (count: number) => ({ width: COLUMNS * 28, height: Math.ceil(count / COLUMNS) * 28 });

/** Serve a manifest and sprites of `trainCount` and `testCount` images, as the shipped set is. */
export function serveFashionSprite(trainCount: number, testCount: number): void {
	const train = split(trainCount);
	const test = split(testCount);
	const manifest = {
		imageSize: 28,
		columns: COLUMNS,
		splits: {
			train: { count: trainCount, images: 'train.png', labels: 'train.bin', ...size(trainCount) },
			test: { count: testCount, images: 'test.png', labels: 'test.bin', ...size(testCount) }
		}
	};
	const files: Record<string, BodyInit> = {
		'manifest.json': JSON.stringify(manifest),
		'train.png': new Uint8Array(train.png),
		'train.bin': train.labels,
		'test.png': new Uint8Array(test.png),
		'test.bin': test.labels
	};
	vi.stubGlobal('fetch', async (url: string) => {
		const body = files[url.replace(DATA_URL, '')];
		return body === undefined ? new Response(null, { status: 404 }) : new Response(body);
	});
	vi.stubGlobal('createImageBitmap', async (blob: Blob) => {
		const png = PNG.sync.read(Buffer.from(await blob.arrayBuffer()));
		return { width: png.width, height: png.height, data: png.data, close() {} };
	});
	vi.stubGlobal(
		'OffscreenCanvas',
		class {
			image: { data: Uint8Array } | null = null;
			getContext() {
				return {
					drawImage: (image: { data: Uint8Array }) => (this.image = image),
					getImageData: () => ({ data: new Uint8ClampedArray(this.image!.data) })
				};
			}
		}
	);
}
