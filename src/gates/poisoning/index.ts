/**
 * The poisoning gate (docs/gates/poisoning.md): screens the training rows for planted or relabelled rows with the
 * model as it is (no retraining). The representations of the screened rows (the penultimate tensor, or
 * `layer`; src/model/representations.ts) are grouped by the GIVEN label; per class, spectral signatures
 * (spectral.ts) and activation clustering (clustering.ts) each decide whether the class holds a separate population;
 * STRIP (strip.ts) screens image rows by the entropy of superimposed inputs; confident learning (labels.ts) finds
 * label issues from out-of-sample probabilities the policy supplies. `flagged_classes` (spectral or clustering) is
 * the decision a policy gates on; suspects are the rows the screens name, ranked. Sharded runs (`rowWork`, ctx.work):
 * each shard emits the representations and STRIP entropies of its own rows; the merge runs the screens on all rows.
 */
import { GateError, INTERNAL_HINT } from '../../errors.ts';
import type { Dataset } from '../../data/types.ts';
import { lineOfRow } from '../../data/csv.ts';
import { describeSample, sampleRows, type SampleReport } from '../../data/sample.ts';
import { extractRepresentations, type RepresentationLayer } from '../../model/representations.ts';
import { claimPositions, decodeRecords, encodeRecords, samplePositions, type RecordArray } from '../../util/records.ts';
import { scoresOf, softmaxRow } from '../../model/scores.ts';
import type { GateContext, GateDefinition, GateModel, GateOutcome, Predictions } from '../types.ts';
import { POISONING_METRICS, SCREENS, type PoisoningGatePolicy, type Screen } from './policy.ts';
import { prepareClasses } from './space.ts';
import { spectralSignatures, type SpectralClass } from './spectral.ts';
import { activationClustering, type ClusterClass } from './clustering.ts';
import { stripDecision, stripEntropies } from './strip.ts';
import { labelIssues } from './labels.ts';
import { imageLayout, suspectGrid } from './grid.ts';

export { POISONING_METRICS };
export type { PoisoningGatePolicy };

/** One class's row of the report (`details.classes`). */
export type PoisoningClass = {
  class: string | number;
  rows: number;
  /** Why the class was not screened (fewer rows than min-class-size). */
  skipped?: string;
  flagged: boolean;
  spectral?: {
    separation: number; smaller_share: number; poisoned: boolean; suspects: number; whitened: boolean;
    /** The paper's list: the top ⌊factor · expected-rate · rows⌋ outlier scores (its size; the rows when the class is flagged). */
    top: number; top_rows?: number[];
  };
  clustering?: { silhouette: number; relative_size: number; sizes: [number, number]; poisoned: boolean; whitened: boolean };
  /** STRIP suspects of the class; absent when STRIP screened none of its rows (strip.limit takes the first rows). */
  strip_suspects?: number;
  label_issues?: number;
};

/** One suspected row (`details.suspects`), most suspicious first. */
export type Suspect = {
  /** 0-based row of the dataset. */
  row: number;
  /** CSV: the 1-based line where the row starts. */
  line?: number;
  /** The given label. */
  label: string | number;
  /** The screens that name the row. */
  screens: Screen[];
};

export type PoisoningDetails = {
  dataset: string;
  /** The dataset's file (workspace-relative), for annotations on suspect rows. */
  path: string;
  format: Dataset['format'];
  sample: SampleReport;
  layer: RepresentationLayer;
  screens: Screen[];
  classes: PoisoningClass[];
  /** Classes flagged by spectral signatures or activation clustering. */
  flagged: (string | number)[];
  /** Every suspect (at most MAX_SUSPECTS listed; `suspects_total` counts them all). */
  suspects: Suspect[];
  suspects_total: number;
  /** What flags a class: spectral's Ashman's D and clustering's silhouette at or above these (the policy's). */
  decision: { min_separation: number; min_silhouette: number };
  strip?: { rows: number; clean: string; clean_rows: number; n: number; frr: number; threshold: number; suspects: number };
  labels?: { source: string; issues: number } | { skipped: string };
  /** The PNG grid of the top suspect images (image inputs), written next to the report. */
  grid?: { file: string; sha256: string; rows: number[]; columns: number };
};

