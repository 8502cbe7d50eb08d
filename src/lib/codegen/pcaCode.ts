/**
 * The dimensionality-reduction lab as code: PCA of N random p×p luma patches of the learner's
 * photo (the mean patch removed, Σ = XᵀX / N, its eigenvectors in order of decreasing variance),
 * then the photo rebuilt block by block from its first k components, with PSNR and the
 * compression ratio — as the engine computes them (engine/pca/covariance.ts, reconstruction.ts:
 * non-overlapping blocks, the last ones padded by repeating the edge pixel). PyTorch, and NumPy
 * for the Keras tab: Keras has no PCA layer, and this is how a Keras pipeline computes it.
 */
import { py, type CodeListing } from './listing';

export interface PcaCodeSettings {
	/** the photo's luma, H×W */
	height: number;
	width: number;
	/** patch side p, components kept k (1…p²), patches sampled N */
	patch: number;
	k: number;
	count: number;
}

const grouped = (n: number) => n.toLocaleString('en');
const pyGrouped = (n: number) => grouped(n).replaceAll(',', '_');

export function pcaCode(s: PcaCodeSettings): CodeListing {
	const { height, width, patch: p, k, count } = s;
	const d = p * p;
	const header = [
		`# luma: your ${width}×${height} photo (width × height) as gray levels in [0, 1]`,
		`# (0.299 R + 0.587 G + 0.114 B); random numbers stand in for it here`,
		`H, W = ${height}, ${width}`,
		`p, k, n = ${p}, ${k}, ${pyGrouped(count)}  # patch side, components kept, patches`
	];
	const pytorch = [
		'import math',
		'',
		'import torch',
		'import torch.nn.functional as F',
		'',
		...header,
		'luma = torch.rand(H, W, dtype=torch.float64)',
		'',
		`# ${grouped(count)} random p×p patches, each a row of p² = ${d} pixels`,
		'g = torch.Generator().manual_seed(1)',
		'ys = torch.randint(0, H - p + 1, (n,), generator=g)',
		'xs = torch.randint(0, W - p + 1, (n,), generator=g)',
		'r = torch.arange(p)',
		'patches = luma[ys[:, None, None] + r[None, :, None], xs[:, None, None] + r[None, None, :]]',
		'patches = patches.reshape(n, p * p)',
		'',
		'# PCA: the covariance of the centred patches and its eigenvectors, largest variance first',
		'mu = patches.mean(0)',
		'X = patches - mu',
		`cov = X.T @ X / n  # [${d}, ${d}]`,
		'eigenvalues, vectors = torch.linalg.eigh(cov)  # ascending',
		'order = eigenvalues.argsort(descending=True)',
		'eigenvalues = eigenvalues[order]',
		`components = vectors[:, order].T  # [${d}, ${d}], row i = component i (unit norm)`,
		'explained = eigenvalues / eigenvalues.sum()',
		'print("PC1 explains", float(explained[0]))',
		'',
		'# the photo rebuilt from k components, one p×p block at a time (edges padded by repetition)',
		'pad = (0, (-W) % p, 0, (-H) % p)',
		"padded = F.pad(luma[None, None], pad, mode='replicate')[0, 0]",
		'blocks = padded.unfold(0, p, p).unfold(1, p, p)  # [down, across, p, p]',
		'coefficients = (blocks.reshape(-1, p * p) - mu) @ components[:k].T  # k numbers per block',
		'rows = coefficients @ components[:k] + mu',
		'rebuilt = rows.reshape(blocks.shape).permute(0, 2, 1, 3).reshape(padded.shape)[:H, :W]',
		'mse = ((rebuilt - luma) ** 2).mean()',
		'psnr = 10 * math.log10(1 / float(mse))',
		'stored = blocks.shape[0] * blocks.shape[1] * k + (k + 1) * p * p  # k per block, the k components, the mean',
		'ratio = H * W / stored  # pixels per stored number',
		'print(f"k = {k}: PSNR {psnr:.1f} dB, {ratio:.1f}:1")',
		''
	].join('\n');
	const keras = [
		'# Keras has no PCA layer: NumPy computes it, as a Keras pipeline would before its model.',
		'import numpy as np',
		'',
		...header,
		'luma = np.random.default_rng(0).random((H, W))',
		'',
		`# ${grouped(count)} random p×p patches, each a row of p² = ${d} pixels`,
		'rng = np.random.default_rng(1)',
		'ys = rng.integers(0, H - p + 1, n)',
		'xs = rng.integers(0, W - p + 1, n)',
		'r = np.arange(p)',
		'patches = luma[ys[:, None, None] + r[None, :, None], xs[:, None, None] + r[None, None, :]]',
		'patches = patches.reshape(n, p * p)',
		'',
		'# PCA: the covariance of the centred patches and its eigenvectors, largest variance first',
		'mu = patches.mean(0)',
		'X = patches - mu',
		`cov = X.T @ X / n  # [${d}, ${d}]`,
		'eigenvalues, vectors = np.linalg.eigh(cov)  # ascending',
		'order = np.argsort(eigenvalues)[::-1]',
		'eigenvalues = eigenvalues[order]',
		`components = vectors[:, order].T  # [${d}, ${d}], row i = component i (unit norm)`,
		'explained = eigenvalues / eigenvalues.sum()',
		'print("PC1 explains", explained[0])',
		'',
		'# the photo rebuilt from k components, one p×p block at a time (edges padded by repetition)',
		"padded = np.pad(luma, ((0, (-H) % p), (0, (-W) % p)), mode='edge')",
		'down, across = padded.shape[0] // p, padded.shape[1] // p',
		'blocks = padded.reshape(down, p, across, p).transpose(0, 2, 1, 3).reshape(-1, p * p)',
		'coefficients = (blocks - mu) @ components[:k].T  # k numbers per block',
		'rows = coefficients @ components[:k] + mu',
		'rebuilt = rows.reshape(down, across, p, p).transpose(0, 2, 1, 3).reshape(padded.shape)[:H, :W]',
		'mse = ((rebuilt - luma) ** 2).mean()',
		'psnr = 10 * np.log10(1 / mse)',
		'stored = down * across * k + (k + 1) * p * p  # k per block, the k components, the mean',
		'ratio = H * W / stored  # pixels per stored number',
		'print(f"k = {k}: PSNR {psnr:.1f} dB, {ratio:.1f}:1")',
		''
	].join('\n');
	return {
		title: `PCA of ${grouped(count)} random ${p}×${p} patches of your ${width}×${height} photo, rebuilt from k = ${py(k)} of ${d} components`,
		pytorch,
		keras
	};
}
