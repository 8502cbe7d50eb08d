// See https://svelte.dev/docs/kit/types#app.d.ts
import type { DebugHandle } from '$lib/debugHandle';

declare global {
	namespace App {
		// interface Error {}
		// interface Locals {}
		// interface PageData {}
		// interface PageState {}
		// interface Platform {}
	}
	interface Window {
		convlab?: DebugHandle;
	}
}

export {};
