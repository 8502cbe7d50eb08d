/**
 * The selfie network's readable levels (graph node names and their shapes for the 256² input)
 * without TF.js, so a page can lay them out before the converter's code has loaded;
 * selfieModel.ts re-exports them beside the loader.
 */

export const SELFIE_INPUT_SIZE = 256;
export const SELFIE_INPUT_NODE = 'input_1';
export const SELFIE_OUTPUT_NODE = 'activation_10';

export interface SelfieLevel {
	/** graph node whose output this level shows */
	node: string;
	label: string;
	part: 'encoder' | 'bottleneck' | 'decoder' | 'output';
	/** [height, width, channels] for the 256² input */
	shape: [number, number, number];
}

export const SELFIE_LEVELS: readonly SelfieLevel[] = [
	{ node: 're_lu', label: 'Stem conv 3×3, stride 2', part: 'encoder', shape: [128, 128, 16] },
	{ node: 'conv2d_4_1', label: 'Block 1 (depthwise, SE)', part: 'encoder', shape: [64, 64, 16] },
	{
		node: 'ArithmeticOptimizer/AddOpsRewrite_add__xeno_compat__1',
		label: 'Block 2 (inverted residual)',
		part: 'encoder',
		shape: [32, 32, 24]
	},
	{
		node: 'add_4__xeno_compat__1',
		label: 'Block 3 (5 inverted residuals)',
		part: 'encoder',
		shape: [16, 16, 32]
	},
	{ node: 're_lu_12', label: 'Bottleneck 1×1 conv', part: 'bottleneck', shape: [16, 16, 128] },
	{
		node: 'add_7__xeno_compat__1',
		label: 'Up 1 + skip from block 2',
		part: 'decoder',
		shape: [32, 32, 24]
	},
	{
		node: 'add_10__xeno_compat__1',
		label: 'Up 2 + skip from block 1',
		part: 'decoder',
		shape: [64, 64, 16]
	},
	{
		node: 'add_13__xeno_compat__1',
		label: 'Up 3 + skip from the stem',
		part: 'decoder',
		shape: [128, 128, 16]
	},
	{ node: SELFIE_OUTPUT_NODE, label: 'Person mask (sigmoid)', part: 'output', shape: [256, 256, 1] }
];
