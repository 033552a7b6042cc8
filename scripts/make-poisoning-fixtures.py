#!/usr/bin/python3
"""Poisoning test models and data: test/fixtures/poisoning/ (issue 17; see SOURCE.md there).

Cases (each <case>.onnx, <case>-x.npy, <case>-y.npy = the training labels as used, <case>-planted.npy = int64 indices
of the planted rows, <case>-penultimate.npy = float32 [N, D] torch's activations at the input of the final Linear):
  clean       small CNN on the first 2,000 Fashion-MNIST training rows, labels untouched
  trigger-10  the same recipe with a BadNets trigger (4x4 white patch, top-left corner) stamped on rows of other
              classes relabelled to the target class, so that the planted rows are ~10 % of the target class
  trigger-45  the same, ~45 % of the target class
  adult-flip  an MLP on 3,000 encoded UCI Adult rows with 10 % of the class-0 labels flipped to 1; also
              adult-flip-oof.npy (5-fold out-of-fold probabilities of a logistic regression on the flipped labels)
              and adult-flip.csv (the same rows as CSV, 47 feature columns and `label`)
Also heldout-x.npy / heldout-y.npy: the first 1,000 Fashion-MNIST test rows (clean), and manifest.json (the numbers).

Images are stored as uint8 (pixel values 0..255): the model takes x / 255 (policy: `transform: {scale: 255}`), which
is what torch was trained and evaluated on here (float32 division, correctly rounded, the same float32 values as the
data layer's float64 division rounded once).

Run: /usr/bin/python3 scripts/make-poisoning-fixtures.py [FASHION_MNIST_DIR]
(the Debian python3-torch 1.13, python3-onnx, python3-sklearn, python3-numpy; CPU, one thread, fixed seeds; about a
minute). FASHION_MNIST_DIR holds train-first2000-{x,y}.npy and test-first1000-{x,y}.npy (float32 pixel/255 and
int64 labels); default /work/shared/fixtures/data/fashion-mnist. The Adult rows come from the repository's
test/fixtures/data/adult/adult-test-encoded.csv.
"""
import csv
import json
import os
import sys

import numpy as np
import onnx
import torch
import torch.nn as nn
import torch.nn.functional as F
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_predict

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
OUT = os.path.join(ROOT, 'test', 'fixtures', 'poisoning')
FMNIST = sys.argv[1] if len(sys.argv) > 1 else '/work/shared/fixtures/data/fashion-mnist'
ADULT = os.path.join(ROOT, 'test', 'fixtures', 'data', 'adult', 'adult-test-encoded.csv')

TARGET = 0  # Fashion-MNIST class 0, "T-shirt/top"
PATCH = (slice(0, 4), slice(0, 4))  # rows 0..3, columns 0..3: the emptiest corner of Fashion-MNIST
EPOCHS = 30
ADULT_ROWS = 3000
FLIP_CLASS, FLIP_RATE = 0, 0.10

torch.set_num_threads(1)
torch.use_deterministic_algorithms(True)


def seed(s):
    torch.manual_seed(s)
    np.random.seed(s)


class CNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 8, 3)
        self.conv2 = nn.Conv2d(8, 16, 3)
        self.fc1 = nn.Linear(16 * 5 * 5, 64)
        self.fc2 = nn.Linear(64, 10)

    def penultimate(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)  # [N, 8, 13, 13]
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)  # [N, 16, 5, 5]
        return F.relu(self.fc1(torch.flatten(x, 1)))

    def forward(self, x):
        return self.fc2(self.penultimate(x))


class MLP(nn.Module):
    def __init__(self, d):
        super().__init__()
        self.fc1 = nn.Linear(d, 64)
        self.fc2 = nn.Linear(64, 32)
        self.fc3 = nn.Linear(32, 2)

    def penultimate(self, x):
        return F.relu(self.fc2(F.relu(self.fc1(x))))

    def forward(self, x):
        return self.fc3(self.penultimate(x))


def train(model, x, y, s, epochs, lr=1e-3, batch=64):
    g = torch.Generator().manual_seed(s)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    model.train()
    for _ in range(epochs):
        perm = torch.randperm(len(x), generator=g)
        for i in range(0, len(x), batch):
            idx = perm[i:i + batch]
            opt.zero_grad()
            F.cross_entropy(model(x[idx]), y[idx]).backward()
            opt.step()
    model.eval()


