/**
 * The one list of kernel presets: URL name, label, what each detects, and how its weights scale
 * with the kernel size. The order here is the order of the preset menu; the names are the URL's
 * `kernel=` values and must not change (old links keep working).
 */

export interface PresetInfo {
	/** menu label */
	label: string;
	/** one sentence shown under the menu */
	summary: string;
	/** a short paragraph for "What a kernel detects" */
	detects: string;
	/** how the weights change with k, shown under the menu (null: nothing to say) */
	scaling: string | null;
}

const STEP = 'a sharp 0 → 1 edge';

export const PRESET_INFO = {
	identity: {
		label: 'Identity',
		summary:
			'Copies the pixel under the centre tap and ignores the rest, so the output equals the input.',
		detects:
			'The identity kernel detects nothing: one weight of 1 at the centre, zeros elsewhere, so every output pixel is the input pixel under the centre. It is the baseline for the others — and with an even k it shows where TensorFlow puts the output.',
		scaling: null
	},
	box: {
		label: 'Box blur',
		summary:
			'Replaces each pixel by the plain average of its window, which blurs and leaves blocky halos.',
		detects:
			'A box kernel is the plain average of the k×k window (every weight 1/k²). It answers "how bright is this neighbourhood?": detail smaller than the window disappears, and its sharp window edges leave faint blocky ripples around bright spots.',
		scaling: 'Every weight is 1/k², so the weights sum to 1 and brightness is kept at every k.'
	},
	gaussian: {
		label: 'Gaussian blur',
		summary:
			'Averages the window with weights that fall off smoothly from the centre, a softer blur than the box.',
		detects:
			'A Gaussian kernel is a weighted average that trusts the centre most and falls off smoothly, so it blurs without the blocky halos of the box. It keeps shapes larger than its width (σ) and removes noise and texture smaller than it.',
		scaling:
			"σ grows with k (OpenCV's rule σ = 0.3·((k − 1)/2 − 1) + 0.8) and the weights sum to 1, so brightness is kept; at large k the far taps get weights below 0.001 (shown like 8e-5 = 0.00008)."
	},
	sharpen: {
		label: 'Sharpen',
		summary:
			'Adds back the difference between a pixel and its neighbours, making edges and fine texture crisper.',
		detects:
			'Sharpen is the identity minus the Laplacian: the pixel plus how much it differs from its neighbours. Flat areas stay as they are (the weights sum to 1), while every step in brightness is exaggerated on both sides — crisper edges, but noise is amplified too.',
		scaling:
			'Centre 5 and −4 spread over the neighbours at every k (identity − Laplacian), so a single bright dot gives 5 at any size.'
	},
	'sobel-x': {
		label: 'Sobel x',
		summary:
			'Detects vertical edges: positive where the image gets brighter to the right, negative where it gets darker.',
		detects:
			'Sobel x weighs the right side of the window against the left, smoothing along the column, so it answers "does brightness rise to the right here?". Vertical edges light up red (dark → bright) or blue (bright → dark); horizontal edges and flat areas give 0.',
		scaling: `Scaled so ${STEP} gives 4 at every k, as the classic 3×3 does: larger kernels see wider, blurrier edges, not bigger numbers.`
	},
	'sobel-y': {
		label: 'Sobel y',
		summary:
			'Detects horizontal edges: positive where the image gets brighter downwards, negative where it gets darker.',
		detects:
			'Sobel y is Sobel x turned 90°: the bottom of the window against the top, so it answers "does brightness rise downwards here?". Horizontal edges light up; vertical edges and flat areas give 0.',
		scaling: `Scaled so ${STEP} gives 4 at every k, as the classic 3×3 does: larger kernels see wider, blurrier edges, not bigger numbers.`
	},
	'prewitt-x': {
		label: 'Prewitt x',
		summary:
			'Like Sobel x but with uniform smoothing across the edge, so it is a little more sensitive to noise.',
		detects:
			'Prewitt x also compares right with left, but averages every row of the window equally instead of trusting the middle row most. It finds the same vertical edges as Sobel x with a little more noise.',
		scaling: `Scaled so ${STEP} gives 3 at every k, as the classic 3×3 does.`
	},
	'prewitt-y': {
		label: 'Prewitt y',
		summary:
			'Like Sobel y but with uniform smoothing across the edge, so it is a little more sensitive to noise.',
		detects:
			'Prewitt y compares bottom with top, averaging every column equally. It finds horizontal edges like Sobel y, with a little more noise.',
		scaling: `Scaled so ${STEP} gives 3 at every k, as the classic 3×3 does.`
	},
	laplacian: {
		label: 'Laplacian',
		summary:
			'A second derivative: zero on flat areas and smooth ramps, strong on thin lines, dots and both sides of edges.',
		detects:
			'The Laplacian compares a pixel with the mean of the pixels around it (a second derivative). Flat areas and smooth ramps give 0; thin lines, dots and both sides of every edge respond, with opposite signs — the zero crossing between them marks the edge.',
		scaling:
			'Centre −4 and +4 spread over the disk of neighbours at every k, so a single bright dot gives −4 at any size.'
	},
	log: {
		label: 'Laplacian of Gaussian',
		summary:
			'Blurs first, then takes the Laplacian, so it finds blobs and edges at a scale set by the kernel size.',
		detects:
			'The Laplacian of Gaussian (a "Mexican hat") blurs, then takes the Laplacian, in one kernel. It responds to blobs about as wide as its negative centre and ignores finer noise, so changing k chooses the size of what it finds.',
		scaling:
			'σ = (k − 1)/4, so the kernel reaches the peak of the positive ring (at 2σ); the weights sum to 0, and the positive weights sum to 4 at every k, like the Laplacian.'
	},
	emboss: {
		label: 'Emboss',
		summary:
			'Subtracts the pixels up-left from those down-right, so the image looks lit from one side like a relief.',
		detects:
			'Emboss adds to the image a derivative along the diagonal: brighter down-right than up-left gives a highlight, the opposite a shadow. The picture looks like a relief lit from one corner; flat areas keep their brightness (the weights sum to 1).',
		scaling:
			'The diagonal ramp is scaled so its positive weights sum to 4 at every k (as in the classic 3×3), plus 1 at the centre.'
	},
	outline: {
		label: 'Outline',
		summary:
			'Compares each pixel with all its neighbours: flat regions go to zero and every outline lights up.',
		detects:
			'Outline is 8 × (pixel − mean of all its neighbours in the window). Flat regions go to 0 and every outline, dot and texture lights up, in all directions at once — a stronger, square cousin of the Laplacian.',
		scaling:
			'Centre 8 and −8 shared by the k² − 1 neighbours, so a single bright dot gives 8 at any size.'
	},
	random: {
		label: 'Random (He init)',
		summary:
			'Random weights, like an untrained network layer: the kind of kernel training starts from.',
		detects:
			'A random kernel detects nothing in particular: it mixes the window with arbitrary weights, like a CNN layer before training. Its map looks like a noisy mixture of blur and edges; training is what turns such weights into the detectors above.',
		scaling:
			"Weights drawn from N(0, 2/k²) (He initialisation), so the output's spread stays about the same at every k."
	}
} satisfies Record<string, PresetInfo>;

