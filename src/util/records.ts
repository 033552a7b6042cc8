/**
 * A gate's per-row records in a sharded run (src/gates/types.ts GateWork `emit`): a JSON header and named typed
 * arrays, little-endian. Layout: uint32 LE header length, the header (JSON: `{ meta, arrays: [[name, type, length]] }`),
 * then each array's bytes in header order. The shard partial checksums and compresses the whole (src/shard/partial.ts).
 */
export type RecordArray = Int8Array | Uint8Array | Int16Array | Int32Array | Uint32Array | Float32Array | Float64Array;

const TYPES = { Int8Array, Uint8Array, Int16Array, Int32Array, Uint32Array, Float32Array, Float64Array } as const;
type TypeName = keyof typeof TYPES;

export interface Records<M = unknown> {
  meta: M;
  arrays: Record<string, RecordArray>;
}

export function encodeRecords(r: Records): Uint8Array {
  const names = Object.keys(r.arrays);
  const list = names.map((n) => [n, r.arrays[n].constructor.name, r.arrays[n].length] as const);
  for (const [n, t] of list) if (!(t in TYPES)) throw new Error(`records: array ${n} has type ${t}`);
  const header = Buffer.from(JSON.stringify({ meta: r.meta, arrays: list }), 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32LE(header.length, 0);
  return Buffer.concat([len, header, ...names.map((n) => {
    const a = r.arrays[n];
    return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  })]);
}

/** Decodes records; throws an Error saying what is wrong (the caller names the shard). */
export function decodeRecords<M>(bytes: Uint8Array): Records<M> {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length < 4) throw new Error('records: too short');
  const hlen = b.readUInt32LE(0);
  let head: { meta: M; arrays: [string, TypeName, number][] };
  try {
    head = JSON.parse(b.subarray(4, 4 + hlen).toString('utf8'));
  } catch {
    throw new Error('records: the header is not JSON');
  }
  let at = 4 + hlen;
  const arrays: Record<string, RecordArray> = {};
  for (const [name, type, length] of head.arrays ?? []) {
    const T = TYPES[type];
    if (!T || !Number.isInteger(length) || length < 0) throw new Error(`records: array ${name} is ${type}[${length}]`);
    const size = length * T.BYTES_PER_ELEMENT;
    if (at + size > b.length) throw new Error(`records: array ${name} ends early`);
    const out = new T(length);
    new Uint8Array(out.buffer).set(b.subarray(at, at + size));
    arrays[name] = out;
    at += size;
  }
  if (at !== b.length) throw new Error('records: trailing bytes');
  return { meta: head.meta, arrays };
}

/**
 * The positions in a gate's sample (`sample[k]` = a dataset row) that a run works on: every one unsharded
 * (`shardRows` absent), else those whose row is among the shard's rows (ascending positions).
 */
export function samplePositions(sample: Int32Array, shardRows?: Int32Array): Int32Array {
  if (!shardRows) return Int32Array.from({ length: sample.length }, (_, k) => k);
  const mine = new Set(shardRows);
  const out: number[] = [];
  for (let k = 0; k < sample.length; k++) if (mine.has(sample[k])) out.push(k);
  return Int32Array.from(out);
}

/**
 * A merge's check of one shard's positions (indices into `seen.length` positions: sampled points, screened or clean
 * rows): each in range, of this shard (`shardOf(k)`, 1-based, equals `shard`) and not claimed before; marks them in
 * `seen`. Returns the first position that is not, and why (the gate words the refusal), or null.
 */
export function claimPositions(positions: Int32Array, shard: number, seen: Uint8Array, shardOf: (k: number) => number): { k: number; why: 'outside' | 'other' | 'twice' } | null {
  for (const k of positions) {
    if (!(k >= 0 && k < seen.length)) return { k, why: 'outside' };
    if (shardOf(k) !== shard) return { k, why: 'other' };
    if (seen[k]) return { k, why: 'twice' };
    seen[k] = 1;
  }
  return null;
}