def predict(model, x):
    with torch.no_grad():
        return model(x).argmax(1).numpy()


def export(model, x, path):
    torch.onnx.export(
        model, x[:2], path, opset_version=13, input_names=['x'], output_names=['logits'],
        dynamic_axes={'x': {0: 'N'}, 'logits': {0: 'N'}}, do_constant_folding=True,
    )
    m = onnx.load(path)
    onnx.checker.check_model(m)
    return sorted({n.op_type for n in m.graph.node}), os.path.getsize(path)


def as_float(u8):
    return torch.from_numpy(u8.astype(np.float32) / np.float32(255))


def stamp(u8):
    out = u8.copy()
    out[:, 0, PATCH[0], PATCH[1]] = 255
    return out


def save_case(name, model, xin, x_saved, y, planted, manifest_extra):
    with torch.no_grad():
        pen = model.penultimate(xin).numpy().astype(np.float32)
    np.save(os.path.join(OUT, f'{name}-x.npy'), x_saved)
    np.save(os.path.join(OUT, f'{name}-y.npy'), y.astype(np.int64))
    np.save(os.path.join(OUT, f'{name}-planted.npy'), np.asarray(planted, dtype=np.int64))
    np.save(os.path.join(OUT, f'{name}-penultimate.npy'), pen)
    ops, size = export(model, xin, os.path.join(OUT, f'{name}.onnx'))
    info = {'onnx_bytes': size, 'ops': ops, 'rows': int(len(y)), 'penultimate_dim': int(pen.shape[1]),
            'planted': int(len(planted))}
    info.update(manifest_extra)
    return info


def image_cases(manifest):
    x_f = np.load(os.path.join(FMNIST, 'train-first2000-x.npy'))
    y0 = np.load(os.path.join(FMNIST, 'train-first2000-y.npy')).astype(np.int64)
    xt_f = np.load(os.path.join(FMNIST, 'test-first1000-x.npy'))
    yt = np.load(os.path.join(FMNIST, 'test-first1000-y.npy')).astype(np.int64)
    x0 = np.rint(x_f * 255).astype(np.uint8)
    xt = np.rint(xt_f * 255).astype(np.uint8)
    # the source is pixel/255 in float32: the uint8 copy gives back exactly the same floats
    assert np.array_equal(x0.astype(np.float32) / np.float32(255), x_f)
    assert np.array_equal(xt.astype(np.float32) / np.float32(255), xt_f)
    np.save(os.path.join(OUT, 'heldout-x.npy'), xt)
    np.save(os.path.join(OUT, 'heldout-y.npy'), yt)

    n_target = int((y0 == TARGET).sum())
    others = np.flatnonzero(y0 != TARGET)
    rng = np.random.default_rng(17)
    order = rng.permutation(others)  # one seeded order: trigger-10's planted rows are the first of trigger-45's
    xt_trig = stamp(xt[yt != TARGET])
    for name, share in [('clean', 0.0), ('trigger-10', 0.10), ('trigger-45', 0.45)]:
        planted = np.sort(order[:round(n_target * share / (1 - share))]) if share > 0 else np.zeros(0, np.int64)
        x, y = x0.copy(), y0.copy()
        if len(planted):
            x[planted] = stamp(x[planted])
            y[planted] = TARGET
        xin, yin = as_float(x), torch.from_numpy(y)
        seed(1)
        model = CNN()
        train(model, xin, yin, s=2, epochs=EPOCHS)
        clean_acc = float((predict(model, as_float(xt)) == yt).mean())
        asr = float((predict(model, as_float(xt_trig)) == TARGET).mean())
        train_acc = float((predict(model, xin) == y).mean())
        target_seen = int((y == TARGET).sum())
        extra = {
            'target_class': TARGET, 'target_class_rows': target_seen, 'target_clean_rows': n_target,
            'planted_share_of_target': round(len(planted) / target_seen, 4),
            'heldout_clean_accuracy': round(clean_acc, 4),
            'attack_success_rate': round(asr, 4), 'asr_rows': int(len(xt_trig)),
            'train_accuracy': round(train_acc, 4),
        }
        if len(planted):
            extra['planted_recalled_as_target'] = round(float((predict(model, xin[planted]) == TARGET).mean()), 4)
        manifest['cases'][name] = save_case(name, model, xin, x, y, planted, extra)
        print(name, json.dumps(manifest['cases'][name]), file=sys.stderr)


