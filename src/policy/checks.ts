import { closest } from './suggest.ts';
import { COMPARED, comparedMetrics } from '../gates/regression/policy.ts';
import { formatPath, GATE_METRICS, type Policy, type PolicyPath, type Threshold } from './types.ts';

/** A problem found after the schema, before positions are attached. */
export interface PolicyIssue {
  path: PolicyPath;
  /** Point at the key of `path` or at its value (scalars and flow collections). */
  where: 'key' | 'value';
  message: string;
}

/** One file path written in the policy. */
export interface PolicyFilePath {
  path: PolicyPath;
  value: string;
  /**
   * True for files that carry trust (signature key, certificate roots, trusted root): on pull requests they are
   * read from the BASE commit through `TrustedFiles`, never from the head's working tree.
   */
  trust: boolean;
}

/**
 * Every file path the policy names, in policy order. All are relative to the working directory and were checked
 * by `parsePolicy` (not absolute, no `..` that leaves the working directory); symlinks are checked where the
 * files are opened (`resolveInside` in src/util/paths.ts). `signature.subject` defaults to `model.path`.
 * `signature.ignore-paths` are not listed (they name parts of the subject, which need not exist) but are checked.
 */
export function policyPaths(policy: Policy): PolicyFilePath[] {
  const out: PolicyFilePath[] = [];
  const add = (path: PolicyPath, value: unknown, trust = false): void => {
    if (typeof value === 'string') out.push({ path, value, trust });
  };
  add(['model', 'path'], policy.model?.path);
  add(['model', 'card'], policy.model?.card);
  const s = policy.signature;
  if (s) {
    add(['signature', 'bundle'], s.bundle);
    add(['signature', 'subject'], s.subject);
    add(['signature', 'key'], s.key, true);
    const roots = s['certificate-roots'];
    if (Array.isArray(roots)) roots.forEach((r: unknown, i) => add(['signature', 'certificate-roots', i], r, true));
    else add(['signature', 'certificate-roots'], roots, true);
    add(['signature', 'trusted-root'], s['trusted-root'], true);
  }
  for (const [name, ds] of Object.entries(policy.datasets ?? {})) {
    add(['datasets', name, 'path'], ds?.path);
    add(['datasets', name, 'labels'], ds?.labels);
  }
  const refs = policy.gates?.memorisation?.['reference-models'];
  if (Array.isArray(refs)) refs.forEach((r, i) => add(['gates', 'memorisation', 'reference-models', i, 'path'], r?.path));
  add(['gates', 'regression', 'baseline', 'path'], policy.gates?.regression?.baseline?.path);
  return out;
}

/** Why a policy path is unusable, or null. The working directory is the root: `..` may not climb above it. */
export function pathProblem(value: string): string | null {
  if (value.includes('\0')) return 'contains a NUL byte';
  if (/^[a-zA-Z]:/.test(value) || value.startsWith('/') || value.startsWith('\\')) return 'is absolute';
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(value)) return 'is a URL, not a file path';
  let depth = 0;
  for (const seg of value.split(/[\\/]+/)) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      depth--;
      if (depth < 0) return 'leaves the working directory (..)';
    } else {
      depth++;
    }
  }
  return null;
}

/** Every path in the policy must be relative and stay inside the working directory (works on unvalidated data). */
export function checkPaths(policy: Policy, written: (path: PolicyPath) => boolean = () => true): PolicyIssue[] {
  const issues: PolicyIssue[] = [];
  for (const p of policyPaths(policy)) {
    if (p.path[0] === 'signature' && p.path[1] === 'subject' && !written(p.path)) continue; // default = model.path
    const prob = pathProblem(p.value);
    if (prob) issues.push({ path: p.path, where: 'value', message: `${formatPath(p.path)} ${JSON.stringify(p.value)} ${prob}: use a path relative to the working directory, inside the workspace` });
  }
  const ignore = policy.signature?.['ignore-paths'];
  if (Array.isArray(ignore)) {
    ignore.forEach((v, i) => {
      const prob = typeof v === 'string' ? pathProblem(v) : null;
      if (prob) issues.push({ path: ['signature', 'ignore-paths', i], where: 'value', message: `signature.ignore-paths[${i}] ${JSON.stringify(v)} ${prob}: use a path relative to the working directory, inside the signed subject` });
    });
  }
  return issues;
}

