/**
 * The residual lab's sentences with numbers, built from the lab's own measurements so they agree
 * with the charts at every depth and step (tests/unit/routes/residualText.test.ts).
 */
import { meanRise } from '$lib/engine/residual/lossSlice';
import type { VariantLesions, VariantSlice } from '$lib/workers/residualProtocol';

const pct = (v: number) => `${(100 * v).toFixed(1)} %`;

/** Training accuracy gap (points) beyond which the text calls it degradation. */
export const DEGRADATION_GAP = 0.02;

/** Training: plain vs residual on the training batches, and what the gap means. */
export function trainingSentence(
	depth: number,
	step: number,
	plainTrain: number,
	residualTrain: number
): string {
	if (!(step > 0) || !Number.isFinite(plainTrain) || !Number.isFinite(residualTrain))
		return `Press Train: both ${depth}-layer nets start from the same weights and see the same batches.`;
	const head = `After ${step} steps, plain-${depth} gets ${pct(plainTrain)} of its last training batches right, residual-${depth} ${pct(residualTrain)}.`;
	if (residualTrain - plainTrain > DEGRADATION_GAP)
		return `${head} The plain net fits its own training data worse. He et al. call it degradation when a deeper plain net trains worse than a shallower one (compare depth 8): not overfitting (this is the training set), and not vanishing gradients (see the gradient norms below: with batch norm they do not vanish).`;
	if (plainTrain - residualTrain > DEGRADATION_GAP)
		return `${head} Here the plain net is ahead: at this depth and step there is no degradation to see.`;
	return `${head} They are within ${(100 * DEGRADATION_GAP).toFixed(0)} points of each other: no degradation at this depth and step.`;
}

/** The lesion test for the selected block and over all blocks. */
export function lesionSentences(
	variants: readonly VariantLesions[],
	block: number,
	step: number,
	curveImages: number
): string[] {
	const plain = variants.find((v) => v.config.wiring === 'plain');
	const residual = variants.find((v) => v.config.wiring === 'residual');
	if (!plain || !residual) return [];
	const n = plain.single.length - 1;
	const b = Math.min(Math.max(1, block), n);
	const range = (v: VariantLesions) => {
		const lesioned = v.single.slice(1);
		return `${pct(Math.min(...lesioned))} to ${pct(Math.max(...lesioned))}`;
	};
	const sentences = [
		`At step ${step}, deleting block ${b} of ${n} takes plain-${plain.config.depth} from ${pct(plain.single[0])} to ${pct(plain.single[b])} test accuracy, residual-${residual.config.depth} from ${pct(residual.single[0])} to ${pct(residual.single[b])}.`,
		`Deleting any one block leaves the plain net ${range(plain)}, the residual net ${range(residual)} (chance is 10 %).`
	];
	const all = residual.randomK.at(-1);
	if (all !== undefined)
		sentences.push(
			`With all ${n} blocks deleted (only the input layer and the head left), the residual net still gets ${pct(all)}, the plain net ${pct(plain.randomK.at(-1) ?? NaN)} (first ${curveImages.toLocaleString('en')} test images).`
		);
	return sentences;
}

/** How many times larger one net's mean loss rise must be for the text to call it sharper. */
export const SHARPER = 1.2;

/** A loss rise or a ratio: fixed decimals while small, 3 significant digits when a deep plain net's explodes. */
function amount(value: number, decimals = 2): string {
	return value < 1000
		? value.toFixed(decimals)
		: value.toLocaleString('en', { maximumSignificantDigits: 3 });
}

/** Li et al.'s slice: the mean rise of each net's loss around its weights, and which is sharper. */
export function sliceSentence(
	variants: readonly VariantSlice[],
	step: number,
	images: number
): string | null {
	const plain = variants.find((v) => v.config.wiring === 'plain');
	const residual = variants.find((v) => v.config.wiring === 'residual');
	if (!plain || !residual) return null;
	const rp = meanRise(plain.points);
	const rr = meanRise(residual.points);
	if (!Number.isFinite(rp) || !Number.isFinite(rr)) return null;
	const depth = plain.config.depth;
	const head = `Moving every neuron's weights along one random direction by up to its own length (α from −1 to 1) raises the loss on ${images} training images by ${amount(rp)} on average for plain-${depth} and by ${amount(rr)} for residual-${depth} (step ${step}).`;
	if (rp > SHARPER * rr && rr > 0)
		return `${head} The plain net sits in the sharper valley, ${amount(rp / rr, 1)}× the rise, as Li et al. found for nets without skip connections.`;
	if (rr > SHARPER * rp && rp > 0)
		return `${head} Here the residual net's valley is the sharper one, ${amount(rr / rp, 1)}× the rise: Li et al.'s contrast (sharper without skips) is not what this slice shows at this depth and step.`;
	return `${head} The two valleys are about as sharp (within ${SHARPER}× of each other) at this depth and step.`;
}
