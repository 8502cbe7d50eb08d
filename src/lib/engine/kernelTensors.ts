/**
 * A kernel's inputs as tensors, for ConvLab's kernels that compute with ops: the engine hands a
 * kernel TensorInfos (sometimes the tensors themselves); ops need tensors. Ops run inside a
 * kernel are not recorded on the gradient tape (the engine's kernelDepth).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { TensorInfo } from '@tensorflow/tfjs-core';

/**
 * `info` as a tensor sharing its data: itself when it is one, else a new wrapper, pushed onto
 * `owned` when given (free those when done; inside tf.tidy pass none, tidy frees them).
 */
export function tensorOf<T extends tf.Tensor = tf.Tensor>(
	info: TensorInfo,
	owned?: tf.Tensor[]
): T {
	if (info instanceof tf.Tensor) return info as T;
	const wrapped = tf.engine().makeTensorFromTensorInfo(info) as T;
	owned?.push(wrapped);
	return wrapped;
}
