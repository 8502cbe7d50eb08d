#!/usr/bin/env node
/**
 * `node scripts/batchnorm-reference/dump.mjs [DIR] [--steps=1500] [--seed=1]`: writes what
 * torch_reference.py needs to train Ioffe's network in PyTorch exactly as /batch-norm does — the
 * shipped Fashion-MNIST (float32 pixels, uint8 labels), the app's initial weights for `seed`
 * (ioffeNetwork.ts, [inputs, units] row-major) and its batch order (the worker's seeded sampler:
 * seed + 17, batches of 60) — so that the lab's numbers can be checked against PyTorch's
 * nn.BatchNorm1d step for step. Default DIR: /tmp/batchnorm-reference.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFashionSplit } from '../benchSamples.mjs';
import { importTs } from '../tsModules.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const arg = (name, def) => {
	const a = process.argv.find((x) => x.startsWith(`--${name}=`));
	return a ? Number(a.slice(name.length + 3)) : def;
};
const dir = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? '/tmp/batchnorm-reference';
const STEPS = arg('steps', 1500);
const SEED = arg('seed', 1);
const m = await importTs(root, {
	net: 'src/lib/engine/batchNorm/ioffeNetwork.ts',
	training: 'src/lib/engine/classifierTraining.ts',
	random: 'src/lib/engine/seededRandom.ts',
	data: 'src/lib/engine/fashionMnistData.ts'
});
await import('@tensorflow/tfjs');

const train = readFashionSplit(root, m.data, 'train', Infinity);
const test = readFashionSplit(root, m.data, 'test', Infinity);
// the worker's batch stream: seededBatchStream(…, seed + 17) over the training images
const sampler = new m.training.BatchSampler(train.count, m.random.seededRandom(SEED + 17));
const order = new Int32Array(STEPS * 60);
for (let s = 0; s < STEPS; s++) order.set(sampler.next(60), s * 60);
const net = m.net.ioffeNetwork('bn', SEED);

mkdirSync(dir, { recursive: true });
const write = (name, a) =>
	writeFileSync(`${dir}/${name}`, Buffer.from(a.buffer, a.byteOffset, a.byteLength));
write('train_x.f32', train.images);
write('train_y.u8', train.labels);
write('test_x.f32', test.images);
write('test_y.u8', test.labels);
write('order.i32', order);
net.hidden.forEach((l, i) => write(`w${i}.f32`, l.weights.dataSync()));
write('w3.f32', net.output.weights.dataSync());
console.log(`wrote ${dir}: ${train.count} training images, ${STEPS} batches of 60, seed ${SEED}`);
