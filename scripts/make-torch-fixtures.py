#!/usr/bin/python3
"""Real PyTorch test models for the gradient engine: test/fixtures/torch/.

Builds small models (tiny ViT, MobileNetV3-small-style CNN, GRU and LSTM sequence classifiers, a U-Net-style
model with nearest and bilinear Upsample, and a plain control CNN), trains each for a few hundred steps on generated data (fixed seeds,
no downloads), exports them with the classic TorchScript exporter (torch.onnx.export, dynamic batch axis) and
saves, for 32 held-out rows:
  <name>-x.npy       the input rows (float32)
  <name>-logits.npy  torch's logits on them (float32)
  <name>-grad.npy    torch's input gradient of the per-row cross-entropy, labels = torch's argmax (float32)
It also writes manifest.json (shapes, opsets, torch version). Run: /usr/bin/python3 scripts/make-torch-fixtures.py (the Debian python3-torch, python3-onnx, python3-numpy)
Python is used only here; the test suite reads the outputs.
"""
import json
import os
import sys

import numpy as np
import onnx
import torch
import torch.nn as nn
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'test', 'fixtures', 'torch')
ROWS = 32
STEPS = 300
torch.set_num_threads(1)


def seed(s):
    torch.manual_seed(s)
    np.random.seed(s)


# ---------------------------------------------------------------- data: class templates + noise (generated)
def image_data(n, shape, classes, s):
    g = torch.Generator().manual_seed(s)
    c, h, w = shape
    # smooth templates: low-resolution noise upsampled, so the classes differ in spatial layout; the pixel noise
    # is large, so the trained models are not saturated (the CE gradient at the argmax label does not vanish)
    low = torch.randn(classes, c, 4, 4, generator=g)
    tmpl = F.interpolate(low, size=(h, w), mode='bilinear', align_corners=False)
    y = torch.randint(0, classes, (n,), generator=g)
    x = tmpl[y] * (0.5 + torch.rand(n, 1, 1, 1, generator=g)) + 2.0 * torch.randn(n, c, h, w, generator=g)
    return x.float(), y


def seq_data(n, T, D, classes, s):
    g = torch.Generator().manual_seed(s)
    tmpl = torch.randn(classes, T, D, generator=g)
    y = torch.randint(0, classes, (n,), generator=g)
    x = tmpl[y] + 2.0 * torch.randn(n, T, D, generator=g)
    return x.float(), y


# ---------------------------------------------------------------- models
class Attention(nn.Module):
    """Hand-written multi-head self-attention (batched MatMul, Softmax); batch dimension kept as -1 in reshapes."""

    def __init__(self, dim, heads, tokens):
        super().__init__()
        self.h, self.dh, self.t = heads, dim // heads, tokens
        self.qkv = nn.Linear(dim, 3 * dim)
        self.proj = nn.Linear(dim, dim)

    def forward(self, x):  # [N, T, dim]
        T, H, dh = self.t, self.h, self.dh
        qkv = self.qkv(x).reshape(-1, T, 3, H, dh).permute(2, 0, 3, 1, 4)  # [3, N, H, T, dh]
        q, k, v = qkv[0], qkv[1], qkv[2]
        a = torch.softmax(torch.matmul(q, k.transpose(-2, -1)) * (dh ** -0.5), dim=-1)
        o = torch.matmul(a, v).transpose(1, 2).reshape(-1, T, H * dh)
        return self.proj(o)


class Block(nn.Module):
    def __init__(self, dim, heads, tokens, mlp):
        super().__init__()
        self.n1 = nn.LayerNorm(dim)
        self.att = Attention(dim, heads, tokens)
        self.n2 = nn.LayerNorm(dim)
        self.mlp = nn.Sequential(nn.Linear(dim, mlp), nn.GELU(), nn.Linear(mlp, dim))

    def forward(self, x):
        x = x + self.att(self.n1(x))
        return x + self.mlp(self.n2(x))


