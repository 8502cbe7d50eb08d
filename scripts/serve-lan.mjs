#!/usr/bin/env node
/**
 * Serve the static build to a room with no internet: `npm run serve:lan` listens on every
 * interface (0.0.0.0), prints the laptop's LAN address(es) and a QR code of the first, so
 * participants on the same wifi or hotspot open ConvLab by scanning it.
 *
 *   npm run serve:lan -- [--port 4173] [--host 0.0.0.0] [--dir build] [--room]
 *
 * `--room` adds room mode for workshops (scripts/room-server.mjs, endpoints under /room/api/): the
 * instructor's /room/ page on the laptop puts a question on the projector, phones answer at
 * /room/join/, all in this process's memory.
 *
 * /lan.json (which a static build does not have) lists those LAN addresses, read afresh on each
 * request: a page opened on the laptop's own loopback address puts the LAN address, not
 * 127.0.0.1, in its QR code and copied links (src/lib/share/lanAddress.ts).
 *
 * Builds first when the build folder is missing (`npm run build`). Unknown paths get the
 * adapter's fallback page (404.html, absolute asset paths) like a static host's SPA fallback;
 * .wasm is sent as application/wasm (WebAssembly.instantiateStreaming requires it). Text files and
 * the .wasm binaries go out brotli- or gzip-compressed when the browser accepts it (about a third
 * of the bytes on a busy room wifi), each compressed once and kept in memory.
 * An http:// LAN address is not a "secure context": there the browser runs no service worker,
 * so participants need this server for the whole session (localhost and https are cached).
 */
import { createServer } from 'node:http';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlibConstants, gzip } from 'node:zlib';
import { networkInterfaces } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { correction, generate } from 'lean-qr';
import { createRoom } from './room-state.mjs';
import { roomHandler } from './room-server.mjs';

/** @type {Record<string, string>} */
export const MIME = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.mjs': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json; charset=utf-8',
	'.webmanifest': 'application/manifest+json',
	'.wasm': 'application/wasm',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.jpg': 'image/jpeg',
	'.jpeg': 'image/jpeg',
	'.webp': 'image/webp',
	'.gif': 'image/gif',
	'.ico': 'image/x-icon',
	'.woff2': 'font/woff2',
	'.woff': 'font/woff',
	'.ttf': 'font/ttf',
	'.bin': 'application/octet-stream',
	'.npy': 'application/octet-stream',
	'.txt': 'text/plain; charset=utf-8',
	'.md': 'text/markdown; charset=utf-8',
	'.csv': 'text/csv; charset=utf-8'
};

/**
 * Every non-internal IPv4 address of `interfaces` (os.networkInterfaces()) as a URL on `port`.
 * @param {Record<string, { address: string; family: string | number; internal: boolean }[] | undefined>} interfaces
 * @param {number} port
 * @returns {string[]}
 */
export function lanUrls(interfaces, port) {
	const urls = [];
	for (const addresses of Object.values(interfaces)) {
		for (const address of addresses ?? []) {
			const v4 = address.family === 'IPv4' || address.family === 4;
			if (v4 && !address.internal) urls.push(`http://${address.address}:${port}/`);
		}
	}
	return urls;
}

/** What is worth compressing: text, and the WASM binaries (~3× smaller). Images and weights are not. */
const COMPRESSIBLE = new Set([
	'.html',
	'.js',
	'.mjs',
	'.css',
	'.json',
	'.webmanifest',
	'.svg',
	'.txt',
	'.md',
	'.csv',
	'.wasm'
]);
/** Below this many bytes compression saves less than its headers cost. */
const MIN_COMPRESS_BYTES = 1024;

/**
 * The encoding to answer an Accept-Encoding header with: brotli, then gzip, else none (null).
 * `;q=0` refuses an encoding; `*` stands for any not named.
 * @param {string | undefined} header
 * @returns {'br' | 'gzip' | null}
 */
