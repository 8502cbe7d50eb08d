/**
 * Four ImageNet networks layer for layer as TF-Slim defines them (tensorflow/models,
 * research/slim/nets: alexnet.py, vgg.py, mobilenet_v1.py, resnet_v1.py, resnet_utils.py), up to
 * the last spatial feature layer — the end points Araujo et al. tabulate (alexnet_v2/pool5,
 * vgg_16/pool5, Conv2d_13_pointwise, resnet_v1_50/block4). The classifier heads after them
 * (fc6–fc8, global pooling, logits) see the whole 224² image and are left out.
 * Padding follows each file's arg_scope: conv2d 'SAME' unless a layer says otherwise;
 * slim.max_pool2d defaults to 'VALID' (resnet_arg_scope sets 'SAME').
 */
import { chain, INPUT, layer, type ArchNode, type Architecture } from './architecture';

const SLIM = 'TF-Slim, tensorflow/models research/slim/nets';

/** alexnet.py, alexnet_v2: conv1 11×11/4 'VALID', 3×3/2 max pools, conv2 5×5, conv3–5 3×3. */
export function alexnetV2(): Architecture {
	return chain(
		'alexnet',
		'AlexNet v2',
		[
			{ name: 'conv1', op: layer('conv', 11, { stride: 4, padding: 'valid', channels: 64 }) },
			{ name: 'pool1', op: layer('maxpool', 3, { stride: 2 }) },
			{ name: 'conv2', op: layer('conv', 5, { channels: 192 }) },
			{ name: 'pool2', op: layer('maxpool', 3, { stride: 2 }) },
			{ name: 'conv3', op: layer('conv', 3, { channels: 384 }) },
			{ name: 'conv4', op: layer('conv', 3, { channels: 384 }) },
			{ name: 'conv5', op: layer('conv', 3, { channels: 256 }) },
			{ name: 'pool5', op: layer('maxpool', 3, { stride: 2 }) }
		],
		`${SLIM}/alexnet.py (alexnet_v2)`
	);
}

/** vgg.py, vgg_16: five blocks of 'SAME' 3×3 convs (2, 2, 3, 3, 3), each closed by a 2×2/2 max pool. */
export function vgg16(): Architecture {
	const blocks: [number, number][] = [
		[2, 64],
		[2, 128],
		[3, 256],
		[3, 512],
		[3, 512]
	];
	const layers = blocks.flatMap(([repeat, channels], b) => [
		...Array.from({ length: repeat }, (_, i) => ({
			name: `conv${b + 1}/conv${b + 1}_${i + 1}`,
			op: layer('conv', 3, { channels })
		})),
		{ name: `pool${b + 1}`, op: layer('maxpool', 2, { stride: 2 }) }
	]);
	return chain('vgg16', 'VGG-16', layers, `${SLIM}/vgg.py (vgg_16)`);
}

/**
 * mobilenet_v1.py, MOBILENETV1_CONV_DEFS: a 3×3/2 conv, then 13 depthwise-separable layers
 * (3×3 depthwise + 1×1 pointwise), strides 1,2,1,2,1,2,1,1,1,1,1,2,1, all 'SAME'.
 */
export function mobilenetV1(): Architecture {
	const defs: [number, number][] = [
		[1, 64],
		[2, 128],
		[1, 128],
		[2, 256],
		[1, 256],
		[2, 512],
		[1, 512],
		[1, 512],
		[1, 512],
		[1, 512],
		[1, 512],
		[2, 1024],
		[1, 1024]
	];
	return chain(
		'mobilenet',
		'MobileNet v1',
		[
			{ name: 'Conv2d_0', op: layer('conv', 3, { stride: 2, channels: 32 }) },
			...defs.flatMap(([stride, channels], i) => [
				{ name: `Conv2d_${i + 1}_depthwise`, op: layer('dwconv', 3, { stride }) },
				{ name: `Conv2d_${i + 1}_pointwise`, op: layer('conv', 1, { channels }) }
			])
		],
		`${SLIM}/mobilenet_v1.py (mobilenet_v1_base)`
	);
}

/**
 * resnet_v1.py, resnet_v1_50: conv1 = conv2d_same 7×7/2 (explicit symmetric padding 3, then
 * 'VALID'), pool1 3×3/2 'SAME', then blocks of bottleneck units (1×1, 3×3, 1×1 with 4× the
 * bottleneck depth) of 3, 4, 6, 3 units with block strides 2, 2, 2, 1. resnet_v1_block puts
 * the stride in the LAST unit of a block, on the 3×3 conv2d_same (padding 1, 'VALID'). The
 * shortcut is a 1×1 projection (with the stride) when the depth changes, else
 * resnet_utils.subsample: a 1×1 max pool with the stride (the identity at stride 1).
 */
export function resnetV1_50(): Architecture {
	const nodes: ArchNode[] = [];
	const add = (node: ArchNode) => nodes.push(node) - 1;
	let last = add({
		name: 'conv1',
		op: layer('conv', 7, { stride: 2, padding: 3, channels: 64 }),
		inputs: [INPUT]
	});
	last = add({
		name: 'pool1',
		op: layer('maxpool', 3, { stride: 2, padding: 'same' }),
		inputs: [last]
	});
	let depthIn = 64;
	const blocks: [number, number, number][] = [
		[64, 3, 2],
		[128, 4, 2],
		[256, 6, 2],
		[512, 3, 1]
	];
	blocks.forEach(([base, units, blockStride], b) => {
		for (let u = 0; u < units; u++) {
			const stride = u === units - 1 ? blockStride : 1;
			const depth = base * 4;
			const scope = `block${b + 1}/unit_${u + 1}/bottleneck_v1`;
			const from = last;
			let shortcut = from;
			if (depth !== depthIn) {
				shortcut = add({
					name: `${scope}/shortcut`,
					op: layer('conv', 1, { stride, channels: depth, relu: false }),
					inputs: [from]
				});
			} else if (stride > 1) {
				shortcut = add({
					name: `${scope}/shortcut (subsample)`,
					op: layer('maxpool', 1, { stride }),
					inputs: [from]
				});
			}
			const conv1 = add({
				name: `${scope}/conv1`,
				op: layer('conv', 1, { channels: base }),
				inputs: [from]
			});
			const conv2 = add({
				name: `${scope}/conv2`,
				op: layer('conv', 3, { stride, padding: stride > 1 ? 1 : 'same', channels: base }),
				inputs: [conv1]
			});
			const conv3 = add({
				name: `${scope}/conv3`,
				op: layer('conv', 1, { channels: depth, relu: false }),
				inputs: [conv2]
			});
			last = add({
				name: `${scope} (add)`,
				op: { kind: 'add', relu: true },
				inputs: [shortcut, conv3]
			});
			depthIn = depth;
		}
	});
	return {
		id: 'resnet50',
		title: 'ResNet-50 v1',
		inputChannels: 3,
		nodes,
		source: `${SLIM}/resnet_v1.py (resnet_v1_50), resnet_utils.py (conv2d_same, subsample)`
	};
}
