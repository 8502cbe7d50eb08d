/**
 * When the service worker is registered. Its install precaches the whole app (every lab's
 * scripts, every .wasm binary, the samples, both models and the data sprites: tens of files,
 * megabytes), and on a first visit that download and its cache writes compete with the lab's
 * own start (its scripts, the backend, the model, the photo) for the network and the CPU. So a
 * lab registers it once its first picture is on screen (the first `convlab:rendered`, plus a
 * short pause), or `fallbackMs` after the page's load event should no picture come; a page that
 * draws nothing (home, credits) registers right after load. A returning visitor's worker is
 * already active and keeps serving from the cache either way: registering again only checks
 * for an update.
 */
import { RENDERED_EVENT } from '$lib/state/renderedEvent';

export interface RegisterLaterOptions {
	/** a lab: wait for its first picture */
	waitForPicture: boolean;
	/** after the first picture, this much more (the lab's follow-up work: test set, panels) */
	afterPictureMs?: number;
	/** registered anyway this long after load */
	fallbackMs?: number;
	/** what registers; navigator.serviceWorker.register unless a test says otherwise */
	register?: (url: string) => Promise<unknown>;
	/** where the load and rendered events come from; window unless a test says otherwise */
	target?: EventTarget;
	/** whether the load event already fired; document.readyState unless a test says otherwise */
	loaded?: () => boolean;
}

/**
 * navigator.serviceWorker.register, where there is one: an http LAN address is not a secure
 * context, and there `navigator.serviceWorker` is undefined (the app then needs the network).
 */
function registerWorker(url: string): Promise<unknown> {
	if (typeof navigator === 'undefined' || !navigator.serviceWorker) {
		return Promise.resolve(undefined);
	}
	return navigator.serviceWorker.register(url);
}

/** Schedules the registration of `url`; returns a cancel function (nothing registers after it). */
export function registerServiceWorkerLater(
	url: string,
	{
		waitForPicture,
		afterPictureMs = 1000,
		fallbackMs = 8000,
		register = registerWorker,
		target = window,
		loaded = () => document.readyState === 'complete'
	}: RegisterLaterOptions
): () => void {
	let done = false;
	const timers: ReturnType<typeof setTimeout>[] = [];
	const later = (ms: number) => timers.push(setTimeout(go, ms));
	function go() {
		if (done) return;
		done = true;
		cancel();
		try {
			register(url).catch(() => {
				// Refused (private mode, a blocked scope): the app simply needs the network.
			});
		} catch {
			// A register that throws before it promises anything must not become an uncaught error.
		}
	}
	const onRendered = () => later(afterPictureMs);
	const onLoad = () => later(waitForPicture ? fallbackMs : 0);
	function cancel() {
		timers.forEach(clearTimeout);
		target.removeEventListener(RENDERED_EVENT, onRendered);
		target.removeEventListener('load', onLoad);
	}
	if (waitForPicture) target.addEventListener(RENDERED_EVENT, onRendered, { once: true });
	if (loaded()) onLoad();
	else target.addEventListener('load', onLoad, { once: true });
	return () => {
		done = true;
		cancel();
	};
}