export function chooseEncoding(header) {
	if (!header) return null;
	/** @type {Map<string, number>} */
	const quality = new Map();
	for (const part of header.split(',')) {
		const [name, ...params] = part.split(';').map((p) => p.trim().toLowerCase());
		if (!name) continue;
		const q = params.find((p) => p.startsWith('q='));
		quality.set(name, q ? Number(q.slice(2)) : 1);
	}
	for (const encoding of /** @type {const} */ (['br', 'gzip'])) {
		const q = quality.get(encoding) ?? quality.get('*') ?? 0;
		if (q > 0) return encoding;
	}
	return null;
}

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);
/** @type {Map<string, { mtimeMs: number; body: Promise<Buffer> }>} */
const compressedFiles = new Map();

/**
 * `file` compressed with `encoding`, made once per version of the file (a room of browsers asks
 * for the same files) and kept in memory.
 * @param {string} file
 * @param {'br' | 'gzip'} encoding
 * @param {number} mtimeMs
 * @returns {Promise<Buffer>}
 */
export function compressedFile(file, encoding, mtimeMs) {
	const key = `${encoding}:${file}`;
	const hit = compressedFiles.get(key);
	if (hit && hit.mtimeMs === mtimeMs) return hit.body;
	const body = readFile(file).then((data) =>
		encoding === 'br'
			? brotli(data, {
					params: {
						[zlibConstants.BROTLI_PARAM_QUALITY]: 6,
						[zlibConstants.BROTLI_PARAM_SIZE_HINT]: data.length
					}
				})
			: gzipped(data, { level: 9 })
	);
	compressedFiles.set(key, { mtimeMs, body });
	body.catch(() => compressedFiles.delete(key));
	return body;
}

/** Black on white, whatever the terminal's own colours: a reader wants dark modules on light. */
export const DARK_ON_LIGHT = '\x1b[38;5;16;48;5;231m';
export const RESET = '\x1b[0m';

/**
 * `code` (lean-qr) as terminal text, two module rows per line with half blocks: dark modules are
 * printed in black on a white background (DARK_ON_LIGHT), so it scans off a light terminal and a
 * dark one alike, with `quiet` light modules of margin all round (ISO/IEC 18004 asks for 4).
 * @param {{ size: number; get(x: number, y: number): boolean }} code
 * @returns {string}
 */
export function terminalQr(code, quiet = 4) {
	/** @type {(x: number, y: number) => boolean} */
	const dark = (x, y) => x >= 0 && y >= 0 && x < code.size && y < code.size && code.get(x, y);
	const end = code.size + quiet;
	const lines = [];
	for (let y = -quiet; y < end; y += 2) {
		let line = '';
		for (let x = -quiet; x < end; x++) {
			const top = dark(x, y);
			const bottom = y + 1 < end && dark(x, y + 1);
			line += top && bottom ? '█' : top ? '▀' : bottom ? '▄' : ' ';
		}
		lines.push(`${DARK_ON_LIGHT}${line}${RESET}`);
	}
	return lines.join('\n');
}

/**
 * The file a request path maps to inside `root`, or null (outside root, or no such file).
 * @param {string} root an absolute folder
 * @param {string} pathname
 * @returns {string | null}
 */
export function fileFor(root, pathname) {
	let decoded;
	try {
		decoded = decodeURIComponent(pathname);
	} catch {
		return null;
	}
	if (decoded.includes('\0')) return null;
	const path = normalize(join(root, decoded));
	if (path !== root && !path.startsWith(root + sep)) return null;
	const candidates = decoded.endsWith('/')
		? [join(path, 'index.html')]
		: [path, join(path, 'index.html'), `${path}.html`];
	for (const candidate of candidates) {
		try {
			if (statSync(candidate).isFile()) return candidate;
		} catch {
			// not this one
		}
	}
	return null;
}

/** Sent with every answer: no MIME sniffing, and no address of the room's server in Referer. */
export const SECURITY_HEADERS = {
	'x-content-type-options': 'nosniff',
	'referrer-policy': 'no-referrer'
};

/** @type {Map<string, { mtimeMs: number; policy: string | null }>} */
const pagePolicies = new Map();

/**
 * The Content-Security-Policy a prerendered page carries in its <meta http-equiv> tag (SvelteKit
 * writes it, with the hashes of that page's inline script), to send as a header too; null when the
 * page has none. Read once per version of the file.
 * @param {string} file
 * @param {number} mtimeMs
 * @returns {string | null}
 */
