/**
 * GRU and LSTM (src/model/gradient/lower-rnn.ts): the nodes are unrolled over the probed sequence length before
 * differentiation. Two independent checks per variant:
 *  1. the lowered FORWARD graph reproduces onnxruntime's own GRU/LSTM outputs (Y, Y_h, Y_c) on random weights;
 *  2. the gradient of a small classifier (x [N, T, I] -> Transpose to [T, N, I] as torch exports it -> GRU/LSTM
 *     -> an output -> linear head) matches central finite differences of the ORIGINAL forward model
 *     (gradient-cases.ts; float32, since onnxruntime's CPU GRU/LSTM kernels are float-only: h = 1e-2, tolerance 2e-3).
 * And the refusals (UnsupportedOpError with a precise reason) for what the lowering does not cover.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as ort from 'onnxruntime-node';
import { attr, GraphBuilder } from '../../src/model/onnx/builder.ts';
import { decodeModel, encodeModel } from '../../src/model/onnx/proto.ts';
import { arrayToTensor } from '../../src/model/onnx/tensor.ts';
import { prepareGradient, UnsupportedOpError } from '../../src/model/gradient/index.ts';
import { lowerRecurrent } from '../../src/model/gradient/lower-rnn.ts';
import { probe } from '../../src/model/gradient/probe.ts';
import { rng } from '../../src/util/random.ts';
import { checkCases, i64, type Case, type DT } from './gradient-cases.ts';

const T = 4, I = 3, H = 3;

interface Variant {
  name: string;
  op: 'GRU' | 'LSTM';
  dir?: 'forward' | 'reverse' | 'bidirectional';
  /** initial states: none, computed from the input (active), or a constant broadcast to the batch */
  init?: 'none' | 'input' | 'const' | 'zeros';
  seq?: boolean;
  lbr?: 0 | 1;
  peep?: boolean;
  bias?: boolean;
  /** which output feeds the head; 'last': torch's out[:, -1, :] (Y -> Squeeze -> Transpose -> Gather -1) */
  out: 'y' | 'h' | 'c' | 'last';
  dtype?: DT;
  extra?: Record<string, unknown>;
  /** two stacked layers, as torch exports nn.LSTM(num_layers=2): Y -> Transpose -> Reshape [T, N, D*H] -> layer 2 */
  stacked?: boolean;
}

type Arr = (name: string, dims: number[], scale?: number) => string;

/** The RNN on x [N, T, I] (transposed to [T, N, I]); returns [Y, Y_h, Y_c?]. */
function rnn(g: GraphBuilder, x: string, a: Arr, v: Variant, dt: DT): string[] {
  const lstm = v.op === 'LSTM';
  const D = v.dir === 'bidirectional' ? 2 : 1;
  const G = lstm ? 4 : 3;
  const xt = g.node('Transpose', [x], { perm: [1, 0, 2] });
  const inputs = [xt, a('W', [D, G * H, I]), a('R', [D, G * H, H]), v.bias === false ? '' : a('B', [D, 2 * G * H]), '', '', '', ''];
  const x0 = g.node('Gather', [x, g.initializer('t0', BigInt64Array.of(0n), [])], { axis: 1 }); // [N, I]
  if (v.seq) {
    // per-row lengths min(T, 2 + row): 2, 3, 4, ... (int32, no gradient)
    const n = g.node('Slice', [g.node('Shape', [x]), i64(g, 'sl0', [0]), i64(g, 'sl1', [1])]);
    const ones = g.node('ConstantOfShape', [n], { value: arrayToTensor('', Int32Array.of(1), [1]) });
    const row = g.node('CumSum', [ones, g.initializer('slax', BigInt64Array.of(0n), [])]);
    inputs[4] = g.node('Min', [g.node('Add', [row, g.initializer('one32', Int32Array.of(1), [])]), g.initializer('T32', Int32Array.of(T), [])]);
  }
  const state = (k: string): string => {
    if (v.init === 'input') {
      const s = g.node('Tanh', [g.node('MatMul', [x0, a(`${k}w`, [I, D * H])])]);
      return g.node('Transpose', [g.node('Reshape', [s, i64(g, `${k}shape`, [0, D, H])])], { perm: [1, 0, 2] });
    }
    const n = g.node('Slice', [g.node('Shape', [x]), i64(g, `${k}s0`, [0]), i64(g, `${k}s1`, [1])]);
    if (v.init === 'zeros') return g.node('ConstantOfShape', [g.node('Concat', [i64(g, `${k}d`, [D]), n, i64(g, `${k}h`, [H])], { axis: 0 })], { value: arrayToTensor('', Float32Array.of(0), [1]) });
    return g.node('Expand', [a(`${k}c`, [D, 1, H]), g.node('Concat', [i64(g, `${k}d`, [D]), n, i64(g, `${k}h`, [H])], { axis: 0 })]);
  };
  if (v.init && v.init !== 'none') {
    inputs[5] = state('h0');
    if (lstm) inputs[6] = state('c0');
  }
  if (v.peep) inputs[7] = a('P', [D, 3 * H]);
  while (inputs[inputs.length - 1] === '') inputs.pop();
  const attrs: Record<string, unknown> = { hidden_size: H, direction: v.dir ?? 'forward', ...(v.lbr !== undefined && !lstm ? { linear_before_reset: v.lbr } : {}), ...v.extra };
  const outs = g.nodeMulti(v.op, inputs, attrs as never, { outputs: lstm ? 3 : 2 });
  if (!v.stacked) return outs;
  const x2 = g.node('Reshape', [g.node('Transpose', [outs[0]], { perm: [0, 2, 1, 3] }), i64(g, 'l2shape', [0, 0, -1])]);
  const in2 = [x2, a('W2', [D, G * H, D * H]), a('R2', [D, G * H, H]), a('B2', [D, 2 * G * H])];
  return g.nodeMulti(v.op, in2, attrs as never, { outputs: lstm ? 3 : 2 });
}

