import type { PolicyLoosening } from '../types/report-parts.ts';
import { pinHex } from '../util/hash.ts';
import { DEFAULT_THRESHOLDS } from '../stats/drift.ts';
import { LIBRARY_METHOD, P_VALUE_METHODS } from '../gates/drift/compute.ts';
import { featureThreshold, type DriftGatePolicy, type DriftPolicyMethod } from '../gates/drift/policy.ts';
import {
  formatPath,
  type DatasetPolicy,
  type GateOn,
  type KeylessPolicy,
  type Policy,
  type PolicyPath,
  type PositionOf,
  type SignaturePolicy,
  type Threshold,
} from './types.ts';
import type { RegressionGatePolicy, RegressionThreshold } from '../gates/regression/policy.ts';

/**
 * Compares the head's policy with the base's (both as returned by `parsePolicy`, defaults applied) and lists
 * EVERY change that is not provably stricter (docs/design.md §9), with the head line of the changed key (or of
 * its closest ancestor that the head still has). Fail safe: a change that is not recognised as stricter by a
 * rule below, including a key no rule knows about, counts as a loosening.
 *
 * Stricter (not listed): a threshold added or tightened (min raised, max lowered, a missing side added); a gate,
 * dataset pin or signature constraint added; epsilon raised; `limit` raised or removed (all rows); attacks a
 * superset of the base's; queries or bootstrap raised; labels predicted -> true; gate-on toward conservative;
 * min-group-size lowered; max-duplicates lowered or added; keyless identities a subset of the base's (or all
 * matched by the base's identity-regex); certificate roots and ignore-paths a subset; format auto -> explicit;
 * `required` false -> true; a claim added or its tolerance lowered; on-mismatch warn -> fail; drift features or
 * must-not-drift entries added, a drift p-value threshold raised or a distance threshold lowered (see `drift`);
 * regression: a dataset added, max-drop / max-rise lowered (any change of its baseline pin is a loosening).
 * Everything else that differs is listed, e.g. the threat-model constraints (bounds, immutable, integer,
 * one-hot, max-categorical-changes, epsilon-scale) in either direction, score, dataset paths, exclusions,
 * transforms, reference models, the seed, model inputs and outputs.
 */
