/**
 * The partial result of one shard (`check --shard K/N --partial FILE`, docs/design.md §7 "Shards"): per (model,
 * dataset) the shard's row indices and the model's raw per-row outputs on them, exactly as `Predictions` holds them
 * (scores as float64, predicted and true class indices, kind, class labels), and the digests the merge compares.
 *
 * File: the magic line `model-gate partial v1\n`, the sha256 of the rest (32 bytes), then a node:zlib deflate
 * stream (level 6, zlib's default: the same bytes for the same input; level 9 took 8× as long for 0.7 % less,
 * bench/README.md) of: uint32 LE header length, the header (JSON), then per entry in header order its rows
 * (int32), predicted (int32), labels (int32, when present) and scores (float64, when present), little-endian, then
 * per gate record in header order its bytes (the gate's own encoding, src/gates/types.ts GateWork).
 */
import { createHash } from 'node:crypto';
import { deflateSync, inflateSync } from 'node:zlib';
import { GateError } from '../errors.ts';
import type { Predictions } from '../types/predictions.ts';

export const PARTIAL_SCHEMA = 'model-gate/partial/v1';
const MAGIC = Buffer.from('model-gate partial v1\n', 'latin1');

/** What a shard and the merge must agree on: every input of the per-row outputs, as each of them read it. */
export interface ShardDigests {
  tool: string;
  onnxruntime: string;
  platform: string;
  seed: number;
  /** The trusted policy (its pins cover the reference models and a pinned baseline). */
  policy: { path: string; sha256: string };
  /** The model file that runs (model.path) and its ONNX external-data files. */
  model: { path: string; sha256: string; external: { path: string; sha256: string }[] };
  /** Every dataset of the policy: its files' sha256 and its policy spec. */
  datasets: Record<string, { path: string; sha256: string; extra: { path: string; sha256: string }[]; spec: unknown }>;
}

/** One model's outputs on one dataset's shard rows. `predictions.rows` is `rows.length`, in that order. */
export interface PartialEntry {
  role: 'head' | 'reference' | 'baseline';
  /** sha256 of the model file that ran. */
  model: string;
  /** Its workspace-relative path. */
  path: string;
  dataset: string;
  /** The dataset rows (0-based, ascending) these outputs are of. */
  rows: Int32Array;
  predictions: Predictions;
}

/** A gate's per-row records (GateWork `emit`) of one model on this shard's rows. */
export interface PartialRecords {
  gate: string;
  role: 'head' | 'baseline';
  /** sha256 of the model the gate ran on. */
  model: string;
  path: string;
  bytes: Uint8Array;
}

export interface ShardPartial {
  shard: { k: number; n: number };
  digests: ShardDigests;
  entries: PartialEntry[];
  records: PartialRecords[];
}

interface EntryHeader {
  role: PartialEntry['role'];
  model: string;
  path: string;
  dataset: string;
  count: number;
  classes: number;
  kind: Predictions['kind'];
  classLabels: (string | number)[];
  scores: boolean;
  labels: boolean;
}

interface RecordsHeader {
  gate: string;
  role: PartialRecords['role'];
  model: string;
  path: string;
  length: number;
}