/** Suspects listed in the report (the metrics count all of them). */
export const MAX_SUSPECTS = 1000;
/** The grid's file name (beside the report). */
export const GRID_FILE = 'poisoning-suspects.png';

export const poisoningGate: GateDefinition<PoisoningGatePolicy, PoisoningDetails, 'poisoning'> = {
  name: 'poisoning',
  metrics: POISONING_METRICS,
  // sharded runs: the representations and STRIP entropies of each shard's rows (screened and clean), the screens from
  // every shard's records; it reads the shared predictions of the screened dataset only
  rowWork: (p) => [p.dataset],
  run: runPoisoning,
};

async function runPoisoning(ctx: GateContext<PoisoningGatePolicy>): Promise<GateOutcome<PoisoningDetails>> {
  const p = ctx.policy;
  const model = ctx.model;
  if (!model) throw new GateError('poisoning.model', `internal error: the poisoning gate did not receive the loaded model (ctx.model): ${INTERNAL_HINT}`);
  const at = (...path: (string | number)[]) => ctx.position(['gates', 'poisoning', ...path]);
  const ds = ctx.dataset(p.dataset);
  const preds = await ctx.predictions(p.dataset);
  if (!preds.labels) {
    throw new GateError('poisoning.labels', `dataset "${p.dataset}" has no labels: the poisoning screens group the rows by the label they were trained with; add ${ds.format === 'npy' ? 'labels: <file>.npy' : 'label: <column>'} to datasets.${p.dataset}`, { where: at('dataset') });
  }
  const mode = model.sampleMode?.(p.dataset) ?? 'stratified';
  const rows = sampleRows(ds, p.limit, mode, ctx.seed);
  const n = rows.length;
  const K = preds.classes;
  const given = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    given[k] = preds.labels[rows[k]];
    if (given[k] < 0) throw new GateError('poisoning.labels', `dataset "${p.dataset}" row ${rows[k] + 1}${lineNote(ds, rows[k])} has a missing or unknown label: fix the data (label, label-map)`, { where: at('dataset') });
  }
  // classRows[c]: positions (into the screened rows and their representations) whose given label is c.
  const members: number[][] = Array.from({ length: K }, () => []);
  for (let k = 0; k < n; k++) members[given[k]].push(k);
  const classRows = members.map((m) => Int32Array.from(m));

  const screens = p.screens;
  // The per-row work (representations, STRIP's entropies): on every screened row, or in a sharded run on this
  // shard's rows (handed over as records), or at the merge taken from every shard's records (docs/design.md §7
  // "Shards"); the screens below always run on every row's.
  const work = ctx.work;
  let rw: RowWork;
  if (work?.mode === 'merge') {
    const setup = screens.includes('strip') ? stripSetup(ctx, model, ds, rows, preds) : undefined;
    rw = mergeRowWork(work.records(), rows, work.shardOf(p.dataset), setup && { setup: setup.records, shardOf: work.shardOf(setup.sp.clean) });
  } else {
    const mine = samplePositions(rows, work?.mode === 'shard' ? work.rows(p.dataset) : undefined);
    const shard = work?.mode === 'shard' ? work : undefined;
    rw = await rowWorkOn(ctx, model, ds, rows, preds, mine, shard && ((dataset) => shard.rows(dataset)));
    if (work?.mode === 'shard') {
      // What the run checks after the work, and can check here: the out-of-sample probabilities.
      if (screens.includes('labels')) outOfSampleProbabilities(ctx, ds, rows, K);
      work.emit(encodeRowWork(rw));
      return { metrics: {}, details: {} as PoisoningDetails, skipped: `shard ${work.k}/${work.n}: records emitted` };
    }
  }
  const reps = { layer: rw.layer, dim: rw.layer.dim, data: rw.reps };
  const minClassSize = p['min-class-size'];
  const prepared = screens.includes('spectral') || screens.includes('clustering') ? prepareClasses(reps.data, reps.dim, classRows) : undefined;
  ctx.checkBudget();
  const spectral = screens.includes('spectral')
    ? spectralSignatures(reps.data, reps.dim, classRows, {
      expectedRate: p['expected-rate'], factor: p.spectral.factor, seed: ctx.seed, minClassSize,
      minSeparation: p.spectral['min-separation'], minShare: p.spectral['min-share'], prepared,
    })
    : null;
  ctx.checkBudget();
  const clustering = screens.includes('clustering')
    ? activationClustering(reps.data, reps.dim, classRows, {
      components: p.clustering.components, inits: p.clustering.inits, seed: ctx.seed, minClassSize,
      minSilhouette: p.clustering['min-silhouette'], minRelativeSize: p.clustering['min-relative-size'], maxRelativeSize: p.clustering['max-relative-size'], prepared,
    })
    : null;

  // Suspects per screen, as positions into the screened rows.
  const named = new Map<number, Set<Screen>>();
  const name = (pos: number, s: Screen) => (named.get(pos) ?? named.set(pos, new Set()).get(pos)!).add(s);
  for (const c of spectral ?? []) if (c.poisoned) for (const k of c.suspects) name(k, 'spectral');
  for (const c of clustering ?? []) if (c.poisoned) for (const k of c.smaller) name(k, 'clustering');

  let stripInfo: PoisoningDetails['strip'];
  const stripPerClass = new Int32Array(K);
  // Rows STRIP screened per class (it takes the first strip.limit screened rows): a class with none has no count.
  const stripRowsPerClass = new Int32Array(K);
  if (rw.strip) {
    const sp = p.strip!;
    const { threshold, suspects } = stripDecision(rw.strip.entropies, rw.strip.cleanEntropies, sp.frr);
    const setup = rw.strip.setup;
    stripInfo = { rows: setup.rows, clean: sp.clean, clean_rows: setup.clean_rows, n: sp.n, frr: sp.frr, threshold, suspects: suspects.length };
    for (let k = 0; k < stripInfo.rows; k++) stripRowsPerClass[given[k]]++;
    for (const k of suspects) { name(k, 'strip'); stripPerClass[given[k]]++; }
  }
  let labelsInfo: NonNullable<PoisoningDetails['labels']>;
  const issuesPerClass = new Int32Array(K);
  if (screens.includes('labels')) {
    const probs = outOfSampleProbabilities(ctx, ds, rows, K);
    const li = labelIssues(given, probs.values, K);
    labelsInfo = { source: probs.source, issues: li.issues.length };
    for (const k of li.issues) { name(k, 'labels'); issuesPerClass[given[k]]++; }
  } else {
    labelsInfo = { skipped: 'label issues need out-of-sample predicted probabilities of these rows (cross-validated, or from a model that never saw them): supply them with gates.poisoning.labels.probabilities and list labels in screens; the gate never computes them in-sample, where a model agrees with the labels it memorised' };
  }

  // Per class.
  const notes: string[] = [];
  const classes: PoisoningClass[] = [];
  const flagged: (string | number)[] = [];
  const stripUnscreened: (string | number)[] = [];
  let spectralFlagged = 0, clusteringFlagged = 0;
  for (let c = 0; c < K; c++) {
    const sc = spectral?.[c], cc = clustering?.[c];
    const row: PoisoningClass = { class: preds.classLabels[c], rows: classRows[c].length, flagged: false };
    const skipped = sc?.skipped ?? cc?.skipped;
    if (classRows[c].length < minClassSize || skipped) {
      row.skipped = skipped ?? `${classRows[c].length} rows, fewer than min-class-size ${minClassSize}`;
      if (spectral ?? clustering) notes.push(`class ${String(preds.classLabels[c])} was not screened (${row.skipped}): screen more of its rows, or lower min-class-size`);
    }
    if (sc && !sc.skipped) row.spectral = spectralRow(sc, rows);
    if (cc && !cc.skipped) row.clustering = clusteringRow(cc);
    if (sc?.poisoned) spectralFlagged++;
    if (cc?.poisoned) clusteringFlagged++;
    row.flagged = Boolean(sc?.poisoned || cc?.poisoned);
    if (row.flagged) flagged.push(preds.classLabels[c]);
    if (stripInfo && stripRowsPerClass[c] > 0) row.strip_suspects = stripPerClass[c];
    else if (stripInfo && classRows[c].length > 0) stripUnscreened.push(preds.classLabels[c]);
    if ('issues' in labelsInfo) row.label_issues = issuesPerClass[c];
    classes.push(row);
  }
  if (stripInfo && stripUnscreened.length) {
    notes.push(`STRIP screened no row of class ${stripUnscreened.map(String).join(', ')} (strip.limit ${stripInfo.rows} takes the first ${stripInfo.rows} of the ${n} screened rows): their STRIP suspects are not counted; raise or remove gates.poisoning.strip.limit`);
  }

  if ((spectral ?? clustering) && classes.every((c) => c.skipped)) {
    throw new GateError('poisoning.min-class-size', `no class of dataset "${p.dataset}" has min-class-size ${minClassSize} rows among the ${n} screened (largest: ${Math.max(...classRows.map((r) => r.length))}): nothing was screened; screen more rows (limit) or lower min-class-size`, { where: at('min-class-size') ?? at('dataset') });
  }

  // Suspects, most suspicious first: named by more screens, then by spectral's outlier score in its class, then row.
  const score = new Float64Array(n).fill(-Infinity);
  for (const c of spectral ?? []) {
    if (c.skipped) continue;
    classRows[c.class].forEach((k, j) => { score[k] = c.scores[j]; });
  }
  const order = [...named.keys()].sort((a, b) => named.get(b)!.size - named.get(a)!.size || score[b] - score[a] || rows[a] - rows[b]);
  const suspects: Suspect[] = order.slice(0, MAX_SUSPECTS).map((k) => {
    const s: Suspect = { row: rows[k], label: preds.classLabels[given[k]], screens: SCREENS.filter((x) => named.get(k)!.has(x)) };
    const line = ds.lineBreaks ? lineOfRow(ds.lineBreaks, rows[k]) : undefined;
    return line === undefined ? s : { row: s.row, line, label: s.label, screens: s.screens };
  });

  const metrics: Record<string, number | null> = {
    flagged_classes: flagged.length,
    suspected_fraction: named.size / n,
    suspected_rows: named.size,
  };
  if (spectral) metrics.spectral_flagged_classes = spectralFlagged;
  if (clustering) metrics.clustering_flagged_classes = clusteringFlagged;
  if (stripInfo) metrics.strip_suspected_fraction = stripInfo.suspects / stripInfo.rows;
  if ('issues' in labelsInfo) metrics.label_issue_fraction = labelsInfo.issues / n;
  // (A threshold on the metric of a screen that did not run is a policy error: src/policy/checks.ts.)
  const details: PoisoningDetails = {
    dataset: p.dataset,
    path: ds.path,
    format: ds.format,
    sample: describeSample(ds, rows, p.limit, mode),
    layer: reps.layer,
    screens,
    classes,
    flagged,
    suspects,
    suspects_total: named.size,
    decision: { min_separation: p.spectral['min-separation'], min_silhouette: p.clustering['min-silhouette'] },
  };
  if (stripInfo) details.strip = stripInfo;
  details.labels = labelsInfo;
  const out: GateOutcome<PoisoningDetails> = { metrics, details };
  // The grid of the top suspects' images.
  const layout = imageLayout(ds);
  if (layout && p.grid > 0 && suspects.length > 0) {
    const shown = suspects.slice(0, p.grid).map((s) => s.row);
    const png = suspectGrid(ds, layout, shown);
    details.grid = { file: GRID_FILE, sha256: png.sha256, rows: shown, columns: png.columns };
    out.artifacts = [{ name: GRID_FILE, bytes: png.bytes, description: `the ${shown.length} most suspicious images of dataset "${p.dataset}" (row order as in details.grid.rows)` }];
  }
  // A class too small to screen is never passed silently: a warning names it (and details.classes says why).
  if (notes.length) out.warnings = notes;
  return out;
}

