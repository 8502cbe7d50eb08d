#!/usr/bin/env node
/**
 * `node scripts/bench-imbalance.mjs [--quick] [--steps=N] [--seeds=1,2] [--every=N] [--ratios=1,10,50]
 * [--recipe=adam|adam-pytorch|sgd] [--init=he|pytorch] [--class=6] [--lr=0.004] [--batch=64] [--constant] [--channels=8,16,32] [--dropout=0] [--remedies=baseline,oversampling] [--out=file.json]`: the /imbalance lab's
 * figures. For each ratio ρ and seed the remedies (default all four: baseline, class weights,
 * oversampling, undersampling) train side by side with the app's own engine code
 * (engine/imbalance/imbalanceTraining.ts through the shared VariantTrainer, the learning rate
 * decayed along a cosine over the run) in Node on WASM, the backend the app's training worker picks;
 * then every variant and the post-hoc logit adjustment of the baseline are evaluated on all 10,000
 * test images: the rare class's recall, overall accuracy, the rare class's ROC AUC, and the training
 * time (wall and CPU: the CPU seconds are what an idle core would take; the wall time on a loaded
 * machine is not comparable). Recall is printed at half and at the full number of steps, and every
 * --every steps. At the end: the figures per seed and their mean, and issue 26's orderings and ranges
 * as PASS/FAIL lines.
 * `--merge=a.json,b.json`: the same checks over reports measured apart (e.g. one process per ratio).
 * `--profile[=N]`: CPU ms per kernel of one variant's training step, then exit.
 *
 * Issue 26's PyTorch figures (2 seeds): Shirt recall 54.7 % at ρ = 1, 15.0 % at ρ = 10, 0.65 % at
 * ρ = 50; accuracy 84.4 → 82.3 → 80.3 %; at ρ = 10 class weights 23 %, oversampling 34 %, logit
 * adjustment 39 %; at ρ = 50 oversampling and weights lower the AUC (0.856 → 0.82).
 *
 * The lab's recipe (2026-12-07, second session): IMBALANCE_NETWORK (ConvLab's classifier at half its
 * channels, 8/16/32, no dropout), Adam from 0.004 decayed along a cosine over TRAIN_STEPS = 860 steps
 * of batch 64 (~10 passes at ρ = 10). Seeds 1 and 2, ρ = 1 / 10 / 50, one process per ratio, two at
 * once on the 2-core machine (load 2.4–4.6), mean (per seed):
 *   ρ = 1: baseline Shirt recall 63.3 % (64.2 / 62.4), accuracy 86.2 %, AUC 0.945.
 *   ρ = 10: baseline 3.3 % (4.3 / 2.2), logit adjustment 46.9 % (46.3 / 47.4), class weights 39.0 %
 *     (38.6 / 39.4), oversampling 31.1 % (34.4 / 27.9), undersampling 52.4 %; accuracy 82.5 %; AUC
 *     baseline 0.911, class weights 0.918, oversampling 0.917.
 *   ρ = 50: baseline 0.0 %, logit adjustment 29.6 %, class weights 13.3 %, oversampling 5.4 %,
 *     undersampling 40.8 % (accuracy 71.5 %); AUC baseline 0.864, class weights 0.873, oversampling
 *     0.858.
 *   Checks: 12 PASS, 3 FAIL — the order class weights < oversampling (39.0 > 31.1 %; logit adjustment
 *   first, as in the issue); class weights at ρ = 50 raise the AUC (oversampling lowers it, as in the
 *   issue); 114–121 CPU s of training + 2.6 s of evaluation for four variants against 90. Since the
 *   faster step (third session, below) the budget passes: ρ = 10, seed 1, 84.4 CPU s of training +
 *   2.6 s of evaluation (one worker), the same figures to the last digit.
 *   Seeds 3 and 4 (third session), ρ = 10: baseline 9.0 / 1.9 %, logit adjustment 43.2 / 45.5 %,
 *   class weights 33.2 / 36.5 %, oversampling 29.4 / 29.3 %, undersampling 44.3 / 57.0 %; ρ = 50:
 *   logit adjustment 36.7 / 28.1 %, class weights 19.5 / 6.2 %, oversampling 7.9 / 3.1 %; AUC
 *   baseline 0.886, class weights 0.889, oversampling 0.885. So with this recipe class weights beat
 *   oversampling in all four seeds, and at ρ = 50 they do not lower the AUC.
 *   What the order depends on: the same recipe with every training image shifted at random by up
 *   to 2 px (a throwaway experiment, not in the lab; seeds 1, 2) put oversampling ahead at ρ = 10,
 *   45.8 % against class weights 37.3 % (the repeated Shirts are no longer identical copies), but
 *   logit adjustment fell to 30.6 % (baseline 0.2 %), and at ρ = 50 both remedies raised the AUC
 *   (0.876 / 0.868 against 0.842). No recipe measured gave every ordering of the issue at once.
 *   Which of class weights and oversampling recovers more changed with the seed and the recipe in
 *   every setting measured (PyTorch, torch_reference.py, half width, no dropout, ρ = 10: 20 passes at
 *   a constant 0.001, seeds 1 / 2: weights 19.7 / 39.1 %, oversampling 29.8 / 21.6 %; 10 passes at a
 *   constant 0.002: means 41.1 / 24.0 %; 15 passes, full width: 51.2 / 24.5 %). With the lab's own
 *   recipe the order is not noise (2026-12-07, fourth session; PyTorch, torch_reference.py
 *   --width=0.5 --dropout=0 --init=he --lr=0.004 --sched=cosine --steps=860, seeds 1–10): at ρ = 10
 *   class weights led in 10 of 10 seeds (32.2–39.0 %, mean 35.6, against oversampling 24.6–31.3 %,
 *   mean 28.2), logit adjustment first (mean 43.4 %, baseline 3.0 %, accuracy 82.5 %); at ρ = 50
 *   the AUC was 0.864 for the baseline, 0.881 with class weights (higher in 9 seeds, equal in 1)
 *   and 0.874 with oversampling (higher in 7). So the issue's 23 < 34 % and its lower AUCs at
 *   ρ = 50 come from another recipe (its baseline found 15 % of Shirts at ρ = 10; this one 3 %).
 *   Four more PyTorch recipes, seeds 1–2, ρ = 10 (class weights / oversampling / logit adjustment
 *   / baseline): /network's classifier with batch norm, dropout 0.25, constant Adam 0.001, 10
 *   passes: 30.1 / 19.6 / 36.4 / 2.7 %; the same, 5 passes: 27.5 / 21.8 / 26.6 / 0.1 %; the
 *   lab's recipe with batch norm: 27.6 / 21.8 / 45.3 / 7.1 %; without batch norm, full width,
 *   dropout 0.25, 30 passes at a constant 0.001: 33.1 / 29.0 / 35.2 / 1.0 %. Class weights were
 *   ahead of oversampling in every Adam recipe without augmentation, and no baseline came near 15 %.
 *   With SGD (2026-12-07, fifth session; torch_reference.py --opt=sgd, momentum 0.9, half width,
 *   ρ = 10, means (class weights / oversampling / logit adjustment / baseline, seeds)) oversampling
 *   came ahead of class weights, but logit adjustment fell behind: dropout 0.25, PyTorch's
 *   initialisation, 0.05 along a cosine over 860 steps: 25.4 / 38.9 / 23.2 / 0.0 % (seeds 1–4;
 *   oversampling ahead in 4 of 4); the same at 0.1: 23.4 / 38.5 / 22.3 % (2 of 2); 1,300 steps:
 *   38.9 / 37.6 / 28.2 % (1 of 2); He initialisation: 34.5 / 33.0 / 32.4 % (0 of 2); no dropout:
 *   38.8 / 38.7 / 28.6 % (2 of 3); He, no dropout: 36.0 / 25.7 / 43.5 % (0 of 2, as with Adam); a
 *   constant 0.05, He, no dropout: 37.7 / 34.3 / 33.4 % (1 of 3; class weights 10–54 %, unstable);
 *   a constant 0.05, dropout 0.25, 10 passes, seeds 1–2: 18.5 / 30.2 / 32.4 % (at ρ = 50 both
 *   remedies lowered the AUC, 0.855 → 0.746 / 0.823, as in the issue, but logit adjustment and
 *   oversampling swapped between the seeds; every ordering of the issue held in the mean of seeds
 *   1–2, and none of it in seeds 3–6: 26.5 / 49.4 / 28.3 % at ρ = 10, and at ρ = 50 oversampling
 *   raised the AUC in 4 of 4 (0.835 → 0.862) while class weights diverged in one seed (accuracy
 *   10 %, AUC 0.500): at a constant rate the last steps decide, so two seeds are one draw). The first recipe at ρ = 50, seed 1, raised the AUC
 *   with both remedies (0.806 → 0.843). With Adam: class weights as the mean of w·CE instead of
 *   PyTorch's Σw·CE / Σw: 35.5 %; oversampling with PyTorch's WeightedRandomSampler: 26.7 % (seeds
 *   1–2): the order is not in how either remedy is written.
 *   What turns the order is above all the initialisation (2026-12-07, fifth session): Adam as in
 *   the lab (0.004 along a cosine, no dropout, half width, 860 steps) from PyTorch's default
 *   initialisation instead of He's, nothing else changed: PyTorch seeds 1–6, class weights /
 *   oversampling / logit adjustment 25.7 / 38.8 / 27.2, 32.5 / 39.1 / 31.2, 45.0 / 41.1 / 44.0,
 *   28.6 / 37.0 / 30.1, 20.7 / 38.6 / 26.7, 25.8 / 44.6 / 33.4 % (means 29.7 / 39.9 / 32.1 %;
 *   oversampling ahead in 5 of 6, against 0 of 10 from He's; baseline AUC 0.869–0.887 against
 *   ~0.90); the same with dropout 0.25, seeds 1–2: 22.1 / 36.6 / 23.1 %. TF.js (the lab's
 *   'adam-pytorch' recipe, --recipe=adam-pytorch), seeds 1 / 2: 32.1 / 36.4, 37.9 / 41.8, 33.0 /
 *   32.1 %; undersampling 46.3 / 53.9 %; accuracy 81.4 / 81.2 %; AUC baseline 0.882 / 0.878,
 *   class weights 0.893 / 0.894, oversampling 0.906 / 0.906; ρ = 50: AUC baseline 0.849 / 0.848,
 *   class weights 0.866 / 0.862, oversampling 0.852 / 0.854 (both raise it), logit adjustment
 *   24.5 / 30.9 %, class weights 6.7 / 14.8 %, oversampling 8.1 / 11.2 %.
 *   Not a CNN at all (2026-12-07, sixth session; torch_reference.py --model=mlp|linear, Adam at a
 *   constant 0.001, 10 passes, seeds 1–2, means): an MLP (784-128-10) matches the issue's ρ = 1
 *   (Shirt recall 55.5 %, accuracy 83.6 %, against 54.7 / 84.4) but at ρ = 10 finds 2.0 % of Shirts
 *   (class weights / oversampling / logit adjustment 37.3 / 41.1 / 37.5 %); softmax regression gives
 *   the issue's order at ρ = 10 (30.9 / 44.4 / 51.6 %, baseline 1.1 %); in both, at ρ = 50, class
 *   weights raise the AUC (0.811 → 0.844; 0.778 → 0.839). Evaluating with dropout left on (train
 *   mode) costs ~7 points of accuracy at ρ = 1 and does not raise the baseline's recall. No model or
 *   recipe measured came near the issue's 15 % baseline at ρ = 10 (0–9 % in all) — at ~10 passes.
 *   Training length (2026-12-07, sixth session): the lab's recipe four times longer (--steps=3440,
 *   LONG_TRAIN_STEPS, ~40 passes, the cosine over the whole run; TF.js seeds 1 / 2): ρ = 10:
 *   baseline 19.4 / 16.3 %, logit adjustment 33.7 / 29.2 %, class weights 24.5 / 21.2 %,
 *   oversampling 22.3 / 20.7 %, undersampling 54.2 / 55.2 %, accuracy 84.6 / 83.7 %; AUC baseline
 *   0.914 / 0.906, class weights 0.922 / 0.910, oversampling 0.909 / 0.897 (lower); ρ = 50:
 *   baseline 1.2 / 1.4 %, logit adjustment 14.4 / 12.2 %, class weights 5.5 / 3.5 %, oversampling
 *   5.5 / 2.4 %; AUC baseline 0.876 / 0.867, class weights 0.878 / 0.866, oversampling 0.849 /
 *   0.851 (lower in both; class weights lower in seed 2). 368 s of training for four variants (one
 *   process). The training images each variant labels right (new column): after 860 steps the
 *   baseline 95.3 / 95.6 % of all but only 16.9 / 11.9 % of its 59 Shirts (class weights 91.5 /
 *   98.3 %, oversampling 100 %); after 3,440 the baseline 100 % of all, Shirts included. So the
 *   issue's higher baseline (15 %), its 23 % for class weights and its lower AUCs at ρ = 50 (for
 *   oversampling) are what a longer run gives: once the network fits its few rare images, the
 *   baseline finds more of them by itself and reweighting or resampling adds less (Byrd & Lipton,
 *   "What is the effect of importance weighting in deep learning?", ICML 2019: the effect of
 *   importance weights fades once a deep network separates its training data). PyTorch agrees
 *   (torch_reference.py --steps=3440 --every/--trainacc, seeds 1–2): He's initialisation 16.8 / 19.0,
 *   LA 31.3 / 34.3, class weights 20.5 / 23.5, oversampling 17.0 / 21.4 %; seeds 1–6: baseline
 *   17.4 %, logit adjustment 31.3 %, class weights 21.6 %, oversampling 20.4 % (ahead in 2 of 6: a
 *   coin toss once the network fits its rare images), and at ρ = 50 both lower the AUC, 0.881 →
 *   0.873 (class weights, lower in 4 of 6) and 0.856 (oversampling, 6 of 6), as the issue says;
 *   PyTorch's initialisation
 *   18.9 / 19.7, 46.3 / 35.1, 27.3 / 25.4, 22.8 / 25.1 % (the initialisation's effect on the order
 *   gone); Adam at a constant 0.001, full width, 60 passes: baseline 8.8 / 14.9 % (16–24 % at 40
 *   passes), class weights 20.5 / 25.5 %, oversampling 23.4 / 23.0 %, logit adjustment 18.6 /
 *   25.2 %. The issue's oversampling 34 % (above class weights) no recipe of any length gave with
 *   this baseline. The lab offers the long run as a button in its explanation.
 *   The lab's 'sgd' recipe (IMBALANCE_RECIPES: the first SGD recipe above) in TF.js, --recipe=sgd,
 *   seeds 1 / 2: ρ = 10: class weights 9.5 / 31.9 %, oversampling 33.3 / 39.4 %, logit adjustment
 *   20.7 / 16.7 %, undersampling 53.1 / 47.1 %, baseline 0.0 / 0.0 %, accuracy 79.9 / 80.7 %, AUC
 *   baseline 0.868 / 0.872, class weights 0.883 / 0.896, oversampling 0.902 / 0.898; ρ = 50: AUC
 *   baseline 0.820 / 0.826, class weights 0.854 / 0.840, oversampling 0.847 / 0.859 (both raise
 *   it); 81–91 CPU s of training (load ~3). The page's own run (Chromium, seed 1, two workers):
 *   the same ρ = 10 figures to the digit, 60–89 s.
 *   TF.js, half width, no dropout, 20
 *   passes (1,720 steps) at a constant 0.001, seed 1: baseline 4.8 %, logit adjustment 40.0 %, class
 *   weights 35.0 %, oversampling 33.0 %, undersampling 53.3 % (234 CPU s).
 *   A half-width step (--profile=40, 36.7 CPU ms at load 2): max-pool gradients 6.5 ms, conv1's
 *   filter gradient 4.3, the gradient of the input images (computed though nothing reads it) 2.3.
 *   2026-12-07, third session: ~39 -> ~32 CPU ms a step (load ~1): the images' gradient is no longer
 *   computed (engine/trainingForward.ts), WASM's max-pool gradient reads and writes the heap in
 *   place (maxPoolGradient.ts: 5.6 -> 3.1 ms for the first pool), and the filter gradient pads
 *   inside the convolution (wasmGradients.ts: conv1's 5.6 -> 2.9 ms). By kernel: filter gradients
 *   9.5 ms, max-pool gradients 4.6, forward convolutions 3.8, input gradients 3.1, sums 1.8.
 *   In Chromium the gain is larger: the page's default run (scripts/bench-imbalance-page.mjs, two
 *   workers) 106.4 -> 60.3 s, the workers' CPU 182.9 -> 100.6 s, identical figures.
 * Why this recipe. Logit adjustment only moves the baseline's decision, so it recovers the rare class
 * only as far as the baseline has learnt to score it; with ConvLab's full classifier, dropout 0.25 and
 * 600 steps from 0.002 the baseline stayed at 0.1 % and logit adjustment came last (24.5 %, against
 * 37.6 / 38.7 % for weights / oversampling; 179 CPU s). Dropout held it back (see below), and the
 * order turns between ~6.5 passes (PyTorch, 560 steps from 0.004, means: logit adjustment 33.5 %,
 * weights 41.1, oversampling 34.1) and ~10 (above). Half the channels cost ~33 CPU ms a step against
 * ~88 (--profile; the full network's accuracy is not better on these 6,000 images). With one worker
 * 90 CPU s bought ~680 steps of four variants: too few for the order, so the lab kept 860 steps and
 * missed the budget by ~30 % until the step became faster (above). The page's chart of recall by
 * step shows the order turning.
 * The page trains the variants in one worker per core (lib/training/shardedTraining.svelte.ts, the
 * variants dealt round-robin, each worker drawing the same seeded batches): the default run in
 * Chromium on this 2-core machine took 122 s in one worker and 102 s in two, with identical
 * figures (the two workers ran at ~89 % of a core each but slower per step than one alone); after
 * the faster step, 60.3 s in two.
 * Until this change the page configured its worker without a learning rate or batch size, so the
 * browser trained at the worker's defaults (0.002, batches of 32), not the figures here; it now sends
 * both (TrainingClient.configure).
 * Earlier measurements, with the network of the time (full width, dropout 0.25):
 * one batch-64 step of one variant took ~185 CPU ms, ~97 of them in WASM's Conv2DBackpropInput (a
 * plain loop; --profile); with it replaced by an XNNPACK convolution (engine/convInputGradient.ts)
 * ~93 CPU ms. 600 steps, cosine from 0.002, seed 1 (quiet machine): ρ = 1 Shirt recall 57.3 %,
 *   accuracy 85.3 %; ρ = 10 (dropout drawing a new mask every step, efb4a6d) baseline 0.1 %, logit
 *   adjustment 24.5 %, class weights 37.6 %, oversampling 38.7 %, undersampling 58.0 %, accuracy
 *   81.9 %, AUC 0.894 (baseline) / 0.920 (oversampling); 179 CPU s for four variants. At 200 steps
 *   (two seeds) the network stayed at ~80 % and ρ = 50's weights and oversampling raised the AUC.
 * Why the baseline almost never calls a test image Shirt at ρ = 10 (2026-12-07, seed 1, ρ = 10,
 * 600 steps cosine from 0.002 unless said; PyTorch = scripts/imbalance-reference/torch_reference.py,
 * the same network, data, thinning and remedies in PyTorch 1.13, one thread, ~30 ms a step):
 * - Thinning: 59 of the 590 training Shirts kept (round(590/10)), 5,469 images in all: as meant.
 * - Not our TF.js training: PyTorch with the lab's recipe (He init) gives baseline 0.0 %, logit
 *   adjustment 22.5 %, class weights 31.8 %, oversampling 39.0 %, undersampling 52.0 %, accuracy
 *   81.5 %, AUC 0.874, our figures within seed noise; with PyTorch's default init 0.0 / 21.2 /
 *   25.2 / 32.6 / 36.4 %, accuracy 78.6 %.
 * - Not the loss: cross-entropy from the logits (logSoftmax) instead of log(clip(softmax, 1e-7)):
 *   baseline 0.1 %, logit adjustment 20.8 % (TF.js). Not the evaluation: logitsOf applies the
 *   layers in inference mode (dropout off; this lab's network has no batch norm).
 * - Dropout holds logit adjustment back: without it (rate 0) TF.js gives baseline 0.3 %, logit
 *   adjustment 39.6 %, accuracy 82.3 %, AUC 0.906 (0.883 with it). PyTorch without dropout, its
 *   seeds 1 / 2: baseline 1.2 / 1.7 %, logit adjustment 45.9 / 40.3 %, class weights 42.6 / 38.9 %,
 *   oversampling 40.5 / 33.9 %, undersampling 51.7 / 51.4 %: logit adjustment first, as in the
 *   issue, but class weights above oversampling; at 300 steps 26.7 / 40.1, 33.5 / 40.5, 42.9 /
 *   39.4 %. (TF.js's seeded Dropout draws the same mask at every step, since tfjs-core's dropout
 *   reseeds randomUniform on each call; PyTorch's fresh masks give the same low figures, so that
 *   is not the cause.)
 * - The baseline's recall grows only with many passes (the network memorising the 59 Shirts):
 *   PyTorch, constant Adam 0.001, dropout 0.25: 10 passes (860 steps) baseline 0.4 %, logit
 *   adjustment 33.0 %; 20 passes (1,720 steps) 4.1 % / 41.3 %. At a constant 0.002 (TF.js, this
 *   header in 274c578): 600 steps 0.0 / 29.4 %, 900 steps 3.2 / 50.8 %; the cosine's low final
 *   rate lowers logit adjustment (20.3 % at 600). The issue's 15 % needs well over 20 passes:
 *   > 2,000 steps per variant, ~750 CPU s for four, eight times the budget.
 * Where a step's 93.7 CPU ms go (--profile=30, load 7.5; nested kernels counted in their parent):
 * filter gradients 29 ms (conv1's 10.5 ms for 7 M multiply-adds: a 28×28-kernel XNNPACK
 * convolution with a 3×3 output, ~1 G/s against ~7 G/s for conv2's), input gradients 17 ms,
 * max-pool gradients 12 ms, forward convolutions 12 ms, the rest (dense layers, ReLU gradients,
 * Adam, sums) ~23 ms. No one kernel holds enough to bring four variants × 600 steps (~225 CPU s)
 * under 90 s; several workers would cut the wall time (not the CPU time) on a 4–8-core laptop.
 * Writes bench-results/bench-imbalance.json (or --out).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pngjs from 'pngjs';
import { importTs } from './tsModules.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, fallback) =>
	process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const QUICK = process.argv.includes('--quick');
const RATIOS = arg('ratios', '1,10,50').split(',').map(Number);
const SEEDS = arg('seeds', QUICK ? '1' : '1,2')
	.split(',')
	.map(Number);
const RARE = Number(arg('class', 6));
// evaluate every EVERY steps too (default: at half and at the end) to see whether recall settles
const EVERY = Number(arg('every', 0));
const REMEDIES = arg('remedies', '').split(',').filter(Boolean);
const BATCH = Number(arg('batch', 64));
// --channels=8,16,32 --dropout=0: another network than the lab's (IMBALANCE_NETWORK)
const CHANNELS = arg('channels', '');
const DROPOUT = arg('dropout', '');
// --init=he|pytorch: another initialisation than the recipe's
const INIT = arg('init', '');
const MERGE = arg('merge', '').split(',').filter(Boolean);
const OUT = arg('out', 'bench-results/bench-imbalance.json');

const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length;

// --merge=a.json,b.json: the checks over runs measured apart (one process per ratio), no training
if (MERGE.length) {
	const reports = MERGE.map((file) => JSON.parse(readFileSync(file, 'utf8')));
	const merged = { ...reports[0], runs: reports.flatMap((r) => r.runs) };
	merged.checks = checks(merged.runs, merged.steps);
	mkdirSync(dirname(OUT), { recursive: true });
	writeFileSync(OUT, JSON.stringify(merged, null, 2));
	process.exit(merged.checks.every((c) => c.pass) ? 0 : 1);
}

const m = await importTs(root, {
	grads: 'src/lib/engine/wasmKernels.ts',
	task: 'src/lib/engine/imbalance/imbalanceTraining.ts',
	trainer: 'src/lib/training/variantTrainer.ts',
	metrics: 'src/lib/engine/imbalance/classMetrics.ts',
	curves: 'src/lib/engine/imbalance/rankingCurves.ts',
	adjust: 'src/lib/engine/imbalance/logitAdjustment.ts',
	confusion: 'src/lib/engine/confusionMatrix.ts',
	protocol: 'src/lib/workers/imbalanceProtocol.ts',
	shards: 'src/lib/training/shards.ts',
	data: 'src/lib/engine/fashionMnistData.ts'
});
/** Workers the page uses here: one per core, at most one per remedy (the page's own count). */
const SHARDS = m.shards.shardCount(m.task.REMEDIES.length, cpus().length);
// --recipe=adam|adam-pytorch|sgd: the lab's recipe (IMBALANCE_RECIPES; adam, the default, unless told), its
// network and first rate unless --channels, --dropout or --lr say otherwise
const RECIPE = arg('recipe', 'adam');
const BASE_RECIPE = m.task.IMBALANCE_RECIPES[RECIPE];
if (!BASE_RECIPE) throw new Error(`--recipe must be one of ${m.task.RECIPES.join(', ')}`);
const LEARNING_RATE = Number(arg('lr', BASE_RECIPE.learningRate));
const STEPS = Number(arg('steps', QUICK ? 40 : m.task.TRAIN_STEPS));
const NETWORK = {
	...BASE_RECIPE.network,
	...(CHANNELS ? { channels: CHANNELS.split(',').map(Number) } : {}),
	...(DROPOUT ? { dropout: Number(DROPOUT) } : {}),
	...(INIT ? { initialization: INIT } : {})
};
const RECIPES = {
	...m.task.IMBALANCE_RECIPES,
	[RECIPE]: { ...BASE_RECIPE, learningRate: LEARNING_RATE, network: NETWORK }
};
const CONSTANT = process.argv.includes('--constant');
const quiet = console.warn;
console.warn = () => {};
await import('@tensorflow/tfjs');
await import('@tensorflow/tfjs-backend-wasm');
console.warn = quiet;
if (!(await m.grads.switchBackend('wasm'))) throw new Error('WASM did not start');

