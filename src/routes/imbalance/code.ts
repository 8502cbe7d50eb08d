/**
 * "Code for what is on screen" (issue 25) for the imbalance lab: the PyTorch and Keras code of the
 * experiment as the lab runs it — the rare class thinned to 1/ρ, the lab's network
 * (the recipe's network: ConvLab's small classifier without batch norm at its channels — 3×3 convs
 * with 2×2 max-pools, dense 64, the dropout only when its rate is above 0 — and its initialisation),
 * the recipe's optimizer (Adam, or SGD with momentum) decayed along a cosine to 0 over `steps`
 * steps of batches of 64 (engine/imbalance/imbalanceTraining.ts's cosineLearningRate), and the remedies that
 * are on: the class-weighted loss (sklearn's N/(K·n_c), normalised as CrossEntropyLoss(weight=w)
 * does), oversampling (a balanced sampler), undersampling, post-hoc logit adjustment. Pure.
 */
import { py, type CodeListing } from '$lib/codegen/listing';
import { FASHION_DENSE_UNITS } from '$lib/engine/architectures/fashionClassifier';
import { FASHION_CLASSES } from '$lib/engine/fashionClasses';
import {
	IMBALANCE_RECIPES,
	type ImbalanceRecipe,
	type RecipeId
} from '$lib/engine/imbalance/imbalanceTraining';
import { DEFAULT_BATCH_SIZE } from '$lib/workers/imbalanceProtocol';
import type { ImbalanceState } from './lab';

const SIDE = 28;

function torchModel({ network }: ImbalanceRecipe): string[] {
	const lines: string[] = [];
	let [c, n] = [1, SIDE];
	for (const out of network.channels) {
		n = Math.floor(n / 2);
		lines.push(
			`nn.Conv2d(${c}, ${out}, kernel_size=3, padding=1), nn.ReLU(),`,
			`nn.MaxPool2d(2),  # -> (N, ${out}, ${n}, ${n})`
		);
		c = out;
	}
	const flat = c * n * n;
	const dropout = network.dropout;
	lines.push(
		`nn.Flatten(),  # ${c}·${n}·${n} = ${flat}`,
		`nn.Linear(${flat}, ${FASHION_DENSE_UNITS}), nn.ReLU(),${dropout > 0 ? ` nn.Dropout(${dropout}),` : ''}`,
		`nn.Linear(${FASHION_DENSE_UNITS}, 10),  # logits`
	);
	return lines;
}

/** He's initialisation in PyTorch (the 'adam' recipe's; PyTorch's own default needs no code). */
const TORCH_HE_INIT = [
	'def he_init(net):',
	'    """He normal kernels, Glorot uniform logits, zero biases: the lab’s initialisation."""',
	'    layers = [m for m in net if isinstance(m, (nn.Conv2d, nn.Linear))]',
	'    for m in layers:',
	"        nn.init.kaiming_normal_(m.weight, nonlinearity='relu')",
	'        nn.init.zeros_(m.bias)',
	'    nn.init.xavier_uniform_(layers[-1].weight)',
	'    return net'
];

/** PyTorch's default initialisation in Keras: U(±1/√fan_in) for kernels and biases. */
const KERAS_TORCH_INIT = [
	'# PyTorch’s default initialisation: kernels and biases uniform in ±1/√fan_in',
	"TORCH_INIT = keras.initializers.VarianceScaling(1 / 3, 'fan_in', 'uniform')",
	'def torch_bias(fan_in):',
	'    return keras.initializers.RandomUniform(-fan_in ** -0.5, fan_in ** -0.5)'
];

function kerasModel({ network }: ImbalanceRecipe): string[] {
	const pytorchInit = network.initialization === 'pytorch';
	const init = (fanIn: number, he = true) =>
		pytorchInit
			? `, kernel_initializer=TORCH_INIT, bias_initializer=torch_bias(${fanIn})`
			: he
				? ", kernel_initializer='he_normal'"
				: '';
	const lines = [`keras.Input(shape=(${SIDE}, ${SIDE}, 1)),`];
	let [c, n] = [1, SIDE];
	for (const out of network.channels) {
		const half = Math.floor(n / 2);
		lines.push(
			`layers.Conv2D(${out}, kernel_size=3, padding='same', activation='relu'${init(9 * c)}),`,
			`layers.MaxPooling2D(2),  # -> (None, ${half}, ${half}, ${out})`
		);
		[c, n] = [out, half];
	}
	lines.push(
		'layers.Flatten(),',
		`layers.Dense(${FASHION_DENSE_UNITS}, activation='relu'${init(c * n * n)}),`,
		...(network.dropout > 0 ? [`layers.Dropout(${network.dropout}),`] : []),
		`layers.Dense(10${init(FASHION_DENSE_UNITS, false)}),  # logits`
	);
	return lines;
}