class TinyViT(nn.Module):
    """Patch embedding (Conv, stride = patch), learned positions, 2 pre-norm encoder blocks, mean pooling."""

    def __init__(self, c=1, size=16, patch=4, dim=32, heads=4, mlp=64, classes=5):
        super().__init__()
        t = (size // patch) ** 2
        self.embed = nn.Conv2d(c, dim, patch, stride=patch)
        self.pos = nn.Parameter(0.02 * torch.randn(1, t, dim))
        self.blocks = nn.Sequential(Block(dim, heads, t, mlp), Block(dim, heads, t, mlp))
        self.norm = nn.LayerNorm(dim)
        self.head = nn.Linear(dim, classes)

    def forward(self, x):
        z = self.embed(x).flatten(2).transpose(1, 2) + self.pos  # [N, T, dim]
        z = self.norm(self.blocks(z))
        return self.head(z.mean(dim=1))


class SE(nn.Module):
    def __init__(self, c, r):
        super().__init__()
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc1 = nn.Conv2d(c, r, 1)
        self.fc2 = nn.Conv2d(r, c, 1)

    def forward(self, x):
        s = F.relu(self.fc1(self.pool(x)))
        return x * F.hardsigmoid(self.fc2(s))


class InvRes(nn.Module):
    """MobileNetV3 bneck: 1x1 expand, depthwise kxk, squeeze-excite, 1x1 project (+ skip when shapes match)."""

    def __init__(self, cin, exp, cout, k, stride, se, act):
        super().__init__()
        A = nn.Hardswish if act == 'hs' else nn.ReLU
        self.skip = stride == 1 and cin == cout
        layers = []
        if exp != cin:
            layers += [nn.Conv2d(cin, exp, 1, bias=False), nn.BatchNorm2d(exp), A()]
        layers += [nn.Conv2d(exp, exp, k, stride, k // 2, groups=exp, bias=False), nn.BatchNorm2d(exp), A()]
        if se:
            layers += [SE(exp, max(4, exp // 4))]
        layers += [nn.Conv2d(exp, cout, 1, bias=False), nn.BatchNorm2d(cout)]
        self.body = nn.Sequential(*layers)

    def forward(self, x):
        y = self.body(x)
        return x + y if self.skip else y


class MobileNetV3Tiny(nn.Module):
    def __init__(self, classes=5):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, 8, 3, 2, 1, bias=False), nn.BatchNorm2d(8), nn.Hardswish())
        self.blocks = nn.Sequential(
            InvRes(8, 8, 8, 3, 2, True, 're'),
            InvRes(8, 24, 12, 3, 1, False, 're'),
            InvRes(12, 32, 12, 3, 1, True, 'hs'),
            InvRes(12, 48, 16, 5, 2, True, 'hs'),
        )
        self.last = nn.Sequential(nn.Conv2d(16, 48, 1, bias=False), nn.BatchNorm2d(48), nn.Hardswish())
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.head = nn.Sequential(nn.Linear(48, 32), nn.Hardswish(), nn.Dropout(0.2), nn.Linear(32, classes))

    def forward(self, x):
        z = self.pool(self.last(self.blocks(self.stem(x)))).flatten(1)
        return self.head(z)


class RNNClassifier(nn.Module):
    def __init__(self, kind, D=6, H=16, classes=4):
        super().__init__()
        self.rnn = (nn.GRU if kind == 'gru' else nn.LSTM)(D, H, batch_first=True)
        self.head = nn.Linear(H, classes)

    def forward(self, x):  # [N, T, D]
        out, _ = self.rnn(x)
        return self.head(out[:, -1, :])


class TinyUNet(nn.Module):
    """Two downsamplings (MaxPool), nearest Upsample on the first way up, bilinear on the second, skip concats."""

    def __init__(self, classes=4):
        super().__init__()
        cb = lambda i, o: nn.Sequential(nn.Conv2d(i, o, 3, padding=1), nn.ReLU())  # noqa: E731
        self.e1, self.e2, self.mid = cb(1, 8), cb(8, 12), cb(12, 16)
        self.up_n = nn.Upsample(scale_factor=2, mode='nearest')
        self.up_b = nn.Upsample(scale_factor=2, mode='bilinear', align_corners=False)
        self.d2, self.d1 = cb(16 + 12, 12), cb(12 + 8, 8)
        self.out = nn.Conv2d(8, classes, 1)

    def forward(self, x):  # [N, 1, 16, 16]
        a = self.e1(x)
        b = self.e2(F.max_pool2d(a, 2))
        m = self.mid(F.max_pool2d(b, 2))
        u2 = self.d2(torch.cat([self.up_n(m), b], 1))
        u1 = self.d1(torch.cat([self.up_b(u2), a], 1))
        return self.out(u1).mean(dim=(2, 3))  # per-pixel class maps, averaged: [N, classes]


class ControlCNN(nn.Module):
    """A control whose ops all have gradient rules today (Conv, BatchNorm folded by the exporter, Relu, MaxPool,
    AveragePool, Gemm): it keeps the gradient comparison of the test exercised before any new rule lands."""

    def __init__(self, classes=5):
        super().__init__()
        self.f = nn.Sequential(
            nn.Conv2d(1, 8, 3, padding=1), nn.BatchNorm2d(8), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(8, 12, 3, padding=1), nn.ReLU(), nn.AvgPool2d(2),
        )
        self.head = nn.Linear(12 * 4 * 4, classes)

    def forward(self, x):
        return self.head(self.f(x).flatten(1))


# ---------------------------------------------------------------- train / export / references
def train(model, x, y, steps=STEPS, lr=3e-3, bs=64, s=0):
    g = torch.Generator().manual_seed(s)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    model.train()
    for _ in range(steps):
        idx = torch.randint(0, x.shape[0], (bs,), generator=g)
        loss = F.cross_entropy(model(x[idx]), y[idx])
        opt.zero_grad()
        loss.backward()
        opt.step()
    model.eval()
    return float(loss)


def references(model, x):
    x = x.clone().requires_grad_(True)
    logits = model(x)
    labels = logits.argmax(1)
    # sum of the per-row losses: rows are independent in eval mode, so d/dx_i is row i's own gradient
    F.cross_entropy(logits, labels, reduction='sum').backward()
    return logits.detach().numpy().astype(np.float32), x.grad.numpy().astype(np.float32), labels


def export(model, x, path, opset):
    torch.onnx.export(
        model, x[:2], path, opset_version=opset, input_names=['x'], output_names=['logits'],
        dynamic_axes={'x': {0: 'N'}, 'logits': {0: 'N'}}, do_constant_folding=True,
    )
    m = onnx.load(path)
    onnx.checker.check_model(m)
    return sorted({n.op_type for n in m.graph.node}), os.path.getsize(path)


def main():
    os.makedirs(OUT, exist_ok=True)
    manifest = {'torch': torch.__version__, 'onnx': onnx.__version__, 'exporter': 'torch.onnx.export (TorchScript)', 'fixtures': {}}
    specs = [
        # name, constructor, data, opsets, lr
        ('vit', lambda: TinyViT(), lambda s: image_data(2048 + ROWS, (1, 16, 16), 5, s), [13, 17], 2e-3),
        ('mobilenetv3', lambda: MobileNetV3Tiny(), lambda s: image_data(2048 + ROWS, (3, 16, 16), 5, s), [13, 17], 3e-3),
        ('gru', lambda: RNNClassifier('gru'), lambda s: seq_data(2048 + ROWS, 8, 6, 4, s), [13], 5e-3),
        ('lstm', lambda: RNNClassifier('lstm'), lambda s: seq_data(2048 + ROWS, 8, 6, 4, s), [13], 5e-3),
        ('unet', lambda: TinyUNet(), lambda s: image_data(2048 + ROWS, (1, 16, 16), 4, s), [13], 3e-3),
        ('cnn', lambda: ControlCNN(), lambda s: image_data(2048 + ROWS, (1, 16, 16), 5, s), [13], 3e-3),
    ]
    for k, (name, make, data, opsets, lr) in enumerate(specs):
        seed(100 + k)
        model = make()
        x, y = data(1000 + k)
        xt, yt, xe = x[:-ROWS], y[:-ROWS], x[-ROWS:]
        last = train(model, xt, yt, lr=lr, s=k)
        with torch.no_grad():
            acc = float((model(xt[:512]).argmax(1) == yt[:512]).float().mean())
        logits, grad, labels = references(model, xe)
        np.save(os.path.join(OUT, f'{name}-x.npy'), xe.numpy().astype(np.float32))
        np.save(os.path.join(OUT, f'{name}-logits.npy'), logits)
        np.save(os.path.join(OUT, f'{name}-grad.npy'), grad)
        for op in opsets:
            fname = f'{name}-op{op}'
            ops, size = export(model, xe, os.path.join(OUT, f'{fname}.onnx'), op)
            manifest['fixtures'][fname] = {
                'onnx': f'{fname}.onnx', 'data': name, 'opset': op, 'row_shape': list(xe.shape[1:]),
                'classes': int(logits.shape[1]), 'bytes': size, 'ops': ops,
                'train_loss': round(last, 4), 'train_accuracy': round(acc, 4),
                'grad_max_abs': float(np.abs(grad).max()), 'labels': labels.tolist(),
            }
            print(f'{fname}: {size} bytes, acc {acc:.3f}, loss {last:.3f}, |g|max {np.abs(grad).max():.3e}, ops {ops}', file=sys.stderr)
    with open(os.path.join(OUT, 'manifest.json'), 'w') as f:
        json.dump(manifest, f, indent=1)
        f.write('\n')


if __name__ == '__main__':
    main()
