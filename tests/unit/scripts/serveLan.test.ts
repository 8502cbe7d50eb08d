/**
 * scripts/serve-lan.mjs: started for real on 127.0.0.1 with a random port (the LAN addresses
 * it prints are never requested), serving a small build-shaped folder.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { correction, generate } from 'lean-qr';
import {
	chooseEncoding,
	DARK_ON_LIGHT,
	fileFor,
	lanUrls,
	listenError,
	parseArgs,
	RESET,
	requestUrl,
	staticHandler,
	terminalQr
} from '../../../scripts/serve-lan.mjs';

/** A raw GET (or HEAD): status, headers and the body's bytes as sent, not decompressed. */
function raw(origin: string, path: string, headers: Record<string, string> = {}, method = 'GET') {
	return new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>(
		(resolve, reject) => {
			const url = new URL(origin);
			request({ host: url.hostname, port: url.port, path, headers, method }, (response) => {
				const chunks: Buffer[] = [];
				response.on('data', (chunk) => chunks.push(chunk));
				response.on('end', () =>
					resolve({
						status: response.statusCode ?? 0,
						headers: response.headers,
						body: Buffer.concat(chunks)
					})
				);
			})
				.on('error', reject)
				.end();
		}
	);
}

describe('Accept-Encoding', () => {
	it('prefers brotli, then gzip; q=0 refuses one; * stands for the others', () => {
		expect(chooseEncoding('gzip, deflate, br, zstd')).toBe('br');
		expect(chooseEncoding('gzip, deflate')).toBe('gzip');
		expect(chooseEncoding('br;q=0, gzip;q=0.5')).toBe('gzip');
		expect(chooseEncoding('br;q=0, gzip;q=0')).toBeNull();
		expect(chooseEncoding('*')).toBe('br');
		expect(chooseEncoding('identity')).toBeNull();
		expect(chooseEncoding(undefined)).toBeNull();
		expect(chooseEncoding('')).toBeNull();
	});
});

describe('LAN addresses', () => {
	it('lists every external IPv4 address, never loopback or IPv6', () => {
		const interfaces = {
			lo: [
				{ address: '127.0.0.1', family: 'IPv4', internal: true },
				{ address: '::1', family: 'IPv6', internal: true }
			],
			wlan0: [
				{ address: '192.168.1.23', family: 'IPv4', internal: false },
				{ address: 'fe80::1', family: 'IPv6', internal: false }
			],
			eth0: [{ address: '10.0.0.5', family: 4, internal: false }],
			down: undefined
		};
		expect(lanUrls(interfaces, 4173)).toEqual([
			'http://192.168.1.23:4173/',
			'http://10.0.0.5:4173/'
		]);
		expect(lanUrls({ lo: interfaces.lo }, 80)).toEqual([]);
	});
});

/** The terminal text with its colour escapes taken out. */
const plain = (text: string) => text.replaceAll(DARK_ON_LIGHT, '').replaceAll(RESET, '');

describe('terminal QR code', () => {
	it('prints dark modules in black on white, two module rows per line, with a 4-module quiet zone', () => {
		const code = generate('http://192.168.1.23:4173/');
		const text: string = terminalQr(code);
		const lines = text.split('\n');
		const side = code.size + 8;
		expect(lines).toHaveLength(Math.ceil(side / 2));
		for (const line of lines) {
			// each line sets black on white itself and resets after, whatever the terminal's colours
			expect(line.startsWith(DARK_ON_LIGHT)).toBe(true);
			expect(line.endsWith(RESET)).toBe(true);
			expect([...plain(line)]).toHaveLength(side);
			expect(plain(line)).toMatch(/^[█▀▄ ]+$/);
		}
		// the quiet zone is light (blank) all round: two blank lines on top, four blanks at each end
		expect(plain(lines[0])).toBe(' '.repeat(side));
		expect(plain(lines[1])).toBe(' '.repeat(side));
		for (const line of lines) {
			expect(plain(line).slice(0, 4)).toBe('    ');
			expect(plain(line).slice(-4)).toBe('    ');
		}
		// line 2 holds module rows 0 and 1: a dark module prints as ink
		for (let x = 0; x < code.size; x++) {
			const top = code.get(x, 0);
			const bottom = code.get(x, 1);
			const expected = top && bottom ? '█' : top ? '▀' : bottom ? '▄' : ' ';
			expect([...plain(lines[2])][x + 4]).toBe(expected);
		}
		// the finder pattern's rows 0 and 1 are ■■■■■■■ and ■□□□□□■
		expect(plain(lines[2]).slice(4, 11)).toBe('█▀▀▀▀▀█');
	});
});