/** A recipe in words (the listing's title). */
export function recipeWords(id: RecipeId): string {
	const r = IMBALANCE_RECIPES[id];
	const opt =
		r.optimizer === 'sgd'
			? `SGD with momentum ${r.momentum ?? 0} from ${py(r.learningRate)}`
			: `Adam from ${py(r.learningRate)}`;
	const init =
		r.network.initialization === 'pytorch' ? 'PyTorch’s initialisation' : 'He initialisation';
	const dropout = r.network.dropout > 0 ? `dropout ${r.network.dropout}` : 'no dropout';
	return `${opt}, ${dropout}, ${init}`;
}

const indent = (lines: readonly string[], by = '    ') => lines.map((l) => by + l).join('\n');

export function imbalanceCode(
	s: Pick<
		ImbalanceState,
		'class' | 'ratio' | 'recipe' | 'weights' | 'oversample' | 'undersample' | 'adjust' | 'steps'
	>
): CodeListing {
	const name = FASHION_CLASSES[s.class];
	const recipe = IMBALANCE_RECIPES[s.recipe];
	const sgd = recipe.optimizer === 'sgd';
	const lr = py(recipe.learningRate);
	const momentum = py(recipe.momentum ?? 0);
	const he = recipe.network.initialization !== 'pytorch';
	const batch = DEFAULT_BATCH_SIZE;
	const variants = [
		'baseline',
		...(s.weights ? ['class-weights'] : []),
		...(s.oversample ? ['oversampling'] : []),
		...(s.undersample ? ['undersampling'] : [])
	];
	const thin = [
		`RARE, RATIO = ${s.class}, ${s.ratio}  # ${name} made rare: 1/ρ of its training images kept`,
		'',
		'def thin(y, rng):',
		'    """Indices of the training set with the rare class thinned to 1/ρ."""',
		'    rare = np.flatnonzero(y == RARE)',
		'    kept = rng.choice(rare, max(1, round(len(rare) / RATIO)), replace=False)',
		'    return np.sort(np.concatenate([np.flatnonzero(y != RARE), kept]))',
		'',
		'def undersample(y, idx, rng):',
		'    """Every class cut to the rarest class’s count."""',
		'    n = np.bincount(y[idx], minlength=10)',
		'    n = n[n > 0].min()',
		'    return np.sort(np.concatenate([rng.choice(idx[y[idx] == c], n, replace=False)',
		'                                   for c in range(10) if (y[idx] == c).any()]))'
	];
	const pytorch = [
		'import numpy as np',
		'import torch',
		'from torch import nn',
		'from torch.utils.data import DataLoader, TensorDataset, WeightedRandomSampler',
		'',
		...thin,
		'',
		...(he ? [...TORCH_HE_INIT, ''] : []),
		'def model():',
		`    return ${he ? 'he_init(' : ''}nn.Sequential(`,
		indent(torchModel(recipe), '        '),
		`    )${he ? ')' : ''}`,
		'',
		'def train(x, y, variant, steps=' + s.steps + '):',
		'    """x: (N, 1, 28, 28) float in [0, 1], y: (N,) int64, already thinned."""',
		'    counts = torch.bincount(y, minlength=10).float()',
		'    # sklearn’s "balanced" weights N / (K · n_c); the loss divides by Σ w of the batch',
		'    weights = len(y) / ((counts > 0).sum() * counts.clamp(min=1))',
		"    loss_fn = nn.CrossEntropyLoss(weight=weights if variant == 'class-weights' else None)",
		'    data = TensorDataset(x, y)',
		"    if variant == 'oversampling':  # every class equally often, rare images repeated",
		'        sampler = WeightedRandomSampler((1 / counts)[y], num_samples=len(y), replacement=True)',
		`        loader = DataLoader(data, batch_size=${batch}, sampler=sampler)`,
		'    else:',
		`        loader = DataLoader(data, batch_size=${batch}, shuffle=True)`,
		'    net = model()',
		sgd
			? `    opt = torch.optim.SGD(net.parameters(), lr=${lr}, momentum=${momentum})`
			: `    opt = torch.optim.Adam(net.parameters(), lr=${lr})`,
		'    # the rate falls along a cosine to 0 by the last step, so the run ends settled',
		'    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=steps)',
		'    step = 0',
		'    while step < steps:',
		'        for xb, yb in loader:',
		'            opt.zero_grad()',
		'            loss_fn(net(xb), yb).backward()',
		'            opt.step()',
		'            sched.step()',
		'            step += 1',
		'            if step == steps:',
		'                break',
		'    return net.eval(), counts',
		'',
		'def predict(net, x, counts=None):',
		'    """Class per image; with `counts`, logit adjustment: subtract the log training prior."""',
		'    with torch.no_grad():',
		'        logits = net(x)',
		'    if counts is not None:',
		'        logits = logits - torch.log(counts / counts.sum())',
		'    return logits.argmax(1)',
		'',
		`VARIANTS = ${JSON.stringify(variants).replace(/"/g, "'").replace(/,/g, ', ')}`,
		...(s.adjust
			? ['# logit adjustment: predict(baseline_net, x_test, counts), no retraining']
			: [])
	].join('\n');
	const keras = [
		'import numpy as np',
		'import keras',
		'from keras import layers',
		'',
		...thin,
		'',
		...(he ? [] : [...KERAS_TORCH_INIT, '']),
		'def model(steps):',
		'    net = keras.Sequential([',
		indent(kerasModel(recipe), '        '),
		'    ])',
		'    net.compile(',
		'        # the rate falls along a cosine to 0 by the last step, so the run ends settled',
		sgd
			? `        optimizer=keras.optimizers.SGD(keras.optimizers.schedules.CosineDecay(${lr}, steps), momentum=${momentum}),`
			: `        optimizer=keras.optimizers.Adam(keras.optimizers.schedules.CosineDecay(${lr}, steps)),`,
		'        loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),',
		'    )',
		'    return net',
		'',
		'def train(x, y, variant, steps=' + s.steps + '):',
		'    """x: (N, 28, 28, 1) float in [0, 1], y: (N,) int, already thinned."""',
		'    counts = np.bincount(y, minlength=10)',
		'    weights = len(y) / ((counts > 0).sum() * np.maximum(counts, 1))',
		'    net = model(steps)',
		"    if variant == 'oversampling':  # every class equally often, rare images repeated",
		'        p = (1 / counts)[y]',
		`        idx = np.random.choice(len(y), (steps * ${batch},), p=p / p.sum())`,
		`        net.fit(x[idx], y[idx], batch_size=${batch}, epochs=1, shuffle=False)`,
		'    else:',
		`        epochs = -(-steps * ${batch} // len(y))`,
		'        # Keras divides the weighted sum by the batch size, PyTorch (and the lab) by Σ w',
		"        cw = dict(enumerate(weights)) if variant == 'class-weights' else None",
		`        net.fit(x, y, batch_size=${batch}, epochs=epochs, class_weight=cw)`,
		'    return net, counts',
		'',
		'def predict(net, x, counts=None):',
		'    """Class per image; with `counts`, logit adjustment: subtract the log training prior."""',
		'    logits = net.predict(x, verbose=0)',
		'    if counts is not None:',
		'        logits = logits - np.log(counts / counts.sum())',
		'    return logits.argmax(1)',
		'',
		`VARIANTS = ${JSON.stringify(variants).replace(/"/g, "'").replace(/,/g, ', ')}`
	].join('\n');
	return {
		title: `${name} made rare at ρ = ${s.ratio}: the small classifier (3×3 convs of ${recipe.network.channels.join(', ')} channels, no batch norm), ${recipeWords(s.recipe)}, the rate decayed along a cosine to 0 over ${s.steps} steps of batches of ${batch}, trained as ${variants.join(', ')}${s.adjust ? ', and logit adjustment of the baseline' : ''}.`,
		pytorch,
		keras
	};
}
