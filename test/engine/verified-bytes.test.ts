/**
 * Only verified bytes are executed. A folder model with ONNX external data, signed with OpenSSF model signing:
 * differing copies of its external-data file are planted where a path-resolving loader would look (the workspace
 * root, the process's working directory, the policy's working directory); the run must use exactly the signed
 * weights (every gate's numbers equal those of the same weights stored inline), and a file that changes after
 * verification, or that the signature does not cover, must fail before it is executed.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createPrivateKey } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli.ts';
import { copyExample } from '../helpers/example.ts';
import { decodeModel, encodeModel, type ModelProto } from '../../src/model/onnx/proto.ts';
import { tensorToArray } from '../../src/model/onnx/tensor.ts';
import { signOmsWithKey, type SignOptions } from '../signature/oms-sign.ts';
import { verifyModelSignatureWithSubject } from '../../src/signature/verify.ts';
import { FsTrustedFiles } from '../../src/signature/fs-trusted.ts';
import { loadModel } from '../../src/model/load.ts';
import { sha256Hex } from '../../src/util/hash.ts';
import { GateError } from '../../src/errors.ts';

const sink = { write: () => true };

async function check(ws: string): Promise<{ code: number; report: any }> {
  const json = path.join(ws, 'out-report.json');
  const code = await main(['check', '--workspace', ws, '--policy', 'model-gate.yml', '--json', json], { stdout: sink, stderr: sink });
  return { code, report: JSON.parse(readFileSync(json, 'utf8')) };
}

/** Moves every initializer of the example model into `weights.bin` (external data); optionally appends a Softmax. */
function externalise(modelBytes: Uint8Array, opts: { softmax: boolean; scale?: number }): { model: Uint8Array; weights: Buffer } {
  const m: ModelProto = decodeModel(modelBytes);
  const g = m.graph!;
  const chunks: Buffer[] = [];
  let offset = 0;
  for (const t of g.initializer) {
    const values = Float32Array.from(tensorToArray(t) as Float32Array, (v) => v * (opts.scale ?? 1));
    const bytes = Buffer.from(values.buffer);
    chunks.push(bytes);
    t.rawData = undefined;
    t.floatData = undefined;
    t.dataLocation = 1;
    t.externalData = [
      { key: 'location', value: 'weights.bin' },
      { key: 'offset', value: String(offset) },
      { key: 'length', value: String(bytes.length) },
    ];
    offset += bytes.length;
  }
  if (opts.softmax) {
    g.node.push({ input: ['logits'], output: ['probabilities'], opType: 'Softmax', attribute: [{ name: 'axis', type: 2, i: 1, floats: [], ints: [], strings: [], tensors: [], graphs: [], typeProtos: [], sparseTensors: [] }], metadataProps: [] });
    g.output[0] = { ...g.output[0], name: 'probabilities' };
  }
  return { model: encodeModel(m), weights: Buffer.concat(chunks) };
}

const exampleKey = (ws: string) => createPrivateKey(readFileSync(path.join(ws, 'keys/example-signing.key')));

/** The example with its model split into model.onnx + weights.bin, re-signed over the folder. */
function externalExample(opts: { softmax: boolean; sign?: SignOptions }): string {
  const ws = copyExample();
  const original = readFileSync(path.join(ws, 'model/model.onnx'));
  const { model, weights } = externalise(original, { softmax: opts.softmax });
  writeFileSync(path.join(ws, 'model/model.onnx'), model);
  writeFileSync(path.join(ws, 'model/weights.bin'), weights);
  writeFileSync(path.join(ws, 'model/model.sig'), signOmsWithKey(path.join(ws, 'model'), exampleKey(ws), opts.sign).bundle);
  return ws;
}

/** Negated weights flip every prediction: a loader that read this copy could not reproduce the signed numbers. */
function evilWeights(): Buffer {
  return externalise(readFileSync(path.join(copyExampleOnce(), 'model/model.onnx')), { softmax: false, scale: -1 }).weights;
}
let exampleCopy: string | null = null;
function copyExampleOnce(): string {
  exampleCopy ??= copyExample();
  return exampleCopy;
}

const gateNumbers = (r: any) => Object.fromEntries(Object.entries(r.gates).map(([k, g]: [string, any]) => [k, { status: g.status, metrics: g.metrics }]));