export function pagePolicy(file, mtimeMs) {
	const hit = pagePolicies.get(file);
	if (hit && hit.mtimeMs === mtimeMs) return hit.policy;
	const html = readFileSync(file, 'utf8');
	const tag = /<meta\s[^>]*http-equiv=["']?content-security-policy["']?[^>]*>/i.exec(html)?.[0];
	const policy = tag ? (/\scontent="([^"]*)"/i.exec(tag)?.[1] ?? null) : null;
	pagePolicies.set(file, { mtimeMs, policy });
	return policy;
}

/**
 * A request's target as a URL whose path has every run of slashes made one. Parsed against a base,
 * `//convolution` would name a host; and `/.//convolution` parses to `//convolution`, which as a
 * redirect's Location names another host.
 * @param {string} target the request line's target, e.g. `/convolution/?k=5`
 */
export function requestUrl(target) {
	const url = new URL(
		target.startsWith('/') ? `http://localhost${target}` : '/',
		'http://localhost'
	);
	url.pathname = url.pathname.replace(/\/{2,}/g, '/');
	return url;
}

/**
 * A request handler for the static build in `root` (absolute). `lan` lists the addresses the
 * room reaches this server at, answered at /lan.json.
 * @param {string} root
 * @param {{ lan?: () => string[] }} [options]
 * @returns {(request: import('node:http').IncomingMessage, response: import('node:http').ServerResponse) => void}
 */
export function staticHandler(root, { lan = () => [] } = {}) {
	const fallback = ['404.html', '200.html', 'index.html']
		.map((name) => join(root, name))
		.find((path) => existsSync(path));
	return (request, response) => {
		for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
		const url = requestUrl(request.url ?? '/');
		if (request.method !== 'GET' && request.method !== 'HEAD') {
			response.writeHead(405, { allow: 'GET, HEAD' }).end();
			return;
		}
		const { pathname } = url;
		if (pathname === '/lan.json') {
			const body = JSON.stringify({ urls: lan() });
			response.writeHead(200, {
				'content-type': MIME['.json'],
				// the addresses change when the laptop joins another network
				'cache-control': 'no-store',
				'content-length': Buffer.byteLength(body)
			});
			response.end(request.method === 'HEAD' ? undefined : body);
			return;
		}
		// /convolution → /convolution/ (trailingSlash 'always'), as the prerendered pages expect.
		if (!pathname.endsWith('/') && !extname(pathname)) {
			const dir = fileFor(root, `${pathname}/`);
			if (dir) {
				response.writeHead(308, { location: `${pathname}/${url.search}` }).end();
				return;
			}
		}
		/** @type {string | null | undefined} */
		let file = fileFor(root, pathname);
		let status = 200;
		if (!file) {
			// A missing asset is a 404; a missing page gets the app's fallback page.
			if (extname(pathname) || !fallback) {
				response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
				return;
			}
			file = fallback;
			status = 404;
		}
		const ext = extname(file).toLowerCase();
		const { size, mtimeMs } = statSync(file);
		/** @type {Record<string, string | number>} */
		const headers = {
			'content-type': MIME[ext] ?? 'application/octet-stream',
			// Hashed assets never change; pages and the service worker must be re-checked.
			'cache-control': file.includes(`${sep}immutable${sep}`)
				? 'public, max-age=31536000, immutable'
				: 'no-cache'
		};
		if (ext === '.html') {
			const policy = pagePolicy(file, mtimeMs);
			if (policy) headers['content-security-policy'] = policy;
		}
		const compressible = COMPRESSIBLE.has(ext) && size >= MIN_COMPRESS_BYTES;
		if (compressible) headers.vary = 'accept-encoding';
		const encoding = compressible ? chooseEncoding(request.headers['accept-encoding']) : null;
		if (encoding) {
			const path = file;
			compressedFile(path, encoding, mtimeMs).then(
				(body) => {
					response.writeHead(status, {
						...headers,
						'content-encoding': encoding,
						'content-length': body.length
					});
					response.end(request.method === 'HEAD' ? undefined : body);
				},
				() => response.writeHead(500).end()
			);
			return;
		}
		response.writeHead(status, { ...headers, 'content-length': size });
		if (request.method === 'HEAD') response.end();
		else createReadStream(file).pipe(response);
	};
}

