/**
 * The memorisation gate (docs/design.md §4 `gates.memorisation`, §5 Memorisation): how well can an attacker tell training
 * records (members) from held-out records (non-members) using the model's outputs?
 *
 * Attacks:
 * - always the reference-free score named by `score` (loss | confidence | entropy | logit-scaled), scores.ts;
 * - with `reference-models` (+ `population`): offline LiRA (lira.ts) and offline RMIA (rmia.ts), which need the
 *   engine's `ctx.referenceModels` runner (reference.ts).
 * Headline metrics = the worst case for the model over the attacks that ran (max of auc, advantage, each TPR);
 * `details.worst_case` names the attack behind each. Intervals: seeded stratified bootstrap (bootstrap.ts).
 */
import { GateError } from '../../errors.ts';
import type { Check } from '../../types/report-parts.ts';
import type { GateOn, Threshold } from '../thresholds.ts';
import type { GateContext, GateDefinition, GateOutcome, PairedMetric, Predictions } from '../types.ts';
import { bootstrapParallel, type Interval } from './bootstrap.ts';
import { countShared, countSharedAny, rowKeys } from './leakage.ts';
import { liraOffline } from './lira.ts';
import { getReferenceRunner } from './reference.ts';
import { rmiaOffline } from './rmia.ts';
import { ATTACK_METRICS, FPR_BOUNDS, sortScores, sweepMetrics, type AttackMetrics } from './roc.ts';
import type { SortedScores } from '../../stats/roc.ts';
import { MEMORISATION_METRICS, type MemorisationGatePolicy } from './policy.ts';
import { allScores, PROB_EPS, SCORE_KINDS, type AllScores, type ScoreKind } from './scores.ts';

export type { ReferenceRunner } from './reference.ts';

export interface MemorisationPolicy {
  members: string;
  'non-members': string;
  score?: ScoreKind;
  'reference-models'?: { path: string; sha256: string }[];
  population?: string;
  'max-duplicates'?: number;
  'gate-on'?: GateOn;
  bootstrap?: number;
  thresholds?: Record<string, Threshold>;
}

export { MEMORISATION_METRICS };
export type { MemorisationGatePolicy };

export const DEFAULT_BOOTSTRAP = 1000;

/** One membership-inference attack in `details.attacks`: what it is (kind, score or method, ...), its metrics, its intervals. */
export type MembershipAttackDetails = {
  kind: 'reference-free' | 'reference-model';
  [info: string]: unknown;
  metrics: AttackMetrics;
  ci?: unknown;
};

/** `details` of the memorisation gate's result (gates/README.md). */
export type MemorisationDetails = {
  reference_models: { path: string; sha256: string }[];
  /** With reference models: the population dataset. */
  population?: { dataset: string; rows: number };
  /** Without reference models: what that means for the result. */
  note?: string;
  /** By attack name (the reference-free score first, then lira-offline and rmia-offline with reference models). */
  attacks: Record<string, MembershipAttackDetails>;
  /** Which attack gave each worst-case metric. */
  worst_case: Record<string, string>;
  score: ScoreKind;
  bootstrap: { resamples: number; method: string; seed_label: string };
  duplicates: Record<string, unknown>;
  tpr_notes?: string[];
};

export const memorisationGate: GateDefinition<MemorisationGatePolicy, MemorisationDetails, 'memorisation'> = {
  name: 'memorisation',
  metrics: MEMORISATION_METRICS,
  checkKeys: ['max-duplicates'],
  run: runMemorisation,
};

type AttackName = string;

interface AttackData {
  name: AttackName;
  member: Float64Array;
  nonMember: Float64Array;
  info: { kind: MembershipAttackDetails['kind']; [k: string]: unknown };
}

