/**
 * The content-addressed cache of per-row outcomes (docs/design.md §7 "Cache", src/types/cache.ts): the keys, and how
 * predictions and a row-work gate's records go in and out. A key is the sha256 of everything the outcome depends on —
 * the tool, onnxruntime, platform and thread count; the model's bytes (and external data) and the policy's `model`
 * section (its card aside); the dataset's files and spec; which rows (all, or shard K of N); for gate records also
 * the gate's policy section without its thresholds, the seed, the memory budget and every dataset — and never the
 * policy file's digest: a pull request that changes only a threshold or the card finds every entry.
 */
import { createHash } from 'node:crypto';
import type { Dataset } from '../data/types.ts';
import type { GateContext, GateDefinition, GateOutcome, GateWork, Logger } from '../gates/types.ts';
import type { Policy } from '../policy/types.ts';
import type { Predictions } from '../types/predictions.ts';
import type { OutcomeCache } from '../types/cache.ts';
import { GateError, INTERNAL_HINT } from '../errors.ts';
import { decodeRecords, encodeRecords } from '../util/records.ts';
import { sha256Hex } from '../util/hash.ts';
import { VERSION } from '../version.ts';

/** What identifies a loaded model's outputs. */
export interface ModelIdentity {
  sha256: string;
  externalData: readonly { path: string; data: Uint8Array }[];
  ortVersion: string;
  threads: number;
}

/** Which rows: every row, or shard k of n. */
export type RowsScope = 'all' | { k: number; n: number };

function keyOf(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

function modelPart(m: ModelIdentity, policy: Policy) {
  const { card: _card, ...section } = policy.model;
  void _card;
  return {
    tool: VERSION, onnxruntime: m.ortVersion, platform: `${process.platform}-${process.arch}`, threads: m.threads,
    model: m.sha256, external: m.externalData.map((e) => [e.path, sha256Hex(e.data)]), section,
  };
}

function datasetPart(ds: Dataset, policy: Policy) {
  return { sha256: ds.sha256, extra: ds.extraFiles.map((f) => [f.path, f.sha256]), spec: policy.datasets[ds.name] };
}

/** The key of a model's predictions on a dataset's rows. */
export function predictionsKey(m: ModelIdentity, ds: Dataset, policy: Policy, rows: RowsScope): string {
  return keyOf({ schema: 'model-gate/cache/predictions/v1', ...modelPart(m, policy), dataset: datasetPart(ds, policy), rows });
}

/** The key of a row-work gate's records on a model (its per-row work depends on every input but its thresholds). */
export function recordsKey(gate: string, m: ModelIdentity, policy: Policy, datasets: Map<string, Dataset>, seed: number, rows: RowsScope): string {
  const { thresholds: _t, ...section } = ((policy.gates as Record<string, Record<string, unknown> | undefined>)[gate] ?? {});
  void _t;
  return keyOf({
    schema: 'model-gate/cache/records/v1', ...modelPart(m, policy), gate, section, seed, memory: policy['memory-budget-mb'],
    datasets: [...datasets.values()].map((ds) => [ds.name, datasetPart(ds, policy)]), rows,
  });
}

export function encodePredictions(p: Predictions): Uint8Array {
  const arrays: Record<string, Int32Array | Float64Array> = { predicted: p.predicted };
  if (p.labels) arrays.labels = p.labels;
  if (p.scores) arrays.scores = p.scores;
  return encodeRecords({ meta: { dataset: p.dataset, rows: p.rows, classes: p.classes, kind: p.kind, classLabels: p.classLabels }, arrays });
}

/** Predictions from a cache entry, or undefined when it does not hold what `rows` and the dataset say (never trusted then). */
export function decodePredictions(bytes: Uint8Array, dataset: string, rows: number): Predictions | undefined {
  try {
    const r = decodeRecords<Pick<Predictions, 'dataset' | 'rows' | 'classes' | 'kind' | 'classLabels'>>(bytes);
    const { meta, arrays } = r;
    const ok = meta.dataset === dataset && meta.rows === rows && arrays.predicted instanceof Int32Array && arrays.predicted.length === rows
      && (arrays.labels === undefined || (arrays.labels instanceof Int32Array && arrays.labels.length === rows))
      && (arrays.scores === undefined || (arrays.scores instanceof Float64Array && arrays.scores.length === rows * meta.classes))
      && Array.isArray(meta.classLabels);
    if (!ok) return undefined;
    const p: Predictions = { dataset, rows, classes: meta.classes, kind: meta.kind, predicted: arrays.predicted as Int32Array, classLabels: meta.classLabels };
    if (arrays.labels) p.labels = arrays.labels as Int32Array;
    if (arrays.scores) p.scores = arrays.scores as Float64Array;
    return p;
  } catch {
    return undefined;
  }
}

/**
 * A row-work gate run with the cache (unsharded): its records from the cache, or its per-row work done as the one
 * shard of one and stored; then the gate computes its outcome from the records, as a merge does (src/gates/types.ts
 * GateWork), so the outcome is the unsharded one (tests/shard, tests/cache).
 */
export async function runWithCache(gate: GateDefinition<any, any>, ctx: GateContext<any>, cache: OutcomeCache, key: string, what: string, log: Logger, rowsOf: (dataset: string) => number): Promise<GateOutcome> {
  const finish = (records: Uint8Array) => gate.run({ ...ctx, work: { mode: 'merge', n: 1, records: () => [records], shardOf: (ds) => new Int32Array(rowsOf(ds)).fill(1) } });
  const hit = cache.get(key);
  if (hit) {
    try {
      const out = await finish(hit);
      log.info(`cache: ${what}: from the cache (${key.slice(0, 12)})`);
      return out;
    } catch (e) {
      // an entry the gate cannot read as its records (another version's layout): never trusted, recomputed
      if (!(e instanceof GateError) || !e.code.startsWith('shard.')) throw e;
      log.warn(`cache: the entry ${key.slice(0, 12)} for ${what} is not this gate's records (${e.message}): ignored, recomputed`);
    }
  }
  let emitted: Uint8Array | undefined;
  const work: GateWork = { mode: 'shard', k: 1, n: 1, rows: (ds) => Int32Array.from({ length: rowsOf(ds) }, (_, i) => i), emit: (b) => { emitted = b; } };
  await gate.run({ ...ctx, work });
  if (!emitted) throw new GateError('cache.internal', `internal error: gate ${gate.name} did its row work but emitted no records: ${INTERNAL_HINT}`);
  cache.put(key, emitted);
  log.info(`cache: ${what}: computed and stored (${key.slice(0, 12)})`);
  return finish(emitted);
}
