/** The labs that exist. Navigation lists only these, so there are no dead links. */
export interface Lab {
	path: '/convolution/' | '/pooling/';
	title: string;
	question: string;
}

export const LABS: readonly Lab[] = [
	{
		path: '/convolution/',
		title: 'Convolution',
		question:
			'What does a kernel do to an image? Kernel size, stride, padding, dilation, and the dot product under the cursor.'
	},
	{
		path: '/pooling/',
		title: 'Pooling',
		question:
			'Why max-pooling? Which input won each window, the compute saved downstream, and how much a small shift changes the map.'
	}
];