function spectralRow(c: SpectralClass, rows: Int32Array): NonNullable<PoisoningClass['spectral']> {
  const out: NonNullable<PoisoningClass['spectral']> = { separation: c.statistic, smaller_share: c.smallerShare, poisoned: c.poisoned, suspects: c.suspects.length, whitened: c.whitened, top: c.flagged.length };
  if (c.poisoned) out.top_rows = Array.from(c.flagged, (k) => rows[k]);
  return out;
}

function clusteringRow(c: ClusterClass): NonNullable<PoisoningClass['clustering']> {
  return { silhouette: c.silhouette, relative_size: c.relativeSize, sizes: c.sizes, poisoned: c.poisoned, whitened: c.whitened };
}

function lineNote(ds: Dataset, row: number): string {
  return ds.lineBreaks ? ` (${ds.path}:${lineOfRow(ds.lineBreaks, row)})` : '';
}

/**
 * The per-row work of the gate on sample positions `points` (ascending; every screened row, or a shard's): their
 * representations, and STRIP's entropies of those among the first `strip.limit` and of the clean rows (every clean
 * row, or `rowsOf(clean)`: a shard's). Each row's values are a function of the row alone (its inputs, its streams,
 * the whole clean set), so shards compute them apart and `mergeRowWork` puts them together.
 */