export function compareStrictness(base: Policy, head: Policy, headPositionOf: PositionOf): PolicyLoosening[] {
  const out: PolicyLoosening[] = [];
  const lineOf = (path: PolicyPath): number | undefined => {
    for (let n = path.length; n >= 0; n--) {
      const p = headPositionOf(path.slice(0, n));
      if (p) return p.line;
    }
    return undefined;
  };
  const flag = (path: PolicyPath, from: unknown, to: unknown, reason: string): void => {
    const l: PolicyLoosening = { path: formatPath(path), from: from === undefined ? null : from, to: to === undefined ? null : to, reason };
    const line = lineOf(path);
    if (line !== undefined) l.line = line;
    out.push(l);
  };
  /** Any difference at `path` is a loosening. */
  const same = (path: PolicyPath, b: unknown, h: unknown, reason: string): void => {
    if (!deepEqual(b, h)) flag(path, b, h, reason);
  };
  /** Keys of b/h not handled by a specific rule: any difference is a loosening (fail safe). */
  const rest = (path: PolicyPath, b: object | undefined, h: object | undefined, handled: string[]): void => {
    const bo = (b ?? {}) as Record<string, unknown>;
    const ho = (h ?? {}) as Record<string, unknown>;
    for (const k of new Set([...Object.keys(bo), ...Object.keys(ho)])) {
      if (handled.includes(k)) continue;
      same([...path, k], bo[k], ho[k], 'changed: not provably stricter');
    }
  };

  // ---- top level -------------------------------------------------------------------------------------------------
  same(['seed'], base.seed, head.seed, 'seed changed: every random choice changes, and a pull request must not shop for a lucky seed');
  // budget-minutes: running out of budget is an error (never a pass) and no evaluation depends on the budget, so
  // raising or lowering it cannot make a model pass that would otherwise fail. memory-budget-mb only sets how many
  // rows share one gradient run (each row's gradient is computed on its own; test/robustness/memory-budget.test.ts).
  rest([], base, head, ['version', 'seed', 'budget-minutes', 'memory-budget-mb', 'model', 'signature', 'datasets', 'gates']);

  // ---- model -------------------------------------------------------------------------------------------------------
  same(['model', 'path'], base.model.path, head.model.path, 'the gate would evaluate a different model file');
  if (base.model.card !== undefined) same(['model', 'card'], base.model.card, head.model.card, head.model.card === undefined ? 'model card removed: its claims are no longer compared' : 'the claims would be read from a different model card');
  same(['model', 'inputs'], base.model.inputs, head.model.inputs, 'how data feeds the model changed: not provably stricter');
  same(['model', 'output'], base.model.output, head.model.output, 'which output is read, or how it is interpreted, changed: not provably stricter');
  rest(['model'], base.model, head.model, ['path', 'card', 'inputs', 'output']);

  // ---- signature -----------------------------------------------------------------------------------------------------
  signature(base.signature, head.signature, flag, same, rest);

  // ---- datasets ----------------------------------------------------------------------------------------------------------
  for (const [name, b] of Object.entries(base.datasets)) {
    const h = head.datasets[name];
    const path = ['datasets', name];
    if (!h) {
      flag(path, b, undefined, 'dataset removed');
      continue;
    }
    dataset(path, b, h, flag, same, rest);
  }

  // ---- gates ---------------------------------------------------------------------------------------------------------------
  const bg = base.gates, hg = head.gates;
  for (const g of Object.keys(bg) as (keyof typeof bg)[]) {
    if (bg[g] !== undefined && hg[g] === undefined) flag(['gates', g], bg[g], undefined, `gate ${g} removed`);
  }
  const thresholds = (gate: string, b: Record<string, Threshold | undefined> | undefined, h: Record<string, Threshold | undefined> | undefined): void => {
    for (const [metric, bt] of Object.entries(b ?? {})) {
      if (!bt) continue;
      const path = ['gates', gate, 'thresholds', metric];
      const ht = h?.[metric];
      if (!ht) {
        flag(path, bt, undefined, `threshold on ${metric} removed`);
        continue;
      }
      if (bt.min !== undefined) {
        if (ht.min === undefined) flag([...path, 'min'], bt.min, undefined, `min of ${metric} removed`);
        else if (ht.min < bt.min) flag([...path, 'min'], bt.min, ht.min, `min of ${metric} lowered`);
      }
      if (bt.max !== undefined) {
        if (ht.max === undefined) flag([...path, 'max'], bt.max, undefined, `max of ${metric} removed`);
        else if (ht.max > bt.max) flag([...path, 'max'], bt.max, ht.max, `max of ${metric} raised`);
      }
      rest(path, bt, ht, ['min', 'max']);
    }
  };
  const gateOn = (gate: string, b: GateOn, h: GateOn): void => {
    const rank: Record<GateOn, number> = { lenient: 0, point: 1, conservative: 2 };
    if (rank[h] < rank[b]) flag(['gates', gate, 'gate-on'], b, h, `gate-on ${b} -> ${h} compares thresholds with a value better for the model`);
  };
  const notLower = (path: PolicyPath, b: number, h: number, what: string): void => {
    if (h < b) flag(path, b, h, `${what} lowered`);
  };
  /** A `limit` (absent: all rows) added or lowered: fewer rows are used. */
  const fewer = (path: PolicyPath, bl: number | undefined, hl: number | undefined, what: string, all = 'all'): void => {
    if (hl !== undefined && (bl === undefined || hl < bl)) flag(path, bl, hl, bl === undefined ? `limit added: fewer ${what} than ${all}` : `limit lowered: fewer ${what}`);
  };

  if (bg.accuracy && hg.accuracy) {
    const b = bg.accuracy, h = hg.accuracy;
    same(['gates', 'accuracy', 'dataset'], b.dataset, h.dataset, 'evaluated on a different dataset');
    thresholds('accuracy', b.thresholds, h.thresholds);
    rest(['gates', 'accuracy'], b, h, ['dataset', 'thresholds']);
  }

  if (bg.robustness && hg.robustness) {
    const b = bg.robustness, h = hg.robustness;
    const p = (k: string): PolicyPath => ['gates', 'robustness', k];
    same(p('dataset'), b.dataset, h.dataset, 'evaluated on a different dataset');
    fewer(p('limit'), b.limit, h.limit, 'points are attacked', 'all rows');
    same(p('norm'), b.norm, h.norm, 'norm changed: a different threat model, not provably stricter');
    const be = Array.isArray(b.epsilon) ? b.epsilon : [b.epsilon];
    const he = Array.isArray(h.epsilon) ? h.epsilon : [h.epsilon];
    if (Math.max(...he) < Math.max(...be)) {
      flag(p('epsilon'), b.epsilon, h.epsilon, 'epsilon lowered (thresholds apply at the largest)');
    } else if (be.length > 1 && be.some((e) => !he.includes(e))) {
      flag(p('epsilon'), b.epsilon, h.epsilon, `epsilon ${be.filter((e) => !he.includes(e)).join(', ')} removed from the list`);
    }
    same(p('epsilon-scale'), b['epsilon-scale'], h['epsilon-scale'], 'epsilon-scale changed: epsilon means a different radius');
    same(p('bounds'), b.bounds, h.bounds, 'bounds changed: the valid input domain changed, not provably stricter');
    setChange(p('immutable'), b.immutable, h.immutable, 'immutable', flag);
    setChange(p('integer'), b.integer, h.integer, 'integer', flag);
    same(p('one-hot'), canonGroups(b['one-hot']), canonGroups(h['one-hot']), 'one-hot groups changed: the valid input domain changed, not provably stricter');
    same(p('max-categorical-changes'), b['max-categorical-changes'], h['max-categorical-changes'], 'max-categorical-changes changed: the valid input domain changed, not provably stricter');
    if (b.attacks !== h.attacks) {
      if (b.attacks === 'auto' || h.attacks === 'auto') {
        if (!deepEqual(b.attacks, h.attacks)) flag(p('attacks'), b.attacks, h.attacks, b.attacks === 'auto' ? 'attacks auto replaced by a list: not provably as strong' : 'attack list replaced by auto: not provably a superset');
      } else {
        const dropped = b.attacks.filter((a) => !h.attacks.includes(a as never));
        if (dropped.length) flag(p('attacks'), b.attacks, h.attacks, `attack${dropped.length > 1 ? 's' : ''} ${dropped.join(', ')} removed`);
      }
    }
    notLower(p('queries'), b.queries, h.queries, 'queries per point');
    if (b.labels === true && h.labels === 'predicted') flag(p('labels'), b.labels, h.labels, 'labels true -> predicted: clean errors no longer count against the model');
    thresholds('robustness', b.thresholds, h.thresholds);
    rest(['gates', 'robustness'], b, h, ['dataset', 'limit', 'norm', 'epsilon', 'epsilon-scale', 'bounds', 'immutable', 'integer', 'one-hot', 'max-categorical-changes', 'attacks', 'queries', 'labels', 'thresholds']);
  }

  if (bg.memorisation && hg.memorisation) {
    const b = bg.memorisation, h = hg.memorisation;
    const p = (k: string): PolicyPath => ['gates', 'memorisation', k];
    same(p('members'), b.members, h.members, 'members dataset changed');
    same(p('non-members'), b['non-members'], h['non-members'], 'non-members dataset changed');
    same(p('population'), b.population, h.population, 'population dataset changed');
    same(p('score'), b.score, h.score, 'membership score changed: not provably stricter');
    same(p('reference-models'), b['reference-models'], h['reference-models'], 'reference models changed: not provably stricter');
    if (b['max-duplicates'] !== undefined && (h['max-duplicates'] === undefined || h['max-duplicates'] > b['max-duplicates'])) {
      flag(p('max-duplicates'), b['max-duplicates'], h['max-duplicates'], h['max-duplicates'] === undefined ? 'max-duplicates removed: duplicates are only reported' : 'max-duplicates raised');
    }
    gateOn('memorisation', b['gate-on'], h['gate-on']);
    notLower(p('bootstrap'), b.bootstrap, h.bootstrap, 'bootstrap resamples');
    thresholds('memorisation', b.thresholds, h.thresholds);
    rest(['gates', 'memorisation'], b, h, ['members', 'non-members', 'population', 'score', 'reference-models', 'max-duplicates', 'gate-on', 'bootstrap', 'thresholds']);
  }

  if (bg.fairness && hg.fairness) {
    const b = bg.fairness, h = hg.fairness;
    const p = (k: string): PolicyPath => ['gates', 'fairness', k];
    same(p('dataset'), b.dataset, h.dataset, 'evaluated on a different dataset');
    const removed = b.sensitive.filter((c) => !h.sensitive.includes(c));
    const added = h.sensitive.filter((c) => !b.sensitive.includes(c));
    if (removed.length) flag(p('sensitive'), b.sensitive, h.sensitive, `sensitive column${removed.length > 1 ? 's' : ''} ${removed.join(', ')} removed`);
    else if (added.length) flag(p('sensitive'), b.sensitive, h.sensitive, `sensitive column${added.length > 1 ? 's' : ''} ${added.join(', ')} added: the groups become intersections, and groups below min-group-size drop out (not provably stricter)`);
    same(p('positive-label'), b['positive-label'], h['positive-label'], 'positive label changed');
    same(p('decision-threshold'), b['decision-threshold'], h['decision-threshold'], 'decision threshold changed: not provably stricter');
    same(p('reference-group'), b['reference-group'], h['reference-group'], 'reference group changed');
    if (h['min-group-size'] > b['min-group-size']) flag(p('min-group-size'), b['min-group-size'], h['min-group-size'], 'min-group-size raised: more groups are left out');
    gateOn('fairness', b['gate-on'], h['gate-on']);
    notLower(p('bootstrap'), b.bootstrap, h.bootstrap, 'bootstrap resamples');
    thresholds('fairness', b.thresholds, h.thresholds);
    rest(['gates', 'fairness'], b, h, ['dataset', 'sensitive', 'positive-label', 'decision-threshold', 'reference-group', 'min-group-size', 'gate-on', 'bootstrap', 'thresholds']);
  }

  if (bg.drift && hg.drift) {
    drift(bg.drift, hg.drift, flag, same, rest);
    thresholds('drift', bg.drift.thresholds, hg.drift.thresholds);
  }

  if (bg.poisoning && hg.poisoning) {
    const b = bg.poisoning, h = hg.poisoning;
    const p = (...k: (string | number)[]): PolicyPath => ['gates', 'poisoning', ...k];
    same(p('dataset'), b.dataset, h.dataset, 'a different dataset is screened');
    same(p('layer'), b.layer, h.layer, 'representations from a different tensor: not provably stricter');
    fewer(p('limit'), b.limit, h.limit, 'rows are screened');
    const dropped = b.screens.filter((x) => !h.screens.includes(x));
    if (dropped.length) flag(p('screens'), b.screens, h.screens, `screen${dropped.length > 1 ? 's' : ''} ${dropped.join(', ')} removed`);
    if (h['min-class-size'] > b['min-class-size']) flag(p('min-class-size'), b['min-class-size'], h['min-class-size'], 'min-class-size raised: fewer classes are screened');
    // A class is flagged at or above these: raising them (lowering max-relative-size) flags fewer classes.
    for (const [section, key] of [['spectral', 'min-separation'], ['spectral', 'min-share'], ['clustering', 'min-silhouette'], ['clustering', 'min-relative-size']] as const) {
      const bv = (b[section] as Record<string, number>)[key], hv = (h[section] as Record<string, number>)[key];
      if (hv > bv) flag(p(section, key), bv, hv, `${key} raised: a class must separate more to be flagged`);
    }
    if (h.clustering['max-relative-size'] < b.clustering['max-relative-size']) flag(p('clustering', 'max-relative-size'), b.clustering['max-relative-size'], h.clustering['max-relative-size'], 'max-relative-size lowered: a larger planted share is no longer flagged');
    same(p('clustering', 'components'), b.clustering.components, h.clustering.components, 'PCA dimensions changed: not provably stricter');
    notLower(p('clustering', 'inits'), b.clustering.inits, h.clustering.inits, 'k-means restarts');
    rest(p('spectral'), b.spectral, h.spectral, ['min-separation', 'min-share', 'factor']);
    rest(p('clustering'), b.clustering, h.clustering, ['components', 'inits', 'min-silhouette', 'min-relative-size', 'max-relative-size']);
    if (b.strip && h.strip) {
      same(p('strip', 'clean'), b.strip.clean, h.strip.clean, 'STRIP blends with different clean rows');
      notLower(p('strip', 'n'), b.strip.n, h.strip.n, 'STRIP perturbations per row');
      if (h.strip.frr < b.strip.frr) flag(p('strip', 'frr'), b.strip.frr, h.strip.frr, 'STRIP frr lowered: the entropy threshold is lower, fewer rows are suspects');
      fewer(p('strip', 'limit'), b.strip.limit, h.strip.limit, 'rows are screened by STRIP');
      same(p('strip', 'clip'), b.strip.clip, h.strip.clip, 'STRIP clipping changed: not provably stricter');
      rest(p('strip'), b.strip, h.strip, ['clean', 'n', 'frr', 'limit', 'clip']);
    } else if (b.strip) flag(p('strip'), b.strip, undefined, 'STRIP section removed');
    if (b.labels) same(p('labels'), b.labels, h.labels, 'the out-of-sample probabilities changed: not provably stricter');
    thresholds('poisoning', b.thresholds, h.thresholds);
    // expected-rate and grid change what is listed, not what is decided
    rest(['gates', 'poisoning'], b, h, ['dataset', 'layer', 'limit', 'screens', 'min-class-size', 'spectral', 'clustering', 'strip', 'labels', 'expected-rate', 'grid', 'thresholds']);
  }

  if (bg['model-card'] && hg['model-card']) {
    const b = bg['model-card'], h = hg['model-card'];
    for (const [claim, bc] of Object.entries(b.claims)) {
      const path = ['gates', 'model-card', 'claims', claim];
      const hc = h.claims[claim];
      if (!hc) {
        flag(path, bc, undefined, `claim ${claim} removed`);
        continue;
      }
      same([...path, 'measured'], bc.measured, hc.measured, 'compared with a different measured metric');
      if (hc.tolerance > bc.tolerance) flag([...path, 'tolerance'], bc.tolerance, hc.tolerance, 'tolerance raised');
      rest(path, bc, hc, ['measured', 'tolerance']);
    }
    if (b['on-mismatch'] === 'fail' && h['on-mismatch'] === 'warn') flag(['gates', 'model-card', 'on-mismatch'], 'fail', 'warn', 'a claim outside its tolerance no longer fails');
    rest(['gates', 'model-card'], b, h, ['claims', 'on-mismatch']);
  }
  if (bg.regression && hg.regression) regression(bg.regression, hg.regression, flag, same, rest);
  rest(['gates'], bg, hg, ['accuracy', 'robustness', 'memorisation', 'fairness', 'regression', 'drift', 'poisoning', 'model-card']);
  return out;
}

