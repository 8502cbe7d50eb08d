/**
 * "Code for what is on screen" (issue 25) for the imbalance lab: the PyTorch and Keras code of the
 * experiment as the lab runs it — the rare class thinned to 1/ρ, the lab's network
 * (IMBALANCE_NETWORK: ConvLab's small classifier without batch norm at its channels — 3×3 convs
 * with 2×2 max-pools, dense 64, the dropout only when its rate is above 0), Adam at the lab's rate decayed along a cosine to 0 over `steps` steps of batches
 * of 64 (engine/imbalance/imbalanceTraining.ts's cosineLearningRate), and the remedies that
 * are on: the class-weighted loss (sklearn's N/(K·n_c), normalised as CrossEntropyLoss(weight=w)
 * does), oversampling (a balanced sampler), undersampling, post-hoc logit adjustment. Pure.
 */
import { py, type CodeListing } from '$lib/codegen/listing';
import { FASHION_DENSE_UNITS } from '$lib/engine/architectures/fashionClassifier';
import { FASHION_CLASSES } from '$lib/engine/fashionClasses';
import { IMBALANCE_NETWORK } from '$lib/engine/imbalance/imbalanceTraining';
import { DEFAULT_BATCH_SIZE, DEFAULT_LEARNING_RATE } from '$lib/workers/imbalanceProtocol';
import type { ImbalanceState } from './lab';

const SIDE = 28;
const { channels: CHANNELS, dropout: DROPOUT } = IMBALANCE_NETWORK;

function torchModel(): string[] {
	const lines: string[] = [];
	let [c, n] = [1, SIDE];
	for (const out of CHANNELS) {
		n = Math.floor(n / 2);
		lines.push(
			`nn.Conv2d(${c}, ${out}, kernel_size=3, padding=1), nn.ReLU(),`,
			`nn.MaxPool2d(2),  # -> (N, ${out}, ${n}, ${n})`
		);
		c = out;
	}
	const flat = c * n * n;
	lines.push(
		`nn.Flatten(),  # ${c}·${n}·${n} = ${flat}`,
		`nn.Linear(${flat}, ${FASHION_DENSE_UNITS}), nn.ReLU(),${DROPOUT > 0 ? ` nn.Dropout(${DROPOUT}),` : ''}`,
		`nn.Linear(${FASHION_DENSE_UNITS}, 10),  # logits`
	);
	return lines;
}

function kerasModel(): string[] {
	const lines = [`keras.Input(shape=(${SIDE}, ${SIDE}, 1)),`];
	let n = SIDE;
	for (const out of CHANNELS) {
		n = Math.floor(n / 2);
		lines.push(
			`layers.Conv2D(${out}, kernel_size=3, padding='same', activation='relu'),`,
			`layers.MaxPooling2D(2),  # -> (None, ${n}, ${n}, ${out})`
		);
	}
	lines.push(
		'layers.Flatten(),',
		`layers.Dense(${FASHION_DENSE_UNITS}, activation='relu'),`,
		...(DROPOUT > 0 ? [`layers.Dropout(${DROPOUT}),`] : []),
		'layers.Dense(10),  # logits'
	);
	return lines;
}

const indent = (lines: readonly string[], by = '    ') => lines.map((l) => by + l).join('\n');

export function imbalanceCode(
	s: Pick<
		ImbalanceState,
		'class' | 'ratio' | 'weights' | 'oversample' | 'undersample' | 'adjust' | 'steps'
	>
): CodeListing {
	const name = FASHION_CLASSES[s.class];
	const lr = py(DEFAULT_LEARNING_RATE);
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
		'def model():',
		'    return nn.Sequential(',
		indent(torchModel(), '        '),
		'    )',
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
		`    opt = torch.optim.Adam(net.parameters(), lr=${lr})`,
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
		'def model(steps):',
		'    net = keras.Sequential([',
		indent(kerasModel(), '        '),
		'    ])',
		'    net.compile(',
		'        # the rate falls along a cosine to 0 by the last step, so the run ends settled',
		`        optimizer=keras.optimizers.Adam(keras.optimizers.schedules.CosineDecay(${lr}, steps)),`,
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
		title: `${name} made rare at ρ = ${s.ratio}: the small classifier (3×3 convs of ${CHANNELS.join(', ')} channels, no batch norm${DROPOUT > 0 ? `, dropout ${DROPOUT}` : ', no dropout'}), Adam ${lr} decayed along a cosine to 0 over ${s.steps} steps of batches of ${batch}, trained as ${variants.join(', ')}${s.adjust ? ', and logit adjustment of the baseline' : ''}.`,
		pytorch,
		keras
	};
}
