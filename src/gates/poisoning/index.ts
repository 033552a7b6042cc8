/**
 * The poisoning gate (docs/gates/poisoning.md): screens the training rows for planted or relabelled rows with the
 * model as it is (no retraining). The representations of the screened rows (the penultimate tensor, or
 * `layer`; src/model/representations.ts) are grouped by the GIVEN label; per class, spectral signatures
 * (spectral.ts) and activation clustering (clustering.ts) each decide whether the class holds a separate population;
 * STRIP (strip.ts) screens image rows by the entropy of superimposed inputs; confident learning (labels.ts) finds
 * label issues from out-of-sample probabilities the policy supplies. `flagged_classes` (spectral or clustering) is
 * the decision a policy gates on; suspects are the rows the screens name, ranked.
 */
import { GateError, INTERNAL_HINT } from '../../errors.ts';
import type { Dataset } from '../../data/types.ts';
import { lineOfRow } from '../../data/csv.ts';
import { describeSample, sampleRows, type SampleReport } from '../../data/sample.ts';
import { extractRepresentations, type RepresentationLayer } from '../../model/representations.ts';
import { scoresOf, softmaxRow } from '../../model/scores.ts';
import type { GateContext, GateDefinition, GateModel, GateOutcome, Predictions } from '../types.ts';
import { POISONING_METRICS, SCREENS, type PoisoningGatePolicy, type Screen } from './policy.ts';
import { prepareClasses } from './space.ts';
import { spectralSignatures, type SpectralClass } from './spectral.ts';
import { activationClustering, type ClusterClass } from './clustering.ts';
import { strip } from './strip.ts';
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

  ctx.checkBudget();
  const reps = await extractRepresentations(model, ds.name, rows, { layer: p.layer, checkBudget: ctx.checkBudget, progress: ctx.progress });
  const screens = p.screens;
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
  if (screens.includes('strip')) {
    const s = await runStrip(ctx, model, ds, rows, preds);
    stripInfo = s.info;
    for (let k = 0; k < s.info.rows; k++) stripRowsPerClass[given[k]]++;
    for (const k of s.suspects) { name(k, 'strip'); stripPerClass[given[k]]++; }
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
 * STRIP on the first `strip.limit` screened rows: each blended with `n` rows of the clean dataset, the model's
 * class probabilities (softmax of logits) of every blend from the model itself.
 */
async function runStrip(ctx: GateContext<PoisoningGatePolicy>, model: GateModel, ds: Dataset, rows: Int32Array, preds: Predictions) {
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
  const screened = view.features(rows.subarray(0, m));
  const cleanX = cleanView.features(Int32Array.from({ length: clean.rows }, (_, i) => i));
  const C = preds.classes, out = model.output;
  const prob = new Float64Array(C);
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
  const task = `poisoning: STRIP (${m} rows × ${sp.n} blends)`;
  ctx.progress?.({ phase: 'start', task, unit: 'rows', done: 0, total: m });
  const r = await strip(screened, cleanX, view.dim, { n: sp.n, seed: ctx.seed, frr: sp.frr, clip: sp.clip, ids: rows.subarray(0, m) }, probabilities);
  ctx.progress?.({ phase: 'end', task, unit: 'rows', done: m, total: m });
  return {
    suspects: r.suspects,
    info: { rows: m, clean: sp.clean, clean_rows: clean.rows, n: sp.n, frr: sp.frr, threshold: r.threshold, suspects: r.suspects.length },
  };
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