function readSet(split, count) {
	const png = pngjs.PNG.sync.read(
		readFileSync(`${root}/static/data/fashion-mnist/${split}-images.png`)
	);
	const labels = new Uint8Array(
		readFileSync(`${root}/static/data/fashion-mnist/${split}-labels.bin`)
	);
	const images = new Float32Array(count * 784);
	for (let i = 0; i < count; i++)
		for (let y = 0; y < 28; y++)
			for (let x = 0; x < 28; x++)
				images[i * 784 + y * 28 + x] =
					png.data[((Math.floor(i / 100) * 28 + y) * png.width + (i % 100) * 28 + x) << 2] / 255;
	return { images, labels: labels.subarray(0, count), count };
}
const train = readSet('train', 6000);
const test = readSet('test', 10000);

// --profile[=N]: CPU ms per step of each kernel over N steps of one variant (after 5 warm-up
// steps), then exit: where a training step's time goes
const PROFILE = process.argv.some((a) => a.startsWith('--profile'));
if (PROFILE) {
	const tf = await import('@tensorflow/tfjs-core');
	const steps = Number(arg('profile', 20));
	const profiled = m.task.imbalanceTask(() => train, undefined, RECIPES);
	const trainer = new m.trainer.VariantTrainer(profiled, {
		seed: 1,
		learningRate: LEARNING_RATE,
		batchSize: BATCH,
		optimizer: profiled.optimizer,
		variants: [
			{
				id: 'baseline',
				config: { remedy: 'baseline', rareClass: RARE, ratio: 10, recipe: RECIPE }
			}
		]
	});
	for (let i = 0; i < 5; i++) await trainer.trainStep();
	const kernels = new Map();
	const engine = tf.engine();
	const run = engine.runKernel.bind(engine);
	let depth = 0;
	engine.runKernel = (name, inputs, attrs) => {
		const started = process.cpuUsage();
		depth++;
		try {
			return run(name, inputs, attrs);
		} finally {
			depth--;
			const used = process.cpuUsage(started);
			const shapes = JSON.stringify(Object.values(inputs).map((x) => x?.shape));
			const key = `${name}${depth ? ' (inside a kernel)' : ''} ${shapes}`;
			const k = kernels.get(key) ?? { ms: 0, calls: 0 };
			k.ms += (used.user + used.system) / 1000;
			k.calls++;
			kernels.set(key, k);
		}
	};
	const cpu = process.cpuUsage();
	const wall = performance.now();
	for (let i = 0; i < steps; i++) await trainer.trainStep();
	const used = process.cpuUsage(cpu);
	console.log(
		`batch ${BATCH}: ${((used.user + used.system) / 1000 / steps).toFixed(1)} CPU ms per step of one variant (wall ${((performance.now() - wall) / steps).toFixed(1)} ms, load ${loadavg()[0].toFixed(1)})`
	);
	for (const [key, k] of [...kernels].sort((a, b) => b[1].ms - a[1].ms).slice(0, 20))
		console.log(`${(k.ms / steps).toFixed(1).padStart(7)} ms  ×${k.calls / steps}  ${key}`);
	// the same time by kernel name, kernels called by the step itself only (nested calls are inside
	// their caller's time): where the step's time goes, whatever the shapes
	const byName = new Map();
	for (const [key, k] of kernels) {
		if (key.includes('(inside a kernel)')) continue;
		const name = key.slice(0, key.indexOf(' '));
		const n = byName.get(name) ?? { ms: 0, calls: 0 };
		n.ms += k.ms;
		n.calls += k.calls;
		byName.set(name, n);
	}
	const total = [...byName.values()].reduce((a, n) => a + n.ms, 0);
	console.log(`by kernel (${(total / steps).toFixed(1)} ms in kernels a step):`);
	for (const [name, n] of [...byName].sort((a, b) => b[1].ms - a[1].ms).slice(0, 15))
		console.log(`${(n.ms / steps).toFixed(1).padStart(7)} ms  ×${n.calls / steps}  ${name}`);
	process.exit(0);
}

