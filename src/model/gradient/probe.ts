/**
 * Stage 3: the shape probe. The model is run with every intermediate value exposed on a batch of 1 and of 2 rows:
 * static shapes (-1 where the size follows the batch), element types, and the values of small batch-independent
 * tensors (constant inputs computed in-graph). A model that fails on 2 rows is not batchable.
 */
import * as ort from 'onnxruntime-node';
import { encodeModel } from '../onnx/proto.ts';
import type { ModelProto, ValueInfoProto } from '../onnx/proto.ts';
import { dataTypeFromName, dataTypeSize } from '../onnx/tensor.ts';
import { ortMessage } from '../run-error.ts';
import { UnsupportedOpError } from './errors.ts';
import type { Probe } from './types.ts';
import { graphOf } from './util.ts';

/** Above this many bytes of intermediate values (batch 1), the batch-2 run is split over models exposing a part each. */
const PROBE_CHUNK = 64 * 1024 * 1024;

export async function probe(
  m: ModelProto,
  feeds: (n: number) => Record<string, ort.Tensor>,
  so: ort.InferenceSession.SessionOptions,
  chunkBytes = PROBE_CHUNK,
): Promise<{ probe: Probe; batchable: boolean }> {
  const g0 = graphOf(m);
  const have = new Set(g0.output.map((o) => o.name));
  const names: string[] = [];
  for (const n of g0.node) for (const o of n.output) if (o && !have.has(o)) { have.add(o); names.push(o); }
  // onnxruntime logs nothing itself (its errors come back as exceptions, reported once by the caller).
  const opts: ort.InferenceSession.SessionOptions = { logSeverityLevel: 4, ...so };
  /** The model with the given intermediate values exposed as outputs too (`m` itself is left as it is). */
  const exposing = async (extra: string[]): Promise<ort.InferenceSession> => {
    const output = [...g0.output, ...extra.map((name) => ({ name, metadataProps: [] }) as ValueInfoProto)];
    return ort.InferenceSession.create(encodeModel({ ...m, graph: { ...g0, output } }), opts);
  };
  let sess: ort.InferenceSession;
  try {
    sess = await exposing(names);
  } catch (e) {
    throw new UnsupportedOpError('probe', '', `onnxruntime cannot load the model with its intermediate values exposed (${ortMessage(e)})`);
  }
  // Tensor outputs only: a ZipMap (sklearn) or a sequence output cannot be returned by onnxruntime-node.
  const all = sess.outputMetadata.filter((o) => o.isTensor).map((o) => o.name);
  const f1 = feeds(1);
  // Batch 1: every value's dims, type and (small ones) values are kept; the tensors themselves are dropped at once,
  // so that a large model does not hold its batch-1 and batch-2 activations at the same time.
  const one = new Map<string, { dims: number[]; type: string; values: number[] | null; bytes: number }>();
  const keep = (name: string, t: ort.Tensor): void => {
    const values = smallValues(t);
    one.set(name, { dims: t.dims.map(Number), type: t.type, values, bytes: t.size * (dataTypeSize(dataTypeFromName(t.type)) ?? 4) });
  };
  try {
    const r1 = await sess.run(f1, all);
    for (const name of all) keep(name, r1[name]);
  } catch (e) {
    await sess.release();
    throw new UnsupportedOpError('probe', '', `the shape probe (the model run on one row) failed in onnxruntime (${ortMessage(e)})`);
  }
  // Batch 2: in one run, or, for a large model, over models that each expose a part of the values (onnxruntime
  // allocates every graph output of a run, requested or not, so fewer outputs per model is what bounds the memory).
  const f2 = feeds(2);
  const two = new Map<string, { dims: number[]; values: number[] | null }>();
  const keep2 = (r: Record<string, ort.Tensor>, names2: string[]): void => {
    for (const name of names2) {
      const t = r[name];
      two.set(name, { dims: t.dims.map(Number), values: smallValues(t) });
    }
  };
  const total = [...one.values()].reduce((a, v) => a + v.bytes, 0);
  let batchable = true;
  try {
    if (total <= chunkBytes) keep2(await sess.run(f2, all), all);
    else {
      await sess.release();
      const graphOutputs = new Set(g0.output.map((o) => o.name));
      const chunks: string[][] = [[]];
      let bytes = 0;
      for (const name of all) {
        if (graphOutputs.has(name)) continue;
        const b = one.get(name)?.bytes ?? 0;
        if (bytes + b > chunkBytes / 2 && chunks[chunks.length - 1].length > 0) { chunks.push([]); bytes = 0; }
        chunks[chunks.length - 1].push(name);
        bytes += b;
      }
      for (const chunk of chunks) {
        const s = await exposing(chunk);
        try {
          const outs = [...all.filter((n) => graphOutputs.has(n)), ...chunk];
          keep2(await s.run(f2, outs), outs);
        } finally {
          await s.release();
        }
      }
    }
  } catch {
    batchable = false;
  }
  if (total <= chunkBytes) await sess.release();
  const p: Probe = { shape: new Map(), type: new Map(), value: new Map() };
  const record = (name: string, a: { dims: number[]; type: string; values: number[] | null }, b: { dims: number[]; values: number[] | null } | undefined): void => {
    const d1 = a.dims;
    const d2 = b ? b.dims : d1;
    p.shape.set(name, d1.map((d, i) => (d2.length === d1.length && d2[i] !== d ? -1 : d)));
    p.type.set(name, dataTypeFromName(a.type));
    if (a.values && (!b || sameValues(a.values, b.values))) p.value.set(name, a.values);
  };
  for (const name of all) record(name, one.get(name)!, batchable ? two.get(name) : undefined);
  const fromFeeds = (t: ort.Tensor) => ({ dims: t.dims.map(Number), type: t.type, values: smallValues(t) });
  for (const [name, t] of Object.entries(f1)) record(name, fromFeeds(t), f2[name] ? fromFeeds(f2[name]) : undefined);
  for (const t of g0.initializer) {
    p.shape.set(t.name ?? '', t.dims.slice());
    p.type.set(t.name ?? '', t.dataType ?? 0);
  }
  return { probe: p, batchable };
}

/** The values of a small non-string tensor (at most 64 elements), else null: what the probe keeps of a value. */
function smallValues(t: ort.Tensor): number[] | null {
  return t.size <= 64 && t.type !== 'string' ? Array.from(t.data as ArrayLike<number | bigint>, Number) : null;
}

function sameValues(a: number[], b: number[] | null): boolean {
  if (!b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