type Flag = (path: PolicyPath, from: unknown, to: unknown, reason: string) => void;
type Same = (path: PolicyPath, b: unknown, h: unknown, reason: string) => void;
type Rest = (path: PolicyPath, b: object | undefined, h: object | undefined, handled: string[]) => void;

/**
 * gates.regression: a dataset dropped from `datasets`, any change of the baseline (pin added, removed or changed: the
 * head would be compared with another model), of `mcnemar`, gate-on toward lenient, fewer resamples, and a threshold
 * removed or loosened (max-drop / max-rise / max raised, min lowered) are loosenings.
 */
function regression(b: RegressionGatePolicy, h: RegressionGatePolicy, flag: Flag, same: Same, rest: Rest): void {
  const p = (k: string): PolicyPath => ['gates', 'regression', k];
  const dropped = b.datasets.filter((d) => !h.datasets.includes(d));
  if (dropped.length) flag(p('datasets'), b.datasets, h.datasets, `dataset${dropped.length > 1 ? 's' : ''} ${dropped.join(', ')} no longer compared`);
  same(p('baseline'), b.baseline, h.baseline, b.baseline === undefined ? 'a pinned baseline replaces the base commit\'s model: the pull request would choose what the head is compared with' : h.baseline === undefined ? 'baseline pin removed' : 'baseline pin changed: the head would be compared with a different model');
  same(p('mcnemar'), b.mcnemar, h.mcnemar, 'McNemar variant changed: not provably stricter');
  const rank = (g: RegressionGatePolicy['gate-on']): number => ({ lenient: 0, point: 1, conservative: 2, 'ci-bound': 2 })[g];
  if (rank(h['gate-on']) < rank(b['gate-on'])) flag(p('gate-on'), b['gate-on'], h['gate-on'], `gate-on ${b['gate-on']} -> ${h['gate-on']} compares thresholds with a value better for the model`);
  if (h.bootstrap < b.bootstrap) flag(p('bootstrap'), b.bootstrap, h.bootstrap, 'bootstrap resamples lowered');
  for (const [metric, bt] of Object.entries(b.thresholds ?? {}) as [string, RegressionThreshold][]) {
    const path = ['gates', 'regression', 'thresholds', metric];
    const ht = (h.thresholds as Record<string, RegressionThreshold | undefined> | undefined)?.[metric];
    if (!ht) {
      flag(path, bt, undefined, `threshold on ${metric} removed`);
      continue;
    }
    for (const side of ['max-drop', 'max-rise', 'max'] as const) {
      const bv = bt[side], hv = ht[side];
      if (bv === undefined) continue;
      if (hv === undefined) flag([...path, side], bv, undefined, `${side} of ${metric} removed`);
      else if (hv > bv) flag([...path, side], bv, hv, `${side} of ${metric} raised`);
    }
    if (bt.min !== undefined) {
      if (ht.min === undefined) flag([...path, 'min'], bt.min, undefined, `min of ${metric} removed`);
      else if (ht.min < bt.min) flag([...path, 'min'], bt.min, ht.min, `min of ${metric} lowered`);
    }
    rest(path, bt, ht, ['max-drop', 'max-rise', 'min', 'max']);
  }
  // `compare` only adds metrics to the report (a compared delta that is gated is a threshold, checked above)
  rest(['gates', 'regression'], b, h, ['datasets', 'baseline', 'mcnemar', 'gate-on', 'bootstrap', 'compare', 'thresholds']);
}

