// The IDX reader against files written here byte by byte (big-endian header, as LeCun's page
// specifies), so the test does not depend on the reader's own idea of the format.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { readIdx } from '../../../src/lib/engine/idx';

function writeTiny(name: string, bytes: number[]): string {
	const dir = mkdtempSync(join(tmpdir(), 'idx-'));
	const path = join(dir, name);
	writeFileSync(path, gzipSync(Buffer.from(bytes)));
	return path;
}

describe('readIdx', () => {
	it('reads a gzipped 2×2×3 unsigned-byte image file (as train-images-idx3 is laid out)', () => {
		const pixels = [0, 1, 2, 3, 4, 5, 250, 251, 252, 253, 254, 255];
		const path = writeTiny('images-idx3-ubyte.gz', [
			0,
			0,
			0x08,
			3,
			0,
			0,
			0,
			2,
			0,
			0,
			0,
			2,
			0,
			0,
			0,
			3,
			...pixels
		]);
		const idx = readIdx(new Uint8Array(gunzipSync(readFileSync(path))));
		expect(idx.shape).toEqual([2, 2, 3]);
		expect(idx.values).toBeInstanceOf(Uint8Array);
		expect(Array.from(idx.values)).toEqual(pixels);
	});

	it('reads a 1-D label file and a file with a dimension over 255', () => {
		const labels = readIdx(new Uint8Array([0, 0, 8, 1, 0, 0, 0, 4, 9, 0, 3, 7]));
		expect(labels.shape).toEqual([4]);
		expect(Array.from(labels.values)).toEqual([9, 0, 3, 7]);
		const long = readIdx(new Uint8Array([0, 0, 8, 1, 0, 0, 1, 2, ...new Array(258).fill(6)]));
		expect(long.shape).toEqual([258]);
	});

	it('reads big-endian int32 and float32 values', () => {
		const ints = readIdx(
			new Uint8Array([0, 0, 0x0c, 1, 0, 0, 0, 2, 0, 0, 1, 0, 0xff, 0xff, 0xff, 0xfe])
		);
		expect(Array.from(ints.values)).toEqual([256, -2]);
		// 1.5 = 0x3FC00000, -0.25 = 0xBE800000
		const floats = readIdx(
			new Uint8Array([0, 0, 0x0d, 1, 0, 0, 0, 2, 0x3f, 0xc0, 0, 0, 0xbe, 0x80, 0, 0])
		);
		expect(Array.from(floats.values)).toEqual([1.5, -0.25]);
	});

	it('rejects gzipped input, unknown types and short files', () => {
		expect(() =>
			readIdx(new Uint8Array(gzipSync(Buffer.from([0, 0, 8, 1, 0, 0, 0, 1, 5]))))
		).toThrow(/gzip/);
		expect(() => readIdx(new Uint8Array([0, 0, 0x07, 1, 0, 0, 0, 1, 5]))).toThrow(/type/);
		expect(() => readIdx(new Uint8Array([0, 0, 8, 2, 0, 0, 0, 2, 0, 0, 0, 2, 1, 2, 3]))).toThrow(
			/4 values/
		);
	});
});
