/**
 * What the header's quiet offline indicator shows, followed from the service worker's
 * lifecycle: 'ready' once a worker is active (it activates only after every asset is in its
 * cache), 'update' when a newer version has installed and waits for the Reload button.
 * Written against the few members it uses, so it runs in Node with fakes.
 */
import { SKIP_WAITING } from './messages';

export type OfflineState = 'unsupported' | 'caching' | 'ready' | 'update';

type Listener = (event: Event) => void;
interface WorkerLike {
	state: string;
	postMessage(message: unknown): void;
	addEventListener(type: 'statechange', listener: Listener): void;
}
export interface RegistrationLike {
	active: WorkerLike | null;
	installing: WorkerLike | null;
	waiting: WorkerLike | null;
	update(): Promise<unknown>;
	addEventListener(type: 'updatefound', listener: Listener): void;
}
export interface ContainerLike {
	controller: unknown;
	ready: Promise<RegistrationLike>;
	addEventListener(type: 'controllerchange', listener: Listener): void;
}

export interface ServiceWorkerStatus {
	/** Ask the waiting version to take over, then `reload` once it controls the page. */
	activateUpdate(): boolean;
}

/**
 * Follow `container` (navigator.serviceWorker, or undefined where there is none: an http page
 * on a LAN address is not a secure context) and report each state change to `onState`.
 */
export function followServiceWorker(
	container: ContainerLike | undefined,
	onState: (state: OfflineState) => void,
	reload: () => void
): ServiceWorkerStatus {
	let registration: RegistrationLike | null = null;
	if (!container) {
		onState('unsupported');
		return { activateUpdate: () => false };
	}
	onState('caching');

	/** A version that finished installing while another controls the page is an update. */
	const watch = (worker: WorkerLike | null) => {
		if (!worker) return;
		const check = () => {
			if (worker.state === 'installed' && container.controller) onState('update');
		};
		check();
		worker.addEventListener('statechange', check);
	};

	void container.ready.then((ready) => {
		registration = ready;
		const settle = () => {
			if (ready.waiting && container.controller) onState('update');
			else onState('ready');
		};
		const active = ready.active;
		if (active && active.state !== 'activated') {
			active.addEventListener('statechange', () => {
				if (active.state === 'activated') settle();
			});
		} else settle();
		watch(ready.installing);
		ready.addEventListener('updatefound', () => watch(ready.installing));
		// A tab left open all day still hears of a new deploy when it is next loaded.
		void ready.update().catch(() => {});
	});

	return {
		activateUpdate() {
			const waiting = registration?.waiting;
			if (!waiting) return false;
			container.addEventListener('controllerchange', () => reload());
			waiting.postMessage(SKIP_WAITING);
			return true;
		}
	};
}