interface RowWork {
  /** The representation tensor, with its size per row (`dim`). */
  layer: RepresentationLayer;
  points: Int32Array;
  /** [points × dim] float32, in points order. */
  reps: Float32Array;
  strip?: {
    /** STRIP's setup, the same in every shard (checked at the merge). */
    setup: StripRecordsSetup;
    /** Entropies of the points below `setup.rows`, in points order. */
    entropies: Float64Array;
    /** The clean rows worked on (ascending) and their entropies. */
    cleanRows: Int32Array;
    cleanEntropies: Float64Array;
  };
}

/** What STRIP's entropies depend on besides the rows: the screened and clean rows' counts and the blends per row. */
interface StripRecordsSetup {
  rows: number;
  clean_rows: number;
  n: number;
}

/** The row work (RowWork) on sample positions `points`; STRIP's clean rows: `rowsOf(clean)`, or all of them. */
async function rowWorkOn(
  ctx: GateContext<PoisoningGatePolicy>, model: GateModel, ds: Dataset, rows: Int32Array, preds: Predictions, points: Int32Array,
  rowsOf?: (dataset: string) => Int32Array,
): Promise<RowWork> {
  const p = ctx.policy;
  ctx.checkBudget();
  const reps = await extractRepresentations(model, ds.name, Int32Array.from(points, (k) => rows[k]), { layer: p.layer, checkBudget: ctx.checkBudget, progress: ctx.progress });
  const out: RowWork = { layer: reps.layer, points, reps: reps.data };
  if (p.screens.includes('strip')) {
    const s = stripSetup(ctx, model, ds, rows, preds);
    const mine = points.filter((k) => k < s.records.rows);
    const cleanRows = rowsOf ? rowsOf(s.sp.clean) : Int32Array.from({ length: s.records.clean_rows }, (_, i) => i);
    const e = await stripWork(ctx, s, rows, mine, cleanRows);
    out.strip = { setup: s.records, entropies: e.entropies, cleanRows, cleanEntropies: e.cleanEntropies };
  }
  return out;
}

