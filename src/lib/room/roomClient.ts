/**
 * The page's side of room mode (`npm run serve:lan -- --room`). One small interface for the room
 * pages (/room/, /room/join/) and for anything else that asks the room a question — a lab's
 * "predict, then reveal" control:
 *
 *   import { room } from '$lib/room/roomClient';
 *
 *   // instructor (the laptop's 127.0.0.1 page):
 *   if (await room.becomeInstructor()) {
 *     await room.present({ id: 'conv-output-size', prompt: '…', kind: 'number', min: 0, max: 64, step: 1 });
 *     const stop = room.followReveals();        // a `convlab:revealed` event for the room's
 *   }                                           // question reveals it with its `measured`
 *   await room.reveal('conv-output-size', 28);  // or reveal directly
 *
 *   // participant (a phone):
 *   const result = await room.answer('conv-output-size', 28);   // { ok: true } or { ok: false, message }
 *
 *   // anyone: the live tally, polled (about once a second) until stop() is called
 *   const stop = room.tally('conv-output-size', (tally) => draw(tally));
 *
 * `room.state()` resolves null where no room server answers (a static host, serve:lan without
 * --room): say so, with the command ({@link ROOM_COMMAND}). Nothing here throws on a network
 * failure. A participant's id is a random token the server hands out, kept in this tab's
 * sessionStorage and sent as a header.
 */
import { readItem, safeStorage, writeItem } from '$lib/state/safeStorage';
import type { RoomAnswer, RoomQuestion, RoomState, RoomTally } from './roomTypes';

export const ROOM_API = '/room/api/';
/** What to run for room mode, as a page says it. */
export const ROOM_COMMAND = 'npm run serve:lan -- --room';
/** The window event a lab's Reveal button fires: detail { id, predicted, measured }. */
export const REVEALED_EVENT = 'convlab:revealed';
const PARTICIPANT_KEY = 'convlab-room-participant';
const POLL_MS = 1000;

export type RoomResult = { ok: true } | { ok: false; status: number; message: string };

export interface RoomClientOptions {
	/** the server's origin (default: the page's) */
	origin?: string;
	fetch?: typeof fetch;
	/** where the participant token is kept (default: this tab's sessionStorage) */
	storage?: Storage | null;
	pollMs?: number;
}

