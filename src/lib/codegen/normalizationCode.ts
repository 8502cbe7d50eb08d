/**
 * The Normalization lab as PyTorch and Keras code: (1) the 3×3 linear filter fitted by plain
 * gradient descent to a target kernel's response on every 3×3 patch of the learner's image, and
 * (2) softmax regression on Fashion-MNIST, both in the selected preprocessing x' = A(x − m) —
 * the lines that compute m and A (the mean, one global σ or a per-pixel σ, ZCA) are the point.
 * Statistics as the engine takes them (engine/normalization/preprocessing.ts,
 * fashionPreprocessing.ts): population moments, ZCA's ε, σ = 0 pixels only centred; each run's
 * step a multiple of its own stability limit (2/λmax for the fit, 20/λmax for the classifier).
 */
import { FASHION_ZCA_EPSILON } from '$lib/engine/normalization/fashionPreprocessing';
import { PATCH_ZCA_EPSILON } from '$lib/engine/normalization/patchConditioning';
import type { Preprocessing } from '$lib/engine/normalization/preprocessing';
import { py, type CodeListing } from './listing';

export interface NormalizationCodeSettings {
	/** the luma image the patches come from, H×W */
	height: number;
	width: number;
	/** the target kernel's name and its 3×3 values, row-major */
	targetName: string;
	target: ArrayLike<number>;
	show: Preprocessing;
	/** the fit's step as a multiple of 2/λmax, and its iteration cap */
	lr: number;
	iters: number;
	/** the classifier's step as a multiple of 20/λmax, its full-batch steps, its training images */
	clfRate: number;
	clfSteps: number;
	trainCount: number;
}

const WORDS: Record<Preprocessing, string> = {
	raw01: 'pixels in [0, 1]',
	raw255: 'pixels in [0, 255]',
	centred: 'centred',
	standardised: 'standardised',
	whitened: 'ZCA-whitened'
};

/** 133,802 in words; 133_802 in a shape, as Python writes it. */
const grouped = (n: number) => n.toLocaleString('en');
const pyGrouped = (n: number) => grouped(n).replaceAll(',', '_');

type Lib = 'torch' | 'np';

/** The lines that set mu (m) and A of x' = A(x − m) for `rows` ([N, d] inputs). */
function preprocessingLines(
	lib: Lib,
	p: Preprocessing,
	rows: string,
	d: number,
	perPixel: boolean,
	epsilon: number
): string[] {
	const eye = lib === 'torch' ? `torch.eye(${d})` : `np.eye(${d})`;
	const zeros = lib === 'torch' ? `torch.zeros(${d})` : `np.zeros(${d})`;
	const mean = `mu = ${rows}.mean(0)  # the mean input`;
	switch (p) {
		case 'raw01':
			return [`mu, A = ${zeros}, ${eye}  # as they are`];
		case 'raw255':
			return [`mu, A = ${zeros}, 255 * ${eye}  # bytes`];
		case 'centred':
			return [mean, `A = ${eye}`];
		case 'standardised':
			return perPixel
				? [
						mean,
						lib === 'torch'
							? `sigma = ${rows}.std(0, correction=0)  # each pixel's σ`
							: `sigma = ${rows}.std(0)  # each pixel's σ`,
						'sigma[sigma < 1e-6] = 1  # a pixel that never changes is only centred',
						lib === 'torch' ? 'A = torch.diag(1 / sigma)' : 'A = np.diag(1 / sigma)'
					]
				: [
						mean,
						lib === 'torch'
							? `sigma = (${rows} - mu).pow(2).mean().sqrt()  # one σ for all ${d} pixels`
							: `sigma = np.sqrt(((${rows} - mu) ** 2).mean())  # one σ for all ${d} pixels`,
						`A = ${eye} / sigma`
					];
		case 'whitened':
			return [
				mean,
				`cov = (${rows} - mu).T @ (${rows} - mu) / len(${rows})  # Σ`,
				`lam, V = ${lib}.linalg.eigh(cov)`,
				`A = V @ ${lib}.diag(1 / ${lib}.sqrt(lam + ${py(epsilon)})) @ V.T  # ZCA: (Σ + εI)^(-1/2), ε = ${py(epsilon)}`
			];
	}
}

