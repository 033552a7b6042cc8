/**
 * Input gradients for ONNX classifiers, computed by onnxruntime itself: from the forward graph we build a second
 * model that also outputs a per-sample loss and its exact gradient with respect to the float inputs
 * (reverse mode: one vector-Jacobian product per forward node, appended as ONNX nodes in reverse topological
 * order). Recipes, pitfalls and measurements: the project note on ONNX gradients (stable cross-entropy seed,
 * MaxPool via Indices + ScatterElements(add), Conv via ConvTranspose with explicit pads and output_padding,
 * raising opset-7 models, batch-1 Reshape constants, shape probe).
 *
 * Usage: `const g = await prepareGradient({ bytes, wrt, output, outputKind, probeFeeds })`, then
 * `g.model(loss)` gives the bytes of a model with the original inputs plus `mg_label` (int64 [N]) and, for
 * `dlr-targeted`, `mg_target` (int64 [N]); outputs `mg_scores` [N, C], `mg_loss` [N] and `mg_grad_<k>` (same
 * shape as the k-th `wrt` input). The loss is meant to be MAXIMISED by an attack.
 * Anything the builder cannot differentiate throws `UnsupportedOpError(op, nodeName, reason)`.
 */
import { decodeModel, encodeModel, attrFloat, attrInt, attrInts, attrString, findAttr } from '../onnx/proto.ts';
import type { ModelProto, NodeProto, ValueInfoProto } from '../onnx/proto.ts';
import { tensorToArray, TensorDataType } from '../onnx/tensor.ts';
import { aFloat, aInt, aInts, aString, aTensor, Emitter, floatConst, mkNode } from './graph.ts';
import { freeBatch } from './batch.ts';
import { UnsupportedOpError } from './errors.ts';
import { raiseOpset, TARGET_OPSET } from './opset.ts';
import { probe } from './probe.ts';
import { FLOAT_TYPES, type GradientLoss, type GradientOptions, type PreparedGradient, type Probe } from './types.ts';
import { cloneModel, graphOf, tensorNumbers } from './util.ts';

export { UnsupportedOpError } from './errors.ts';
export type { GradientLoss, GradientOptions, PreparedGradient } from './types.ts';

/** Ops with a VJP here. */
const DIFFERENTIABLE = new Set([
  'Identity', 'Dropout', 'Reshape', 'Flatten', 'Squeeze', 'Unsqueeze', 'Transpose', 'Add', 'Sub', 'Mul', 'Div', 'Neg',
  'Sum', 'Relu', 'LeakyRelu', 'Sigmoid', 'Tanh', 'Exp', 'Log', 'Sqrt', 'Softmax', 'LogSoftmax', 'Gemm', 'MatMul',
  'Conv', 'ConvTranspose', 'MaxPool', 'AveragePool', 'GlobalAveragePool', 'BatchNormalization', 'Concat', 'Slice',
  'Gather', 'Clip', 'Pad', 'Cast', 'ReduceMean', 'ReduceSum',
]);


// ---------------------------------------------------------------------------------------------------------------
// 4. The builder