/** STRIP's checks (before any work) and what its work needs: the clean set, the feature views and the model's probabilities. */
function stripSetup(ctx: GateContext<PoisoningGatePolicy>, model: GateModel, ds: Dataset, rows: Int32Array, preds: Predictions) {
  const sp = ctx.policy.strip;
  const at = (...path: (string | number)[]) => ctx.position(['gates', 'poisoning', 'strip', ...path]) ?? ctx.position(['gates', 'poisoning', 'screens']);
  if (!sp) throw new GateError('poisoning.strip', 'gates.poisoning.screens lists strip, which needs gates.poisoning.strip.clean (clean rows to superimpose)', { where: at() });
  if (model.output.kind === 'label') {
    throw new GateError('poisoning.strip', `STRIP needs the model's class probabilities (or logits): output "${model.output.name}" gives predicted labels only, whose entropy is 0 on every blend, so no row could be a suspect; read a score output (model.output) or remove strip from gates.poisoning.screens`, { where: at() });
  }
  if (!imageLayout(ds)) {
    throw new GateError('poisoning.strip', `STRIP superimposes images: dataset "${ds.name}" is not an image tensor (a .npy of shape [N, C, H, W], [N, H, W, C] or [N, H, W]); remove strip from gates.poisoning.screens`, { where: at() });
  }
  const clean = ctx.dataset(sp.clean);
  if (clean.rows < 2) {
    throw new GateError('poisoning.strip', `gates.poisoning.strip.clean "${sp.clean}" has ${clean.rows} row${clean.rows === 1 ? '' : 's'}: STRIP blends each clean row with other clean rows to set its threshold, so it needs at least 2 (held-out clean images, the more the better)`, { where: at('clean') });
  }
  const view = model.featureView(ds.name), cleanView = model.featureView(sp.clean);
  if (cleanView.dim !== view.dim) {
    throw new GateError('poisoning.strip', `gates.poisoning.strip.clean "${sp.clean}" has ${cleanView.dim} values per row but dataset "${ds.name}" ${view.dim}: the clean rows must have the same input shape`, { where: at('clean') });
  }
  const m = Math.min(rows.length, sp.limit ?? rows.length);
  const C = preds.classes, out = model.output;
  const prob = new Float64Array(C);
  // The model's class probabilities (softmax of logits) of blends; fixed inputs from the sample's first row.
  const probabilities = async (batch: Float32Array, count: number): Promise<Float64Array> => {
    ctx.checkBudget();
    const feeds = view.feeds(batch, new Int32Array(count).fill(rows[0]));
    const z = scoresOf((await model.run(feeds, [out.name]))[out.name], count, C, out.kind, preds.classLabels);
    const res = new Float64Array(count * C);
    const row = new Float64Array(C);
    for (let i = 0; i < count; i++) {
      for (let j = 0; j < C; j++) row[j] = z[i * C + j];
      if (out.kind === 'logits') softmaxRow(row, 0, C, prob);
      else prob.set(row);
      res.set(prob, i * C);
    }
    return res;
  };
  const records: StripRecordsSetup = { rows: m, clean_rows: clean.rows, n: sp.n };
  return { sp, view, cleanView, records, probabilities };
}