function signature(b: SignaturePolicy, h: SignaturePolicy, flag: Flag, same: Same, rest: Rest): void {
  const p = (k: string): PolicyPath => ['signature', k];
  if (b.required && !h.required) flag(p('required'), true, false, 'signature no longer required: an unsigned model would pass');
  same(p('bundle'), b.bundle, h.bundle, 'the signature is read from a different file');
  if (b.format !== h.format && h.format === 'auto') flag(p('format'), b.format, h.format, 'format auto accepts any signature format');
  else if (b.format !== h.format && b.format !== 'auto') flag(p('format'), b.format, h.format, 'signature format changed');
  same(p('subject'), b.subject, h.subject, 'the signature would cover something else');
  const method = (s: SignaturePolicy): string => (s.keyless ? 'keyless' : s.key !== undefined ? 'key' : s['certificate-roots'] !== undefined ? 'certificate-roots' : 'none');
  const bm = method(b), hm = method(h);
  if (bm !== 'none' && bm !== hm) {
    flag(['signature', hm === 'none' ? bm : hm], b[bm as 'key'], hm === 'none' ? undefined : h[hm as 'key'], hm === 'none' ? `signature.${bm} removed: any signer would be accepted` : `who may sign changed from ${bm} to ${hm}`);
  } else if (bm === 'keyless' && b.keyless && h.keyless) {
    keyless(b.keyless, h.keyless, flag, rest);
  } else if (bm === 'key') {
    same(p('key'), b.key, h.key, 'a different public key is trusted');
  } else if (bm === 'certificate-roots') {
    const bl = list(b['certificate-roots']), hl = list(h['certificate-roots']);
    const added = hl.filter((r) => !bl.includes(r));
    if (added.length) flag(p('certificate-roots'), b['certificate-roots'], h['certificate-roots'], `certificate root${added.length > 1 ? 's' : ''} ${added.join(', ')} added`);
  }
  same(p('trusted-root'), b['trusted-root'], h['trusted-root'], b['trusted-root'] === undefined ? 'a custom trusted root replaces the public-good Sigstore root' : 'trusted root changed');
  const addedIgnore = h['ignore-paths'].filter((x) => !b['ignore-paths'].includes(x));
  if (addedIgnore.length) flag(p('ignore-paths'), b['ignore-paths'], h['ignore-paths'], `${addedIgnore.join(', ')} no longer covered by the signature`);
  rest(['signature'], b, h, ['required', 'bundle', 'format', 'subject', 'keyless', 'key', 'certificate-roots', 'trusted-root', 'ignore-paths']);
}

