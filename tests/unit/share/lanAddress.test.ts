/**
 * The link a room can open: loopback hosts recognised, /lan.json bodies read defensively, and a
 * loopback link moved onto a LAN origin with its path, settings and fragment intact.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isLoopbackHost, lanOrigins, onOrigin } from '$lib/share/lanAddress';

describe('isLoopbackHost', () => {
	it.each([
		['127.0.0.1', true],
		['127.1.2.3', true],
		['localhost', true],
		['LOCALHOST.', true],
		['lab.localhost', true],
		['[::1]', true],
		['192.168.1.23', false],
		['10.0.0.5', false],
		['127.0.0.1.example.com', false],
		['localhost.example.com', false],
		['convlab.example.org', false],
		['[fd00::2]', false]
	])('%s → %s', (host, expected) => {
		expect(isLoopbackHost(host)).toBe(expected);
	});
});

describe('lanOrigins', () => {
	it('keeps http(s) URLs as origins, in order, once each', () => {
		expect(
			lanOrigins({
				urls: ['http://192.168.1.23:4173/', 'http://10.0.0.5:4173/', 'http://192.168.1.23:4173/x']
			})
		).toEqual(['http://192.168.1.23:4173', 'http://10.0.0.5:4173']);
	});

	it.each([
		[null],
		[{}],
		[{ urls: 'http://192.168.1.23:4173/' }],
		[{ urls: [42, null, 'not a url', 'javascript:alert(1)', 'file:///etc/passwd'] }],
		[{ urls: ['http://127.0.0.1:4173/', 'http://localhost:4173/'] }]
	])('%j gives no origin', (body) => {
		expect(lanOrigins(body)).toEqual([]);
	});
});

describe('onOrigin', () => {
	it('moves a loopback link onto the LAN origin, keeping path, query and fragment', () => {
		expect(
			onOrigin(
				'http://127.0.0.1:4173/convolution/?kernel=laplacian&k=5&present=1#map',
				'http://192.168.1.23:4173'
			)
		).toBe('http://192.168.1.23:4173/convolution/?kernel=laplacian&k=5&present=1#map');
		expect(onOrigin('http://localhost:4173/', 'http://10.0.0.5:8080')).toBe(
			'http://10.0.0.5:8080/'
		);
		// the default port of the target is written as none
		expect(onOrigin('http://127.0.0.1:4173/pooling/?pool=avg', 'http://10.0.0.5')).toBe(
			'http://10.0.0.5/pooling/?pool=avg'
		);
	});
});

describe('lanInfo', () => {
	afterEach(() => {
		vi.unstubAllGlobals();
		vi.resetModules();
	});

	const at = (href: string) => new URL(href) as unknown as Location;

	it('asks nothing off loopback; on loopback reads /lan.json once', async () => {
		const fetch = vi.fn(async () =>
			Response.json({ urls: ['http://192.168.1.23:4173/', 'http://10.0.0.5:4173/'] })
		);
		vi.stubGlobal('fetch', fetch);
		const { lanInfo } = await import('$lib/share/lanAddress');
		expect(await lanInfo(at('http://192.168.1.23:4173/convolution/'))).toEqual({
			kind: 'not-loopback'
		});
		expect(fetch).not.toHaveBeenCalled();
		const here = at('http://127.0.0.1:4173/convolution/?k=5');
		expect(await lanInfo(here)).toEqual({
			kind: 'known',
			origins: ['http://192.168.1.23:4173', 'http://10.0.0.5:4173']
		});
		await lanInfo(here);
		expect(fetch).toHaveBeenCalledTimes(1);
		expect(String((fetch.mock.calls[0] as unknown[])[0])).toBe('http://127.0.0.1:4173/lan.json');
	});

	it.each([
		['no address', async () => Response.json({ urls: [] }), 'none'],
		['a static host (404 page)', async () => new Response('<html>', { status: 404 }), 'unknown'],
		[
			'an HTML fallback with 200',
			async () => new Response('<html>', { headers: { 'content-type': 'text/html' } }),
			'unknown'
		],
		[
			'no server',
			async () => {
				throw new TypeError('Failed to fetch');
			},
			'unknown'
		]
	])('%s → %s', async (_, answer, kind) => {
		vi.stubGlobal('fetch', vi.fn(answer));
		const { lanInfo } = await import('$lib/share/lanAddress');
		expect((await lanInfo(at('http://localhost:5173/'))).kind).toBe(kind);
	});
});
