/**
 * Sharding the robustness gate (issue 18, docs/design.md §7 "Shards"): each shard attacks the sampled points of its
 * own rows and writes their per-point outcomes (clean prediction, per epsilon the attack that broke the point or the
 * carry-over, unconfirmed claims, progress, perturbation norms, queries); the merge computes the gate from every
 * shard's records. `check` vs `check --shard K/N` + `merge`: the same report byte for byte apart from `timings` and
 * `shards`, on the credit example (white-box APGD then the black-box Square on the survivors, two epsilons: points
 * broken at 0.25 carry over to 0.4), with `regression.compare: [robust_accuracy]` on a pinned baseline (the gate run
 * on the baseline is sharded too), on a tree ensemble (the tree attack, certified points) and on a CNN (APGD-CE and
 * APGD-T in gradient batches of a shard's points).
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { copyExample } from '../helpers/example.ts';
import { FIXTURES, makeWorkspace } from '../helpers/workspace.ts';
import { rng } from '../../src/util/random.ts';
import { decodePartial, encodePartial } from '../../src/shard/partial.ts';
import { decodeRecords, encodeRecords } from '../../src/util/records.ts';
import { checkAndMerge as both, cli, withoutRunFields } from '../helpers/shard.ts';

const BASELINE = path.join(FIXTURES, 'regression/baseline.onnx');
const PIN = createHash('sha256').update(readFileSync(BASELINE)).digest('hex');

/** The credit example with its robustness gate, regression against the pinned baseline comparing robust_accuracy. */
function creditWorkspace(): string {
  const ws = copyExample();
  mkdirSync(path.join(ws, 'baseline'));
  copyFileSync(BASELINE, path.join(ws, 'baseline/model.onnx'));
  const p = path.join(ws, 'model-gate.yml');
  const text = readFileSync(p, 'utf8').replace(/  regression:\n(    .*\n)+/, `  regression:
    baseline: { path: baseline/model.onnx, sha256: "${PIN}" }
    bootstrap: 200
    compare: [robust_accuracy]
    thresholds:
      accuracy_delta: { max-drop: 0.05 }
`).replace('    limit: 200\n', '    limit: 60\n').replace('    epsilon: [0.1, 0.25]\n', '    epsilon: [0.25, 0.4]\n');
  writeFileSync(p, text);
  return ws;
}