export async function runMemorisation(ctx: GateContext<MemorisationPolicy>): Promise<GateOutcome<MemorisationDetails>> {
  const p = ctx.policy;
  const where = (path: (string | number)[]) => {
    const pos = ctx.position(['gates', 'memorisation', ...path]);
    return pos ? { file: pos.file, line: pos.line, col: pos.col } : undefined;
  };
  const score: ScoreKind = p.score ?? 'loss';
  if (!SCORE_KINDS.includes(score)) {
    throw new GateError('memorisation.policy', `unknown score '${String(score)}'; use one of ${SCORE_KINDS.join(', ')}`, { where: where(['score']) });
  }
  const resamples = p.bootstrap ?? DEFAULT_BOOTSTRAP;
  if (!Number.isInteger(resamples) || resamples < 0) {
    throw new GateError('memorisation.policy', `bootstrap must be a whole number ≥ 0, got ${String(resamples)}`, { where: where(['bootstrap']) });
  }
  const refModels = p['reference-models'] ?? [];
  if (refModels.length > 0 && !p.population) {
    throw new GateError('memorisation.policy',
      'memorisation: reference-models are listed but no population dataset; RMIA compares each record against population records: add population: <dataset> (records that are not members)',
      { where: where(['reference-models']) });
  }
  if (p.population && (p.population === p.members)) {
    throw new GateError('memorisation.policy', `population '${p.population}' is the members dataset; the population must be records that are not members`, { where: where(['population']) });
  }
  if (p.members === p['non-members']) {
    throw new GateError('memorisation.policy', `members and non-members are the same dataset '${p.members}'`, { where: where(['non-members']) });
  }

  const warnings: string[] = [];
  const membersPred = await ctx.predictions(p.members);
  const nonPred = await ctx.predictions(p['non-members']);
  if (membersPred.classes !== nonPred.classes) {
    throw new GateError('memorisation.shape', `the model gives ${membersPred.classes} classes on '${p.members}' but ${nonPred.classes} on '${p['non-members']}'`);
  }
  const mAll = allScores(membersPred, p.members);
  const nAll = allScores(nonPred, p['non-members']);
  const clamps: Clamps = new Map();
  noteClamps(clamps, 'the model', membersPred, mAll, p.members);
  noteClamps(clamps, 'the model', nonPred, nAll, p['non-members']);
  const P = membersPred.rows, N = nonPred.rows;

  // Gating a TPR at FPR b needs at least 1/b non-members: otherwise it is the TPR at zero false positives.
  for (const b of FPR_BOUNDS) {
    const metric = `tpr_at_fpr_${b}`;
    const need = Math.round(1 / b);
    if (p.thresholds && metric in p.thresholds && N < need) {
      throw new GateError('memorisation.too-few-non-members',
        `a threshold on ${metric} needs at least ${need} non-members, '${p['non-members']}' has ${N}; below that it is the TPR at zero false positives and would pass unmeasured: add non-members or remove that threshold`,
        { where: where(['thresholds', metric]) });
    }
  }

  const attacks: AttackData[] = [{
    name: score,
    member: pickScore(mAll, score),
    nonMember: pickScore(nAll, score),
    info: { kind: 'reference-free', score, source: membersPred.kind },
  }];

  let refDetails: Pick<MemorisationDetails, 'reference_models' | 'population' | 'note'>;
  if (refModels.length > 0) {
    const popName = p.population as string;
    const runner = getReferenceRunner(ctx);
    const popPred = await ctx.predictions(popName);
    const zAll = allScores(popPred, popName);
    noteClamps(clamps, 'the model', popPred, zAll, popName);
    const refM: AllScores[] = [], refN: AllScores[] = [], refZ: AllScores[] = [];
    for (let k = 0; k < refModels.length; k++) {
      const ref = refModels[k];
      const label = `reference model ${ref.path}`;
      const got: AllScores[] = [];
      for (const [ds, target] of [[p.members, membersPred], [p['non-members'], nonPred], [popName, popPred]] as const) {
        ctx.checkBudget();
        const rp = await runner.predictions(ref.path, ref.sha256, ds);
        if (rp.rows !== target.rows || rp.classes !== target.classes) {
          throw new GateError('memorisation.reference-shape',
            `${label} gives ${rp.rows} rows × ${rp.classes} classes on '${ds}', the model ${target.rows} × ${target.classes}; reference models must solve the same task with the same classes`,
            { where: where(['reference-models', k, 'path']) });
        }
        const s = allScores(rp, `${ds}' (${label})`);
        noteClamps(clamps, 'reference models', rp, s, ds);
        got.push(s);
      }
      refM.push(got[0]); refN.push(got[1]); refZ.push(got[2]);
    }
    // LiRA: logit-scaled confidences, members and non-members scored together (the global variance pools both).
    const lira = liraOffline(concat(mAll.logitScaled, nAll.logitScaled), refM.map((r, k) => concat(r.logitScaled, refN[k].logitScaled)));
    attacks.push({
      name: 'lira', member: lira.scores.subarray(0, P), nonMember: lira.scores.subarray(P),
      info: { kind: 'reference-model', method: 'offline LiRA (Carlini et al. 2022), one-sided Gaussian test on logit-scaled confidence; score = (φ − μ_out)/σ_out', variance: lira.variance, sigma: lira.sigma, reference_models: refModels.length },
    });
    const rmia = rmiaOffline({
      targetX: concat(mAll.loss, nAll.loss),
      refsX: refM.map((r, k) => concat(r.loss, refN[k].loss)),
      targetZ: zAll.loss,
      refsZ: refZ.map((r) => r.loss),
    });
    attacks.push({
      name: 'rmia', member: rmia.scores.subarray(0, P), nonMember: rmia.scores.subarray(P),
      info: { kind: 'reference-model', method: 'offline RMIA (Zarifzadeh et al. 2024): fraction of population records z with LR(x)/LR(z) ≥ γ', a: rmia.a, gamma: rmia.gamma, population: rmia.population, reference_models: refModels.length },
    });
    refDetails = { reference_models: refModels.map((r) => ({ path: r.path, sha256: r.sha256 })), population: { dataset: popName, rows: popPred.rows } };
  } else {
    refDetails = { reference_models: [], note: `no reference-models in the policy: only the reference-free '${score}' score was used (reference-model attacks such as LiRA and RMIA are usually stronger, so this is a lower bound on the leakage)` };
  }

  for (const [who, c] of clamps) {
    warnings.push(`${who} give${who === 'the model' ? 's' : ''} probabilities, not logits, on ${[...c.datasets].map((d) => `'${d}'`).join(', ')}; probabilities were clamped to [${PROB_EPS}, 1] before taking logs (${c.values} value(s) clamped), so very confident records may tie and the attack may look weaker: expose the logits (model.output) for exact scores`);
  }

  // Point metrics per attack and the worst case over attacks.
  const sorted: Record<string, SortedScores> = {};
  const perAttack: Record<string, AttackMetrics> = {};
  for (const a of attacks) {
    sorted[a.name] = sortScores(a.member, a.nonMember, a.name);
    perAttack[a.name] = sweepMetrics(sorted[a.name]);
  }
  const worst = {} as AttackMetrics;
  const worstBy: Record<string, string> = {};
  for (const m of ATTACK_METRICS) {
    let best = -Infinity, by = '';
    for (const a of attacks) if (perAttack[a.name][m] > best) { best = perAttack[a.name][m]; by = a.name; }
    worst[m] = best; worstBy[m] = by;
  }
  const trainAcc = mean(mAll.correct), holdAcc = mean(nAll.correct);

  // Leakage: exact duplicates.
  const dup = duplicates(ctx, p);

  const metrics: Record<string, unknown> = {
    ...worst,
    train_accuracy: trainAcc,
    holdout_accuracy: holdAcc,
    generalization_gap: trainAcc - holdAcc,
    members: P,
    non_members: N,
    duplicates: dup.total,
  };

  let ci: Record<string, Interval> | undefined;
  const bootAttacks: Record<string, unknown> = {};
  if (resamples > 0) {
    const bs = await bootstrapParallel({
      attacks: sorted, memberCorrect: mAll.correct, nonMemberCorrect: nAll.correct, resamples, seed: ctx.seed,
      onProgress: () => ctx.checkBudget(),
      progress: ctx.progress,
    });
    ci = { ...bs.worst, ...bs.accuracy };
    for (const a of attacks) bootAttacks[a.name] = bs.attacks[a.name];
  }
  const details: MemorisationDetails = {
    ...refDetails,
    attacks: Object.fromEntries(attacks.map((a) => [a.name, { ...a.info, metrics: perAttack[a.name], ...(ci ? { ci: bootAttacks[a.name] } : {}) }])),
    worst_case: worstBy,
    score,
    bootstrap: { resamples, method: 'stratified (members and non-members resampled separately), multinomial counts over pre-sorted scores; 95% percentile interval, linear interpolation', seed_label: 'memorisation/bootstrap#0, memorisation/bootstrap#1 (two fixed halves of the resamples)' },
    duplicates: dup.details,
  };
  const notes: string[] = [];
  for (const b of FPR_BOUNDS) {
    if (N < Math.round(1 / b)) notes.push(`tpr_at_fpr_${b} is the TPR at zero false positives: only ${N} non-members (< ${Math.round(1 / b)}); it cannot be gated on`);
  }
  if (notes.length) details.tpr_notes = notes;

  const extraChecks: Check[] = [];
  if (p['max-duplicates'] !== undefined) {
    const max = p['max-duplicates'];
    const pos = ctx.position(['gates', 'memorisation', 'max-duplicates']);
    const value = dup.total;
    const pass = value <= max;
    const check: Check = { metric: 'duplicates', max, value, pass };
    if (!pass) {
      check.message = `memorisation.duplicates ${value} > max ${max}: ${value} member record(s) also appear among the non-members${p.population ? ' or the population' : ''}; remove them from the evaluation data`;
    }
    if (pos) Object.assign(check, { file: pos.file, line: pos.line, col: pos.col });
    extraChecks.push(check);
  }

  // The worst-case auc with record weights (members first, then non-members), for the regression gate's paired
  // comparison: the records are the datasets' rows, whatever the model.
  const strata = new Int32Array(P + N).fill(1, P);
  const paired: PairedMetric = {
    dataset: `${p.members} + ${p['non-members']}`,
    rows: Int32Array.from({ length: P + N }, (_, i) => i),
    strata,
    value: (w) => Math.max(...attacks.map((a) => sweepMetrics(sorted[a.name], w).auc)),
  };
  return { metrics, ...(ci ? { ci } : {}), details, warnings, extraChecks, paired: { auc: paired } };
}

