/**
 * The robustness gate (docs/design.md §4 `gates.robustness`, §5): adversarial attacks inside an epsilon ball, point-wise
 * worst case over the attacks, every success re-checked by a plain forward pass and against the constraints.
 *
 * `attacks: auto` = APGD-CE, then APGD-T + APGD-DLR (≥ 4 classes) / APGD-DLR (3) / APGD-margin (2) on the
 * survivors, then the black-box Square attack on the remaining survivors (AutoAttack's order). When the model
 * cannot be differentiated (an op without a gradient rule on the input-to-output path), the gradient attacks are
 * replaced by the black-box ones and the report says which op and why.
 */
import type * as ort from 'onnxruntime-node';
import { GateError, INTERNAL_HINT } from '../../errors.ts';
import { fmtShape } from '../../model/features.ts';
import type { GateContext, GateDefinition, GateOutcome, Predictions } from '../types.ts';
import { ROBUSTNESS_METRICS, type ColumnRef, type RobustnessGatePolicy } from './policy.ts';
import { describeSample, sampleRows, type SampleReport } from '../../data/sample.ts';
import { DEFAULT_MEMORY_BUDGET, gradientBatch, gradientSessionsAtOnce, prepareGradient, UnsupportedOpError, type PreparedGradient } from '../../model/gradient/index.ts';
import { BALL_TOLERANCE, makeConstraints } from './constraints.ts';
import { pointsPerCall, runInChunks } from './chunks.ts';
import { forwardOracle, whiteBoxOracle, type ClosableOracle, type OracleSetup } from './oracle.ts';
import { attackFactory, MIN_CLASSES } from './attacks/registry.ts';
// registers the black-box attacks (square, hsja) and provides the tree attack and the inconclusive check
import { assertConclusive, autoBlackbox, hasTreeEnsemble, makeTreeAttack, treeSplits } from './blackbox/index.ts';
import { argmaxRow, scoresOf } from '../../model/scores.ts';
import { gatherRows } from './attacks/common.ts';
import { claimPositions, decodeRecords, encodeRecords, samplePositions } from '../../util/records.ts';
import type { Dataset } from '../../data/types.ts';
import { resolveOneHotGroups } from './one-hot.ts';
import type { Attack, Constraints, RobustnessFeatureView, RobustnessModel } from './types.ts';

export { ROBUSTNESS_METRICS };
export type { RobustnessGatePolicy };

const GRADIENT_ATTACKS = new Set(['apgd-ce', 'apgd-dlr', 'apgd-t', 'apgd-margin', 'pgd', 'fgsm']);

export interface AttackReport {
  name: string;
  method: string;
  parameters: Record<string, unknown>;
  queries: number;
  /** Points this attack broke that no earlier attack had broken (re-checked). */
  points_broken: number;
  /** Successes the attack claimed that the re-check did not confirm (counted as not broken). */
  unconfirmed?: number;
  skipped?: string;
}

export interface EpsilonResult {
  epsilon: number;
  clean_accuracy: number | null;
  robust_accuracy: number | null;
  prediction_stability: number | null;
  attack_success_rate: number | null;
  /** null when no point was attacked (every clean point misclassified): a maximum over nothing is not measured. */
  max_perturbation: number | null;
  max_perturbation_ratio: number | null;
  points_broken: number;
  /** Points already broken at a smaller epsilon (their adversarial input lies in this ball too; not attacked again). */
  carried_over?: number;
  attacks: AttackReport[];
}

/** What the gradient engine could do with the model (`details.gradient`). */
export type GradientInfo =
  | {
    available: true; opset: number; converted: unknown; ops: unknown; batchable: unknown;
    /** Rows per gradient run: as many as the policy's memory-budget-mb allows (src/model/gradient/memory.ts), at most 128 or the forward batch. */
    batch: number;
    /** Gradient sessions (one per loss) that may stay open together within the budget (at least 1). */
    sessions_at_once: number;
    /** The estimate the batch was chosen with: forward values per row and weights, in MB. */
    memory_mb: { per_row: number; weights: number; budget: number };
  }
  | { available: false; op: string; node: string; reason: string; missing?: { op: string; count: number }[] };

/** `details` of the robustness gate's result (gates/README.md). */
export type RobustnessDetails = {
  dataset: string;
  /** The rows attacked: how they were chosen (`limit` and the dataset's `sample`), per label, and a digest. */
  sample: SampleReport;
  points: number;
  clean_correct: number;
  points_attacked: number;
  /** Points per attack call (chunks.ts): all of them unless their attack state would exceed a share of the memory budget. */
  points_per_call: number;
  norm: RobustnessGatePolicy['norm'];
  /** The policy's epsilon (one number, or the list). */
  epsilon: number | number[];
  epsilon_scale: RobustnessGatePolicy['epsilon-scale'];
  labels: 'predicted' | 'true';
  method: 'white-box' | 'score-based' | 'decision-based';
  gradient: GradientInfo;
  /** The attacks at the largest epsilon. */
  attacks: AttackReport[];
  /** One entry per epsilon, ascending. */
  per_epsilon: EpsilonResult[];
  bound: string;
  queries: number;
  /** Points proven robust (tree ensembles), when any. */
  certified_robust?: number;
};

export const robustnessGate: GateDefinition<RobustnessGatePolicy, RobustnessDetails, 'robustness'> = {
  name: 'robustness',
  metrics: ROBUSTNESS_METRICS,
  // sharded runs: the attacks on each shard's sampled points, the outcome from every shard's per-point records
  rowWork: (p) => [p.dataset],
  run: runRobustness,
};

function modelOf(ctx: GateContext<RobustnessGatePolicy>): RobustnessModel {
  if (!ctx.model) {
    throw new GateError('robustness.model', `internal error: the robustness gate did not receive a loaded model (ctx.model): ${INTERNAL_HINT}`);
  }
  return ctx.model;
}

