#!/usr/bin/python3
"""Train the ResNet-18 that bench/autoattack.ts and bench/autoattack-reference.py compare on (issue 15).

The issue asks for "a trained ResNet-18 at 32x32". There is no CIFAR-10 on the bench machine and no network,
so this is the workaround: Fashion-MNIST (Debian `dataset-fashion-mnist`, the copies in
/work/shared/fixtures/data/fashion-mnist/), 28x28 zero-padded by 2 on every side to 32x32, one channel, in [0,1].
The network is the CIFAR form of ResNet-18 from kuangliu/pytorch-cifar (BasicBlock [2,2,2,2], 64-512 channels,
BatchNorm, 3x3 stride-1 stem, 4x4 average pool, linear 10) with a 1-channel stem.

Training (deterministic: seed 0, torch.set_num_threads(2), fixed batch order): the 2,000 training images, batch
32, SGD momentum 0.9, weight decay 5e-4, one-cycle learning rate (peak 0.05), EPOCHS epochs; with --eps-train > 0
each batch is first perturbed by FGSM with a random start (Wong, Rice, Kolter 2020, "Fast is better than free"),
step 1.25 * eps_train. The default is eps_train = 0 (plain training): with FGSM at 4/255 the model had a PGD-10
robust accuracy of 0.60 at 8/255 after two epochs (Fashion-MNIST is easy to make robust at 8/255), and AutoAttack
standard's cost grows with every point that survives APGD-CE (APGD-T 9 targets, FAB-T 9 targets, Square 5000
queries each: about 2 minutes per surviving point on this 2-core machine), so the reference run would have taken
hours instead of the ~35 minutes it may take here. Plain training at batch 100 (60 steps in all) was
not enough either: clean 0.735, PGD-10 robust 0.44 after 3 epochs (an under-trained, smooth model). Batch 32 gives
3x the steps in the same time, for a better-trained and less robust model.

After the last epoch the 200 evaluation points (the first 200 of the t10k test file, padded the same way) are
scored clean and under PGD-10 (Linf 8/255, step 2/255, one start; --eval-every-epoch: after every epoch), and the
last epoch's model is exported.
Everything written goes to --out (outside git): model.onnx (opset 13, dynamic batch axis, eval mode, input
`input` float32 [N,1,32,32], output `logits` [N,10]), model.pt (its state dict), eval-x.npy float32
[200,1,32,32], eval-y.npy int64 [200], torch-logits.npy (its eval-mode logits on eval-x) and
train-log.json.

Usage: /usr/bin/python3 scripts/make-bench-resnet18.py [--out /work/bench-models/resnet18-fmnist32] [--epochs 3]
"""
import argparse, json, os, sys, time
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

DATA = '/work/shared/fixtures/data/fashion-mnist'