export async function prepareGradient(opts: GradientOptions): Promise<PreparedGradient> {
  const so = opts.sessionOptions ?? {};
  const base = cloneModel(opts.bytes);
  const converted = raiseOpset(base);
  freeBatch(base, opts.wrt);
  const g0 = graphOf(base);
  for (const w of opts.wrt) if (!g0.input.some((i) => i.name === w)) throw new UnsupportedOpError('input', w, `"${w}" is not a graph input`);
  if (!g0.node.some((n) => n.output.includes(opts.output)) && !g0.input.some((i) => i.name === opts.output)) {
    throw new UnsupportedOpError('output', opts.output, `the graph has no output "${opts.output}"`);
  }
  for (const n of g0.node) {
    if ((n.domain ?? '') !== '' && n.domain !== 'ai.onnx') {
      // allowed only off the path; checked below
    }
  }
  const { probe: pr, batchable } = await probe(base, opts.probeFeeds, so);
  const baseBytes = encodeModel(base);

  // Score tensor: logits before a final Softmax/LogSoftmax (through Identity), or Log of probabilities.
  const producer = new Map<string, NodeProto>();
  for (const n of g0.node) for (const o of n.output) producer.set(o, n);
  let score = opts.output;
  let scoreMode: 'as-is' | 'log' | 'binary-logit' | 'binary-prob' = 'as-is';
  const skip = new Set<NodeProto>();
  let p = producer.get(score);
  while (p && p.opType === 'Identity') { skip.add(p); score = p.input[0]; p = producer.get(score); }
  const rank = (name: string): number => pr.shape.get(name)?.length ?? -1;
  const lastAxis = (n: NodeProto, dflt: number): boolean => {
    const a = attrInt(n, 'axis', dflt)!;
    const r = rank(n.input[0]);
    return a === -1 || a === r - 1;
  };
  if (p && (p.opType === 'Softmax' || p.opType === 'LogSoftmax') && lastAxis(p, -1)) {
    skip.add(p);
    score = p.input[0];
  } else if (p && p.opType === 'Reshape' && producer.get(p.input[0])?.opType === 'Softmax' && rank(score) === 2) {
    // opset-raised Softmax: Flatten -> Softmax(axis=1) -> Reshape(Shape(x)) on a rank-2 input
    const sm = producer.get(p.input[0])!;
    const fl = producer.get(sm.input[0]);
    if (fl && fl.opType === 'Flatten' && rank(fl.input[0]) === 2 && attrInt(fl, 'axis', 1) === 1) {
      skip.add(p); skip.add(sm); skip.add(fl);
      score = fl.input[0];
    }
  }
  const scoreShape = pr.shape.get(score);
  if (!scoreShape) throw new UnsupportedOpError('output', score, 'the score tensor was not found by the shape probe');
  if (scoreShape.length !== 2) throw new UnsupportedOpError('output', score, `scores have shape [${scoreShape.join(', ')}]; expected [N, classes]`);
  let classes = scoreShape[1];
  if (classes === 1) {
    classes = 2;
    const sp = producer.get(score);
    if (sp && sp.opType === 'Sigmoid') { skip.add(sp); score = sp.input[0]; scoreMode = 'binary-logit'; }
    else scoreMode = opts.outputKind === 'probabilities' ? 'binary-prob' : 'binary-logit';
  } else if (opts.outputKind === 'probabilities' && score === opts.output) {
    scoreMode = 'log';
  }
  if (!(classes >= 2)) throw new UnsupportedOpError('output', score, `cannot tell the number of classes from shape [${scoreShape.join(', ')}]`);
  const scoreType = pr.type.get(score) ?? TensorDataType.FLOAT;
  if (!FLOAT_TYPES.has(scoreType)) throw new UnsupportedOpError('output', score, 'the scores are not a float tensor');

  // Activity: float tensors that depend on a wrt input AND that the score depends on.
  const isFloat = (name: string): boolean => FLOAT_TYPES.has(pr.type.get(name) ?? -1);
  const fromInput = new Set<string>(opts.wrt);
  for (const n of g0.node) {
    if (skip.has(n)) continue;
    if (n.input.some((x) => fromInput.has(x))) for (const o of n.output) if (o && isFloat(o)) fromInput.add(o);
  }
  const toScore = new Set<string>([score]);
  for (let i = g0.node.length - 1; i >= 0; i--) {
    const n = g0.node[i];
    if (skip.has(n)) continue;
    if (n.output.some((o) => toScore.has(o))) for (const x of n.input) if (x) toScore.add(x);
  }
  const active = (name: string): boolean => fromInput.has(name) && toScore.has(name);
  const pathNodes = g0.node.filter((n) => !skip.has(n) && n.output.some(active) && n.input.some(active));
  for (const n of pathNodes) {
    const op = n.opType ?? '';
    if ((n.domain ?? '') !== '' && n.domain !== 'ai.onnx') throw new UnsupportedOpError(`${n.domain}.${op}`, n.name ?? '', 'custom-domain op on the input-to-output path');
    if (!DIFFERENTIABLE.has(op)) throw new UnsupportedOpError(op, n.name ?? '', 'no gradient rule for this op');
  }
  if (!active(score) && !opts.wrt.includes(score)) throw new UnsupportedOpError('output', score, 'the scores do not depend on the differentiated inputs');
  const ops = [...new Set(pathNodes.map((n) => n.opType ?? ''))].sort();

  const cache = new Map<GradientLoss, Uint8Array>();
  return {
    classes,
    batchable,
    opset: TARGET_OPSET > 0 ? Math.max(TARGET_OPSET, base.opsetImport.find((o) => (o.domain ?? '') === '')?.version ?? 0) : 0,
    converted,
    ops,
    model(loss) {
      const hit = cache.get(loss);
      if (hit) return hit;
      if (loss === 'dlr' && classes < 3) throw new UnsupportedOpError('loss', 'dlr', 'the DLR loss needs at least 3 classes');
      if (loss === 'dlr-targeted' && classes < 4) throw new UnsupportedOpError('loss', 'dlr-targeted', 'the targeted DLR loss needs at least 4 classes');
      const m = decodeModel(baseBytes.slice());
      const bytes = buildBackward(m, opts, pr, active, pathNodes.map((n) => g0.node.indexOf(n)), score, scoreMode, scoreType, classes, loss);
      cache.set(loss, bytes);
      return bytes;
    },
  };
}

type Shape = number[];

