/**
 * The imbalance lab's training worker: one small classifier per remedy, side by side from one
 * seed (engine/imbalance/imbalanceTraining.ts), through the shared training protocol. Every
 * variant's logits on all 10,000 test images go back to the page after a reset, at a pause and
 * every EVALUATE_EVERY steps; the page computes the metrics, the post-hoc logit adjustment and
 * the threshold from them.
 *
 * Created by the page with `import ImbalanceWorker from '…/imbalanceTrainer.worker.ts?worker'`.
 */
import type { FashionSet } from '$lib/engine/fashionMnistData';
import {
	imbalanceTask,
	logitsOf,
	type ImbalanceBatch,
	type ImbalanceConfig,
	type ImbalanceModel
} from '$lib/engine/imbalance/imbalanceTraining';
import { startTrainingBackend } from '$lib/engine/trainingBackend';
import { loadFashionManifest, loadFashionSet } from '$lib/image/decodeSprite';
import { serveTraining, type TrainingHost, type WorkerTask } from '$lib/training/workerHost';
import {
	parseImbalanceConfig,
	parseImbalanceTask,
	type ImbalanceReply,
	type ImbalanceTask
} from './imbalanceProtocol';

type Host = TrainingHost<ImbalanceConfig, ImbalanceModel, ImbalanceBatch, ImbalanceReply>;

/**
 * Test-set logits every this many steps (10,000 images per variant ≈ the cost of ~20 steps): eight
 * times in the default run of TRAIN_STEPS, and at its end.
 */
const EVALUATE_EVERY = 100;

let train: FashionSet | null = null;
let test: FashionSet | null = null;
let photo: Float32Array | null = null;
let limit = Infinity;
/** a stop that leaves the schedule alone (a sharded Pause); Infinity: none */
let stopAt = Infinity;
// the learning rate decays over the run the learner set (the `steps` key), constant until it is known
const training = imbalanceTask(
	() => train,
	() => limit
);
/**
 * Step 0's test logits: every variant of a recipe starts from the same seeded weights whatever
 * the rare class, ratio or remedy, so a new setting before any training costs no evaluation.
 */
let untrained: { seed: number; recipe: string; values: Float32Array } | null = null;

function photoLogits(host: Host): { id: string; values: Float32Array }[] | null {
	const trainer = host.trainer;
	if (!trainer || !photo) return null;
	return trainer.variants.map(({ id, model }) => ({
		id,
		values: logitsOf(model.net, photo!, 1)
	}));
}

function evaluate(host: Host): void {
	const trainer = host.trainer;
	if (!trainer || !test) return;
	const config = trainer.variants[0].config;
	const plan = training.plan(config, trainer.seed);
	if (!plan) return;
	// At step 0 every variant holds the same seeded weights: one forward pass serves all, and
	// every later setting with the same seed.
	const logits = trainer.variants.map(({ id, model }) => {
		if (trainer.step > 0) return { id, values: logitsOf(model.net, test!.images, test!.count) };
		if (untrained?.seed !== trainer.seed || untrained.recipe !== config.recipe)
			untrained = {
				seed: trainer.seed,
				recipe: config.recipe,
				values: logitsOf(model.net, test!.images, test!.count)
			};
		return { id, values: untrained.values.slice() };
	});
	const onPhoto = photoLogits(host);
	host.postTask(
		{
			type: 'evaluation',
			rareClass: config.rareClass,
			ratio: config.ratio,
			recipe: config.recipe,
			step: trainer.step,
			epoch: trainer.epoch,
			counts: plan.counts,
			logits,
			photo: onPhoto
		},
		[...logits, ...(onPhoto ?? [])].map((l) => l.values.buffer)
	);
}

const task: WorkerTask<
	ImbalanceConfig,
	ImbalanceModel,
	ImbalanceBatch,
	ImbalanceTask,
	ImbalanceReply
> = {
	...training,
	parseConfig: parseImbalanceConfig,
	parseTask: parseImbalanceTask,
	canTrain: () => train !== null,
	// a single step the learner asked for is shown at once; the loop sees `running` false at the
	// step limit before its next step and stops (afterStop evaluates)
	afterStep(host, forced) {
		const trainer = host.trainer;
		if (!trainer) return;
		const stopping = !forced && trainer.step >= Math.min(limit, stopAt);
		if (stopping) host.running = false;
		else if (forced || trainer.step % EVALUATE_EVERY === 0) evaluate(host);
	},
	afterStop: evaluate,
	afterFresh: evaluate,
	async handleTask(message, host) {
		if (message.type === 'limit') {
			limit = message.steps;
			return;
		}
		if (message.type === 'stopAt') {
			stopAt = message.steps ?? Infinity;
			// a shard already there stops now (its last step evaluated when the loop ends)
			if (host.trainer && host.trainer.step >= stopAt) host.running = false;
			return;
		}
		if (message.type === 'photo') {
			photo = message.pixels;
			const onPhoto = photoLogits(host);
			if (onPhoto)
				host.postTask(
					{ type: 'photo', photo: onPhoto },
					onPhoto.map((l) => l.values.buffer)
				);
			return;
		}
		const manifest = await loadFashionManifest(message.dataUrl);
		[train, test] = await Promise.all([
			loadFashionSet(message.dataUrl, 'train', undefined, manifest),
			loadFashionSet(message.dataUrl, 'test', undefined, manifest)
		]);
		host.postTask({
			type: 'data',
			trainCount: train.count,
			testCount: test.count,
			testLabels: test.labels.slice()
		});
	}
};
serveTraining(task, startTrainingBackend);