// The ROC ranks the test images by the rare class's probability; logit adjustment divides the
// rare-vs-rest odds by a constant, so its ranking (and AUC) is its baseline's: `scoreLogits`.
function figures(logits, scoreLogits = logits) {
	const predicted = m.metrics.argmaxRows(logits, 10);
	const summary = m.metrics.classMetrics(
		m.confusion.confusionMatrix(test.labels, predicted, 10),
		10
	);
	const p = m.adjust.softmaxRows(scoreLogits, 10);
	const positive = Array.from(test.labels, (l) => l === RARE);
	const auc = m.curves.rankingCurves(m.adjust.classColumn(p, 10, RARE), positive).rocAuc;
	return {
		recall: summary.perClass[RARE].recall,
		precision: summary.perClass[RARE].precision,
		accuracy: summary.accuracy,
		balancedAccuracy: summary.balancedAccuracy,
		rocAuc: auc
	};
}

function evaluate(trainer, task) {
	const out = {};
	const counts = task.plan(trainer.variants[0].config, trainer.seed).counts;
	for (const v of trainer.variants) {
		const logits = m.task.logitsOf(v.model.net, test.images, test.count);
		out[v.id] = figures(logits);
		if (v.id === 'baseline')
			out['logit-adjustment'] = figures(m.adjust.adjustLogits(logits, counts), logits);
	}
	return out;
}