function buildBackward(
  m: ModelProto, opts: GradientOptions, pr: Probe, active: (n: string) => boolean,
  pathIdx: number[], score: string, scoreMode: string, dt: number, C: number, loss: GradientLoss,
): Uint8Array {
  const g = graphOf(m);
  const e = new Emitter(g, 'mg/');
  const shapeOf = (name: string): Shape => {
    const s = pr.shape.get(name);
    if (!s) throw new UnsupportedOpError('shape', name, `no static shape known for "${name}"`);
    return s;
  };
  const typeOf = (name: string): number => pr.type.get(name) ?? dt;
  const constValue = (name: string): number[] | undefined => {
    const t = g.initializer.find((x) => x.name === name);
    if (t) return tensorNumbers(t);
    return pr.value.get(name);
  };
  const nodes = g.node.slice();
  const shapeNode = (x: string): string => e.op('Shape', [x]);
  const zerosLike = (x: string): string => e.op('ConstantOfShape', [shapeNode(x)], [aTensor('value', floatConst('', typeOf(x), [0], [1]))]);

  // ---- scores and loss seed
  let z = score;
  if (scoreMode === 'log') {
    z = e.op('Log', [e.op('Max', [score, e.scalar(dt, 1e-30)])]);
  } else if (scoreMode === 'binary-logit') {
    z = e.op('Concat', [e.op('Mul', [score, e.scalar(dt, 0)]), score], [aInt('axis', 1)]);
  } else if (scoreMode === 'binary-prob') {
    const pc = e.op('Max', [score, e.scalar(dt, 1e-30)]);
    const qc = e.op('Max', [e.op('Sub', [e.scalar(dt, 1), score]), e.scalar(dt, 1e-30)]);
    z = e.op('Concat', [e.op('Log', [qc]), e.op('Log', [pc])], [aInt('axis', 1)]);
  }
  const label = 'mg_label';
  const target = 'mg_target';
  const depth = e.ints([C]);
  // OneHot kernels exist for float values; other float types get a Cast
  const onOff = e.floats(TensorDataType.FLOAT, [0, 1], [2]);
  const oneHot = (idx: string): string => {
    const o = e.op('OneHot', [idx, depth, onOff], [aInt('axis', -1)]);
    return dt === TensorDataType.FLOAT ? o : e.op('Cast', [o], [aInt('to', dt)]);
  };
  const rsum = (x: string, keep: number): string => e.op('ReduceSum', [x, e.ints([-1])], [aInt('keepdims', keep)]);
  const oh = oneHot(label);
  let dz: string;
  let lossOut: string;
  // max over the classes other than y: mask y with -inf
  const others = (): { j: string; zj: string } => {
    const isY = e.op('Cast', [oh], [aInt('to', TensorDataType.BOOL)]);
    const zm = e.op('Where', [isY, e.scalar(dt, -Infinity), z]);
    const j = e.op('ArgMax', [zm], [aInt('axis', -1), aInt('keepdims', 0)]);
    return { j, zj: e.op('ReduceMax', [zm], [aInts('axes', [-1]), aInt('keepdims', 0)]) };
  };
  const zy = rsum(e.op('Mul', [oh, z]), 0);
  const col = (idx: string, k: number): string => e.op('Gather', [idx, e.ints([k], [])], [aInt('axis', 1)]);
  if (loss === 'ce') {
    const pAll = e.op('Softmax', [z], [aInt('axis', -1)]);
    const pOff = e.op('Mul', [pAll, e.op('Sub', [e.scalar(dt, 1), oh])]);
    dz = e.op('Sub', [pOff, e.op('Mul', [oh, rsum(pOff, 1)])]);
    lossOut = e.op('Neg', [rsum(e.op('Mul', [oh, e.op('LogSoftmax', [z], [aInt('axis', -1)])]), 0)]);
  } else if (loss === 'margin') {
    const { j, zj } = others();
    lossOut = e.op('Sub', [zj, zy]);
    dz = e.op('Sub', [oneHot(j), oh]);
  } else if (loss === 'dlr') {
    const { j, zj } = others();
    const [vals, idx] = e.node('TopK', [z, e.ints([3])], [aInt('axis', -1)], 2);
    const num = e.op('Sub', [zy, zj]);
    const den = e.op('Add', [e.op('Sub', [col(vals, 0), col(vals, 2)]), e.scalar(dt, 1e-12)]);
    lossOut = e.op('Neg', [e.op('Div', [num, den])]);
    const a = e.op('Div', [e.op('Sub', [oneHot(j), oh]), e.op('Unsqueeze', [den, e.ints([-1])])]);
    const coef = e.op('Unsqueeze', [e.op('Div', [num, e.op('Mul', [den, den])]), e.ints([-1])]);
    const dd = e.op('Sub', [oneHot(col(idx, 0)), oneHot(col(idx, 2))]);
    dz = e.op('Add', [a, e.op('Mul', [coef, dd])]);
  } else {
    const ot = oneHot(target);
    const zt = rsum(e.op('Mul', [ot, z]), 0);
    const [vals, idx] = e.node('TopK', [z, e.ints([4])], [aInt('axis', -1)], 2);
    const num = e.op('Sub', [zy, zt]);
    const half = e.scalar(dt, 0.5);
    const den = e.op('Add', [e.op('Sub', [col(vals, 0), e.op('Mul', [half, e.op('Add', [col(vals, 2), col(vals, 3)])])]), e.scalar(dt, 1e-12)]);
    lossOut = e.op('Neg', [e.op('Div', [num, den])]);
    const a = e.op('Div', [e.op('Sub', [ot, oh]), e.op('Unsqueeze', [den, e.ints([-1])])]);
    const coef = e.op('Unsqueeze', [e.op('Div', [num, e.op('Mul', [den, den])]), e.ints([-1])]);
    const dd = e.op('Sub', [oneHot(col(idx, 0)), e.op('Mul', [half, e.op('Add', [oneHot(col(idx, 2)), oneHot(col(idx, 3))])])]);
    dz = e.op('Add', [a, e.op('Mul', [coef, dd])]);
  }
  // back through the score transform
  const grads = new Map<string, string[]>();
  const addGrad = (name: string, gr: string): void => {
    if (!active(name) && !opts.wrt.includes(name)) return;
    const l = grads.get(name);
    if (l) l.push(gr);
    else grads.set(name, [gr]);
  };
  if (scoreMode === 'as-is') addGrad(score, dz);
  else if (scoreMode === 'log') addGrad(score, e.op('Div', [dz, e.op('Max', [score, e.scalar(dt, 1e-30)])]));
  else if (scoreMode === 'binary-logit') addGrad(score, e.op('Slice', [dz, e.ints([1]), e.ints([2]), e.ints([1])]));
  else {
    const d0 = e.op('Slice', [dz, e.ints([0]), e.ints([1]), e.ints([1])]);
    const d1 = e.op('Slice', [dz, e.ints([1]), e.ints([2]), e.ints([1])]);
    const pc = e.op('Max', [score, e.scalar(dt, 1e-30)]);
    const qc = e.op('Max', [e.op('Sub', [e.scalar(dt, 1), score]), e.scalar(dt, 1e-30)]);
    addGrad(score, e.op('Sub', [e.op('Div', [d1, pc]), e.op('Div', [d0, qc])]));
  }
  const gradOf = (name: string): string | null => {
    const l = grads.get(name);
    if (!l || l.length === 0) return null;
    if (l.length === 1) return l[0];
    const s = e.op('Sum', l);
    grads.set(name, [s]);
    return s;
  };

  // static "reduce g to the shape of x" (unidirectional broadcasting undone)
  const reduceTo = (gr: string, gShape: Shape, x: string): string => {
    const xs = shapeOf(x);
    const r = gShape.length, rx = xs.length;
    const axes: number[] = [];
    for (let i = 0; i < r; i++) {
      const xd = i - (r - rx) >= 0 ? xs[i - (r - rx)] : 1;
      if (xd === 1 && gShape[i] !== 1) axes.push(i);
    }
    let out = gr;
    if (axes.length) out = e.op('ReduceSum', [out, e.ints(axes)], [aInt('keepdims', 1)]);
    if (rx !== r) out = e.op('Reshape', [out, shapeNode(x)]);
    return out;
  };

  // ---- Relu -> MaxPool pairs whose Relu backward is folded into the pool's (see 'MaxPool' below)
  const reluPassThrough = new Set<NodeProto>();
  const reluBeforePool = new Set<NodeProto>();
  {
    const uses = new Map<string, number>();
    for (const nd of nodes) for (const i of nd.input) if (i) uses.set(i, (uses.get(i) ?? 0) + 1);
    for (const o of g.output) uses.set(o.name ?? '', (uses.get(o.name ?? '') ?? 0) + 1);
    const prod = new Map<string, NodeProto>();
    for (const nd of nodes) for (const o of nd.output) if (o) prod.set(o, nd);
    const onPath = new Set(pathIdx.map((i) => nodes[i]));
    for (const nd of onPath) {
      if (nd.opType !== 'MaxPool' || (nd.domain ?? '') !== '' || attrInt(nd, 'storage_order', 0) !== 0) continue;
      if (nd.output.length > 1 && nd.output[1]) continue; // Indices used by the model itself: keep its graph as is
      const r = prod.get(nd.input[0]);
      if (!r || r.opType !== 'Relu' || !onPath.has(r) || uses.get(nd.input[0]) !== 1) continue;
      if (!disjointPool(nd, shapeOf(nd.input[0]), shapeOf(nd.output[0]))) continue;
      reluPassThrough.add(r);
      reluBeforePool.add(nd);
    }
  }

  // ---- reverse sweep
  for (let pi = pathIdx.length - 1; pi >= 0; pi--) {
    const n = nodes[pathIdx[pi]];
    const op = n.opType ?? '';
    const name = n.name ?? '';
    const gy = gradOf(n.output[0]);
    if (gy === null) continue;
    const X = n.input[0];
    const Y = n.output[0];
    const yShape = shapeOf(Y);
    const unsupported = (why: string): never => { throw new UnsupportedOpError(op, name, why); };
    const onlyFirstActive = (): void => {
      for (let i = 1; i < n.input.length; i++) if (n.input[i] && active(n.input[i])) unsupported(`input ${i} depends on the model input`);
    };
    switch (op) {
      case 'Identity':
      case 'Dropout':
        if (op === 'Dropout' && n.output.length > 1 && n.output[1] && active(n.output[1])) unsupported('mask output used');
        addGrad(X, gy);
        break;
      case 'Reshape':
      case 'Flatten':
      case 'Squeeze':
      case 'Unsqueeze':
        onlyFirstActive();
        addGrad(X, e.op('Reshape', [gy, shapeNode(X)]));
        break;
      case 'Cast':
        addGrad(X, typeOf(X) === typeOf(Y) ? gy : e.op('Cast', [gy], [aInt('to', typeOf(X))]));
        break;
      case 'Transpose': {
        const r = shapeOf(X).length;
        const perm = attrInts(n, 'perm') ?? Array.from({ length: r }, (_, i) => r - 1 - i);
        const inv = new Array<number>(r);
        perm.forEach((p, i) => { inv[p] = i; });
        addGrad(X, e.op('Transpose', [gy], [aInts('perm', inv)]));
        break;
      }
      case 'Add':
      case 'Sub':
      case 'Sum':
        n.input.forEach((inp, i) => {
          if (!active(inp)) return;
          let gi = reduceTo(gy, yShape, inp);
          if (op === 'Sub' && i === 1) gi = e.op('Neg', [gi]);
          addGrad(inp, gi);
        });
        break;
      case 'Mul': {
        const [A, B] = n.input;
        if (active(A)) addGrad(A, reduceTo(e.op('Mul', [gy, B]), yShape, A));
        if (active(B)) addGrad(B, reduceTo(e.op('Mul', [gy, A]), yShape, B));
        break;
      }
      case 'Div': {
        const [A, B] = n.input;
        if (active(A)) addGrad(A, reduceTo(e.op('Div', [gy, B]), yShape, A));
        if (active(B)) addGrad(B, reduceTo(e.op('Neg', [e.op('Div', [e.op('Mul', [gy, Y]), B])]), yShape, B));
        break;
      }
      case 'Neg':
        addGrad(X, e.op('Neg', [gy]));
        break;
      case 'Relu':
        if (reluPassThrough.has(n)) { addGrad(X, gy); break; }
        addGrad(X, e.op('Where', [e.op('Greater', [Y, e.scalar(typeOf(Y), 0)]), gy, e.scalar(typeOf(Y), 0)]));
        break;
      case 'LeakyRelu': {
        const alpha = attrFloat(n, 'alpha', 0.01)!;
        const t = typeOf(Y);
        addGrad(X, e.op('Where', [e.op('Greater', [X, e.scalar(t, 0)]), gy, e.op('Mul', [gy, e.scalar(t, alpha)])]));
        break;
      }
      case 'Sigmoid':
        addGrad(X, e.op('Mul', [gy, e.op('Mul', [Y, e.op('Sub', [e.scalar(typeOf(Y), 1), Y])])]));
        break;
      case 'Tanh':
        addGrad(X, e.op('Mul', [gy, e.op('Sub', [e.scalar(typeOf(Y), 1), e.op('Mul', [Y, Y])])]));
        break;
      case 'Exp':
        addGrad(X, e.op('Mul', [gy, Y]));
        break;
      case 'Log':
        addGrad(X, e.op('Div', [gy, X]));
        break;
      case 'Sqrt':
        addGrad(X, e.op('Div', [e.op('Mul', [gy, e.scalar(typeOf(Y), 0.5)]), Y]));
        break;
      case 'Softmax':
      case 'LogSoftmax': {
        const axis = attrInt(n, 'axis', -1)!;
        const ax = e.ints([axis]);
        if (op === 'Softmax') {
          const s = e.op('ReduceSum', [e.op('Mul', [gy, Y]), ax], [aInt('keepdims', 1)]);
          addGrad(X, e.op('Mul', [Y, e.op('Sub', [gy, s])]));
        } else {
          const s = e.op('ReduceSum', [gy, ax], [aInt('keepdims', 1)]);
          addGrad(X, e.op('Sub', [gy, e.op('Mul', [e.op('Exp', [Y]), s])]));
        }
        break;
      }
      case 'Gemm': {
        const [A, B, Cn] = n.input;
        const alpha = attrFloat(n, 'alpha', 1)!;
        const beta = attrFloat(n, 'beta', 1)!;
        const tA = attrInt(n, 'transA', 0)!;
        const tB = attrInt(n, 'transB', 0)!;
        if (active(A)) {
          addGrad(A, tA === 0
            ? e.op('Gemm', [gy, B], [aFloat('alpha', alpha), aInt('transB', 1 - tB)])
            : e.op('Gemm', [B, gy], [aFloat('alpha', alpha), aInt('transA', tB), aInt('transB', 1)]));
        }
        if (active(B)) {
          addGrad(B, tB === 0
            ? e.op('Gemm', [A, gy], [aFloat('alpha', alpha), aInt('transA', 1 - tA)])
            : e.op('Gemm', [gy, A], [aFloat('alpha', alpha), aInt('transA', 1), aInt('transB', tA)]));
        }
        if (Cn && active(Cn)) {
          const r = reduceTo(gy, yShape, Cn);
          addGrad(Cn, beta === 1 ? r : e.op('Mul', [r, e.scalar(typeOf(Y), beta)]));
        }
        break;
      }
      case 'MatMul': {
        const [A, B] = n.input;
        const sa = shapeOf(A), sb = shapeOf(B);
        const swap = (r: number): number[] => { const p = Array.from({ length: r }, (_, i) => i); [p[r - 2], p[r - 1]] = [p[r - 1], p[r - 2]]; return p; };
        if (sa.length === 1) unsupported('a 1-D left operand that depends on the input');
        if (sb.length === 1) {
          const gu = e.op('Unsqueeze', [gy, e.ints([-1])]);
          if (active(A)) addGrad(A, reduceTo(e.op('Mul', [gu, B]), [...yShape, sb[0]], A));
          if (active(B)) addGrad(B, e.op('ReduceSum', [e.op('Mul', [gu, A]), e.ints(Array.from({ length: sa.length - 1 }, (_, i) => i))], [aInt('keepdims', 0)]));
          break;
        }
        if (active(A)) {
          const prod = e.op('MatMul', [gy, e.op('Transpose', [B], [aInts('perm', swap(sb.length))])]);
          addGrad(A, reduceTo(prod, [...yShape.slice(0, -2), sa[sa.length - 2], sa[sa.length - 1]], A));
        }
        if (active(B)) {
          const prod = e.op('MatMul', [e.op('Transpose', [A], [aInts('perm', swap(sa.length))]), gy]);
          addGrad(B, reduceTo(prod, [...yShape.slice(0, -2), sb[sb.length - 2], sb[sb.length - 1]], B));
        }
        break;
      }
      case 'Conv': {
        onlyFirstActive();
        const xs = shapeOf(X), ws = shapeOf(n.input[1]);
        const sp = xs.length - 2;
        const k = attrInts(n, 'kernel_shape') ?? ws.slice(2);
        const st = attrInts(n, 'strides') ?? new Array(sp).fill(1);
        const dl = attrInts(n, 'dilations') ?? new Array(sp).fill(1);
        const pads = explicitPads(n, xs.slice(2), k, st, dl, unsupported);
        const group = attrInt(n, 'group', 1)!;
        // stride 1 with constant weights: a plain Conv with the flipped, channel-swapped kernel (much faster in
        // onnxruntime than ConvTranspose); pads' = d(k−1) − p on each side. Not when the forward has < 8 input
        // channels: that Conv would have < 8 output channels, which onnxruntime's blocked (NCHWc) layout pads to a
        // full block; ConvTranspose is ~3x faster there (28×28 MNIST first layer: 1.9 vs 5.9 ms per batch of 128).
        const wInit = g.initializer.find((t) => t.name === n.input[1]);
        const flipPads = pads.map((p, i) => dl[i % sp] * (k[i % sp] - 1) - p);
        if (ws[1] * group >= 8 && wInit && st.every((v) => v === 1) && flipPads.every((p) => p >= 0) && FLOAT_TYPES.has(wInit.dataType ?? 0)) {
          const wv = tensorToArray(wInit) as Float32Array | Float64Array;
          const M = ws[0], Cg = ws[1], K = k.reduce((a, b) => a * b, 1), Mg = M / group;
          const out = new Float64Array(wv.length);
          for (let gi = 0; gi < group; gi++) {
            for (let m = 0; m < Mg; m++) {
              for (let c = 0; c < Cg; c++) {
                const src = ((gi * Mg + m) * Cg + c) * K;
                const dst = ((gi * Cg + c) * Mg + m) * K;
                for (let q = 0; q < K; q++) out[dst + q] = wv[src + K - 1 - q];
              }
            }
          }
          const wf = e.constant((nm) => floatConst(nm, wInit.dataType!, Array.from(out), [Cg * group, Mg, ...k]), `flip:${n.input[1]}`);
          addGrad(X, e.op('Conv', [gy, wf], [aInts('kernel_shape', k), aInts('dilations', dl), aInt('group', group), aInts('pads', flipPads)]));
          break;
        }
        const { ctPads, outPad } = transposePads(xs.slice(2), yShape.slice(2), k, st, dl, pads, unsupported);
        const attrs = [aInts('kernel_shape', k), aInts('strides', st), aInts('dilations', dl), aInt('group', group), aInts('pads', ctPads)];
        if (outPad.some((v) => v !== 0)) attrs.push(aInts('output_padding', outPad));
        addGrad(X, e.op('ConvTranspose', [gy, n.input[1]], attrs));
        break;
      }
      case 'ConvTranspose': {
        onlyFirstActive();
        if (findAttr(n, 'output_shape')) unsupported('output_shape attribute');
        const ap = attrString(n, 'auto_pad', 'NOTSET');
        if (ap !== 'NOTSET') unsupported(`auto_pad ${ap}`);
        const xs = shapeOf(X), ws = shapeOf(n.input[1]);
        const sp = xs.length - 2;
        const k = attrInts(n, 'kernel_shape') ?? ws.slice(2);
        const st = attrInts(n, 'strides') ?? new Array(sp).fill(1);
        const dl = attrInts(n, 'dilations') ?? new Array(sp).fill(1);
        const pads = attrInts(n, 'pads') ?? new Array(2 * sp).fill(0);
        // the Conv with the same weights and pads maps dY back onto X's grid
        addGrad(X, e.op('Conv', [gy, n.input[1]], [aInts('kernel_shape', k), aInts('strides', st), aInts('dilations', dl), aInt('group', attrInt(n, 'group', 1)!), aInts('pads', pads)]));
        break;
      }
      case 'MaxPool': {
        if (attrInt(n, 'storage_order', 0) !== 0) unsupported('storage_order=1');
        if (n.output.length < 2 || !n.output[1]) {
          const idxName = `${Y}__mg_indices`;
          n.output = [Y, idxName];
        }
        const I = n.output[1];
        if (disjointPool(n, shapeOf(X), yShape)) {
          // Disjoint windows (stride ≥ dilated kernel): each input position is the argmax of at most one window, so
          // MaxUnpool scatters gy straight to the Indices (first maximum of each window, as onnxruntime reports it);
          // much cheaper than zeros + ScatterElements(add). A Relu whose only consumer is this pool is applied here
          // at the pooled resolution: at an argmax position its output equals the pool's, so its mask is (Y > 0).
          let gp = gy;
          if (reluBeforePool.has(n)) gp = e.op('Where', [e.op('Greater', [Y, e.scalar(typeOf(Y), 0)]), gy, e.scalar(typeOf(Y), 0)]);
          const sp = shapeOf(X).length - 2;
          const k = attrInts(n, 'kernel_shape')!;
          const attrs = [aInts('kernel_shape', k), aInts('strides', attrInts(n, 'strides') ?? new Array(sp).fill(1))];
          const pads = attrInts(n, 'pads');
          if (pads && attrString(n, 'auto_pad', 'NOTSET') === 'NOTSET') attrs.push(aInts('pads', pads));
          addGrad(X, e.op('MaxUnpool', [gp, I, shapeNode(X)], attrs));
          break;
        }
        const flat = e.ints([-1]);
        const zeros = e.op('Reshape', [zerosLike(X), flat]);
        const sc = e.op('ScatterElements', [zeros, e.op('Reshape', [I, flat]), e.op('Reshape', [gy, flat])], [aInt('axis', 0), aString('reduction', 'add')]);
        addGrad(X, e.op('Reshape', [sc, shapeNode(X)]));
        break;
      }
      case 'AveragePool': {
        const xs = shapeOf(X);
        const sp = xs.length - 2;
        const Cc = xs[1];
        if (!(Cc > 0)) unsupported('unknown channel count');
        const k = attrInts(n, 'kernel_shape')!;
        const st = attrInts(n, 'strides') ?? new Array(sp).fill(1);
        const dl = new Array(sp).fill(1);
        const pads = explicitPads(n, xs.slice(2), k, st, dl, unsupported);
        const incl = attrInt(n, 'count_include_pad', 0) === 1;
        const outSp = yShape.slice(2);
        const counts = poolCounts(xs.slice(2), outSp, k, st, pads, incl);
        const t = typeOf(Y);
        const inv = e.floats(t, counts.map((c) => 1 / c), [1, 1, ...outSp]);
        const ones = e.floats(t, new Array(Cc * k.reduce((a, b) => a * b, 1)).fill(1), [Cc, 1, ...k]);
        const { ctPads, outPad } = transposePads(xs.slice(2), outSp, k, st, dl, pads, unsupported);
        const attrs = [aInts('kernel_shape', k), aInts('strides', st), aInt('group', Cc), aInts('pads', ctPads)];
        if (outPad.some((v) => v !== 0)) attrs.push(aInts('output_padding', outPad));
        addGrad(X, e.op('ConvTranspose', [e.op('Mul', [gy, inv]), ones], attrs));
        break;
      }
      case 'GlobalAveragePool': {
        const xs = shapeOf(X);
        const cnt = xs.slice(2).reduce((a, b) => a * b, 1);
        if (!(cnt > 0)) unsupported('unknown spatial size');
        addGrad(X, e.op('Expand', [e.op('Mul', [gy, e.scalar(typeOf(Y), 1 / cnt)]), shapeNode(X)]));
        break;
      }
      case 'BatchNormalization': {
        onlyFirstActive();
        if (n.output.length > 1 && n.output.slice(1).some((o) => o)) unsupported('training-mode batch norm');
        if (attrInt(n, 'training_mode', 0) !== 0) unsupported('training_mode=1');
        const eps = attrFloat(n, 'epsilon', 1e-5)!;
        const [, scale, , , variance] = n.input;
        const t = typeOf(Y);
        const kf = e.op('Div', [scale, e.op('Sqrt', [e.op('Add', [variance, e.scalar(t, eps)])])]);
        const r = shapeOf(X).length;
        const ku = r > 2 ? e.op('Unsqueeze', [kf, e.ints(Array.from({ length: r - 2 }, (_, i) => i + 1))]) : kf;
        addGrad(X, e.op('Mul', [gy, ku]));
        break;
      }
      case 'Concat': {
        const r = yShape.length;
        let axis = attrInt(n, 'axis', 0)!;
        if (axis < 0) axis += r;
        let off = 0;
        for (const inp of n.input) {
          const sz = shapeOf(inp)[axis];
          if (active(inp)) {
            if (!(sz >= 0)) unsupported('concatenation along the batch axis');
            addGrad(inp, e.op('Slice', [gy, e.ints([off]), e.ints([off + sz]), e.ints([axis])]));
          }
          if (!(sz >= 0)) unsupported('concatenation along the batch axis');
          off += sz;
        }
        break;
      }
      case 'Slice': {
        onlyFirstActive();
        const xs = shapeOf(X);
        const r = xs.length;
        const starts = constValue(n.input[1]);
        const ends = constValue(n.input[2]);
        const axes = n.input[3] ? constValue(n.input[3]) : Array.from({ length: starts?.length ?? 0 }, (_, i) => i);
        const steps = n.input[4] ? constValue(n.input[4]) : undefined;
        if (!starts || !ends || !axes) unsupported('starts/ends/axes are not constant');
        if (steps && steps.some((s) => s !== 1)) unsupported('steps other than 1');
        const pads = new Array(2 * r).fill(0);
        axes!.forEach((a0, i) => {
          const a = a0 < 0 ? a0 + r : a0;
          const dim = xs[a];
          if (!(dim >= 0)) unsupported('slicing the batch axis');
          let s = starts![i], en = ends![i];
          if (s < 0) s += dim;
          if (en < 0) en += dim;
          s = Math.min(Math.max(s, 0), dim);
          en = Math.min(Math.max(en, 0), dim);
          if (en < s) unsupported('empty slice');
          pads[a] = s;
          pads[a + r] = dim - en;
        });
        addGrad(X, e.op('Pad', [gy, e.ints(pads)], [aString('mode', 'constant')]));
        break;
      }
      case 'Pad': {
        onlyFirstActive();
        const mode = attrString(n, 'mode', 'constant');
        if (mode !== 'constant') unsupported(`mode ${mode}`);
        const pads = constValue(n.input[1]);
        if (!pads) unsupported('pads are not constant');
        if (n.input[3]) unsupported('axes input');
        if (pads!.some((v) => v < 0)) unsupported('negative pads');
        const xs = shapeOf(X);
        const r = xs.length;
        const st: number[] = [], en: number[] = [];
        for (let a = 0; a < r; a++) {
          st.push(pads![a]);
          if (xs[a] >= 0) en.push(pads![a] + xs[a]);
          else if (pads![a] === 0 && pads![a + r] === 0) en.push(2 ** 62);
          else unsupported('padding the batch axis');
        }
        addGrad(X, e.op('Slice', [gy, e.ints(st), e.ints(en), e.ints(Array.from({ length: r }, (_, i) => i))]));
        break;
      }
      case 'Gather': {
        onlyFirstActive();
        const xs = shapeOf(X);
        let axis = attrInt(n, 'axis', 0)!;
        if (axis < 0) axis += xs.length;
        const dim = xs[axis];
        const idxShape = shapeOf(n.input[1]);
        const iv = constValue(n.input[1]);
        if (!iv || idxShape.length > 1) unsupported('indices must be a constant scalar or 1-D list');
        if (!(dim >= 0)) unsupported('gathering along the batch axis');
        const norm = iv!.map((v) => (v < 0 ? v + dim : v));
        let gg = gy;
        if (idxShape.length === 0) gg = e.op('Unsqueeze', [gy, e.ints([axis])]);
        const gShape = shapeOf(X).slice();
        const rg = gShape.length;
        const ishape = new Array(rg).fill(1);
        ishape[axis] = norm.length;
        const idx = e.op('Expand', [e.ints(norm, ishape), shapeNode(gg)]);
        addGrad(X, e.op('ScatterElements', [zerosLike(X), idx, gg], [aInt('axis', axis), aString('reduction', 'add')]));
        break;
      }
      case 'Clip': {
        onlyFirstActive();
        const t = typeOf(X);
        let mask: string | null = null;
        if (n.input[1]) mask = e.op('GreaterOrEqual', [X, n.input[1]]);
        if (n.input[2]) {
          const m2 = e.op('LessOrEqual', [X, n.input[2]]);
          mask = mask ? e.op('And', [mask, m2]) : m2;
        }
        addGrad(X, mask ? e.op('Where', [mask, gy, e.scalar(t, 0)]) : gy);
        break;
      }
      case 'ReduceMean':
      case 'ReduceSum': {
        onlyFirstActive();
        const xs = shapeOf(X);
        const r = xs.length;
        let axes = op === 'ReduceSum' ? (n.input[1] ? constValue(n.input[1]) : []) : attrInts(n, 'axes') ?? [];
        if (!axes) unsupported('axes are not constant');
        if (axes!.length === 0) {
          if (op === 'ReduceSum' && attrInt(n, 'noop_with_empty_axes', 0) === 1) { addGrad(X, gy); break; }
          axes = Array.from({ length: r }, (_, i) => i);
        }
        const ax = axes!.map((a) => (a < 0 ? a + r : a)).sort((a, b) => a - b);
        let gg = gy;
        if (attrInt(n, 'keepdims', 1) === 0) gg = e.op('Unsqueeze', [gy, e.ints(ax)]);
        if (op === 'ReduceMean') {
          const cnt = ax.reduce((a, i) => a * xs[i], 1);
          if (!(cnt > 0)) unsupported('mean over the batch axis');
          gg = e.op('Mul', [gg, e.scalar(typeOf(Y), 1 / cnt)]);
        }
        addGrad(X, e.op('Expand', [gg, shapeNode(X)]));
        break;
      }
      default:
        unsupported('no gradient rule for this op');
    }
  }

  // ---- outputs
  g.output = [];
  const outInfo = (name: string, elem: number): ValueInfoProto => ({ name, type: { tensorType: { elemType: elem } }, metadataProps: [] });
  g.node.push(mkNode('Identity', [z], ['mg_scores']));
  g.node.push(mkNode('Identity', [lossOut], ['mg_loss']));
  g.output.push(outInfo('mg_scores', dt), outInfo('mg_loss', dt));
  opts.wrt.forEach((w, i) => {
    const gr = gradOf(w) ?? zerosLike(w);
    const out = `mg_grad_${i}`;
    g.node.push(mkNode('Identity', [gr], [out]));
    g.output.push(outInfo(out, typeOf(w)));
  });
  const lab = (name: string): ValueInfoProto => ({ name, type: { tensorType: { elemType: TensorDataType.INT64, shape: { dim: [{ dimParam: 'N' }] } } }, metadataProps: [] });
  g.input.push(lab(label));
  if (loss === 'dlr-targeted') g.input.push(lab(target));
  return encodeModel(m);
}


