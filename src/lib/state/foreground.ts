/**
 * The learner's input goes first. A lab marks its main request (a new image, a click) as
 * foreground work from the moment it is asked for until its picture is on screen; background
 * work (a confusion matrix over 10,000 images, saliency, a test set's decoding, panels mounted
 * late) waits for `idle()` before each slice, so a slice never starts while the learner waits,
 * and at most one slice already under way stands between an input and its picture.
 *
 * A hold ends by itself after `maxHoldMs`, so a request that never draws (a failure, a page
 * that went away) cannot stop the background for good.
 */
export interface Foreground {
	/** Foreground work starts; call the returned function (once) when its picture is drawn. */
	begin(): () => void;
	/** whether foreground work is under way */
	readonly busy: boolean;
	/**
	 * Resolves when no foreground work is under way, in a task of its own (a zero-delay timeout
	 * after the last hold ended), so the browser can paint and take input first.
	 */
	idle(): Promise<void>;
}

export interface ForegroundOptions {
	maxHoldMs?: number;
	/** how a task is queued; setTimeout unless a test says otherwise */
	later?: (run: () => void, ms: number) => unknown;
	cancel?: (handle: unknown) => void;
}

export function foregroundGate(options: ForegroundOptions = {}): Foreground {
	const maxHoldMs = options.maxHoldMs ?? 3000;
	const later = options.later ?? ((run, ms) => setTimeout(run, ms));
	const cancel =
		options.cancel ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
	const holds = new Set<symbol>();
	let waiters: (() => void)[] = [];

	function release() {
		if (holds.size > 0) return;
		const ready = waiters;
		waiters = [];
		// A task of its own, and re-checked then: a new hold taken meanwhile keeps them waiting.
		later(() => {
			if (holds.size > 0) {
				waiters.push(...ready);
				return;
			}
			ready.forEach((resolve) => resolve());
		}, 0);
	}

	return {
		begin() {
			const hold = Symbol('foreground');
			holds.add(hold);
			const timer = later(end, maxHoldMs);
			let ended = false;
			function end() {
				if (ended) return;
				ended = true;
				cancel(timer);
				holds.delete(hold);
				release();
			}
			return end;
		},
		get busy() {
			return holds.size > 0;
		},
		idle() {
			return new Promise<void>((resolve) => {
				waiters.push(resolve);
				release();
			});
		}
	};
}

/** The page's one gate: every lab's foreground requests and every background slice share it. */
export const foreground = foregroundGate();