/**
 * How much of its own (thinned) training set each variant labels right, overall and for the rare
 * class: whether it has fitted the few rare images (Byrd & Lipton's condition for reweighting to
 * fade).
 */
function fitted(trainer, task) {
	const own = m.data.gatherBatch(train, task.plan(trainer.variants[0].config, trainer.seed).subset);
	const out = {};
	for (const v of trainer.variants) {
		const predicted = m.metrics.argmaxRows(m.task.logitsOf(v.model.net, own.images, own.count), 10);
		const summary = m.metrics.classMetrics(
			m.confusion.confusionMatrix(own.labels, predicted, 10),
			10
		);
		out[v.id] = { all: summary.accuracy, rare: summary.perClass[RARE].recall };
	}
	return out;
}

const report = {
	date: new Date().toISOString(),
	steps: STEPS,
	batch: BATCH,
	recipe: RECIPE,
	optimizer: BASE_RECIPE.optimizer,
	learningRate: LEARNING_RATE,
	schedule: CONSTANT ? 'constant' : 'cosine',
	network: NETWORK,
	rareClass: RARE,
	seeds: SEEDS,
	runs: []
};
for (const ratio of RATIOS)
	for (const seed of SEEDS) {
		const run = trainRun(ratio, seed);
		report.runs.push(await run);
		printRun(await run);
	}
