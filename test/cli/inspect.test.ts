/**
 * `model-gate inspect` on real fixtures. The expected facts are computed another way: op counts, opsets and graph
 * inputs by a protobuf walker written here (field numbers of onnx.proto, not the project's codec), and the counts
 * of two models also as `onnx` 1.12 (python3-onnx) reported them; the output choice and the gradient coverage are
 * compared with what `check` itself reports for the same model (details.gradient of the robustness gate).
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { main } from '../../src/cli.ts';
import { INSPECT_USAGE } from '../../src/cli/inspect.ts';
import { decodeModel, encodeModel } from '../../src/model/onnx/proto.ts';
import { tensorToArray } from '../../src/model/onnx/tensor.ts';
import { copyExample } from '../helpers/example.ts';
import { FIXTURES, makeWorkspace, ROOT } from '../helpers/workspace.ts';

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } });
  return { code, stdout, stderr };
}

async function inspectJson(file: string) {
  const r = await run(['inspect', file, '--json']);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout);
}

// ---- an independent protobuf reader: just enough of onnx.proto (ModelProto 7 graph, 8 opset_import; GraphProto
// 1 node, 5 initializer, 11 input; NodeProto 4 op_type, 7 domain; OperatorSetIdProto 1 domain, 2 version;
// ValueInfoProto / TensorProto name = 1 / 8).
type Field = { no: number; wire: number; value: number | Uint8Array };
function fields(buf: Uint8Array): Field[] {
  const out: Field[] = [];
  let i = 0;
  const varint = (): number => {
    let v = 0;
    let mul = 1;
    for (;;) {
      const b = buf[i++];
      v += (b & 0x7f) * mul;
      if (b < 0x80) return v;
      mul *= 128;
    }
  };
  while (i < buf.length) {
    const key = varint();
    const no = Math.floor(key / 8);
    const wire = key % 8;
    if (wire === 0) out.push({ no, wire, value: varint() });
    else if (wire === 2) {
      const n = varint();
      out.push({ no, wire, value: buf.subarray(i, i + n) });
      i += n;
    } else if (wire === 1) i += 8;
    else if (wire === 5) i += 4;
    else throw new Error(`wire type ${wire}`);
  }
  return out;
}
const text = (b: Uint8Array) => Buffer.from(b).toString('utf8');
function walk(file: string) {
  const model = fields(readFileSync(file));
  const graph = fields(model.find((f) => f.no === 7)!.value as Uint8Array);
  const ops = new Map<string, number>();
  for (const f of graph.filter((x) => x.no === 1)) {
    const node = fields(f.value as Uint8Array);
    const op = text(node.find((x) => x.no === 4)!.value as Uint8Array);
    const dom = node.find((x) => x.no === 7);
    const domain = dom ? text(dom.value as Uint8Array) : '';
    const key = domain && domain !== 'ai.onnx' ? `${domain}.${op}` : op;
    ops.set(key, (ops.get(key) ?? 0) + 1);
  }
  const opsets = model.filter((f) => f.no === 8).map((f) => {
    const o = fields(f.value as Uint8Array);
    const d = o.find((x) => x.no === 1);
    return { domain: d && text(d.value as Uint8Array) ? text(d.value as Uint8Array) : 'ai.onnx', version: o.find((x) => x.no === 2)!.value as number };
  });
  const inits = new Set(graph.filter((x) => x.no === 5).map((f) => text(fields(f.value as Uint8Array).find((x) => x.no === 8)!.value as Uint8Array)));
  const inputs = graph.filter((x) => x.no === 11).map((f) => text(fields(f.value as Uint8Array).find((x) => x.no === 1)!.value as Uint8Array)).filter((n) => !inits.has(n));
  const nodes = [...ops.values()].reduce((a, b) => a + b, 0);
  return { ops, opsets, inputs, nodes };
}

const MODELS = [
  'examples/credit/model/model.onnx',
  'test/fixtures/onnx/mnist-8.onnx',
  'test/fixtures/onnx/skl_logreg_iris.onnx',
  'test/fixtures/onnx/skl_pipeline_titanic_nozipmap.onnx',
  'test/fixtures/robustness-blackbox/trees-2d.onnx',
  'test/fixtures/torch/vit-op17.onnx',
  'test/fixtures/torch/gru-op13.onnx',
];

for (const rel of MODELS) {
  test(`inspect --json ${path.basename(rel)}: op counts, node count, opsets and inputs as an independent protobuf walk reads them`, async () => {
    const file = path.join(ROOT, rel);
    const j = await inspectJson(file);
    const w = walk(file);
    assert.deepEqual(Object.fromEntries(j.ops.map((o: { op: string; count: number }) => [o.op, o.count])), Object.fromEntries(w.ops));
    assert.equal(j.nodes, w.nodes);
    assert.deepEqual(j.opsets, w.opsets);
    assert.deepEqual(j.inputs.map((i: { name: string }) => i.name), w.inputs);
    // most used first, ties by name
    for (let k = 1; k < j.ops.length; k++) {
      const [a, b] = [j.ops[k - 1], j.ops[k]];
      assert.ok(a.count > b.count || (a.count === b.count && a.op < b.op), `${a.op} ${a.count} before ${b.op} ${b.count}`);
    }
  });
}

test('inspect --json: the key order documented in the usage, and mnist-8 as onnx 1.12 reads it', async () => {
  const j = await inspectJson(path.join(FIXTURES, 'onnx/mnist-8.onnx'));
  assert.deepEqual(Object.keys(j), ['file', 'size', 'sha256', 'ir_version', 'producer', 'opsets', 'inputs', 'outputs', 'output', 'nodes', 'ops', 'domains', 'external_data', 'gradient', 'metadata']);
  const documented = INSPECT_USAGE.slice(INSPECT_USAGE.indexOf('keys in this order:')).replace(/\s+/g, ' ');
  let at = 0;
  for (const k of Object.keys(j)) {
    const i = documented.indexOf(k, at);
    assert.ok(i >= 0, `${k} documented in order`);
    at = i + k.length;
  }
  // python3-onnx 1.12: Counter(n.op_type for n in onnx.load(f).graph.node)
  assert.deepEqual(j.ops, [
    { op: 'Add', count: 3 }, { op: 'Conv', count: 2 }, { op: 'MaxPool', count: 2 }, { op: 'Relu', count: 2 }, { op: 'Reshape', count: 2 }, { op: 'MatMul', count: 1 },
  ]);
  assert.deepEqual(j.opsets, [{ domain: 'ai.onnx', version: 7 }]);
  assert.equal(j.ir_version, 3);
  assert.deepEqual(j.producer, { name: 'CNTK', version: '2.5.1' });
  assert.deepEqual(j.inputs, [{ name: 'Input3', type: 'float32', tensor: true, shape: [1, 1, 28, 28] }]);
  assert.deepEqual(j.outputs, [{ name: 'Plus214_Output_0', type: 'float32', tensor: true, shape: [1, 10], producer: 'Add' }]);
  assert.equal(j.output.ok, true);
  assert.equal(j.output.kind, 'logits');
  assert.equal(j.output.exposed, false);
  // opset 7: the gradient engine raises it (the converted field the robustness report carries)
  assert.equal(j.gradient.covered, true);
  assert.equal(j.gradient.converted, '7 -> 17');
  assert.deepEqual(j.gradient.ops, ['Add', 'Conv', 'MatMul', 'MaxPool', 'Relu', 'Reshape']);
  assert.deepEqual(j.external_data, []);
  assert.deepEqual(j.metadata, []);
  assert.equal(j.size, readFileSync(path.join(FIXTURES, 'onnx/mnist-8.onnx')).length);
});

test('inspect: sklearn logistic regression with ZipMap: the probability tensor feeding it, an unnamed dim as ?, the ai.onnx.ml ops the gradient engine lacks', async () => {
  const j = await inspectJson(path.join(FIXTURES, 'onnx/skl_logreg_iris.onnx'));
  assert.deepEqual(j.inputs, [{ name: 'X', type: 'float32', tensor: true, shape: ['?', 2] }]);
  assert.deepEqual(j.outputs[1], { name: 'output_probability', type: 'seq(map(int64, float32))', tensor: false, shape: null, producer: 'ai.onnx.ml.ZipMap' });
  assert.equal(j.output.name, 'probabilities');
  assert.equal(j.output.kind, 'probabilities');
  assert.equal(j.output.exposed, true);
  assert.match(j.output.reason, /ZipMap "output_probability"/);
  assert.deepEqual(j.output.class_labels, [0, 1, 2]);
  assert.deepEqual(j.domains, ['ai.onnx', 'ai.onnx.ml']);
  assert.deepEqual(j.opsets, [{ domain: 'ai.onnx', version: 9 }, { domain: 'ai.onnx.ml', version: 1 }]);
  assert.equal(j.gradient.covered, false);
  assert.deepEqual(j.gradient.missing, [{ op: 'ai.onnx.ml.LinearClassifier', count: 1 }, { op: 'ai.onnx.ml.Normalizer', count: 1 }]);
});

test('inspect: a graph ending in Softmax is read through to its logits (detected by the same code as check)', async () => {
  const { linearModel } = await import('../helpers/models.ts');
  const ws = makeWorkspace({ 'm.onnx': linearModel([[1, 0], [0, 1]], [0, 0], { final: 'Softmax' }) });
  try {
    const j = await inspectJson(path.join(ws.dir, 'm.onnx'));
    assert.deepEqual(j.outputs, [{ name: 'probs', type: 'float32', tensor: true, shape: ['N', 2], producer: 'Softmax' }]);
    assert.equal(j.output.name, 'logits');
    assert.equal(j.output.kind, 'logits');
    assert.equal(j.output.exposed, true);
    assert.match(j.output.reason, /final Softmax of "probs"/);
    assert.equal(j.gradient.covered, true);
  } finally {
    ws.cleanup();
  }
});

test('inspect agrees with check: the gradient coverage and ops of the robustness gate (credit example: covered; iris ZipMap model: the missing ops)', async () => {
  // The credit example as shipped (signed), its policy unchanged.
  const ws = copyExample();
  try {
    const json = path.join(ws, 'report.json');
    const r = await run(['check', '--workspace', ws, '--policy', 'model-gate.yml', '--json', json]);
    assert.notEqual(r.code, 2, r.stderr);
    const grad = JSON.parse(readFileSync(json, 'utf8')).gates.robustness.details.gradient;
    const j = await inspectJson(path.join(ws, 'model/model.onnx'));
    assert.equal(grad.available, true);
    assert.equal(j.gradient.covered, true);
    assert.deepEqual(j.gradient.ops, grad.ops);
    assert.deepEqual(j.metadata, [{ key: 'task', value: 'credit default (synthetic)' }]);
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
  const iris = makeWorkspace({
    'm.onnx': { copy: path.join(FIXTURES, 'onnx/skl_logreg_iris.onnx') },
    'iris.csv': { copy: path.join(FIXTURES, 'onnx/iris-sample.csv') },
    'p.yml': 'version: 1\nmodel: { path: m.onnx }\nsignature: { required: false }\ndatasets: { d: { path: iris.csv, label: species } }\ngates:\n  robustness: { dataset: d, epsilon: 0.1, attacks: [square], queries: 50, thresholds: { robust_accuracy: { min: 0 } } }\n',
  });
  try {
    const json = path.join(iris.dir, 'report.json');
    const r = await run(['check', '--workspace', iris.dir, '--policy', 'p.yml', '--json', json]);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(readFileSync(json, 'utf8'));
    const j = await inspectJson(path.join(iris.dir, 'm.onnx'));
    assert.equal(report.model.output_used.name, j.output.name);
    assert.equal(report.model.output_used.kind, j.output.kind);
    assert.equal(report.gates.robustness.details.gradient.available, false);
    assert.deepEqual(j.gradient.missing, report.gates.robustness.details.gradient.missing);
  } finally {
    iris.cleanup();
  }
});

test('inspect: external data files, counted per tensor, present or missing next to the model', async () => {
  const ws = makeWorkspace({});
  try {
    const m = decodeModel(readFileSync(path.join(ROOT, 'examples/credit/model/model.onnx')));
    const g = m.graph!;
    const chunks: Buffer[] = [];
    let offset = 0;
    for (const t of g.initializer) {
      const bytes = Buffer.from((tensorToArray(t) as Float32Array).slice().buffer);
      t.rawData = undefined;
      t.floatData = undefined;
      t.dataLocation = 1;
      t.externalData = [{ key: 'location', value: 'weights.bin' }, { key: 'offset', value: String(offset) }, { key: 'length', value: String(bytes.length) }];
      chunks.push(bytes);
      offset += bytes.length;
    }
    mkdirSync(path.join(ws.dir, 'model'));
    writeFileSync(path.join(ws.dir, 'model/model.onnx'), encodeModel(m));
    writeFileSync(path.join(ws.dir, 'model/weights.bin'), Buffer.concat(chunks));
    const file = path.join(ws.dir, 'model/model.onnx');
    const present = await inspectJson(file);
    assert.deepEqual(present.external_data, [{ location: 'weights.bin', tensors: g.initializer.length, exists: true }]);
    // the gradient engine ran on the external weights
    assert.equal(present.gradient.covered, true);
    rmSync(path.join(ws.dir, 'model/weights.bin'));
    const missing = await inspectJson(file);
    assert.deepEqual(missing.external_data, [{ location: 'weights.bin', tensors: g.initializer.length, exists: false }]);
    assert.equal(missing.gradient.covered, null);
    assert.match(missing.gradient.reason, /weights\.bin is missing/);
    const human = await run(['inspect', file]);
    assert.equal(human.code, 0);
    assert.match(human.stdout, new RegExp(`^  weights\\.bin  ${g.initializer.length} tensors  MISSING next to the model$`, 'm'));
  } finally {
    ws.cleanup();
  }
});

test('inspect (human): aligned sections; the op table matches the walker; the gates-read line and the gradient verdict', async () => {
  const file = path.join(FIXTURES, 'onnx/skl_pipeline_titanic_nozipmap.onnx');
  const r = await run(['inspect', file]);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.split('\n');
  for (const s of ['inputs', 'outputs', 'ops (16 nodes)', 'metadata      none']) assert.ok(lines.includes(s), `line "${s}" in\n${r.stdout}`);
  assert.match(r.stdout, /^gates read    "probabilities" as probabilities$/m);
  assert.match(r.stdout, /^gradients     not covered: /m);
  assert.match(r.stdout, /^  sex       string   \[\?, 1\]$/m);
  // op rows: name padded to one column, counts right-aligned in the next
  const start = lines.indexOf('ops (16 nodes)') + 1;
  const rows = lines.slice(start, lines.indexOf('', start));
  const w = walk(file);
  assert.equal(rows.length, w.ops.size);
  const countCol = rows[0].length;
  for (const row of rows) {
    const m = /^  (\S+)\s+(\d+)$/.exec(row)!;
    assert.ok(m, row);
    assert.equal(Number(m[2]), w.ops.get(m[1]));
    assert.equal(row.length, countCol, 'counts end in one column');
  }
});

test('inspect: a missing file, a folder, a file that is not ONNX: one line naming the file and the fix, exit 2', async () => {
  const ws = makeWorkspace({ 'data.csv': 'a,b\n1,2\n', 'models/x.onnx': { copy: path.join(FIXTURES, 'onnx/mnist-8.onnx') } });
  try {
    const cases: [string, RegExp][] = [
      [path.join(ws.dir, 'nope.onnx'), /nope\.onnx does not exist: give the path of an \.onnx model file$/],
      [path.join(ws.dir, 'models'), /models is a folder, not a model: give the \.onnx file inside it \(it holds x\.onnx\)$/],
      [path.join(ws.dir, 'data.csv'), /data\.csv is not an ONNX model \(.*\): give an \.onnx file/],
    ];
    for (const [file, re] of cases) {
      const r = await run(['inspect', file]);
      assert.equal(r.code, 2);
      assert.equal(r.stdout, '');
      const errLines = r.stderr.split('\n').filter(Boolean);
      assert.equal(errLines.length, 1, r.stderr);
      assert.match(errLines[0], /^model-gate: inspect: /);
      assert.match(errLines[0], re);
    }
  } finally {
    ws.cleanup();
  }
});

test('inspect --help prints its usage (exit 0); no model or two models is a usage error (exit 2)', async () => {
  for (const flag of ['--help', '-h']) {
    const r = await run(['inspect', flag]);
    assert.equal(r.code, 0);
    assert.equal(r.stdout, INSPECT_USAGE + '\n');
  }
  const none = await run(['inspect']);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /^model-gate: inspect needs MODEL\.onnx\nusage: model-gate inspect/);
  const two = await run(['inspect', 'a.onnx', 'b.onnx']);
  assert.equal(two.code, 2);
  assert.match(two.stderr, /unknown option "b\.onnx" for inspect/);
  const top = await run(['--help']);
  assert.match(top.stdout, /^  inspect +what model-gate sees in an ONNX model/m);
});
