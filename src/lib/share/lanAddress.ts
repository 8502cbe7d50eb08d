/**
 * The address a room can open. On the laptop the instructor opens `http://127.0.0.1:…` (the one
 * address where the browser caches the app for offline use), but a phone that scans that opens its
 * own loopback. `npm run serve:lan` knows the laptop's LAN addresses and serves them at /lan.json
 * (a static build has no such file); a link shared from a loopback page is rewritten onto one.
 */

/** What the page knows about the addresses a room can reach it at. */
export type LanInfo =
	/** the page is not on a loopback host: its own address is the one to share */
	| { kind: 'not-loopback' }
	/** loopback, and no /lan.json: not served by serve:lan (or it could not be asked) */
	| { kind: 'unknown' }
	/** loopback, served by serve:lan, which found no network address */
	| { kind: 'none' }
	/** loopback, and these origins (`http://192.168.1.23:4173`) reach the same server */
	| { kind: 'known'; origins: string[] };

/** Whether `hostname` (as in `location.hostname`) only ever names the device it is typed on. */
export function isLoopbackHost(hostname: string): boolean {
	const host = hostname.toLowerCase().replace(/\.$/, '');
	if (host === 'localhost' || host.endsWith('.localhost')) return true;
	if (host === '[::1]' || host === '::1') return true;
	return /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * The origins in a /lan.json body (`{ "urls": ["http://192.168.1.23:4173/"] }`): http(s) URLs
 * only, each reduced to its origin, duplicates dropped. Anything else in the body is ignored.
 */
export function lanOrigins(body: unknown): string[] {
	const urls = (body as { urls?: unknown } | null)?.urls;
	if (!Array.isArray(urls)) return [];
	const origins: string[] = [];
	for (const value of urls) {
		if (typeof value !== 'string') continue;
		let url: URL;
		try {
			url = new URL(value);
		} catch {
			continue;
		}
		if (url.protocol !== 'http:' && url.protocol !== 'https:') continue;
		if (isLoopbackHost(url.hostname) || origins.includes(url.origin)) continue;
		origins.push(url.origin);
	}
	return origins;
}

/** `href` with its origin replaced by `origin`: the same path, settings and fragment. */
export function onOrigin(href: string, origin: string): string {
	const url = new URL(href);
	const target = new URL(origin);
	url.protocol = target.protocol;
	url.hostname = target.hostname;
	url.port = target.port;
	return url.href;
}

/** The host part of an origin, for a label: `http://192.168.1.23:4173` → `192.168.1.23:4173`. */
export function hostOf(origin: string): string {
	return new URL(origin).host;
}

let asked: Promise<LanInfo> | undefined;

/**
 * What this page's server says about its LAN addresses: asked once per page load, and only on a
 * loopback host (elsewhere the page's own address is what the room opens).
 */
export function lanInfo(location: Location = window.location): Promise<LanInfo> {
	if (!isLoopbackHost(location.hostname)) return Promise.resolve({ kind: 'not-loopback' });
	asked ??= fetch(new URL('/lan.json', location.href), { cache: 'no-store' })
		.then(async (response): Promise<LanInfo> => {
			const type = response.headers.get('content-type') ?? '';
			if (!response.ok || !type.includes('json')) return { kind: 'unknown' };
			const origins = lanOrigins(await response.json());
			return origins.length ? { kind: 'known', origins } : { kind: 'none' };
		})
		.catch((): LanInfo => ({ kind: 'unknown' }));
	return asked;
}