function keyless(b: KeylessPolicy, h: KeylessPolicy, flag: Flag, rest: Rest): void {
  const p = (k: string): PolicyPath => ['signature', 'keyless', k];
  if (b.issuer !== h.issuer) flag(p('issuer'), b.issuer, h.issuer, 'a different OIDC issuer is trusted');
  const bre = b['identity-regex'], hre = h['identity-regex'];
  if (hre !== undefined) {
    if (bre !== hre) flag(p('identity-regex'), bre ?? b.identity, hre, bre === undefined ? 'exact identity replaced by a pattern' : 'identity pattern changed: not provably narrower');
  } else {
    const hl = list(h.identity);
    let outside: string[];
    if (bre !== undefined) {
      let re: RegExp | null = null;
      try {
        re = new RegExp(bre);
      } catch {
        re = null;
      }
      outside = hl.filter((id) => !re || !re.test(id));
    } else {
      const bl = list(b.identity);
      outside = hl.filter((id) => !bl.includes(id));
    }
    if (outside.length) flag(p('identity'), bre ?? b.identity, h.identity, `signer identit${outside.length > 1 ? 'ies' : 'y'} ${outside.join(', ')} newly accepted`);
  }
  rest(['signature', 'keyless'], b, h, ['issuer', 'identity', 'identity-regex']);
}

