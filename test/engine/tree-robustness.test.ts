/** attacks: auto on a tree ensemble through the engine: the tree attack, and its fallback when thresholds cannot be mapped. */
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { main } from '../../src/cli.ts';
import { decodeModel, encodeModel } from '../../src/model/onnx/proto.ts';
import { GraphBuilder } from '../../src/model/onnx/builder.ts';
import { rng } from '../../src/util/random.ts';
import { FIXTURES, makeWorkspace } from '../helpers/workspace.ts';

const TREE = path.join(FIXTURES, 'onnx/skl_tree_ensemble_classifier.onnx');

function data(): string {
  const r = rng(3, 'tree-data');
  const cols = Array.from({ length: 20 }, (_, j) => `f${j}`);
  const rows = Array.from({ length: 30 }, () => cols.map(() => (r.normal() * 2).toFixed(3)).join(','));
  return [cols.join(','), ...rows].join('\n') + '\n';
}

const POLICY = `version: 1
model: { path: model.onnx, output: { name: proba_0, kind: probabilities } }
signature: { required: false }
datasets:
  eval: { path: eval.csv }
gates:
  robustness:
    dataset: eval
    epsilon: 1.0
    labels: predicted
    queries: 300
    thresholds:
      prediction_stability: { min: 0 }
`;

async function run(model: Uint8Array) {
  const { dir, cleanup } = makeWorkspace({ 'model.onnx': model, 'eval.csv': data(), 'policy.yml': POLICY });
  try {
    const out = path.join(dir, 'r.json');
    const sink = { write: () => true };
    const code = await main(['check', '--workspace', dir, '--policy', 'policy.yml', '--json', out], { stdout: sink, stderr: sink });
    return { code, report: JSON.parse(readFileSync(out, 'utf8')) };
  } finally {
    cleanup();
  }
}

test('auto picks the tree attack for a TreeEnsembleClassifier and breaks points at eps 1.0', async () => {
  const { code, report } = await run(readFileSync(TREE));
  assert.equal(code, 0, JSON.stringify(report.errors));
  const g = report.gates.robustness;
  assert.equal(g.details.attacks[0].name, 'tree');
  assert.ok(g.metrics.prediction_stability < 1, `stability ${g.metrics.prediction_stability}`);
  // A tree ensemble's session runs on one intra-op thread whatever the machine (src/model/batch-rule.ts), and says so.
  assert.equal(report.environment.threads, 1);
});

test('trees that read a computed value: under auto the score-based attack takes over, and the report says why', async () => {
  const proto = decodeModel(readFileSync(TREE));
  const g = new GraphBuilder(proto.graph!);
  const tree = proto.graph!.node.find((n) => n.opType === 'TreeEnsembleClassifier')!;
  const scaled = g.node('Mul', [tree.input[0], g.initializer('one', Float32Array.from([1]), [])]);
  // The Mul must come before the tree in the node list (topological order).
  const mul = proto.graph!.node.pop()!;
  proto.graph!.node.unshift(mul);
  tree.input[0] = scaled;
  const { code, report } = await run(encodeModel(proto));
  assert.equal(code, 0, JSON.stringify(report.errors));
  const r = report.gates.robustness;
  assert.equal(r.details.attacks[0].name, 'square');
  assert.ok(report.warnings.some((w: { message: string }) => /the tree attack cannot run .*square is used instead/.test(w.message)));
});
