/**
 * scripts/serve-lan.mjs: started for real on 127.0.0.1 with a random port (the LAN addresses
 * it prints are never requested), serving a small build-shaped folder.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { correction, generate } from 'lean-qr';
import { chooseEncoding, fileFor, lanUrls, terminalQr } from '../../../scripts/serve-lan.mjs';

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

describe('terminal QR code', () => {
	it('draws two module rows per line, light modules as blocks, with a quiet zone', () => {
		const code = generate('http://192.168.1.23:4173/');
		const text: string = terminalQr(code, 2);
		const lines = text.split('\n');
		const side = code.size + 4;
		expect(lines).toHaveLength(Math.ceil(side / 2));
		for (const line of lines) {
			expect([...line]).toHaveLength(side);
			expect(line).toMatch(/^[█▀▄ ]+$/);
		}
		// the quiet zone is light all round: a full block line on top, full blocks at each end
		expect(lines[0]).toBe('█'.repeat(side));
		// row 2 (lines[1] top half) is the finder's dark top edge from column 2 to 8
		for (let x = 0; x < code.size; x++) {
			const top = !code.get(x, 0);
			const bottom = !code.get(x, 1);
			const expected = top && bottom ? '█' : top ? '▀' : bottom ? '▄' : ' ';
			expect([...lines[1]][x + 2]).toBe(expected);
		}
	});
});

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
		writeFileSync(join(dir, 'convolution', 'index.html'), '<!doctype html><title>conv</title>');
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
		const qrLines = output.split('\n').filter((line) => /^[█▀▄ ]{21,}$/.test(line));
		expect(qrLines.length).toBeGreaterThanOrEqual(11);
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
});