async function runRobustness(ctx: GateContext<RobustnessGatePolicy>): Promise<GateOutcome<RobustnessDetails>> {
  const pol = ctx.policy;
  const model = modelOf(ctx);
  const where = (path: (string | number)[]) => {
    const p = ctx.position(['gates', 'robustness', ...path]);
    return p ? { file: p.file, line: p.line, col: p.col } : undefined;
  };
  const bad = (path: (string | number)[], msg: string): never => {
    throw new GateError('robustness.policy', msg, { where: where(path) });
  };
  const ds = ctx.dataset(pol.dataset);
  const preds = await ctx.predictions(pol.dataset);
  const view = model.featureView(pol.dataset);
  const D = view.dim;
  // the policy's `sample` (load.ts default: stratified when the dataset has labels)
  const sampleMode = model.sampleMode?.(pol.dataset) ?? (ds.labels ? 'stratified' : 'first');
  const rows = sampleRows(ds, pol.limit, sampleMode, ctx.seed);
  const n = rows.length;
  if (n === 0) bad(['dataset'], `dataset "${pol.dataset}" has no rows to attack`);
  const C = preds.classes;

  // Labels to keep.
  const predicted = pol.labels === 'predicted';
  const y = new Int32Array(n);
  const truth = preds.labels;
  for (let i = 0; i < n; i++) {
    if (predicted) y[i] = preds.predicted[rows[i]];
    else {
      if (!truth) bad(['labels'], `dataset "${pol.dataset}" has no labels: add a label column, or set labels: predicted to measure prediction_stability`);
      y[i] = truth![rows[i]];
      if (y[i] < 0) bad(['labels'], `dataset "${pol.dataset}" row ${rows[i] + 1} has a missing or unknown label: fix the data or set labels: predicted`);
    }
  }
  const x0 = view.features(rows);

  // Feature references.
  const featIndex = (ref: ColumnRef, path: (string | number)[]): number => {
    if (typeof ref === 'number') {
      if (!Number.isInteger(ref) || ref < 0 || ref >= D) bad(path, `feature index ${ref} is outside 0..${D - 1}`);
      return ref;
    }
    const names = view.featureNames;
    const i = names ? names.indexOf(ref) : -1;
    if (i < 0) bad(path, `"${ref}" is not a feature of dataset "${pol.dataset}"${names ? ` (features: ${names.slice(0, 20).join(', ')}${names.length > 20 ? ', ...' : ''})` : ' (a tensor dataset: use 0-based feature indices)'}`);
    return i;
  };
  const mutable = Uint8Array.from(view.perturbable);
  (pol.immutable ?? []).forEach((r, k) => { mutable[featIndex(r, ['immutable', k])] = 0; });
  const integer = new Uint8Array(D);
  (pol.integer ?? []).forEach((r, k) => { integer[featIndex(r, ['integer', k])] = 1; });
  const groups = resolveOneHotGroups(pol['one-hot'] ?? [], view.featureNames, pol.dataset, featIndex, bad);
  const perFeature = (v: number | number[], path: (string | number)[]): number | Float64Array => {
    if (typeof v === 'number') return v;
    if (v.length !== D) bad(path, `has ${v.length} values but the model takes ${D} features`);
    return Float64Array.from(v);
  };
  const lo = pol.bounds ? perFeature(pol.bounds[0], ['bounds', 0]) : undefined;
  const hi = pol.bounds ? perFeature(pol.bounds[1], ['bounds', 1]) : undefined;
  if (lo !== undefined && hi !== undefined) {
    // Clean points must lie inside the bounds: otherwise the feasible set around them is empty or ill-defined.
    const at = (b: number | Float64Array, j: number) => (typeof b === 'number' ? b : b[j]);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < D; j++) {
        const v = x0[i * D + j];
        if (!mutable[j] || (v >= at(lo, j) && v <= at(hi, j))) continue;
        const name = view.featureNames ? `"${view.featureNames[j]}"` : `feature ${j}`;
        bad(['bounds'], `dataset "${pol.dataset}" row ${rows[i] + 1}: ${name} is ${v}, outside the bounds [${at(lo, j)}, ${at(hi, j)}]: widen the bounds or fix the data`);
      }
    }
  }
  let std: Float64Array | null = null;
  if (pol['epsilon-scale'] === 'std') {
    std = featureStd(view, ds.rows, mutable);
    const j = std.findIndex((s) => Number.isNaN(s));
    if (j >= 0) {
      const name = view.featureNames ? `"${view.featureNames[j]}"` : `feature ${j}`;
      bad(['epsilon-scale'], `dataset "${pol.dataset}": ${name} has missing values, so its standard deviation (epsilon-scale: std) is undefined: fill them in the data, list the feature under immutable, or use epsilon-scale: absolute`);
    }
  }
  const epsList = (Array.isArray(pol.epsilon) ? pol.epsilon.slice() : [pol.epsilon]).sort((a, b) => a - b);
  // A model with integer inputs only gets the more specific error below (with the gradient engine's reason).
  const integerOnly = (view.fixedInputs ?? []).length > 0 && (view.floatInputs ?? []).length === 0;
  if (!integerOnly) assertSomethingToPerturb(D, mutable, groups, std, pol['max-categorical-changes'] ?? 1, pol.dataset, (msg) => bad(['immutable'], msg));
  const constraintsFor = (eps: number): Constraints => makeConstraints({
    D, norm: pol.norm, eps: std ? Float64Array.from(std, (s) => s * eps) : eps, lo, hi, mutable, integer,
    oneHotGroups: groups, maxCategoricalChanges: pol['max-categorical-changes'] ?? 1,
  });

  // The per-point work (clean pass, attacks, re-checks): on every sampled point, or in a sharded run on this shard's
  // points (then handed over as records), or at the merge taken from every shard's records (docs/design.md §7).
  const env: WorkEnv = { ctx, model, view, rows, x0, y, D, C, epsList, constraintsFor, preds, where, bad };
  const work = ctx.work;
  let pw: PointWork;
  if (work?.mode === 'merge') {
    pw = mergePointWork(work.records(), work.shardOf(pol.dataset), rows, epsList.length);
  } else {
    const mine = samplePositions(rows, work?.mode === 'shard' ? work.rows(pol.dataset) : undefined);
    pw = await attackPoints(env, mine, work === undefined);
    if (work?.mode === 'shard') {
      work.emit(encodePointWork(pw));
      return { metrics: {}, details: {} as RobustnessDetails, skipped: `shard ${work.k}/${work.n}: records emitted` };
    }
  }
  return outcomeOf(env, pw, ds, sampleMode, predicted, truth);
}

