/**
 * Room mode's HTTP side (`npm run serve:lan -- --room`), every endpoint under /room/api/:
 *
 *   GET  /room/api/state       anyone: { version, question, revealed, measured, participants, tally }
 *   GET  /room/api/tally       anyone: { questionId, revealed, tally }
 *   POST /room/api/join        a phone: 201 { participant } — a random token, sent back as the
 *                              X-Room-Participant header (503 when the room is full)
 *   POST /room/api/answer      a participant: { questionId, value } — a choice id or a number
 *   GET  /room/api/instructor  only from the laptop itself (loopback socket and Host): { token }
 *   POST /room/api/question    the instructor (X-Room-Instructor: token): a question
 *   POST /room/api/reveal      the instructor: { questionId, measured? }
 *
 * Every answer is JSON with fixed wording: nothing a request sent is ever echoed back. POST bodies
 * must be application/json (so a plain cross-site form cannot post one) and small; the custom
 * headers make a cross-site script need a CORS preflight, which this server never grants.
 */
import { timingSafeEqual, randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { validateQuestion } from './room-state.mjs';

export const ROOM_PREFIX = '/room/api/';
export const PARTICIPANT_HEADER = 'x-room-participant';
export const INSTRUCTOR_HEADER = 'x-room-instructor';

/** What each outcome of the room answers with: status and a fixed message. */
const OUTCOMES = /** @type {const} */ ({
	full: [503, 'The room is full.'],
	'address-full': [429, 'Too many participants from this device.'],
	'unknown-participant': [401, 'Unknown participant: join again.'],
	rate: [429, 'Too many answers at once: wait a moment.'],
	'no-question': [409, 'No question is open.'],
	stale: [409, 'That question is no longer open.'],
	closed: [409, 'Answers are closed: the question was revealed.'],
	invalid: [400, 'Not an answer this question accepts.']
});

/**
 * Whether the request comes from this computer: a loopback socket, and a loopback Host header
 * (a page on another name that resolves here — DNS rebinding — does not count).
 * @param {import('node:http').IncomingMessage} request
 */
export function fromLoopback(request) {
	const socket = (request.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
	const localSocket = socket === '::1' || /^127\./.test(socket);
	const host = (request.headers.host ?? '').toLowerCase();
	const hostname = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0];
	const localName =
		hostname === 'localhost' ||
		hostname === '[::1]' ||
		(isIP(hostname) === 4 && hostname.startsWith('127.'));
	return localSocket && localName;
}

/**
 * @param {import('node:http').ServerResponse} response
 * @param {number} status
 * @param {unknown} body
 */
function sendJson(response, status, body) {
	const text = JSON.stringify(body);
	response.writeHead(status, {
		'content-type': 'application/json; charset=utf-8',
		'cache-control': 'no-store',
		'content-length': Buffer.byteLength(text)
	});
	response.end(text);
}

/**
 * @param {import('node:http').ServerResponse} response
 * @param {number} status
 * @param {string} message one of this file's fixed messages
 */
function sendError(response, status, message) {
	sendJson(response, status, { error: message });
}

/**
 * The request's JSON body, at most `limit` bytes; null after an error has been answered. A body
 * over the limit is answered 413 and the rest of it read and dropped (up to 64 KiB; past that the
 * connection is cut), so the client sees the answer rather than a reset.
 * @param {import('node:http').IncomingMessage} request
 * @param {import('node:http').ServerResponse} response
 * @param {number} limit
 * @returns {Promise<unknown | null>}
 */
function readJson(request, response, limit) {
	const type = (request.headers['content-type'] ?? '').toLowerCase();
	if (!type.startsWith('application/json')) {
		sendError(response, 415, 'Send application/json.');
		request.resume();
		return Promise.resolve(null);
	}
	return new Promise((resolve) => {
		const declared = Number(request.headers['content-length'] ?? 0);
		let size = 0;
		let over = declared > limit;
		/** @type {Buffer[]} */
		const chunks = [];
		const refuse = () => {
			response.setHeader('connection', 'close');
			sendError(response, 413, 'Request too large.');
			resolve(null);
		};
		if (over) refuse();
		request.on('data', (chunk) => {
			size += chunk.length;
			if (over) {
				if (size > 65536) request.destroy();
				return;
			}
			if (size > limit) {
				over = true;
				chunks.length = 0;
				refuse();
				return;
			}
			chunks.push(chunk);
		});
		request.on('end', () => {
			if (over) return;
			try {
				resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
			} catch {
				sendError(response, 400, 'Not JSON.');
				resolve(null);
			}
		});
		request.on('error', () => resolve(null));
	});
}

/**
 * @param {unknown} given
 * @param {string} token
 */
function sameToken(given, token) {
	if (typeof given !== 'string' || given.length !== token.length) return false;
	return timingSafeEqual(Buffer.from(given), Buffer.from(token));
}

/**
 * The room's request handler: answers a request under /room/api/ and returns true, or returns
 * false and leaves any other request to the static server.
 * @param {import('./room-state.mjs').Room} room
 * @param {{ instructorToken?: string }} [options]
 * @returns {(request: import('node:http').IncomingMessage, response: import('node:http').ServerResponse) => boolean}
 */
export function roomHandler(
	room,
	{ instructorToken = randomBytes(24).toString('base64url') } = {}
) {
	return (request, response) => {
		const path = (request.url ?? '').split('?')[0];
		if (!path.startsWith(ROOM_PREFIX)) return false;
		const route = path.slice(ROOM_PREFIX.length);
		const method = request.method ?? 'GET';
		const gets = ['state', 'tally', 'instructor'];
		const posts = ['join', 'answer', 'question', 'reveal'];
		if (!gets.includes(route) && !posts.includes(route)) {
			sendError(response, 404, 'No such room endpoint.');
			request.resume();
			return true;
		}
		const wanted = gets.includes(route) ? 'GET' : 'POST';
		if (method !== wanted) {
			response.setHeader('allow', wanted);
			sendError(response, 405, `Use ${wanted}.`);
			request.resume();
			return true;
		}
		void handle(route, request, response).catch(() => {
			if (!response.headersSent) sendError(response, 500, 'Room error.');
		});
		return true;
	};

	/**
	 * @param {string} route
	 * @param {import('node:http').IncomingMessage} request
	 * @param {import('node:http').ServerResponse} response
	 */
	async function handle(route, request, response) {
		if (route === 'state') return sendJson(response, 200, room.state());
		if (route === 'tally') {
			const { question, revealed, tally } = room.state();
			return sendJson(response, 200, { questionId: question?.id ?? null, revealed, tally });
		}
		if (route === 'instructor') {
			if (!fromLoopback(request))
				return sendError(response, 403, 'The instructor view runs on the laptop (127.0.0.1).');
			return sendJson(response, 200, { token: instructorToken });
		}
		if (route === 'join') {
			request.resume();
			const address = (request.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
			const joined = room.join(address);
			if (joined.outcome !== 'ok') {
				const [status, message] = OUTCOMES[joined.outcome];
				return sendError(response, status, message);
			}
			return sendJson(response, 201, { participant: joined.token });
		}
		if (route === 'answer') {
			const token = request.headers[PARTICIPANT_HEADER];
			if (typeof token !== 'string' || !room.knows(token)) {
				request.resume();
				const [status, message] = OUTCOMES['unknown-participant'];
				return sendError(response, status, message);
			}
			const body = await readJson(request, response, room.limits.answerBytes);
			if (body === null) return;
			const { questionId, value } = /** @type {Record<string, unknown>} */ (
				typeof body === 'object' && body !== null ? body : {}
			);
			const outcome = room.answer(token, questionId, value);
			if (outcome !== 'ok') {
				const [status, message] = OUTCOMES[outcome];
				if (outcome === 'rate') response.setHeader('retry-after', '1');
				return sendError(response, status, message);
			}
			return sendJson(response, 200, { received: true });
		}
		// The instructor's routes.
		if (!sameToken(request.headers[INSTRUCTOR_HEADER], instructorToken)) {
			request.resume();
			return sendError(response, 403, 'Only the instructor can do that.');
		}
		const body = await readJson(request, response, room.limits.questionBytes);
		if (body === null) return;
		if (route === 'question') {
			const checked = validateQuestion(body);
			if (!checked.question) return sendError(response, 400, `Bad question: ${checked.error}.`);
			room.present(checked.question);
			return sendJson(response, 200, room.state());
		}
		const { questionId, measured } = /** @type {Record<string, unknown>} */ (
			typeof body === 'object' && body !== null ? body : {}
		);
		const outcome = room.reveal(questionId, measured);
		if (outcome !== 'ok') {
			const [status, message] = OUTCOMES[outcome];
			return sendError(response, status, message);
		}
		return sendJson(response, 200, room.state());
	}
}
