/**
 * What a layer costs: its learnable parameters and the multiply-adds of one forward pass on
 * one image. Plain arithmetic, shared by the formulas on screen and the chart.
 */
export interface LayerCost {
	/** weights + biases */
	parameters: number;
	weights: number;
	biases: number;
	/** multiply-adds (one multiply and one add each) per image */
	multiplyAdds: number;
	/** values the layer outputs per image */
	outputs: number;
}

function assertPositive(values: Record<string, number>): void {
	for (const [name, value] of Object.entries(values)) {
		if (!Number.isSafeInteger(value) || value < 1) {
			throw new RangeError(`${name} must be a positive integer, got ${value}`);
		}
	}
}

/**
 * A fully connected layer from an H × W × C input to `units` units: every unit has a weight
 * for every input value, plus a bias.
 * weights = H·W·C·units, biases = units, multiply-adds = H·W·C·units.
 */
export function fullyConnectedCost(
	height: number,
	width: number,
	channels: number,
	units: number
): LayerCost {
	assertPositive({ height, width, channels, units });
	const inputs = height * width * channels;
	const weights = inputs * units;
	return {
		weights,
		biases: units,
		parameters: weights + units,
		multiplyAdds: weights,
		outputs: units
	};
}

/**
 * A conv layer of `kernels` kernels k × k × C at stride 1 with 'same' padding, so the output is
 * H × W × kernels: the k·k·C weights of a kernel are shared by every output position.
 * weights = k²·C·kernels, biases = kernels, multiply-adds = H·W·k²·C·kernels.
 */
export function convolutionCost(
	height: number,
	width: number,
	channels: number,
	kernels: number,
	kernelSize: number
): LayerCost {
	assertPositive({ height, width, channels, kernels, kernelSize });
	const weights = kernelSize * kernelSize * channels * kernels;
	const outputs = height * width * kernels;
	return {
		weights,
		biases: kernels,
		parameters: weights + kernels,
		multiplyAdds: outputs * kernelSize * kernelSize * channels,
		outputs
	};
}