/**
 * STRIP's entropies of the screened sample positions `points` (each below the first `strip.limit`) and of the clean
 * rows `cleanRows`: each blended with `n` rows of the whole clean dataset.
 */
async function stripWork(ctx: GateContext<PoisoningGatePolicy>, s: ReturnType<typeof stripSetup>, rows: Int32Array, points: Int32Array, cleanRows: Int32Array) {
  const { sp, view, cleanView } = s;
  const ids = Int32Array.from(points, (k) => rows[k]);
  const screened = view.features(ids);
  const cleanX = cleanView.features(Int32Array.from({ length: s.records.clean_rows }, (_, i) => i));
  const task = `poisoning: STRIP (${points.length} rows and ${cleanRows.length} clean rows × ${sp.n} blends)`;
  const total = points.length + cleanRows.length;
  ctx.progress?.({ phase: 'start', task, unit: 'rows', done: 0, total });
  const r = await stripEntropies(screened, cleanX, view.dim, { n: sp.n, seed: ctx.seed, frr: sp.frr, clip: sp.clip, ids, cleanRows }, s.probabilities);
  ctx.progress?.({ phase: 'end', task, unit: 'rows', done: total, total });
  return r;
}

interface RowWorkMeta {
  layer: RepresentationLayer;
  strip: StripRecordsSetup | null;
}

/** The records of a shard's row work (src/util/records.ts). */
function encodeRowWork(rw: RowWork): Uint8Array {
  const arrays: Record<string, RecordArray> = { points: rw.points, reps: rw.reps };
  if (rw.strip) Object.assign(arrays, { entropies: rw.strip.entropies, cleanRows: rw.strip.cleanRows, cleanEntropies: rw.strip.cleanEntropies });
  const meta: RowWorkMeta = { layer: rw.layer, strip: rw.strip?.setup ?? null };
  return encodeRecords({ meta, arrays });
}

/**
 * Every screened row's work from the shards' records, in sample order (and every clean row's, in dataset order):
 * the same setup in each shard (the representation tensor; STRIP's rows, clean rows and blends, as this run's
 * `strip` setup), each shard's rows exactly its own (`shardOf`: the 1-based shard of each dataset row), together
 * every row once, arrays of the sizes their rows give. Anything else is refused (`shard.foreign`).
 */
