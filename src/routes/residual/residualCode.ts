/**
 * The Residual lab's networks as PyTorch and Keras code (issue 25's "code for what is on screen"):
 * plain and residual MLPs of the selected depth exactly as engine/residual/residualNetwork.ts builds
 * them — input Linear 784 → 64 (no bias) + BN + ReLU, n blocks of Linear–BN–ReLU–Linear–BN with
 * the identity added in the residual one, then ReLU, and a 10-way head with a bias — with BN's
 * ε = 10⁻³ and PyTorch momentum 0.1 (Keras 0.9), and the lab's SGD recipe.
 */
import { py, type CodeListing } from '$lib/codegen/listing';
import { BN_EPSILON } from '$lib/engine/batchNorm/batchNorm';
import {
	blockCount,
	CLASSES,
	INPUTS,
	RUNNING_MOMENTUM,
	WIDTH
} from '$lib/engine/residual/residualNetwork';
import { RESIDUAL_RECIPE } from '$lib/engine/residual/residualTraining';

export function residualCode(depth: number, learningRate: number): CodeListing {
	const n = blockCount(depth);
	const eps = py(BN_EPSILON);
	const torchMomentum = py(1 - RUNNING_MOMENTUM);
	const { momentum, weightDecay, batchSize } = RESIDUAL_RECIPE;
	const pytorch = [
		'import torch',
		'from torch import nn',
		'',
		'',
		'def bn(width):',
		`    return nn.BatchNorm1d(width, eps=${eps}, momentum=${torchMomentum})`,
		'',
		'',
		'class Block(nn.Module):',
		'    """ReLU(h + F(h)) with the shortcut, ReLU(F(h)) without; F = Linear-BN-ReLU-Linear-BN."""',
		'',
		'    def __init__(self, width, shortcut):',
		'        super().__init__()',
		'        self.shortcut = shortcut',
		'        self.branch = nn.Sequential(',
		'            nn.Linear(width, width, bias=False), bn(width), nn.ReLU(),',
		'            nn.Linear(width, width, bias=False), bn(width))',
		'',
		'    def forward(self, h):',
		'        f = self.branch(h)',
		'        return torch.relu(h + f if self.shortcut else f)',
		'',
		'',
		'def network(blocks, shortcut):',
		'    return nn.Sequential(',
		`        nn.Flatten(), nn.Linear(${INPUTS}, ${WIDTH}, bias=False), bn(${WIDTH}), nn.ReLU(),`,
		`        *[Block(${WIDTH}, shortcut) for _ in range(blocks)],`,
		`        nn.Linear(${WIDTH}, ${CLASSES}))  # logits; softmax in nn.CrossEntropyLoss`,
		'',
		'',
		`plain = network(${n}, shortcut=False)  # plain-${depth}: ${depth} weight layers`,
		`residual = network(${n}, shortcut=True)  # residual-${depth}`,
		'for net in (plain, residual):',
		'    optimizer = torch.optim.SGD(',
		`        net.parameters(), lr=${py(learningRate)}, momentum=${py(momentum)}, weight_decay=${py(weightDecay)})`,
		`    print(net(torch.randn(${batchSize}, 1, 28, 28)).shape)  # torch.Size([${batchSize}, ${CLASSES}])`,
		'    print(sum(p.numel() for p in net.parameters()))  # trainable parameters'
	].join('\n');
	const keras = [
		'import keras',
		'from keras import layers',
		'',
		'',
		'def bn():',
		`    return layers.BatchNormalization(momentum=${py(RUNNING_MOMENTUM)}, epsilon=${eps})`,
		'',
		'',
		'def network(blocks, shortcut):',
		'    inputs = keras.Input(shape=(28, 28, 1))',
		'    h = layers.Flatten()(inputs)',
		`    h = layers.ReLU()(bn()(layers.Dense(${WIDTH}, use_bias=False)(h)))`,
		'    for _ in range(blocks):',
		`        f = layers.ReLU()(bn()(layers.Dense(${WIDTH}, use_bias=False)(h)))`,
		`        f = bn()(layers.Dense(${WIDTH}, use_bias=False)(f))`,
		'        h = layers.ReLU()(layers.Add()([h, f]) if shortcut else f)',
		`    return keras.Model(inputs, layers.Dense(${CLASSES})(h))  # logits`,
		'',
		'',
		`plain = network(${n}, shortcut=False)  # plain-${depth}`,
		`residual = network(${n}, shortcut=True)  # residual-${depth}`,
		"# PyTorch's weight_decay adds λθ to the gradient; Keras's SGD(weight_decay=…) decays the",
		'# weights outside the momentum, so it is left out here (an L2 regularizer of λ/2 matches it).',
		'for net in (plain, residual):',
		'    net.compile(',
		`        optimizer=keras.optimizers.SGD(learning_rate=${py(learningRate)}, momentum=${py(momentum)}),`,
		'        loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))',
		`    print(net.count_params())  # includes BN's running averages (2 × ${WIDTH} per BN)`
	].join('\n');
	return {
		title: `Plain-${depth} and residual-${depth}: ${n} blocks of Linear–BN–ReLU–Linear–BN (width ${WIDTH}) between a ${INPUTS} → ${WIDTH} input layer and a ${CLASSES}-way head; the residual net adds the identity around each block.`,
		pytorch,
		keras
	};
}
