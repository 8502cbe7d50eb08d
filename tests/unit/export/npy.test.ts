import { describe, expect, it } from 'vitest';
import { encodeNpy } from '$lib/export/npy';

interface ParsedNpy {
	major: number;
	minor: number;
	header: string;
	dataOffset: number;
	descr: string;
	fortranOrder: string;
	shape: number[];
	values: number[];
}

/** Minimal .npy reader written from the format spec (numpy/lib/format.py), independent of the encoder. */
function parseNpy(bytes: Uint8Array): ParsedNpy {
	expect(Array.from(bytes.subarray(0, 6))).toEqual([0x93, 78, 85, 77, 80, 89]); // \x93NUMPY
	const major = bytes[6];
	const minor = bytes[7];
	const headerLength = bytes[8] + 256 * bytes[9];
	const dataOffset = 10 + headerLength;
	const header = String.fromCharCode(...bytes.subarray(10, dataOffset));
	const dict =
		/^\{'descr': '([^']*)', 'fortran_order': (True|False), 'shape': \(([^)]*)\), \} *\n$/.exec(
			header
		);
	if (!dict) throw new Error(`header is not a v1.0 dict: ${JSON.stringify(header)}`);
	const shape = dict[3]
		.split(',')
		.map((s) => s.trim())
		.filter((s) => s.length > 0)
		.map(Number);
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const count = (bytes.length - dataOffset) / 4;
	const values = Array.from({ length: count }, (_, i) => view.getFloat32(dataOffset + 4 * i, true));
	return { major, minor, header, dataOffset, descr: dict[1], fortranOrder: dict[2], shape, values };
}

describe('encodeNpy', () => {
	it.each([
		{ shape: [2, 3, 1], tuple: '(2, 3, 1)' },
		{ shape: [1, 1, 4], tuple: '(1, 1, 4)' },
		{ shape: [0, 3, 1], tuple: '(0, 3, 1)' },
		{ shape: [5], tuple: '(5,)' },
		{ shape: [], tuple: '()' },
		{ shape: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2], tuple: `(${'1, '.repeat(15)}2)` }
	])('shape $shape round-trips through an independent parser', ({ shape, tuple }) => {
		const size = shape.reduce((a, b) => a * b, 1);
		const data = Float32Array.from({ length: size }, (_, i) => (i - 1.5) / 4);
		const bytes = encodeNpy(data, shape);
		const npy = parseNpy(bytes);
		expect([npy.major, npy.minor]).toEqual([1, 0]);
		expect(npy.dataOffset % 64).toBe(0);
		expect(npy.header.endsWith('\n')).toBe(true);
		expect(npy.header.trimEnd()).toBe(
			`{'descr': '<f4', 'fortran_order': False, 'shape': ${tuple}, }`
		);
		expect(npy.descr).toBe('<f4');
		expect(npy.fortranOrder).toBe('False');
		expect(npy.shape).toEqual(shape);
		expect(npy.values).toEqual(Array.from(data));
		expect(bytes.length).toBe(npy.dataOffset + 4 * size);
	});

	it('keeps special float values bit for bit', () => {
		const data = new Float32Array([0, -0, NaN, Infinity, -Infinity, 1e-40, 3.5, -1e30]);
		const { values } = parseNpy(encodeNpy(data, [2, 4, 1]));
		values.forEach((v, i) => expect(Object.is(v, data[i]), `value ${i}`).toBe(true));
	});

	it('writes little-endian float32 after a 128-byte header (1.0 = 00 00 80 3f)', () => {
		const bytes = encodeNpy(new Float32Array([1]), [1, 1, 1]);
		expect(bytes.length).toBe(128 + 4); // 10 + 62-char dict + \n > 64
		expect(Array.from(bytes.subarray(128))).toEqual([0x00, 0x00, 0x80, 0x3f]);
	});

	it('encodes only the view, not the whole buffer, of a subarray', () => {
		const backing = Float32Array.from({ length: 10 }, (_, i) => i);
		const view = backing.subarray(2, 8);
		expect(parseNpy(encodeNpy(view, [2, 3])).values).toEqual([2, 3, 4, 5, 6, 7]);
	});

	it.each([
		{ shape: [2, 2], length: 3, error: /holds 4 values/ },
		{ shape: [-1, 3], length: 3, error: /non-negative integers/ },
		{ shape: [1.5, 2], length: 3, error: /non-negative integers/ }
	])('throws for shape $shape with $length values', ({ shape, length, error }) => {
		expect(() => encodeNpy(new Float32Array(length), shape)).toThrow(error);
	});
});