report.checks = checks(report.runs, STEPS);
mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, JSON.stringify(report, null, 2));

/** Four variants (or --remedies) × STEPS steps at `ratio` from `seed`, as the lab trains them. */
async function trainRun(ratio, seed) {
	const task = m.task.imbalanceTask(
		() => train,
		() => (CONSTANT ? Infinity : STEPS),
		RECIPES
	);
	// each variant's own update CPU, for the page's sharded run (one worker per core)
	const perVariantMs = new Map();
	const update = task.update;
	task.update = async (model, optimizer, batch) => {
		const c = process.cpuUsage();
		try {
			return await update(model, optimizer, batch);
		} finally {
			const used = process.cpuUsage(c);
			const id = model.config.remedy;
			perVariantMs.set(id, (perVariantMs.get(id) ?? 0) + (used.user + used.system) / 1000);
		}
	};
	const trainer = new m.trainer.VariantTrainer(task, {
		seed,
		learningRate: LEARNING_RATE,
		batchSize: BATCH,
		optimizer: task.optimizer,
		variants: (REMEDIES.length ? REMEDIES : m.task.REMEDIES).map((remedy) => ({
			id: remedy,
			config: { remedy, rareClass: RARE, ratio, recipe: RECIPE }
		}))
	});
	let trainMs = 0;
	let trainCpuMs = 0;
	let half = null;
	const checkpoints = [];
	for (let s = 1; s <= STEPS; s++) {
		const t = performance.now();
		const c = process.cpuUsage();
		await trainer.trainStep();
		trainMs += performance.now() - t;
		const used = process.cpuUsage(c);
		trainCpuMs += (used.user + used.system) / 1000;
		if (s === Math.floor(STEPS / 2)) half = evaluate(trainer, task);
		if (EVERY && s % EVERY === 0 && s < STEPS) {
			const at = s === Math.floor(STEPS / 2) ? half : evaluate(trainer, task);
			checkpoints.push({ step: s, figures: at });
			printCheckpoint(ratio, seed, s, at);
		}
	}
	const evalStart = performance.now();
	const evalCpu = process.cpuUsage();
	const full = evaluate(trainer, task);
	const evaluateMs = performance.now() - evalStart;
	const evalUsed = process.cpuUsage(evalCpu);
	if (EVERY) printCheckpoint(ratio, seed, STEPS, full);
	const fit = fitted(trainer, task);
	const run = {
		fit,
		ratio,
		seed,
		rareKept: task.plan(trainer.variants[0].config, seed).counts[RARE],
		epoch: trainer.epoch,
		variants: trainer.variants.length,
		trainSeconds: trainMs / 1000,
		// CPU time of this (single-threaded WASM) process: the wall time on an idle core
		trainCpuSeconds: trainCpuMs / 1000,
		// the busiest worker when the page deals the variants over SHARDS workers (its own share of
		// the batch drawing and of the evaluation included, pro rata)
		shardedSeconds: shardedSeconds(
			perVariantMs,
			trainCpuMs,
			(evalUsed.user + evalUsed.system) / 1000
		),
		checkpoints,
		evaluateSeconds: evaluateMs / 1000,
		evaluateCpuSeconds: (evalUsed.user + evalUsed.system) / 1e6,
		load: loadavg()[0],
		half,
		full
	};
	trainer.dispose();
	return run;
}