/** What the per-point work and the outcome read of the gate's setup. */
interface WorkEnv {
  ctx: GateContext<RobustnessGatePolicy>;
  model: RobustnessModel;
  view: RobustnessFeatureView;
  /** The sample: dataset rows, their features [n, D] and kept labels. */
  rows: Int32Array;
  x0: Float32Array;
  y: Int32Array;
  D: number;
  C: number;
  epsList: number[];
  constraintsFor(eps: number): Constraints;
  preds: Predictions;
  where(path: (string | number)[]): { file: string; line?: number; col?: number } | undefined;
  bad(path: (string | number)[], msg: string): never;
}

/** A point's state after an epsilon (`PointWork.state`): not broken, carried over from a smaller one, or broken by attack a (≥ 0). */
const NOT_BROKEN = -1;
const CARRIED = -2;

/** The attack setup, the same in every shard (checked at the merge). */
interface WorkSetup {
  gradient: GradientInfo;
  white: boolean;
  /** Warnings of the setup (gradient, fixed inputs, attack plan), in order. */
  warnings: string[];
  attacks: { name: string; method: Attack['method']; parameters: Record<string, unknown> }[];
  perCall: number;
}

/**
 * The per-point outcomes of the work on sample points `points` (ascending sample indices, m of them): everything the
 * report is computed from. E epsilons (ascending), A attacks.
 */
interface PointWork {
  setup: WorkSetup;
  points: Int32Array;
  /** [m] the clean prediction (argmax of the gate's own forward pass). */
  clean: Int32Array;
  /** [E·m] after each epsilon: NOT_BROKEN, CARRIED or the attack that broke the point there. */
  state: Int16Array;
  /** [E·A·m] the attack claimed the point and the re-check did not confirm it. */
  unconfirmed: Uint8Array;
  /** [E·A·m] a black-box attack progressed on, broke or certified the point (inconclusive detection). */
  conclusive: Uint8Array;
  /** [m] proven robust by the tree attack at the largest epsilon. */
  certified: Uint8Array;
  /** [E·m] the adversarial point's perturbation (absolute and as a ratio of epsilon), where broken. */
  pertAbs: Float64Array;
  pertRatio: Float64Array;
  /** [E·A] the attack's queries on these points. */
  queries: Float64Array;
  /** Every model evaluation on these points (clean pass, attacks, re-checks). */
  oracleQueries: number;
}

