/**
 * Realistic reports to drive the renderer tests: a pass, a fail with robustness / memorisation / fairness details
 * (and hostile text everywhere a pull request controls it), and an error. Built as plain objects so that each
 * test can change a copy (`structuredClone`).
 */
import type { Report } from '../../src/report/types.ts';
import type { AttackReport, EpsilonResult } from '../../src/gates/robustness/index.ts';
import type { GroupRow } from '../../src/gates/fairness/index.ts';
import type { ClaimCheck, ModelCardReport } from '../../src/modelcard/index.ts';

/** Strings that try to escape every context we write to. */
export const HOSTILE = {
  command: '::error::pwned',
  setOutput: 'x%0A::set-output name=verdict::pass',
  newlineCommand: 'a\n::warning file=evil::boom\r::add-mask::tok',
  legacy: 'see ##[error]legacy and ##[stop-commands]tok',
  details: '</details></summary><img src=x onerror=alert(1)>',
  marker: '<!-- model-gate:credit -->',
  fence: 'a ``` b ```` c\n```\n# heading',
  mention: '@octocat and @org/team and mail@example.com',
  ref: 'fixes #123 and acme/ml#7',
  url: 'https://evil.example/x and www.evil.example',
  link: '[click](https://evil.example) ![img](x)',
  table: 'a | b | c',
  ansi: '\u001b[31mred\u001b[0m',
  bidi: 'abc\u202edcba',
  math: '$\\href{x}{y}$',
};

export const HOSTILE_ALL = Object.values(HOSTILE).join(' ');

export function passReport(): Report {
  return {
    schema: 'model-gate/report/v1',
    verdict: 'pass',
    failed_gates: [],
    mode: 'enforce',
    seed: 0,
    policy: { path: '.github/model-gate.yml', sha256: 'a'.repeat(64), source: 'base', loosened: [] },
    model: {
      path: 'models/credit/model.onnx',
      sha256: 'b'.repeat(64),
      digest: 'sha256:' + 'c'.repeat(64),
      size: 123456,
      opset: 17,
      inputs: [{ name: 'features', type: 'float32', shape: ['N', 12] }],
      outputs: [{ name: 'logits', type: 'float32', shape: ['N', 2] }],
      output_used: { name: 'logits', kind: 'logits', detected: true },
      classes: 2,
    },
    signature: {
      status: 'verified',
      method: 'keyless',
      format: 'oms',
      identity: 'https://github.com/acme/ml/.github/workflows/train.yml@refs/heads/main',
      issuer: 'https://token.actions.githubusercontent.com',
      root_digest: 'sha256:' + 'c'.repeat(64),
      log_index: 123456789,
      transparency: 'log',
      trusted_root_date: '2025-01-01',
      covers_card: true,
    },
    gates: {
      accuracy: {
        status: 'pass',
        metrics: { accuracy: 0.9123, precision: 0.88, recall: 0.9, f1: 0.8899, roc_auc: 0.95 },
        checks: [{ metric: 'accuracy', min: 0.9, value: 0.9123, pass: true, file: '.github/model-gate.yml', line: 22, col: 35 }],
        details: { classes: [0, 1], confusion: { tp: 40, fp: 5, fn: 4, tn: 51 } },
      },
      robustness: {
        status: 'pass',
        metrics: { clean_accuracy: 0.92, robust_accuracy: 0.87, attack_success_rate: 0.0543, max_perturbation: 0.03 },
        checks: [{ metric: 'robust_accuracy', min: 0.85, value: 0.87, pass: true, file: '.github/model-gate.yml', line: 31, col: 35 }],
        details: {
          per_epsilon: [
            { epsilon: 0.01, robust_accuracy: 0.91, attack_success_rate: 0.011 } as EpsilonResult,
            { epsilon: 0.02, robust_accuracy: 0.89, attack_success_rate: 0.033 } as EpsilonResult,
            { epsilon: 0.03, robust_accuracy: 0.87, attack_success_rate: 0.0543 } as EpsilonResult,
          ],
          attacks: [
            { name: 'apgd-ce', method: 'white-box', parameters: { steps: 100, restarts: 1 }, queries: 100, points_broken: 4 },
            { name: 'apgd-t', method: 'white-box', parameters: { steps: 100, targets: 9 }, queries: 900, points_broken: 1 },
          ],
          norm: 'linf',
          points: 100,
        },
      },
    },
    datasets: {
      eval: { path: 'data/eval.parquet', rows: 100, sha256: 'd'.repeat(64), format: 'parquet', changed_in_pr: false, pinned: true },
    },
    environment: { onnxruntime: '1.30.0', node: 'v24.1.0', platform: 'linux-x64', threads: 2, batch_sizes: { eval: 256 } },
    warnings: [],
    errors: [],
    timings: { total: 12.5, inference: 3.25 },
  };
}

