/**
 * SvelteKit's route announcer (#svelte-announcer, aria-live="assertive") reads the page title
 * after the first update of `page` — and a lab's settings written to the address bar with
 * replaceState is such an update, so the first setting a learner changed made a screen reader
 * say "Convolution · ConvLab" instead of what changed. Query writes quiet it; a real navigation
 * (beforeNavigate) turns it back on, so going to another lab is still announced.
 */
const ANNOUNCER = 'svelte-announcer';

function setLive(value: 'off' | 'assertive'): void {
	if (typeof document === 'undefined') return;
	document.getElementById(ANNOUNCER)?.setAttribute('aria-live', value);
}

/** Before a same-page query write: the title is not news. */
export function quietRouteAnnouncer(): void {
	setLive('off');
}

/** Before a navigation to another page: its title is. */
export function restoreRouteAnnouncer(): void {
	setLive('assertive');
}