/** The clean pass and the attacks on sample points `points`. `early`: stop at an inconclusive attack (unsharded). */
async function attackPoints(env: WorkEnv, points: Int32Array, early: boolean): Promise<PointWork> {
  const { ctx, model, view, D, C, epsList, constraintsFor, preds, where, bad } = env;
  const pol = ctx.policy;
  const m = points.length;
  const rows = Int32Array.from(points, (p) => env.rows[p]);
  const x0 = gatherRows(env.x0, D, points);
  const y = Int32Array.from(points, (p) => env.y[p]);
  const E = epsList.length;
  const warnings: string[] = [];
  const outName = model.output.name;
  const setup: OracleSetup = {
    classes: C, D, batch: Math.max(1, view.batchSize),
    feeds: (x, pts) => view.feeds(x, Int32Array.from(pts, (p) => rows[p])),
    forward: async (feeds, k) => scoresOf((await model.run(feeds, [outName]))[outName], k, C, model.output.kind, preds.classLabels),
  };
  const plain = forwardOracle(setup);

  // Clean pass (the same model as the shared predictions; checked against them in the outcome).
  const clean = new Int32Array(m);
  const correct = new Uint8Array(m);
  if (m > 0) {
    const cleanScores = await plain.logits(x0, Int32Array.from({ length: m }, (_, i) => i));
    for (let i = 0; i < m; i++) {
      clean[i] = argmaxRow(cleanScores, i * C, C);
      correct[i] = clean[i] === y[i] ? 1 : 0;
    }
  }

  // Gradient model (white-box) or the reason why not. The probe uses the sample's first point in every shard.
  let gradient: PreparedGradient | null = null;
  let gradientInfo: GradientInfo;
  const budget = model.memoryBudget ?? DEFAULT_MEMORY_BUDGET;
  const wrt = floatInputs(view, env.x0, env.rows);
  const derivedOptions = derivedSessionOptions(model);
  try {
    if (model.output.kind === 'label') throw new UnsupportedOpError('output', outName, 'the model outputs labels only');
    if (!wrt.ok) throw new UnsupportedOpError('input', '', wrt.reason);
    gradient = await prepareGradient({
      bytes: model.bytes, wrt: wrt.inputs.map((w) => w.name), output: outName, outputKind: model.output.kind as 'logits' | 'probabilities',
      sessionOptions: derivedOptions,
      probeFeeds: (k) => view.feeds(tile(env.x0, D, k), new Int32Array(k).fill(env.rows[0])),
    });
    if (gradient.classes !== C) throw new UnsupportedOpError('output', outName, `the gradient graph sees ${gradient.classes} classes, the predictions ${C}`);
    const mb = (b: number): number => Math.round((b / (1024 * 1024)) * 1000) / 1000;
    const gradBatch = gradient.batchable ? gradientBatch(gradient.memory, budget, Math.max(view.batchSize, 128)) : 1;
    gradientInfo = {
      available: true, opset: gradient.opset, converted: gradient.converted, ops: gradient.ops, batchable: gradient.batchable,
      batch: gradBatch,
      sessions_at_once: gradientSessionsAtOnce(gradient.memory, gradBatch, budget),
      memory_mb: { per_row: mb(gradient.memory.perRow), weights: mb(gradient.memory.weights), budget: mb(budget) },
    };
  } catch (e) {
    if (!(e instanceof UnsupportedOpError)) throw e;
    gradient = null;
    gradientInfo = { available: false, op: e.op, node: e.nodeName, reason: e.reason, ...(e.missing.length > 0 ? { missing: e.missing.map((x) => ({ ...x })) } : {}) };
    warnings.push(`no white-box attack: ${e.message}; falling back to black-box attacks (their robust accuracy is an upper bound)`);
  }
  // Integer, bool and string inputs (token ids, category codes, text) are fed unchanged: the gate perturbs float
  // inputs only. Without any float input there is nothing to attack: say so (not "inconclusive" or "no gradient").
  const fixed = view.fixedInputs ?? [];
  if (fixed.length > 0) {
    const list = fixed.map((f) => `"${f.name}" (${f.type} ${fmtShape(f.shape)})`).join(', ');
    const what = fixed.every((f) => f.type !== 'string') ? 'integer (token ids or category codes)' : 'not float (integer codes, token ids or text)';
    const is = fixed.length === 1 ? `model input ${list} is ${what} and stays fixed` : `model inputs ${list} are ${what} and stay fixed`;
    if ((view.floatInputs ?? []).length === 0) {
      throw new GateError(
        'robustness.integer-inputs',
        `the robustness gate perturbs float inputs only: ${is}, so there is nothing to perturb: remove gates.robustness for this model, or gate a model that takes float features (e.g. the embeddings)`,
        { where: where(['dataset']), details: { dataset: pol.dataset, gradient: gradientInfo, integer_inputs: fixed.map((f) => f.name) } },
      );
    }
    warnings.push(`the gate perturbs float inputs only: ${is}`);
  }
  const oracle: ClosableOracle = gradient
    ? whiteBoxOracle({ ...setup, gradBatch: gradientInfo.available ? gradientInfo.batch : 1,
      sessionsAtOnce: gradientInfo.available ? gradientInfo.sessions_at_once : 1, gradient, wrt: wrt.ok ? wrt.inputs : [], sessionOptions: derivedOptions })
    : plain;

  // Attack plan.
  const treeEnsemble = hasTreeEnsemble(model.bytes);
  const names = planAttacks(pol.attacks, C, gradient !== null, model.output.kind, treeEnsemble, warnings, bad);
  const attacks: Attack[] = names.map((nm) => {
    if (nm === 'tree') {
      const offsets = wrt.ok ? Object.fromEntries(wrt.inputs.map((w) => [w.name, w.offset])) : undefined;
      try {
        return makeTreeAttack({ splits: treeSplits(model.bytes, D, offsets), queries: pol.queries });
      } catch (e) {
        // Trees that read computed values (e.g. after a scaler) have no thresholds in feature space: under auto,
        // the score-based attack takes over (said in the report); an explicit `tree` stays an error.
        if (pol.attacks !== 'auto' || !(e instanceof GateError) || e.code !== 'robustness.tree-input') throw e;
        const instead = model.output.kind === 'label' ? 'hsja' : 'square';
        warnings.push(`the tree attack cannot run (${e.message}); ${instead} is used instead`);
        return attackFactory(instead)!({ classes: C, queries: pol.queries });
      }
    }
    return attackFactory(nm)!({ classes: C, queries: pol.queries });
  });
  const A = attacks.length;
  const perCall = pointsPerCall(D, budget, gradientInfo.available ? gradientInfo.batch : setup.batch);
  const pw: PointWork = {
    setup: { gradient: gradientInfo, white: gradient !== null, warnings, attacks: attacks.map((a) => ({ name: a.name, method: a.method, parameters: a.parameters })), perCall },
    points: Int32Array.from(points),
    clean,
    state: new Int16Array(E * m).fill(NOT_BROKEN),
    unconfirmed: new Uint8Array(E * A * m),
    conclusive: new Uint8Array(E * A * m),
    certified: new Uint8Array(m),
    pertAbs: new Float64Array(E * m),
    pertRatio: new Float64Array(E * m),
    queries: new Float64Array(E * A),
    oracleQueries: 0,
  };

  const broken = new Uint8Array(m);
  const xAdvAll = x0.slice();
  try {
    for (let e = 0; e < E; e++) {
      const eps = epsList[e];
      const c = constraintsFor(eps);
      const state = pw.state.subarray(e * m, (e + 1) * m);
      // points broken at a smaller epsilon stay broken: their adversarial input lies in this larger ball too
      for (let i = 0; i < m; i++) {
        if (broken[i] && !c.feasible(xAdvAll, i * D, x0, i * D)) broken[i] = 0;
        if (broken[i]) state[i] = CARRIED;
      }
      for (let a = 0; a < A; a++) {
        const atk = attacks[a];
        ctx.checkBudget();
        const active = new Uint8Array(m);
        let nActive = 0;
        for (let i = 0; i < m; i++) if (correct[i] && !broken[i]) { active[i] = 1; nActive++; }
        if (nActive === 0) continue;
        const task = `robustness: ${atk.name} eps=${Number(eps.toPrecision(4))}`;
        const q0 = oracle.queries;
        const sink = ctx.progress;
        sink?.({ phase: 'start', task, unit: 'points', done: 0, total: nActive, broken: 0, queries: 0 });
        const res = await runInChunks(atk, {
          x0, n: m, shape: view.rowShape, labels: y, active, constraints: c, oracle, ids: rows, seed: ctx.seed,
          checkBudget: () => ctx.checkBudget(),
          progress: sink && ((p) => sink({
            phase: 'update', task, unit: 'points', done: p.done, total: nActive, broken: p.broken, queries: oracle.queries - q0, remainingQueries: p.remainingQueries,
          })),
        }, perCall);
        // re-check every claimed success: feasible and misclassified by a plain forward pass
        const claimed = Int32Array.from({ length: m }, (_, i) => i).filter((i) => active[i] && res.success[i]);
        const at = (e * A + a) * m;
        let confirmed = 0;
        if (claimed.length > 0) {
          const xs = new Float32Array(claimed.length * D);
          claimed.forEach((p, k) => xs.set(res.xAdv.subarray(p * D, p * D + D), k * D));
          const z = await plain.logits(xs, claimed);
          claimed.forEach((p, k) => {
            const ok = c.feasible(xs, k * D, x0, p * D) && argmaxRow(z, k * C, C) !== y[p];
            if (ok) {
              broken[p] = 1;
              state[p] = a;
              xAdvAll.set(xs.subarray(k * D, k * D + D), p * D);
              confirmed++;
            } else pw.unconfirmed[at + p] = 1;
          });
        }
        if (atk.method !== 'white-box') {
          const cert = (res as { certified?: Uint8Array }).certified;
          for (let i = 0; i < m; i++) if (active[i] && (!res.progressed || res.progressed[i] || res.success[i] || cert?.[i])) pw.conclusive[at + i] = 1;
          if (early) assertConclusive(atk, res, active);
          if (cert && e === E - 1) for (let i = 0; i < m; i++) if (active[i] && cert[i] && !broken[i]) pw.certified[i] = 1;
        }
        pw.queries[e * A + a] = res.queries;
        // the final line: the points this attack broke, as the re-check confirmed them
        sink?.({ phase: 'end', task, unit: 'points', done: nActive, total: nActive, broken: confirmed, queries: res.queries });
      }
      for (let i = 0; i < m; i++) {
        if (!broken[i]) continue;
        const p = c.perturbation(xAdvAll, i * D, x0, i * D);
        pw.pertAbs[e * m + i] = p.abs;
        pw.pertRatio[e * m + i] = p.ratio;
      }
    }
  } finally {
    await oracle.release();
  }
  pw.oracleQueries = oracle.queries;
  return pw;
}