export function failReport(): Report {
  const pol = '.github/model-gate.yml';
  return {
    schema: 'model-gate/report/v1',
    verdict: 'fail',
    failed_gates: ['robustness', 'memorisation', 'fairness', 'policy'],
    mode: 'enforce',
    seed: 7,
    policy: {
      path: pol,
      sha256: 'e'.repeat(64),
      source: 'base',
      loosened: [
        { path: 'gates.robustness.epsilon', line: 29, from: 0.03, to: 0.01, reason: 'smaller epsilon' },
        { path: 'gates.robustness.labels', line: 33, from: true, to: 'predicted' },
        { path: `gates.fairness.sensitive ${HOSTILE.command}`, line: 40, from: ['sex', 'race'], to: ['sex'], reason: HOSTILE.mention },
      ],
    },
    model: {
      path: `models/${HOSTILE.table}/model.onnx`,
      sha256: 'f'.repeat(64),
      digest: 'sha256:' + 'f'.repeat(64),
      size: 5_000_000,
      opset: 13,
      inputs: [{ name: 'x', type: 'float32', shape: [1, 1, 28, 28] }],
      outputs: [{ name: 'y', type: 'float32', shape: [1, 10] }],
    },
    signature: {
      status: 'verified',
      method: 'key',
      format: 'oms',
      key_fingerprint: 'sha256:' + '1'.repeat(64),
      transparency: 'none',
      covers_card: false,
    },
    gates: {
      robustness: {
        status: 'fail',
        metrics: { clean_accuracy: 0.98, robust_accuracy: 0.71, attack_success_rate: 0.2755, max_perturbation: 0.1 },
        checks: [
          {
            metric: 'robust_accuracy',
            min: 0.85,
            value: 0.71,
            pass: false,
            message: 'robustness.robust_accuracy 0.71 < min 0.85',
            file: pol,
            line: 31,
            col: 35,
          },
        ],
        details: {
          per_epsilon: [{ epsilon: 0.05, robust_accuracy: 0.9, attack_success_rate: 0.08 } as EpsilonResult, { epsilon: 0.1, robust_accuracy: 0.71, attack_success_rate: 0.2755 } as EpsilonResult],
          attacks: [
            { name: 'apgd-ce', method: 'white-box', parameters: { steps: 100 }, queries: 100, points_broken: 25 },
            { name: 'square', method: 'score-based', parameters: { p_init: 0.8 }, queries: 5000, points_broken: 2, upper_bound: true } as AttackReport,
          ],
        },
      },
      memorisation: {
        status: 'fail',
        metrics: {
          auc: 0.71,
          advantage: 0.33,
          'tpr_at_fpr_0.01': 0.12,
          'tpr_at_fpr_0.001': 0.05,
          train_accuracy: 1,
          holdout_accuracy: 0.81,
          generalization_gap: 0.19,
          members: 1000,
          non_members: 1000,
          duplicates: 0,
        },
        ci: { auc: [0.69, 0.73], 'tpr_at_fpr_0.01': [0.08, 0.15] },
        checks: [
          { metric: 'auc', max: 0.6, value: 0.71, compared: 0.73, pass: false, message: 'memorisation.auc 0.73 > max 0.6 (gate-on conservative: worse 95% bound)', file: pol, line: 45, col: 25 },
          { metric: 'tpr_at_fpr_0.001', max: 0.01, value: 0.05, pass: false, file: pol, line: 45, col: 40 },
        ],
        details: {
          // as src/gates/memorisation writes it: a map name → info + metrics + ci
          attacks: {
            loss: { kind: 'reference-free', score: 'loss', source: 'logits', metrics: { auc: 0.71, advantage: 0.33, 'tpr_at_fpr_0.01': 0.12, 'tpr_at_fpr_0.001': 0.05 }, ci: { auc: [0.69, 0.73] } },
            'lira-offline': { kind: 'reference-model', method: 'offline LiRA', reference_models: 4, metrics: { auc: 0.78, advantage: 0.41, 'tpr_at_fpr_0.01': 0.22, 'tpr_at_fpr_0.001': 0.09 } },
          },
          score: 'loss',
        },
      },
      fairness: {
        status: 'fail',
        metrics: { demographic_parity_difference: 0.2, demographic_parity_ratio: 0.5, equalized_odds_difference: 0.08 },
        ci: { demographic_parity_difference: [0.15, 0.25] },
        checks: [
          { metric: 'demographic_parity_difference', max: 0.1, value: 0.2, pass: false, file: pol, line: 52, col: 20 },
          { metric: 'equalized_odds_difference', max: 0.1, value: 0.08, pass: true, file: pol, line: 52, col: 60 },
        ],
        details: {
          // as src/gates/fairness writes it: rows already in display order, with the order named
          sorted_by: 'selection_rate (lowest first; demographic_parity_difference fails)',
          groups: [
            { group: 'sex=Female', values: { sex: 'Female' }, included: true, count: 400, positives: 100, negatives: 300, selected: 80, selection_rate: 0.2, true_positive_rate: 0.7, false_positive_rate: 0.05, false_negative_rate: 0.3, accuracy: 0.9 } as GroupRow,
            { group: `sex=${HOSTILE.details} ${HOSTILE.mention}`, values: { sex: `${HOSTILE.details} ${HOSTILE.mention}` }, included: true, count: 60, positives: 0, negatives: 60, selected: 18, selection_rate: 0.3, true_positive_rate: null, false_positive_rate: 0.2, false_negative_rate: null, accuracy: 0.8 } as GroupRow,
            { group: 'sex=Male', values: { sex: 'Male' }, included: true, count: 500, positives: 200, negatives: 300, selected: 200, selection_rate: 0.4, true_positive_rate: 0.75, false_positive_rate: 0.1, false_negative_rate: 0.25, accuracy: 0.85 } as GroupRow,
          ],
          excluded: [{ group: `sex=${HOSTILE.command}`, metric: 'all', reason: 'below min-group-size 30 (12 rows)' }],
        },
      },
      'model-card': {
        status: 'pass',
        metrics: {},
        checks: [
          { metric: 'accuracy', value: 0.98, min: 0.94, max: 0.96, pass: false, severity: 'warning', message: 'card claims accuracy 0.95, measured 0.98 (tolerance 0.01)', file: 'models/credit/README.md', line: 12, col: 9 },
        ],
        details: {},
      },
    },
    datasets: {
      eval: { path: `data/${HOSTILE.fence}.csv`, rows: 1000, sha256: '2'.repeat(64), format: 'csv', changed_in_pr: true, pinned: true },
      members: { path: 'data/members.parquet', rows: 1000, sha256: '3'.repeat(64), format: 'parquet', changed_in_pr: false, pinned: true },
      'non-members': { path: 'data/holdout.parquet', rows: 1000, sha256: '4'.repeat(64), format: 'parquet', changed_in_pr: null, pinned: false },
    },
    model_card: {
      path: 'models/credit/README.md',
      claims: [
        { claim: 'accuracy', claimed: 0.95, measured: 0.98, tolerance: 0.01, pass: false, onMismatch: 'warn', file: 'models/credit/README.md', line: 12, col: 9 } as ClaimCheck,
        { claim: 'robust_accuracy', claimed: 0.7, measured: 0.71, tolerance: 0.02, pass: true, file: 'models/credit/README.md', line: 14, col: 9 } as ClaimCheck,
      ],
      prose: `${HOSTILE.fence} ${HOSTILE.details} ${HOSTILE.mention} ${HOSTILE.marker}`,
      // only what the renderers read of it (src/modelcard writes the whole card diff)
    } as unknown as ModelCardReport,
    environment: { onnxruntime: '1.30.0', node: 'v24.1.0', platform: 'linux-x64', threads: 2, batch_sizes: { eval: 128 } },
    warnings: [
      { message: `column ${HOSTILE.command} has missing values`, file: 'data/eval.csv', line: 3, col: 1, code: 'data.missing' },
      { message: `group ${HOSTILE.setOutput} ${HOSTILE.newlineCommand}` },
      { message: HOSTILE_ALL, code: 'hostile' },
    ],
    errors: [],
    timings: { total: 88.1 },
  };
}

