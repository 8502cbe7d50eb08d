/**
 * The part of TF.js 4.22's WASM backend (BackendWasm) that ConvLab's own WASM kernels use: tensors
 * live on the module's heap, a kernel allocates its outputs there and reads and writes them
 * through typed-array views. Allocating may grow the heap and detach earlier views, so a kernel
 * makes every output first and takes its views after.
 */
import type { DataId, DataType, TensorInfo } from '@tensorflow/tfjs-core';

export interface HeapBackend {
	makeOutput(shape: number[], dtype: DataType): TensorInfo;
	typedArrayFromHeap(info: TensorInfo): Float32Array | Int32Array | Uint8Array;
	incRef(dataId: DataId): void;
}

/** The kernel's backend as a HeapBackend (kernel arguments type it loosely). */
export function heapBackend(backend: unknown): HeapBackend {
	const heap = backend as unknown as Partial<HeapBackend>;
	if (!heap.makeOutput || !heap.typedArrayFromHeap || !heap.incRef)
		throw new Error('this kernel runs on the WASM backend only');
	return heap as HeapBackend;
}

/** A float32 view of `info` on the heap. */
export function floats(backend: HeapBackend, info: TensorInfo): Float32Array {
	if (info.dtype !== 'float32') throw new Error(`expected float32, got ${info.dtype}`);
	return backend.typedArrayFromHeap(info) as Float32Array;
}
