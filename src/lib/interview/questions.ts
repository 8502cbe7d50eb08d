/**
 * The interview question list, in the order of the article the project started from: the data
 * questions, the CNN questions, then the one about you. Ids are stable: they are the page's
 * anchors (/interview/#max-pooling) and the keys of the learner's progress in this browser.
 */
import { LABS, type Lab } from '$lib/labs';
import {
	choosingModel,
	clustering,
	dataNormalization,
	dimensionalityReduction,
	exploratoryAnalysis,
	imbalancedData,
	missingData,
	yourProjects
} from './dataQuestions';
import {
	batchNormalization,
	convVsFullyConnected,
	encoderDecoder,
	maxPooling,
	residualNetworks,
	smallKernels,
	translationInvariance
} from './cnnQuestions';
import type { InterviewQuestion, LabLink } from './questionTypes';

export const QUESTIONS: readonly InterviewQuestion[] = [
	dataNormalization,
	dimensionalityReduction,
	missingData,
	clustering,
	exploratoryAnalysis,
	choosingModel,
	convVsFullyConnected,
	translationInvariance,
	maxPooling,
	encoderDecoder,
	residualNetworks,
	batchNormalization,
	imbalancedData,
	smallKernels,
	yourProjects
];

/** The registered lab a link points to (every link's path is a LabPath: undefined only if a lab is dropped). */
export function linkedLab(link: LabLink): Lab | undefined {
	return LABS.find((lab) => lab.path === link.path);
}

/** A question's links with their labs, for the page (a link to a lab no longer built is left out). */
export function liveLinks(question: InterviewQuestion): { link: LabLink; lab: Lab }[] {
	return question.labs.flatMap((link) => {
		const lab = linkedLab(link);
		return lab ? [{ link, lab }] : [];
	});
}
