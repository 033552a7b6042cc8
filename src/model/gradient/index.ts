/**
 * Input gradients for ONNX classifiers, computed by onnxruntime itself: from the forward graph we build a second
 * model that also outputs a per-sample loss and its exact gradient with respect to the float inputs
 * (reverse mode: one vector-Jacobian product per forward node, appended as ONNX nodes in reverse topological
 * order). Recipes, pitfalls and measurements: the project note on ONNX gradients (stable cross-entropy seed,
 * MaxPool via Indices + ScatterElements(add), Conv via ConvTranspose with explicit pads and output_padding,
 * raising opset-7 models, batch-1 Reshape constants, shape probe). File layout and how to add an op: README.md.
 *
 * Usage: `const g = await prepareGradient({ bytes, wrt, output, outputKind, probeFeeds })`, then
 * `g.model(loss)` gives the bytes of a model with the original inputs plus `mg_label` (int64 [N]) and, for
 * `dlr-targeted`, `mg_target` (int64 [N]); outputs `mg_scores` [N, C], `mg_loss` [N] and `mg_grad_<k>` (same
 * shape as the k-th `wrt` input). The loss is meant to be MAXIMISED by an attack.
 * Anything the builder cannot differentiate throws `UnsupportedOpError(op, nodeName, reason)`. When ops on the
 * input-to-output path have no gradient rule, the error lists all of them with their node counts (`missing`;
 * `op`/`nodeName` name the first).
 */
import { decodeModel, encodeModel } from '../onnx/proto.ts';
import { buildBackward } from './backward.ts';
import { freeBatch } from './batch.ts';
import { UnsupportedOpError } from './errors.ts';
import { lowerRecurrent } from './lower-rnn.ts';
import { forwardFootprint } from './memory.ts';
import { raiseOpset, TARGET_OPSET } from './opset.ts';
import { probe } from './probe.ts';
import { RULES } from './rules/index.ts';
import { findScore } from './score.ts';
import { FLOAT_TYPES, type GradientLoss, type GradientOptions, type PreparedGradient } from './types.ts';
import { cloneModel, graphOf } from './util.ts';

export { UnsupportedOpError } from './errors.ts';
export type { GradientLoss, GradientOptions, MemoryEstimate, PreparedGradient } from './types.ts';
export { DEFAULT_MEMORY_BUDGET, gradientBatch, gradientSessionsAtOnce } from './memory.ts';

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
  let { probe: pr, batchable } = await probe(base, opts.probeFeeds, so);
  // GRU/LSTM unrolled over the probed sequence length (lower-rnn.ts), then probed again
  if (lowerRecurrent(base, pr, opts.wrt)) ({ probe: pr, batchable } = await probe(base, opts.probeFeeds, so));
  const baseBytes = encodeModel(base);
  const { score, scoreMode, skip, classes, scoreType } = findScore(g0, pr, opts);

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
  // Every op on the path without a rule (custom-domain ops included), counted, in order of first appearance: the
  // error names them all, so one report shows everything a model is missing, not only the first op.
  const missing = new Map<string, { count: number; node: string; custom: boolean }>();
  for (const n of pathNodes) {
    const op = n.opType ?? '';
    const custom = (n.domain ?? '') !== '' && n.domain !== 'ai.onnx';
    if (!custom && RULES.has(op)) continue;
    const key = custom ? `${n.domain}.${op}` : op;
    const m = missing.get(key);
    if (m) m.count++;
    else missing.set(key, { count: 1, node: n.name ?? '', custom });
  }
  if (missing.size > 0) {
    const list = [...missing].map(([op, m]) => ({ op, count: m.count }));
    const [firstOp, first] = [...missing][0];
    // a single node keeps the historical reason; otherwise the reason lists every missing op with its count
    const reason = missing.size === 1 && first.count === 1
      ? (first.custom ? 'custom-domain op on the input-to-output path' : 'no gradient rule for this op')
      : `no gradient rule for ${list.map((m) => `${m.op} ×${m.count}`).join(', ')}`;
    throw new UnsupportedOpError(firstOp, first.node, reason, list);
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
    memory: forwardFootprint(pr, graphOf(base).initializer),
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
