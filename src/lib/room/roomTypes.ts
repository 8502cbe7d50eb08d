/**
 * Room mode's JSON, as `npm run serve:lan -- --room` sends and accepts it (the server's side is
 * scripts/room-state.mjs, which validates every field: ids are lower-case letters, digits and
 * dashes; prompts ≤ 300 and labels ≤ 80 characters of plain text; 2–8 choices; min < max).
 */

export interface RoomChoice {
	/** what a participant's phone sends: 1–32 of a–z, 0–9, '-' */
	id: string;
	/** shown as text, never as HTML */
	label: string;
}

interface QuestionBase {
	/** stable id (the interview list's question id): 1–64 of a–z, 0–9, '-' */
	id: string;
	prompt: string;
	/** the lab, with the settings that answer it: an app path such as '/convolution/?k=5' */
	lab?: string;
}

export interface RoomChoiceQuestion extends QuestionBase {
	kind: 'choice';
	choices: RoomChoice[];
}

export interface RoomNumberQuestion extends QuestionBase {
	kind: 'number';
	/** answers outside [min, max] are refused */
	min: number;
	max: number;
	/** the number field's step; with ≤ 41 values in range, the tally has one bar per value */
	step?: number;
	unit?: string;
}

export type RoomQuestion = RoomChoiceQuestion | RoomNumberQuestion;

/** A choice id, or a number. */
export type RoomAnswer = string | number;

export interface RoomChoiceTally {
	kind: 'choice';
	answered: number;
	/** in the question's order */
	counts: { id: string; count: number }[];
}

export interface RoomNumberTally {
	kind: 'number';
	answered: number;
	/** counts.length + 1 bin edges */
	edges: number[];
	counts: number[];
	/** null while nobody has answered */
	mean: number | null;
	/** population standard deviation */
	std: number | null;
	min: number | null;
	max: number | null;
}

export type RoomTally = RoomChoiceTally | RoomNumberTally;

/** GET /room/api/state */
export interface RoomState {
	/** goes up on every change */
	version: number;
	question: RoomQuestion | null;
	revealed: boolean;
	/** what the instructor revealed (the lab's measurement or the right choice), if anything */
	measured: RoomAnswer | null;
	participants: number;
	tally: RoomTally | null;
}
