/**
 * The starter policy `model-gate init` writes (no console I/O: src/cli/init.ts prints and writes). It is built from
 * what a gate run itself would see: the model through src/model/inspect.ts (inputs, the output the gates read), the
 * data through the dataset loader (src/data/load.ts: CSV or Parquet, hashed for the pins), the mapping of model inputs
 * to columns checked by the feature view (src/model/features.ts) whose feature order the robustness bounds follow;
 * and the text is validated by the policy loader (parsePolicy) before it is returned. Comments are real YAML
 * comments (the `yaml` Document API), so they survive editors and re-serialisation.
 */
import path from 'node:path';
import { Document, isPair, isScalar, type Pair, type Scalar, type YAMLMap } from 'yaml';
import { GateError } from '../errors.ts';
import { loadDataset } from '../data/load.ts';
import type { Column, Dataset } from '../data/types.ts';
import { buildFeatureView, type InputInfo, type InputMapping } from '../model/features.ts';
import type { ModelInspection } from '../model/inspect.ts';
import { resolveInside } from '../util/paths.ts';
import { parsePolicy, PolicyError } from './load.ts';

export interface StarterOptions {
  /** Absolute workspace: the folder `check` runs in; every path in the policy is relative to it. */
  workspace: string;
  /** Paths as the user typed them (resolved against `cwd`). */
  cwd: string;
  model: string;
  data: string;
  label?: string;
  exclude: string[];
  sensitive: string[];
  members?: string;
  nonMembers?: string;
  /** A reference data set (e.g. the training sample) for the drift gate: the evaluation data is compared with it. */
  reference?: string;
  /** A PEM public key the model must be signed with: the signature is then required from the start. */
  key?: string;
  /** Where the policy will be written, relative to the workspace (for the validation messages). */
  policyFile: string;
}

export interface StarterPolicy {
  text: string;
  /** What was decided, one line each (for the terminal). */
  summary: string[];
}

/** Exact headers taken as the label without --label. */
export const LABEL_GUESSES = ['label', 'target', 'y', 'class'] as const;
/** Placeholder thresholds: every gate must check something; each is commented as a value to set. */
const ACCURACY_MIN = 0.8;
const ROBUST_MIN = 0.5;
const EPSILON = 0.1;
const ROBUST_LIMIT = 100;
const DPD_MAX = 0.1;
const MIA_AUC_MAX = 0.6;
const MIN_GROUP = 30;
const ACCURACY_DROP_MAX = 0.01;
const NEGATIVE_FLIP_MAX = 0.05;
const SHARE_DRIFTED_MAX = 0.3;

