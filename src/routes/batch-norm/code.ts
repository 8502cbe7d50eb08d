/**
 * "Code for what is on screen" (issue 25) for the batch-norm lab: the PyTorch and Keras code of
 * Ioffe & Szegedy's §4.1 network as the lab trains it — 784–100–100–100–10, sigmoid, weights from
 * N(0, INIT_SD²), biases 0, plain SGD at the lab's rate on batches of 60 — without BN, with BN
 * (no bias before BN: β replaces it; ε and the running-average momentum of batchNorm.ts), and
 * noisy BN's layer (noisyBatchNorm.ts's magnitudes). Pure: the shapes it implies are tested.
 */
import { py, type CodeListing } from '$lib/codegen/listing';
import { BN_EPSILON, RUNNING_MOMENTUM } from '$lib/engine/batchNorm/batchNorm';
import { INIT_SD, IOFFE_LAYERS } from '$lib/engine/batchNorm/ioffeNetwork';
import { NOISE } from '$lib/engine/batchNorm/noisyBatchNorm';
import { BATCH_NORM_BATCH } from '$lib/workers/batchNormProtocol';

const indent = (lines: readonly string[], by = '    ') => lines.map((l) => by + l).join('\n');

function torchLayers(bn: boolean, noisy: boolean): string[] {
	const lines: string[] = [];
	for (let i = 0; i < 3; i++) {
		const [n, m] = [IOFFE_LAYERS[i], IOFFE_LAYERS[i + 1]];
		lines.push(`nn.Linear(${n}, ${m}${bn ? ', bias=False' : ''}),`);
		if (bn)
			lines.push(
				`nn.BatchNorm1d(${m}, eps=${py(BN_EPSILON)}, momentum=${py(1 - RUNNING_MOMENTUM)}),`
			);
		if (noisy) lines.push(`NoisyBN(${m}),`);
		lines.push('nn.Sigmoid(),');
	}
	lines.push(`nn.Linear(${IOFFE_LAYERS[3]}, ${IOFFE_LAYERS[4]}),  # logits`);
	return lines;
}

function kerasLayers(bn: boolean, noisy: boolean): string[] {
	const init = `initializers.RandomNormal(stddev=${py(INIT_SD)})`;
	const lines: string[] = [`keras.Input(shape=(${IOFFE_LAYERS[0]},)),`];
	for (let i = 0; i < 3; i++) {
		const m = IOFFE_LAYERS[i + 1];
		if (!bn) {
			lines.push(`layers.Dense(${m}, activation='sigmoid', kernel_initializer=${init}),`);
			continue;
		}
		lines.push(
			`layers.Dense(${m}, use_bias=False, kernel_initializer=${init}),`,
			`layers.BatchNormalization(momentum=${py(RUNNING_MOMENTUM)}, epsilon=${py(BN_EPSILON)}),`
		);
		if (noisy) lines.push('NoisyBN(),');
		lines.push("layers.Activation('sigmoid'),");
	}
	lines.push(`layers.Dense(${IOFFE_LAYERS[4]}, kernel_initializer=${init}),  # logits`);
	return lines;
}

const TORCH_NOISY = [
	'class NoisyBN(nn.Module):',
	'    """Santurkar et al.: after BN, a per-step, per-unit random scale and shift, and per-sample noise."""',
	'',
	'    def __init__(self, units):',
	'        super().__init__()',
	'        self.units = units',
	'',
	'    def forward(self, y):',
	'        if not self.training:',
	'            return y',
	`        scale = 1 + torch.rand(self.units) * ${py(NOISE.scaleMax - 1)}`,
	`        shift = (torch.rand(self.units) * 2 - 1) * ${py(NOISE.shift)}`,
	`        return scale * (y + torch.randn_like(y) * ${py(NOISE.sampleSd)}) + shift`
];

const KERAS_NOISY = [
	'class NoisyBN(layers.Layer):',
	'    """Santurkar et al.: after BN, a per-step, per-unit random scale and shift, and per-sample noise."""',
	'',
	'    def call(self, y, training=False):',
	'        if not training:',
	'            return y',
	'        units = y.shape[-1]',
	`        scale = 1 + keras.random.uniform((units,)) * ${py(NOISE.scaleMax - 1)}`,
	`        shift = (keras.random.uniform((units,)) * 2 - 1) * ${py(NOISE.shift)}`,
	`        return scale * (y + keras.random.normal(keras.ops.shape(y)) * ${py(NOISE.sampleSd)}) + shift`
];

/** The three networks the lab trains side by side, at SGD rate `lr`. */
export function ioffeCode(lr: number): CodeListing {
	const variants = [
		['plain', false, false],
		['bn', true, false],
		['noisy_bn', true, true]
	] as const;
	const pytorch = [
		'import torch',
		'from torch import nn',
		'',
		...TORCH_NOISY,
		'',
		'',
		'torch.manual_seed(1)',
		...variants.flatMap(([name, bn, noisy]) => [
			`${name} = nn.Sequential(`,
			indent(torchLayers(bn, noisy)),
			')'
		]),
		"nets = {'plain': plain, 'bn': bn, 'noisy-bn': noisy_bn}",
		'for net in nets.values():',
		'    for m in net.modules():',
		'        if isinstance(m, nn.Linear):',
		`            nn.init.normal_(m.weight, std=${py(INIT_SD)})`,
		'            if m.bias is not None:',
		'                nn.init.zeros_(m.bias)',
		`optimizers = {k: torch.optim.SGD(m.parameters(), lr=${py(lr)}) for k, m in nets.items()}`,
		`x = torch.zeros(${BATCH_NORM_BATCH}, ${IOFFE_LAYERS[0]})  # a batch of flattened 28×28 images in [0, 1]`,
		'for name, net in nets.items():',
		'    print(name, net(x).shape, sum(p.numel() for p in net.parameters()))'
	].join('\n');
	const keras = [
		'import keras',
		'from keras import initializers, layers',
		'',
		...KERAS_NOISY,
		'',
		'',
		...variants.flatMap(([name, bn, noisy]) => [
			`${name} = keras.Sequential([`,
			indent(kerasLayers(bn, noisy)),
			'])'
		]),
		'for model in (plain, bn, noisy_bn):',
		'    model.compile(',
		`        optimizer=keras.optimizers.SGD(learning_rate=${py(lr)}),`,
		'        loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),',
		"        metrics=['accuracy'],",
		'    )',
		'    model.summary()',
		`# model.fit(x_train.reshape(-1, ${IOFFE_LAYERS[0]}), y_train, batch_size=${BATCH_NORM_BATCH})`
	].join('\n');
	return {
		title: `Ioffe & Szegedy’s network (${IOFFE_LAYERS.join('–')}, sigmoid), without BN, with BN and with noisy BN, plain SGD at rate ${py(lr)}, batches of ${BATCH_NORM_BATCH}.`,
		pytorch,
		keras
	};
}
