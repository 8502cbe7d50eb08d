/**
 * Runs secondary work after the primary result is on screen, at most every `intervalMs`.
 *
 * A lab's feature map must keep up with every slider step and webcam frame; the views that
 * explain it (histograms, profiles, step-throughs) can follow a moment later. `schedule()`
 * asks for one run after the next frame; calls while one is pending are merged, and the run
 * reads whatever is newest when it fires.
 */
export interface AfterPaint {
	schedule(): void;
	dispose(): void;
}

export function afterPaint(run: () => void, intervalMs: number): AfterPaint {
	let lastRun = -Infinity;
	let frame = 0;
	let timer: ReturnType<typeof setTimeout> | undefined;
	return {
		schedule() {
			if (frame || timer !== undefined) return;
			frame = requestAnimationFrame(() => {
				frame = 0;
				const wait = Math.max(0, lastRun + intervalMs - performance.now());
				timer = setTimeout(() => {
					timer = undefined;
					lastRun = performance.now();
					run();
				}, wait);
			});
		},
		dispose() {
			cancelAnimationFrame(frame);
			clearTimeout(timer);
			frame = 0;
			timer = undefined;
		}
	};
}