/** Issue 26's orderings and ranges, on the mean over seeds (undefined when a run is missing). */
function checks(runs, steps) {
	const ratios = [...new Set(runs.map((r) => r.ratio))];
	const seeds = [...new Set(runs.map((r) => r.seed))];
	const at = (ratio, variant, key) => {
		const values = runs
			.filter((r) => r.ratio === ratio && r.full[variant])
			.map((r) => r.full[variant][key]);
		return values.length ? mean(values) : undefined;
	};
	const list = [];
	const check = (name, values, pass) => {
		if (values.some((v) => v === undefined || Number.isNaN(v))) return;
		list.push({ name, pass: Boolean(pass(...values)) });
	};
	const recall = (ratio, v = 'baseline') => at(ratio, v, 'recall');
	const acc = (ratio) => at(ratio, 'baseline', 'accuracy');
	const aucOf = (ratio, v = 'baseline') => at(ratio, v, 'rocAuc');
	check(
		'ρ=1 baseline Shirt recall in 40–70 % (issue 54.7 %)',
		[recall(1)],
		(r) => r >= 0.4 && r <= 0.7
	);
	check(
		'ρ=10 baseline Shirt recall in 0–35 % (issue 15.0 %) and below ρ=1',
		[recall(10), recall(1)],
		(r, r1) => r <= 0.35 && r < r1
	);
	check(
		'ρ=50 baseline Shirt recall ≤ 10 % (issue 0.65 %) and below ρ=10',
		[recall(50), recall(10)],
		(r, r10) => r <= 0.1 && r <= r10
	);
	check('ρ=1 accuracy in 80–88 % (issue 84.4 %)', [acc(1)], (a) => a >= 0.8 && a <= 0.88);
	check(
		'accuracy falls only a little with ρ: ρ=1 ≥ ρ=10 ≥ ρ=50 − 0.5 pt, ρ=50 ≥ 76 % (issue 84.4 → 82.3 → 80.3 %)',
		[acc(1), acc(10), acc(50)],
		(a1, a10, a50) => a1 + 0.005 >= a10 && a10 + 0.005 >= a50 && a50 >= 0.76
	);
	for (const v of ['class-weights', 'oversampling', 'logit-adjustment'])
		check(
			`ρ=10 ${v} recovers Shirt recall above the baseline's`,
			[recall(10, v), recall(10)],
			(r, b) => r > b
		);
	check(
		"ρ=10 remedies in the issue's order: class weights < oversampling < logit adjustment (23 < 34 < 39 %)",
		[recall(10, 'class-weights'), recall(10, 'oversampling'), recall(10, 'logit-adjustment')],
		(w, o, l) => w < o && o < l
	);
	for (const ratio of [1, 10, 50])
		check(
			`ρ=${ratio} logit adjustment leaves ROC AUC unchanged`,
			[aucOf(ratio, 'logit-adjustment'), aucOf(ratio)],
			(l, b) => Math.abs(l - b) < 1e-9
		);
	for (const v of ['oversampling', 'class-weights'])
		check(
			`ρ=50 ${v} lowers ROC AUC below the baseline's (issue 0.856 → 0.82)`,
			[aucOf(50, v), aucOf(50)],
			(a, b) => a < b
		);
	const fours = runs.filter((r) => r.variants === 4);
	check(
		'four variants trained and evaluated in ≤ 90 CPU s (the wall time on an idle core, one worker)',
		[
			fours.length
				? Math.max(...fours.map((r) => r.trainCpuSeconds + r.evaluateCpuSeconds))
				: undefined
		],
		(s) => s <= 90
	);
	// The page deals the variants over one worker per core (shardedTraining.svelte.ts). The busiest
	// worker's CPU is its wall time only where the workers do not slow each other down: in Chromium
	// on this 2-core machine two workers took 102 s for the default run against 122 s for one (the
	// bench's estimate: ~60 s), so this is printed, not checked; scripts/bench-imbalance-page.mjs
	// times the page's own run.
	if (fours.length && !MERGE.length)
		console.log(
			`  INFO  the busiest of the page's ${SHARDS} workers here: ${Math.max(...fours.map((r) => r.shardedSeconds)).toFixed(1)} CPU s (an estimate: workers sharing a machine run slower than alone)`
		);
	console.log(
		`\nIssue 26's figures (means over seeds ${seeds.join(', ')}; ${steps} steps of batch ${BATCH}):`
	);
	console.log('  ρ    variant            recall (per seed)            accuracy   ROC AUC');
	for (const ratio of ratios)
		for (const v of Object.keys(runs.find((r) => r.ratio === ratio)?.full ?? {})) {
			const of = runs.filter((r) => r.ratio === ratio);
			const per = of.map((r) => (100 * r.full[v].recall).toFixed(1)).join(' / ');
			console.log(
				`  ${String(ratio).padEnd(4)} ${v.padEnd(18)} ${(100 * at(ratio, v, 'recall')).toFixed(1).padStart(5)} % (${per})`.padEnd(
					60
				) +
					`${(100 * at(ratio, v, 'accuracy')).toFixed(1).padStart(5)} %   ${at(ratio, v, 'rocAuc').toFixed(3)}`
			);
		}
	for (const c of list) console.log(`  ${c.pass ? 'PASS' : 'FAIL'}  ${c.name}`);
	return list;
}

