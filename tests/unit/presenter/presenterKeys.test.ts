import { describe, expect, it } from 'vitest';
import { LABS } from '$lib/labs';
import {
	focusKind,
	neighbourLab,
	presenterAction,
	type ElementLike,
	type FocusKind,
	type KeyLike
} from '$lib/presenter/presenterKeys';

const key = (k: string, extra: Partial<KeyLike> = {}): KeyLike => ({
	key: k,
	ctrlKey: false,
	metaKey: false,
	altKey: false,
	defaultPrevented: false,
	...extra
});

function element(
	tagName: string,
	attributes: Record<string, string> = {},
	parent: ElementLike | null = null,
	extra: Partial<ElementLike> = {}
): ElementLike {
	return {
		tagName: tagName.toUpperCase(),
		getAttribute: (name) => attributes[name] ?? null,
		hasAttribute: (name) => name in attributes,
		tabIndex: 'tabindex' in attributes ? Number(attributes.tabindex) : -1,
		parentElement: parent,
		...extra
	};
}

describe('presenter keys', () => {
	it.each<[string, FocusKind, string | null]>([
		['f', 'page', 'fullscreen'],
		['F', 'control', 'fullscreen'],
		['f', 'widget', 'fullscreen'],
		['f', 'text', null],
		['ArrowRight', 'page', 'next-lab'],
		['ArrowLeft', 'control', 'previous-lab'],
		['ArrowLeft', 'widget', null], // the feature map moves its pixel instead
		['ArrowRight', 'text', null], // a slider moves instead
		[' ', 'page', 'toggle-play'],
		[' ', 'control', null], // space presses the focused button
		[' ', 'widget', null],
		[' ', 'text', null],
		['e', 'page', 'toggle-explain'],
		['c', 'page', 'toggle-contrast'],
		['?', 'page', 'help'],
		['?', 'control', 'help'],
		['?', 'text', null], // a question mark typed into a field is just text
		['x', 'page', null],
		['Enter', 'page', null]
	])('%j with focus on %s → %s', (k, focus, expected) => {
		expect(presenterAction(key(k), focus, true)).toBe(expected);
	});

	it('only opens the key help outside presenter mode', () => {
		expect(presenterAction(key('?'), 'page', false)).toBe('help');
		for (const k of ['f', 'ArrowLeft', 'ArrowRight', ' ', 'e', 'c'])
			expect(presenterAction(key(k), 'page', false)).toBeNull();
	});

	it('leaves shortcuts with modifiers, handled keys and auto-repeat alone', () => {
		expect(presenterAction(key('f', { ctrlKey: true }), 'page', true)).toBeNull();
		expect(presenterAction(key('ArrowLeft', { altKey: true }), 'page', true)).toBeNull(); // browser back
		expect(presenterAction(key('ArrowRight', { metaKey: true }), 'page', true)).toBeNull();
		expect(presenterAction(key(' ', { defaultPrevented: true }), 'page', true)).toBeNull();
		expect(presenterAction(key('ArrowRight', { repeat: true }), 'page', true)).toBeNull();
	});
});

describe('what has focus', () => {
	const body = element('body');
	const main = element('main', {}, body);
	it.each<[string, ElementLike | null, FocusKind]>([
		['nothing', null, 'page'],
		['the body', body, 'page'],
		['a paragraph', element('p', {}, main), 'page'],
		['a text field', element('input', {}, main), 'text'],
		['a number field', element('input', { type: 'number' }, main), 'text'],
		['a slider', element('input', { type: 'range' }, main), 'text'],
		['a radio button', element('input', { type: 'radio' }, main), 'text'],
		['a checkbox', element('input', { type: 'checkbox' }, main), 'control'],
		['a select', element('select', {}, main), 'text'],
		['a textarea', element('textarea', {}, main), 'text'],
		['a button', element('button', {}, main), 'control'],
		['a link', element('a', { href: '/' }, main), 'control'],
		['a focusable canvas', element('canvas', { tabindex: '0' }, main), 'widget'],
		[
			'a cell of an ARIA grid',
			element('div', { tabindex: '0' }, element('div', { role: 'grid' }, main)),
			'text'
		],
		['a role=slider handle', element('div', { role: 'slider', tabindex: '0' }, main), 'text'],
		['contenteditable', element('div', {}, main, { isContentEditable: true }), 'text'],
		[
			'a button inside a grid',
			element('button', {}, element('div', { role: 'grid' }, main)),
			'text'
		]
	])('%s', (_, el, expected) => {
		expect(focusKind(el)).toBe(expected);
	});
});

describe('moving between labs', () => {
	it('follows LABS order and stops at either end', () => {
		for (let i = 0; i < LABS.length; i++) {
			expect(neighbourLab(`/base${LABS[i].path}`, 1)).toBe(LABS[i + 1]);
			expect(neighbourLab(LABS[i].path, -1)).toBe(LABS[i - 1]);
		}
		expect(neighbourLab(LABS[LABS.length - 1].path, 1)).toBeUndefined();
		expect(neighbourLab(LABS[0].path, -1)).toBeUndefined();
	});

	it('opens the first lab from home and the last with ←', () => {
		expect(neighbourLab('/', 1)).toBe(LABS[0]);
		expect(neighbourLab('/credits/', -1)).toBe(LABS[LABS.length - 1]);
	});
});
