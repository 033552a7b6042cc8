/**
 * The merge of shard partials (`model-gate merge`, docs/design.md §7 "Shards"), fail-closed: shards 1..N each
 * present exactly once, all of the same N, all with the same digests and the same (model, dataset) pairs, whose rows
 * partition each dataset; then, in the engine, the digests equal to those the merge computes from its own workspace
 * (`verify`). Anything else is a GateError naming the file and what differs, never a smaller sample.
 */
import { GateError } from '../errors.ts';
import type { Predictions } from '../types/predictions.ts';
import { canon, distinctSorted } from '../model/predict.ts';
import type { PartialEntry, ShardDigests, ShardPartial } from './partial.ts';

export interface MergedShards {
  n: number;
  /** The partial files, in shard order. */
  files: string[];
  /** The shards' seed (the merge runs with it, as `check --seed` would). */
  seed: number;
  /** Per shard (in order): its file and the rows it contributed per dataset. */
  contributions: { k: number; file: string; rows: Record<string, number>; records: Record<string, number> }[];
  /** Throws `shard.stale` when the run's own digests differ from the shards'. */
  verify(own: ShardDigests): void;
  /** The datasets the partials hold rows of. */
  datasets: string[];
  /** The merged predictions of the model with this sha256 on the dataset (every row, in dataset order), if covered. */
  predictions(modelSha256: string, dataset: string): Predictions | undefined;
  /** Every shard's records of the gate on the model (head or baseline) with this sha256 (shard order), or undefined if not every shard holds them. */
  records(gate: string, role: 'head' | 'baseline', modelSha256: string): Uint8Array[] | undefined;
  /**
   * Throws `shard.foreign` unless every shard's rows of the dataset are exactly those the assignment gives it
   * (`shards[row]` = the row's 1-based shard, src/shard/assign.ts, computed by the merge from its own data).
   */
  checkAssignment(dataset: string, shards: Int32Array): void;
  /** The 1-based shard of every row of the dataset, as checkAssignment was given it (undefined before). */
  assignment(dataset: string): Int32Array | undefined;
}

