/**
 * Presenter keys: what a key press does on a projected lab, decided from the key and from what
 * has focus, so typing a number into a kernel cell, dragging a slider with the arrow keys or
 * pressing space on a button is never taken over.
 */
import { LABS, type Lab } from '$lib/labs';

/**
 * Fired on `window` by the space key in presenter mode. Any lab with an animation or a
 * training loop listens and plays or pauses it:
 *   `window.addEventListener(TOGGLE_PLAY_EVENT, toggle)` (remove it on destroy).
 * It carries no detail; a lab with nothing to play simply does not listen.
 */
export const TOGGLE_PLAY_EVENT = 'convlab:toggle-play';

export type PresenterAction =
	| 'help'
	| 'fullscreen'
	| 'previous-lab'
	| 'next-lab'
	| 'toggle-play'
	| 'toggle-explain'
	| 'toggle-contrast';

/**
 * What has focus, as far as keys go:
 * - 'text': it takes typed characters or arrow keys itself (text fields, selects, sliders,
 *   grids, contenteditable): no presenter key at all;
 * - 'control': a button or link, where space and Enter activate it: letters and arrows only;
 * - 'widget': a custom focusable (a feature map canvas moves its pixel with the arrows):
 *   letters only;
 * - 'page': nothing in particular: every key.
 */
export type FocusKind = 'text' | 'control' | 'widget' | 'page';

/** The keys, for the help overlay; the only list, so help and behaviour cannot drift apart. */
export const PRESENTER_KEYS: readonly { keys: string[]; does: string; presenting: boolean }[] = [
	{ keys: ['?'], does: 'Show or hide this list of keys', presenting: false },
	{ keys: ['F'], does: 'Full screen on or off', presenting: true },
	{ keys: ['←', '→'], does: 'Previous or next lab (settings kept)', presenting: true },
	{ keys: ['Space'], does: 'Play or pause the lab’s animation or training', presenting: true },
	{ keys: ['E'], does: 'Show or hide the written explanations', presenting: true },
	{ keys: ['C'], does: 'High-contrast colour scales on or off', presenting: true },
	{ keys: ['Esc'], does: 'Close a dialog', presenting: false }
];

export interface KeyLike {
	key: string;
	ctrlKey: boolean;
	metaKey: boolean;
	altKey: boolean;
	defaultPrevented: boolean;
	repeat?: boolean;
}

/** The action for `event` with focus of kind `focus`, or null to leave the key alone. */
export function presenterAction(
	event: KeyLike,
	focus: FocusKind,
	presenting: boolean
): PresenterAction | null {
	if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return null;
	if (focus === 'text') return null;
	if (event.key === '?') return 'help';
	if (!presenting || event.repeat) return null;
	switch (event.key) {
		case 'f':
		case 'F':
			return 'fullscreen';
		case 'e':
		case 'E':
			return 'toggle-explain';
		case 'c':
		case 'C':
			return 'toggle-contrast';
		case 'ArrowLeft':
			return focus === 'widget' ? null : 'previous-lab';
		case 'ArrowRight':
			return focus === 'widget' ? null : 'next-lab';
		case ' ':
			return focus === 'page' ? 'toggle-play' : null;
		default:
			return null;
	}
}

const TEXT_ROLES = new Set([
	'textbox',
	'searchbox',
	'slider',
	'spinbutton',
	'combobox',
	'listbox',
	'grid',
	'gridcell',
	'radiogroup',
	'radio',
	'menu',
	'menuitem',
	'tablist',
	'tab'
]);
const BUTTON_INPUTS = new Set(['button', 'submit', 'reset', 'checkbox', 'image']);

/** Minimal element interface, so the rule runs under Node with plain objects. */
export interface ElementLike {
	tagName: string;
	isContentEditable?: boolean;
	tabIndex?: number;
	getAttribute(name: string): string | null;
	hasAttribute(name: string): boolean;
	parentElement: ElementLike | null;
}

/** The focus kind of `element` (document.activeElement), looking up through its ancestors. */
export function focusKind(element: ElementLike | null): FocusKind {
	if (!element) return 'page';
	let kind: FocusKind = 'page';
	for (let node: ElementLike | null = element; node; node = node.parentElement) {
		const tag = node.tagName.toLowerCase();
		if (tag === 'body' || tag === 'html') break;
		const role = node.getAttribute('role');
		if (node.isContentEditable || (role && TEXT_ROLES.has(role))) return 'text';
		if (tag === 'textarea' || tag === 'select') return 'text';
		if (tag === 'input') {
			const type = (node.getAttribute('type') ?? 'text').toLowerCase();
			return BUTTON_INPUTS.has(type) ? 'control' : 'text';
		}
		if (node !== element) continue;
		if (
			tag === 'button' ||
			tag === 'a' ||
			tag === 'summary' ||
			role === 'button' ||
			role === 'link'
		)
			kind = 'control';
		else if (node.hasAttribute('tabindex') && (node.tabIndex ?? -1) >= 0) kind = 'widget';
	}
	return kind;
}

/**
 * The lab before or after the page at `pathname` in LABS order; from a page that is no lab
 * (home, credits), → opens the first lab and ← the last. Undefined past either end.
 */
export function neighbourLab(pathname: string, direction: -1 | 1): Lab | undefined {
	const index = LABS.findIndex((lab) => pathname.endsWith(lab.path));
	if (index < 0) return direction === 1 ? LABS[0] : LABS[LABS.length - 1];
	return LABS[index + direction];
}
