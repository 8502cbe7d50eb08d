/** The labs that exist. Navigation lists only these, so there are no dead links. */
export interface Lab {
	/** a route folder under src/routes (typed, so resolve() checks it), with the trailing slash */
	path:
		| '/convolution/'
		| '/fc-vs-conv/'
		| '/pooling/'
		| '/invariance/'
		| '/receptive-field/'
		| '/network/'
		| '/segmentation/';
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
		path: '/fc-vs-conv/',
		title: 'FC vs conv',
		question:
			'Why convolutions rather than fully connected layers? Parameters and multiply-adds, weight sharing, and the pixel-shuffle experiment.'
	},
	{
		path: '/pooling/',
		title: 'Pooling',
		question:
			'Why max-pooling? Which input won each window, the compute saved downstream, and how much a small shift changes the map.'
	},
	{
		path: '/invariance/',
		title: 'Invariance',
		question:
			'What makes CNNs translation invariant? Equivariance of convolution, invariance from pooling, aliasing from stride — measured as the image shifts.'
	},
	{
		path: '/receptive-field/',
		title: 'Receptive field',
		question:
			'Why many 3×3 kernels instead of a few large ones? Theoretical and effective receptive field, jump and start, parameters and multiply-adds, for your own stacks and four real networks.'
	},
	{
		path: '/network/',
		title: 'Inside a network',
		question:
			'What does a trained CNN actually see? Every layer of a trained classifier and a real-photo network on your input, the kernels and arithmetic behind any unit, saliency, the confusion matrix, and training live.'
	},
	{
		path: '/segmentation/',
		title: 'Segmentation',
		question:
			'Why encoder–decoder for segmentation? Paint scribbles, train a U-Net live on your image, and measure what skip connections and the upsampling choice do.'
	}
];