const VARIANTS: Variant[] = [
  { name: 'LSTM-fwd-h', op: 'LSTM', out: 'h' },
  { name: 'LSTM-torch-style-last', op: 'LSTM', init: 'zeros', out: 'last' },
  { name: 'LSTM-fwd-y-c', op: 'LSTM', out: 'y' },
  { name: 'LSTM-fwd-c-nobias', op: 'LSTM', out: 'c', bias: false },
  { name: 'LSTM-reverse-h', op: 'LSTM', dir: 'reverse', out: 'h' },
  { name: 'LSTM-bidir-y', op: 'LSTM', dir: 'bidirectional', out: 'y' },
  { name: 'LSTM-bidir-h-init-input', op: 'LSTM', dir: 'bidirectional', init: 'input', out: 'h' },
  { name: 'LSTM-fwd-c-init-const', op: 'LSTM', init: 'const', out: 'c' },
  { name: 'LSTM-bidir-y-seqlens', op: 'LSTM', dir: 'bidirectional', seq: true, init: 'input', out: 'y' },
  { name: 'LSTM-bidir-h-seqlens', op: 'LSTM', dir: 'bidirectional', seq: true, out: 'h' },
  { name: 'LSTM-bidir-peephole-c', op: 'LSTM', dir: 'bidirectional', peep: true, init: 'input', out: 'c' },
  { name: 'LSTM-bidir-2layers-h', op: 'LSTM', dir: 'bidirectional', init: 'const', stacked: true, out: 'h' },
  { name: 'GRU-fwd-h-lbr1', op: 'GRU', lbr: 1, out: 'h' },
  { name: 'GRU-torch-style-last-lbr1', op: 'GRU', lbr: 1, init: 'zeros', out: 'last' },
  { name: 'GRU-fwd-h-lbr0', op: 'GRU', lbr: 0, out: 'h' },
  { name: 'GRU-fwd-y-nobias', op: 'GRU', lbr: 1, bias: false, out: 'y' },
  { name: 'GRU-reverse-y-lbr0', op: 'GRU', dir: 'reverse', out: 'y' },
  { name: 'GRU-bidir-y-lbr1', op: 'GRU', dir: 'bidirectional', lbr: 1, out: 'y' },
  { name: 'GRU-bidir-h-init-input-lbr1', op: 'GRU', dir: 'bidirectional', lbr: 1, init: 'input', out: 'h' },
  { name: 'GRU-bidir-h-init-const-lbr0', op: 'GRU', dir: 'bidirectional', init: 'const', out: 'h' },
  { name: 'GRU-bidir-y-seqlens-lbr1', op: 'GRU', dir: 'bidirectional', lbr: 1, seq: true, init: 'input', out: 'y' },
  { name: 'GRU-fwd-h-seqlens-lbr0', op: 'GRU', seq: true, out: 'h' },
  { name: 'GRU-bidir-2layers-y-lbr1', op: 'GRU', dir: 'bidirectional', lbr: 1, stacked: true, out: 'y' },
];