def adult_case(manifest):
    with open(ADULT, newline='') as f:
        r = csv.reader(f)
        header = next(r)
        rows = [row for _, row in zip(range(ADULT_ROWS), r)]
    feat = [c for c in header if c not in ('sex', 'race', 'label')]
    idx = [header.index(c) for c in feat]
    x = np.array([[float(row[i]) for i in idx] for row in rows], dtype=np.float32)
    y0 = np.array([int(row[header.index('label')]) for row in rows], dtype=np.int64)
    cls = np.flatnonzero(y0 == FLIP_CLASS)
    rng = np.random.default_rng(1717)
    planted = np.sort(rng.choice(cls, size=round(len(cls) * FLIP_RATE), replace=False))
    y = y0.copy()
    y[planted] = 1 - FLIP_CLASS
    with open(os.path.join(OUT, 'adult-flip.csv'), 'w', newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(feat + ['label'])
        for i in range(len(y)):
            # repr of the float32 value as a float64: parses back to exactly the same float32
            w.writerow([repr(float(v)) for v in x[i]] + [int(y[i])])
    xin, yin = torch.from_numpy(x), torch.from_numpy(y)
    seed(3)
    model = MLP(x.shape[1])
    train(model, xin, yin, s=4, epochs=EPOCHS, batch=128)
    # held-out: the next 2,000 rows of the encoded test split, true labels
    with open(ADULT, newline='') as f:
        r = csv.reader(f)
        next(r)
        later = [row for k, row in enumerate(r) if ADULT_ROWS <= k < ADULT_ROWS + 2000]
    xh = torch.tensor([[float(row[i]) for i in idx] for row in later], dtype=torch.float32)
    yh = np.array([int(row[header.index('label')]) for row in later])
    oof = cross_val_predict(
        LogisticRegression(max_iter=2000), x.astype(np.float64), y,
        cv=StratifiedKFold(n_splits=5, shuffle=True, random_state=0), method='predict_proba',
    ).astype(np.float64)
    np.save(os.path.join(OUT, 'adult-flip-oof.npy'), oof)
    extra = {
        'flipped_class': FLIP_CLASS, 'class_rows_before': int(len(cls)), 'flip_rate': FLIP_RATE,
        'class_rows_as_used': {str(c): int((y == c).sum()) for c in (0, 1)},
        'planted_share_of_class_1': round(len(planted) / int((y == 1).sum()), 4),
        'heldout_accuracy': round(float((predict(model, xh) == yh).mean()), 4), 'heldout_rows': int(len(yh)),
        'train_accuracy': round(float((predict(model, xin) == y).mean()), 4),
        'planted_fit_as_flipped': round(float((predict(model, xin[planted]) == y[planted]).mean()), 4),
        'oof_prob_given_label_mean_planted': round(float(oof[planted, y[planted]].mean()), 4),
        'oof_prob_given_label_mean_other': round(float(np.delete(oof[np.arange(len(y)), y], planted).mean()), 4),
        'features': len(feat),
    }
    manifest['cases']['adult-flip'] = save_case('adult-flip', model, xin, x, y, planted, extra)
    print('adult-flip', json.dumps(manifest['cases']['adult-flip']), file=sys.stderr)


def main():
    os.makedirs(OUT, exist_ok=True)
    manifest = {'torch': torch.__version__, 'onnx': onnx.__version__, 'epochs': EPOCHS,
                'trigger': {'target_class': TARGET, 'rows': [0, 3], 'cols': [0, 3], 'value': 255}, 'cases': {}}
    image_cases(manifest)
    adult_case(manifest)
    with open(os.path.join(OUT, 'manifest.json'), 'w') as f:
        json.dump(manifest, f, indent=1)
        f.write('\n')


if __name__ == '__main__':
    main()