class BasicBlock(nn.Module):
    expansion = 1

    def __init__(self, in_planes, planes, stride=1):
        super().__init__()
        self.conv1 = nn.Conv2d(in_planes, planes, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.shortcut = nn.Sequential()
        if stride != 1 or in_planes != planes:
            self.shortcut = nn.Sequential(nn.Conv2d(in_planes, planes, 1, stride, bias=False), nn.BatchNorm2d(planes))

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return F.relu(out + self.shortcut(x))


class ResNet18(nn.Module):
    """kuangliu/pytorch-cifar ResNet(BasicBlock, [2, 2, 2, 2]) with an in_channels stem."""

    def __init__(self, in_channels=1, num_classes=10):
        super().__init__()
        self.in_planes = 64
        self.conv1 = nn.Conv2d(in_channels, 64, 3, 1, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(64)
        self.layer1 = self._make_layer(64, 2, 1)
        self.layer2 = self._make_layer(128, 2, 2)
        self.layer3 = self._make_layer(256, 2, 2)
        self.layer4 = self._make_layer(512, 2, 2)
        self.linear = nn.Linear(512, num_classes)

    def _make_layer(self, planes, n, stride):
        layers = []
        for s in [stride] + [1] * (n - 1):
            layers.append(BasicBlock(self.in_planes, planes, s))
            self.in_planes = planes
        return nn.Sequential(*layers)

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.layer4(self.layer3(self.layer2(self.layer1(out))))
        out = F.avg_pool2d(out, 4)
        return self.linear(out.view(out.size(0), -1))


def pad32(x):
    return np.pad(x, ((0, 0), (0, 0), (2, 2), (2, 2))).astype(np.float32)


def load_eval():
    x = pad32(np.load(f'{DATA}/test-first1000-x.npy')[:200])
    y = np.load(f'{DATA}/test-first1000-y.npy')[:200].astype(np.int64)
    return x, y


def pgd(model, x, y, eps, step, iters):
    delta = torch.zeros_like(x)
    for _ in range(iters):
        delta.requires_grad_(True)
        loss = F.cross_entropy(model(torch.clamp(x + delta, 0, 1)), y)
        g, = torch.autograd.grad(loss, delta)
        delta = torch.clamp(delta.detach() + step * g.sign(), -eps, eps)
        delta = torch.clamp(x + delta, 0, 1) - x
    return torch.clamp(x + delta, 0, 1)


def evaluate(model, x, y, bs=100):
    model.eval()
    clean = rob = 0
    for i in range(0, len(x), bs):
        xb, yb = x[i:i + bs], y[i:i + bs]
        with torch.no_grad():
            clean += (model(xb).argmax(1) == yb).sum().item()
        xa = pgd(model, xb, yb, 8 / 255, 2 / 255, 10)
        with torch.no_grad():
            rob += (model(xa).argmax(1) == yb).sum().item()
    return clean / len(x), rob / len(x)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--out', default='/work/bench-models/resnet18-fmnist32')
    ap.add_argument('--epochs', type=int, default=3)
    ap.add_argument('--eps-train', type=float, default=0.0)
    ap.add_argument('--eval-every-epoch', action='store_true')
    ap.add_argument('--batch', type=int, default=32)
    ap.add_argument('--lr', type=float, default=0.05)
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    torch.manual_seed(0)
    np.random.seed(0)
    torch.set_num_threads(2)
    torch.use_deterministic_algorithms(True)

    xtr = torch.from_numpy(pad32(np.load(f'{DATA}/train-first2000-x.npy')))
    ytr = torch.from_numpy(np.load(f'{DATA}/train-first2000-y.npy').astype(np.int64))
    ex, ey = load_eval()
    xev, yev = torch.from_numpy(ex), torch.from_numpy(ey)
    np.save(f'{a.out}/eval-x.npy', ex)
    np.save(f'{a.out}/eval-y.npy', ey)

    model = ResNet18()
    bs = a.batch
    steps_per_epoch = len(xtr) // bs
    total = a.epochs * steps_per_epoch
    opt = torch.optim.SGD(model.parameters(), lr=a.lr, momentum=0.9, weight_decay=5e-4)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=a.lr, total_steps=total, pct_start=0.4)
    eps, alpha = a.eps_train, 1.25 * a.eps_train
    log = {'torch': torch.__version__, 'epochs': [], 'eps_train': eps, 'alpha': alpha, 'batch': bs,
           'train_points': len(xtr), 'eval_points': 'first 200 of fashion-mnist t10k (test-first1000-x.npy[:200])'}
    t0 = time.time()
    for ep in range(a.epochs):
        model.train()
        perm = torch.randperm(len(xtr))
        tl = tc = 0
        for i in range(steps_per_epoch):
            idx = perm[i * bs:(i + 1) * bs]
            xb, yb = xtr[idx], ytr[idx]
            if eps > 0:
                delta = (torch.rand_like(xb) * 2 - 1) * eps
                delta.requires_grad_(True)
                loss = F.cross_entropy(model(torch.clamp(xb + delta, 0, 1)), yb)
                g, = torch.autograd.grad(loss, delta)
                delta = torch.clamp(delta.detach() + alpha * g.sign(), -eps, eps)
                xb = torch.clamp(xb + delta, 0, 1)
            out = model(xb)
            loss = F.cross_entropy(out, yb)
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            tl += loss.item() * len(yb)
            tc += (out.argmax(1) == yb).sum().item()
        clean, rob = evaluate(model, xev, yev) if a.eval_every_epoch or ep == a.epochs - 1 else (None, None)
        e = {'epoch': ep + 1, 'train_loss': tl / len(xtr), 'train_acc': tc / len(xtr),
             'eval_clean_acc': clean, 'eval_pgd10_robust_acc': rob, 'elapsed_s': time.time() - t0}
        log['epochs'].append(e)
        print(json.dumps(e), flush=True)

    chosen = log['epochs'][-1]
    model.eval()
    torch.save(model.state_dict(), f'{a.out}/model.pt')
    with torch.no_grad():
        logits = model(xev).numpy()
    np.save(f'{a.out}/torch-logits.npy', logits.astype(np.float32))
    log['clean_acc'] = float((logits.argmax(1) == ey).mean())
    torch.onnx.export(model, xev[:1], f'{a.out}/model.onnx', opset_version=13, input_names=['input'],
                      output_names=['logits'], dynamic_axes={'input': {0: 'batch'}, 'logits': {0: 'batch'}},
                      do_constant_folding=True)
    log['train_wall_s'] = time.time() - t0
    with open(f'{a.out}/train-log.json', 'w') as f:
        json.dump(log, f, indent=1)
    print(f"epoch {chosen['epoch']}: clean accuracy {log['clean_acc']:.3f} on the 200 eval points, "
          f"PGD-10 robust {chosen['eval_pgd10_robust_acc']:.3f}; wrote {a.out}")


if __name__ == '__main__':
    main()