test('external data: differing copies in the workspace root and the working directory are never read', async () => {
  // The reference: the untouched example (weights inline, same numbers by construction).
  const plain = await check(copyExampleOnce());
  assert.equal(plain.report.verdict, 'pass', JSON.stringify(plain.report.errors));

  for (const softmax of [true, false]) {
    const ws = externalExample({ softmax });
    const cwd = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'mg-cwd-')));
    const before = process.cwd();
    try {
      const evil = evilWeights();
      writeFileSync(path.join(ws, 'weights.bin'), evil);
      writeFileSync(path.join(cwd, 'weights.bin'), evil);
      process.chdir(cwd);
      const r = await check(ws);
      assert.equal(r.code, 0, `softmax=${softmax}: ${JSON.stringify(r.report.errors)}`);
      assert.equal(r.report.signature.status, 'verified');
      // Every gate measured exactly what the signed weights give (a Softmax on top changes no number: the engine
      // reads the logits under it).
      assert.deepEqual(gateNumbers(r.report), gateNumbers(plain.report), `softmax=${softmax}`);
      // The gradient graph (derived from the model, still referencing weights.bin) ran white-box on the same bytes.
      assert.equal(r.report.gates.robustness.details.gradient.available, true);
      // And the planted copy, if it were loaded, would have changed them: prove the attack would be visible.
      writeFileSync(path.join(ws, 'model/weights.bin'), evil);
      writeFileSync(path.join(ws, 'model/model.sig'), signOmsWithKey(path.join(ws, 'model'), exampleKey(ws)).bundle);
      const flipped = await check(ws);
      assert.notDeepEqual(gateNumbers(flipped.report).accuracy, gateNumbers(plain.report).accuracy);
    } finally {
      process.chdir(before);
      rmSync(ws, { recursive: true, force: true });
      rmSync(cwd, { recursive: true, force: true });
    }
  }
});

test('external data changed after the signature was verified: a failure, nothing executed (files and shards)', async () => {
  for (const sign of [{ method: 'files' as const }, { method: 'shards' as const, shardSize: 100 }]) {
    const ws = externalExample({ softmax: false, sign });
    try {
      const modelAbs = path.join(ws, 'model/model.onnx');
      const out = await verifyModelSignatureWithSubject({
        policy: { required: true, bundle: 'model/model.sig', format: 'auto', subject: 'model', key: 'keys/example-signing.pub' },
        workspace: ws,
        workingDirectory: ws,
        modelPath: modelAbs,
        trusted: new FsTrustedFiles(ws),
      });
      assert.equal(out.report.status, 'verified');
      assert.ok(out.subject?.files.has('weights.bin'));
      const bytes = readFileSync(modelAbs);
      const load = () =>
        loadModel({ abs: modelAbs, rel: 'model/model.onnx', bytes, sha256: sha256Hex(bytes), verified: out.subject, threads: 1, policy: { path: 'model/model.onnx' }, subjectAbs: path.join(ws, 'model'), workspace: ws, position: () => undefined });
      const ok = await load();
      await ok.session.release();
      // One flipped byte in the last shard / the file.
      const w = readFileSync(path.join(ws, 'model/weights.bin'));
      w[w.length - 1] ^= 1;
      writeFileSync(path.join(ws, 'model/weights.bin'), w);
      await assert.rejects(load(), (e: unknown) => {
        assert.ok(e instanceof GateError);
        assert.equal(e.code, 'signature.changed');
        assert.equal(e.kind, 'fail');
        assert.match(e.message, /^external data file \(tensor "\w+"\) model\/weights\.bin changed after the signature model\/model\.sig was verified/);
        return true;
      });
      // The model file itself, changed after verification.
      const other = Buffer.from(bytes);
      other[other.length - 1] ^= 1;
      await assert.rejects(
        loadModel({ abs: modelAbs, rel: 'model/model.onnx', bytes: other, sha256: sha256Hex(other), verified: out.subject, threads: 1, policy: { path: 'model/model.onnx' }, subjectAbs: path.join(ws, 'model'), workspace: ws, position: () => undefined }),
        /model model\/model\.onnx changed after the signature model\/model\.sig was verified/,
      );
    } finally {
      rmSync(ws, { recursive: true, force: true });
    }
  }
});

test('external data the signature does not cover (ignore-paths) is refused before it runs', async () => {
  const ws = externalExample({ softmax: false, sign: { ignorePaths: ['weights.bin'] } });
  try {
    const p = path.join(ws, 'model-gate.yml');
    writeFileSync(p, readFileSync(p, 'utf8').replace('  key: keys/example-signing.pub', '  key: keys/example-signing.pub\n  ignore-paths: [weights.bin]'));
    const r = await check(ws);
    assert.equal(r.code, 1, JSON.stringify(r.report.errors));
    assert.equal(r.report.verdict, 'fail');
    assert.ok(r.report.failed_gates.includes('signature'));
    assert.match(r.report.errors[0].message, /external data file \(tensor "\w+"\) model\/weights\.bin is not covered by the signature model\/model\.sig: only verified bytes are executed/);
    assert.deepEqual(r.report.gates, {});
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
});

test.after(() => {
  if (exampleCopy) rmSync(exampleCopy, { recursive: true, force: true });
});
