/**
 * Relu -> MaxPool pairs whose Relu backward is folded into the pool's: the Relu's only consumer is a MaxPool with
 * disjoint windows (MaxUnpool fast path) on the path, whose Indices the model does not use. The pool applies the
 * Relu mask at the pooled resolution (rules/pool.ts) and the Relu passes dY through (rules/activations.ts).
 */
import { attrInt } from '../onnx/proto.ts';
import type { NodeProto, ValueInfoProto } from '../onnx/proto.ts';
import { disjointPool } from './spatial.ts';
import type { Shape } from './types.ts';

export interface ReluPoolPairs {
  reluPassThrough: Set<NodeProto>;
  reluBeforePool: Set<NodeProto>;
}

/** `nodes`: the forward nodes; `pathIdx`: indices of the nodes on the differentiated path. */
export function reluPoolPairs(nodes: NodeProto[], outputs: ValueInfoProto[], pathIdx: number[], shapeOf: (name: string) => Shape): ReluPoolPairs {
  const reluPassThrough = new Set<NodeProto>();
  const reluBeforePool = new Set<NodeProto>();
  const uses = new Map<string, number>();
  for (const nd of nodes) for (const i of nd.input) if (i) uses.set(i, (uses.get(i) ?? 0) + 1);
  for (const o of outputs) uses.set(o.name ?? '', (uses.get(o.name ?? '') ?? 0) + 1);
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
  return { reluPassThrough, reluBeforePool };
}
