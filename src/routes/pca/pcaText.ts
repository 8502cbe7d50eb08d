/**
 * The lab's sentences with numbers in them, built from the values on screen so the text cannot
 * disagree with the pictures (tests/unit/routes/pcaText.test.ts checks each against its inputs).
 */
import type { IcaProgress } from '$lib/engine/pca/icaDictionary';
import type { Reconstruction } from '$lib/engine/pca/reconstruction';
import type { PatchProblem } from './patchAnalysis';

export const percent = (share: number): string => `${(100 * share).toFixed(1)} %`;

export const PROBLEM_TEXT: Record<PatchProblem, (size: number) => string> = {
	small: (size) =>
		`This image is smaller than one ${size}×${size} patch, so there is nothing to analyse. Pick a smaller patch size, a larger image or a sample.`,
	flat: () =>
		'This image is flat: every pixel has the same gray level, so its patches have no variance and no direction is a principal one. Pick a photo with some structure, or a sample.'
};

export interface PatchNumbers {
	size: number;
	explained: ArrayLike<number>;
	for90: number | null;
	for99: number | null;
	slope: number | null;
	dcCosine: number;
}

export function patchSentences(n: PatchNumbers): string[] {
	const d = n.size * n.size;
	const patch = `${n.size}×${n.size}`;
	const dc =
		n.dcCosine >= 0.9
			? `it is the patch’s mean brightness, the DC component (|cos| with a flat patch ${n.dcCosine.toFixed(3)})`
			: `it is not the flat patch here (|cos| with it only ${n.dcCosine.toFixed(3)})`;
	const sentences = [
		`PC1 explains ${percent(n.explained[0])} of the variance of your photo’s ${patch} patches; ${dc}.`
	];
	if (d > 1)
		sentences.push(
			`PC2 explains ${percent(n.explained[1])}; 90 % of the variance takes ${n.for90} and 99 % takes ${n.for99} of the ${d} components.`
		);
	if (n.slope !== null)
		sentences.push(
			`From component 2 on, the eigenvalues fall along a line of slope ${n.slope.toFixed(2)} on the log–log scree: a power law, λᵢ ∝ i^${n.slope.toFixed(2)}.`
		);
	return sentences;
}

export function reconstructionSentence(r: Reconstruction, size: number): string {
	const quality = Number.isFinite(r.psnr) ? `PSNR ${r.psnr.toFixed(1)} dB` : 'exact (PSNR ∞)';
	return `k = ${r.k}: ${quality}, compression ${r.compressionRatio.toFixed(1)} : 1 (${r.k} numbers per ${size}×${size} block of ${size * size} pixels, plus the ${r.k} components and the mean patch).`;
}

const SOURCE_WORDS = { pixels: 'raw pixels', embedding: 'the embedding' } as const;

/** The caption of one 2-D map of Fashion-MNIST. */
export function mapSentence(
	method: 'pca' | 'umap',
	source: keyof typeof SOURCE_WORDS,
	map: { knn: number; explained?: [number, number]; photo?: [number, number] | null }
): string {
	const knn = `5-NN accuracy in the map ${percent(map.knn)} (chance: 10 %)`;
	if (method === 'pca')
		return (
			`PCA of ${SOURCE_WORDS[source]}: the axes explain ${percent(map.explained?.[0] ?? NaN)} and ${percent(map.explained?.[1] ?? NaN)} of its variance; ${knn}.` +
			(map.photo ? ' Your photo (ringed) is projected on the same two axes.' : '')
		);
	return (
		`UMAP of ${SOURCE_WORDS[source]} (seed 1): ${knn}. Gaps between clusters and cluster sizes here are not distances in the data.` +
		(map.photo
			? ' Your photo (ringed) is placed by UMAP’s transform: started among its 15 nearest test images, then moved against the fixed map; the map itself does not change.'
			: '')
	);
}

/** What the ICA panel says while its worker runs. */
export function icaPending(progress: IcaProgress | null): string {
	if (!progress) return 'FastICA is starting (in a worker)…';
	if (progress.phase === 'iterating')
		return `FastICA (in a worker): iteration ${progress.iteration} of at most ${progress.of}…`;
	return progress.phase === 'whitening'
		? 'FastICA (in a worker): whitening the patches…'
		: 'FastICA (in a worker): ordering the basis functions…';
}
