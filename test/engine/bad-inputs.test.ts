/**
 * The bad-input matrix: each broken input ends in the verdict and CLI exit status of docs/design.md §8 and ONE helpful
 * message that names the file (and line/field where there is one) and what to do.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, symlinkSync, rmSync, mkdtempSync, unlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli.ts';
import { copyExample } from '../helpers/example.ts';
import { GraphBuilder } from '../../src/model/onnx/builder.ts';
import { linearModel } from '../helpers/models.ts';

interface Outcome { code: number; verdict: string; errors: string[]; failed: string[] }

async function check(ws: string, policy = 'model-gate.yml'): Promise<Outcome> {
  const json = path.join(ws, 'out-report.json');
  const sink = { write: () => true };
  const code = await main(['check', '--workspace', ws, '--policy', policy, '--json', json], { stdout: sink, stderr: sink });
  const r = JSON.parse(readFileSync(json, 'utf8'));
  return { code, verdict: r.verdict, errors: r.errors.map((e: { message: string }) => e.message), failed: r.failed_gates };
}

/** Runs `mutate` on a fresh copy of the example (its policy made unsigned unless `signed`) and checks the outcome. */
async function broken(mutate: (ws: string, policy: string) => string | void, opts: { signed?: boolean } = {}): Promise<Outcome> {
  const ws = copyExample();
  try {
    const p = path.join(ws, 'model-gate.yml');
    let text = readFileSync(p, 'utf8');
    if (!opts.signed) text = text.replace(/signature:\n(  .*\n)+/, 'signature:\n  required: false\n');
    writeFileSync(p, text);
    const out = mutate(ws, text);
    if (typeof out === 'string') writeFileSync(p, out);
    return await check(ws);
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
}

const error = (o: Outcome, message: string | RegExp) => {
  if (process.env.MG_SHOW_MESSAGES) console.log(o.errors[0]);
  assert.equal(o.code, 2, JSON.stringify(o));
  assert.equal(o.verdict, 'error');
  if (typeof message === 'string') assert.equal(o.errors[0], message);
  else assert.match(o.errors[0], message);
};
const fail = (o: Outcome, gate: string, message: string | RegExp) => {
  assert.equal(o.code, 1, JSON.stringify(o));
  assert.equal(o.verdict, 'fail');
  assert.ok(o.failed.includes(gate), JSON.stringify(o));
  if (typeof message === 'string') assert.equal(o.errors[0], message);
  else assert.match(o.errors[0], message);
};

test('1. a typo in a policy key: the line, the column and the closest known key', async () => {
  const o = await broken((_ws, t) => t.replace('    thresholds:\n      accuracy: { min: 0.80 }', '    tresholds:\n      accuracy: { min: 0.80 }'));
  error(o, /^model-gate\.yml:\d+:5: gates\.accuracy\.tresholds is not a known key.*thresholds/);
});

test('2. an unknown metric name', async () => {
  const o = await broken((_ws, t) => t.replace('roc_auc: { min: 0.85 }', 'rocauc: { min: 0.85 }'));
  error(o, /^model-gate\.yml:\d+:7: gates\.accuracy\.thresholds\.rocauc is not a known metric of gate accuracy/);
});

test('3. a wrong type', async () => {
  const o = await broken((_ws, t) => t.replace('limit: 200', 'limit: lots'));
  error(o, /^model-gate\.yml:\d+:12: gates\.robustness\.limit .*integer/);
});

test('4. a missing policy file', async () => {
  const ws = copyExample();
  try {
    const o = await check(ws, 'nope.yml');
    error(o, 'nope.yml does not exist: create the policy file or set the policy input');
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
});

test('5. a missing model file', async () => {
  const o = await broken((ws) => unlinkSync(path.join(ws, 'model/model.onnx')));
  error(o, /^model-gate\.yml:\d+:\d+: model\.path model\/model\.onnx cannot be read \(ENOENT\): check the path, or that the training job committed the model$/);
});

test('6. a path that leaves the workspace', async () => {
  const o = await broken((_ws, t) => t.replace('path: data/eval.csv', 'path: ../../etc/passwd.csv'));
  error(o, /^model-gate\.yml:\d+:\d+: datasets\.eval\.path .*\.\.\/\.\.\/etc\/passwd\.csv/);
});

test('7. a symlink that points out of the workspace', async () => {
  const outside = mkdtempSync(path.join(os.tmpdir(), 'mg-outside-'));
  writeFileSync(path.join(outside, 'eval.csv'), 'a,b\n1,2\n');
  try {
    const o = await broken((ws) => {
      unlinkSync(path.join(ws, 'data/eval.csv'));
      symlinkSync(path.join(outside, 'eval.csv'), path.join(ws, 'data/eval.csv'));
    });
    error(o, /dataset "eval" .*data\/eval\.csv.* resolves through a symlink to a place outside the workspace/);
  } finally {
    rmSync(outside, { recursive: true, force: true });
  }
});

test('8. a truncated ONNX file', async () => {
  const o = await broken((ws) => {
    const f = path.join(ws, 'model/model.onnx');
    writeFileSync(f, readFileSync(f).subarray(0, 300));
  });
  error(o, /^model-gate\.yml:\d+:\d+: model\/model\.onnx is not a valid ONNX model \(.*\): re-export it, or check that the file was not truncated$/);
});

test('9. a Git LFS pointer instead of the model', async () => {
  const o = await broken((ws) => writeFileSync(path.join(ws, 'model/model.onnx'), 'version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 12345\n'));
  error(o, /model\/model\.onnx is a Git LFS pointer, not the model: check out with lfs: true \(actions\/checkout\)$/);
});

test('10. a wrong feature count', async () => {
  const o = await broken((_ws, t) => t.replace('    exclude: [applicant_id, sex]\n    sha256: b207', '    exclude: [sex]\n    sha256: b207'));
  error(o, /model input "features" expects 6 values per row \(shape \[N, 6\]\) but dataset "eval" gives 7: check the dataset's columns, exclude, or transform\.reshape/);
});

test('11. an ambiguous model (two float outputs)', async () => {
  const g = new GraphBuilder('two');
  const x = g.input('features', 'float32', ['N', 6]);
  g.output(g.node('Relu', [x], {}, { outputs: ['a'] }), 'float32', ['N', 6]);
  g.output(g.node('Neg', [x], {}, { outputs: ['b'] }), 'float32', ['N', 6]);
  const o = await broken((ws) => writeFileSync(path.join(ws, 'model/model.onnx'), g.toModel()));
  error(o, /cannot tell which model output to read: several candidates \(outputs: a \(float32 rank 2\), b \(float32 rank 2\)\): set model\.output: \{ name: <output>, kind: logits \| probabilities \| label \} in the policy$/);
});

test('12. NaN model outputs', async () => {
  const g = new GraphBuilder('nan');
  const x = g.input('features', 'float32', ['N', 6]);
  const two = g.node('Slice', [x, g.initializer('s', BigInt64Array.from([0n]), [1]), g.initializer('e', BigInt64Array.from([2n]), [1]), g.initializer('a', BigInt64Array.from([1n]), [1])]);
  g.output(g.node('Log', [g.node('Neg', [two])], {}, { outputs: ['logits'] }), 'float32', ['N', 2]);
  const o = await broken((ws) => writeFileSync(path.join(ws, 'model/model.onnx'), g.toModel()));
  error(o, /model output "logits" is NaN on dataset "eval" row 1: the model produced non-finite scores/);
});

test('13. an empty CSV', async () => {
  const o = await broken((ws, t) => {
    writeFileSync(path.join(ws, 'data/eval.csv'), '');
    return t.replace(/sha256: b207\w+/, '');
  });
  error(o, 'data/eval.csv: no rows (the file is empty): a CSV dataset needs a header line and at least one row');
});

test('14. a ragged CSV row', async () => {
  const o = await broken((ws, t) => {
    const f = path.join(ws, 'data/eval.csv');
    const lines = readFileSync(f, 'utf8').split('\n');
    lines[3] = lines[3] + ',extra';
    writeFileSync(f, lines.join('\n'));
    return t.replace(/sha256: b207\w+/, '');
  });
  error(o, /data\/eval\.csv:4: .*(10|expected 9).*/);
});

test('15. a corrupt Parquet file', async () => {
  const o = await broken((ws, t) => {
    writeFileSync(path.join(ws, 'data/eval.parquet'), Buffer.concat([Buffer.from('PAR1'), Buffer.alloc(64, 7), Buffer.from('PAR1')]));
    return t.replace('path: data/eval.csv', 'path: data/eval.parquet').replace(/sha256: b207\w+/, '');
  });
  error(o, /^data\/eval\.parquet: not a readable Parquet file \(.*\): the file is corrupt or truncated; write it again/);
});

test('16. a pinned dataset that changed is tampering: verdict fail', async () => {
  const o = await broken((ws) => {
    const f = path.join(ws, 'data/eval.csv');
    writeFileSync(f, readFileSync(f, 'utf8').replace('\n1,', '\n1,'.replace('1,', '1,')).replace(',male,0\n', ',female,0\n'));
  });
  fail(o, 'datasets', /dataset "eval": .*data\/eval\.csv.*sha256.*b207fce8a7283dca4562e552e6d360fc12f576274ae7d73f9a6ac53aab453d19/);
});

test('17. ONNX external data outside the signed subject', async () => {
  const o = await broken((ws, t) => {
    const g = new GraphBuilder('ext');
    const x = g.input('features', 'float32', ['N', 6]);
    const w = g.initializer('W', new Float32Array(12), [6, 2]);
    g.output(g.node('MatMul', [x, w], {}, { outputs: ['logits'] }), 'float32', ['N', 2]);
    const proto = g.toModelProto();
    const t0 = proto.graph!.initializer[0];
    t0.rawData = undefined;
    (t0 as any).floatData = undefined;
    t0.dataLocation = 1;
    t0.externalData = [{ key: 'location', value: '../data/weights.bin' }, { key: 'offset', value: '0' }, { key: 'length', value: '48' }];
    writeFileSync(path.join(ws, 'data/weights.bin'), Buffer.alloc(48));
    writeFileSync(path.join(ws, 'model/model.onnx'), (require_encode())(proto));
    return t.replace('model:\n  path: model/model.onnx', 'model:\n  path: model/model.onnx').replace('signature:\n  required: false\n', 'signature:\n  required: false\n  subject: model\n');
  });
  error(o, /external data file data\/weights\.bin \(tensor "W"\) lies outside the signed subject model: sign the model's folder \(signature\.subject\) so its data is covered/);
});

test('18. a label that is not one of the model classes', async () => {
  const o = await broken((ws, t) => {
    const f = path.join(ws, 'data/eval.csv');
    writeFileSync(f, readFileSync(f, 'utf8').replace(/,male,0\n/, ',male,7\n'));
    return t.replace(/sha256: b207\w+/, '');
  });
  error(o, /dataset "eval" row \d+: label 7 is not one of the model's classes \(0, 1\): add a label-map to the dataset/);
});

test('19. a text column fed to a float input', async () => {
  const o = await broken((_ws, t) => t.replace('    exclude: [applicant_id, sex]\n    sha256: b207', '    exclude: [applicant_id, age]\n    sha256: b207'));
  error(o, /dataset "eval" column "sex" holds text but feeds the float32 input "features": exclude it, encode it, or map it to a string input with model\.inputs/);
});

test('20. a gate referring to a dataset that does not exist', async () => {
  const o = await broken((_ws, t) => t.replace('  accuracy:\n    dataset: eval', '  accuracy:\n    dataset: evaluation'));
  error(o, /^model-gate\.yml:\d+:\d+: gates\.accuracy\.dataset .*evaluation/);
});

test('21. the signature is required but the bundle is missing: verdict fail', async () => {
  const o = await broken((ws) => unlinkSync(path.join(ws, 'model/model.sig')), { signed: true });
  fail(o, 'signature', /model\/model\.sig/);
});

test('22. the signature was made by another key: verdict fail', async () => {
  const o = await broken((ws) => {
    const { generateKeyPairSync } = require_crypto();
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    writeFileSync(path.join(ws, 'keys/example-signing.pub'), publicKey.export({ type: 'spki', format: 'pem' }));
  }, { signed: true });
  fail(o, 'signature', /signature/i);
});

test('23. a budget that runs out is an error, never a pass', async () => {
  const o = await broken((_ws, t) => t.replace('budget-minutes: 10', 'budget-minutes: 0.00001'));
  error(o, /budget exceeded: the run took longer than budget-minutes \(0\.00001\); raise it in the policy or lower limit\/queries/);
});

test('24. a model with the wrong input width for a .npy dataset', async () => {
  const o = await broken((ws, t) => {
    writeFileSync(path.join(ws, 'model/model.onnx'), linearModel([[1, 0], [0, 1], [1, 1]], [0, 0], { outputName: 'logits' }));
    return t;
  });
  error(o, /model input "x" expects 3 values per row/);
});

import { createRequire } from 'node:module';
import { encodeModel } from '../../src/model/onnx/proto.ts';
function require_encode() {
  return encodeModel;
}
function require_crypto() {
  return createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');
}

test('a mutable feature with missing values under epsilon-scale: std (a NaN-tolerant pipeline): the robustness gate names the feature and the fixes', async () => {
  // The sklearn titanic pipeline imputes missing ages itself, so predictions are finite and the gate reaches the std.
  const ws = mkdtempSync(path.join(os.tmpdir(), 'mg-nan-std-'));
  try {
    const fx = path.join(import.meta.dirname, '../fixtures/onnx');
    writeFileSync(path.join(ws, 'titanic.onnx'), readFileSync(path.join(fx, 'skl_pipeline_titanic_nozipmap.onnx')));
    writeFileSync(path.join(ws, 'titanic.csv'), readFileSync(path.join(fx, 'small_titanic.csv')));
    assert.match(readFileSync(path.join(ws, 'titanic.csv'), 'utf8'), /,,/, 'the fixture has empty cells');
    const inputs = ['pclass', 'sex', 'age', 'fare', 'embarked'].map((c) => `    ${c}: { from: ${c} }`).join('\n');
    writeFileSync(path.join(ws, 'model-gate.yml'), `version: 1
model:
  path: titanic.onnx
  inputs:
${inputs}
  output: { name: probabilities, kind: probabilities }
signature: { required: false }
datasets:
  eval: { path: titanic.csv, label: survived }
gates:
  robustness:
    dataset: eval
    limit: 10
    norm: linf
    epsilon: 0.1
    epsilon-scale: std
    immutable: [pclass, fare]
    thresholds:
      robust_accuracy: { min: 0.1 }
`);
    const o = await check(ws);
    error(o, /dataset "eval": "age" has missing values, so its standard deviation \(epsilon-scale: std\) is undefined: fill them in the data, list the feature under immutable, or use epsilon-scale: absolute$/);
    assert.ok(!o.errors.some((e) => /internal error|is NaN/.test(e)), JSON.stringify(o.errors));
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
});