export function encodePartial(p: ShardPartial): Buffer {
  const blobs: Buffer[] = [];
  const entries: EntryHeader[] = p.entries.map((e) => {
    const pr = e.predictions;
    blobs.push(bytesOf(e.rows), bytesOf(pr.predicted));
    if (pr.labels) blobs.push(bytesOf(pr.labels));
    if (pr.scores) blobs.push(bytesOf(pr.scores));
    return { role: e.role, model: e.model, path: e.path, dataset: e.dataset, count: e.rows.length, classes: pr.classes, kind: pr.kind, classLabels: pr.classLabels, scores: !!pr.scores, labels: !!pr.labels };
  });
  const records = p.records.map((r) => {
    blobs.push(Buffer.from(r.bytes.buffer, r.bytes.byteOffset, r.bytes.byteLength));
    return { gate: r.gate, role: r.role, model: r.model, path: r.path, length: r.bytes.length };
  });
  const header = Buffer.from(JSON.stringify({ schema: PARTIAL_SCHEMA, shard: p.shard, digests: p.digests, entries, records }), 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32LE(header.length, 0);
  const body = deflateSync(Buffer.concat([len, header, ...blobs]), { level: 6 });
  return Buffer.concat([MAGIC, createHash('sha256').update(body).digest(), body]);
}

/** Decodes a partial; anything that is not one, or is damaged, is a GateError `shard.corrupt` naming `file`. */
export function decodePartial(bytes: Buffer, file: string): ShardPartial {
  const bad = (why: string) => new GateError('shard.corrupt', `${file} is not a readable shard partial (${why}): run check --shard K/N --partial again for it`);
  if (bytes.length < MAGIC.length + 32 || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) throw bad('no partial header');
  const digest = bytes.subarray(MAGIC.length, MAGIC.length + 32);
  const body = bytes.subarray(MAGIC.length + 32);
  if (!createHash('sha256').update(body).digest().equals(digest)) throw bad('its checksum does not match: the file is damaged');
  let raw: Buffer;
  try {
    raw = inflateSync(body);
  } catch (e) {
    throw bad(`cannot inflate: ${(e as Error).message}`);
  }
  const hlen = raw.readUInt32LE(0);
  let head: { schema: string; shard: { k: number; n: number }; digests: ShardDigests; entries: EntryHeader[]; records?: RecordsHeader[] };
  try {
    head = JSON.parse(raw.subarray(4, 4 + hlen).toString('utf8'));
  } catch {
    throw bad('its header is not JSON');
  }
  if (head.schema !== PARTIAL_SCHEMA) throw bad(`schema ${JSON.stringify(head.schema)}, expected ${PARTIAL_SCHEMA}`);
  const { k, n } = head.shard ?? {};
  if (!Number.isInteger(n) || !Number.isInteger(k) || n < 1 || k < 1 || k > n) throw bad(`shard ${JSON.stringify(head.shard)}`);
  let at = 4 + hlen;
  const take = (count: number, width: 1 | 4 | 8): Buffer => {
    const b = raw.subarray(at, at + count * width);
    if (b.length !== count * width) throw bad('it ends early');
    at += count * width;
    return b;
  };
  const entries: PartialEntry[] = head.entries.map((h) => {
    const rows = int32s(take(h.count, 4));
    const predictions: Predictions = { dataset: h.dataset, rows: h.count, classes: h.classes, kind: h.kind, predicted: int32s(take(h.count, 4)), classLabels: h.classLabels };
    if (h.labels) predictions.labels = int32s(take(h.count, 4));
    if (h.scores) predictions.scores = float64s(take(h.count * h.classes, 8));
    return { role: h.role, model: h.model, path: h.path, dataset: h.dataset, rows, predictions };
  });
  const records: PartialRecords[] = (head.records ?? []).map((h) => {
    if (!Number.isInteger(h.length) || h.length < 0) throw bad(`gate ${JSON.stringify(h.gate)}'s records have length ${JSON.stringify(h.length)}`);
    return { gate: h.gate, role: h.role, model: h.model, path: h.path, bytes: new Uint8Array(take(h.length, 1)) };
  });
  if (at !== raw.length) throw bad('it has trailing bytes');
  return { shard: { k, n }, digests: head.digests, entries, records };
}

function bytesOf(a: Int32Array | Float64Array): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

function int32s(b: Buffer): Int32Array {
  const out = new Int32Array(b.length / 4);
  new Uint8Array(out.buffer).set(b);
  return out;
}

function float64s(b: Buffer): Float64Array {
  const out = new Float64Array(b.length / 8);
  new Uint8Array(out.buffer).set(b);
  return out;
}