export function errorReport(): Report {
  return {
    schema: 'model-gate/report/v1',
    verdict: 'error',
    failed_gates: [],
    mode: 'enforce',
    seed: 0,
    policy: { path: '.github/model-gate.yml', sha256: '5'.repeat(64), source: 'head', loosened: [] },
    model: null,
    signature: { status: 'error', message: `bundle ${HOSTILE.legacy} is not valid JSON` },
    gates: {},
    datasets: {},
    environment: null,
    warnings: [{ message: 'the policy is not in the base commit: read from head (this pull request introduces it)', code: 'policy.from-head' }],
    errors: [
      {
        message: `.github/model-gate.yml:12:5: gates.robustnes is not a known gate ${HOSTILE.command}; did you mean robustness?`,
        code: 'policy.schema',
        file: '.github/model-gate.yml',
        line: 12,
        col: 5,
      },
      { message: `dataset file data/${HOSTILE.newlineCommand}.csv is missing`, code: 'data.missing' },
    ],
    timings: { total: 0.2 },
  };
}

/** A report with many fairness groups and many failing checks (size caps). */
export function hugeReport(groups = 20000, checks = 120): Report {
  const r = failReport();
  const g = r.gates.fairness!;
  g.details.groups = Array.from({ length: groups }, (_, i) => ({
    group: `grp=${i} ${HOSTILE.details}`,
    count: 30 + (i % 50),
    selection_rate: (i % 97) / 97,
    true_positive_rate: (i % 89) / 89,
    false_positive_rate: (i % 83) / 83,
    false_negative_rate: 1 - (i % 89) / 89,
    accuracy: 0.5,
  }) as GroupRow);
  g.checks = Array.from({ length: checks }, (_, i) => ({
    metric: `demographic_parity_difference`,
    max: 0.1,
    value: 0.2 + i / 1000,
    pass: false,
    message: `check ${i} ${'x'.repeat(400)} ${HOSTILE.mention}`,
    file: '.github/model-gate.yml',
    line: 100 + i,
    col: 3,
  }));
  r.warnings = Array.from({ length: 500 }, (_, i) => ({ message: `warning ${i} ${'y'.repeat(300)}` }));
  return r;
}
