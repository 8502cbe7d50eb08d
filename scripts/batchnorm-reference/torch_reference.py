#!/usr/bin/python3
"""PyTorch reference for /batch-norm (issue 22): Ioffe & Szegedy's 784-100-100-100-10 sigmoid net,
plain SGD, batches of 60, with nn.BatchNorm1d (or without: --variant=plain), trained on what
dump.mjs wrote: the app's own initial weights and batch order, or, with --seed=N, PyTorch's own
N(0, 0.05^2) weights and randperm shuffle. Prints test accuracy every --every steps in eval() mode
(BN on its running averages, as the issue measured) and in train() mode (each 2,500-image chunk's
own statistics, running averages untouched). Needs Debian's python3-torch (1.13); not part of
npm test. Usage: /usr/bin/python3 torch_reference.py [--dir=/tmp/batchnorm-reference] [--lr=0.5]
[--steps=1500] [--eps=1e-3] [--momentum=0.1] [--variant=bn] [--seed=N]"""
import copy
import sys
import time

import numpy as np
import torch
import torch.nn as nn

torch.set_num_threads(1)
args = dict(a.lstrip('-').split('=') for a in sys.argv[1:])
d = args.get('dir', '/tmp/batchnorm-reference') + '/'
steps = int(args.get('steps', 1500))
lr = float(args.get('lr', 0.5))
every = int(args.get('every', 100))
eps = float(args.get('eps', 1e-3))  # the lab's BN_EPSILON; PyTorch's default is 1e-5
momentum = float(args.get('momentum', 0.1))  # = 1 - the lab's RUNNING_MOMENTUM 0.9
variant = args.get('variant', 'bn')


def load(name, dtype):
    return np.fromfile(d + name, dtype=dtype)


train_x = torch.tensor(load('train_x.f32', np.float32).reshape(-1, 784))
train_y = torch.tensor(load('train_y.u8', np.uint8).astype(np.int64))
test_x = torch.tensor(load('test_x.f32', np.float32).reshape(-1, 784))
test_y = torch.tensor(load('test_y.u8', np.uint8).astype(np.int64))
order = load('order.i32', np.int32).reshape(-1, 60)
generator = torch.Generator().manual_seed(int(args.get('seed', 0)))
if 'seed' in args:
    epochs = steps * 60 // len(train_x) + 1
    order = np.concatenate(
        [torch.randperm(len(train_x), generator=generator).numpy() for _ in range(epochs)]
    ).reshape(-1, 60)

sizes = [784, 100, 100, 100, 10]
layers = []
for i in range(4):
    linear = nn.Linear(sizes[i], sizes[i + 1], bias=(variant == 'plain' or i == 3))
    with torch.no_grad():
        if 'seed' in args:
            linear.weight.normal_(0, 0.05, generator=generator)
        else:
            w = load(f'w{i}.f32', np.float32).reshape(sizes[i], sizes[i + 1])
            linear.weight.copy_(torch.tensor(w.T))
        if linear.bias is not None:
            linear.bias.zero_()
    layers.append(linear)
    if i < 3:
        if variant == 'bn':
            layers.append(nn.BatchNorm1d(100, eps=eps, momentum=momentum))
        layers.append(nn.Sigmoid())
model = nn.Sequential(*layers)
optimizer = torch.optim.SGD(model.parameters(), lr=lr)
loss_fn = nn.CrossEntropyLoss()


def accuracy(batch_statistics):
    with torch.no_grad():
        if batch_statistics:
            m = copy.deepcopy(model).train()
            right = sum(
                (m(test_x[s:s + 2500]).argmax(1) == test_y[s:s + 2500]).sum().item()
                for s in range(0, len(test_x), 2500)
            )
        else:
            right = (model.eval()(test_x).argmax(1) == test_y).sum().item()
    model.train()
    return 100 * right / len(test_x)


losses = []
started = time.time()
for step in range(1, steps + 1):
    batch = torch.tensor(order[step - 1].astype(np.int64))
    model.train()
    optimizer.zero_grad()
    loss = loss_fn(model(train_x[batch]), train_y[batch])
    loss.backward()
    optimizer.step()
    losses.append(loss.item())
    if step % every == 0:
        print(
            f'step {step}  loss {np.mean(losses[-50:]):.3f}  eval() {accuracy(False):.1f} %'
            f'  train() {accuracy(True):.1f} %',
            flush=True,
        )
print(f'{time.time() - started:.1f} s', args)