export async function buildStarterPolicy(o: StarterOptions, inspect: (file: string) => Promise<Omit<ModelInspection, 'gradient'>>): Promise<StarterPolicy> {
  const summary: string[] = [];
  const model = inWorkspace(o, o.model, '--model');
  const key = o.key !== undefined ? inWorkspace(o, o.key, '--key') : undefined;
  const data = inWorkspace(o, o.data, '--data');
  if ((o.members === undefined) !== (o.nonMembers === undefined)) {
    throw new GateError('init.usage', 'the memorisation gate needs both --members FILE (training records) and --non-members FILE (held-out records)');
  }

  const m = await inspect(model.abs);
  if (!m.output.ok) throw new GateError('init.output', `${model.rel}: ${m.output.error}`);
  const output = m.output;
  const nonTensor = m.inputs.find((i) => !i.tensor);
  if (nonTensor) throw new GateError('init.inputs', `${model.rel}: input "${nonTensor.name}" is ${nonTensor.type}, not a tensor: model-gate feeds tensor inputs only`);

  const eval_ = await tabular('eval', data.rel, o);
  const headers = [...eval_.columns.keys()];
  const label = o.label ?? guessLabel(headers, data.rel);
  if (!eval_.columns.has(label)) throw new GateError('init.label', `--label ${label}: ${data.rel} has no such column (headers: ${headers.join(', ')})`);
  for (const c of [...o.exclude, ...o.sensitive]) {
    if (!eval_.columns.has(c)) throw new GateError('init.column', `column "${c}" is not in ${data.rel} (headers: ${headers.join(', ')})`);
    if (c === label) throw new GateError('init.column', `"${c}" is the label column: it cannot be excluded or sensitive as well`);
  }

  // Model inputs -> columns: an input named like a column takes that column; one input left takes the remaining
  // feature columns in file order (sensitive columns only when the input's width needs them).
  const mapping: InputMapping = {};
  const used = new Set<string>();
  const candidates = headers.filter((c) => c !== label && !o.exclude.includes(c));
  const left = m.inputs.filter((i) => {
    if (candidates.includes(i.name)) {
      mapping[i.name] = { from: i.name };
      used.add(i.name);
      return false;
    }
    return true;
  });
  if (left.length > 1) {
    throw new GateError('init.inputs', `${model.rel} has ${m.inputs.length} inputs and ${left.map((i) => `"${i.name}"`).join(', ')} match no column of ${data.rel} by name (headers: ${headers.join(', ')}): write model.inputs by hand (see policies/README.md)`);
  }
  if (left.length === 1) {
    const input = left[0];
    const rest = candidates.filter((c) => !used.has(c));
    const plain = rest.filter((c) => !o.sensitive.includes(c));
    const width = staticWidth(input.shape);
    let cols = plain;
    if (width !== null && plain.length !== width) {
      if (rest.length === width) cols = rest;
      else {
        throw new GateError(
          'init.inputs',
          `model input "${input.name}" takes ${width} values per row (shape [${(input.shape ?? []).join(', ')}]) but ${data.rel} has ${plain.length} feature columns (${plain.join(', ')}${o.sensitive.length ? `; sensitive: ${o.sensitive.join(', ')}` : ''}): leave the columns the model does not take out with --exclude COL`,
        );
      }
    }
    if (cols.length === 0) throw new GateError('init.inputs', `${data.rel} has no feature column left for model input "${input.name}" after the label and --exclude`);
    mapping[input.name] = { from: cols };
  }
  // Sensitive columns that feed the model (by name, or needed by the input's width) stay in the data's features.
  const fed = new Set(Object.values(mapping).flatMap((x) => (Array.isArray(x.from) ? x.from : [x.from])));
  const sensitiveFed = o.sensitive.filter((c) => fed.has(c));
  // The same check a gate run makes (column kinds, element counts); its feature order is the bounds' order.
  const infos: InputInfo[] = m.inputs.map((i) => ({ name: i.name, type: i.type as InputInfo['type'], shape: i.shape ?? [] }));
  const view = buildFeatureView(eval_, infos, mapping, { policyFile: o.policyFile });

  // Labels: numbers as they are; text labels map to the model's classes (sklearn string classes need no map).
  const labels = eval_.columns.get(label)!;
  const classes = distinctLabels(labels);
  let labelMap: Record<string, number> | undefined;
  if (labels.kind === 'string' && !(output.class_labels && output.class_labels.every((c) => typeof c === 'string'))) {
    labelMap = Object.fromEntries(classes.map((c, i) => [String(c), i]));
  }

  // What a data file excludes: the evaluation data's excluded columns that it has (an exclude of a missing column is
  // an error), and its columns that the evaluation data does not have (a split marker), so that its features are the
  // evaluation data's (the drift gate tests each feature against the same column of the other side).
  const onlyIn = (d: Dataset): string[] => [...d.columns.keys()].filter((c) => !eval_.columns.has(c));
  const excludeIn = (d: Dataset, also: string[] = []): string[] => [...excludeOf(o, sensitiveFed), ...also, ...onlyIn(d)].filter((c) => d.columns.has(c));
  const ds = (d: Dataset): Record<string, unknown> => {
    const exclude = excludeIn(d);
    return { path: d.path, label, ...(labelMap ? { 'label-map': labelMap } : {}), ...(exclude.length ? { exclude } : {}), sha256: d.sha256 };
  };
  const datasets: Record<string, unknown> = { eval: ds(eval_) };
  let members: Dataset | undefined;
  let nonMembers: Dataset | undefined;
  if (o.members !== undefined && o.nonMembers !== undefined) {
    const mf = inWorkspace(o, o.members, '--members');
    const nf = inWorkspace(o, o.nonMembers, '--non-members');
    if (mf.rel === nf.rel) throw new GateError('init.usage', `--members and --non-members are the same file (${mf.rel}): give the training records and the held-out records`);
    members = await tabular('members', mf.rel, o);
    nonMembers = await tabular('non-members', nf.rel, o);
    for (const d of [members, nonMembers]) {
      const missing = [label, ...Object.values(mapping).flatMap((x) => (Array.isArray(x.from) ? x.from : [x.from]))].filter((c) => !d.columns.has(c));
      if (missing.length) throw new GateError('init.column', `${d.path} has no column ${missing.map((c) => `"${c}"`).join(', ')} (headers: ${[...d.columns.keys()].join(', ')}): members and non-members need the columns of ${data.rel}`);
    }
    datasets.members = ds(members);
    datasets['non-members'] = ds(nonMembers);
  }
  // Drift: the evaluation data against a reference. The members or non-members file, when it is the reference, is
  // that dataset; another file is its own dataset, without a label (the drift gate reads none): its label column,
  // when it has one, is excluded with the other non-model columns, so both sides test the same features.
  let referenceName: string | undefined;
  let reference: Dataset | undefined;
  if (o.reference !== undefined) {
    const rf = inWorkspace(o, o.reference, '--reference');
    if (rf.rel === data.rel) throw new GateError('init.usage', `--reference is the evaluation data itself (${rf.rel}): give the data the model was trained on (or a sample of it)`);
    if (members && rf.rel === members.path) {
      referenceName = 'members';
      reference = members;
    } else if (nonMembers && rf.rel === nonMembers.path) {
      referenceName = 'non-members';
      reference = nonMembers;
    } else {
      const ref = (reference = await tabular('reference', rf.rel, o));
      const missing = [...fed].filter((c) => !ref.columns.has(c));
      if (missing.length) throw new GateError('init.column', `${ref.path} has no column ${missing.map((c) => `"${c}"`).join(', ')} (headers: ${[...ref.columns.keys()].join(', ')}): the reference needs the model's input columns of ${data.rel}`);
      const exclude = excludeIn(ref, [label]);
      referenceName = 'reference';
      datasets.reference = { path: ref.path, ...(exclude.length ? { exclude } : {}), sha256: ref.sha256 };
    }
  }

  // Robustness: float features only; bounds = the data's min and max per feature (as the float32 values the gate
  // compares), integer = the float features whose every value is whole.
  const gates: Record<string, unknown> = { accuracy: { dataset: 'eval', thresholds: { accuracy: { min: ACCURACY_MIN } } } };
  const names = view.featureNames ?? [];
  const floatCols = names.filter((_, j) => view.perturbable[j] === 1);
  let bounds: [string[], string[]] | null = null;
  let integerCols: string[] = [];
  const constantCols: string[] = [];
  const sensitiveCols: string[] = [];
  let oneHotPrefixes: string[] = [];
  // A missing value in a perturbed feature: there is no clean value to attack (nor a standard deviation).
  const gap = floatCols.find((c) => {
    const col = eval_.columns.get(c)!;
    return col.kind !== 'number' || col.values.some((v) => Number.isNaN(v));
  });
  if (floatCols.length > 0 && gap === undefined) {
    const valuesOf = (c: string): Float64Array => {
      const col = eval_.columns.get(c)!;
      return col.kind === 'number' ? col.values : new Float64Array(0);
    };
    const binary = (c: string) => valuesOf(c).every((v) => v === 0 || v === 1);
    // One-hot groups: the feature columns sharing a prefix up to the first "=" (Adult's `sex=Male`) or "_" (pandas'
    // get_dummies), at least two, every one 0/1 and at most one 1 per row; named by prefix.
    const prefixOf = (c: string) => {
      const i = c.search(/[=_]/);
      return i > 0 ? c.slice(0, i + 1) : null;
    };
    const byPrefix = new Map<string, string[]>();
    for (const c of floatCols) {
      const p = prefixOf(c);
      if (p) byPrefix.set(p, [...(byPrefix.get(p) ?? []), c]);
    }
    const oneHot: string[] = [];
    const inGroup = new Set<string>();
    for (const [p, cols] of byPrefix) {
      const all = names.filter((c) => c.startsWith(p));
      if (cols.length < 2 || all.length !== cols.length || !cols.every(binary)) continue;
      const vs = cols.map(valuesOf);
      let ok = true;
      for (let r = 0; ok && r < eval_.rows; r++) ok = vs.reduce((sum, v) => sum + v[r], 0) <= 1;
      if (!ok) continue;
      for (const c of cols) inGroup.add(c);
      // The encoding of a sensitive attribute (--sensitive sex: sex=Female, sex=Male) is not something an attacker
      // changes: immutable, not a categorical feature to flip.
      if (o.sensitive.includes(p.slice(0, -1))) sensitiveCols.push(...cols);
      else oneHot.push(p);
    }
    const lo: string[] = [];
    const hi: string[] = [];
    for (const c of names) {
      const r = range(valuesOf(c));
      if (binary(c) && view.perturbable[names.indexOf(c)] === 1) {
        // 0/1 columns: their domain, whatever this sample holds (a category absent here is still a category).
        lo.push('0');
        hi.push('1');
      } else if (r.min === r.max) {
        // Constant in the data: nothing to learn its range from; immutable, bounds only wide enough to be valid.
        constantCols.push(c);
        lo.push(boundDecimal(r.min - 1, 'lo'));
        hi.push(boundDecimal(r.max + 1, 'hi'));
      } else {
        lo.push(boundDecimal(r.min, 'lo'));
        hi.push(boundDecimal(r.max, 'hi'));
      }
    }
    bounds = [lo, hi];
    oneHotPrefixes = oneHot;
    integerCols = floatCols.filter((c) => !inGroup.has(c) && !constantCols.includes(c) && valuesOf(c).every((v) => Number.isInteger(v)));
    gates.robustness = {
      dataset: 'eval',
      limit: Math.min(ROBUST_LIMIT, eval_.rows),
      norm: 'linf',
      epsilon: EPSILON,
      'epsilon-scale': 'std',
      bounds: [bounds[0].map(Number), bounds[1].map(Number)],
      ...(constantCols.length || sensitiveCols.length ? { immutable: [...sensitiveCols, ...constantCols.filter((c) => floatCols.includes(c) && !sensitiveCols.includes(c))] } : {}),
      ...(integerCols.length ? { integer: integerCols } : {}),
      ...(oneHot.length ? { 'one-hot': oneHot.map((prefix) => ({ prefix })) } : {}),
      thresholds: { robust_accuracy: { min: ROBUST_MIN } },
    };
    if (!sensitiveCols.length && !constantCols.some((c) => floatCols.includes(c))) delete (gates.robustness as Record<string, unknown>).immutable;
  }
  const noRobustness = gates.robustness ? null : floatCols.length === 0
    ? 'the model has no float input (the robustness gate perturbs float inputs only)'
    : `column "${gap}" of ${data.rel} has missing values (an attack needs a value to perturb): fill them, then add gates.robustness (policies/examples/credit-scoring.yml shows one)`;
  let groupNote = '';
  let minGroup: number | undefined;
  let positive: string | number | undefined;
  if (o.sensitive.length > 0) {
    const sizes = groupSizes(eval_, o.sensitive);
    groupNote = sizes.slice(0, 10).map(([g, n]) => `${g} ${n}`).join(', ') + (sizes.length > 10 ? `, ... (${sizes.length} groups)` : '');
    const big = sizes.filter(([, n]) => n >= MIN_GROUP).length;
    if (big < 2) minGroup = Math.max(1, sizes.length > 1 ? sizes[1][1] : 1);
    if (classes.length > 2) positive = labelMap ? classes.length - 1 : classes[classes.length - 1];
    gates.fairness = {
      dataset: 'eval',
      sensitive: o.sensitive,
      ...(positive !== undefined ? { 'positive-label': positive } : {}),
      ...(minGroup !== undefined ? { 'min-group-size': minGroup } : {}),
      thresholds: { demographic_parity_difference: { max: DPD_MAX } },
    };
  }
  if (members && nonMembers) {
    gates.memorisation = { members: 'members', 'non-members': 'non-members', thresholds: { auc: { max: MIA_AUC_MAX } } };
  }
  // Regression: against the base commit's model on pull requests (skipped elsewhere); it needs every row labelled.
  const unlabelled = labels.kind === 'number' ? labels.values.filter((v) => Number.isNaN(v)).length : labels.values.filter((v) => v === null || v === '').length;
  if (unlabelled === 0) {
    gates.regression = { thresholds: { accuracy_delta: { 'max-drop': ACCURACY_DROP_MAX }, negative_flip_rate: { max: NEGATIVE_FLIP_MAX } } };
  }
  if (referenceName) {
    gates.drift = { reference: referenceName, current: 'eval', method: 'auto', thresholds: { share_drifted: { max: SHARE_DRIFTED_MAX } } };
  }

  const policy = {
    version: 1,
    seed: 0,
    // The output the gates read, pinned when it is a graph output (an exposed intermediate is found by detection).
    model: { path: model.rel, inputs: mapping, ...(output.exposed ? {} : { output: { name: output.name, kind: output.kind } }) },
    signature: key ? { required: true, bundle: `${model.rel}.sig`, key: key.rel } : { required: false },
    datasets,
    gates,
  };

  // ---- the document, with its comments
  const doc = new Document(policy, { version: '1.2' });
  const node = (p: (string | number)[]) => doc.getIn(p, true) as YAMLMap | Scalar;
  const keyOf = (p: (string | number)[]): Scalar => {
    const parent = (p.length === 1 ? doc.contents : doc.getIn(p.slice(0, -1), true)) as YAMLMap;
    const pair = parent.items.find((x) => isPair(x) && isScalar(x.key) && x.key.value === p[p.length - 1]) as Pair<Scalar, unknown>;
    return pair.key;
  };
  const before = (p: (string | number)[], text: string) => {
    const k = keyOf(p);
    const lines = text.split('\n').map((l) => (l ? ` ${l}` : '')).join('\n');
    k.commentBefore = k.commentBefore ? `${k.commentBefore}\n${lines}` : lines;
  };
  const after = (p: (string | number)[], text: string) => {
    (node(p) as Scalar).comment = ` ${text}`;
  };
  const flow = (p: (string | number)[]) => {
    const n = doc.getIn(p, true) as { flow?: boolean } | undefined;
    if (n && typeof n === 'object') n.flow = true;
  };

  doc.commentBefore = [
    ` model-gate policy: a starter written by \`model-gate init\` from ${model.rel} and ${data.rel}.`,
    ' Every path below is relative to the workspace (the folder `model-gate check` runs in), not to this file.',
    ' The thresholds are placeholders: run `model-gate check`, read the measured values, then set each threshold',
    ' to what this model must keep. Key reference: policies/README.md in the model-gate repository.',
  ].join('\n');
  before(['seed'], 'Every random choice (sampling, attacks, bootstrap) follows this seed.');
  after(['model', 'path'], `pinned through signature (below) once it is signed; sha256 now ${m.sha256}`);
  for (const [name, spec] of Object.entries(mapping)) if (Array.isArray(spec.from)) flow(['model', 'inputs', name, 'from']);
  if (output.exposed) before(['model', 'inputs'], `Output: detected at each run (as \`model-gate inspect\` shows): ${output.reason}.`);
  before(['model', 'inputs'], left.length === 1 && Array.isArray(mapping[left[0].name].from) && (mapping[left[0].name].from as string[]).length > 1
    ? 'Which columns feed each model input. CHECK THE ORDER: it must be the column order the model was trained on\n(init took the file\'s order).'
    : 'Which column feeds each model input (matched by name).');
  if (!output.exposed) {
    flow(['model', 'output']);
    after(['model', 'output'], `what \`model-gate inspect\` found: ${output.reason}`);
  }

  const keygen = [
    '  openssl ecparam -genkey -name prime256v1 -noout | openssl pkcs8 -topk8 -nocrypt > gate.key  (keep it secret)',
    `  openssl ec -in gate.key -pubout > ${key ? key.rel : 'keys/gate.pub'}`,
  ];
  before(['signature'], (key
    ? [
      'Signature: REQUIRED. model-gate runs the model only when this key\'s signature over it verifies, so until the model',
      'is signed `model-gate check` fails (verdict fail, no gate runs). Sign it with the private half of the key:',
      `  model-gate sign ${model.rel} --signing-key <private key PEM>      (writes ${model.rel}.sig)`,
      'and sign again whenever the model changes (in CI: the training job signs, or model-gate sign --keyless).',
    ]
    : [
      'Signature: OFF in this starter, so that the first `model-gate check` runs before the model is signed.',
      'model-gate refuses to run a model whose signature fails; turn it on before this policy gates a deployment:',
      ...keygen,
      `  model-gate sign ${model.rel} --signing-key gate.key       (writes ${model.rel}.sig)`,
      `then replace the next line with:  { required: true, bundle: ${model.rel}.sig, key: keys/gate.pub }`,
      '(or init --key keys/gate.pub; or sign keyless in GitHub Actions: model-gate sign --keyless, and keyless: { identity, issuer }).',
    ]).join('\n'));
  flow(['signature']);

  before(['datasets'], 'sha256 pins: a data file that changes without its pin is tampering (verdict fail). Update a pin in a reviewed change.');
  if (labelMap) {
    flow(['datasets', 'eval', 'label-map']);
    after(['datasets', 'eval', 'label-map'], 'CHECK: text labels mapped to the model\'s class indices in sorted order');
    for (const k of ['members', 'non-members']) if (datasets[k]) flow(['datasets', k, 'label-map']);
  }
  for (const k of ['eval', 'members', 'non-members', 'reference']) if (datasets[k] && (datasets[k] as { exclude?: unknown }).exclude) flow(['datasets', k, 'exclude']);

  if (noRobustness) before(['gates'], `No robustness gate: ${noRobustness}.`);
  if (!gates.regression) before(['gates'], `No regression gate: ${unlabelled} rows of ${data.rel} have no label (the gate compares correctness row by row).`);
  flow(['gates', 'accuracy', 'thresholds', 'accuracy']);
  after(['gates', 'accuracy', 'thresholds', 'accuracy'], 'placeholder: the accuracy this model must keep');
  if (gates.robustness) {
    before(['gates', 'robustness'], `Adversarial robustness: the attacks perturb the float features (${floatCols.length} of ${names.length}) within epsilon.`);
    after(['gates', 'robustness', 'limit'], 'points attacked; attacks take time, raise it when the run is fast enough');
    after(['gates', 'robustness', 'epsilon'], 'with epsilon-scale std: 0.1 standard deviation of each feature, a small, plausible change');
    flow(['gates', 'robustness', 'bounds', 0]);
    flow(['gates', 'robustness', 'bounds', 1]);
    before(['gates', 'robustness', 'bounds'], `Valid range of each feature, the min and max in ${data.rel} as the float32 values the model reads, in\nfeature order: ${names.join(', ')}.\nWiden them to the real domain (an attack may go anywhere inside).`);
    if ((gates.robustness as Record<string, unknown>).immutable) {
      flow(['gates', 'robustness', 'immutable']);
      const why = [sensitiveCols.length ? `the encoding of the sensitive ${[...new Set(sensitiveCols.map((c) => c.slice(0, c.search(/[=_]/))))].join(', ')} (not an adversarial change)` : '', constantCols.some((c) => floatCols.includes(c) && !sensitiveCols.includes(c)) ? `columns constant in ${data.rel} (their bounds are only there to be valid)` : ''].filter(Boolean).join('; ');
      after(['gates', 'robustness', 'immutable'], `not attacked: ${why}`);
    }
    if (oneHotPrefixes.length) {
      after(['gates', 'robustness', 'one-hot'], `0/1 columns sharing a prefix, at most one 1 per row in ${data.rel}: each group moves as one categorical feature (max-categorical-changes, default 1)`);
    }
    if (integerCols.length) {
      flow(['gates', 'robustness', 'integer']);
      after(['gates', 'robustness', 'integer'], `every value in ${data.rel} is whole: they stay whole under attack (drop any that is really continuous)`);
    }
    flow(['gates', 'robustness', 'thresholds', 'robust_accuracy']);
    after(['gates', 'robustness', 'thresholds', 'robust_accuracy'], 'placeholder: accuracy that must survive the attacks');
  }
  if (gates.fairness) {
    flow(['gates', 'fairness', 'sensitive']);
    before(['gates', 'fairness'], `Group fairness over ${o.sensitive.join(' x ')}; groups in ${data.rel}: ${groupNote}.`);
    if (minGroup !== undefined) after(['gates', 'fairness', 'min-group-size'], `lowered from ${MIN_GROUP}: fewer than two groups have ${MIN_GROUP} rows; rates of small groups are noisy`);
    if (positive !== undefined) after(['gates', 'fairness', 'positive-label'], `${classes.length} classes: this one is compared against the rest; pick the decision that matters`);
    flow(['gates', 'fairness', 'thresholds', 'demographic_parity_difference']);
    after(['gates', 'fairness', 'thresholds', 'demographic_parity_difference'], 'placeholder: largest gap in selection rate between groups');
  }
  if (gates.memorisation) {
    before(['gates', 'memorisation'], 'Membership inference: can the training records (members) be told from held-out records?');
    flow(['gates', 'memorisation', 'thresholds', 'auc']);
    after(['gates', 'memorisation', 'thresholds', 'auc'], 'placeholder: 0.5 is chance; higher means the model memorised its training data');
  }
  if (gates.regression) {
    before(['gates', 'regression'], [
      `Regression: this model against a baseline model on the same rows (${data.rel}). On pull requests the baseline`,
      'is the model at the base commit (read from git, its signature checked with the base commit\'s policy and keys).',
      'Elsewhere (a push without a base commit, `model-gate check`) the gate is skipped with the reason, unless a',
      'baseline is pinned:  baseline: { path: released/model.onnx, sha256: <sha256 of its bytes> }',
    ].join('\n'));
    flow(['gates', 'regression', 'thresholds', 'accuracy_delta']);
    after(['gates', 'regression', 'thresholds', 'accuracy_delta'], 'placeholder: accuracy this model may lose against the baseline');
    flow(['gates', 'regression', 'thresholds', 'negative_flip_rate']);
    after(['gates', 'regression', 'thresholds', 'negative_flip_rate'], 'placeholder: share of rows the baseline gets right and this model gets wrong');
  }
  if (gates.drift) {
    before(['gates', 'drift'], [
      `Data drift: each model input column of ${data.rel} (eval) against ${reference!.path} (${referenceName}), and the model's`,
      'predicted class and confidence on both. method auto is Evidently\'s default test per feature: up to 1000 reference',
      'rows a p-value (KS, chi-square or Z; drift when < 0.05), above that a distance (Wasserstein / std or',
      'Jensen-Shannon; drift when >= 0.1).',
    ].join('\n'));
    flow(['gates', 'drift', 'thresholds', 'share_drifted']);
    after(['gates', 'drift', 'thresholds', 'share_drifted'], 'placeholder: the share of features that may drift');
  }

  // Bounds are written as the decimals boundDecimal chose (a number's shortest round-trip text).
  const text = doc.toString({ lineWidth: 0 });
  try {
    parsePolicy(text, o.policyFile);
  } catch (e) {
    const why = e instanceof PolicyError ? e.message : (e as Error).message;
    throw new GateError('internal', `internal error: the starter policy does not validate (${why}): this is a bug in model-gate, please report it`);
  }

  summary.push(`model ${model.rel}: inputs ${Object.entries(mapping).map(([k, v]) => `${k} <- ${Array.isArray(v.from) ? v.from.join(', ') : v.from}`).join('; ')}`);
  summary.push(`output "${output.name}" as ${output.kind} (${output.reason})`);
  summary.push(`label column "${label}"${o.label === undefined ? ' (guessed from the header)' : ''}, ${classes.length} classes${labelMap ? ' (text: label-map added, check it)' : ''}`);
  summary.push(`gates: ${Object.keys(gates).join(', ')}${noRobustness ? ` (no robustness gate: ${noRobustness})` : ''}${gates.regression ? '' : ` (no regression gate: ${unlabelled} rows of ${data.rel} have no label)`}`);
  if (gates.regression) summary.push('regression: against the base commit\'s model on pull requests; skipped by model-gate check and on pushes unless a baseline is pinned');
  summary.push(key
    ? `signature: required, key ${key.rel}, bundle ${model.rel}.sig: check fails until you run model-gate sign ${model.rel} --signing-key <private key>`
    : 'signature: required: false in this starter (see the comment in the file to sign and turn it on)');
  return { text, summary };
}