export function normalizationCode(s: NormalizationCodeSettings): CodeListing {
	const { height: h, width: w, show } = s;
	const patches = (h - 2) * (w - 2);
	const target = Array.from(s.target, py).join(', ');
	const eta = `${py(s.lr)} * 2 / eig[-1]`;
	const clfEta = `${py(s.clfRate)} * 20 / lam_max`;
	const words = WORDS[show];
	const fitHeading = `# 1. A 3×3 filter fitted to ${s.targetName}'s response on every 3×3 patch of your image, ${words}`;
	const clfHeading = `# 2. Softmax regression on Fashion-MNIST's first ${grouped(s.trainCount)} training images, ${words}`;
	const patchLines = (lib: Lib) => [
		...preprocessingLines(lib, show, 'patches', 9, false, PATCH_ZCA_EPSILON),
		"x = (patches - mu) @ A  # x' = A(x − m), the fit's inputs",
		show === 'raw01' || show === 'raw255'
			? 'y = (patches - mu) @ target  # the target kernel’s response'
			: 'y = (patches - mu) @ target  # the target’s response, centred (its mean is a bias, left out)',
		'hessian = x.T @ x / len(x)  # E[x x^T]: the Hessian of the loss ½·mean((x·w − y)²)',
		`eig = ${lib}.linalg.eigvalsh(hessian)  # ascending`,
		"print('kappa', eig[-1] / eig[0])"
	];
	const fashionLines = (lib: Lib) => [
		...preprocessingLines(lib, show, 'X', 784, true, FASHION_ZCA_EPSILON),
		"x = (X - mu) @ A  # the test images get the training images' mu and A",
		lib === 'torch'
			? 'x1 = torch.cat([x, torch.ones(len(x), 1)], 1)  # with the bias’s input'
			: 'x1 = np.hstack([x, np.ones((len(x), 1))])  # with the bias’s input',
		`lam_max = ${lib}.linalg.eigvalsh(x1.T @ x1 / len(x1))[-1]`
	];

	const pytorch = [
		'import torch',
		'import torch.nn.functional as F',
		'from torch import nn',
		'from torchvision.datasets import FashionMNIST',
		'',
		'torch.set_default_dtype(torch.float64)  # the lab takes these statistics in float64',
		'',
		fitHeading,
		`image = torch.rand(${h}, ${w})  # stand-in for your image's luma (0.299 R + 0.587 G + 0.114 B)`,
		`patches = F.unfold(image[None, None], kernel_size=3)[0].T  # (${pyGrouped(patches)}, 9) = ((${h} − 2)·(${w} − 2), 9)`,
		`target = torch.tensor([${target}], dtype=torch.float64)  # ${s.targetName}, row by row`,
		...patchLines('torch'),
		'w_star = torch.linalg.solve(hessian, x.T @ y / len(x))',
		'w = torch.zeros(9, requires_grad=True)',
		`optimizer = torch.optim.SGD([w], lr=float(${eta}))  # ${py(s.lr)} × 2/λmax`,
		`for step in range(${s.iters}):`,
		'    if torch.linalg.norm(w.detach() - w_star) < 1e-3 * torch.linalg.norm(w_star):',
		'        break',
		'    optimizer.zero_grad()',
		'    loss = 0.5 * ((x @ w - y) ** 2).mean()',
		'    loss.backward()',
		'    optimizer.step()',
		"print(step, 'steps; the kernel on raw patches:', (A @ w.detach()).reshape(3, 3))",
		'',
		clfHeading,
		"train = FashionMNIST('data', train=True, download=True)",
		"test = FashionMNIST('data', train=False, download=True)",
		`X = train.data[:${s.trainCount}].reshape(-1, 784) / 255  # (${pyGrouped(s.trainCount)}, 784) in [0, 1]`,
		`labels = train.targets[:${s.trainCount}]`,
		...fashionLines('torch'),
		'model = nn.Linear(784, 10)  # 10 class scores; softmax in the loss',
		'nn.init.zeros_(model.weight)',
		'nn.init.zeros_(model.bias)',
		`optimizer = torch.optim.SGD(model.parameters(), lr=float(${clfEta}))  # ${py(s.clfRate)} × 20/λmax`,
		`for step in range(${s.clfSteps}):  # full-batch gradient descent`,
		'    optimizer.zero_grad()',
		'    loss = F.cross_entropy(model(x), labels)',
		'    loss.backward()',
		'    optimizer.step()',
		'X_test = test.data.reshape(-1, 784) / 255  # (10_000, 784)',
		'accuracy = (model((X_test - mu) @ A).argmax(1) == test.targets).double().mean()',
		"print(f'training loss {loss.item():.3f}, test accuracy {accuracy:.3f}')"
	].join('\n');

	const keras = [
		'import numpy as np',
		'import keras',
		'from keras import layers',
		'',
		fitHeading,
		`image = np.random.rand(${h}, ${w})  # stand-in for your image's luma (0.299 R + 0.587 G + 0.114 B)`,
		`patches = np.lib.stride_tricks.sliding_window_view(image, (3, 3)).reshape(-1, 9)  # (${pyGrouped(patches)}, 9)`,
		`target = np.array([${target}], dtype=float)  # ${s.targetName}, row by row`,
		...patchLines('np'),
		"fit = keras.Sequential([keras.Input(shape=(9,)), layers.Dense(1, use_bias=False, kernel_initializer='zeros')])",
		"# Keras's 'mse' is mean((x·w − y)²), twice the lab's loss: half the learning rate is the same step",
		`fit.compile(optimizer=keras.optimizers.SGD(learning_rate=${eta} / 2), loss='mse')`,
		'# full-batch steps; the lab stops early once ‖w − w*‖ < 10⁻³‖w*‖',
		`fit.fit(x, y, batch_size=len(x), epochs=${s.iters}, shuffle=False, verbose=0)`,
		"print('the kernel on raw patches:', (A @ fit.get_weights()[0][:, 0]).reshape(3, 3))",
		'',
		clfHeading,
		'(X, labels), (X_test, labels_test) = keras.datasets.fashion_mnist.load_data()',
		`X = X[:${s.trainCount}].reshape(-1, 784) / 255  # (${pyGrouped(s.trainCount)}, 784) in [0, 1]`,
		`labels = labels[:${s.trainCount}]`,
		...fashionLines('np'),
		"model = keras.Sequential([keras.Input(shape=(784,)), layers.Dense(10, kernel_initializer='zeros')])",
		'model.compile(',
		`    optimizer=keras.optimizers.SGD(learning_rate=${clfEta}),  # ${py(s.clfRate)} × 20/λmax`,
		'    loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),',
		"    metrics=['accuracy'],",
		')',
		`model.fit(x, labels, batch_size=len(x), epochs=${s.clfSteps}, shuffle=False, verbose=0)  # full-batch steps`,
		'model.evaluate((X_test.reshape(-1, 784) / 255 - mu) @ A, labels_test)'
	].join('\n');

	return {
		title: `A 3×3 filter fitted to ${s.targetName} on the ${grouped(patches)} patches of your ${w}×${h} image (width × height), and softmax regression on ${grouped(s.trainCount)} Fashion-MNIST images, both ${words} (steps: ${py(s.lr)} × 2/λmax and ${py(s.clfRate)} × 20/λmax).`,
		pytorch,
		keras
	};
}