function dataset(path: PolicyPath, b: DatasetPolicy, h: DatasetPolicy, flag: Flag, same: Same, rest: Rest): void {
  const p = (k: string): PolicyPath => [...path, k];
  same(p('path'), b.path, h.path, 'a different data file');
  same(p('label'), b.label, h.label, 'a different label column');
  same(p('labels'), b.labels, h.labels, 'a different labels file');
  for (const pin of ['sha256', 'labels-sha256'] as const) {
    if (b[pin] !== undefined && h[pin] === undefined) flag(p(pin), b[pin], undefined, 'pin removed: a changed file would go unnoticed');
    else if (b[pin] !== undefined && pinHex(b[pin]!) !== pinHex(h[pin]!)) flag(p(pin), b[pin], h[pin], 'pin changed: the data is different');
  }
  same(p('exclude'), [...b.exclude].sort(), [...h.exclude].sort(), 'excluded columns changed: the features are different');
  same(p('transform'), b.transform, h.transform, 'preprocessing changed: not provably stricter');
  same(p('label-map'), b['label-map'], h['label-map'], 'label mapping changed');
  same(p('sample'), b.sample, h.sample, 'a different sample of rows');
  rest(path, b, h, ['path', 'label', 'labels', 'sha256', 'labels-sha256', 'exclude', 'transform', 'label-map', 'sample']);
}

