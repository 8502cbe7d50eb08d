#!/usr/bin/python3
"""PyTorch reference for /imbalance (issue 26): ConvLab's small classifier without batch norm (3x3
convs 16/32/64, 'same' padding, ReLU, 2x2 max-pools, dense 64, ReLU, dropout, 10 logits), Adam,
batches of 64, the rare class (Shirt) thinned to round(n/rho) of its training images; remedies
baseline, class weights (CrossEntropyLoss(weight=N/(K n_c))), oversampling (balanced passes: every
class as often as the largest, rare images repeated), undersampling (every class cut to the rare
count), and post-hoc logit adjustment of the baseline (logits - log prior). Evaluated in eval()
mode on all 10,000 test images: rare recall, accuracy, rare ROC AUC. An independent check of the
lab's TF.js training (engine/imbalance/imbalanceTraining.ts, scripts/bench-imbalance.mjs), and a
fast way to try training recipes (~30 ms a step on one thread against ~93 ms on WASM).
Needs Debian's python3-torch (1.13); not part of npm test. First `node dump.mjs`, then
/usr/bin/python3 torch_reference.py [--dir=/tmp/imbalance-reference] [--ratios=10] [--seeds=1]
[--steps=600 | --epochs=E] [--lr=0.002] [--sched=cosine|constant] [--dropout=0.25]
[--init=he|torch] [--batch=64] [--remedies=baseline,class-weights,oversampling,undersampling]
[--norm=1 (standardise the pixels)] [--class=6] [--bn=1 (batch norm after each conv, as /network)]
[--width=1 (channels x width)] [--every=E (figures every E passes too)] [--trainacc=1 (how many training images each variant fits)] [--model=cnn|mlp|linear (784-hidden-10 with --hidden=128, or softmax regression)] [--opt=adam|sgd] [--momentum=0.9 (sgd)]
[--cw=normalised|mean (class weights as PyTorch's sum(w CE)/sum(w), or the mean of w CE)]
[--sampler=passes|wrs (oversampling by balanced passes, or WeightedRandomSampler-style draws of
1/n_c with replacement)]
--init=he is the lab's initialisation (He normal convs and dense, Glorot uniform logits, zero
biases); --init=torch is PyTorch's default. Figures measured with it: scripts/bench-imbalance.mjs.
"""
import sys
import time

import numpy as np
import torch
import torch.nn as nn

torch.set_num_threads(1)
args = dict(a.lstrip('-').split('=') for a in sys.argv[1:])
ratios = [int(r) for r in args.get('ratios', '10').split(',')]
seeds = [int(s) for s in args.get('seeds', '1').split(',')]
lr = float(args.get('lr', 0.002))
sched = args.get('sched', 'cosine')
dropout = float(args.get('dropout', 0.25))
bn = args.get('bn', '0') == '1'
width = float(args.get('width', 1))
init = args.get('init', 'torch')
batch = int(args.get('batch', 64))
opt_name = args.get('opt', 'adam')
momentum = float(args.get('momentum', 0.9))
cw_mode = args.get('cw', 'normalised')  # or 'mean': mean of w_y * CE (not divided by the batch's sum of w)
sampler = args.get('sampler', 'passes')  # or 'wrs': WeightedRandomSampler, 1/n_c, with replacement
remedies = args.get('remedies', 'baseline,class-weights,oversampling,undersampling').split(',')
RARE = int(args.get('class', 6))
model = args.get('model', 'cnn')  # or 'mlp' (784-hidden-10, ReLU, dropout) or 'linear' (softmax regression)
hidden = int(args.get('hidden', 128))
d = args.get("dir", "/tmp/imbalance-reference") + "/"


def load(name, shape):
    return np.fromfile(d + name, dtype=np.uint8).reshape(shape)


train_x = torch.tensor(load('train_x.u8', (-1, 1, 28, 28)).astype(np.float32) / 255)
train_y = torch.tensor(load('train_y.u8', (-1,)).astype(np.int64))
test_x = torch.tensor(load('test_x.u8', (-1, 1, 28, 28)).astype(np.float32) / 255)
test_y = load('test_y.u8', (-1,)).astype(np.int64)
if args.get('norm') == '1':
    m, s = train_x.mean(), train_x.std()
    train_x = (train_x - m) / s
    test_x = (test_x - m) / s


def net():
    if model == 'mlp':
        return nn.Sequential(nn.Flatten(), nn.Linear(784, hidden), nn.ReLU(), nn.Dropout(dropout), nn.Linear(hidden, 10))
    if model == 'linear':
        return nn.Sequential(nn.Flatten(), nn.Linear(784, 10))
    layers = []
    c = 1
    for f in [int(k * width) for k in (16, 32, 64)]:
        if bn:
            # /network's blocks: a bias-free convolution, batch norm (Keras momentum 0.9), ReLU
            layers += [nn.Conv2d(c, f, 3, padding=1, bias=False), nn.BatchNorm2d(f, eps=1e-3, momentum=0.1)]
        else:
            layers += [nn.Conv2d(c, f, 3, padding=1)]
        layers += [nn.ReLU(), nn.MaxPool2d(2)]
        c = f
    layers += [nn.Flatten(), nn.Linear(c * 3 * 3, 64), nn.ReLU(), nn.Dropout(dropout), nn.Linear(64, 10)]
    n = nn.Sequential(*layers)
    if init == 'he':
        for mod in n:
            if isinstance(mod, (nn.Conv2d, nn.Linear)):
                nn.init.kaiming_normal_(mod.weight, nonlinearity='relu')
                if mod.bias is not None:
                    nn.init.zeros_(mod.bias)
        nn.init.xavier_uniform_(n[-1].weight)
    return n