function mergeRowWork(records: Uint8Array[], rows: Int32Array, shardOf: Int32Array, strip?: { setup: StripRecordsSetup; shardOf: Int32Array }): RowWork {
  const n = rows.length;
  const parts = records.map((b, s) => {
    try {
      return decodeRecords<RowWorkMeta>(b);
    } catch (e) {
      throw new GateError('shard.corrupt', `shard ${s + 1}'s poisoning records cannot be read (${(e as Error).message}): re-run that shard`);
    }
  });
  const foreign = (s: number, why: string) => new GateError('shard.foreign', `shard ${s + 1}'s poisoning records ${why}: re-run every shard on the same commit`);
  const where = (l: RepresentationLayer) => JSON.stringify([l?.tensor, l?.how, l?.via]);
  const layer0 = parts[0].meta?.layer;
  if (typeof layer0?.tensor !== 'string' || !Number.isInteger(layer0.dim)) throw foreign(0, 'name no representation tensor');
  // The tensor's size per row: from a shard that extracted rows (one without may not have learnt it).
  const sized = parts.find((r) => (r.arrays.points?.length ?? 0) > 0)?.meta.layer ?? layer0;
  const own = JSON.stringify(strip?.setup ?? null);
  parts.forEach((r, s) => {
    const l = r.meta?.layer;
    if (where(l) !== where(layer0)) throw foreign(s, `take representations from another tensor than shard 1's (${l?.tensor} vs ${layer0?.tensor})`);
    if ((r.arrays.points?.length ?? 0) > 0 && l.dim !== sized.dim) throw foreign(s, `have representations of ${l.dim} values per row, another shard's of ${sized.dim}`);
    if (JSON.stringify(r.meta.strip ?? null) !== own) throw foreign(s, `ran another STRIP setup (${JSON.stringify(r.meta.strip ?? null)}) than this run's (${own})`);
  });
  const dim = sized.dim;
  const out: RowWork = { layer: { ...sized }, points: Int32Array.from({ length: n }, (_, k) => k), reps: new Float32Array(n * dim) };
  const m = strip?.setup.rows ?? 0, nc = strip?.setup.clean_rows ?? 0;
  const entropies = new Float64Array(m), cleanEntropies = new Float64Array(nc);
  const seen = new Uint8Array(n), seenClean = new Uint8Array(nc);
  parts.forEach(({ arrays: a }, s) => {
    const points = a.points, reps = a.reps;
    if (!(points instanceof Int32Array) || !(reps instanceof Float32Array)) throw foreign(s, 'have no int32 points or float32 representations');
    if (reps.length !== points.length * dim) throw foreign(s, `have ${reps.length} representation values for ${points.length} rows of ${dim}`);
    const bad = claimPositions(points, s + 1, seen, (k) => shardOf[rows[k]]);
    if (bad?.why === 'outside') throw foreign(s, `name sample position ${bad.k}, outside the ${n} screened rows`);
    if (bad?.why === 'other') throw foreign(s, `name dataset row ${rows[bad.k]}, which is shard ${shardOf[rows[bad.k]]}'s`);
    if (bad?.why === 'twice') throw foreign(s, `name dataset row ${rows[bad.k]} twice`);
    let below = 0;
    for (let j = 0; j < points.length; j++) {
      const k = points[j];
      out.reps.set(reps.subarray(j * dim, (j + 1) * dim), k * dim);
      if (k < m) below++;
    }
    if (!strip) return;
    const e = a.entropies, cr = a.cleanRows, ce = a.cleanEntropies;
    if (!(e instanceof Float64Array) || !(cr instanceof Int32Array) || !(ce instanceof Float64Array)) throw foreign(s, 'have no STRIP entropies');
    if (e.length !== below || ce.length !== cr.length) throw foreign(s, `have ${e.length} STRIP entropies for ${below} rows and ${ce.length} for ${cr.length} clean rows`);
    let t = 0;
    for (let j = 0; j < points.length; j++) if (points[j] < m) entropies[points[j]] = e[t++];
    const badClean = claimPositions(cr, s + 1, seenClean, (c) => strip.shardOf[c]);
    if (badClean) {
      const c = badClean.k;
      throw foreign(s, `name clean row ${c}${badClean.why === 'outside' ? `, outside the ${nc} clean rows` : badClean.why === 'other' ? `, which is shard ${strip.shardOf[c]}'s` : ' twice'}`);
    }
    for (let j = 0; j < cr.length; j++) cleanEntropies[cr[j]] = ce[j];
  });
  const gap = seen.indexOf(0);
  if (gap >= 0) throw new GateError('shard.foreign', `no shard's poisoning records hold dataset row ${rows[gap]} (sample position ${gap}): re-run every shard on the same commit`);
  const cleanGap = seenClean.indexOf(0);
  if (cleanGap >= 0) throw new GateError('shard.foreign', `no shard's poisoning records hold STRIP's clean row ${cleanGap}: re-run every shard on the same commit`);
  if (strip) out.strip = { setup: strip.setup, entropies, cleanRows: Int32Array.from({ length: nc }, (_, i) => i), cleanEntropies };
  return out;
}

/**
 * The out-of-sample probabilities of the screened rows (`labels.probabilities`): a dataset of the same rows
 * ([rows, classes] .npy) or columns of the screened dataset; each row non-negative and summing to 1 (± 1e-3).
 */
function outOfSampleProbabilities(ctx: GateContext<PoisoningGatePolicy>, ds: Dataset, rows: Int32Array, K: number): { values: Float64Array; source: string } {
  const spec = ctx.policy.labels?.probabilities;
  const at = (...path: (string | number)[]) => ctx.position(['gates', 'poisoning', 'labels', 'probabilities', ...path]) ?? ctx.position(['gates', 'poisoning', 'screens']);
  if (!spec) {
    throw new GateError('poisoning.labels', 'gates.poisoning.screens lists labels, which needs out-of-sample predicted probabilities of the screened rows: add gates.poisoning.labels.probabilities ({ dataset: <name> } or { columns: [...] }); the gate never computes them in-sample', { where: at() });
  }
  const n = rows.length;
  const values = new Float64Array(n * K);
  let source: string;
  if ('dataset' in spec) {
    const pd = ctx.dataset(spec.dataset);
    const t = pd.tensor;
    if (!t || t.shape.length !== 2 || t.shape[1] !== K || pd.rows !== ds.rows) {
      throw new GateError('poisoning.labels', `gates.poisoning.labels.probabilities dataset "${spec.dataset}" must be a .npy of shape [${ds.rows}, ${K}] (one probability per row of "${ds.name}" and class), not ${t ? `[${t.shape.join(', ')}]` : 'a table'}`, { where: at('dataset') });
    }
    const src = t.exact ?? t.data;
    for (let k = 0; k < n; k++) for (let j = 0; j < K; j++) values[k * K + j] = src[rows[k] * K + j];
    source = `dataset "${spec.dataset}" (${pd.path})`;
  } else {
    if (spec.columns.length !== K) {
      throw new GateError('poisoning.labels', `gates.poisoning.labels.probabilities.columns lists ${spec.columns.length} columns but the model has ${K} classes: one column per class, in class order`, { where: at('columns') });
    }
    spec.columns.forEach((name, j) => {
      const col = ds.columns.get(name);
      if (!col || col.kind !== 'number') {
        throw new GateError('poisoning.labels', `gates.poisoning.labels.probabilities.columns[${j}] "${name}" is not a numeric column of dataset "${ds.name}" (${ds.path})`, { where: at('columns', j) });
      }
      if (ds.features.includes(name)) {
        throw new GateError('poisoning.labels', `column "${name}" of dataset "${ds.name}" holds probabilities but is fed to the model: list it under datasets.${ds.name}.exclude`, { where: at('columns', j) });
      }
      for (let k = 0; k < n; k++) values[k * K + j] = col.values[rows[k]];
    });
    source = `columns ${spec.columns.join(', ')} of ${ds.path}`;
  }
  for (let k = 0; k < n; k++) {
    let sum = 0, ok = true;
    for (let j = 0; j < K; j++) { const v = values[k * K + j]; if (!(v >= 0 && v <= 1)) ok = false; sum += v; }
    if (!ok || Math.abs(sum - 1) > 1e-3) {
      throw new GateError('poisoning.labels', `the out-of-sample probabilities (${source}) of row ${rows[k] + 1}${lineNote(ds, rows[k])} are not a probability vector (each in [0, 1], summing to 1; the sum is ${sum}): supply predicted probabilities, not logits`, { where: at() });
    }
  }
  return { values, source };
}