/**
 * gates.drift: stricter is more features tested (a list that is a superset), more must-not-drift features, and a
 * test threshold that flags drift sooner (a p-value threshold raised, a distance threshold lowered). Everything else
 * is listed: the datasets compared, the method (globally or of a feature), a threshold the other way, a feature or a
 * must-not-drift entry removed, an explicit list replaced by the default one (or the reverse).
 */
function drift(b: DriftGatePolicy, h: DriftGatePolicy, flag: Flag, same: Same, rest: Rest): void {
  const p = (...k: (string | number)[]): PolicyPath => ['gates', 'drift', ...k];
  same(p('reference'), b.reference, h.reference, 'compared with a different reference dataset');
  same(p('current'), b.current, h.current, 'a different dataset is checked for drift');
  if (b.features !== undefined && h.features === undefined) {
    flag(p('features'), b.features, undefined, 'feature list replaced by the default (model inputs and predictions): not provably a superset');
  } else if (b.features === undefined && h.features !== undefined) {
    flag(p('features'), undefined, h.features, 'default features replaced by a list: not provably a superset');
  } else if (b.features && h.features) {
    const removed = b.features.filter((f) => !h.features!.includes(f));
    if (removed.length) flag(p('features'), b.features, h.features, `feature${removed.length > 1 ? 's' : ''} ${removed.join(', ')} no longer tested`);
  }
  if (b.method !== h.method) flag(p('method'), b.method, h.method, `method ${b.method} -> ${h.method}: a different test, not provably stricter`);
  /** A threshold change that flags drift later: lowered for a p-value, raised for a distance. */
  const looser = (path: PolicyPath, method: DriftPolicyMethod, bt: number | undefined, ht: number | undefined): void => {
    if (method === 'auto') {
      if (bt !== ht) flag(path, bt, ht, 'threshold changed under method auto: not provably stricter');
      return;
    }
    const dflt = DEFAULT_THRESHOLDS[LIBRARY_METHOD[method]];
    const be = bt ?? dflt, he = ht ?? dflt;
    const pValue = P_VALUE_METHODS.includes(method);
    if (pValue ? he < be : he > be) flag(path, bt ?? null, ht ?? null, `${method} threshold ${pValue ? 'lowered (a p-value' : 'raised (a distance'}: drift is flagged later)`);
  };
  if (b.method === h.method) looser(p('threshold'), h.method, b.threshold, h.threshold);
  const bo = b['per-feature'] ?? {}, ho = h['per-feature'] ?? {};
  for (const f of [...new Set([...Object.keys(bo), ...Object.keys(ho)])]) {
    const bf = bo[f], hf = ho[f];
    const bm = bf?.method ?? b.method, hm = hf?.method ?? h.method;
    const at = p('per-feature', f);
    if (bm !== hm) {
      flag([...at, 'method'], bm, hm, `method of ${f} ${bm} -> ${hm}: a different test, not provably stricter`);
      continue;
    }
    const bt = featureThreshold(b, f), ht = featureThreshold(h, f);
    if (bt !== ht) looser([...at, 'threshold'], hm, bt, ht);
    rest(at, bf, hf, ['method', 'threshold']);
  }
  const gone = (b['must-not-drift'] ?? []).filter((f) => !(h['must-not-drift'] ?? []).includes(f));
  if (gone.length) flag(p('must-not-drift'), b['must-not-drift'], h['must-not-drift'], `${gone.join(', ')} may now drift without failing the gate`);
  rest(['gates', 'drift'], b, h, ['reference', 'current', 'features', 'method', 'threshold', 'per-feature', 'must-not-drift', 'thresholds']);
}