function printCheckpoint(ratio, seed, step, figures) {
	console.log(
		`ρ = ${ratio} seed ${seed} step ${step}: ` +
			Object.entries(figures)
				.map(
					([id, f]) =>
						`${id} recall ${(100 * f.recall).toFixed(1)} % acc ${(100 * f.accuracy).toFixed(1)} % auc ${f.rocAuc.toFixed(3)}`
				)
				.join(' · ')
	);
}

/** CPU s of the busiest of SHARDS workers, the variants dealt round-robin as the page deals them. */
function shardedSeconds(perVariantMs, trainCpuMs, evaluateCpuMs) {
	const ids = [...perVariantMs.keys()];
	const updates = [...perVariantMs.values()].reduce((a, b) => a + b, 0);
	// what is not a variant's update (batches, bookkeeping) is shared by every worker alike
	const shared = Math.max(0, trainCpuMs - updates);
	const groups = m.shards.dealVariants(ids, SHARDS);
	return (
		Math.max(
			...groups.map(
				(g) =>
					shared +
					g.reduce((sum, id) => sum + perVariantMs.get(id), 0) +
					(evaluateCpuMs * g.length) / ids.length
			)
		) / 1000
	);
}

function printRun(r) {
	const pct = (v) =>
		v === null || v === undefined ? '  undef' : `${(100 * v).toFixed(1).padStart(5)} %`;
	console.log(
		`\nρ = ${r.ratio}, seed ${r.seed} (${r.rareKept} rare training images), ${STEPS} steps of batch ${BATCH} (epoch ${r.epoch}): ` +
			`train ${r.trainSeconds.toFixed(1)} s (CPU ${r.trainCpuSeconds.toFixed(1)} s) for ${r.variants} variants, one 10,000-image evaluation of all of them ${r.evaluateSeconds.toFixed(1)} s (CPU ${r.evaluateCpuSeconds.toFixed(1)} s); the busiest of ${SHARDS} workers ${r.shardedSeconds.toFixed(1)} CPU s; load ${r.load.toFixed(1)}`
	);
	console.log(
		'  variant            recall@½   recall   accuracy  bal.acc   ROC AUC   training images right (rare)'
	);
	for (const [id, f] of Object.entries(r.full)) {
		const fit = r.fit?.[id === 'logit-adjustment' ? '' : id];
		console.log(
			`  ${id.padEnd(18)} ${pct(r.half?.[id]?.recall)}  ${pct(f.recall)}  ${pct(f.accuracy)}  ${pct(f.balancedAccuracy)}   ${f.rocAuc?.toFixed(3)}` +
				(fit ? `     ${pct(fit.all)} (${pct(fit.rare)})` : '')
		);
	}
}