// ---- 1. the lowered forward graph against onnxruntime's own GRU / LSTM kernels
for (const v of VARIANTS) {
  test(`lowered ${v.name}: forward outputs equal onnxruntime's ${v.op}`, async (t) => {
    const dt = v.dtype ?? 'float32';
    const R2 = rng(13, v.name);
    const g = new GraphBuilder(v.name);
    const x = g.input('x', dt, ['N', T, I]);
    const a: Arr = (name, dims, scale = 0.6) => {
      const n = dims.reduce((p, q) => p * q, 1);
      const vals = Array.from({ length: n }, () => R2.normal() * scale);
      return g.initializer(name, dt === 'float64' ? Float64Array.from(vals) : Float32Array.from(vals), dims);
    };
    const outs = rnn(g, x, a, v, dt);
    for (const o of outs) g.output(o, dt);
    const bytes = g.toModel({ opset: 17 });
    const R = rng(5, v.name);
    const feed = (n: number): Record<string, ort.Tensor> => {
      const vals = Array.from({ length: n * T * I }, () => R.normal());
      return { x: new ort.Tensor(dt, dt === 'float64' ? Float64Array.from(vals) : Float32Array.from(vals), [n, T, I]) };
    };
    const m = decodeModel(bytes.slice());
    const { probe: pr } = await probe(m, feed, {});
    assert.ok(lowerRecurrent(m, pr, ['x']));
    assert.ok(!m.graph!.node.some((n) => n.opType === v.op), 'the node is replaced');
    const ref = await ort.InferenceSession.create(bytes);
    const low = await ort.InferenceSession.create(encodeModel(m));
    const f = feed(3);
    const r1 = await ref.run(f), r2 = await low.run(f);
    let err = 0, mx = 0;
    for (const o of outs) {
      const p = r1[o].data as Float64Array, q = r2[o].data as Float64Array;
      assert.deepEqual(r2[o].dims, r1[o].dims, `${o} dims`);
      for (let i = 0; i < p.length; i++) { err = Math.max(err, Math.abs(p[i] - q[i])); mx = Math.max(mx, Math.abs(p[i])); }
    }
    await ref.release();
    await low.release();
    t.diagnostic(`${v.name}: max |lowered − onnxruntime| = ${err.toExponential(2)} (max |out| ${mx.toFixed(3)})`);
    assert.ok(mx > 0.05, 'outputs are not trivially zero');
    assert.ok(err < (dt === 'float64' ? 1e-12 : 2e-6), `forward mismatch ${err}`);
  });
}

// ---- 2. finite-difference gradient checks of small classifiers
const HEAD: Record<Variant['out'], (g: GraphBuilder, o: string[]) => string> = {
  y: (g, o) => g.node('Transpose', [o[0]], { perm: [2, 0, 1, 3] }),
  h: (g, o) => g.node('Transpose', [o[1]], { perm: [1, 0, 2] }),
  c: (g, o) => g.node('Transpose', [o[2]], { perm: [1, 0, 2] }),
  last: (g, o) => g.node('Gather', [g.node('Transpose', [g.node('Squeeze', [o[0], i64(g, 'sq', [1])])], { perm: [1, 0, 2] }), g.initializer('last', BigInt64Array.of(-1n), [])], { axis: 1 }),
};
const CASES: Case[] = VARIANTS.map((v) => ({
  name: v.name, dtype: v.dtype ?? 'float32', shape: [2, T, I],
  build: (g, x, a) => HEAD[v.out](g, rnn(g, x, a, v, v.dtype ?? 'float32')),
}));
// Models that import an older opset are raised to 17 first (GRU and LSTM did not change from opset 7 to 17 but for
// the `layout` attribute added at 14, whose default is the old behaviour).
for (const v of VARIANTS.filter((x) => x.name === 'GRU-fwd-h-lbr1' || x.name === 'LSTM-bidir-h-init-input')) {
  CASES.push({ name: `${v.name}-opset11`, dtype: 'float32', shape: [2, T, I], opset: 11, build: (g, x, a) => HEAD[v.out](g, rnn(g, x, a, v, 'float32')) });
}
checkCases(CASES);

