import { describe, expect, it, vi } from 'vitest';
import { BASE_REM_PX, followRootFont, remScaled, rootFontPx } from '$lib/viz/rootFont';

describe('remScaled', () => {
	it.each([
		{ px: 11, root: 16, out: 11 },
		{ px: 11, root: 20, out: 13.75 },
		{ px: 180, root: 20, out: 225 },
		{ px: 12, root: 24, out: 18 },
		{ px: 10, root: 18, out: 11.25 }
	])('$px px at a $root px root is $out px', ({ px, root, out }) => {
		expect(remScaled(px, root)).toBe(out);
	});

	it('outside a browser the root is the 16 px default and following is a no-op', () => {
		expect(BASE_REM_PX).toBe(16);
		expect(rootFontPx()).toBe(16);
		expect(remScaled(11)).toBe(11);
		expect(typeof followRootFont({} as Element, () => {})).toBe('function');
	});
});

describe('followRootFont in a page', () => {
	it('redraws the nodes on the page when the root size changes, and forgets the ones taken off or stopped', async () => {
		let fontSize = '16px';
		let fire = () => {};
		const html = {
			className: '',
			getAttribute: () => null,
			classList: { contains: (name: string) => html.className.split(' ').includes(name) }
		};
		const stubs = {
			document: { documentElement: html },
			window: { addEventListener: () => {}, removeEventListener: () => {} },
			getComputedStyle: () => ({ fontSize }),
			MutationObserver: class {
				constructor(callback: () => void) {
					fire = callback;
				}
				observe() {}
				disconnect() {}
			}
		};
		const saved = Object.keys(stubs).map((key) => [key, Reflect.get(globalThis, key)] as const);
		Object.assign(globalThis, stubs);
		// A fresh copy of the module, which sees the stubbed page.
		vi.resetModules();
		try {
			const { followRootFont: follow } = await import('$lib/viz/rootFont');
			const node = (isConnected: boolean) => ({ isConnected }) as unknown as Element;
			const [onPage, offPage, stopped] = [node(true), node(false), node(true)];
			const calls: string[] = [];
			follow(onPage, () => calls.push('on page'));
			follow(onPage, () => calls.push('on page, replaced'));
			follow(offPage, () => calls.push('off page'));
			follow(stopped, () => calls.push('stopped'))();
			html.className = 'projector';
			fontSize = '20px';
			fire();
			expect(calls).toEqual(['on page, replaced']);
			html.className = '';
			fontSize = '16px';
			fire();
			expect(calls).toEqual(['on page, replaced', 'on page, replaced']);
		} finally {
			for (const [key, value] of saved) Reflect.set(globalThis, key, value);
		}
	});
});