function inWorkspace(o: StarterOptions, p: string, flag: string): { abs: string; rel: string } {
  const abs = path.resolve(o.cwd, p);
  const rel = path.relative(o.workspace, abs).split(path.sep).join('/');
  if (rel === '' || rel === '..' || rel.startsWith('../') || path.isAbsolute(rel)) {
    throw new GateError('init.path', `${flag} ${p} is outside the workspace ${o.workspace}: the policy's paths are relative to the workspace; run init from the repository root, or give --workspace`);
  }
  return resolveInside(o.workspace, o.workspace, rel, flag);
}

async function tabular(name: string, rel: string, o: StarterOptions): Promise<Dataset> {
  if (rel.toLowerCase().endsWith('.npy')) {
    throw new GateError('init.format', `${rel}: init writes policies for tabular data (CSV, Parquet); for .npy tensors start from policies/examples/image-classifier.yml`);
  }
  return loadDataset(name, { path: rel }, { workspace: o.workspace, workingDirectory: o.workspace });
}

function guessLabel(headers: string[], file: string): string {
  const hits = headers.filter((h) => (LABEL_GUESSES as readonly string[]).includes(h));
  if (hits.length === 1) return hits[0];
  const why = hits.length === 0 ? `no column is named ${LABEL_GUESSES.join(', ')}` : `several could be (${hits.join(', ')})`;
  throw new GateError('init.label', `cannot tell the label column of ${file}: ${why} (headers: ${headers.join(', ')}): give it with --label COL`);
}