export function mergePartials(parts: { file: string; partial: ShardPartial }[]): MergedShards {
  if (parts.length === 0) throw new GateError('shard.missing', 'no shard partials given: pass the N files written by check --shard K/N --partial FILE');
  const n = parts[0].partial.shard.n;
  for (const p of parts) {
    if (p.partial.shard.n !== n) {
      throw new GateError('shard.foreign', `${p.file} is shard ${p.partial.shard.k} of ${p.partial.shard.n}, but ${parts[0].file} is of ${n}: every partial of a merge comes from the same --shard K/${n} run`);
    }
  }
  const byK = new Map<number, string>();
  for (const p of parts) {
    const other = byK.get(p.partial.shard.k);
    if (other !== undefined) throw new GateError('shard.duplicate', `${other} and ${p.file} are both shard ${p.partial.shard.k} of ${n}: give each shard once`);
    byK.set(p.partial.shard.k, p.file);
  }
  const missing = Array.from({ length: n }, (_, i) => i + 1).filter((k) => !byK.has(k));
  if (missing.length) throw new GateError('shard.missing', `shard${missing.length > 1 ? 's' : ''} ${missing.join(', ')} of ${n} ${missing.length > 1 ? 'are' : 'is'} missing (given: ${parts.map((p) => p.file).join(', ')}): merge needs all ${n}, never a smaller sample`);
  const sorted = [...parts].sort((a, b) => a.partial.shard.k - b.partial.shard.k);
  const first = sorted[0];
  for (const p of sorted.slice(1)) {
    const d = digestDifference(first.partial.digests, p.partial.digests);
    if (d) throw new GateError('shard.foreign', `${p.file} and ${first.file} differ in ${d.field} (${d.theirs} vs ${d.ours}): they come from different runs; re-run every shard on the same commit`);
  }
  const pairs = (p: ShardPartial) => [...p.entries.map((e) => `${e.model}\0${e.dataset}`), ...p.records.map((r) => `${r.model}\0gate ${r.gate} ${r.role}`)].sort().join('\n');
  for (const p of sorted.slice(1)) {
    if (pairs(p.partial) !== pairs(first.partial)) throw new GateError('shard.foreign', `${p.file} holds other (model, dataset) pairs or gate records than ${first.file}: they come from different policies; re-run every shard on the same commit`);
  }
  const merged = new Map<string, Predictions>();
  const predictions = (model: string, dataset: string): Predictions | undefined => {
    const key = `${model}\0${dataset}`;
    if (merged.has(key)) return merged.get(key);
    const entries = sorted.map((p) => ({ file: p.file, entry: p.partial.entries.find((e) => e.model === model && e.dataset === dataset) }));
    if (entries.some((e) => !e.entry)) return undefined;
    const out = mergeEntries(entries as { file: string; entry: PartialEntry }[]);
    merged.set(key, out);
    return out;
  };
  const contributions = sorted.map((p) => {
    const rows: Record<string, number> = {};
    for (const e of p.partial.entries) rows[e.dataset] = e.rows.length;
    const records: Record<string, number> = {};
    for (const r of p.partial.records) records[`${r.gate}${r.role === 'baseline' ? ' (baseline)' : ''}`] = r.bytes.length;
    return { k: p.partial.shard.k, file: p.file, rows, records };
  });
  const assignments = new Map<string, Int32Array>();
  return {
    n,
    files: sorted.map((p) => p.file),
    seed: first.partial.digests.seed,
    contributions,
    verify(own) {
      const d = digestDifference(own, first.partial.digests);
      if (d) {
        throw new GateError('shard.stale', `the shard partials (${sorted.map((p) => p.file).join(', ')}) were made with ${d.field} ${d.theirs}, this workspace has ${d.ours}: they are stale or from another model or data; re-run the shards on this commit`);
      }
    },
    predictions,
    records(gate, role, model) {
      const out = sorted.map((p) => p.partial.records.find((r) => r.gate === gate && r.role === role && r.model === model)?.bytes);
      return out.every((b) => b !== undefined) ? (out as Uint8Array[]) : undefined;
    },
    datasets: [...new Set(first.partial.entries.map((e) => e.dataset))],
    assignment: (dataset) => assignments.get(dataset),
    checkAssignment(dataset, shards) {
      assignments.set(dataset, shards);
      for (const p of sorted) {
        const k = p.partial.shard.k;
        for (const e of p.partial.entries) {
          if (e.dataset !== dataset) continue;
          let expected = 0;
          for (const s of shards) if (s === k) expected++;
          const wrong = [...e.rows].find((r) => shards[r] !== k);
          if (wrong !== undefined || e.rows.length !== expected) {
            throw new GateError('shard.foreign', `${p.file}: its rows of dataset ${dataset} are not shard ${k}'s (${wrong !== undefined ? `row ${wrong} belongs to shard ${shards[wrong]}` : `${e.rows.length} rows, the assignment gives it ${expected}`}): it was not made by check --shard ${k}/${n} on these data; re-run it`);
          }
        }
      }
    },
  };
}

