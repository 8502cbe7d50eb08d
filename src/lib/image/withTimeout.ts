/**
 * Settles like `promise`, unless `ms` pass first: then rejects with `onTimeout()`, so a stuck
 * browser decoder becomes an error message instead of a spinner that never stops. A result
 * that arrives after the deadline is handed to `discard` (e.g. to close an ImageBitmap) rather
 * than leaked.
 *
 * @param promise the work to wait for
 * @param ms deadline in milliseconds
 * @param onTimeout builds the rejection reason
 * @param discard frees a late result
 */
export function withTimeout<T>(
	promise: Promise<T>,
	ms: number,
	onTimeout: () => Error,
	discard?: (late: T) => void
): Promise<T> {
	return new Promise<T>((resolve, reject) => {
		let timedOut = false;
		const timer = setTimeout(() => {
			timedOut = true;
			reject(onTimeout());
		}, ms);
		promise.then(
			(value) => {
				clearTimeout(timer);
				if (!timedOut) resolve(value);
				else discard?.(value);
			},
			(error: unknown) => {
				clearTimeout(timer);
				reject(error);
			}
		);
	});
}
