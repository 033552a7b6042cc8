#!/usr/bin/python3
"""AutoAttack side of the issue-15 comparison (bench, not a test): AutoAttack standard on the bench ResNet-18.

  /usr/bin/python3 bench/autoattack-reference.py [--models /work/bench-models] [--out bench/results/autoattack-resnet18-fmnist32.json]

Runs fra31/auto-attack's published code, imported at run time from a work tree extracted OUTSIDE this repository
(none of its code is copied here; bench/README.md says how to extract it), with Debian's python3-torch, on the model
that scripts/make-bench-resnet18.py trained (MODELS/resnet18-fmnist32/model.pt, the state dict exported as
model.onnx) and its 200 evaluation points (eval-x.npy / eval-y.npy): version='standard' (APGD-CE, APGD-T 9
targets, FAB-T 9 targets, Square 5000 queries), norm Linf, eps 8/255, seed 0, all 200 points in one batch,
CPU, torch.set_num_threads(2).

Before attacking, the torch logits on the 200 points are compared with onnxruntime's (MODELS/resnet18-fmnist32/
ort-logits.npy, written by bench/autoattack.ts --ort-logits; skipped with a note when absent).

Writes one JSON: clean accuracy; robust accuracy; the cumulative robust count and elapsed time after each stage
(parsed from AutoAttack's own log, and the log itself); the per-point robust flags (re-evaluated from AutoAttack's
adversarial examples) as the list of robust indices; wall time and process CPU time (time.process_time: all
threads of this process) of run_standard_evaluation; /proc/loadavg before and after; torch and auto-attack
versions (the auto-attack commit is read from its mirror, or given with --aa-commit).
"""
import argparse, json, os, re, signal, subprocess, sys, time, importlib.util
import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))


