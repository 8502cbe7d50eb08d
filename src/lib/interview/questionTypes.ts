/**
 * The shape of an interview question card: the question as interviewers ask it, a worked model
 * answer, the common answer that is wrong and why, what they ask next, where to read more, and
 * the labs that show it on the learner's own image.
 */
import type { LabPath } from '$lib/labs';

export interface LabLink {
	/** a lab's route with its trailing slash, registered in src/lib/labs.ts */
	path: LabPath;
	/** the lab's own settings that set up the answer, as URL text without `?` ('' = defaults) */
	query: string;
	/** what to look at there, one short sentence */
	look: string;
}

export interface Source {
	text: string;
	url?: string;
}

export type Topic = 'data' | 'cnn' | 'you';

export interface InterviewQuestion {
	/** stable: the page's anchor (#id) and the key of the learner's progress */
	id: string;
	topic: Topic;
	/** a few words, for the contents and the study sheet */
	title: string;
	/** the question as an interviewer asks it */
	ask: string;
	/** the worked model answer, 3–6 sentences */
	answer: string;
	/** the answer often given, and what is true instead */
	misconception: { common: string; correction: string };
	followUps: string[];
	sources: Source[];
	labs: LabLink[];
}