export type KernelPreset = keyof typeof PRESET_INFO;

/** The preset names, in menu order: exactly the URL's accepted `kernel=` names. */
export const KERNEL_PRESETS = Object.keys(PRESET_INFO) as KernelPreset[];

/** What "custom" (your own weights, or a re-rolled random kernel) means. */
export const CUSTOM_KERNEL_INFO: Omit<PresetInfo, 'label' | 'scaling'> = {
	summary: 'Your own weights: edit the grid below.',
	detects:
		'A custom kernel detects whatever pattern its weights draw: the output is large where the window looks like the weights, and large and negative where it looks like their opposite. If the weights sum to 0 the kernel ignores flat areas and sees only change; if they sum to 1 it keeps the brightness.'
};

/** Presets built around a centre tap; at even k they use the (k − 1)×(k − 1) version. */
const CENTRED: readonly KernelPreset[] = ['sharpen', 'laplacian', 'log', 'emboss', 'outline'];
const DERIVATIVES: readonly KernelPreset[] = ['sobel-x', 'sobel-y', 'prewitt-x', 'prewitt-y'];

/**
 * What is special about this preset at this size, or null: sizes where a learner would
 * otherwise think the kernel is broken (k = 1, even k).
 */
export function presetSizeNote(name: KernelPreset, k: number): string | null {
	const zeroAtOne = [...DERIVATIVES, 'laplacian', 'log', 'outline'];
	if (k === 1 && zeroAtOne.includes(name)) {
		return 'A 1×1 kernel has no neighbours to compare with, so this preset is all zeros: try k ≥ 2.';
	}
	if (name === 'log' && k === 3) {
		return 'At 3×3 only the centre and its 8 neighbours fit: a negative centre with a positive ring, strongest on the 4 sides — the smallest Mexican hat, a weighted 8-neighbour Laplacian. The hat’s shape (ring rising, then falling off) shows from k = 5.';
	}
	if (k % 2 === 1) return null;
	const tap = k / 2; // 1-based row/column of the anchor floor((k − 1)/2)
	const lands = `Even k has no centre tap: TensorFlow's 'same' padding puts each output under tap (${tap}, ${tap}), the top-left of the 4 middle ones.`;
	if (name === 'identity')
		return `${lands} The 1 goes there, so the output still equals the input.`;
	if (CENTRED.includes(name)) {
		if (k === 2) {
			const what = name === 'sharpen' || name === 'emboss' ? 'the identity' : 'all zeros';
			return `${lands} Only the 1×1 preset fits around it: ${what}, with a zero last row and column.`;
		}
		return `${lands} So this is the ${k - 1}×${k - 1} preset centred there, with a zero last row and column.`;
	}
	if (name === 'random') return `${lands} Random weights do not care.`;
	return `${lands} This kernel is centred half a pixel down-right of that tap, so the map shifts half a pixel up-left.`;
}
