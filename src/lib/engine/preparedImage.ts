import * as tf from '@tensorflow/tfjs-core';
import { LUMA_WEIGHTS } from './luma';

/**
 * Columns per block in the convolution's block layout: every plane's width is zero-padded to a
 * multiple of this, so a [H, W] plane reshapes for free to [H, W / 8, 8].
 */
export const BLOCK_WIDTH = 8;

/**
 * An image in the layouts the convolution reads, made once per image rather than per call.
 * Planes are derived on first use (so gray mode never pays for the RGB planes) and kept until
 * `dispose()`. Zero columns pad each plane on the right up to `paddedWidth`: the convolution
 * treats them exactly like its own zero padding, so no call needs a `tf.pad` copy.
 */
export interface PreparedImage {
	readonly height: number;
	readonly width: number;
	/** width rounded up to a multiple of BLOCK_WIDTH */
	readonly paddedWidth: number;
	/** [1, height, paddedWidth, 1]: 0.299 R + 0.587 G + 0.114 B */
	luma(): tf.Tensor4D;
	/** [3, height, paddedWidth, 1]: the R, G and B planes as a batch of three 1-channel images */
	rgbPlanes(): tf.Tensor4D;
	/** Frees every tensor this object made; idempotent. Using it afterwards throws. */
	dispose(): void;
	readonly isDisposed: boolean;
}

/**
 * Prepares an image for repeated `convolve` calls. Holds its own reference to the image's data
 * (a reshape, which shares it), so the caller may dispose `image` whenever it likes; call
 * `dispose()` on the result when the image changes.
 * @param image [H, W, 3] float32 in [0, 1]
 * @throws RangeError if image is not [H, W, 3].
 */
export function prepareImage(image: tf.Tensor3D): PreparedImage {
	if (image.rank !== 3 || image.shape[2] !== 3) {
		throw new RangeError(`image must be [height, width, 3], got [${image.shape.join(', ')}]`);
	}
	const [height, width] = image.shape;
	const paddedWidth = Math.ceil(width / BLOCK_WIDTH) * BLOCK_WIDTH;
	const source = tf.keep(tf.reshape(image, [1, height, width, 3]) as tf.Tensor4D);
	const made: tf.Tensor[] = [source];
	let disposed = false;

	/** The tensor `make` returns, kept alive past any enclosing tidy until dispose(). */
	function memo(make: () => tf.Tensor4D): () => tf.Tensor4D {
		let tensor: tf.Tensor4D | null = null;
		return () => {
			if (disposed) throw new Error('this PreparedImage has been disposed');
			if (!tensor) {
				tensor = tf.keep(tf.tidy(make));
				made.push(tensor);
			}
			return tensor;
		};
	}
	/** [P, H, W] → [P, H, paddedWidth, 1] with zero columns on the right */
	const padded = (planes: tf.Tensor3D): tf.Tensor4D => {
		const count = planes.shape[0];
		const wide =
			paddedWidth === width
				? planes
				: tf.pad(planes, [
						[0, 0],
						[0, 0],
						[0, paddedWidth - width]
					]);
		return tf.reshape(wide, [count, height, paddedWidth, 1]);
	};

	return {
		height,
		width,
		paddedWidth,
		// A 1×1 conv: on WASM about twice as fast as lumaTensor's multiply-and-sum.
		luma: memo(() => {
			const weights = tf.tensor4d([...LUMA_WEIGHTS], [1, 1, 3, 1]);
			return padded(tf.reshape(tf.conv2d(source, weights, 1, 'valid'), [1, height, width]));
		}),
		rgbPlanes: memo(() =>
			padded(tf.transpose(tf.reshape(source, [height, width, 3]), [2, 0, 1]) as tf.Tensor3D)
		),
		dispose() {
			if (disposed) return;
			disposed = true;
			tf.dispose(made);
		},
		get isDisposed() {
			return disposed;
		}
	};
}