/**
 * A MaxPool on [N, C, H, W] whose windows never overlap (stride ≥ dilated kernel extent on both axes) and whose
 * gradient onnxruntime's MaxUnpool can place on X's own grid (the grid MaxUnpool infers from the pooled size must
 * not exceed H × W, as with ceil_mode or SAME padding it can: then the Indices would be read on a larger grid).
 */
function disjointPool(n: NodeProto, xs: number[], ys: number[]): boolean {
  if (xs.length !== 4 || ys.length !== 4) return false;
  const k = attrInts(n, 'kernel_shape');
  if (!k || k.length !== 2) return false;
  const st = attrInts(n, 'strides') ?? [1, 1];
  const dl = attrInts(n, 'dilations') ?? [1, 1];
  const ap = attrString(n, 'auto_pad', 'NOTSET');
  if (ap !== 'NOTSET' && ap !== 'VALID') return false;
  const pads = ap === 'NOTSET' ? attrInts(n, 'pads') ?? [0, 0, 0, 0] : [0, 0, 0, 0];
  return k.every((kk, i) => {
    const H = xs[i + 2], O = ys[i + 2];
    return H > 0 && O > 0 && st[i] >= (kk - 1) * dl[i] + 1 && (O - 1) * st[i] + kk - pads[i] - pads[i + 2] <= H;
  });
}