// ---- 3. refusals
async function reason(v: Variant, symbolicT = false): Promise<string> {
  const g = new GraphBuilder(v.name);
  const x = g.input('x', 'float32', ['N', symbolicT ? 'T' : T, I]);
  const R2 = rng(3, v.name);
  const a: Arr = (name, dims) => g.initializer(name, Float32Array.from({ length: dims.reduce((p, q) => p * q, 1) }, () => R2.normal() * 0.5), dims);
  const o = HEAD[v.out](g, rnn(g, x, a, v, 'float32'));
  const z = g.node('MatMul', [g.node('Flatten', [o], { axis: 1 }), a('head', [(v.dir === 'bidirectional' ? 2 : 1) * H * (v.out === 'y' ? T : 1), 4])], {}, { outputs: ['logits'] });
  g.output(z, 'float32', ['N', 4]);
  try {
    await prepareGradient({
      bytes: g.toModel({ opset: 17 }), wrt: ['x'], output: 'logits', outputKind: 'logits',
      probeFeeds: (n) => ({ x: new ort.Tensor('float32', new Float32Array(n * T * I).fill(0.3), [n, T, I]) }),
    });
  } catch (e) {
    assert.ok(e instanceof UnsupportedOpError, String(e));
    return e.reason;
  }
  return 'accepted';
}

test('the forward model is left as it is; only the gradient model holds the unrolled graph', async () => {
  const g = new GraphBuilder('keep');
  const x = g.input('x', 'float32', ['N', T, I]);
  const R2 = rng(4, 'keep');
  const a: Arr = (name, dims) => g.initializer(name, Float32Array.from({ length: dims.reduce((p, q) => p * q, 1) }, () => R2.normal() * 0.5), dims);
  const o = HEAD.h(g, rnn(g, x, a, { name: 'keep', op: 'LSTM', out: 'h' }, 'float32'));
  g.output(g.node('MatMul', [g.node('Flatten', [o], { axis: 1 }), a('head', [H, 4])], {}, { outputs: ['logits'] }), 'float32', ['N', 4]);
  const bytes = g.toModel({ opset: 17 });
  const copy = bytes.slice();
  const prep = await prepareGradient({
    bytes, wrt: ['x'], output: 'logits', outputKind: 'logits',
    probeFeeds: (n) => ({ x: new ort.Tensor('float32', new Float32Array(n * T * I).fill(0.3), [n, T, I]) }),
  });
  const gm = decodeModel(prep.model('ce'));
  assert.deepEqual(bytes, copy);
  assert.ok(decodeModel(bytes).graph!.node.some((n) => n.opType === 'LSTM'));
  assert.ok(!gm.graph!.node.some((n) => n.opType === 'LSTM' || n.opType === 'GRU'));
});

test('GRU/LSTM features the lowering does not cover are refused with a precise reason', async () => {
  assert.match(await reason({ name: 'clip', op: 'LSTM', out: 'h', extra: { clip: attr.f(3) } }), /clip/);
  assert.match(await reason({ name: 'forget', op: 'LSTM', out: 'h', extra: { input_forget: 1 } }), /input_forget/);
  assert.match(await reason({ name: 'acts', op: 'GRU', out: 'h', extra: { activations: ['Relu', 'Tanh'] } }), /activations \[Relu, Tanh\]/);
  assert.match(await reason({ name: 'symT', op: 'LSTM', out: 'h' }, true), /dimension 1 is symbolic \("T"\)/);
  // explicit default activations are accepted
  assert.equal(await reason({ name: 'acts-default', op: 'LSTM', dir: 'bidirectional', out: 'h', extra: { activations: ['Sigmoid', 'Tanh', 'Tanh', 'Sigmoid', 'Tanh', 'Tanh'] } }), 'accepted');
});

test('GRU layout 1 is refused by the lowering (onnxruntime itself does not run it on CPU)', () => {
  const g = new GraphBuilder('layout1');
  const x = g.input('x', 'float32', ['N', T, I]);
  const w = (name: string, dims: number[]): string => g.initializer(name, new Float32Array(dims.reduce((p, q) => p * q, 1)).fill(0.1), dims);
  const [, yh] = g.nodeMulti('GRU', [x, w('W', [1, 3 * H, I]), w('R', [1, 3 * H, H])], { hidden_size: H, layout: 1 }, { outputs: 2 });
  g.output(yh, 'float32');
  const m = decodeModel(g.toModel({ opset: 17 }));
  const pr = { shape: new Map([['x', [-1, T, I]]]), type: new Map([['x', 1]]), value: new Map() };
  assert.throws(() => lowerRecurrent(m, pr, ['x']), (e: unknown) => e instanceof UnsupportedOpError && /layout 1/.test(e.reason));
});
