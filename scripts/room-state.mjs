/**
 * The room of `npm run serve:lan -- --room`, in memory: the instructor's current question, one
 * answer per participant (the last one wins), the tally. Nothing a participant sends is kept but a
 * known choice id or a finite number inside the question's range; nothing is written to disk, so
 * the room is forgotten when the server stops. scripts/room-server.mjs puts it on HTTP.
 *
 * The question types mirror src/lib/room/roomTypes.ts (the page's side of the same JSON).
 */
import { randomBytes } from 'node:crypto';

/** Bounds of a room; every one can be lowered (or raised) per room, for tests. */
export const ROOM_LIMITS = {
	/** participants a room admits; the next one is told the room is full */
	maxParticipants: 200,
	/** participants one network address may open (tabs, reloads, a private window) */
	perAddress: 8,
	/** answers a participant may send at once, then `refillPerSecond` more each second */
	burst: 5,
	refillPerSecond: 1,
	/** request bodies, in bytes: an answer is ~60, a question a few hundred */
	answerBytes: 1024,
	questionBytes: 8192
};

/** Ids are what the server stores for a choice: short, lower-case, nothing to interpret. */
const QUESTION_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
const CHOICE_ID = /^[a-z0-9][a-z0-9-]{0,31}$/;
/** A lab link: an app path and its settings, nothing that leaves the app. */
const LAB_LINK = /^\/[a-z0-9-]+\/(\?[A-Za-z0-9_.~%=&-]{0,300})?$/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;
/** Numbers beyond this are not a question a room answers on a phone. */
const MAX_MAGNITUDE = 1e9;
/** A number question's tally: one bin per allowed value when there are at most this many. */
const MAX_VALUE_BINS = 41;
const EQUAL_BINS = 10;

/**
 * @typedef {{ id: string; label: string }} Choice
 * @typedef {{ id: string; prompt: string; lab?: string; kind: 'choice'; choices: Choice[] }} ChoiceQuestion
 * @typedef {{ id: string; prompt: string; lab?: string; kind: 'number'; min: number; max: number; step?: number; unit?: string }} NumberQuestion
 * @typedef {ChoiceQuestion | NumberQuestion} Question
 * @typedef {string | number} Answer
 * @typedef {{ kind: 'choice'; answered: number; counts: { id: string; count: number }[] }} ChoiceTally
 * @typedef {{ kind: 'number'; answered: number; edges: number[]; counts: number[]; mean: number | null; std: number | null; min: number | null; max: number | null }} NumberTally
 * @typedef {ChoiceTally | NumberTally} Tally
 */

/**
 * @param {unknown} value
 * @param {number} maxLength
 */
function plainText(value, maxLength) {
	return (
		typeof value === 'string' &&
		value.trim().length > 0 &&
		value.length <= maxLength &&
		!CONTROL.test(value)
	);
}

/**
 * @param {unknown} value
 * @returns {value is number}
 */
function boundedNumber(value) {
	return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= MAX_MAGNITUDE;
}

/**
 * The instructor's question as the room keeps it (only the known fields, copied), or null when
 * anything in it is off: the message says what, in fixed words (never the input).
 * @param {unknown} body
 * @returns {{ question: Question; error?: undefined } | { question?: undefined; error: string }}
 */