def loadavg():
    with open('/proc/loadavg') as f:
        return f.read().strip()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--models', default='/work/bench-models')
    ap.add_argument('--aa-dir', default=None, help='auto-attack work tree (default MODELS/auto-attack)')
    ap.add_argument('--aa-git-dir', default='/work/.mirror/fra31+auto-attack/repo')
    ap.add_argument('--aa-commit', default=None)
    ap.add_argument('--bs', type=int, default=200)
    ap.add_argument('--stop-after-s', type=int, default=0,
                    help='stop the evaluation after this many seconds (0: never); the JSON then holds the stages completed')
    ap.add_argument('--out', default=os.path.join(HERE, 'results', 'autoattack-resnet18-fmnist32.json'))
    a = ap.parse_args()
    mdir = os.path.join(a.models, 'resnet18-fmnist32')
    aa_dir = a.aa_dir or os.path.join(a.models, 'auto-attack')
    sys.path.insert(0, aa_dir)
    from autoattack import AutoAttack  # noqa: E402 (fra31/auto-attack, outside this repo)

    commit = a.aa_commit
    if commit is None:
        try:
            commit = subprocess.check_output(['git', '--git-dir', a.aa_git_dir, 'rev-parse', 'HEAD'], text=True).strip()
        except Exception as e:  # noqa: BLE001
            commit = f'unknown ({e})'

    spec = importlib.util.spec_from_file_location('mk', os.path.join(HERE, '..', 'scripts', 'make-bench-resnet18.py'))
    mk = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mk)

    torch.manual_seed(0)
    torch.set_num_threads(2)
    model = mk.ResNet18()
    model.load_state_dict(torch.load(os.path.join(mdir, 'model.pt')))
    model.eval()
    x = torch.from_numpy(np.load(os.path.join(mdir, 'eval-x.npy')))
    y = torch.from_numpy(np.load(os.path.join(mdir, 'eval-y.npy')))
    with torch.no_grad():
        logits = model(x)
    clean = (logits.argmax(1) == y)
    res = {'model': 'scripts/make-bench-resnet18.py ResNet-18 (CIFAR form, 1-channel stem), Fashion-MNIST padded to 32x32',
           'points': len(y), 'norm': 'Linf', 'epsilon': 8 / 255, 'version': 'standard', 'seed': 0, 'batch_size': a.bs,
           'torch': torch.__version__, 'torch_threads': torch.get_num_threads(), 'autoattack_commit': commit,
           'clean_correct': int(clean.sum()), 'clean_accuracy': clean.float().mean().item()}
    ort_path = os.path.join(mdir, 'ort-logits.npy')
    if os.path.exists(ort_path):
        ort = torch.from_numpy(np.load(ort_path))
        res['torch_vs_ort'] = {'max_abs_diff': (ort - logits).abs().max().item(), 'max_abs_logit': logits.abs().max().item(),
                               'argmax_agree': int((ort.argmax(1) == logits.argmax(1)).sum())}
    else:
        res['torch_vs_ort'] = 'not compared: ort-logits.npy absent (run node bench/autoattack.ts --ort-logits first)'
    print(json.dumps({k: v for k, v in res.items()}), flush=True)

    log_path = os.path.join(mdir, 'autoattack.log')
    if os.path.exists(log_path):
        os.remove(log_path)
    adversary = AutoAttack(model, norm='Linf', eps=8 / 255, version='standard', seed=0, device='cpu', log_path=log_path)
    # observer: which of the 200 points each stage broke (AutoAttack passes each attack the rows still robust; they
    # are mapped back to the 200 points by their bytes). One extra forward pass per stage, timed and reported.
    index = {x[i].numpy().tobytes(): i for i in range(len(x))}
    broke, overhead = {}, [0.0, 0.0]

    def observe(name, attack):
        perturb = attack.perturb

        def wrapped(xs, ys, *args, **kw):
            out = perturb(xs, ys, *args, **kw)
            w, c = time.time(), time.process_time()
            with torch.no_grad():
                bad = (model(out).argmax(1) != ys).nonzero().flatten().tolist()
            broke.setdefault(name, []).extend(index[xs[j].numpy().tobytes()] for j in bad)
            overhead[0] += time.time() - w
            overhead[1] += time.process_time() - c
            return out
        attack.perturb = wrapped

    observe('apgd', adversary.apgd)
    observe('apgd-t', adversary.apgd_targeted)
    observe('fab', adversary.fab)
    observe('square', adversary.square)

    class Stop(Exception):
        pass

    def on_alarm(signum, frame):
        raise Stop()

    if a.stop_after_s > 0:
        signal.signal(signal.SIGALRM, on_alarm)
        signal.alarm(a.stop_after_s)
    res['stop_after_s'] = a.stop_after_s or None
    res['load_start'] = loadavg()
    w0, c0 = time.time(), time.process_time()
    try:
        x_adv = adversary.run_standard_evaluation(x, y, bs=a.bs)
        res['completed'] = True
    except Stop:
        x_adv = None
        res['completed'] = False
    signal.alarm(0)
    res['wall_s'] = time.time() - w0
    res['cpu_s'] = time.process_time() - c0
    res['load_end'] = loadavg()
    res['observer_overhead_wall_s'], res['observer_overhead_cpu_s'] = overhead
    res['broken_by_stage'] = {k: sorted(v) for k, v in broke.items()}
    if x_adv is not None:
        with torch.no_grad():
            robust = (model(x_adv).argmax(1) == y)
        res['max_linf'] = (x_adv - x).abs().amax().item()
    else:
        # stopped: robust = clean-correct and broken by no stage that returned (an upper bound of the full run's)
        robust = clean.clone()
        for v in broke.values():
            robust[v] = False
    res['robust_correct'] = int(robust.sum())
    res['robust_accuracy'] = robust.float().mean().item()
    res['robust_indices'] = [int(i) for i in torch.nonzero(robust).flatten()]
    with open(log_path) as f:
        log = f.read()
    res['log'] = log.splitlines()
    stages = []
    for m in re.finditer(r'robust accuracy after (\S+): ([\d.]+)% \(total time ([\d.]+) s\)', log):
        stages.append({'after': m.group(1), 'robust_accuracy': float(m.group(2)) / 100,
                       'robust_correct': round(float(m.group(2)) / 100 * len(y)), 'elapsed_s': float(m.group(3))})
    res['stages'] = stages
    os.makedirs(os.path.dirname(a.out), exist_ok=True)
    with open(a.out, 'w') as f:
        json.dump(res, f, indent=1)
    print(f"AutoAttack standard ({'completed' if res['completed'] else 'STOPPED after %d s' % a.stop_after_s}): robust accuracy {res['robust_accuracy']:.3f} ({res['robust_correct']}/{len(y)}), "
          f"clean {res['clean_accuracy']:.3f}, wall {res['wall_s']:.1f} s, CPU {res['cpu_s']:.1f} s; "
          f"stages {[(s['after'], s['robust_correct']) for s in stages]}; wrote {a.out}")


if __name__ == '__main__':
    main()
