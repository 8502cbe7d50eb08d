/** The labs that exist. Navigation lists only these, so there are no dead links. */
export interface Lab {
	/** a route folder under src/routes (typed, so resolve() checks it), with the trailing slash */
	path: '/convolution/' | '/pooling/' | '/receptive-field/';
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
	},
	{
		path: '/receptive-field/',
		title: 'Receptive field',
		question:
			'Why many 3×3 kernels instead of a few large ones? Theoretical and effective receptive field, jump and start, parameters and multiply-adds, for your own stacks and four real networks.'
	}
];