/**
 * Value range of each metric, for thresholds that could never be met (or are written in percent): these gates' metrics
 * are rates in [0, 1] but for the exceptions below; a metric not listed has no range check.
 */
const METRIC_RANGE: Record<string, [number, number]> = {};
for (const g of ['accuracy', 'robustness', 'memorisation', 'fairness'] as const) for (const m of GATE_METRICS[g] ?? []) METRIC_RANGE[m] = [0, 1];
METRIC_RANGE.generalization_gap = [-1, 1];
METRIC_RANGE.statistical_parity_difference = [-1, 1];
METRIC_RANGE.disparate_impact = [0, Infinity];
METRIC_RANGE.max_perturbation = [0, Infinity];
METRIC_RANGE.max_perturbation_ratio = [0, Infinity];
METRIC_RANGE.share_drifted = [0, 1];
METRIC_RANGE.drifted_features = [0, Infinity];
// poisoning: shares of rows (*_fraction) and counts of classes or rows
for (const m of GATE_METRICS.poisoning ?? []) METRIC_RANGE[m] = m.endsWith('_fraction') ? [0, 1] : [0, Infinity];

/** Which gate measures each metric (for model-card claims). */
const GATE_OF: Record<string, string> = {};
for (const [g, ms] of Object.entries(GATE_METRICS)) for (const m of ms) GATE_OF[m] = g;

/**
 * Cross-field rules that JSON Schema cannot express. `written(path)` tells whether a key is written in the file
 * (so that defaults are not blamed). Data-dependent checks (sensitive columns exist, enough non-members for
 * tpr_at_fpr_b) belong to the gates.
 */
