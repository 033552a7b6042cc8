/**
 * Integer model inputs (token ids, int64 category codes) fed from an int64 .npy: accuracy is measured end to end;
 * the robustness gate says plainly that it perturbs float inputs only and names the integer inputs.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { main } from '../../src/cli.ts';
import { makeWorkspace } from '../helpers/workspace.ts';
import { floatAndCodeModel, tokenModel } from '../helpers/models.ts';
import { npyBytes } from '../data/helpers.ts';
import { buildFeatureView } from '../../src/model/features.ts';
import type { Dataset } from '../../src/data/types.ts';

// 8 rows of 4 token ids; the model's class is the majority token kind (0..2 -> 0, 3..5 -> 1).
const IDS = [
  [0, 1, 2, 0], [3, 4, 5, 3], [0, 0, 3, 1], [3, 5, 4, 0],
  [1, 2, 3, 0], [4, 4, 4, 4], [2, 2, 2, 5], [5, 3, 4, 1],
];
// rows 5 and 8 (1-based) are labelled against the model: accuracy 6/8
const Y = [0, 1, 0, 1, 1, 1, 0, 0];

const i64 = (values: number[]) => new Uint8Array(BigInt64Array.from(values.map(BigInt)).buffer);

function policy(gates: string): string {
  return `version: 1
seed: 0
model:
  path: model/tokens.onnx
signature:
  required: false
datasets:
  eval:
    path: data/ids.npy
    labels: data/y.npy
gates:
${gates}`;
}

async function check(files: Record<string, string | Uint8Array>) {
  const ws = makeWorkspace({
    'model/tokens.onnx': tokenModel(),
    'data/ids.npy': npyBytes('<i8', [8, 4], i64(IDS.flat())),
    'data/y.npy': npyBytes('<i8', [8], i64(Y)),
    ...files,
  });
  try {
    let stderr = '';
    const code = await main(['check', '--workspace', ws.dir, '--policy', 'model-gate.yml', '--json', path.join(ws.dir, 'r.json')], {
      stdout: { write: () => true },
      stderr: { write: (s: string) => { stderr += s; return true; } },
    });
    return { code, stderr, report: JSON.parse(readFileSync(path.join(ws.dir, 'r.json'), 'utf8')) };
  } finally {
    ws.cleanup();
  }
}

test('an int64 .npy feeds an int64 model input: accuracy is measured end to end', async () => {
  const { code, report } = await check({
    'model-gate.yml': policy('  accuracy:\n    dataset: eval\n    thresholds:\n      accuracy: { min: 0.7 }\n'),
  });
  assert.deepEqual(report.errors, []);
  assert.equal(code, 0);
  assert.equal(report.gates.accuracy.status, 'pass');
  assert.equal(report.gates.accuracy.metrics.accuracy, 0.75);
});

test('robustness on a model with integer inputs only: "perturbs float inputs only", names the input; the gradient reason stays in the details', async () => {
  const { code, report, stderr } = await check({
    'model-gate.yml': policy(
      '  accuracy:\n    dataset: eval\n    thresholds:\n      accuracy: { min: 0.7 }\n' +
      '  robustness:\n    dataset: eval\n    norm: linf\n    epsilon: 0.1\n    thresholds:\n      robust_accuracy: { min: 0.5 }\n',
    ),
  });
  assert.equal(code, 2);
  assert.equal(report.gates.accuracy.status, 'pass');
  const rob = report.gates.robustness;
  assert.equal(rob.status, 'error');
  assert.match(rob.message, /^model-gate\.yml:\d+:\d+: the robustness gate perturbs float inputs only: model input "ids" \(int64 \[N, 4\]\) is integer .* and stays fixed, so there is nothing to perturb: /);
  assert.doesNotMatch(rob.message, /inconclusive|gradient (is )?not available|internal error/);
  assert.equal(report.errors.length, 1);
  assert.equal(report.errors[0].code, 'robustness.integer-inputs');
  // the gradient engine's own reason is kept for the curious
  assert.equal(rob.details.gradient.available, false);
  assert.equal(typeof rob.details.gradient.reason, 'string');
  assert.deepEqual(rob.details.integer_inputs, ['ids']);
  if (process.env.MG_SHOW_MESSAGES) console.log(rob.message, rob.details.gradient);
  assert.doesNotMatch(stderr, /\n\s+at /);
});

test('an int64 .npy value beyond float32 precision reaches the int64 input exactly', () => {
  const big = 16_777_217; // 2^24 + 1: float32 rounds it to 2^24
  const ds: Dataset = {
    name: 'eval', path: 'ids.npy', format: 'npy', sha256: '', extraFiles: [], rows: 2, columns: new Map(), features: [],
    tensor: { data: Float32Array.from([1, big, 3, 4]), shape: [2, 2], exact: Float64Array.from([1, big, 3, 4]) },
  };
  const view = buildFeatureView(ds, [{ name: 'ids', type: 'int64', shape: ['N', 2] }], undefined, { policyFile: 'p.yml' });
  assert.deepEqual([...view.perturbable], [0, 0]);
  assert.deepEqual(view.floatInputs, []);
  const rows = Int32Array.from([1, 0]);
  const t = view.feeds(view.features(rows), rows).ids;
  assert.equal(t.type, 'int64');
  assert.deepEqual(t.dims, [2, 2]);
  assert.deepEqual([...(t.data as BigInt64Array)], [3n, 4n, 1n, BigInt(big)]);
});

test('robustness on a model with float and integer inputs: attacks the float input and names the fixed integer input', async () => {
  const rows = ['f1,f2,code,label'];
  for (let i = 0; i < 12; i++) {
    const a = (i % 4) * 0.5, c = i % 3;
    const y = a - (1 - a) + (c === 0 ? 0.5 : c === 1 ? -0.5 : 0) > 0 ? 0 : 1;
    rows.push(`${a},${1 - a},${c},${y}`);
  }
  const ws = makeWorkspace({
    'model/m.onnx': floatAndCodeModel(),
    'data/eval.csv': rows.join('\n') + '\n',
    'model-gate.yml': `version: 1
seed: 0
model:
  path: model/m.onnx
  inputs:
    x: { from: [f1, f2] }
    code: { from: code }
signature:
  required: false
datasets:
  eval:
    path: data/eval.csv
    label: label
gates:
  robustness:
    dataset: eval
    norm: linf
    epsilon: 0.1
    thresholds:
      robust_accuracy: { min: 0 }
`,
  });
  try {
    const code = await main(['check', '--workspace', ws.dir, '--policy', 'model-gate.yml', '--json', path.join(ws.dir, 'r.json')], {
      stdout: { write: () => true }, stderr: { write: () => true },
    });
    const report = JSON.parse(readFileSync(path.join(ws.dir, 'r.json'), 'utf8'));
    assert.deepEqual(report.errors, []);
    assert.equal(code, 0);
    assert.equal(report.gates.robustness.details.method, 'white-box');
    const w = report.warnings.map((m: { message: string }) => m.message).filter((m: string) => m.includes('float inputs only'));
    assert.deepEqual(w, ['robustness: the gate perturbs float inputs only: model input "code" (int64 [N, 1]) is integer (token ids or category codes) and stays fixed']);
  } finally {
    ws.cleanup();
  }
});
