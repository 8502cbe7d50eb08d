import { describe, expect, it } from 'vitest';
import { SKIP_WAITING } from '$lib/offline/messages';
import {
	followServiceWorker,
	type ContainerLike,
	type OfflineState,
	type RegistrationLike
} from '$lib/offline/serviceWorkerStatus';

class FakeWorker extends EventTarget {
	messages: unknown[] = [];
	constructor(public state: string) {
		super();
	}
	postMessage(message: unknown) {
		this.messages.push(message);
	}
	become(state: string) {
		this.state = state;
		this.dispatchEvent(new Event('statechange'));
	}
}

class FakeRegistration extends EventTarget implements RegistrationLike {
	active: FakeWorker | null = null;
	installing: FakeWorker | null = null;
	waiting: FakeWorker | null = null;
	updates = 0;
	async update() {
		this.updates++;
	}
}

function fakeContainer(registration: FakeRegistration, controlled: boolean) {
	const container = new EventTarget() as EventTarget & ContainerLike;
	container.controller = controlled ? {} : null;
	container.ready = Promise.resolve(registration);
	return container;
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

function follow(container: ContainerLike | undefined) {
	const states: OfflineState[] = [];
	let reloads = 0;
	const status = followServiceWorker(
		container,
		(s) => states.push(s),
		() => reloads++
	);
	return { states, status, reloads: () => reloads };
}

describe('the offline indicator', () => {
	it('says so where there is no service worker (an http LAN address)', () => {
		const { states, status } = follow(undefined);
		expect(states).toEqual(['unsupported']);
		expect(status.activateUpdate()).toBe(false);
	});

	it('is ready once the first worker has activated (everything cached), not before', async () => {
		const registration = new FakeRegistration();
		registration.active = new FakeWorker('activating');
		const { states } = follow(fakeContainer(registration, false));
		await tick();
		expect(states).toEqual(['caching']);
		registration.active.become('activated');
		expect(states).toEqual(['caching', 'ready']);
		expect(registration.updates).toBe(1);
	});

	it('offers the update a waiting worker holds, and reloads only after the button', async () => {
		const registration = new FakeRegistration();
		registration.active = new FakeWorker('activated');
		registration.waiting = new FakeWorker('installed');
		const container = fakeContainer(registration, true);
		const { states, status, reloads } = follow(container);
		await tick();
		expect(states).toEqual(['caching', 'update']);
		expect(registration.waiting.messages).toEqual([]);
		container.dispatchEvent(new Event('controllerchange'));
		expect(reloads()).toBe(0); // a takeover nobody asked for does not reload the lesson
		expect(status.activateUpdate()).toBe(true);
		expect(registration.waiting.messages).toEqual([SKIP_WAITING]);
		expect(reloads()).toBe(0);
		container.dispatchEvent(new Event('controllerchange'));
		expect(reloads()).toBe(1);
	});

	it('hears of a version that installs while the page is open', async () => {
		const registration = new FakeRegistration();
		registration.active = new FakeWorker('activated');
		const { states } = follow(fakeContainer(registration, true));
		await tick();
		expect(states).toEqual(['caching', 'ready']);
		const next = new FakeWorker('installing');
		registration.installing = next;
		registration.dispatchEvent(new Event('updatefound'));
		expect(states.at(-1)).toBe('ready');
		next.become('installed');
		expect(states.at(-1)).toBe('update');
	});

	it('does not call the first install an update (nothing controlled the page)', async () => {
		const registration = new FakeRegistration();
		registration.active = new FakeWorker('activated');
		const first = new FakeWorker('installing');
		registration.installing = first;
		const { states } = follow(fakeContainer(registration, false));
		await tick();
		first.become('installed');
		expect(states).toEqual(['caching', 'ready']);
	});
});
