/**
 * A row's outputs must not depend on the batch it runs in (docs/design.md §7 "Random streams and batches": a
 * shard's rows, or an attack's active points, meet other neighbours than in an unsharded run). onnxruntime 1.30 on
 * the gate's session settings gives a row the same bytes in every batch except in two measured cases, and the two
 * rules here remove them:
 *
 * - A reduction over a middle axis (a ViT's ReduceMean over the tokens, [B, T, D] → [B, D]) takes onnxruntime's fast
 *   "KRK" kernel only when the leading axis has at least max(2, intra-op threads) rows (reduction_ops.cc); a
 *   smaller batch takes the generic kernel ([1, T, D] collapses to "RK", fast only for T > 16 × threads and an
 *   axis over 256 × threads), which sums in another order (up to 4.8e-7 on the ViT fixture's logits). So no model
 *   run has fewer rows than `minBatchRows` when the model takes any batch size: the view's batch is at least that,
 *   and a smaller run (a last batch, an attack's last active points) is padded with copies of its last row, whose
 *   outputs are dropped (`runAtLeast`). Not covered: a sequence-first layout reduced over its first axis ([T, B, D],
 *   "RK"), whose fast path depends on B × D; no fixture has one (test/robustness/batch-invariance.test.ts is the
 *   proof, model by model).
 * - TreeEnsemble* (ai.onnx.ml) on 2+ threads sums the trees in one order for batches of at most 50 rows and, for
 *   larger ones, in per-thread partial sums (up to 7.6e-6 on trees-16d's scores; tree_ensemble_common.h's
 *   parallel_N_ = 50). On one thread every batch takes the sequential order, so a model with a tree ensemble runs on
 *   one intra-op thread (`sessionThreads`): its scores are then also the same on every machine, whatever its cores.
 *   Padding every run to 51 rows would be exact for one thread count only (the partial sums follow the threads) and
 *   cost 2-4× on the attacks' small queries (measured), while one thread only loses the tree kernel's parallelism
 *   on batches of more than 50 rows (measured: ≤ 1.6× on batches of 1024).
 */
import * as ort from 'onnxruntime-node';
import { decodeFunction, type GraphProto, type ModelProto, type NodeProto } from './onnx/proto.ts';

/** True when the model (its graph, subgraphs or local functions) contains an ai.onnx.ml tree ensemble. */
export function containsTreeEnsemble(model: ModelProto): boolean {
  const node = (n: NodeProto): boolean => {
    if ((n.domain ?? '') === 'ai.onnx.ml' && /^TreeEnsemble(Classifier|Regressor)?$/.test(n.opType ?? '')) return true;
    return n.attribute.some((a) => (a.g !== undefined && graph(a.g)) || (a.graphs ?? []).some(graph));
  };
  const graph = (g: GraphProto): boolean => g.node.some(node);
  return (model.graph !== undefined && graph(model.graph)) || model.functions.some((raw) => decodeFunction(raw).node.some(node));
}

/** Intra-op threads for the sessions of this model: the requested count, or 1 for a tree ensemble (see above). */
export function sessionThreads(model: ModelProto, requested: number): number {
  return requested > 1 && containsTreeEnsemble(model) ? 1 : requested;
}

/**
 * The fewest rows per run: max(2, threads) when every input takes any batch size (its first dimension is symbolic
 * or unknown), else 1 (a model with a fixed batch runs as it is).
 */
export function minBatchRows(inputs: readonly { shape: readonly (number | string)[] }[], threads: number): number {
  const free = inputs.length > 0 && inputs.every((i) => i.shape.length > 0 && !(typeof i.shape[0] === 'number' && i.shape[0] >= 0));
  return free ? Math.max(2, threads) : 1;
}

type Feeds = Record<string, ort.Tensor>;

/**
 * `session.run(feeds, outputs)` on at least `minRows` rows: feeds whose first dimension (the batch, the same in every
 * feed) is smaller get copies of their last row appended, and every output is cut back to the rows given. When the
 * feeds do not share a first dimension, or an output's first dimension is not the padded batch, the run is the plain
 * one (nothing is padded that could not be cut back exactly); so it is when the padded run fails (a model that
 * declares a free batch but cannot take that many rows), and the plain run's error, if any, is the one reported.
 */
export async function runAtLeast(session: Pick<ort.InferenceSession, 'run'>, feeds: Feeds, outputs: string[], minRows: number): Promise<ort.InferenceSession.ReturnType> {
  const tensors = Object.values(feeds);
  const m = tensors.length > 0 && tensors[0].dims.length > 0 ? Number(tensors[0].dims[0]) : 0;
  if (m < 1 || !(m < minRows) || tensors.some((t) => t.dims.length === 0 || Number(t.dims[0]) !== m)) return session.run(feeds, outputs);
  const padded: Feeds = {};
  for (const [name, t] of Object.entries(feeds)) padded[name] = padTensor(t, m, minRows);
  let r: ort.InferenceSession.ReturnType;
  try {
    r = await session.run(padded, outputs);
  } catch {
    return session.run(feeds, outputs);
  }
  const out: Record<string, ort.Tensor> = {};
  for (const name of outputs) {
    const t = r[name];
    if (!t || t.dims.length === 0 || Number(t.dims[0]) !== minRows) return session.run(feeds, outputs);
    out[name] = cutTensor(t, m, minRows);
  }
  return out;
}

type Data = ort.Tensor['data'];
type Rows = { length: number; subarray(a: number, b: number): Rows; slice(a: number, b: number): Rows; set(s: Rows, at: number): void };

function tensor(like: ort.Tensor, data: Data, rows: number): ort.Tensor {
  return new ort.Tensor(like.type as 'float32', data as Float32Array, [rows, ...like.dims.slice(1)]);
}

/** `t` ([m, ...]) with copies of its last row appended up to `rows` rows. */
function padTensor(t: ort.Tensor, m: number, rows: number): ort.Tensor {
  const w = t.data.length / m;
  if (Array.isArray(t.data)) {
    const src = t.data as string[];
    const last = src.slice((m - 1) * w, m * w);
    const a = src.slice();
    for (let r = m; r < rows; r++) a.push(...last);
    return tensor(t, a, rows);
  }
  const src = t.data as unknown as Rows;
  const a = new (src.constructor as new (n: number) => Rows)(rows * w);
  a.set(src, 0);
  const last = src.subarray((m - 1) * w, m * w);
  for (let r = m; r < rows; r++) a.set(last, r * w);
  return tensor(t, a as unknown as Data, rows);
}

/** The first `m` rows of `t` ([rows, ...]). */
function cutTensor(t: ort.Tensor, m: number, rows: number): ort.Tensor {
  const w = t.data.length / rows;
  const data = Array.isArray(t.data) ? (t.data as string[]).slice(0, m * w) : (t.data as unknown as Rows).slice(0, m * w);
  return tensor(t, data as unknown as Data, m);
}
