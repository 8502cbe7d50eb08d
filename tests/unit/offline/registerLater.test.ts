import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { registerServiceWorkerLater } from '$lib/offline/registerLater';
import { RENDERED_EVENT } from '$lib/state/renderedEvent';

describe('registerServiceWorkerLater', () => {
	beforeEach(() => vi.useFakeTimers());
	afterEach(() => vi.useRealTimers());

	function setup(waitForPicture: boolean, loaded = false) {
		const target = new EventTarget();
		const register = vi.fn(() => Promise.resolve());
		const cancel = registerServiceWorkerLater('/sw.js', {
			waitForPicture,
			afterPictureMs: 100,
			fallbackMs: 5000,
			register,
			target,
			loaded: () => loaded
		});
		return { target, register, cancel };
	}

	it('a lab registers only after its first picture (plus the pause), once', () => {
		const { target, register } = setup(true);
		target.dispatchEvent(new Event('load'));
		vi.advanceTimersByTime(1000);
		expect(register).not.toHaveBeenCalled();
		target.dispatchEvent(new Event(RENDERED_EVENT));
		vi.advanceTimersByTime(99);
		expect(register).not.toHaveBeenCalled();
		vi.advanceTimersByTime(1);
		expect(register).toHaveBeenCalledWith('/sw.js');
		target.dispatchEvent(new Event(RENDERED_EVENT));
		vi.advanceTimersByTime(10_000);
		expect(register).toHaveBeenCalledTimes(1);
	});

	it('a lab with no picture registers after the fallback', () => {
		const { target, register } = setup(true);
		target.dispatchEvent(new Event('load'));
		vi.advanceTimersByTime(4999);
		expect(register).not.toHaveBeenCalled();
		vi.advanceTimersByTime(1);
		expect(register).toHaveBeenCalledTimes(1);
	});

	it('a page that draws nothing registers right after load (or at once if it has loaded)', () => {
		const first = setup(false);
		vi.advanceTimersByTime(10_000);
		expect(first.register).not.toHaveBeenCalled();
		first.target.dispatchEvent(new Event('load'));
		vi.advanceTimersByTime(0);
		expect(first.register).toHaveBeenCalledTimes(1);
		const second = setup(false, true);
		vi.advanceTimersByTime(0);
		expect(second.register).toHaveBeenCalledTimes(1);
	});

	it('cancelled, nothing registers', () => {
		const { target, register, cancel } = setup(true);
		cancel();
		target.dispatchEvent(new Event('load'));
		target.dispatchEvent(new Event(RENDERED_EVENT));
		vi.advanceTimersByTime(10_000);
		expect(register).not.toHaveBeenCalled();
	});

	it('where the page has no service worker (an http LAN address), nothing throws', () => {
		// not a secure context: navigator.serviceWorker is undefined
		vi.stubGlobal('navigator', {});
		try {
			const target = new EventTarget();
			registerServiceWorkerLater('/sw.js', { waitForPicture: false, target, loaded: () => true });
			expect(() => vi.advanceTimersByTime(0)).not.toThrow();
		} finally {
			vi.unstubAllGlobals();
		}
	});

	it('a register that throws at once is contained', () => {
		const target = new EventTarget();
		const register = vi.fn((): Promise<unknown> => {
			throw new TypeError("Cannot read properties of undefined (reading 'register')");
		});
		registerServiceWorkerLater('/sw.js', {
			waitForPicture: false,
			register,
			target,
			loaded: () => true
		});
		expect(() => vi.advanceTimersByTime(0)).not.toThrow();
		expect(register).toHaveBeenCalledTimes(1);
	});
});
