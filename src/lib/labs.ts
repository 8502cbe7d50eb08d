/**
 * The registry: every lab that exists, declared once. Navigation lists only these (no dead
 * links); the shell, the interview mode and the tests read a lab's title, its interview question
 * and — through `definition()` — its URL schema, hide flags and observables. The definition
 * lives next to the lab (src/routes/<lab>/lab.ts) and is loaded on demand, so the shell's own
 * bundle carries none of the labs' code.
 */
import type { LabDefinition } from './runtime/labDefinition';

export type LabPath =
	| '/convolution/'
	| '/fc-vs-conv/'
	| '/pooling/'
	| '/invariance/'
	| '/receptive-field/'
	| '/network/'
	| '/segmentation/'
	| '/normalization/'
	| '/batch-norm/'
	| '/residual/'
	| '/pca/'
	| '/imbalance/';

export interface Lab {
	/** a route folder under src/routes (typed, so resolve() checks it), with the trailing slash */
	path: LabPath;
	/** the short name in the navigation */
	title: string;
	/** the page's heading */
	heading: string;
	/** the interview question, as the page asks it */
	ask: string;
	/** the question with what the lab measures, for the navigation and the home page */
	question: string;
	/** the lab's schema, hooks and observables (src/routes/<lab>/lab.ts) */
	definition: () => Promise<LabDefinition>;
}

export const LABS: readonly Lab[] = [
	{
		path: '/convolution/',
		title: 'Convolution',
		heading: 'Convolution',
		ask: 'What does a kernel do to an image?',
		question:
			'What does a kernel do to an image? Kernel size, stride, padding, dilation, and the dot product under the cursor.',
		definition: () => import('../routes/convolution/lab').then((m) => m.lab)
	},
	{
		path: '/fc-vs-conv/',
		title: 'FC vs conv',
		heading: 'Fully connected vs convolution',
		ask: 'Why convolutions rather than fully connected layers?',
		question:
			'Why convolutions rather than fully connected layers? Parameters and multiply-adds, weight sharing, and the pixel-shuffle experiment.',
		definition: () => import('../routes/fc-vs-conv/lab').then((m) => m.lab)
	},
	{
		path: '/pooling/',
		title: 'Pooling',
		heading: 'Pooling',
		ask: 'Why max-pooling?',
		question:
			'Why max-pooling? Which input won each window, the compute saved downstream, and how much a small shift changes the map.',
		definition: () => import('../routes/pooling/lab').then((m) => m.lab)
	},
	{
		path: '/invariance/',
		title: 'Invariance',
		heading: 'Translation invariance',
		ask: 'What makes CNNs translation invariant?',
		question:
			'What makes CNNs translation invariant? Equivariance of convolution, invariance from pooling, aliasing from stride — measured as the image shifts.',
		definition: () => import('../routes/invariance/lab').then((m) => m.lab)
	},
	{
		path: '/receptive-field/',
		title: 'Receptive field',
		heading: 'Receptive field',
		ask: 'Why many 3×3 kernels instead of a few large ones?',
		question:
			'Why many 3×3 kernels instead of a few large ones? Theoretical and effective receptive field, jump and start, parameters and multiply-adds, for your own stacks and four real networks.',
		definition: () => import('../routes/receptive-field/lab').then((m) => m.lab)
	},
	{
		path: '/network/',
		title: 'Inside a network',
		heading: 'Inside a trained network',
		ask: 'What does a trained CNN actually see?',
		question:
			'What does a trained CNN actually see? Every layer of a trained classifier and a real-photo network on your input, the kernels and arithmetic behind any unit, saliency, the confusion matrix, and training live.',
		definition: () => import('../routes/network/lab').then((m) => m.lab)
	},
	{
		path: '/segmentation/',
		title: 'Segmentation',
		heading: 'Segmentation',
		ask: 'Why do segmentation CNNs have an encoder–decoder structure?',
		question:
			'Why encoder–decoder for segmentation? Paint scribbles, train a U-Net live on your image, and measure what skip connections and the upsampling choice do.',
		definition: () => import('../routes/segmentation/lab').then((m) => m.lab)
	},
	{
		path: '/normalization/',
		title: 'Normalization',
		heading: 'Data normalization',
		ask: 'What is data normalization and why do we need it?',
		question:
			'What is data normalization and why do we need it? The eigenvalues of your image’s 3×3 patches, κ for five preprocessings, the loss surface and how many gradient steps a filter fit takes.',
		definition: () => import('../routes/normalization/lab').then((m) => m.lab)
	},
	{
		path: '/batch-norm/',
		title: 'Batch norm',
		heading: 'Batch normalization',
		ask: 'What is batch normalization and why does it work?',
		question:
			'What is batch normalization and why does it work? Ioffe’s network trained live without BN, with BN and with noisy BN (Santurkar’s test of the covariate-shift story), and what BN does to a batch of your image.',
		definition: () => import('../routes/batch-norm/lab').then((m) => m.lab)
	},
	{
		path: '/residual/',
		title: 'Residual',
		heading: 'Residual connections',
		ask: 'What is the significance of residual networks?',
		question:
			'What is the significance of residual networks? Plain and residual nets of 8, 20 and 56 layers trained side by side, the degradation of the deep plain net on its own training set, and the lesion test: delete a block at test time.',
		definition: () => import('../routes/residual/lab').then((m) => m.lab)
	},
	{
		path: '/pca/',
		title: 'PCA',
		heading: 'Dimensionality reduction',
		ask: 'Explain dimensionality reduction, where it’s used, and its benefits.',
		question:
			'Explain dimensionality reduction, where it’s used, and its benefits. PCA of your photo’s patches (gratings, not edges: ICA gives edges), your photo rebuilt from k components, and PCA and UMAP maps of what the classifier learned.',
		definition: () => import('../routes/pca/lab').then((m) => m.lab)
	},
	{
		path: '/imbalance/',
		title: 'Imbalance',
		heading: 'Imbalanced data',
		ask: 'How would you handle an imbalanced dataset?',
		question:
			'How would you handle an imbalanced dataset? Make a class rare, train the classifier with every remedy side by side, and read recall, precision, balanced accuracy and the ROC and PR curves.',
		definition: () => import('../routes/imbalance/lab').then((m) => m.lab)
	}
];

/** The registry entry for `path` (a lab's route with its trailing slash). */
export function labAt(path: LabPath): Lab {
	const lab = LABS.find((entry) => entry.path === path);
	if (!lab) throw new Error(`No lab at ${path}`);
	return lab;
}
