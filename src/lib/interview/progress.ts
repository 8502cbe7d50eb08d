/**
 * The learner's score and progress, kept only in this browser (localStorage): per question and
 * per kind of numeric problem, how often it was tried, how often right, when last seen and whether
 * the last try was right; the learner's own written answers; and the latest numeric attempts, for
 * the study sheet. Everything read back is checked field by field, so a damaged or foreign value
 * costs the progress, never the page; where storage is blocked the page works and keeps nothing.
 */
import { readItem, writeItem } from '$lib/state/safeStorage';

export const PROGRESS_KEY = 'convlab:interview:v1';
/** numeric attempts kept for the study sheet */
export const LOG_LENGTH = 30;
/** a written answer is cut here: enough for an interview answer, small enough for any storage */
export const ANSWER_LIMIT = 4000;

export interface Score {
	tried: number;
	correct: number;
	/** ms since the epoch; 0 = never */
	lastSeen: number;
	/** the last try's result; null = never tried */
	lastCorrect: boolean | null;
}

export interface Attempt {
	kind: string;
	prompt: string;
	/** what the learner typed */
	typed: string;
	answer: number;
	correct: boolean;
	working: string[];
	at: number;
}

export interface Progress {
	/** question id → its record */
	questions: { [id: string]: Score };
	/** question id → the learner's own written answer */
	answers: { [id: string]: string };
	/** practice kind → its record */
	practice: { [kind: string]: Score };
	/** newest first */
	log: Attempt[];
}

export function emptyProgress(): Progress {
	return { questions: {}, answers: {}, practice: {}, log: [] };
}

export const NEVER: Score = { tried: 0, correct: 0, lastSeen: 0, lastCorrect: null };

const isCount = (value: unknown): value is number =>
	typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
const isObject = (value: unknown): value is { [key: string]: unknown } =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

function readScore(value: unknown): Score | undefined {
	if (!isObject(value)) return undefined;
	const { tried, correct, lastSeen, lastCorrect } = value;
	if (!isCount(tried) || !isCount(correct) || !isCount(lastSeen) || correct > tried)
		return undefined;
	if (lastCorrect !== null && typeof lastCorrect !== 'boolean') return undefined;
	return { tried, correct, lastSeen, lastCorrect };
}

function readAttempt(value: unknown): Attempt | undefined {
	if (!isObject(value)) return undefined;
	const { kind, prompt, typed, answer, correct, working, at } = value;
	if (typeof kind !== 'string' || typeof prompt !== 'string' || typeof typed !== 'string')
		return undefined;
	if (typeof answer !== 'number' || !Number.isFinite(answer) || typeof correct !== 'boolean')
		return undefined;
	if (!Array.isArray(working) || !working.every((line) => typeof line === 'string'))
		return undefined;
	if (!isCount(at)) return undefined;
	return { kind, prompt, typed, answer, correct, working, at };
}

function readMap<T>(value: unknown, read: (entry: unknown) => T | undefined): { [key: string]: T } {
	const out: { [key: string]: T } = {};
	if (!isObject(value)) return out;
	for (const [key, entry] of Object.entries(value)) {
		const parsed = read(entry);
		if (parsed !== undefined) out[key] = parsed;
	}
	return out;
}

/** The progress kept in `storage`; empty when there is none, storage is blocked or it is damaged. */
export function loadProgress(storage: Storage | null): Progress {
	const text = readItem(storage, PROGRESS_KEY);
	if (text === null) return emptyProgress();
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch {
		return emptyProgress();
	}
	if (!isObject(data)) return emptyProgress();
	return {
		questions: readMap(data.questions, readScore),
		answers: readMap(data.answers, (v) =>
			typeof v === 'string' ? v.slice(0, ANSWER_LIMIT) : undefined
		),
		practice: readMap(data.practice, readScore),
		log: Array.isArray(data.log)
			? data.log.flatMap((entry) => readAttempt(entry) ?? []).slice(0, LOG_LENGTH)
			: []
	};
}

/** Keeps `progress`; false when storage is blocked, full or refusing (the page says so). */
export function saveProgress(storage: Storage | null, progress: Progress): boolean {
	return writeItem(storage, PROGRESS_KEY, JSON.stringify(progress));
}

/** Removes the kept progress; false when storage refused. */
export function forgetProgress(storage: Storage | null): boolean {
	if (!storage) return false;
	try {
		storage.removeItem(PROGRESS_KEY);
		return true;
	} catch {
		return false;
	}
}

function counted(record: Score | undefined, correct: boolean, now: number): Score {
	const before = record ?? NEVER;
	return {
		tried: before.tried + 1,
		correct: before.correct + (correct ? 1 : 0),
		lastSeen: now,
		lastCorrect: correct
	};
}

/** The learner marked question `id` as answered right (or not). */
export function markQuestion(
	progress: Progress,
	id: string,
	correct: boolean,
	now: number
): Progress {
	return {
		...progress,
		questions: { ...progress.questions, [id]: counted(progress.questions[id], correct, now) }
	};
}

/** The learner's written answer to question `id` (cut at ANSWER_LIMIT). */
export function writeAnswer(progress: Progress, id: string, text: string): Progress {
	return { ...progress, answers: { ...progress.answers, [id]: text.slice(0, ANSWER_LIMIT) } };
}

/** One numeric attempt: counted for its kind and put first in the log. */
export function recordAttempt(progress: Progress, attempt: Attempt): Progress {
	return {
		...progress,
		practice: {
			...progress.practice,
			[attempt.kind]: counted(progress.practice[attempt.kind], attempt.correct, attempt.at)
		},
		log: [attempt, ...progress.log].slice(0, LOG_LENGTH)
	};
}

/** 0: the last try was wrong; 1: never tried; 2: the last try was right. */
export function rank(score: Score | undefined): 0 | 1 | 2 {
	const lastCorrect = score?.lastCorrect ?? null;
	return lastCorrect === false ? 0 : lastCorrect === null ? 1 : 2;
}

/**
 * "Practise what I got wrong": items whose last try was wrong first (most misses, then longest
 * ago), then those never tried (in their own order), then those last answered right, longest ago
 * first. The sort is stable, so equal items keep the list's order.
 */
export function wrongFirst<T>(items: readonly T[], recordOf: (item: T) => Score | undefined): T[] {
	return [...items].sort((a, b) => {
		const ra = recordOf(a) ?? NEVER;
		const rb = recordOf(b) ?? NEVER;
		if (rank(ra) !== rank(rb)) return rank(ra) - rank(rb);
		if (rank(ra) === 0) {
			const misses = rb.tried - rb.correct - (ra.tried - ra.correct);
			if (misses !== 0) return misses;
		}
		return ra.lastSeen - rb.lastSeen;
	});
}