/** The report of the gate from the per-point work on every sampled point. */
function outcomeOf(
  env: WorkEnv, pw: PointWork, ds: Dataset, sampleMode: 'first' | 'stratified', predicted: boolean, truth: Int32Array | undefined,
): GateOutcome<RobustnessDetails> {
  const { ctx, rows, y, C, epsList, preds, where } = env;
  const pol = ctx.policy;
  const n = rows.length;
  const E = epsList.length;
  const { setup } = pw;
  const A = setup.attacks.length;
  const warnings: string[] = [];
  const correct = new Uint8Array(n);
  let nCorrect = 0;
  for (let i = 0; i < n; i++) {
    const k = pw.clean[i];
    if (k !== preds.predicted[rows[i]]) {
      warnings.push(`the clean prediction of row ${rows[i] + 1} differs from the shared predictions (${k} vs ${preds.predicted[rows[i]]}); the gate's own forward pass is used`);
    }
    correct[i] = k === y[i] ? 1 : 0;
    nCorrect += correct[i];
  }
  warnings.push(...setup.warnings);
  const perEps: EpsilonResult[] = [];
  let blackOnly = 0;
  let certified = 0;
  for (let e = 0; e < E; e++) {
    const eps = epsList[e];
    const state = pw.state.subarray(e * n, (e + 1) * n);
    const reports: AttackReport[] = [];
    let carried = 0;
    for (let i = 0; i < n; i++) if (state[i] === CARRIED) carried++;
    for (let a = 0; a < A; a++) {
      const atk = setup.attacks[a];
      const at = (e * A + a) * n;
      // active: correct and not broken before this attack (carried over, or by an earlier attack at this epsilon)
      let nActive = 0, confirmed = 0, unconfirmed = 0, conclusive = 0;
      for (let i = 0; i < n; i++) {
        if (!correct[i] || state[i] === CARRIED || (state[i] >= 0 && state[i] < a)) continue;
        nActive++;
        if (state[i] === a) confirmed++;
        unconfirmed += pw.unconfirmed[at + i];
        conclusive += pw.conclusive[at + i];
      }
      if (nActive === 0) {
        reports.push({ name: atk.name, method: atk.method, parameters: atk.parameters, queries: 0, points_broken: 0, skipped: 'no points left' });
        continue;
      }
      if (atk.method !== 'white-box') {
        if (conclusive === 0) assertConclusive(atk, { xAdv: new Float32Array(0), success: new Uint8Array(nActive), queries: 0, progressed: new Uint8Array(nActive) }, new Uint8Array(nActive).fill(1));
        if (confirmed > 0 && setup.white) {
          warnings.push(`at epsilon ${eps}, ${atk.name} broke ${confirmed} points that the gradient attacks could not: this can be a sign of gradient masking (AutoAttack's warning); treat white-box numbers with care`);
        }
        if (!setup.white) blackOnly += confirmed;
      }
      const rep: AttackReport = { name: atk.name, method: atk.method, parameters: atk.parameters, queries: pw.queries[e * A + a], points_broken: confirmed };
      if (unconfirmed) rep.unconfirmed = unconfirmed;
      reports.push(rep);
    }
    const res = summarise(eps, n, correct, state, pw.pertAbs.subarray(e * n, (e + 1) * n), pw.pertRatio.subarray(e * n, (e + 1) * n), predicted, truth ? Int32Array.from(rows, (r) => truth[r]) : null, pw.clean, reports);
    res.carried_over = carried;
    perEps.push(res);
  }
  for (let i = 0; i < n; i++) certified += pw.certified[i];

  const last = perEps[perEps.length - 1];
  const bound = 1 + BALL_TOLERANCE;
  for (const r of perEps) {
    if (r.max_perturbation_ratio !== null && !(r.max_perturbation_ratio <= bound)) {
      throw new GateError('robustness.internal', `internal error: an adversarial example exceeds epsilon ${r.epsilon} (ratio ${r.max_perturbation_ratio}); the result is not trustworthy: ${INTERNAL_HINT}`);
    }
  }
  // Every clean point misclassified: nothing was attacked. robust_accuracy (0) is measured; the metrics over
  // attacked points are not, and a threshold on one of them is an error rather than a pass on nothing.
  if (nCorrect === 0) {
    const unmeasured = ['attack_success_rate', 'max_perturbation', 'max_perturbation_ratio'] as const;
    const gated = unmeasured.find((m) => pol.thresholds?.[m] !== undefined);
    const what = `the model misclassifies all ${n} clean points of dataset "${pol.dataset}", so no point was attacked`;
    if (gated) {
      throw new GateError(
        'robustness.nothing-attacked',
        `${what} and gates.robustness.thresholds.${gated} cannot be measured: check the model and the data, or gate on ${predicted ? 'prediction_stability' : 'robust_accuracy'} (0 here)`,
        { where: where(['thresholds', gated]) },
      );
    }
    warnings.push(`${what}: ${predicted ? 'prediction_stability' : 'robust_accuracy'} is 0; ${unmeasured.join(', ').replace(/, (?=[^,]*$)/, ' and ')} are not measured`);
  }
  const metrics: Record<string, unknown> = {
    clean_accuracy: last.clean_accuracy,
    attack_success_rate: last.attack_success_rate,
    max_perturbation: last.max_perturbation,
    max_perturbation_ratio: last.max_perturbation_ratio,
  };
  if (predicted) metrics.prediction_stability = last.prediction_stability;
  else metrics.robust_accuracy = last.robust_accuracy;
  metrics.per_epsilon = perEps.map((r) => ({
    epsilon: r.epsilon,
    clean_accuracy: r.clean_accuracy,
    ...(predicted ? { prediction_stability: r.prediction_stability } : { robust_accuracy: r.robust_accuracy }),
    attack_success_rate: r.attack_success_rate,
    max_perturbation: r.max_perturbation,
    max_perturbation_ratio: r.max_perturbation_ratio,
  }));
  const details: RobustnessDetails = {
    dataset: pol.dataset,
    sample: describeSample(ds, rows, pol.limit, sampleMode),
    points: n,
    clean_correct: nCorrect,
    points_attacked: nCorrect,
    points_per_call: Math.min(setup.perCall, n),
    norm: pol.norm,
    epsilon: epsList.length === 1 ? epsList[0] : epsList,
    epsilon_scale: pol['epsilon-scale'],
    labels: predicted ? 'predicted' : 'true',
    method: setup.white ? 'white-box' : setup.attacks.some((a) => a.method === 'decision-based') ? 'decision-based' : 'score-based',
    gradient: setup.gradient,
    attacks: last.attacks,
    per_epsilon: perEps,
    bound: setup.white && blackOnly === 0 ? 'upper bound (attack-based)' : 'upper bound (black-box attacks)',
    queries: pw.oracleQueries,
  };
  if (certified > 0) details.certified_robust = certified;
  const out: GateOutcome<RobustnessDetails> = { metrics, details, warnings };
  // robust_accuracy at the largest epsilon per sampled row, for the regression gate's paired comparison (the sample
  // depends on the seed and the labels only, so two models' rows are the same)
  if (!predicted) {
    const lastState = pw.state.subarray((E - 1) * n, E * n);
    const robust = Uint8Array.from({ length: n }, (_, i) => (correct[i] && lastState[i] === NOT_BROKEN ? 1 : 0));
    out.paired = { robust_accuracy: { dataset: pol.dataset, rows: Int32Array.from(rows), strata: y, value: (w) => weightedMean(robust, w) } };
  }
  return out;
}

