/**
 * The sentences of /convolution that count weights and multiply-adds. In RGB mode the map on
 * screen is R + G + B, what one output channel of a conv layer on a colour image computes: the
 * k×k kernel on each of the 3 channels, k²·C = 27 products per pixel for k = 3 — not k².
 */
import type { ConvMode } from '$lib/engine/convolution';

/** Input channels the shown map sums over. */
export function inputChannels(mode: ConvMode): number {
	return mode === 'rgb' ? 3 : 1;
}

/** Multiply-adds behind one pixel of the shown map: k² · C. */
export function productsPerPixel(kernelSize: number, mode: ConvMode): number {
	return kernelSize ** 2 * inputChannels(mode);
}

/** "27 weights (3×3 on each of R, G, B), 16,200 multiply-adds" for an output of `outputPixels` */
export function weightsAndCostText(
	outputPixels: number,
	kernelSize: number,
	mode: ConvMode
): string {
	const weights = productsPerPixel(kernelSize, mode);
	const perChannel = mode === 'rgb' ? ` (${kernelSize}×${kernelSize} on each of R, G, B)` : '';
	const total = outputPixels * weights;
	return `${weights.toLocaleString('en')} weights${perChannel}, ${total.toLocaleString('en')} multiply-adds`;
}

/** "20×30 → 20×30, 27 weights (3×3 on each of R, G, B), 16,200 multiply-adds" */
export function outputCostText(
	input: { height: number; width: number },
	output: { height: number; width: number },
	kernelSize: number,
	mode: ConvMode
): string {
	return (
		`${input.height}×${input.width} → ${output.height}×${output.width}, ` +
		weightsAndCostText(output.height * output.width, kernelSize, mode)
	);
}

/** The readout's tail: "the sum of 27 weight × input products, 9 on each of R, G and B." */
export function readoutSumText(kernelSize: number, mode: ConvMode): string {
	const taps = kernelSize ** 2;
	return mode === 'rgb'
		? `the sum of ${productsPerPixel(kernelSize, mode)} weight × input products, ${taps} on each of R, G and B.`
		: `the sum of ${taps} weight × input products.`;
}