function staticWidth(shape: (number | string)[] | null): number | null {
  if (!shape || shape.length < 2) return shape && shape.length === 1 ? 1 : null;
  const rest = shape.slice(1);
  return rest.every((d) => typeof d === 'number' && d > 0) ? (rest as number[]).reduce((a, b) => a * b, 1) : null;
}

function excludeOf(o: StarterOptions, sensitiveFed: string[]): string[] {
  return [...o.exclude, ...o.sensitive.filter((c) => !sensitiveFed.includes(c))];
}

function distinctLabels(c: Column): (string | number)[] {
  const set = new Set<string | number>();
  if (c.kind === 'number') for (const v of c.values) { if (!Number.isNaN(v)) set.add(v); }
  else for (const v of c.values) if (v !== null) set.add(v);
  return [...set].sort((a, b) => (typeof a === 'number' && typeof b === 'number' ? a - b : String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0));
}

/** min and max of a column as the float32 values the gate compares (missing values left out; 0 for none). */
function range(values: Float64Array): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (Number.isNaN(v)) continue;
    const f = Math.fround(v);
    if (f < min) min = f;
    if (f > max) max = f;
  }
  return min <= max ? { min, max } : { min: 0, max: 0 };
}

/**
 * The shortest decimal d with fround(d) = f and d <= f (a lower bound) or d >= f (an upper bound): every float32
 * value of the data stays inside [lo, hi], and a value the attack clips to the bound rounds back to f.
 */
export function boundDecimal(f: number, side: 'lo' | 'hi'): string {
  for (let p = 1; p <= 17; p++) {
    const s = String(Number(f.toPrecision(p)));
    const d = Number(s);
    if (Math.fround(d) === f && (side === 'lo' ? d <= f : d >= f)) return s;
  }
  return String(f);
}

/** Rows per group (the intersections of the sensitive columns), largest first. */
function groupSizes(ds: Dataset, cols: string[]): [string, number][] {
  const counts = new Map<string, number>();
  for (let r = 0; r < ds.rows; r++) {
    const key = cols.map((c) => {
      const col = ds.columns.get(c)!;
      const v = col.values[r];
      return v === null || (typeof v === 'number' && Number.isNaN(v)) ? '(missing)' : String(v);
    }).join(' / ');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}