/** The records of a shard's per-point work (src/util/records.ts). */
function encodePointWork(pw: PointWork): Uint8Array {
  const { setup, oracleQueries, ...arrays } = pw;
  return encodeRecords({ meta: { setup, oracleQueries }, arrays });
}

/**
 * The per-point work of every sampled point from the shards' records: the same setup in each, each shard's points
 * exactly the sample points of its rows, together every point once. Anything else is refused (`shard.foreign`).
 */
function mergePointWork(records: Uint8Array[], shardOf: Int32Array, rows: Int32Array, E: number): PointWork {
  const n = rows.length;
  const parts = records.map((b, s) => {
    let r;
    try {
      r = decodeRecords<{ setup: WorkSetup; oracleQueries: number }>(b);
    } catch (e) {
      throw new GateError('shard.corrupt', `shard ${s + 1}'s robustness records cannot be read (${(e as Error).message}): re-run that shard`);
    }
    const { meta, arrays } = r;
    const st = meta?.setup;
    const types: [keyof PointWork, new (n: number) => ArrayLike<number>][] = [['points', Int32Array], ['clean', Int32Array], ['state', Int16Array], ['unconfirmed', Uint8Array], ['conclusive', Uint8Array], ['certified', Uint8Array], ['pertAbs', Float64Array], ['pertRatio', Float64Array], ['queries', Float64Array]];
    const shaped = st && typeof st === 'object' && Array.isArray(st.attacks) && Array.isArray(st.warnings) && typeof st.perCall === 'number' && typeof st.white === 'boolean'
      && st.gradient && typeof meta.oracleQueries === 'number' && types.every(([k, T]) => arrays[k] instanceof T);
    if (!shaped) throw new GateError('shard.corrupt', `shard ${s + 1}'s robustness records are not robustness records (another gate's or version's): re-run that shard`);
    return { meta, a: arrays as unknown as Omit<PointWork, 'setup' | 'oracleQueries'> };
  });
  const setup = parts[0].meta.setup;
  const A = setup.attacks.length;
  const foreign = (s: number, why: string) => new GateError('shard.foreign', `shard ${s + 1}'s robustness records ${why}: re-run every shard on the same commit`);
  const out: PointWork = {
    setup, points: Int32Array.from({ length: n }, (_, i) => i), clean: new Int32Array(n), state: new Int16Array(E * n), unconfirmed: new Uint8Array(E * A * n),
    conclusive: new Uint8Array(E * A * n), certified: new Uint8Array(n), pertAbs: new Float64Array(E * n), pertRatio: new Float64Array(E * n), queries: new Float64Array(E * A), oracleQueries: 0,
  };
  const seen = new Uint8Array(n);
  parts.forEach(({ meta, a }, s) => {
    if (JSON.stringify(meta.setup) !== JSON.stringify(setup)) throw foreign(s, `ran another attack setup than shard 1's (${meta.setup.attacks.map((x) => x.name).join(', ')} vs ${setup.attacks.map((x) => x.name).join(', ')}, or the gradient)`);
    const m = a.points?.length ?? -1;
    const sizes: [string, number][] = [['clean', m], ['state', E * m], ['unconfirmed', E * A * m], ['conclusive', E * A * m], ['certified', m], ['pertAbs', E * m], ['pertRatio', E * m], ['queries', E * A]];
    for (const [k, len] of sizes) if ((a as unknown as Record<string, ArrayLike<number> | undefined>)[k]?.length !== len) throw foreign(s, `have ${k} of another size than ${m} points, ${E} epsilons and ${A} attacks give`);
    const bad = claimPositions(a.points, s + 1, seen, (p) => shardOf[rows[p]]);
    if (bad?.why === 'outside') throw foreign(s, `name sample point ${bad.k}, outside the ${n} points`);
    if (bad?.why === 'other') throw foreign(s, `name dataset row ${rows[bad.k]}, which is shard ${shardOf[rows[bad.k]]}'s`);
    if (bad?.why === 'twice') throw foreign(s, `name sample point ${bad.k} twice`);
    for (let j = 0; j < m; j++) {
      const p = a.points[j];
      out.clean[p] = a.clean[j];
      out.certified[p] = a.certified[j];
      for (let e = 0; e < E; e++) {
        out.state[e * n + p] = a.state[e * m + j];
        out.pertAbs[e * n + p] = a.pertAbs[e * m + j];
        out.pertRatio[e * n + p] = a.pertRatio[e * m + j];
        for (let k = 0; k < A; k++) {
          out.unconfirmed[(e * A + k) * n + p] = a.unconfirmed[(e * A + k) * m + j];
          out.conclusive[(e * A + k) * n + p] = a.conclusive[(e * A + k) * m + j];
        }
      }
    }
    for (let k = 0; k < E * A; k++) out.queries[k] += a.queries[k];
    out.oracleQueries += meta.oracleQueries;
  });
  const gap = seen.indexOf(0);
  if (gap >= 0) throw new GateError('shard.foreign', `no shard's robustness records hold sample point ${gap} (dataset row ${rows[gap]}): re-run every shard on the same commit`);
  return out;
}