function setChange(path: PolicyPath, b: (string | number)[], h: (string | number)[], what: string, flag: Flag): void {
  const removed = b.filter((x) => !h.includes(x));
  const added = h.filter((x) => !b.includes(x));
  if (added.length) {
    flag(path, b, h, `${added.join(', ')} added to ${what}: the attacks may no longer ${what === 'immutable' ? 'perturb' : 'freely perturb'} ${added.length > 1 ? 'them' : 'it'}`);
  } else if (removed.length) {
    flag(path, b, h, `${removed.join(', ')} removed from ${what}: the valid input domain changed, not provably stricter`);
  }
}

function canonGroups(groups: ((string | number)[] | { prefix: string })[]): string[] {
  return groups.map((g) => (Array.isArray(g) ? JSON.stringify([...g].map(String).sort()) : JSON.stringify({ prefix: g.prefix }))).sort();
}

function list(v: string | string[] | undefined): string[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => deepEqual(x, bb[i]));
  }
  const ao = a as Record<string, unknown>, bo = b as Record<string, unknown>;
  const ak = Object.keys(ao).filter((k) => ao[k] !== undefined), bk = Object.keys(bo).filter((k) => bo[k] !== undefined);
  return ak.length === bk.length && ak.every((k) => Object.hasOwn(bo, k) && deepEqual(ao[k], bo[k]));
}
