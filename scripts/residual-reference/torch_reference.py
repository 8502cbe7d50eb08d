#!/usr/bin/python3
"""PyTorch reference for /residual (issue 23): plain and residual MLPs as the issue specifies
(784 -> 64 Linear-BN-ReLU; n blocks of Linear-BN-ReLU-Linear-BN, + the identity shortcut in the
residual net, then ReLU; a 64 -> 10 head; depth 2n + 2), SGD momentum 0.9, lr 0.05, weight decay
1e-4, batch 64, inputs standardized with one mean and standard deviation over every training pixel,
on the 6,000 shipped training images; then the lesion test on all 10,000 test images in eval()
mode (each block replaced by the identity, one at a time). An independent check of the lab's TF.js
figures (scripts/bench-residual.mjs) across seeds: how far one-block lesions of a plain net fall is
a property of the training run, not a constant.
Needs Debian's python3-torch (1.13); not part of npm test. First
`node scripts/imbalance-reference/dump.mjs` (writes /tmp/imbalance-reference), then
/usr/bin/python3 scripts/residual-reference/torch_reference.py [--dir=/tmp/imbalance-reference]
[--depths=20] [--seeds=1,2,3] [--steps=2000] [--init=torch|he] [--wd_bn=1]
--init=he is the lab's initialisation (He normal, no bias before BN); --init=torch is PyTorch's
default (Linear with bias). --wd_bn=0 leaves BN's gamma and beta out of the weight decay.
"""
import sys
import time

import numpy as np
import torch
import torch.nn as nn

torch.set_num_threads(1)
args = dict(a.lstrip('-').split('=') for a in sys.argv[1:])
depths = [int(x) for x in args.get('depths', '20').split(',')]
seeds = [int(x) for x in args.get('seeds', '1,2,3').split(',')]
steps = int(args.get('steps', 2000))
init = args.get('init', 'torch')
wd_bn = args.get('wd_bn', '1') == '1'
d = args.get('dir', '/tmp/imbalance-reference') + '/'


def load(name, shape):
    return np.fromfile(d + name, dtype=np.uint8).reshape(shape).astype(np.float32)


train_x = torch.tensor(load('train_x.u8', (-1, 784)) / 255)
train_y = torch.tensor(load('train_y.u8', (-1,)).astype(np.int64))
test_x = torch.tensor(load('test_x.u8', (-1, 784)) / 255)
test_y = torch.tensor(load('test_y.u8', (-1,)).astype(np.int64))
m, s = train_x.mean(), train_x.std(unbiased=False)
train_x, test_x = (train_x - m) / s, (test_x - m) / s


def linear(i, o):
    layer = nn.Linear(i, o, bias=(init == 'torch'))
    if init == 'he':
        nn.init.kaiming_normal_(layer.weight, nonlinearity='relu')
    return layer


class Block(nn.Module):
    def __init__(self, residual):
        super().__init__()
        self.residual = residual
        self.f = nn.Sequential(linear(64, 64), nn.BatchNorm1d(64), nn.ReLU(),
                               linear(64, 64), nn.BatchNorm1d(64))

    def forward(self, h):
        y = self.f(h)
        return torch.relu(h + y if self.residual else y)


class Net(nn.Module):
    def __init__(self, depth, residual):
        super().__init__()
        n = (depth - 2) // 2
        self.input = nn.Sequential(linear(784, 64), nn.BatchNorm1d(64), nn.ReLU())
        self.blocks = nn.ModuleList([Block(residual) for _ in range(n)])
        self.head = nn.Linear(64, 10)
        if init == 'he':
            nn.init.kaiming_normal_(self.head.weight, nonlinearity='relu')
            nn.init.zeros_(self.head.bias)
        self.deleted = set()

    def forward(self, x):
        h = self.input(x)
        for b, block in enumerate(self.blocks, 1):
            if b not in self.deleted:
                h = block(h)
        return self.head(h)


def accuracy(net, x, y):
    net.eval()
    with torch.no_grad():
        right = (net(x).argmax(1) == y).float().mean().item()
    net.train()
    return right


for depth in depths:
    for seed in seeds:
        row = {}
        for variant in ('plain', 'residual'):
            torch.manual_seed(seed)
            net = Net(depth, variant == 'residual')
            decay = [p for n_, p in net.named_parameters() if wd_bn or p.dim() > 1 or 'head' in n_]
            rest = [p for p in net.parameters() if all(p is not q for q in decay)]
            opt = torch.optim.SGD([{'params': decay, 'weight_decay': 1e-4},
                                   {'params': rest, 'weight_decay': 0}], lr=0.05, momentum=0.9)
            g = torch.Generator().manual_seed(seed + 17)
            order = torch.randperm(len(train_x), generator=g)
            pos = 0
            t0 = time.time()
            for step in range(steps):
                if pos + 64 > len(order):
                    order, pos = torch.randperm(len(train_x), generator=g), 0
                idx = order[pos:pos + 64]
                pos += 64
                loss = nn.functional.cross_entropy(net(train_x[idx]), train_y[idx])
                opt.zero_grad()
                loss.backward()
                opt.step()
            train = accuracy(net, train_x, train_y)
            test = accuracy(net, test_x, test_y)
            lesions = []
            for b in range(1, len(net.blocks) + 1):
                net.deleted = {b}
                lesions.append(accuracy(net, test_x, test_y))
            net.deleted = set()
            row[variant] = (train, test, lesions)
            print(f'depth {depth} seed {seed} {variant:8s} train {100 * train:.1f} % test '
                  f'{100 * test:.1f} % one block deleted {100 * min(lesions):.1f}…'
                  f'{100 * max(lesions):.1f} % [{" ".join(f"{100 * a:.0f}" for a in lesions)}] '
                  f'({time.time() - t0:.0f} s)', flush=True)