describe('command line', () => {
	it('reads --port, --host and --dir, with a space or an =', () => {
		expect(parseArgs([])).toEqual({ port: 4173, host: '0.0.0.0', dir: 'build', room: false });
		expect(parseArgs(['--port', '8080', '--host=127.0.0.1', '--dir', 'out'])).toEqual({
			port: 8080,
			host: '127.0.0.1',
			dir: 'out',
			room: false
		});
		expect(parseArgs(['--room', '--port', '8080']).room).toBe(true);
	});

	it.each([
		[['--prot', '8080'], /^unknown option --prot \(use npm run serve:lan -- /],
		[['--port', '8080', '--verbose'], /^unknown option --verbose /],
		[['-p=9'], /^unknown option -p=9 /],
		[['--port'], /^--port needs a value/],
		[['--port', 'x'], /^--port must be an integer/]
	])('%j is refused, naming the argument at fault', (argv, message) => {
		expect(() => parseArgs(argv)).toThrow(message);
	});

	it('says plainly when the port is taken, not a stack trace', () => {
		const busy = Object.assign(new Error('listen EADDRINUSE: address already in use'), {
			code: 'EADDRINUSE'
		});
		expect(listenError(busy, { port: 4173, host: '0.0.0.0' })).toBe(
			'Port 4173 is already in use (another serve:lan or preview running?). Stop it, or pick another port: npm run serve:lan -- --port 4174'
		);
	});
});

describe('request paths', () => {
	it.each([
		['/.//convolution?k=5', '/convolution'],
		['//evil.example/', '/evil.example/'],
		['/a///b//', '/a/b/'],
		['/convolution/?k=5', '/convolution/'],
		['http://evil.example/x', '/']
	])('%s → %s', (path, expected) => {
		expect(requestUrl(path).pathname).toBe(expected);
		expect(requestUrl(path).host).toBe('localhost');
	});
});

const PAGE_POLICY = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-abc='";

describe('serve:lan', () => {
	const script = Array.from({ length: 300 }, (_, i) => `export const v${i} = ${i} * 2;`).join('\n');
	let dir: string;
	let server: ChildProcess;
	let output = '';
	let origin = '';

	beforeAll(async () => {
		dir = mkdtempSync(join(tmpdir(), 'convlab-serve-'));
		mkdirSync(join(dir, 'convolution'));
		mkdirSync(join(dir, '_app', 'immutable', 'assets'), { recursive: true });
		writeFileSync(join(dir, 'index.html'), '<!doctype html><title>home</title>');
		writeFileSync(
			join(dir, 'convolution', 'index.html'),
			`<!doctype html><meta http-equiv="content-security-policy" content="${PAGE_POLICY}"><title>conv</title>`
		);
		writeFileSync(join(dir, '404.html'), '<!doctype html><title>fallback</title>');
		writeFileSync(
			join(dir, '_app', 'immutable', 'assets', 'tfjs-backend-wasm-simd.abc.wasm'),
			Buffer.from([0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0])
		);
		mkdirSync(join(dir, '_app', 'immutable', 'chunks'), { recursive: true });
		writeFileSync(join(dir, '_app', 'immutable', 'chunks', 'big.js'), script);
		writeFileSync(join(dir, '_app', 'immutable', 'chunks', 'tiny.js'), 'export {};\n');
		writeFileSync(join(dir, 'photo.png'), Buffer.alloc(4096, 7));
		writeFileSync(join(tmpdir(), 'convlab-secret.txt'), 'secret');
		server = spawn(
			process.execPath,
			['scripts/serve-lan.mjs', '--host', '127.0.0.1', '--port', '0', '--dir', dir],
			{ stdio: ['ignore', 'pipe', 'pipe'] }
		);
		server.stdout?.on('data', (chunk) => (output += chunk));
		server.stderr?.on('data', (chunk) => (output += chunk));
		const deadline = Date.now() + 10_000;
		while (!/Press Ctrl\+C/.test(output)) {
			if (Date.now() > deadline) throw new Error(`server did not start:\n${output}`);
			await new Promise((resolve) => setTimeout(resolve, 50));
		}
		origin = /on this laptop:\s+(http:\/\/127\.0\.0\.1:\d+)\//.exec(output)?.[1] ?? '';
	});

	afterAll(() => {
		server?.kill('SIGTERM');
		rmSync(dir, { recursive: true, force: true });
		rmSync(join(tmpdir(), 'convlab-secret.txt'), { force: true });
	});

	it('prints its address and a QR code block of it', () => {
		expect(origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		expect(output).toContain(`Scan to open ${origin}/`);
		const qrLines = output.split('\n').filter((line) => /^[█▀▄ ]{21,}$/.test(plain(line)));
		expect(qrLines.length).toBeGreaterThanOrEqual(11);
		expect(qrLines.every((line) => line.startsWith(DARK_ON_LIGHT))).toBe(true);
		const expected = terminalQr(generate(`${origin}/`, { minCorrectionLevel: correction.M }));
		expect(output).toContain(expected.split('\n')[3]);
	});

	it('serves pages, with the trailing slash the prerendered pages use', async () => {
		const home = await fetch(`${origin}/`);
		expect(home.status).toBe(200);
		expect(home.headers.get('content-type')).toBe('text/html; charset=utf-8');
		expect(await home.text()).toContain('<title>home</title>');
		const lab = await fetch(`${origin}/convolution/?k=5`);
		expect(await lab.text()).toContain('<title>conv</title>');
		const bare = await fetch(`${origin}/convolution?k=5`, { redirect: 'manual' });
		expect(bare.status).toBe(308);
		expect(bare.headers.get('location')).toBe('/convolution/?k=5');
	});

	it('sends .wasm as application/wasm, byte for byte', async () => {
		const response = await fetch(`${origin}/_app/immutable/assets/tfjs-backend-wasm-simd.abc.wasm`);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/wasm');
		expect(response.headers.get('cache-control')).toContain('immutable');
		expect([...new Uint8Array(await response.arrayBuffer())]).toEqual([
			0, 0x61, 0x73, 0x6d, 1, 0, 0, 0
		]);
	});

	it('compresses text with brotli or gzip as the browser accepts, the same bytes once decoded', async () => {
		const path = '/_app/immutable/chunks/big.js';
		const br = await raw(origin, path, { 'accept-encoding': 'gzip, deflate, br' });
		expect(br.headers['content-encoding']).toBe('br');
		expect(br.headers.vary).toBe('accept-encoding');
		expect(Number(br.headers['content-length'])).toBe(br.body.length);
		expect(br.body.length).toBeLessThan(script.length / 3);
		expect(brotliDecompressSync(br.body).toString()).toBe(script);
		const gz = await raw(origin, path, { 'accept-encoding': 'gzip' });
		expect(gz.headers['content-encoding']).toBe('gzip');
		expect(gunzipSync(gz.body).toString()).toBe(script);
		// the second answer comes from memory and is the same
		const again = await raw(origin, path, { 'accept-encoding': 'br' });
		expect(again.body.equals(br.body)).toBe(true);
		const plain = await raw(origin, path);
		expect(plain.headers['content-encoding']).toBeUndefined();
		expect(plain.body.toString()).toBe(script);
		const head = await raw(origin, path, { 'accept-encoding': 'br' }, 'HEAD');
		expect(head.headers['content-length']).toBe(String(br.body.length));
		expect(head.body.length).toBe(0);
	});

	it('leaves images and tiny files as they are', async () => {
		const png = await raw(origin, '/photo.png', { 'accept-encoding': 'br, gzip' });
		expect(png.headers['content-encoding']).toBeUndefined();
		expect(png.body.length).toBe(4096);
		const tiny = await raw(origin, '/_app/immutable/chunks/tiny.js', { 'accept-encoding': 'br' });
		expect(tiny.headers['content-encoding']).toBeUndefined();
		expect(tiny.body.toString()).toBe('export {};\n');
	});

	it('answers an unknown page with the fallback page and a missing file with 404', async () => {
		const page = await fetch(`${origin}/no-such-lab/`);
		expect(page.status).toBe(404);
		expect(await page.text()).toContain('<title>fallback</title>');
		const asset = await fetch(`${origin}/_app/immutable/missing.js`);
		expect(asset.status).toBe(404);
		expect(await asset.text()).toBe('Not found');
	});

	it('never serves a file outside its folder', async () => {
		// fetch() would normalize the dots away; send the raw path
		const status = await new Promise<number>((resolve, reject) => {
			const url = new URL(origin);
			request(
				{ host: url.hostname, port: url.port, path: '/%2e%2e/convlab-secret.txt' },
				(response) => {
					response.resume();
					resolve(response.statusCode ?? 0);
				}
			)
				.on('error', reject)
				.end();
		});
		expect(status).toBe(404);
		expect(fileFor(dir, '/../convlab-secret.txt')).toBeNull();
		expect(fileFor(dir, '/%2e%2e/convlab-secret.txt')).toBeNull();
		expect(fileFor(dir, '/convolution/')).toBe(join(dir, 'convolution', 'index.html'));
	});

	it('redirects to a path with one leading slash, never to another host', async () => {
		for (const path of ['/.//convolution', '//convolution', '/./convolution']) {
			const response = await raw(origin, `${path}?k=5`);
			expect(response.status, path).toBe(308);
			expect(response.headers.location, path).toBe('/convolution/?k=5');
		}
	});

	it('sends nosniff, a referrer policy, and each page its own meta CSP as a header', async () => {
		for (const path of ['/', '/convolution/', '/photo.png', '/no-such-lab/', '/missing.js']) {
			const response = await raw(origin, path);
			expect(response.headers['x-content-type-options'], path).toBe('nosniff');
			expect(response.headers['referrer-policy'], path).toBe('no-referrer');
		}
		const page = await raw(origin, '/convolution/');
		expect(page.headers['content-security-policy']).toBe(PAGE_POLICY);
		const png = await raw(origin, '/photo.png');
		expect(png.headers['content-security-policy']).toBeUndefined();
	});

	it('answers /lan.json, never cached: no LAN address when it listens on loopback only', async () => {
		const response = await raw(origin, '/lan.json');
		expect(response.status).toBe(200);
		expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
		expect(response.headers['cache-control']).toBe('no-store');
		expect(JSON.parse(response.body.toString())).toEqual({ urls: [] });
	});

	it('says plainly that the port is taken, with no stack trace', async () => {
		const port = new URL(origin).port;
		const second = spawn(
			process.execPath,
			['scripts/serve-lan.mjs', '--host', '127.0.0.1', '--port', port, '--dir', dir],
			{ stdio: ['ignore', 'pipe', 'pipe'] }
		);
		let text = '';
		second.stdout?.on('data', (chunk) => (text += chunk));
		second.stderr?.on('data', (chunk) => (text += chunk));
		const code = await new Promise((resolve) => second.on('exit', resolve));
		expect(code).toBe(1);
		expect(text).toContain(`Port ${port} is already in use`);
		expect(text).not.toMatch(/EADDRINUSE|\n\s+at /);
	});
});

describe('/lan.json', () => {
	it('lists the addresses the handler is given, read afresh on each request', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'convlab-lan-'));
		writeFileSync(join(dir, 'index.html'), '<!doctype html>');
		let urls = ['http://192.168.1.23:4173/'];
		const server = createServer(staticHandler(dir, { lan: () => urls }));
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const address = server.address() as AddressInfo;
		const origin = `http://127.0.0.1:${address.port}`;
		try {
			expect(await (await fetch(`${origin}/lan.json`)).json()).toEqual({
				urls: ['http://192.168.1.23:4173/']
			});
			urls = ['http://10.0.0.5:4173/', 'http://192.168.1.23:4173/'];
			expect(await (await fetch(`${origin}/lan.json`)).json()).toEqual({ urls });
		} finally {
			server.close();
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
