/** Every architecture the lab offers by name, and the comparisons it suggests. */
import type { Architecture } from './architecture';
import { alexnetV2, mobilenetV1, resnetV1_50, vgg16 } from './slimNetworks';
import { dilatedStack, oneConv5, oneConv7, pooledStack, threeConv3, twoConv3 } from './toyStacks';

export const PRESET_IDS = [
	'conv3x3',
	'conv7',
	'conv3x2',
	'conv5',
	'pooled',
	'dilated',
	'alexnet',
	'vgg16',
	'mobilenet',
	'resnet50'
] as const;
export type PresetId = (typeof PRESET_IDS)[number];

const BUILDERS: Record<PresetId, () => Architecture> = {
	conv3x3: threeConv3,
	conv7: oneConv7,
	conv3x2: twoConv3,
	conv5: oneConv5,
	pooled: pooledStack,
	dilated: dilatedStack,
	alexnet: alexnetV2,
	vgg16,
	mobilenet: mobilenetV1,
	resnet50: resnetV1_50
};

/** A fresh copy each call, so an edit never changes the preset. */
export function presetArchitecture(id: PresetId): Architecture {
	return BUILDERS[id]();
}

export const PRESET_TITLES: Record<PresetId, string> = Object.fromEntries(
	PRESET_IDS.map((id) => [id, BUILDERS[id]().title])
) as Record<PresetId, string>;

/** Side-by-side pairs that each answer one question. */
export const COMPARISONS: readonly { label: string; a: PresetId; b: PresetId }[] = [
	{ label: 'Three 3×3 vs one 7×7', a: 'conv3x3', b: 'conv7' },
	{ label: 'Two 3×3 vs one 5×5', a: 'conv3x2', b: 'conv5' },
	{ label: 'Pooling vs dilation', a: 'pooled', b: 'dilated' },
	{ label: 'AlexNet v2 vs VGG-16', a: 'alexnet', b: 'vgg16' },
	{ label: 'MobileNet v1 vs ResNet-50', a: 'mobilenet', b: 'resnet50' }
];