def auc(score, positive):
    order = np.argsort(score, kind='mergesort')
    ranks = np.empty(len(score))
    # average ranks for ties
    s = score[order]
    i = 0
    r = np.arange(1, len(score) + 1, dtype=np.float64)
    while i < len(s):
        j = i
        while j + 1 < len(s) and s[j + 1] == s[i]:
            j += 1
        r[i:j + 1] = (i + j + 2) / 2
        i = j + 1
    ranks[order] = r
    npos = positive.sum()
    nneg = len(score) - npos
    return (ranks[positive].sum() - npos * (npos + 1) / 2) / (npos * nneg)


def figures(logits, score_logits=None):
    pred = logits.argmax(1)
    recall = ((pred == RARE) & (test_y == RARE)).sum() / (test_y == RARE).sum()
    acc = (pred == test_y).mean()
    sl = logits if score_logits is None else score_logits
    p = np.exp(sl - sl.max(1, keepdims=True))
    p /= p.sum(1, keepdims=True)
    return recall, acc, auc(p[:, RARE], test_y == RARE)


def run(ratio, seed):
    rng = np.random.default_rng(seed)
    y = train_y.numpy()
    rare_idx = np.where(y == RARE)[0]
    keep = rng.permutation(rare_idx)[: max(1, round(len(rare_idx) / ratio))]
    subset = np.sort(np.concatenate([np.where(y != RARE)[0], keep]))
    counts = np.bincount(y[subset], minlength=10)
    weights = torch.tensor(counts.sum() / (10 * counts), dtype=torch.float32)
    under = np.sort(np.concatenate([rng.permutation(subset[y[subset] == c])[: counts.min()] for c in range(10)]))
    steps = int(args['epochs']) * -(-len(subset) // batch) if 'epochs' in args else int(args.get('steps', 600))
    # --every=E: also print the figures every E passes
    every = int(args['every']) * -(-len(subset) // batch) if 'every' in args else 0

    def stream(kind):
        while True:
            if kind == 'balanced' and sampler == 'wrs':
                p = 1 / counts[y[subset]]
                idx = rng.choice(subset, size=len(subset), replace=True, p=p / p.sum())
                for s in range(0, len(idx), batch):
                    yield idx[s:s + batch]
                continue
            if kind == 'balanced':
                big = counts.max()
                idx = np.concatenate([np.resize(rng.permutation(subset[y[subset] == c]), big) for c in range(10)])
            else:
                idx = under if kind == 'under' else subset
            idx = rng.permutation(idx)
            for s in range(0, len(idx), batch):
                yield idx[s:s + batch]

    out = {}
    t0 = time.time()
    for remedy in remedies:
        torch.manual_seed(seed)
        n = net()
        opt = (torch.optim.SGD(n.parameters(), lr=lr, momentum=momentum) if opt_name == 'sgd'
               else torch.optim.Adam(n.parameters(), lr=lr))
        sch = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=steps) if sched == 'cosine' else None
        loss_fn = nn.CrossEntropyLoss(weight=weights if remedy == 'class-weights' else None)
        if remedy == 'class-weights' and cw_mode == 'mean':
            ce = nn.CrossEntropyLoss(reduction='none')
            loss_fn = lambda out, t: (ce(out, t) * weights[t]).mean()
        kind = {'oversampling': 'balanced', 'undersampling': 'under'}.get(remedy, 'plain')
        it = stream(kind)
        n.train()
        for step in range(steps):
            b = next(it)
            opt.zero_grad()
            loss = loss_fn(n(train_x[b]), train_y[b])
            loss.backward()
            opt.step()
            if sch:
                sch.step()
            if every and (step + 1) % every == 0 and step + 1 < steps:
                n.eval()
                with torch.no_grad():
                    logits = n(test_x).numpy()
                r, a, u = figures(logits)
                la = f'  (logit adjustment {100 * figures(logits - np.log(counts / counts.sum()))[0]:.1f} %)' if remedy == 'baseline' else ''
                print(f'    {remedy} after {(step + 1) * batch / len(subset):.0f} passes: recall {100 * r:5.1f} %  acc {100 * a:5.1f} %  auc {u:.3f}{la}', flush=True)
                n.train()
        n.eval()
        with torch.no_grad():
            logits = n(test_x).numpy()
        out[remedy] = figures(logits)
        if args.get('trainacc') == '1':
            with torch.no_grad():
                fit = n(train_x[subset]).argmax(1).numpy() == y[subset]
            rare_fit = fit[y[subset] == RARE].mean()
            print(f'    {remedy}: training images fitted {100 * fit.mean():.1f} % (rare class {100 * rare_fit:.1f} %)', flush=True)
        if remedy == 'baseline':
            out['logit-adjustment'] = figures(logits - np.log(counts / counts.sum()), logits)
    print(f'rho={ratio} seed={seed} rare={counts[RARE]} steps={steps} ({steps * batch / len(subset):.1f} passes) {time.time() - t0:.0f}s', flush=True)
    for k, (r, a, u) in out.items():
        print(f'  {k:18s} recall {100 * r:5.1f} %  acc {100 * a:5.1f} %  auc {u:.3f}', flush=True)
    return out


allr = {}
for ratio in ratios:
    for seed in seeds:
        allr[(ratio, seed)] = run(ratio, seed)
if len(seeds) > 1:
    for ratio in ratios:
        print(f'mean rho={ratio}:')
        for k in allr[(ratio, seeds[0])]:
            v = np.mean([allr[(ratio, s)][k] for s in seeds], axis=0)
            print(f'  {k:18s} recall {100 * v[0]:5.1f} %  acc {100 * v[1]:5.1f} %  auc {v[2]:.3f}')