export function createRoomClient(options: RoomClientOptions = {}) {
	const pollMs = options.pollMs ?? POLL_MS;
	const url = (route: string) =>
		new URL(ROOM_API + route, options.origin ?? globalThis.location?.href).href;
	const send = (input: string, init?: RequestInit) =>
		(options.fetch ?? globalThis.fetch)(input, { cache: 'no-store', ...init });
	const storage = () =>
		options.storage !== undefined ? options.storage : safeStorage('sessionStorage');
	let instructorToken: string | null = null;
	/** each subscription's "ask now": this page's own change shows without waiting for the poll */
	const wakers = new Set<() => void>();
	let participant: string | null = null;

	/**
	 * GET a route: its JSON; 'no-room' when the server is no room server (a page or an error
	 * instead of JSON: a static host, serve:lan without --room); 'offline' when nothing answered.
	 */
	async function getJson<T>(route: string): Promise<T | 'no-room' | 'offline'> {
		try {
			const response = await send(url(route));
			const type = response.headers.get('content-type') ?? '';
			if (!type.includes('application/json')) return 'no-room';
			if (!response.ok) return 'no-room';
			return (await response.json()) as T;
		} catch {
			return 'offline';
		}
	}
	async function roomState(): Promise<RoomState | 'no-room' | 'offline'> {
		return getJson<RoomState>('state');
	}

	async function post(route: string, body: unknown, headers: Record<string, string>) {
		try {
			const response = await send(url(route), {
				method: 'POST',
				headers: { 'content-type': 'application/json', ...headers },
				body: JSON.stringify(body)
			});
			const reply = (await response.json().catch(() => null)) as Record<string, unknown> | null;
			return { status: response.status, reply };
		} catch {
			return { status: 0, reply: null };
		}
	}

	function result({
		status,
		reply
	}: {
		status: number;
		reply: Record<string, unknown> | null;
	}): RoomResult {
		if (status >= 200 && status < 300) {
			for (const wake of wakers) wake();
			return { ok: true };
		}
		const message =
			typeof reply?.error === 'string'
				? reply.error
				: status === 0
					? 'The room server did not answer.'
					: `Room mode needs the LAN server: ${ROOM_COMMAND}.`;
		return { ok: false, status, message };
	}

	async function join(): Promise<RoomResult> {
		const { status, reply } = await post('join', {}, {});
		if (status === 201 && typeof reply?.participant === 'string') {
			participant = reply.participant;
			writeItem(storage(), PARTICIPANT_KEY, participant);
			return { ok: true };
		}
		return result({ status, reply });
	}

	const client = {
		/** The room's state, or null where no room server answers. */
		async state(): Promise<RoomState | null> {
			const state = await roomState();
			return typeof state === 'string' ? null : state;
		},

		/**
		 * Calls `onState` with the room's state now and on every change (polled), and with null
		 * while no room server answers. Where the server is not a room server (a static host) it
		 * stops there; where nothing answers (the laptop's wifi dropped) it keeps asking. Returns the
		 * function that stops it.
		 */
		subscribe(onState: (state: RoomState | null) => void): () => void {
			let stopped = false;
			let timer: ReturnType<typeof setTimeout> | undefined;
			let last: number | null | undefined;
			const poll = async () => {
				const reply = await roomState();
				if (stopped) return;
				const state = typeof reply === 'string' ? null : reply;
				const version = state ? state.version : null;
				if (version !== last) {
					last = version;
					onState(state);
				}
				if (reply !== 'no-room') timer = setTimeout(poll, pollMs);
			};
			const wake = () => {
				clearTimeout(timer);
				void poll();
			};
			wakers.add(wake);
			void poll();
			return () => {
				stopped = true;
				clearTimeout(timer);
				wakers.delete(wake);
			};
		},

		/** Calls `onTally` with question `id`'s tally as it changes (null while it is not the room's question). */
		tally(id: string, onTally: (tally: RoomTally | null, state: RoomState | null) => void) {
			return client.subscribe((state) =>
				onTally(state?.question?.id === id ? state.tally : null, state)
			);
		},

		/**
		 * Asks for the instructor's token: granted only to a page on the laptop's own loopback
		 * address (127.0.0.1 / localhost) of the server that runs the room.
		 */
		async becomeInstructor(): Promise<boolean> {
			if (instructorToken) return true;
			const reply = await getJson<{ token?: unknown }>('instructor');
			if (typeof reply === 'string' || typeof reply.token !== 'string') return false;
			instructorToken = reply.token;
			return true;
		},

		/** Puts `question` on every screen (the instructor only); earlier answers are dropped. */
		async present(question: RoomQuestion): Promise<RoomResult> {
			if (!(await client.becomeInstructor()))
				return { ok: false, status: 403, message: 'Only the instructor can do that.' };
			return result(
				await post('question', question, { 'x-room-instructor': instructorToken ?? '' })
			);
		},

		/** Closes answering on question `id` and shows `measured` (a number or a choice id). */
		async reveal(id: string, measured?: RoomAnswer | null): Promise<RoomResult> {
			if (!(await client.becomeInstructor()))
				return { ok: false, status: 403, message: 'Only the instructor can do that.' };
			return result(
				await post(
					'reveal',
					{ questionId: id, measured: measured ?? null },
					{ 'x-room-instructor': instructorToken ?? '' }
				)
			);
		},

		/**
		 * Reveals the room's question when a lab's Reveal button reveals the same question id
		 * (the `convlab:revealed` event, detail { id, predicted, measured }). Returns the stop.
		 */
		followReveals(target: EventTarget = window): () => void {
			const onRevealed = (event: Event) => {
				const detail = (event as CustomEvent<{ id?: unknown; measured?: unknown }>).detail;
				if (typeof detail?.id !== 'string') return;
				const measured =
					typeof detail.measured === 'number' || typeof detail.measured === 'string'
						? detail.measured
						: null;
				void client.reveal(detail.id, measured);
			};
			target.addEventListener(REVEALED_EVENT, onRevealed);
			return () => target.removeEventListener(REVEALED_EVENT, onRevealed);
		},

		/**
		 * Sends this participant's answer to question `id` (joining the room first if needed); a
		 * later answer replaces it until the reveal.
		 */
		async answer(id: string, value: RoomAnswer): Promise<RoomResult> {
			participant ??= readItem(storage(), PARTICIPANT_KEY);
			if (!participant) {
				const joined = await join();
				if (!joined.ok) return joined;
			}
			let sent = await post(
				'answer',
				{ questionId: id, value },
				{ 'x-room-participant': participant ?? '' }
			);
			if (sent.status === 401) {
				// The server restarted (it forgets everyone) or the token is stale: join again, once.
				participant = null;
				const joined = await join();
				if (!joined.ok) return joined;
				sent = await post(
					'answer',
					{ questionId: id, value },
					{ 'x-room-participant': participant ?? '' }
				);
			}
			return result(sent);
		}
	};
	return client;
}

export type RoomClient = ReturnType<typeof createRoomClient>;

/** The page's room (on the page's own origin). */
export const room: RoomClient = createRoomClient();