export function validateQuestion(body) {
	if (typeof body !== 'object' || body === null || Array.isArray(body))
		return { error: 'a question is a JSON object' };
	const input = /** @type {Record<string, unknown>} */ (body);
	if (typeof input.id !== 'string' || !QUESTION_ID.test(input.id))
		return { error: 'id: 1–64 lower-case letters, digits or dashes' };
	if (!plainText(input.prompt, 300)) return { error: 'prompt: 1–300 characters of plain text' };
	if (input.lab !== undefined && (typeof input.lab !== 'string' || !LAB_LINK.test(input.lab)))
		return { error: 'lab: an app path such as /convolution/?k=5' };
	const base = {
		id: input.id,
		prompt: /** @type {string} */ (input.prompt),
		...(input.lab === undefined ? {} : { lab: /** @type {string} */ (input.lab) })
	};
	if (input.kind === 'choice') {
		const choices = input.choices;
		if (!Array.isArray(choices) || choices.length < 2 || choices.length > 8)
			return { error: 'choices: 2 to 8' };
		/** @type {Choice[]} */
		const kept = [];
		for (const choice of choices) {
			const { id, label } = /** @type {Record<string, unknown>} */ (choice ?? {});
			if (typeof id !== 'string' || !CHOICE_ID.test(id) || kept.some((c) => c.id === id))
				return { error: 'choice ids: unique, 1–32 lower-case letters, digits or dashes' };
			if (!plainText(label, 80)) return { error: 'choice labels: 1–80 characters of plain text' };
			kept.push({ id, label: /** @type {string} */ (label) });
		}
		return { question: { ...base, kind: 'choice', choices: kept } };
	}
	if (input.kind === 'number') {
		const { min, max, step, unit } = input;
		if (!boundedNumber(min) || !boundedNumber(max) || min >= max)
			return { error: 'min < max, finite, at most 1e9 in size' };
		if (step !== undefined && (!boundedNumber(step) || step <= 0))
			return { error: 'step: a positive number' };
		if (unit !== undefined && !plainText(unit, 16)) return { error: 'unit: 1–16 characters' };
		return {
			question: {
				...base,
				kind: 'number',
				min,
				max,
				...(step === undefined ? {} : { step }),
				...(unit === undefined ? {} : { unit: /** @type {string} */ (unit) })
			}
		};
	}
	return { error: "kind: 'choice' or 'number'" };
}

/**
 * Whether `value` is an answer `question` accepts: one of its choice ids (a string), or a finite
 * JSON number with min ≤ value ≤ max. Anything else — other strings, numeric strings, NaN,
 * ±Infinity, booleans, null, objects — is not.
 * @param {Question} question
 * @param {unknown} value
 * @returns {value is Answer}
 */
export function acceptsAnswer(question, value) {
	if (question.kind === 'choice')
		return typeof value === 'string' && question.choices.some((choice) => choice.id === value);
	return (
		typeof value === 'number' &&
		Number.isFinite(value) &&
		value >= question.min &&
		value <= question.max
	);
}

/**
 * The bin edges of a number question's tally: one bin centred on each allowed value when `step`
 * gives at most 41 of them (a count question reads as bars on its integers), else 10 equal bins
 * over [min, max].
 * @param {NumberQuestion} question
 * @returns {number[]}
 */
export function tallyEdges(question) {
	const { min, max, step } = question;
	const values = step ? Math.floor((max - min) / step + 1e-9) + 1 : Infinity;
	if (step && values <= MAX_VALUE_BINS)
		return Array.from({ length: values + 1 }, (_, i) => min - step / 2 + i * step);
	return Array.from({ length: EQUAL_BINS + 1 }, (_, i) =>
		i === EQUAL_BINS ? max : min + ((max - min) * i) / EQUAL_BINS
	);
}

/**
 * The tally of `answers` (each already accepted) for `question`: a count per choice, in the
 * question's order; or, for a number, counts per bin of {@link tallyEdges} (a value on an inner
 * edge goes to the upper bin, the top edge to the last bin) with mean, population std, min, max.
 * @param {Question} question
 * @param {Iterable<Answer>} answers
 * @returns {Tally}
 */
export function tally(question, answers) {
	const list = [...answers];
	if (question.kind === 'choice') {
		return {
			kind: 'choice',
			answered: list.length,
			counts: question.choices.map(({ id }) => ({
				id,
				count: list.filter((answer) => answer === id).length
			}))
		};
	}
	const numbers = /** @type {number[]} */ (list);
	const edges = tallyEdges(question);
	const counts = new Array(edges.length - 1).fill(0);
	let sum = 0;
	for (const value of numbers) {
		sum += value;
		let bin = 0;
		while (bin < counts.length - 1 && value >= edges[bin + 1]) bin++;
		counts[bin]++;
	}
	const n = numbers.length;
	const mean = n ? sum / n : null;
	const std =
		mean === null ? null : Math.sqrt(numbers.reduce((s, v) => s + (v - mean) ** 2, 0) / n);
	return {
		kind: 'number',
		answered: n,
		edges,
		counts,
		mean,
		std,
		min: n ? Math.min(...numbers) : null,
		max: n ? Math.max(...numbers) : null
	};
}

/** A participant's id: 128 random bits, as the server hands it out (22 base64url characters). */
export const PARTICIPANT_TOKEN = /^[A-Za-z0-9_-]{22}$/;

