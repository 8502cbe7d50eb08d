/**
 * The IDX file format that MNIST and Fashion-MNIST are published in (LeCun's
 * http://yann.lecun.com/exdb/mnist/): a 4-byte magic number — two zero bytes, a type code
 * (0x08 unsigned byte, 0x09 signed byte, 0x0B int16, 0x0C int32, 0x0D float32, 0x0E float64)
 * and the number of dimensions — then each dimension as a big-endian uint32, then the values
 * in row-major order, big-endian. The files ship gzipped; the caller gunzips (Node's zlib,
 * or DecompressionStream in a browser), so this stays pure.
 */

export type IdxValues =
	Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;

export interface IdxArray {
	/** dimension sizes, outermost first, e.g. [60000, 28, 28] */
	shape: number[];
	/** every value, row-major */
	values: IdxValues;
}

const TYPES: Record<
	number,
	{ bytes: number; read: (view: DataView, at: number) => number; make: (n: number) => IdxValues }
> = {
	0x08: { bytes: 1, read: (v, at) => v.getUint8(at), make: (n) => new Uint8Array(n) },
	0x09: { bytes: 1, read: (v, at) => v.getInt8(at), make: (n) => new Int8Array(n) },
	0x0b: { bytes: 2, read: (v, at) => v.getInt16(at, false), make: (n) => new Int16Array(n) },
	0x0c: { bytes: 4, read: (v, at) => v.getInt32(at, false), make: (n) => new Int32Array(n) },
	0x0d: { bytes: 4, read: (v, at) => v.getFloat32(at, false), make: (n) => new Float32Array(n) },
	0x0e: { bytes: 8, read: (v, at) => v.getFloat64(at, false), make: (n) => new Float64Array(n) }
};

/** Parse one (already gunzipped) IDX file; throws on a bad header or a short file. */
export function readIdx(bytes: Uint8Array): IdxArray {
	if (bytes.length < 4) throw new Error('IDX: file shorter than its 4-byte header');
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	if (view.getUint8(0) !== 0 || view.getUint8(1) !== 0)
		throw new Error(
			'IDX: magic number must start with two zero bytes (is the file still gzipped?)'
		);
	const type = TYPES[view.getUint8(2)];
	if (!type) throw new Error(`IDX: unknown type code 0x${view.getUint8(2).toString(16)}`);
	const rank = view.getUint8(3);
	const headerBytes = 4 + 4 * rank;
	if (bytes.length < headerBytes) throw new Error('IDX: file shorter than its dimension list');
	const shape: number[] = [];
	for (let d = 0; d < rank; d++) shape.push(view.getUint32(4 + 4 * d, false));
	const count = shape.reduce((a, b) => a * b, 1);
	const needed = headerBytes + count * type.bytes;
	if (bytes.length < needed)
		throw new Error(
			`IDX: header promises ${count} values (${needed} bytes), file has ${bytes.length} bytes`
		);
	let values: IdxValues;
	if (type.bytes === 1) {
		// Bytes need no byte-order fix: copy them out in one go (60,000 images = 47 MB).
		const slice = bytes.slice(headerBytes, needed);
		values = view.getUint8(2) === 0x08 ? slice : new Int8Array(slice.buffer);
	} else {
		values = type.make(count);
		for (let i = 0; i < count; i++) values[i] = type.read(view, headerBytes + i * type.bytes);
	}
	return { shape, values };
}