const USAGE = 'npm run serve:lan -- [--port 4173] [--host 0.0.0.0] [--dir build] [--room]';

/**
 * The command line's options: `--port 8080` or `--port=8080`, likewise --host and --dir; `--room`
 * alone. Throws a message naming the argument at fault.
 * @param {string[]} argv
 */
export function parseArgs(argv) {
	const options = { port: 4173, host: '0.0.0.0', dir: 'build', room: false };
	for (let i = 0; i < argv.length; i++) {
		const argument = argv[i];
		if (argument === '--room') {
			options.room = true;
			continue;
		}
		const [flag, inline] = argument.split('=', 2);
		if (flag !== '--port' && flag !== '--host' && flag !== '--dir')
			throw new Error(`unknown option ${argument} (use ${USAGE})`);
		const value = inline ?? argv[++i];
		if (value === undefined || value === '') throw new Error(`${flag} needs a value (${USAGE})`);
		if (flag === '--port') options.port = Number(value);
		else if (flag === '--host') options.host = value;
		else options.dir = value;
	}
	if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535)
		throw new Error(`--port must be an integer 0–65535`);
	return options;
}

/**
 * What to say when the server cannot listen, instead of Node's stack trace.
 * @param {NodeJS.ErrnoException} error
 * @param {{ port: number; host: string }} options
 */
export function listenError(error, { port, host }) {
	if (error.code === 'EADDRINUSE')
		return `Port ${port} is already in use (another serve:lan or preview running?). Stop it, or pick another port: npm run serve:lan -- --port ${port + 1}`;
	if (error.code === 'EACCES')
		return `Not allowed to listen on port ${port}: ports below 1024 need administrator rights. Pick another: npm run serve:lan -- --port 4173`;
	if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND')
		return `This computer has no address ${host}: leave out --host to serve on every network.`;
	return `Could not start the server: ${error.message}`;
}

async function main() {
	const options = parseArgs(process.argv.slice(2));
	const root = resolve(options.dir);
	if (!existsSync(join(root, 'index.html'))) {
		console.log(`No build in ${root}: running npm run build…`);
		const built = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
		if (built.status !== 0) process.exit(built.status ?? 1);
	}
	const everywhere = options.host === '0.0.0.0' || options.host === '::';
	/** @type {number} */
	let port = options.port;
	const lan = () => (everywhere ? lanUrls(networkInterfaces(), port) : []);
	const statics = staticHandler(root, { lan });
	// Room mode: its state lives in this process only, and goes when it stops.
	const room = options.room ? roomHandler(createRoom()) : null;
	const server = createServer((request, response) => {
		if (room) {
			for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
			if (room(request, response)) return;
		}
		statics(request, response);
	});
	server.on('error', (error) => {
		console.error(listenError(error, options));
		process.exit(1);
	});
	server.listen(options.port, options.host, () => {
		const address = server.address();
		port = typeof address === 'object' && address ? address.port : options.port;
		const local = `http://${everywhere ? '127.0.0.1' : options.host}:${port}/`;
		const urls = lan();
		console.log(`ConvLab is served from ${root}`);
		console.log(`  on this laptop:  ${local}`);
		for (const url of urls) console.log(`  on the network:  ${url}`);
		if (everywhere && urls.length === 0)
			console.log('  (no network address found: join a wifi or start a hotspot, then restart)');
		let shared = urls[0] ?? local;
		if (options.room) {
			shared = new URL('room/join/', shared).href;
			console.log(`\nRoom mode: open ${local}room/ on this laptop (the projector);`);
			console.log(`  participants answer at ${shared}`);
		}
		console.log(`\nScan to open ${shared}\n`);
		console.log(terminalQr(generate(shared, { minCorrectionLevel: correction.M })));
		console.log('\nPress Ctrl+C to stop.');
	});
	const stop = () => server.close(() => process.exit(0));
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	main().catch((error) => {
		console.error(error instanceof Error ? error.message : error);
		process.exit(1);
	});
}