/**
 * @typedef {{ address: string; tokens: number; refilledAt: number }} Participant
 * @typedef {'ok' | 'full' | 'address-full' | 'unknown-participant' | 'rate' | 'no-question' | 'stale' | 'closed' | 'invalid'} Outcome
 */

/**
 * A room in memory. `now` (ms) is the clock the answer rate is counted on.
 * @param {Partial<typeof ROOM_LIMITS> & { now?: () => number }} [options]
 */
export function createRoom(options = {}) {
	const limits = { ...ROOM_LIMITS, ...options };
	const now = options.now ?? (() => Date.now());
	/** @type {Map<string, Participant>} */
	const participants = new Map();
	/** @type {Map<string, number>} participants per network address */
	const perAddress = new Map();
	/** @type {Question | null} */
	let question = null;
	/** @type {Map<string, Answer>} this question's answer of each participant */
	let answers = new Map();
	let revealed = false;
	/** @type {Answer | null} */
	let measured = null;
	/** bumped on every change, so a page can tell a new state from the one it has */
	let version = 0;

	return {
		limits,
		/**
		 * A new participant from `address`, or why not.
		 * @param {string} address
		 * @returns {{ outcome: 'ok'; token: string } | { outcome: 'full' | 'address-full' }}
		 */
		join(address) {
			if (participants.size >= limits.maxParticipants) return { outcome: 'full' };
			const fromHere = perAddress.get(address) ?? 0;
			if (fromHere >= limits.perAddress) return { outcome: 'address-full' };
			const token = randomBytes(16).toString('base64url');
			participants.set(token, { address, tokens: limits.burst, refilledAt: now() });
			perAddress.set(address, fromHere + 1);
			version++;
			return { outcome: 'ok', token };
		},

		/** @param {string} token */
		knows(token) {
			return PARTICIPANT_TOKEN.test(token) && participants.has(token);
		},

		/**
		 * Takes one request from the participant's allowance (a token bucket): false when it is spent.
		 * @param {string} token
		 */
		spend(token) {
			const participant = participants.get(token);
			if (!participant) return false;
			const t = now();
			const refill = ((t - participant.refilledAt) / 1000) * limits.refillPerSecond;
			participant.tokens = Math.min(limits.burst, participant.tokens + refill);
			participant.refilledAt = t;
			if (participant.tokens < 1) return false;
			participant.tokens -= 1;
			return true;
		},

		/**
		 * Records `value` as the participant's answer to question `questionId` (their last answer
		 * replaces an earlier one). The rate is counted before anything else is looked at.
		 * @param {string} token
		 * @param {unknown} questionId
		 * @param {unknown} value
		 * @returns {Outcome}
		 */
		answer(token, questionId, value) {
			if (!this.knows(token)) return 'unknown-participant';
			if (!this.spend(token)) return 'rate';
			if (!question) return 'no-question';
			if (questionId !== question.id) return 'stale';
			if (revealed) return 'closed';
			if (!acceptsAnswer(question, value)) return 'invalid';
			answers.set(token, value);
			version++;
			return 'ok';
		},

		/**
		 * Puts `next` (validated) on the screens; every earlier answer is dropped.
		 * @param {Question} next
		 */
		present(next) {
			question = next;
			answers = new Map();
			revealed = false;
			measured = null;
			version++;
		},

		/**
		 * Closes answering and shows what the lab measured (a choice id or a finite number), if given.
		 * @param {unknown} questionId
		 * @param {unknown} [value]
		 * @returns {'ok' | 'no-question' | 'stale' | 'invalid'}
		 */
		reveal(questionId, value) {
			if (!question) return 'no-question';
			if (questionId !== question.id) return 'stale';
			const fits =
				value === undefined ||
				value === null ||
				(question.kind === 'choice' ? acceptsAnswer(question, value) : boundedNumber(value));
			if (!fits) return 'invalid';
			revealed = true;
			measured = /** @type {Answer | null | undefined} */ (value) ?? null;
			version++;
			return 'ok';
		},

		/** What every screen shows: the question, whether it is revealed, the tally, the head count. */
		state() {
			return {
				version,
				question,
				revealed,
				measured,
				participants: participants.size,
				tally: question ? tally(question, answers.values()) : null
			};
		}
	};
}

/** @typedef {ReturnType<typeof createRoom>} Room */
