/**
 * Stage 3: the shape probe. The model is run with every intermediate value exposed on a batch of 1 and of 2 rows:
 * static shapes (-1 where the size follows the batch), element types, and the values of small batch-independent
 * tensors (constant inputs computed in-graph). A model that fails on 2 rows is not batchable.
 */
import * as ort from 'onnxruntime-node';
import { decodeModel, encodeModel } from '../onnx/proto.ts';
import type { ModelProto, ValueInfoProto } from '../onnx/proto.ts';
import { dataTypeFromName } from '../onnx/tensor.ts';
import { ortMessage } from '../run-error.ts';
import { UnsupportedOpError } from './errors.ts';
import type { Probe } from './types.ts';
import { graphOf } from './util.ts';

export async function probe(m: ModelProto, feeds: (n: number) => Record<string, ort.Tensor>, so: ort.InferenceSession.SessionOptions): Promise<{ probe: Probe; batchable: boolean }> {
  const pm = decodeModel(encodeModel(m));
  const g = graphOf(pm);
  const have = new Set(g.output.map((o) => o.name));
  const names: string[] = [];
  for (const n of g.node) for (const o of n.output) if (o && !have.has(o)) { have.add(o); names.push(o); }
  for (const name of names) g.output.push({ name, metadataProps: [] } as ValueInfoProto);
  // onnxruntime logs nothing itself (its errors come back as exceptions, reported once by the caller).
  const opts: ort.InferenceSession.SessionOptions = { logSeverityLevel: 4, ...so };
  let sess: ort.InferenceSession;
  try {
    sess = await ort.InferenceSession.create(encodeModel(pm), opts);
  } catch (e) {
    throw new UnsupportedOpError('probe', '', `onnxruntime cannot load the model with its intermediate values exposed (${ortMessage(e)})`);
  }
  // Tensor outputs only: a ZipMap (sklearn) or a sequence output cannot be returned by onnxruntime-node.
  const all = sess.outputMetadata.filter((o) => o.isTensor).map((o) => o.name);
  const f1 = feeds(1);
  let r1: Record<string, ort.Tensor>;
  try {
    r1 = await sess.run(f1, all);
  } catch (e) {
    await sess.release();
    throw new UnsupportedOpError('probe', '', `the shape probe (the model run on one row) failed in onnxruntime (${ortMessage(e)})`);
  }
  let r2: Record<string, ort.Tensor> | null = null;
  const f2 = feeds(2);
  try {
    r2 = await sess.run(f2, all);
  } catch {
    r2 = null;
  }
  await sess.release();
  const p: Probe = { shape: new Map(), type: new Map(), value: new Map() };
  const record = (name: string, a: ort.Tensor, b: ort.Tensor | undefined): void => {
    const d1 = a.dims.map(Number);
    const d2 = b ? b.dims.map(Number) : d1;
    p.shape.set(name, d1.map((d, i) => (d2.length === d1.length && d2[i] !== d ? -1 : d)));
    p.type.set(name, dataTypeFromName(a.type));
    if (a.size <= 64 && a.type !== 'string' && (!b || sameValues(a, b))) p.value.set(name, Array.from(a.data as ArrayLike<number | bigint>, Number));
  };
  for (const name of all) record(name, r1[name], r2?.[name]);
  for (const [name, t] of Object.entries(f1)) record(name, t, f2[name]);
  for (const t of g.initializer) {
    p.shape.set(t.name ?? '', t.dims.slice());
    p.type.set(t.name ?? '', t.dataType ?? 0);
  }
  return { probe: p, batchable: r2 !== null };
}

function sameValues(a: ort.Tensor, b: ort.Tensor): boolean {
  if (a.size !== b.size) return false;
  const x = a.data as ArrayLike<unknown>, y = b.data as ArrayLike<unknown>;
  for (let i = 0; i < a.size; i++) if (x[i] !== y[i]) return false;
  return true;
}
