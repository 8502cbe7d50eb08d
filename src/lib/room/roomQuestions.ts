/**
 * A few questions the instructor's room page can put up on its own, each with its answer (what
 * Reveal shows). The interview list (issue 25) brings the full set; a lab's prediction control
 * presents its own question through `room.present`.
 */
import type { RoomAnswer, RoomQuestion } from './roomTypes';

export interface RoomQuestionWithAnswer {
	question: RoomQuestion;
	/** a choice id or a number, revealed when the instructor presses Reveal */
	answer: RoomAnswer;
	/** one sentence: why */
	why: string;
}

export const ROOM_QUESTIONS: RoomQuestionWithAnswer[] = [
	{
		question: {
			id: 'conv-output-size',
			prompt:
				'A 32 × 32 input, a 5 × 5 kernel, stride 1, no padding: how wide is the output, in pixels?',
			kind: 'number',
			min: 0,
			max: 40,
			step: 1,
			unit: 'px',
			lab: '/convolution/?k=5'
		},
		answer: 28,
		why: 'out = (n + 2p − k) / s + 1 = (32 + 0 − 5) / 1 + 1 = 28.'
	},
	{
		question: {
			id: 'rf-three-3x3',
			prompt:
				'Three 3 × 3 convolutions stacked, stride 1: how many input pixels wide is the receptive field of one output unit?',
			kind: 'number',
			min: 1,
			max: 21,
			step: 1,
			unit: 'px',
			lab: '/receptive-field/'
		},
		answer: 7,
		why: 'Each 3 × 3 layer at stride 1 adds 2 pixels: 1 + 3 × 2 = 7, the field of one 7 × 7 kernel, with 27 weights per channel pair instead of 49.'
	},
	{
		question: {
			id: 'normalize-sigma',
			prompt:
				'Divide every pixel by the image’s standard deviation σ. With the best learning rate for each, does gradient descent on a linear filter converge faster, slower, or at the same speed?',
			kind: 'choice',
			choices: [
				{ id: 'faster', label: 'Faster' },
				{ id: 'slower', label: 'Slower' },
				{ id: 'same', label: 'The same' }
			],
			lab: '/normalization/'
		},
		answer: 'same',
		why: 'Scaling every input by 1/σ scales every eigenvalue of the loss’s Hessian by 1/σ²: the condition number κ, which sets the speed, is unchanged. Centring is what helps.'
	},
	{
		question: {
			id: 'conv-params',
			prompt: 'A 3 × 3 convolution from 64 to 128 channels, with bias: how many parameters?',
			kind: 'choice',
			choices: [
				{ id: 'p1280', label: '1,280' },
				{ id: 'p8320', label: '8,320' },
				{ id: 'p73728', label: '73,728' },
				{ id: 'p73856', label: '73,856' }
			]
		},
		answer: 'p73856',
		why: '3 × 3 × 64 weights for each of the 128 output channels, plus 128 biases: 73,728 + 128 = 73,856.'
	}
];
