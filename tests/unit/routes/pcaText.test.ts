// The /pca sentences quote exactly the numbers they are given.
import { describe, expect, it } from 'vitest';
import {
	icaPending,
	mapSentence,
	patchSentences,
	reconstructionSentence
} from '../../../src/routes/pca/pcaText';

describe('pcaText', () => {
	it('patch sentences quote PC1, PC2, the component counts and the slope', () => {
		const [pc1, pc2, slope] = patchSentences({
			size: 8,
			explained: [0.8243, 0.0281],
			for90: 3,
			for99: 29,
			slope: -1.7693,
			dcCosine: 0.9991
		});
		expect(pc1).toContain('PC1 explains 82.4 %');
		expect(pc1).toContain('8×8');
		expect(pc1).toContain('DC component');
		expect(pc2).toContain(
			'PC2 explains 2.8 %; 90 % of the variance takes 3 and 99 % takes 29 of the 64'
		);
		expect(slope).toContain('slope -1.77');
	});
	it('says so when PC1 is not the flat patch', () => {
		const [pc1] = patchSentences({
			size: 4,
			explained: [0.4, 0.3],
			for90: 5,
			for99: 9,
			slope: null,
			dcCosine: 0.5
		});
		expect(pc1).toContain('not the flat patch');
	});
	it('the reconstruction sentence quotes k, PSNR and the ratio; exact at full k', () => {
		expect(
			reconstructionSentence(
				{ k: 8, psnr: 32.06, compressionRatio: 7.557, mse: 0, pixels: new Float32Array() },
				8
			)
		).toBe(
			'k = 8: PSNR 32.1 dB, compression 7.6 : 1 (8 numbers per 8×8 block of 64 pixels, plus the 8 components and the mean patch).'
		);
		expect(
			reconstructionSentence(
				{ k: 64, psnr: Infinity, compressionRatio: 0.9, mse: 0, pixels: new Float32Array() },
				8
			)
		).toContain('exact (PSNR ∞)');
	});
	it('map captions quote the 5-NN accuracy and PCA’s shares', () => {
		expect(mapSentence('pca', 'pixels', { knn: 0.496, explained: [0.289, 0.181] })).toContain(
			'28.9 % and 18.1 %'
		);
		expect(mapSentence('umap', 'embedding', { knn: 0.899 })).toContain(
			'5-NN accuracy in the map 89.9 %'
		);
		// how the photo got there, only when it is in the map
		expect(mapSentence('umap', 'embedding', { knn: 0.9, photo: [1, 2] })).toContain(
			'Your photo (ringed) is placed by UMAP’s transform'
		);
		expect(mapSentence('umap', 'embedding', { knn: 0.9, photo: null })).not.toContain('photo');
		expect(
			mapSentence('pca', 'pixels', { knn: 0.5, explained: [0.3, 0.2], photo: [0, 0] })
		).toContain('projected on the same two axes');
	});

	it('the ICA panel says which step its worker is at', () => {
		expect(icaPending(null)).toContain('in a worker');
		expect(icaPending({ phase: 'iterating', iteration: 37, of: 150 })).toContain(
			'iteration 37 of at most 150'
		);
		expect(icaPending({ phase: 'whitening', done: 250, of: 10000 })).toContain('whitening');
	});
});
