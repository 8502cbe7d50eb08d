/** Why an image could not be used; the UI may pick an icon or a retry hint from it. */
export type ImageErrorCode =
	| 'empty'
	| 'too-large-file'
	| 'not-an-image'
	| 'unsupported'
	| 'corrupt'
	| 'too-many-pixels'
	| 'too-slow'
	| 'decode-failed';

/**
 * A problem with the user's image, safe to show as is: `message` is a full sentence that says
 * what went wrong and what to do about it. Anything else thrown by the pipeline is a bug.
 */
export class ImageError extends Error {
	readonly code: ImageErrorCode;

	/** `cause`: the underlying browser error, kept for debugging, never shown. */
	constructor(code: ImageErrorCode, message: string, options?: { cause?: unknown }) {
		super(message, options);
		this.name = 'ImageError';
		this.code = code;
	}
}

/** Type guard for `catch (e)` blocks in the UI. */
export function isImageError(error: unknown): error is ImageError {
	return error instanceof ImageError;
}
