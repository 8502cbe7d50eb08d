/**
 * The room client (src/lib/room/roomClient.ts) — the interface a lab's prediction control plugs
 * into — against the real room server on loopback: present, answer (joining on the way, and again
 * after the server forgot the participant), the tally subscription, a `convlab:revealed` event
 * revealing the room's question, and null where no room server answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRoom } from '../../../scripts/room-state.mjs';
import { roomHandler } from '../../../scripts/room-server.mjs';
import { createRoomClient, REVEALED_EVENT } from '$lib/room/roomClient';
import type { RoomQuestion, RoomTally } from '$lib/room/roomTypes';

const QUESTION: RoomQuestion = {
	id: 'rf-three-3x3',
	prompt: 'Three 3 × 3 convolutions, stride 1: receptive field?',
	kind: 'number',
	min: 1,
	max: 21,
	step: 1
};

let server: Server;
let origin: string;
let room: ReturnType<typeof createRoom>;

async function listen(handler: Parameters<typeof createServer>[1]) {
	const s = createServer(handler);
	await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
	return { s, origin: `http://127.0.0.1:${(s.address() as AddressInfo).port}` };
}

beforeAll(async () => {
	room = createRoom({ perAddress: Infinity });
	const handler = roomHandler(room);
	({ s: server, origin } = await listen((req, res) => {
		if (!handler(req, res)) res.writeHead(404, { 'content-type': 'text/html' }).end('<p>404</p>');
	}));
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Waits for `check` to hold, polling. */
async function until(check: () => boolean) {
	for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
	expect(check()).toBe(true);
}

describe('room client', () => {
	it('presents, answers, follows the tally, and a lab’s Reveal event reveals it', async () => {
		const instructor = createRoomClient({ origin, storage: null, pollMs: 20 });
		expect(await instructor.becomeInstructor()).toBe(true);
		expect(await instructor.present(QUESTION)).toEqual({ ok: true });

		const tallies: (RoomTally | null)[] = [];
		const stop = instructor.tally(QUESTION.id, (tally) => tallies.push(tally));
		const phones = Array.from({ length: 3 }, () =>
			createRoomClient({ origin, storage: null, pollMs: 20 })
		);
		expect(await phones[0].answer(QUESTION.id, 7)).toEqual({ ok: true });
		expect(await phones[1].answer(QUESTION.id, 9)).toEqual({ ok: true });
		expect(await phones[2].answer(QUESTION.id, 25)).toEqual({
			ok: false,
			status: 400,
			message: 'Not an answer this question accepts.'
		});
		await until(() => tallies.at(-1)?.answered === 2);
		const last = tallies.at(-1);
		// one bin per value 1…21: 7 and 9 land in bins 6 and 8
		expect(last?.kind === 'number' && last.counts[6]).toBe(1);
		expect(last?.kind === 'number' && last.counts[8]).toBe(1);

		// The lab's Reveal button fires convlab:revealed; the instructor's room follows it.
		const window = new EventTarget();
		const unfollow = instructor.followReveals(window);
		window.dispatchEvent(
			new CustomEvent(REVEALED_EVENT, { detail: { id: QUESTION.id, predicted: 9, measured: 7 } })
		);
		await until(() => room.state().revealed);
		expect(room.state().measured).toBe(7);
		unfollow();
		stop();
	});

	it('joins again when the server has forgotten the participant', async () => {
		const instructor = createRoomClient({ origin, storage: null });
		await instructor.present({ ...QUESTION, id: 'again' });
		const phone = createRoomClient({ origin, storage: null });
		expect(await phone.answer('again', 3)).toEqual({ ok: true });
		const before = room.state().participants;
		// a stale token, as after a restart of serve:lan
		const stale = createRoomClient({
			origin,
			storage: {
				getItem: () => 'A'.repeat(22),
				setItem: () => {},
				removeItem: () => {},
				clear: () => {},
				key: () => null,
				length: 1
			}
		});
		expect(await stale.answer('again', 4)).toEqual({ ok: true });
		expect(room.state().participants).toBe(before + 1);
		expect(room.state().tally).toMatchObject({ answered: 2 });
	});

	it('reads a server that is no room server as no room, and says what to run', async () => {
		const plain = await listen((_, res) =>
			res.writeHead(404, { 'content-type': 'text/html' }).end()
		);
		try {
			const client = createRoomClient({ origin: plain.origin, storage: null });
			expect(await client.state()).toBeNull();
			expect(await client.becomeInstructor()).toBe(false);
			const answer = await client.answer('x', 1);
			expect(answer).toMatchObject({ ok: false, status: 404 });
			expect(answer.ok === false && answer.message).toContain('npm run serve:lan -- --room');
		} finally {
			await new Promise((resolve) => plain.s.close(resolve));
		}
	});
});