export function checkPolicy(policy: Policy, written: (path: PolicyPath) => boolean = () => true, tolerant = false): PolicyIssue[] {
  const issues: PolicyIssue[] = checkPaths(policy, written);
  const issue = (path: PolicyPath, where: 'key' | 'value', message: string): void => {
    issues.push({ path, where, message });
  };
  // A policy the schema rejected (`tolerant`) is still checked part by part, so that one run reports every problem: a
  // part whose shape is wrong (already reported by the schema) stops only itself.
  const part = <T>(value: T | undefined | null, check: (v: T) => void): void => {
    if (value === undefined || value === null) return;
    try {
      check(value);
    } catch (e) {
      if (!tolerant) throw e;
    }
  };
  const datasets = Object.keys(policy.datasets ?? {});

  // Signature.
  const kl = policy.signature?.keyless;
  part(kl?.['identity-regex'], (re) => {
    const path = ['signature', 'keyless', 'identity-regex'];
    let ok = true;
    try {
      new RegExp(re);
    } catch (e) {
      ok = false;
      issue(path, 'value', `${formatPath(path)} is not a valid regular expression: ${(e as Error).message}`);
    }
    if (ok && !(re.startsWith('^') && re.endsWith('$') && !re.endsWith('\\$'))) {
      issue(path, 'value', `${formatPath(path)} must be anchored (start with ^ and end with $) so that it cannot match a longer identity`);
    }
  });

  // Datasets.
  for (const [name, ds] of Object.entries(policy.datasets ?? {})) part(ds, () => {
    const ext = /\.([A-Za-z0-9]+)$/.exec(ds.path)?.[1]?.toLowerCase();
    if (ext !== 'csv' && ext !== 'npy' && ext !== 'parquet') {
      issue(['datasets', name, 'path'], 'value', `datasets.${name}.path ${JSON.stringify(ds.path)} is not a .csv, .npy or .parquet file`);
    }
    if (ds.label !== undefined && ds.labels !== undefined) {
      issue(['datasets', name, 'labels'], 'key', `datasets.${name} has both label (a column) and labels (a .npy file): keep one`);
    }
    if (ds.labels !== undefined && ext !== 'npy') {
      issue(['datasets', name, 'labels'], 'key', `datasets.${name}.labels (a .npy labels file) is only for .npy features: for .${ext ?? '?'} files name the label column with label`);
    }
    if (ds.labels !== undefined && !/\.npy$/i.test(ds.labels)) {
      issue(['datasets', name, 'labels'], 'value', `datasets.${name}.labels ${JSON.stringify(ds.labels)} is not a .npy file`);
    }
    if (ds['labels-sha256'] !== undefined && ds.labels === undefined) {
      issue(['datasets', name, 'labels-sha256'], 'key', `datasets.${name}.labels-sha256 pins a labels file, but datasets.${name}.labels is not set`);
    }
    if (ds.label !== undefined && ds.exclude.includes(ds.label)) {
      issue(['datasets', name, 'exclude'], 'value', `datasets.${name}.exclude lists the label column ${JSON.stringify(ds.label)} (the label is never a feature anyway)`);
    }
  });

  // (On a policy the schema rejected, `datasets` may not be a mapping: the references are not checked against it.)
  const datasetsMap = policy.datasets !== null && typeof policy.datasets === 'object' && !Array.isArray(policy.datasets);
  const ref = (path: PolicyPath, value: string): void => {
    if (!datasetsMap || policy.datasets[value] !== undefined) return;
    const guess = closest(value, datasets);
    const known = datasets.length ? `datasets: ${datasets.join(', ')}` : 'the policy has no datasets';
    issue(path, 'value', `${formatPath(path)} names dataset ${JSON.stringify(value)}, which is not defined under datasets (${known})${guess ? `; did you mean ${guess}?` : ''}`);
  };
  const thresholds = (gate: string, t: Record<string, Threshold | undefined> | undefined): void => {
    for (const [metric, th] of Object.entries(t ?? {})) {
      if (!th) continue;
      const path = ['gates', gate, 'thresholds', metric];
      if (th.min !== undefined && th.max !== undefined && th.min > th.max) {
        issue(path, 'key', `${formatPath(path)} has min ${th.min} > max ${th.max}: no value can pass`);
      }
      const [lo, hi] = METRIC_RANGE[metric] ?? [-Infinity, Infinity];
      for (const side of ['min', 'max'] as const) {
        const v = th[side];
        if (v === undefined || (v >= lo && v <= hi)) continue;
        const range = hi === Infinity ? `>= ${lo}` : `between ${lo} and ${hi}`;
        const pct = hi === 1 && v > 1 && v <= 100 ? ` (write ${v / 100} for ${v} %)` : '';
        issue([...path, side], 'value', `${formatPath([...path, side])} ${v} is outside the range of ${metric}, which is ${range}${pct}`);
      }
    }
  };

  const g = policy.gates ?? {};
  part(g.accuracy, (a) => {
    ref(['gates', 'accuracy', 'dataset'], a.dataset);
    thresholds('accuracy', a.thresholds);
  });
  part(g.robustness, (r) => {
    ref(['gates', 'robustness', 'dataset'], r.dataset);
    thresholds('robustness', r.thresholds);
    if (r.labels === 'predicted' && r.thresholds?.robust_accuracy) {
      issue(['gates', 'robustness', 'thresholds', 'robust_accuracy'], 'key', 'gates.robustness.thresholds.robust_accuracy is not measured with labels: predicted: gate on prediction_stability instead');
    }
    if (r.bounds) {
      const [lo, hi] = r.bounds;
      const n = Array.isArray(lo) && Array.isArray(hi) ? (lo.length === hi.length ? lo.length : -1) : Array.isArray(lo) ? lo.length : Array.isArray(hi) ? hi.length : 1;
      if (n < 0) {
        issue(['gates', 'robustness', 'bounds'], 'value', `gates.robustness.bounds has ${(lo as number[]).length} lower and ${(hi as number[]).length} upper bounds: give one per feature on both sides`);
      } else {
        for (let i = 0; i < n; i++) {
          const l = Array.isArray(lo) ? lo[i] : lo;
          const h = Array.isArray(hi) ? hi[i] : hi;
          if (!(l < h)) {
            const at = n > 1 || Array.isArray(lo) || Array.isArray(hi) ? ` at feature ${i}` : '';
            issue(['gates', 'robustness', 'bounds'], 'value', `gates.robustness.bounds: lower bound ${l} is not below upper bound ${h}${at}`);
            break;
          }
        }
      }
    }
    const seen = new Map<string, number>();
    r['one-hot'].forEach((group, gi) => {
      // a { prefix } group is resolved against the dataset's columns by the gate (gates/robustness/one-hot.ts)
      if (!Array.isArray(group)) return;
      for (const c of group) {
        const k = JSON.stringify(c);
        const prev = seen.get(k);
        if (prev !== undefined && prev !== gi) {
          issue(['gates', 'robustness', 'one-hot', gi], 'value', `gates.robustness.one-hot[${gi}] repeats ${String(c)}, already in one-hot[${prev}]: a column belongs to one group`);
        }
        seen.set(k, gi);
      }
    });
  });
  part(g.memorisation, (m) => {
    ref(['gates', 'memorisation', 'members'], m.members);
    ref(['gates', 'memorisation', 'non-members'], m['non-members']);
    if (m.population !== undefined) ref(['gates', 'memorisation', 'population'], m.population);
    thresholds('memorisation', m.thresholds);
    const path = (n: string): string | undefined => policy.datasets[n]?.path;
    if (m.members === m['non-members']) {
      issue(['gates', 'memorisation', 'non-members'], 'value', `gates.memorisation.non-members is the same dataset as members (${JSON.stringify(m.members)}): non-members must be records the model was not trained on`);
    } else if (path(m.members) !== undefined && samePath(path(m.members)!, path(m['non-members']) ?? '')) {
      issue(['gates', 'memorisation', 'non-members'], 'value', `gates.memorisation.non-members reads the same file as members (${JSON.stringify(path(m.members))}): non-members must be records the model was not trained on`);
    }
    if (m.population !== undefined && (m.population === m.members || (path(m.members) !== undefined && samePath(path(m.members)!, path(m.population) ?? '')))) {
      issue(['gates', 'memorisation', 'population'], 'value', 'gates.memorisation.population must not be the members dataset (RMIA\'s population term uses records outside the training set)');
    }
    if (m['reference-models'] && m.population === undefined) {
      issue(['gates', 'memorisation', 'reference-models'], 'key', 'gates.memorisation.reference-models needs gates.memorisation.population (the data for RMIA\'s population term, never members)');
    }
    if (m['gate-on'] !== 'point' && m.bootstrap === 0) {
      issue(['gates', 'memorisation', 'gate-on'], 'value', `gates.memorisation.gate-on ${m['gate-on']} needs confidence intervals, but bootstrap is 0`);
    }
  });
  part(g.fairness, (f) => {
    ref(['gates', 'fairness', 'dataset'], f.dataset);
    thresholds('fairness', f.thresholds);
    const rg = f['reference-group'];
    for (const metric of ['disparate_impact', 'statistical_parity_difference'] as const) {
      if (f.thresholds?.[metric] && !rg) {
        issue(['gates', 'fairness', 'thresholds', metric], 'key', `gates.fairness.thresholds.${metric} needs gates.fairness.reference-group (the group the others are compared with)`);
      }
    }
    for (const col of Object.keys(rg ?? {})) {
      if (!f.sensitive.includes(col)) {
        issue(['gates', 'fairness', 'reference-group', col], 'key', `gates.fairness.reference-group.${col} is not one of the sensitive columns (${f.sensitive.join(', ')})`);
      }
    }
    if (f['gate-on'] !== 'point' && f.bootstrap === 0) {
      issue(['gates', 'fairness', 'gate-on'], 'value', `gates.fairness.gate-on ${f['gate-on']} needs confidence intervals, but bootstrap is 0`);
    }
  });
  part(g.drift, (d) => checkDrift(d, ref, thresholds, issue));
  part(g.regression, (r) => checkRegression(r, g, ref, issue));
  part(g.poisoning, (q) => {
    const at = (...k: (string | number)[]): PolicyPath => ['gates', 'poisoning', ...k];
    ref(at('dataset'), q.dataset);
    thresholds('poisoning', q.thresholds);
    const listed = q.screens ?? [];
    if (q.strip) {
      ref(at('strip', 'clean'), q.strip.clean);
      if (q.strip.clean === q.dataset) issue(at('strip', 'clean'), 'value', `gates.poisoning.strip.clean is the screened dataset (${JSON.stringify(q.dataset)}): the clean rows must be held out (never trained on)`);
      if (!listed.includes('strip')) issue(at('strip'), 'key', 'gates.poisoning.strip is set but screens does not list strip: add strip to gates.poisoning.screens, or remove the section');
      if (q.strip.clip && q.strip.clip[0] >= q.strip.clip[1]) issue(at('strip', 'clip'), 'value', `gates.poisoning.strip.clip [${q.strip.clip.join(', ')}] is empty: write [lo, hi] with lo < hi`);
    } else if (listed.includes('strip')) {
      issue(at('screens', listed.indexOf('strip')), 'value', 'gates.poisoning.screens lists strip, which needs gates.poisoning.strip.clean (held-out clean rows to superimpose)');
    }
    if (q.labels) {
      const pr = q.labels.probabilities as { dataset?: string };
      if (typeof pr?.dataset === 'string') ref(at('labels', 'probabilities', 'dataset'), pr.dataset);
      if (!listed.includes('labels')) issue(at('labels'), 'key', 'gates.poisoning.labels is set but screens does not list labels: add labels to gates.poisoning.screens, or remove the section');
    } else if (listed.includes('labels')) {
      issue(at('screens', listed.indexOf('labels')), 'value', 'gates.poisoning.screens lists labels, which needs out-of-sample predicted probabilities of the screened rows (gates.poisoning.labels.probabilities); the gate never computes them in-sample');
    }
    for (const [m, screen] of [['spectral_flagged_classes', 'spectral'], ['clustering_flagged_classes', 'clustering'], ['strip_suspected_fraction', 'strip'], ['label_issue_fraction', 'labels']] as const) {
      if (q.thresholds?.[m] && !listed.includes(screen)) issue(at('thresholds', m), 'key', `gates.poisoning.thresholds.${m} needs the ${screen} screen: add ${screen} to gates.poisoning.screens, or remove the threshold`);
    }
    // Only spectral and clustering flag classes: without them flagged_classes is 0 whatever the data.
    if (q.thresholds?.flagged_classes && !listed.includes('spectral') && !listed.includes('clustering')) {
      issue(at('thresholds', 'flagged_classes'), 'key', 'gates.poisoning.thresholds.flagged_classes needs spectral or clustering (the screens that flag classes): add one to gates.poisoning.screens, or remove the threshold');
    }
  });
  part(g['model-card'], (mc) => {
    if (policy.model.card === undefined) {
      issue(['gates', 'model-card'], 'key', 'gates.model-card needs model.card (the model card whose claims are compared)');
    }
    for (const [claim, c] of Object.entries(mc.claims)) {
      const gate = GATE_OF[c.measured];
      if (gate && !(gate in g)) {
        const path = ['gates', 'model-card', 'claims', claim, 'measured'];
        issue(path, 'value', `${formatPath(path)} ${c.measured} is measured by gate ${gate}, which this policy does not run`);
      }
    }
  });
  return issues;
}

