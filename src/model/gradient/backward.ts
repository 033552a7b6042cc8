/**
 * Stage 4: the gradient model for one loss. On a copy of the (raised, re-batched) forward model: the loss head
 * after the scores (loss.ts), then the reverse sweep: for each node on the path, in reverse topological order,
 * the gradient rule of its op (rules/index.ts) appends the vector-Jacobian product; gradients reaching a tensor
 * from several consumers are summed. Outputs mg_scores, mg_loss and mg_grad_<k>; inputs gain mg_label (and
 * mg_target for dlr-targeted).
 */
import { encodeModel } from '../onnx/proto.ts';
import type { ModelProto, ValueInfoProto } from '../onnx/proto.ts';
import { TensorDataType } from '../onnx/tensor.ts';
import { UnsupportedOpError } from './errors.ts';
import { reluPoolPairs } from './fusion.ts';
import { aInt, aTensor, Emitter, floatConst, mkNode } from './graph.ts';
import { LABEL, lossHead, TARGET } from './loss.ts';
import type { BackwardContext } from './rule.ts';
import { RULES } from './rules/index.ts';
import type { ScoreMode } from './score.ts';
import type { GradientLoss, GradientOptions, Probe, Shape } from './types.ts';
import { graphOf, tensorNumbers } from './util.ts';

export function buildBackward(
  m: ModelProto, opts: GradientOptions, pr: Probe, active: (n: string) => boolean,
  pathIdx: number[], score: string, scoreMode: ScoreMode, dt: number, C: number, loss: GradientLoss,
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
  // the forward nodes (pathIdx indexes them), before anything is appended
  const nodes = g.node.slice();
  const shapeNode = (x: string): string => e.op('Shape', [x]);
  const zerosLike = (x: string): string => e.op('ConstantOfShape', [shapeNode(x)], [aTensor('value', floatConst('', typeOf(x), [0], [1]))]);

  // ---- scores, loss and its gradient with respect to the score tensor (the seed)
  const opset = m.opsetImport.find((o) => (o.domain ?? '') === '' || o.domain === 'ai.onnx')?.version ?? 17;
  const { z, lossOut, dScore } = lossHead(e, score, scoreMode, dt, C, loss, opset);
  const grads = new Map<string, string[]>();
  const addGrad = (name: string, gr: string): void => {
    if (!active(name) && !opts.wrt.includes(name)) return;
    const l = grads.get(name);
    if (l) l.push(gr);
    else grads.set(name, [gr]);
  };
  addGrad(score, dScore);
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

  const unsupported = (n: { opType?: string; name?: string }, why: string): never => {
    throw new UnsupportedOpError(n.opType ?? '', n.name ?? '', why);
  };
  const ctx: BackwardContext = {
    e, graph: g, active, shapeOf, typeOf, constValue, shapeNode, zerosLike, reduceTo, unsupported, gradOf,
    onlyFirstActive(n) {
      for (let i = 1; i < n.input.length; i++) if (n.input[i] && active(n.input[i])) unsupported(n, `input ${i} depends on the model input`);
    },
    ...reluPoolPairs(nodes, g.output, pathIdx, shapeOf),
  };

  // ---- reverse sweep
  for (let pi = pathIdx.length - 1; pi >= 0; pi--) {
    const n = nodes[pathIdx[pi]];
    const found = RULES.get(n.opType ?? '');
    let gy = gradOf(n.output[0]);
    if (gy === null) {
      // multi-output rules (Split) also run when only a later output has a gradient
      if (!found?.allOutputs || !n.output.some((o) => o && grads.has(o))) continue;
      gy = '';
    }
    shapeOf(n.output[0]); // every differentiated output has a probed shape (UnsupportedOpError otherwise)
    const rule = found ?? unsupported(n, 'no gradient rule for this op');
    rule.backward(ctx, n, gy).forEach((gr, i) => { if (gr !== null) addGrad(n.input[i], gr); });
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
  g.input.push(lab(LABEL));
  if (loss === 'dlr-targeted') g.input.push(lab(TARGET));
  return encodeModel(m);
}
