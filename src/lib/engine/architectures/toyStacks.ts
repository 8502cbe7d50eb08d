/**
 * Small stacks that answer one question each: why three 3×3 convs rather than one 7×7 (same
 * field, fewer weights, more non-linearities), what pooling does to the jump, and how dilation
 * (Yu & Koltun's context module; DeepLab's atrous convs) grows the field exponentially.
 */
import { chain, layer, type Architecture } from './architecture';

const C = 64;
const conv = (k: number, options = {}) => layer('conv', k, { channels: C, ...options });

export function oneConv7(): Architecture {
	return chain('conv7', 'One 7×7 conv', [{ name: 'conv7x7', op: conv(7) }]);
}

export function threeConv3(): Architecture {
	return chain(
		'conv3x3',
		'Three 3×3 convs',
		[1, 2, 3].map((i) => ({ name: `conv3x3_${i}`, op: conv(3) }))
	);
}

export function oneConv5(): Architecture {
	return chain('conv5', 'One 5×5 conv', [{ name: 'conv5x5', op: conv(5) }]);
}

export function twoConv3(): Architecture {
	return chain(
		'conv3x2',
		'Two 3×3 convs',
		[1, 2].map((i) => ({ name: `conv3x3_${i}`, op: conv(3) }))
	);
}

/** conv, conv, pool, conv, conv, pool, conv: the pools double the jump, so later 3×3s reach further. */
export function pooledStack(): Architecture {
	return chain('pooled', 'Convs with pooling', [
		{ name: 'conv1_1', op: conv(3) },
		{ name: 'conv1_2', op: conv(3) },
		{ name: 'pool1', op: layer('maxpool', 2, { stride: 2 }) },
		{ name: 'conv2_1', op: conv(3) },
		{ name: 'conv2_2', op: conv(3) },
		{ name: 'pool2', op: layer('maxpool', 2, { stride: 2 }) },
		{ name: 'conv3_1', op: conv(3) }
	]);
}

/**
 * Yu & Koltun's basic context module (ICLR 2016): 3×3 convs with dilations 1, 1, 2, 4, 8, 16, 1
 * ('same' padding keeps the resolution). The field grows to 67 with no pooling and no stride.
 */
export function dilatedStack(): Architecture {
	return chain(
		'dilated',
		'Dilated stack (context module)',
		[1, 1, 2, 4, 8, 16, 1].map((dilation, i) => ({
			name: `conv${i + 1}${dilation > 1 ? ` (d=${dilation})` : ''}`,
			op: conv(3, { dilation })
		})),
		'Yu & Koltun, Multi-Scale Context Aggregation by Dilated Convolutions (2016), basic module'
	);
}
