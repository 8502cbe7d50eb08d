/** A score in words: "Not tried yet", or "Tried 3 · right 2 · last: missed, 4 Dec". */
import type { Score } from '$lib/interview/progress';

export function scoreLine(score: Score | undefined, locale?: string): string {
	if (!score || score.tried === 0) return 'Not tried yet';
	const last = score.lastCorrect ? 'had it' : 'missed';
	const day = new Date(score.lastSeen).toLocaleDateString(locale, {
		day: 'numeric',
		month: 'short'
	});
	return `Tried ${score.tried} · right ${score.correct} · last: ${last}, ${day}`;
}
