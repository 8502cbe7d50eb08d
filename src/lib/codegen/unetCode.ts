/**
 * The Segmentation lab's U-Net (engine/segmentation/unet.ts) as PyTorch and Keras code, with the
 * lab's settings and picture size, layer for layer what the engine computes:
 * - the input is centred (x − 0.5) and mirror-padded ('symmetric': the edge repeated) at the
 *   bottom and right to a multiple of 2^(depth−1), and the class scores are cropped back;
 * - every conv adds its bias, then (when on) batch norm with ε = 1e−3 and running statistics
 *   that keep 0.9 of themselves a step (PyTorch's momentum is the other 0.1), then a ReLU;
 * - the transposed conv is TensorFlow's 'same' (stride 2, output 2h): PyTorch pads it as
 *   padding = ⌊(k − 2)/2⌋ and, for an odd k, drops the one extra last row and column.
 */
import { DEFAULT_STEP } from '$lib/engine/segmentation/trainingStep';
import {
	BN_MOMENTUM,
	levelChannels,
	paddedSide,
	type UNetConfig
} from '$lib/engine/segmentation/unet';
import type { CodeListing } from './listing';

/** The scribble U-Net's Adam step (unetTrainer.svelte.ts). */
const LEARNING_RATE = 0.01;
const BN_EPSILON = '1e-3';

export interface UNetCodeSettings {
	config: UNetConfig;
	/** [H, W] the U-Net reads, before its padding */
	input: readonly [number, number];
	/** 'scribble': trained here on the learner's strokes; 'pretrained': loaded, trained on scenes */
	mode: 'scribble' | 'pretrained';
}

/** PyTorch's ConvTranspose2d arguments for TensorFlow's 'same' ×2 of kernel k, and the crop. */
export function transposedPadding(k: number): { padding: number; crop: boolean } {
	const padding = Math.floor(Math.max(k - 2, 0) / 2);
	// PyTorch's output is 2h + k − 2 − 2·padding: one row too many exactly when k is odd
	return { padding, crop: k - 2 - 2 * padding === 1 };
}

const upsamplingWords = (c: UNetConfig) =>
	c.upsampling === 'transposed'
		? `${c.upKernel}×${c.upKernel} transposed convs`
		: 'nearest ×2 + 3×3 conv';