/** The first field in which two digests differ, as short strings; null when equal. */
function digestDifference(ours: ShardDigests, theirs: ShardDigests): { field: string; ours: string; theirs: string } | null {
  const short = (v: unknown) => {
    const s = typeof v === 'string' ? v : JSON.stringify(v) ?? 'absent';
    return /^[0-9a-f]{64}$/.test(s) ? `sha256 ${s.slice(0, 12)}` : s;
  };
  const fields: [string, unknown, unknown][] = [
    ['the tool version', ours.tool, theirs.tool],
    ['onnxruntime', ours.onnxruntime, theirs.onnxruntime],
    ['the platform', ours.platform, theirs.platform],
    ['the seed', ours.seed, theirs.seed],
    [`the policy ${ours.policy.path}`, ours.policy, theirs.policy],
    [`the model ${ours.model.path}`, ours.model.sha256, theirs.model?.sha256],
    ['the model path', ours.model.path, theirs.model?.path],
    [`the model's external data`, ours.model.external, theirs.model?.external],
  ];
  const names = [...new Set([...Object.keys(ours.datasets), ...Object.keys(theirs.datasets ?? {})])];
  for (const name of names) {
    const a = ours.datasets[name], b = theirs.datasets?.[name];
    fields.push([`dataset ${name}${a ? ` (${a.path})` : ''}`, a?.sha256, b?.sha256]);
    fields.push([`dataset ${name}'s other files`, a?.extra, b?.extra]);
    fields.push([`dataset ${name}'s policy spec`, a?.spec, b?.spec]);
  }
  for (const [field, x, y] of fields) {
    if (JSON.stringify(x) !== JSON.stringify(y)) {
      const sx = short(x), sy = short(y);
      // Two values that print alike (objects): say where they differ, e.g. the policy's sha256.
      return { field, ours: sx, theirs: sy };
    }
  }
  return null;
}

/** One model's outputs on every row: the shards' rows, each put back at its dataset index. */
function mergeEntries(entries: { file: string; entry: PartialEntry }[]): Predictions {
  const first = entries[0].entry;
  const name = `model ${first.path} on dataset ${first.dataset}`;
  const total = entries.reduce((s, e) => s + e.entry.rows.length, 0);
  const p0 = first.predictions;
  for (const { file, entry } of entries) {
    const p = entry.predictions;
    if (p.kind !== p0.kind || !!p.scores !== !!p0.scores || !!p.labels !== !!p0.labels || (p.kind !== 'label' && p.classes !== p0.classes)) {
      throw new GateError('shard.foreign', `${file}: ${name} gives ${p.kind} with ${p.classes} classes, ${entries[0].file} ${p0.kind} with ${p0.classes}: re-run every shard on the same commit`);
    }
  }
  // A model that outputs labels: each shard's classes are the dataset's labels and the labels it predicted; their
  // union is the unsharded run's (src/model/predict.ts), and each shard's indices are re-mapped into it.
  const same = entries.every((e) => JSON.stringify(e.entry.predictions.classLabels) === JSON.stringify(p0.classLabels));
  if (!same && p0.kind !== 'label') {
    throw new GateError('shard.foreign', `${name}: the shards' class labels differ (${entries.map((e) => `${e.file}: ${e.entry.predictions.classLabels.join(', ')}`).join('; ')}): re-run every shard on the same commit`);
  }
  const classLabels = same ? p0.classLabels : distinctSorted(entries.flatMap((e) => e.entry.predictions.classLabels));
  const classes = same ? p0.classes : classLabels.length;
  const index = new Map(classLabels.map((c, i) => [canon(c), i]));
  const seen = new Uint8Array(total);
  const predicted = new Int32Array(total);
  const labels = p0.labels ? new Int32Array(total) : undefined;
  const scores = p0.scores ? new Float64Array(total * classes) : undefined;
  for (const { file, entry } of entries) {
    const p = entry.predictions;
    const remap = p.classLabels.map((c) => index.get(canon(c))!);
    const rows = entry.rows;
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      if (!(r >= 0 && r < total) || seen[r]) {
        throw new GateError('shard.foreign', `${file}: ${name} has row ${r}${r >= 0 && r < total ? ' that another shard has too' : `, outside the ${total} rows the shards hold together`}: the shards do not partition the dataset; re-run every shard on the same commit`);
      }
      seen[r] = 1;
      predicted[r] = remap[p.predicted[i]];
      if (labels) labels[r] = p.labels![i] < 0 ? p.labels![i] : remap[p.labels![i]];
      if (scores) scores.set(p.scores!.subarray(i * classes, (i + 1) * classes), r * classes);
    }
  }
  const out: Predictions = { dataset: first.dataset, rows: total, classes, kind: p0.kind, predicted, classLabels };
  if (scores) out.scores = scores;
  if (labels) out.labels = labels;
  return out;
}
