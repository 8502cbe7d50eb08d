/**
 * Room mode's server (scripts/room-state.mjs, scripts/room-server.mjs): what it accepts from a
 * participant (a known choice id, a finite number in range — nothing else), the tally against
 * hand-counted values, and its bounds (answer rate, participants, body size), over real HTTP on
 * loopback with 30 simulated participants.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
	acceptsAnswer,
	createRoom,
	tally,
	tallyEdges,
	validateQuestion
} from '../../../scripts/room-state.mjs';
import { roomHandler } from '../../../scripts/room-server.mjs';
import { staticHandler } from '../../../scripts/serve-lan.mjs';

const CHOICE = {
	id: 'normalize-sigma',
	prompt: 'Divide every pixel by σ: does gradient descent converge faster, slower or the same?',
	kind: 'choice',
	choices: [
		{ id: 'faster', label: 'Faster' },
		{ id: 'slower', label: 'Slower' },
		{ id: 'same', label: 'The same' }
	]
} as const;
const NUMBER = {
	id: 'conv-output-size',
	prompt: '32×32 image, 5×5 kernel, stride 1, no padding: output width?',
	kind: 'number',
	min: 0,
	max: 64,
	step: 1
} as const;

interface Reply {
	status: number;
	headers: Record<string, unknown>;
	text: string;
	json: Record<string, unknown> | null;
}

/** One raw HTTP request (fetch would not let a test set Host or send a body in chunks). */
function call(
	origin: string,
	method: string,
	path: string,
	{
		headers = {},
		body,
		chunks
	}: { headers?: Record<string, string>; body?: unknown; chunks?: string[] } = {}
): Promise<Reply> {
	return new Promise((resolve, reject) => {
		const url = new URL(origin);
		const text =
			body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
		const all: Record<string, string | number> = { ...headers };
		if (text !== undefined) {
			all['content-type'] ??= 'application/json';
			all['content-length'] = Buffer.byteLength(text);
		} else if (chunks) all['content-type'] ??= 'application/json';
		const req = request(
			{ host: url.hostname, port: url.port, path, method, headers: all },
			(res) => {
				const parts: Buffer[] = [];
				res.on('data', (chunk) => parts.push(chunk));
				res.on('end', () => {
					const reply = Buffer.concat(parts).toString('utf8');
					let json = null;
					try {
						json = JSON.parse(reply);
					} catch {
						// not JSON
					}
					resolve({ status: res.statusCode ?? 0, headers: res.headers, text: reply, json });
				});
			}
		);
		req.on('error', reject);
		if (chunks) for (const chunk of chunks) req.write(chunk);
		req.end(text);
	});
}