/** Σ w_i v_i / Σ w_i (null when every weight is 0). */
function weightedMean(v: Uint8Array, w: Uint32Array): number | null {
  let num = 0, den = 0;
  for (let i = 0; i < v.length; i++) { num += w[i] * v[i]; den += w[i]; }
  return den > 0 ? num / den : null;
}

function summarise(
  eps: number, n: number, correct: Uint8Array, state: Int16Array, pertAbs: Float64Array, pertRatio: Float64Array, predicted: boolean,
  truth: Int32Array | null, clean: Int32Array, attacks: AttackReport[],
): EpsilonResult {
  let nc = 0, nb = 0, robust = 0, maxAbs = 0, maxRatio = 0, cleanTrue = 0, nTrue = 0;
  for (let i = 0; i < n; i++) {
    const broken = state[i] !== NOT_BROKEN;
    if (correct[i]) nc++;
    if (correct[i] && broken) nb++;
    if (correct[i] && !broken) robust++;
    if (broken) {
      maxAbs = Math.max(maxAbs, pertAbs[i]);
      maxRatio = Math.max(maxRatio, pertRatio[i]);
    }
    if (truth && truth[i] >= 0) {
      nTrue++;
      if (clean[i] === truth[i]) cleanTrue++;
    }
  }
  return {
    epsilon: eps,
    clean_accuracy: predicted ? (nTrue > 0 ? cleanTrue / nTrue : null) : nc / n,
    robust_accuracy: predicted ? null : robust / n,
    prediction_stability: predicted ? robust / n : null,
    attack_success_rate: nc > 0 ? nb / nc : null,
    max_perturbation: nc > 0 ? maxAbs : null,
    max_perturbation_ratio: nc > 0 ? maxRatio : null,
    points_broken: nb,
    attacks,
  };
}

function planAttacks(
  spec: RobustnessGatePolicy['attacks'], C: number, white: boolean, kind: 'logits' | 'probabilities' | 'label', treeEnsemble: boolean,
  warnings: string[], bad: (path: (string | number)[], msg: string) => never,
): string[] {
  if (spec === 'auto' || spec === undefined) {
    if (!white) return [autoBlackbox({ treeEnsemble, outputKind: kind })];
    // AutoAttack's order: APGD-CE, APGD-T (or DLR / margin by class count), Square on the survivors. With ≥ 4
    // classes an untargeted APGD-DLR pass follows APGD-T (a component of AutoAttack's "plus" version): about 1/9
    // of APGD-T's cost, and it breaks points that one random start of APGD-T misses (mnist-8 linf 0.1: one more
    // point of 200), which keeps `auto` at or below the AutoAttack-standard reference instead of at its edge.
    const out = C >= 4 ? ['apgd-ce', 'apgd-t', 'apgd-dlr'] : ['apgd-ce', C === 3 ? 'apgd-dlr' : 'apgd-margin'];
    if (attackFactory('square')) out.push('square');
    else warnings.push('the black-box Square attack is not available in this build; attacks: auto ran the gradient attacks only');
    return out;
  }
  const out: string[] = [];
  spec.forEach((name, k) => {
    if (name !== 'tree' && !attackFactory(name)) bad(['attacks', k], `attack "${name}" is not available in this build`);
    if (name === 'square' && kind === 'label') bad(['attacks', k], 'square needs scores but the model outputs only labels: use hsja, or expose a scores output (model.output)');
    if (GRADIENT_ATTACKS.has(name) && !white) {
      warnings.push(`${name} needs the model's gradient, which is not available (see details.gradient); skipped`);
      return;
    }
    const min = MIN_CLASSES[name];
    if (min && C < min) bad(['attacks', k], `${name} needs at least ${min} classes; the model has ${C} (use apgd-ce, apgd-margin or apgd-dlr)`);
    out.push(name);
  });
  if (out.length === 0) bad(['attacks'], 'no listed attack can run on this model (the gradient is not available): add a black-box attack such as square');
  return out;
}

