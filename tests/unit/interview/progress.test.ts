import { describe, expect, it } from 'vitest';
import { safeStorage } from '$lib/state/safeStorage';
import {
	ANSWER_LIMIT,
	emptyProgress,
	forgetProgress,
	loadProgress,
	LOG_LENGTH,
	markQuestion,
	PROGRESS_KEY,
	recordAttempt,
	saveProgress,
	writeAnswer,
	wrongFirst,
	type Attempt,
	type Score
} from '$lib/interview/progress';

class MemoryStorage {
	items = new Map<string, string>();
	getItem(key: string) {
		return this.items.get(key) ?? null;
	}
	setItem(key: string, value: string) {
		this.items.set(key, value);
	}
	removeItem(key: string) {
		this.items.delete(key);
	}
}
const memory = () => new MemoryStorage() as unknown as Storage;

/** A window whose storage getter throws, as Chromium's "block site data" makes it do. */
function blockedWindow(): object {
	return Object.defineProperty({}, 'localStorage', {
		get() {
			throw new DOMException('Access is denied for this document.', 'SecurityError');
		}
	});
}

const refusing = {
	getItem() {
		throw new DOMException('denied', 'SecurityError');
	},
	setItem() {
		throw new DOMException('full', 'QuotaExceededError');
	},
	removeItem() {
		throw new DOMException('denied', 'SecurityError');
	}
} as unknown as Storage;

const attempt = (correct: boolean, at: number, kind = 'jump'): Attempt => ({
	kind,
	prompt: `question ${at}`,
	typed: correct ? '4' : '5',
	answer: 4,
	correct,
	working: ['j = 2·2 = 4'],
	at
});

describe('interview progress', () => {
	it('counts tries, right answers, the last result and when', () => {
		let p = markQuestion(emptyProgress(), 'max-pooling', false, 1000);
		p = markQuestion(p, 'max-pooling', true, 2000);
		expect(p.questions['max-pooling']).toEqual({
			tried: 2,
			correct: 1,
			lastSeen: 2000,
			lastCorrect: true
		});
		p = recordAttempt(recordAttempt(p, attempt(true, 10)), attempt(false, 20));
		expect(p.practice.jump).toEqual({ tried: 2, correct: 1, lastSeen: 20, lastCorrect: false });
		expect(p.log.map((a) => a.at)).toEqual([20, 10]);
	});

	it('round-trips through storage, written answers and the numeric log included', () => {
		const storage = memory();
		let p = markQuestion(emptyProgress(), 'clustering', true, 5);
		p = writeAnswer(p, 'clustering', 'k-means assumes spherical clusters.');
		p = recordAttempt(p, attempt(false, 7, 'conv-output'));
		expect(saveProgress(storage, p)).toBe(true);
		expect(loadProgress(storage)).toEqual(p);
	});

	it('keeps the newest attempts and cuts a very long answer', () => {
		let p = emptyProgress();
		for (let i = 0; i < LOG_LENGTH + 5; i += 1) p = recordAttempt(p, attempt(true, i));
		expect(p.log).toHaveLength(LOG_LENGTH);
		expect(p.log[0].at).toBe(LOG_LENGTH + 4);
		expect(writeAnswer(p, 'x', 'a'.repeat(ANSWER_LIMIT + 10)).answers.x).toHaveLength(ANSWER_LIMIT);
	});

	it('reads damaged or foreign data as empty, keeping whatever entries are well formed', () => {
		const storage = memory();
		storage.setItem(PROGRESS_KEY, '{not json');
		expect(loadProgress(storage)).toEqual(emptyProgress());
		storage.setItem(PROGRESS_KEY, '[1,2]');
		expect(loadProgress(storage)).toEqual(emptyProgress());
		storage.setItem(
			PROGRESS_KEY,
			JSON.stringify({
				questions: {
					good: { tried: 2, correct: 1, lastSeen: 9, lastCorrect: false },
					more: { tried: 1, correct: 2, lastSeen: 9, lastCorrect: true },
					neg: { tried: -1, correct: 0, lastSeen: 0, lastCorrect: null },
					text: '<img src=x onerror=alert(1)>'
				},
				answers: { good: 'mine', bad: 42 },
				practice: { jump: { tried: 'many' } },
				log: [attempt(true, 1), { kind: 'jump' }, null]
			})
		);
		const p = loadProgress(storage);
		expect(Object.keys(p.questions)).toEqual(['good']);
		expect(p.answers).toEqual({ good: 'mine' });
		expect(p.practice).toEqual({});
		expect(p.log).toEqual([attempt(true, 1)]);
	});

	it('works with storage blocked or refusing: nothing kept, nothing thrown', () => {
		const blocked = safeStorage('localStorage', blockedWindow());
		expect(blocked).toBeNull();
		const p = markQuestion(emptyProgress(), 'clustering', true, 1);
		expect(saveProgress(blocked, p)).toBe(false);
		expect(loadProgress(blocked)).toEqual(emptyProgress());
		expect(forgetProgress(blocked)).toBe(false);
		expect(saveProgress(refusing, p)).toBe(false);
		expect(loadProgress(refusing)).toEqual(emptyProgress());
		expect(forgetProgress(refusing)).toBe(false);
	});

	it('forgets', () => {
		const storage = memory();
		saveProgress(storage, markQuestion(emptyProgress(), 'a', true, 1));
		expect(forgetProgress(storage)).toBe(true);
		expect(loadProgress(storage)).toEqual(emptyProgress());
	});
});

describe('wrongFirst: practise what I got wrong', () => {
	const score = (tried: number, correct: number, lastSeen: number, lastCorrect: boolean | null) =>
		({ tried, correct, lastSeen, lastCorrect }) satisfies Score;

	it('puts last-wrong first (most misses, then oldest), then untried, then right (oldest first)', () => {
		const scores: Record<string, Score> = {
			rightRecent: score(1, 1, 50, true),
			wrongOnce: score(1, 0, 10, false),
			rightOld: score(3, 3, 5, true),
			wrongTwice: score(3, 1, 40, false),
			wrongOnceOlder: score(2, 1, 2, false)
		};
		const order = wrongFirst(
			[
				'untriedA',
				'rightRecent',
				'wrongOnce',
				'rightOld',
				'untriedB',
				'wrongTwice',
				'wrongOnceOlder'
			],
			(id) => scores[id]
		);
		expect(order).toEqual([
			'wrongTwice',
			'wrongOnceOlder',
			'wrongOnce',
			'untriedA',
			'untriedB',
			'rightOld',
			'rightRecent'
		]);
	});
});
