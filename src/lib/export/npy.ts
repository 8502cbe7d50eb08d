const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
const PREAMBLE = MAGIC.length + 2 + 2; // magic, version 1.0, uint16 header length
const ALIGN = 64;
// .npy data is little-endian; on little-endian hosts (all browsers in practice) copy the bytes as they are.
const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The shape as a Python tuple literal, as NumPy writes it: (), (5,), (2, 3, 1). */
function shapeTuple(shape: readonly number[]): string {
	if (shape.length === 1) return `(${shape[0]},)`;
	return `(${shape.join(', ')})`;
}

/**
 * A float32 array as the bytes of a NumPy .npy v1.0 file: magic `\x93NUMPY`, version 1.0,
 * a little-endian uint16 header length, the header dict
 * `{'descr': '<f4', 'fortran_order': False, 'shape': (H, W, C), }` padded with spaces and
 * ending in '\n' so the data starts at a multiple of 64 bytes, then the values as
 * little-endian float32 in row-major (C) order. `np.load` reads it with the same shape.
 */
export function encodeNpy(data: Float32Array, shape: readonly number[]): Uint8Array<ArrayBuffer> {
	for (const dim of shape) {
		if (!Number.isInteger(dim) || dim < 0) {
			throw new RangeError(
				`shape entries must be non-negative integers, got [${shape.join(', ')}]`
			);
		}
	}
	const size = shape.reduce((a, b) => a * b, 1);
	if (size !== data.length) {
		throw new RangeError(
			`shape [${shape.join(', ')}] holds ${size} values, data has ${data.length}`
		);
	}
	const dict = `{'descr': '<f4', 'fortran_order': False, 'shape': ${shapeTuple(shape)}, }`;
	const unpadded = PREAMBLE + dict.length + 1;
	const headerLength = dict.length + ((ALIGN - (unpadded % ALIGN)) % ALIGN) + 1;
	const header = `${dict.padEnd(headerLength - 1, ' ')}\n`;

	const bytes = new Uint8Array(PREAMBLE + headerLength + 4 * data.length);
	bytes.set(MAGIC, 0);
	bytes[6] = 1;
	bytes[7] = 0;
	const view = new DataView(bytes.buffer);
	view.setUint16(8, headerLength, true);
	for (let i = 0; i < headerLength; i++) bytes[PREAMBLE + i] = header.charCodeAt(i);

	const offset = PREAMBLE + headerLength;
	if (littleEndian) {
		bytes.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), offset);
	} else {
		for (let i = 0; i < data.length; i++) view.setFloat32(offset + 4 * i, data[i], true);
	}
	return bytes;
}