function pickScore(s: AllScores, kind: ScoreKind): Float64Array {
  return kind === 'loss' ? s.loss : kind === 'confidence' ? s.confidence : kind === 'entropy' ? s.negMentr : s.logitScaled;
}

type Clamps = Map<string, { datasets: Set<string>; values: number }>;

function noteClamps(clamps: Clamps, who: string, pred: Predictions, s: AllScores, ds: string): void {
  if (pred.kind !== 'probabilities') return;
  const c = clamps.get(who) ?? { datasets: new Set<string>(), values: 0 };
  c.datasets.add(ds);
  c.values += s.clamped;
  clamps.set(who, c);
}

function concat(a: Float64Array, b: Float64Array): Float64Array {
  const o = new Float64Array(a.length + b.length);
  o.set(a, 0); o.set(b, a.length);
  return o;
}

function mean(c: Uint8Array): number {
  let s = 0;
  for (let i = 0; i < c.length; i++) s += c[i];
  return s / c.length;
}

function duplicates(ctx: GateContext<MemorisationPolicy>, p: MemorisationPolicy): { total: number; details: Record<string, unknown> } {
  const mk = rowKeys(ctx.dataset(p.members));
  const nk = rowKeys(ctx.dataset(p['non-members']));
  const pk = p.population ? rowKeys(ctx.dataset(p.population)) : null;
  const d: Record<string, unknown> = {
    method: 'exact match of all feature values and the label; duplicates = members that also occur among the non-members or the population',
    members_in_non_members: countShared(mk, nk),
    ...(pk ? { members_in_population: countShared(mk, pk), population: p.population } : {}),
    repeated_within_members: mk.length - new Set(mk).size,
  };
  return { total: countSharedAny(mk, pk ? [nk, pk] : [nk]), details: d };
}