/** The forward's padding made explicit [b1.., e1..] (auto_pad SAME_* and VALID resolved with static sizes). */
function explicitPads(n: NodeProto, H: number[], k: number[], st: number[], dl: number[], unsupported: (w: string) => never): number[] {
  const sp = H.length;
  const ap = attrString(n, 'auto_pad', 'NOTSET');
  if (H.some((h) => !(h > 0))) unsupported('spatial size not static');
  if (ap === 'NOTSET') return attrInts(n, 'pads') ?? new Array(2 * sp).fill(0);
  if (ap === 'VALID') return new Array(2 * sp).fill(0);
  const pads = new Array(2 * sp).fill(0);
  for (let i = 0; i < sp; i++) {
    const out = Math.ceil(H[i] / st[i]);
    const tot = Math.max(0, (out - 1) * st[i] + (k[i] - 1) * dl[i] + 1 - H[i]);
    const b = ap === 'SAME_UPPER' ? Math.floor(tot / 2) : Math.ceil(tot / 2);
    pads[i] = b;
    pads[i + sp] = tot - b;
  }
  return pads;
}

/** ConvTranspose pads/output_padding that map an output grid of size O back onto exactly H positions. */
function transposePads(H: number[], O: number[], k: number[], st: number[], dl: number[], pads: number[], unsupported: (w: string) => never): { ctPads: number[]; outPad: number[] } {
  const sp = H.length;
  const ctPads = new Array(2 * sp).fill(0);
  const outPad = new Array(sp).fill(0);
  for (let i = 0; i < sp; i++) {
    if (!(O[i] > 0)) unsupported('output spatial size not static');
    const pb = pads[i];
    const total = (O[i] - 1) * st[i] + (k[i] - 1) * dl[i] + 1 - pb - H[i];
    ctPads[i] = pb;
    if (total >= 0) ctPads[i + sp] = total;
    else {
      outPad[i] = -total;
      if (outPad[i] >= Math.max(st[i], dl[i])) unsupported('cannot express the input gradient with ConvTranspose padding');
    }
  }
  return { ctPads, outPad };
}

/** Divisor of each output position of an AveragePool (ONNX/onnxruntime rule), row-major over the spatial dims. */
function poolCounts(H: number[], O: number[], k: number[], st: number[], pads: number[], includePad: boolean): number[] {
  const sp = H.length;
  const per: number[][] = [];
  for (let i = 0; i < sp; i++) {
    const v: number[] = [];
    for (let o = 0; o < O[i]; o++) {
      const s = o * st[i] - pads[i];
      const en = Math.min(s + k[i], H[i] + pads[i + sp]);
      const incl = en - s;
      const excl = Math.min(en, H[i]) - Math.max(s, 0);
      v.push(includePad ? incl : excl);
    }
    per.push(v);
  }
  let out = [1];
  for (let i = 0; i < sp; i++) {
    const next: number[] = [];
    for (const a of out) for (const b of per[i]) next.push(a * b);
    out = next;
  }
  return out;
}