test('robustness: check = 3 shards + merge, byte for byte (carry-over, Square on the survivors, compare on the baseline)', async () => {
  const ws = creditWorkspace();
  try {
    const { full, merged, parts, mergeErr, shardOut } = await both(ws, 3);
    const report = JSON.parse(full);
    assert.deepEqual(report.errors, []);
    const rob = report.gates.robustness;
    // What the comparison covers: two epsilons with points carried over, the gradient attacks and Square after them.
    assert.equal(rob.details.per_epsilon.length, 2);
    assert.ok(rob.details.per_epsilon[1].carried_over > 0, 'points broken at 0.25 carry over to 0.4');
    assert.deepEqual(rob.details.attacks.map((a: { name: string }) => a.name), ['apgd-ce', 'apgd-margin', 'square']);
    assert.ok(rob.details.per_epsilon.some((e: { points_broken: number }) => e.points_broken > 0));
    assert.equal(typeof report.gates.regression.details.compared.robust_accuracy.base, 'number', 'robust_accuracy measured on the baseline');
    assert.equal(withoutRunFields(merged), withoutRunFields(full));
    // Each shard holds records of the gate on the head and on the baseline; their points partition the sample.
    let points = 0;
    for (const [k, file] of parts.entries()) {
      const p = decodePartial(readFileSync(file), file);
      assert.deepEqual(p.records.map((r) => [r.gate, r.role]), [['robustness', 'head'], ['robustness', 'baseline']]);
      const r = decodeRecords<unknown>(p.records[0].bytes);
      points += r.arrays.points.length;
      assert.match(shardOut[k], /records of robustness, robustness \(baseline\)/);
    }
    assert.equal(points, rob.details.points);
    assert.match(mergeErr, /merge: shard 1\/3 \(.*\): eval \d+ rows.*robustness records \d+ bytes/);

    // Forged records: refused in one line, exit 2, no report.
    const refused = async (edit: (points: Int32Array) => Int32Array, message: RegExp) => {
      const p = decodePartial(readFileSync(parts[1]), parts[1]);
      const rec = decodeRecords<unknown>(p.records[0].bytes);
      p.records[0] = { ...p.records[0], bytes: encodeRecords({ meta: rec.meta, arrays: { ...rec.arrays, points: edit(rec.arrays.points as Int32Array) } }) };
      const forged = path.join(ws, 'forged.bin');
      writeFileSync(forged, encodePartial(p));
      const r = await cli(['merge', parts[0], forged, parts[2], '--workspace', ws, '--policy', 'model-gate.yml', '--json', path.join(ws, 'm.json')]);
      assert.equal(r.code, 2, r.stderr);
      const errs = r.stderr.split('\n').filter((l) => l.startsWith('model-gate:'));
      assert.equal(errs.length, 1, r.stderr);
      assert.match(errs[0], message);
      assert.throws(() => readFileSync(path.join(ws, 'm.json')), /ENOENT/);
    };
    // A point of shard 1 claimed by shard 2 instead of one of its own (the same count: only the assignment shows it).
    const first = decodeRecords<unknown>(decodePartial(readFileSync(parts[0]), parts[0]).records[0].bytes).arrays.points as Int32Array;
    await refused((pts) => Int32Array.from(pts, (x, i) => (i === 0 ? first[0] : x)), /^model-gate: merge: gate robustness: shard 2's robustness records name dataset row \d+, which is shard 1's: re-run every shard on the same commit$/);
    // A point dropped: the arrays no longer agree with the points.
    await refused((pts) => pts.subarray(1), /^model-gate: merge: gate robustness: shard 2's robustness records have clean of another size than \d+ points, 2 epsilons and 3 attacks give: re-run every shard on the same commit$/);
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
});

/** A workspace from files (copied) and a policy; check vs N shards + merge must agree byte for byte. */
async function sameSharded(files: Record<string, string | Uint8Array | { copy: string }>, n: number) {
  const { dir, cleanup } = makeWorkspace({ ...files });
  try {
    const { full, merged } = await both(dir, n);
    assert.equal(withoutRunFields(merged), withoutRunFields(full));
    return JSON.parse(full);
  } finally {
    cleanup();
  }
}

test('robustness on a tree ensemble (the tree attack, certified points): check = 2 shards + merge', async () => {
  const r = rng(5, 'shard-tree-data');
  const cols = Array.from({ length: 20 }, (_, j) => `f${j}`);
  const rows = Array.from({ length: 40 }, () => cols.map(() => (r.normal() * 2).toFixed(3)).join(','));
  const report = await sameSharded({
    'model.onnx': { copy: path.join(FIXTURES, 'onnx/skl_tree_ensemble_classifier.onnx') },
    'eval.csv': [cols.join(','), ...rows].join('\n') + '\n',
    'model-gate.yml': `version: 1
model: { path: model.onnx, output: { name: proba_0, kind: probabilities } }
signature: { required: false }
datasets:
  eval: { path: eval.csv }
gates:
  robustness:
    dataset: eval
    epsilon: [0.1, 0.3]
    labels: predicted
    queries: 300
    thresholds:
      prediction_stability: { min: 0 }
`,
  }, 2);
  const g = report.gates.robustness;
  assert.equal(g.details.attacks[0].name, 'tree');
  assert.ok(g.details.certified_robust > 0 && g.details.per_epsilon[1].points_broken > 0, JSON.stringify(g.details.per_epsilon));
});

test('robustness on a CNN (white-box APGD in gradient batches over a shard\'s points): check = 3 shards + merge', async () => {
  const report = await sameSharded({
    'model.onnx': { copy: path.join(FIXTURES, 'poisoning/clean.onnx') },
    'x.npy': { copy: path.join(FIXTURES, 'poisoning/heldout-x.npy') },
    'y.npy': { copy: path.join(FIXTURES, 'poisoning/heldout-y.npy') },
    'model-gate.yml': `version: 1
model: { path: model.onnx }
signature: { required: false }
datasets:
  eval: { path: x.npy, labels: y.npy, transform: { scale: 255 } }
gates:
  robustness:
    dataset: eval
    limit: 15
    epsilon: [0.02, 0.05]
    bounds: [0, 1]
    attacks: [apgd-ce, apgd-t]
    thresholds:
      robust_accuracy: { min: 0 }
`,
  }, 3);
  const g = report.gates.robustness;
  assert.equal(g.details.method, 'white-box');
  assert.ok(g.details.gradient.batch > 1, 'gradient batches of more than one row');
  assert.ok(g.details.per_epsilon[0].points_broken > 0 && g.details.per_epsilon[1].carried_over > 0, JSON.stringify(g.details.per_epsilon));
});

test('robustness compared with a baseline that is the same model (a pull request that does not change it): 2 shards + merge = check', async () => {
  const ws = copyExample();
  try {
    mkdirSync(path.join(ws, 'baseline'));
    copyFileSync(path.join(ws, 'model/model.onnx'), path.join(ws, 'baseline/model.onnx'));
    const pin = createHash('sha256').update(readFileSync(path.join(ws, 'model/model.onnx'))).digest('hex');
    const p = path.join(ws, 'model-gate.yml');
    writeFileSync(p, readFileSync(p, 'utf8').replace(/  regression:\n(    .*\n)+/, `  regression:
    baseline: { path: baseline/model.onnx, sha256: "${pin}" }
    compare: [robust_accuracy]
    thresholds:
      robust_accuracy_delta: { max-drop: 0.05 }
`).replace('    limit: 200\n', '    limit: 20\n').replace('    epsilon: [0.1, 0.25]\n', '    epsilon: 0.4\n'));
    const { full, merged, parts } = await both(ws, 2);
    assert.equal(withoutRunFields(merged), withoutRunFields(full));
    const c = JSON.parse(full).gates.regression.details.compared.robust_accuracy;
    assert.equal(c.delta, 0);
    assert.deepEqual(decodePartial(readFileSync(parts[0]), parts[0]).records.map((r) => r.role), ['head', 'baseline']);
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
});