/**
 * gates.drift: the datasets exist and differ; a global `threshold` only with one method; the per-feature overrides and
 * must-not-drift name listed features (when `features` is written; against the data the gate checks them itself);
 * a p-value threshold is at most 1. Whether a feature exists and suits its method depends on the data: the gate.
 */
function checkDrift(
  d: NonNullable<Policy['gates']['drift']>,
  ref: (path: PolicyPath, value: string) => void,
  thresholds: (gate: string, t: Record<string, Threshold | undefined> | undefined) => void,
  issue: (path: PolicyPath, where: 'key' | 'value', message: string) => void,
): void {
  const at = (...k: (string | number)[]): PolicyPath => ['gates', 'drift', ...k];
  ref(at('reference'), d.reference);
  ref(at('current'), d.current);
  thresholds('drift', d.thresholds);
  if (d.reference === d.current) {
    issue(at('current'), 'value', `gates.drift.current is the same dataset as reference (${JSON.stringify(d.reference)}): compare two different datasets`);
  }
  const pValue = (m: string | undefined): boolean => m === 'ks' || m === 'chi2' || m === 'z';
  if (d.threshold !== undefined && (d.method ?? 'auto') === 'auto') {
    issue(at('threshold'), 'key', 'gates.drift.threshold needs a method other than auto (auto mixes p-values and distances): set method, or give thresholds per feature under per-feature');
  } else if (d.threshold !== undefined && pValue(d.method) && d.threshold > 1) {
    issue(at('threshold'), 'value', `gates.drift.threshold ${d.threshold} is not a p-value (method ${d.method}): use a value between 0 and 1`);
  }
  const listed = d.features;
  for (const [f, o] of Object.entries(d['per-feature'] ?? {})) {
    if (listed && !listed.includes(f)) {
      issue(at('per-feature', f), 'key', `gates.drift.per-feature.${f} is not one of gates.drift.features (${listed.join(', ')})`);
    }
    const method = o?.method ?? d.method;
    if (o?.threshold !== undefined && (method ?? 'auto') === 'auto') {
      issue(at('per-feature', f, 'threshold'), 'key', `gates.drift.per-feature.${f}.threshold needs a method other than auto (auto may pick a p-value or a distance): set per-feature.${f}.method`);
    } else if (o?.threshold !== undefined && pValue(method) && o.threshold > 1) {
      issue(at('per-feature', f, 'threshold'), 'value', `gates.drift.per-feature.${f}.threshold ${o.threshold} is not a p-value (method ${method}): use a value between 0 and 1`);
    }
  }
  (d['must-not-drift'] ?? []).forEach((f, i) => {
    if (listed && !listed.includes(f)) issue(at('must-not-drift', i), 'value', `gates.drift.must-not-drift[${i}] ${JSON.stringify(f)} is not one of gates.drift.features (${listed.join(', ')})`);
  });
}