/** A room server on a free loopback port: the room handler, and a plain 404 for anything else. */
async function startRoom(options: Parameters<typeof createRoom>[0] = {}) {
	const room = createRoom(options);
	const handler = roomHandler(room, { instructorToken: 'instructor-secret-token' });
	const server: Server = createServer((req, res) => {
		if (!handler(req, res)) res.writeHead(404).end();
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	const instructor = { 'x-room-instructor': 'instructor-secret-token' };
	return {
		room,
		origin,
		instructor,
		present: (question: unknown) =>
			call(origin, 'POST', '/room/api/question', { headers: instructor, body: question }),
		join: async () => {
			const reply = await call(origin, 'POST', '/room/api/join');
			return reply.json?.participant as string;
		},
		answer: (participant: string, questionId: unknown, value: unknown) =>
			call(origin, 'POST', '/room/api/answer', {
				headers: { 'x-room-participant': participant },
				body: { questionId, value }
			}),
		state: async () => (await call(origin, 'GET', '/room/api/state')).json,
		stop: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}

describe('what the room accepts', () => {
	it.each([
		['a question that is not an object', null, /JSON object/],
		['an id with capitals', { ...CHOICE, id: 'Normalize' }, /^id/],
		['an id with HTML', { ...CHOICE, id: '<b>x</b>' }, /^id/],
		['no prompt', { ...CHOICE, prompt: '  ' }, /^prompt/],
		['a prompt of 301 characters', { ...CHOICE, prompt: 'x'.repeat(301) }, /^prompt/],
		['a control character', { ...CHOICE, prompt: 'a\u0007b' }, /^prompt/],
		['one choice', { ...CHOICE, choices: [CHOICE.choices[0]] }, /^choices/],
		[
			'nine choices',
			{ ...CHOICE, choices: Array.from({ length: 9 }, (_, i) => ({ id: `c${i}`, label: 'x' })) },
			/^choices/
		],
		[
			'a repeated choice id',
			{ ...CHOICE, choices: [CHOICE.choices[0], CHOICE.choices[0]] },
			/^choice ids/
		],
		[
			'a choice id with a space',
			{ ...CHOICE, choices: [{ id: 'a b', label: 'x' }, CHOICE.choices[1]] },
			/^choice ids/
		],
		[
			'an empty label',
			{ ...CHOICE, choices: [{ id: 'a', label: '' }, CHOICE.choices[1]] },
			/^choice labels/
		],
		['a lab link off the app', { ...CHOICE, lab: 'https://example.com/' }, /^lab/],
		['a javascript: lab link', { ...CHOICE, lab: 'javascript:alert(1)' }, /^lab/],
		['min = max', { ...NUMBER, min: 3, max: 3 }, /^min < max/],
		['an infinite max', { ...NUMBER, max: Infinity }, /^min < max/],
		['a numeric string', { ...NUMBER, min: '0' }, /^min < max/],
		['a step of 0', { ...NUMBER, step: 0 }, /^step/],
		['another kind', { ...NUMBER, kind: 'text' }, /^kind/]
	])('refuses %s', (_, question, message) => {
		const checked = validateQuestion(question);
		expect(checked.question).toBeUndefined();
		expect(checked.error).toMatch(message);
	});

	it('keeps a valid question, and only its known fields', () => {
		const checked = validateQuestion({ ...CHOICE, lab: '/normalization/?lr=0.5', extra: '<b>' });
		expect(checked.question).toEqual({ ...CHOICE, lab: '/normalization/?lr=0.5' });
		expect(validateQuestion({ ...NUMBER, unit: 'px' }).question).toEqual({ ...NUMBER, unit: 'px' });
	});

	const choice = validateQuestion(CHOICE).question!;
	const number = validateQuestion(NUMBER).question!;
	it.each([
		[choice, 'same', true],
		[choice, 'faster', true],
		[choice, 'Same', false],
		[choice, 'none', false],
		[choice, '<img src=x onerror=alert(1)>', false],
		[choice, 1, false],
		[choice, null, false],
		[choice, ['same'], false],
		[number, 28, true],
		[number, 0, true],
		[number, 64, true],
		[number, 28.5, true],
		[number, -1, false],
		[number, 64.01, false],
		[number, NaN, false],
		[number, Infinity, false],
		[number, '28', false],
		[number, true, false],
		[number, null, false],
		[number, { value: 28 }, false]
	])('%#: %o accepts %o: %s', (question, value, accepted) => {
		expect(acceptsAnswer(question, value)).toBe(accepted);
	});
});

describe('the tally', () => {
	it('counts choices in the question order', () => {
		const question = validateQuestion(CHOICE).question!;
		expect(tally(question, ['same', 'faster', 'same', 'same'])).toEqual({
			kind: 'choice',
			answered: 4,
			counts: [
				{ id: 'faster', count: 1 },
				{ id: 'slower', count: 0 },
				{ id: 'same', count: 3 }
			]
		});
	});

	it('bins a small integer range one bin per value, with mean and population std', () => {
		const question = validateQuestion({ ...NUMBER, min: 0, max: 4 }).question!;
		expect(tallyEdges(question as never)).toEqual([-0.5, 0.5, 1.5, 2.5, 3.5, 4.5]);
		const result = tally(question, [0, 2, 2, 4]);
		// mean (0 + 2 + 2 + 4) / 4 = 2; variance (4 + 0 + 0 + 4) / 4 = 2
		expect(result).toEqual({
			kind: 'number',
			answered: 4,
			edges: [-0.5, 0.5, 1.5, 2.5, 3.5, 4.5],
			counts: [1, 0, 2, 0, 1],
			mean: 2,
			std: Math.SQRT2,
			min: 0,
			max: 4
		});
	});

	it('bins a wide range in 10 equal bins, an inner edge going up and the maximum in the last', () => {
		const question = validateQuestion({ ...NUMBER, min: 0, max: 100, step: undefined }).question!;
		const result = tally(question, [0, 9.99, 10, 55, 100]);
		expect(result.kind === 'number' && result.edges).toEqual([
			0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100
		]);
		expect(result.kind === 'number' && result.counts).toEqual([2, 1, 0, 0, 0, 1, 0, 0, 0, 1]);
	});

	it('an empty tally has no statistics', () => {
		const result = tally(validateQuestion(NUMBER).question!, []);
		expect(result).toMatchObject({ answered: 0, mean: null, std: null, min: null, max: null });
	});
});

describe('the room on loopback', () => {
	let server: Awaited<ReturnType<typeof startRoom>>;
	/** the room's clock: a test moves it on to refill a participant's answer allowance */
	let clock = 0;
	beforeAll(async () => {
		server = await startRoom({ perAddress: Infinity, now: () => clock });
	});
	afterAll(() => server.stop());

	it('30 participants answer; the tally is their answers, the last of each; reveal closes it', async () => {
		expect((await server.present(CHOICE)).status).toBe(200);
		const people = await Promise.all(Array.from({ length: 30 }, () => server.join()));
		expect(new Set(people).size).toBe(30);
		expect(people.every((p) => /^[A-Za-z0-9_-]{22}$/.test(p))).toBe(true);
		const pick = ['faster', 'slower', 'same'];
		const replies = await Promise.all(
			people.map((p, i) => server.answer(p, CHOICE.id, pick[i % 3]))
		);
		expect(replies.map((r) => r.status)).toEqual(new Array(30).fill(200));
		// participants 0, 3, 6 change their minds: last one wins
		for (const i of [0, 3, 6])
			expect((await server.answer(people[i], CHOICE.id, 'same')).status).toBe(200);
		let state = await server.state();
		expect(state?.participants).toBe(30);
		// by hand: 10 each, then three move from faster to same
		expect(state?.tally).toEqual({
			kind: 'choice',
			answered: 30,
			counts: [
				{ id: 'faster', count: 7 },
				{ id: 'slower', count: 10 },
				{ id: 'same', count: 13 }
			]
		});

		const reveal = await call(server.origin, 'POST', '/room/api/reveal', {
			headers: server.instructor,
			body: { questionId: CHOICE.id, measured: 'same' }
		});
		expect(reveal.status).toBe(200);
		state = await server.state();
		expect(state).toMatchObject({ revealed: true, measured: 'same' });
		const late = await server.answer(people[1], CHOICE.id, 'faster');
		expect(late.status).toBe(409);
		expect((await server.state())?.tally).toEqual(state?.tally);
	});

	it('refuses bad ids, numbers out of range, NaN and ∞, stale questions and strangers', async () => {
		await server.present(NUMBER);
		const p = await server.join();
		const refused: [unknown, unknown, number][] = [
			[NUMBER.id, -1, 400],
			[NUMBER.id, 65, 400],
			[NUMBER.id, '28', 400],
			[NUMBER.id, 'NaN', 400],
			[NUMBER.id, null, 400],
			[NUMBER.id, [28], 400],
			[CHOICE.id, 28, 409]
		];
		for (const [questionId, value, status] of refused) {
			clock += 1000;
			expect((await server.answer(p, questionId, value)).status, `${questionId} ${value}`).toBe(
				status
			);
		}
		clock += 10_000;
		// JSON has no NaN; 1e999 parses to Infinity
		const headers = { 'x-room-participant': p };
		const nan = await call(server.origin, 'POST', '/room/api/answer', {
			headers,
			body: `{"questionId":"${NUMBER.id}","value":NaN}`
		});
		expect(nan.status).toBe(400);
		const infinite = await call(server.origin, 'POST', '/room/api/answer', {
			headers,
			body: `{"questionId":"${NUMBER.id}","value":1e999}`
		});
		expect(infinite.status).toBe(400);
		const stranger = await server.answer('A'.repeat(22), NUMBER.id, 28);
		expect(stranger.status).toBe(401);
		const noHeader = await call(server.origin, 'POST', '/room/api/answer', {
			body: { questionId: NUMBER.id, value: 28 }
		});
		expect(noHeader.status).toBe(401);
		const form = await call(server.origin, 'POST', '/room/api/answer', {
			headers: { ...headers, 'content-type': 'text/plain' },
			body: JSON.stringify({ questionId: NUMBER.id, value: 28 })
		});
		expect(form.status).toBe(415);
		expect((await server.state())?.tally).toMatchObject({ answered: 0 });
	});

	it('never echoes HTML sent to it', async () => {
		await server.present(CHOICE);
		const p = await server.join();
		const html = '<img src=x onerror=alert(1)>';
		const replies = [
			await server.answer(p, CHOICE.id, html),
			await server.answer(p, html, 'same'),
			await call(server.origin, 'POST', '/room/api/answer', {
				headers: { 'x-room-participant': p },
				body: `{"questionId":"${html}"`
			}),
			await call(server.origin, 'POST', '/room/api/question', {
				headers: server.instructor,
				body: { ...CHOICE, id: html }
			}),
			await call(server.origin, 'GET', `/room/api/${encodeURIComponent(html)}`)
		];
		for (const reply of replies) {
			expect(reply.status).toBeGreaterThanOrEqual(400);
			expect(reply.headers['content-type']).toMatch(/^application\/json/);
			expect(reply.text).not.toMatch(/[<>]/);
		}
		expect(JSON.stringify(await server.state())).not.toContain('<img');
	});

	it('a flood of answers from one participant is cut to its allowance and counted once', async () => {
		let floodClock = 0;
		const flood = await startRoom({ now: () => floodClock });
		try {
			await flood.present(CHOICE);
			const p = await flood.join();
			const replies = await Promise.all(
				Array.from({ length: 40 }, (_, i) => flood.answer(p, CHOICE.id, i % 2 ? 'same' : 'slower'))
			);
			const statuses = replies.map((r) => r.status);
			// the burst of 5, then 429 with Retry-After
			expect(statuses.filter((s) => s === 200)).toHaveLength(5);
			expect(statuses.filter((s) => s === 429)).toHaveLength(35);
			expect(replies.find((r) => r.status === 429)?.headers['retry-after']).toBe('1');
			expect((await flood.state())?.tally).toMatchObject({ answered: 1 });
			floodClock += 1000; // one more answer a second
			expect((await flood.answer(p, CHOICE.id, 'faster')).status).toBe(200);
			expect((await flood.answer(p, CHOICE.id, 'faster')).status).toBe(429);
		} finally {
			await flood.stop();
		}
	});

	it('admits 200 participants; the 201st is told the room is full', async () => {
		const full = await startRoom({ perAddress: Infinity });
		try {
			for (let i = 0; i < 200; i++) expect(await full.join()).toMatch(/^[A-Za-z0-9_-]{22}$/);
			const extra = await call(full.origin, 'POST', '/room/api/join');
			expect(extra.status).toBe(503);
			expect(extra.json).toEqual({ error: 'The room is full.' });
			expect((await full.state())?.participants).toBe(200);
		} finally {
			await full.stop();
		}
	});

	it('one device (address) opens at most 8 participants', async () => {
		const room = await startRoom();
		try {
			for (let i = 0; i < 8; i++)
				expect((await call(room.origin, 'POST', '/room/api/join')).status).toBe(201);
			expect((await call(room.origin, 'POST', '/room/api/join')).status).toBe(429);
		} finally {
			await room.stop();
		}
	});

	it('refuses oversize bodies, declared or sent in chunks', async () => {
		const p = await server.join();
		const padded = { questionId: CHOICE.id, value: 'same', pad: 'x'.repeat(2000) };
		const declared = await call(server.origin, 'POST', '/room/api/answer', {
			headers: { 'x-room-participant': p },
			body: padded
		});
		expect(declared.status).toBe(413);
		const chunked = await call(server.origin, 'POST', '/room/api/answer', {
			headers: { 'x-room-participant': p },
			chunks: ['{"questionId":"normalize-sigma","value":"same","pad":"', 'x'.repeat(1500), '"}']
		});
		expect(chunked.status).toBe(413);
		const question = await call(server.origin, 'POST', '/room/api/question', {
			headers: server.instructor,
			body: { ...CHOICE, pad: 'x'.repeat(9000) }
		});
		expect(question.status).toBe(413);
	});

	it('only the instructor sets and reveals questions, and only the laptop learns the token', async () => {
		const anonymous = await call(server.origin, 'POST', '/room/api/question', { body: CHOICE });
		expect(anonymous.status).toBe(403);
		const wrong = await call(server.origin, 'POST', '/room/api/reveal', {
			headers: { 'x-room-instructor': 'instructor-secret-tokeX' },
			body: { questionId: CHOICE.id }
		});
		expect(wrong.status).toBe(403);
		const port = new URL(server.origin).port;
		const local = await call(server.origin, 'GET', '/room/api/instructor', {
			headers: { host: `127.0.0.1:${port}` }
		});
		expect(local.json).toEqual({ token: 'instructor-secret-token' });
		// a page on another name that resolves to this laptop (DNS rebinding) gets nothing
		const rebound = await call(server.origin, 'GET', '/room/api/instructor', {
			headers: { host: `attacker.example:${port}` }
		});
		expect(rebound.status).toBe(403);
		expect(rebound.text).not.toContain('instructor-secret-token');
		expect((await call(server.origin, 'POST', '/room/api/state')).status).toBe(405);
		expect((await call(server.origin, 'GET', '/room/api/answer')).status).toBe(405);
	});
});

describe('serve:lan -- --room', () => {
	let folder: string;
	beforeAll(() => {
		folder = mkdtempSync(join(tmpdir(), 'room-build-'));
		writeFileSync(join(folder, 'index.html'), '<!doctype html><title>ConvLab</title>');
		writeFileSync(join(folder, '404.html'), '<!doctype html><title>Not found</title>');
	});
	afterAll(() => rmSync(folder, { recursive: true, force: true }));

	/** serve-lan.mjs on a free loopback port; resolves once it listens. */
	async function serve(args: string[]) {
		const child = spawn(
			process.execPath,
			['scripts/serve-lan.mjs', '--host', '127.0.0.1', '--port', '0', '--dir', folder, ...args],
			{ stdio: ['ignore', 'pipe', 'inherit'] }
		);
		let output = '';
		child.stdout?.on('data', (chunk) => (output += chunk));
		while (!/Press Ctrl\+C/.test(output)) await new Promise((resolve) => setTimeout(resolve, 30));
		const origin = /on this laptop:\s+(http:\/\/127\.0\.0\.1:\d+)\//.exec(output)![1];
		const stop = () =>
			new Promise<void>((resolve) => {
				child.on('exit', () => resolve());
				child.kill('SIGTERM');
			});
		return { origin, output, stop };
	}

	it('without --room, /room/api/ is the 404 page, which the room UI reads as no room', async () => {
		const statics = staticHandler(folder);
		const server = createServer(statics);
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		try {
			const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
			const none = await call(origin, 'GET', '/room/api/state');
			expect(none.status).toBe(404);
			expect(none.headers['content-type']).toMatch(/^text\/html/);
			expect((await call(origin, 'POST', '/room/api/join')).status).toBe(405);
		} finally {
			await new Promise((resolve) => server.close(resolve));
		}
	});

	it('with --room, serves the room beside the app, in this process only', async () => {
		const lan = await serve(['--room']);
		try {
			expect(lan.output).toMatch(/participants answer at http:\/\/127\.0\.0\.1:\d+\/room\/join\//);
			expect((await call(lan.origin, 'GET', '/')).text).toContain('<title>ConvLab</title>');
			const token = (await call(lan.origin, 'GET', '/room/api/instructor')).json?.token as string;
			expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
			const headers = { 'x-room-instructor': token };
			const presented = await call(lan.origin, 'POST', '/room/api/question', {
				headers,
				body: CHOICE
			});
			expect(presented.status).toBe(200);
			const state = await call(lan.origin, 'GET', '/room/api/state');
			expect(state.json).toMatchObject({ question: { id: CHOICE.id }, participants: 0 });
			expect(state.headers['cache-control']).toBe('no-store');
			expect(state.headers['x-content-type-options']).toBe('nosniff');
		} finally {
			await lan.stop();
		}
	});
});