/** The float model inputs fed from the feature space, or why the gradient cannot be mapped back. */
function floatInputs(view: RobustnessFeatureView, x0: Float32Array, rows: Int32Array):
  { ok: true; inputs: { name: string; offset: number; width: number }[] } | { ok: false; reason: string } {
  if (view.floatInputs) return { ok: true, inputs: view.floatInputs.map((f) => ({ name: f.name, offset: f.offset, width: f.width })) };
  const feeds = view.feeds(x0.subarray(0, view.dim), rows.subarray(0, 1));
  const names = Object.keys(feeds);
  const floats = names.filter((k) => feeds[k].type === 'float32' || feeds[k].type === 'float64');
  if (floats.length === 1 && feeds[floats[0]].size === view.dim) return { ok: true, inputs: [{ name: floats[0], offset: 0, width: view.dim }] };
  return { ok: false, reason: `cannot map the gradient of the model inputs (${names.join(', ')}) back to the ${view.dim} features` };
}

function tile(x0: Float32Array, D: number, m: number): Float32Array {
  const out = new Float32Array(m * D);
  for (let i = 0; i < m; i++) out.set(x0.subarray(0, D), i * D);
  return out;
}

/** Population standard deviation of each feature over all rows of the dataset. */
/**
 * An empty perturbation space (every feature immutable, or every mutable one with epsilon 0 and no one-hot group
 * that may change) attacks nothing: robust accuracy would equal clean accuracy unmeasured. An error instead.
 */
function assertSomethingToPerturb(
  D: number, mutable: Uint8Array, groups: Int32Array[], std: Float64Array | null, maxCategorical: number, dataset: string,
  fail: (msg: string) => never,
): void {
  const inGroup = new Uint8Array(D);
  for (const g of groups) for (const j of g) inGroup[j] = 1;
  let nMutable = 0, ball = 0, zeroStd = 0, fixedHot = 0;
  for (let j = 0; j < D; j++) {
    if (!mutable[j]) continue;
    nMutable++;
    if (inGroup[j]) continue;
    if (std && !(std[j] > 0)) zeroStd++;
    else ball++;
  }
  const categorical = maxCategorical >= 1 && groups.some((g) => g.reduce((k, j) => k + mutable[j], 0) >= 2);
  if (ball > 0 || categorical) return;
  for (let j = 0; j < D; j++) if (mutable[j] && inGroup[j]) fixedHot++;
  const head = `no feature of dataset "${dataset}" can be perturbed`;
  const tail = 'so no point would be attacked: leave some features out of gates.robustness.immutable';
  if (nMutable === 0) fail(`${head} (all ${D} features are immutable or not perturbable), ${tail}, or remove the gate`);
  const one = nMutable === 1;
  const why: string[] = [];
  if (zeroStd) why.push(one ? 'its epsilon is 0 because its standard deviation on the dataset is 0 (epsilon-scale: std)' : `${zeroStd} have epsilon 0 because their standard deviation on the dataset is 0 (epsilon-scale: std)`);
  if (fixedHot) why.push(one ? `it is a one-hot column that may not change (max-categorical-changes ${maxCategorical})` : `${fixedHot} are one-hot columns that may not change (max-categorical-changes ${maxCategorical})`);
  const fixes = [zeroStd ? 'use epsilon-scale: absolute' : '', fixedHot ? 'raise max-categorical-changes' : ''].filter(Boolean);
  fail(`${head} (${nMutable} of ${D} features ${one ? 'is' : 'are'} mutable, and ${why.join(' and ')}), ${tail}${fixes.map((f) => `, or ${f}`).join('')}`);
}

/** Population standard deviation of each mutable feature over every row (immutable ones: 0); NaN when values are missing. */
function featureStd(view: RobustnessFeatureView, nRows: number, mutable: Uint8Array): Float64Array {
  const D = view.dim;
  const all = view.features(Int32Array.from({ length: nRows }, (_, i) => i));
  const mean = new Float64Array(D), sq = new Float64Array(D);
  for (let r = 0; r < nRows; r++) for (let j = 0; j < D; j++) mean[j] += all[r * D + j];
  for (let j = 0; j < D; j++) mean[j] /= nRows;
  for (let r = 0; r < nRows; r++) for (let j = 0; j < D; j++) sq[j] += (all[r * D + j] - mean[j]) ** 2;
  return Float64Array.from(sq, (s, j) => (mutable[j] ? Math.sqrt(s / nRows) : 0));
}

export type { Predictions };

/**
 * For sessions built from graphs derived from the model (shape probe, gradient model): the forward session's threads
 * and the model's verified external data (a derived graph still references it). oracle.ts adds the shared settings.
 */
function derivedSessionOptions(model: RobustnessModel): ort.InferenceSession.SessionOptions {
  return { intraOpNumThreads: model.threads, interOpNumThreads: 1, ...(model.externalData?.length ? { externalData: model.externalData } : {}) };
}