/** The regression gate's cross-field rules: its datasets (default: the accuracy gate's), threshold ranges, gate-on. */
function checkRegression(
  r: NonNullable<Policy['gates']['regression']>,
  gates: Policy['gates'],
  ref: (path: PolicyPath, value: string) => void,
  issue: (path: PolicyPath, where: 'key' | 'value', message: string) => void,
): void {
  // A compared metric needs its gate (which runs again on the baseline); robust_accuracy needs true labels.
  for (const m of comparedMetrics(r)) {
    const { gate } = COMPARED[m];
    const path: PolicyPath = r.compare?.includes(m) ? ['gates', 'regression', 'compare', r.compare.indexOf(m)] : ['gates', 'regression', 'thresholds', `${m}_delta`];
    if (!(gate in gates)) issue(path, 'value', `${formatPath(path)}: comparing ${m} needs gates.${gate} (its gate measures it on both models): add gates.${gate}, or remove ${m}`);
    else if (gate === 'robustness' && gates.robustness?.labels === 'predicted') {
      issue(path, 'value', `${formatPath(path)}: gates.robustness has labels: predicted, so it measures prediction_stability, not robust_accuracy: use true labels, or remove robust_accuracy`);
    }
  }
  if (r.datasets === undefined) {
    if (gates.accuracy === undefined) issue(['gates', 'regression'], 'key', 'gates.regression needs datasets (the datasets both models run on): list them, or add gates.accuracy, whose dataset is the default');
  } else if (Array.isArray(r.datasets)) {
    r.datasets.forEach((d, i) => typeof d === 'string' && ref(['gates', 'regression', 'datasets', i], d));
  }
  // Ranges: deltas of rates move by at most 1; the rates and p-values are in [0, 1]; the JS distance (natural log) in [0, sqrt(ln 2)].
  const range: Record<string, [number, number]> = {
    mcnemar_p: [0, 1], negative_flip_rate: [0, 1], positive_flip_rate: [0, 1], churn: [0, 1], mean_abs_true_class_change: [0, 1],
    prediction_js_distance: [0, Math.sqrt(Math.LN2)],
  };
  for (const [metric, t] of Object.entries(r.thresholds ?? {})) {
    if (!t || typeof t !== 'object') continue;
    const path: PolicyPath = ['gates', 'regression', 'thresholds', metric];
    const sides = metric.endsWith('_delta') ? (['max-drop', 'max-rise'] as const) : (['min', 'max'] as const);
    const [lo, hi] = metric.endsWith('_delta') ? [0, 1] : range[metric] ?? [-Infinity, Infinity];
    for (const side of sides) {
      const v = (t as Record<string, number | undefined>)[side];
      if (v === undefined || (v >= lo && v <= hi)) continue;
      const pct = hi === 1 && v > 1 && v <= 100 ? ` (write ${v / 100} for ${v} %)` : '';
      issue([...path, side], 'value', `${formatPath([...path, side])} ${v} is outside the range of ${metric}${side.startsWith('max-') ? ` ${side === 'max-drop' ? 'drops' : 'rises'}` : ''}, which is between ${lo} and ${Number(hi.toPrecision(4))}${pct}`);
    }
    if (t.min !== undefined && t.max !== undefined && t.min > t.max) issue(path, 'key', `${formatPath(path)} has min ${t.min} > max ${t.max}: no value can pass`);
  }
  if (r['gate-on'] !== 'point' && r.bootstrap === 0) {
    issue(['gates', 'regression', 'gate-on'], 'value', `gates.regression.gate-on ${r['gate-on']} needs confidence intervals, but bootstrap is 0`);
  }
}

function samePath(a: string, b: string): boolean {
  const norm = (p: string): string => {
    const out: string[] = [];
    for (const seg of p.split(/[\\/]+/)) {
      if (seg === '' || seg === '.') continue;
      if (seg === '..') out.pop();
      else out.push(seg);
    }
    return out.join('/');
  };
  return norm(a) === norm(b);
}