export function unetCode({ config, input, mode }: UNetCodeSettings): CodeListing {
	const { depth, classes, skips, batchNorm } = config;
	const [height, width] = input;
	const [ph, pw] = [paddedSide(height, depth), paddedSide(width, depth)];
	const c = (l: number) => levelChannels(config, l);
	const size = (l: number) => [ph / 2 ** l, pw / 2 ** l];
	const chw = (l: number) => `(N, ${c(l)}, ${size(l).join(', ')})`;
	const hwc = (l: number) => `(None, ${size(l).join(', ')}, ${c(l)})`;
	const padded = ph !== height || pw !== width;
	const decIn = (l: number) => (skips ? 2 * c(l) : c(l));
	const multiple = 2 ** (depth - 1);
	const { padding: tp, crop } = transposedPadding(config.upKernel);

	// PyTorch
	const init: string[] = [];
	for (let l = 0; l < depth; l++)
		init.push(
			`self.enc${l} = block(${l === 0 ? 3 : c(l - 1)}, ${c(l)})${l === depth - 1 ? '  # the bottleneck' : ''}`
		);
	init.push('self.pool = nn.MaxPool2d(2)');
	for (let l = depth - 2; l >= 0; l--) {
		init.push(
			config.upsampling === 'transposed'
				? `self.up${l} = nn.Sequential(nn.ConvTranspose2d(${c(l + 1)}, ${c(l)}, kernel_size=${config.upKernel}, stride=2, padding=${tp}), nn.ReLU())`
				: `self.up${l} = nn.Sequential(nn.Upsample(scale_factor=2, mode='nearest'), nn.Conv2d(${c(l + 1)}, ${c(l)}, kernel_size=3, padding=1), nn.ReLU())`,
			`self.dec${l} = block(${decIn(l)}, ${c(l)})${skips ? `  # upsampled ${c(l)} + skip ${c(l)}` : ''}`
		);
	}
	init.push(`self.head = nn.Conv2d(${c(0)}, ${classes}, kernel_size=1)  # ${classes} class scores`);
	const forward: string[] = [
		padded
			? `x = pad_symmetric(x - 0.5, ${ph - height}, ${pw - width})  # -> (N, 3, ${ph}, ${pw}), multiples of ${multiple}`
			: `x = x - 0.5  # ${height}×${width}: already multiples of ${multiple}`,
		`e0 = self.enc0(x)  # -> ${chw(0)}`
	];
	for (let l = 1; l < depth; l++)
		forward.push(`e${l} = self.enc${l}(self.pool(e${l - 1}))  # -> ${chw(l)}`);
	for (let l = depth - 2; l >= 0; l--) {
		const from = l === depth - 2 ? `e${depth - 1}` : `d${l + 1}`;
		const cut = config.upsampling === 'transposed' && crop ? '[:, :, :-1, :-1]' : '';
		forward.push(
			`u${l} = self.up${l}(${from})${cut}  # -> ${chw(l)}${cut ? ": TensorFlow's 'same' keeps the first 2h rows" : ''}`,
			`d${l} = self.dec${l}(${skips ? `torch.cat([u${l}, e${l}], dim=1)` : `u${l}`})  # -> ${chw(l)}`
		);
	}
	forward.push(
		`return self.head(d0)${padded ? `[:, :, :${height}, :${width}]` : ''}  # -> (N, ${classes}, ${height}, ${width})`
	);
	const bnTorch = (ch: string) =>
		batchNorm
			? [`nn.BatchNorm2d(${ch}, eps=${BN_EPSILON}, momentum=${round(1 - BN_MOMENTUM)}),`]
			: [];
	const pytorch = [
		'import torch',
		'from torch import nn',
		'',
		'',
		'def block(c_in, c_out):',
		`    """Two 3×3 convs ('same')${batchNorm ? ', each with batch norm' : ''}, each followed by a ReLU."""`,
		'    return nn.Sequential(',
		...[
			'nn.Conv2d(c_in, c_out, kernel_size=3, padding=1),',
			...bnTorch('c_out'),
			'nn.ReLU(),',
			'nn.Conv2d(c_out, c_out, kernel_size=3, padding=1),',
			...bnTorch('c_out'),
			'nn.ReLU(),'
		].map((line) => `        ${line}`),
		'    )',
		'',
		'',
		'def pad_symmetric(x, rows, cols):',
		'    """Mirror rows below and columns to the right, the edge repeated (TensorFlow\'s SYMMETRIC)."""',
		'    x = torch.cat([x, x.flip(2)[:, :, :rows]], dim=2)',
		'    return torch.cat([x, x.flip(3)[:, :, :, :cols]], dim=3)',
		'',
		'',
		'class UNet(nn.Module):',
		'    def __init__(self):',
		'        super().__init__()',
		...init.map((line) => `        ${line}`),
		'',
		`    def forward(self, x):  # x: (N, 3, ${height}, ${width}), RGB in [0, 1]`,
		...forward.map((line) => `        ${line}`),
		'',
		'',
		'model = UNet()',
		`print(model(torch.zeros(1, 3, ${height}, ${width})).shape)  # (1, ${classes}, ${height}, ${width})`,
		'print(sum(p.numel() for p in model.parameters()))  # parameters',
		...(mode === 'scribble'
			? [
					`# Trained as the lab trains it: Adam, batches of ${DEFAULT_STEP.batch} random ${DEFAULT_STEP.crop}×${DEFAULT_STEP.crop} crops (flipped,`,
					'# colours jittered); the cross-entropy of the painted pixels only (label -1: not painted).',
					`optimizer = torch.optim.Adam(model.parameters(), lr=${LEARNING_RATE}, eps=1e-7)`,
					'loss_fn = nn.CrossEntropyLoss(ignore_index=-1)'
				]
			: [])
	].join('\n');

	// Keras
	const body: string[] = [
		`inputs = keras.Input(shape=(${height}, ${width}, 3))  # H, W, C: RGB in [0, 1]`,
		padded
			? `x = pad_symmetric(inputs - 0.5, ${ph - height}, ${pw - width})  # -> (None, ${ph}, ${pw}, 3)`
			: `x = inputs - 0.5  # ${height}×${width}: already multiples of ${multiple}`,
		`e0 = block(x, ${c(0)})  # -> ${hwc(0)}`
	];
	for (let l = 1; l < depth; l++)
		body.push(
			`e${l} = block(layers.MaxPooling2D(2)(e${l - 1}), ${c(l)})  # -> ${hwc(l)}${l === depth - 1 ? ', the bottleneck' : ''}`
		);
	for (let l = depth - 2; l >= 0; l--) {
		const from = l === depth - 2 ? `e${depth - 1}` : `d${l + 1}`;
		body.push(
			config.upsampling === 'transposed'
				? `u${l} = layers.Conv2DTranspose(${c(l)}, kernel_size=${config.upKernel}, strides=2, padding='same', activation='relu')(${from})  # -> ${hwc(l)}`
				: `u${l} = layers.Conv2D(${c(l)}, kernel_size=3, padding='same', activation='relu')(layers.UpSampling2D(2)(${from}))  # -> ${hwc(l)}`,
			`d${l} = block(${skips ? `layers.Concatenate()([u${l}, e${l}])` : `u${l}`}, ${c(l)})  # -> ${hwc(l)}`
		);
	}
	body.push(
		`logits = layers.Conv2D(${classes}, kernel_size=1)(d0)${padded ? `[:, :${height}, :${width}]` : ''}  # -> (None, ${height}, ${width}, ${classes})`,
		'model = keras.Model(inputs, logits)',
		'model.summary()'
	);
	const keras = [
		'import keras',
		'from keras import layers, ops',
		'',
		'',
		'def block(x, channels):',
		`    """Two 3×3 convs ('same')${batchNorm ? ', each with batch norm' : ''}, each followed by a ReLU."""`,
		'    for _ in range(2):',
		"        x = layers.Conv2D(channels, kernel_size=3, padding='same')(x)",
		...(batchNorm
			? [`        x = layers.BatchNormalization(momentum=${BN_MOMENTUM}, epsilon=${BN_EPSILON})(x)`]
			: []),
		'        x = layers.ReLU()(x)',
		'    return x',
		'',
		'',
		'def pad_symmetric(x, rows, cols):',
		'    """Mirror rows below and columns to the right, the edge repeated (TensorFlow\'s SYMMETRIC)."""',
		'    x = ops.concatenate([x, ops.flip(x, axis=1)[:, :rows]], axis=1)',
		'    return ops.concatenate([x, ops.flip(x, axis=2)[:, :, :cols]], axis=2)',
		'',
		'',
		...body,
		...(mode === 'scribble'
			? [
					`# Trained as the lab trains it: Adam, batches of ${DEFAULT_STEP.batch} random ${DEFAULT_STEP.crop}×${DEFAULT_STEP.crop} crops; the`,
					'# cross-entropy of the painted pixels only (sample_weight 0 where nothing is painted).',
					'model.compile(',
					`    optimizer=keras.optimizers.Adam(learning_rate=${LEARNING_RATE}),`,
					'    loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),',
					')'
				]
			: [])
	].join('\n');

	const who = mode === 'scribble' ? 'Your U-Net' : 'The pretrained U-Net';
	return {
		title: `${who}: ${depth} levels of ${Array.from({ length: depth }, (_, l) => c(l)).join(', ')} channels, skip connections ${skips ? 'on' : 'off'}, ${upsamplingWords(config)}${batchNorm ? ', batch norm' : ''}, ${classes} classes, on the ${height}×${width} picture (padded to ${ph}×${pw}).`,
		pytorch,
		keras
	};
}

/** 1 − 0.9 without the float tail (0.09999999999999998). */
function round(v: number): number {
	return Number(v.toFixed(6));
}
