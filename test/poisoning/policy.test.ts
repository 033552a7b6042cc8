/**
 * gates.poisoning in the policy: defaults, the cross-field rules (a screen needs its section and the section its
 * screen; a screen's metric needs the screen; STRIP's clean rows are not the screened ones) and the loosening rules.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { diagnosePolicy, parsePolicy } from '../../src/policy/load.ts';
import { compareStrictness } from '../../src/policy/loosening.ts';

const policy = (poisoning: string) => `version: 1
model: { path: m.onnx }
signature: { required: false }
datasets:
  train: { path: train.npy, labels: y.npy }
  heldout: { path: heldout.npy }
  oof: { path: oof.npy }
gates:
  poisoning:
${poisoning}`;

test('defaults: spectral and clustering, min-class-size 20, each screen\'s documented defaults', () => {
  const p = parsePolicy(policy('    dataset: train\n    thresholds: { flagged_classes: { max: 0 } }\n'), 'p.yml').policy;
  assert.deepEqual(p.gates.poisoning, {
    dataset: 'train',
    screens: ['spectral', 'clustering'],
    'min-class-size': 20,
    'expected-rate': 0.1,
    spectral: { 'min-separation': 4.5, 'min-share': 0.05, factor: 1.5 },
    clustering: { components: 10, inits: 10, 'min-silhouette': 0.42, 'min-relative-size': 0.05, 'max-relative-size': 0.5 },
    grid: 25,
    thresholds: { flagged_classes: { max: 0 } },
  });
  const s = parsePolicy(policy('    dataset: train\n    screens: [strip]\n    strip: { clean: heldout }\n    thresholds: { strip_suspected_fraction: { max: 0.05 } }\n'), 'p.yml').policy;
  assert.deepEqual(s.gates.poisoning!.strip, { clean: 'heldout', n: 100, frr: 0.01 });
});

test('cross-field rules: every problem in one list, each at its key', () => {
  const problems = (text: string) => diagnosePolicy(text, 'p.yml').problems.map((x) => x.message);
  assert.deepEqual(problems(policy('    dataset: nope\n    screens: [spectral, strip, labels]\n    thresholds: { flagged_classes: { max: 0 }, label_issue_fraction: { max: 0.1 }, clustering_flagged_classes: { max: 0 } }\n')), [
    'p.yml:10:14: gates.poisoning.dataset names dataset "nope", which is not defined under datasets (datasets: train, heldout, oof)',
    'p.yml:11:25: gates.poisoning.screens lists strip, which needs gates.poisoning.strip.clean (held-out clean rows to superimpose)',
    'p.yml:11:32: gates.poisoning.screens lists labels, which needs out-of-sample predicted probabilities of the screened rows (gates.poisoning.labels.probabilities); the gate never computes them in-sample',
    'p.yml:12:84: gates.poisoning.thresholds.clustering_flagged_classes needs the clustering screen: add clustering to gates.poisoning.screens, or remove the threshold',
  ]);
  assert.deepEqual(problems(policy('    dataset: train\n    strip: { clean: train, clip: [1, 0] }\n    labels: { probabilities: { dataset: oof } }\n    thresholds: { flagged_classes: { max: 0 } }\n')), [
    'p.yml:11:5: gates.poisoning.strip is set but screens does not list strip: add strip to gates.poisoning.screens, or remove the section',
    'p.yml:11:21: gates.poisoning.strip.clean is the screened dataset ("train"): the clean rows must be held out (never trained on)',
    'p.yml:11:34: gates.poisoning.strip.clip [1, 0] is empty: write [lo, hi] with lo < hi',
    'p.yml:12:5: gates.poisoning.labels is set but screens does not list labels: add labels to gates.poisoning.screens, or remove the section',
  ]);
  // The schema: a probabilities source is a dataset or columns, not both; thresholds name known metrics.
  const schema = problems(policy('    dataset: train\n    screens: [labels]\n    labels: { probabilities: { dataset: oof, columns: [a, b] } }\n    thresholds: { flagged: { max: 0 } }\n'));
  assert.ok(schema.some((m) => /probabilities/.test(m)), schema.join('\n'));
  assert.ok(schema.some((m) => /flagged/.test(m) && /flagged_classes/.test(m)), schema.join('\n'));
});

test('flagged_classes needs a screen that flags classes: with neither spectral nor clustering it would always be 0', () => {
  const problems = (text: string) => diagnosePolicy(text, 'p.yml').problems.map((x) => x.message);
  assert.deepEqual(problems(policy('    dataset: train\n    screens: [strip]\n    strip: { clean: heldout }\n    thresholds: { flagged_classes: { max: 0 }, suspected_rows: { max: 0 } }\n')), [
    'p.yml:13:19: gates.poisoning.thresholds.flagged_classes needs spectral or clustering (the screens that flag classes): add one to gates.poisoning.screens, or remove the threshold',
  ]);
  assert.deepEqual(problems(policy('    dataset: train\n    screens: [clustering, strip]\n    strip: { clean: heldout }\n    thresholds: { flagged_classes: { max: 0 } }\n')), []);
});

test('thresholds outside a metric\'s range are errors: a share is in [0, 1] (5 % is 0.05), a count is >= 0', () => {
  const problems = (text: string) => diagnosePolicy(text, 'p.yml').problems.map((x) => x.message);
  assert.deepEqual(problems(policy('    dataset: train\n    thresholds: { suspected_fraction: { max: 5 }, flagged_classes: { max: -1 } }\n')), [
    'p.yml:11:46: gates.poisoning.thresholds.suspected_fraction.max 5 is outside the range of suspected_fraction, which is between 0 and 1 (write 0.05 for 5 %)',
    'p.yml:11:75: gates.poisoning.thresholds.flagged_classes.max -1 is outside the range of flagged_classes, which is >= 0',
  ]);
});

test('loosening: what flags fewer classes or screens fewer rows is listed; expected-rate and grid are not', () => {
  const base = '    dataset: train\n    screens: [spectral, clustering, strip]\n    strip: { clean: heldout, n: 50 }\n    thresholds: { flagged_classes: { max: 0 } }\n';
  const loosened = (head: string) => {
    const b = parsePolicy(policy(base), 'p.yml').policy;
    const h = parsePolicy(policy(head), 'p.yml');
    return compareStrictness(b, h.policy, h.positionOf).map((l) => [l.path, l.reason]);
  };
  assert.deepEqual(loosened(base + '    expected-rate: 0.3\n    grid: 4\n'), []);
  assert.deepEqual(loosened(base.replace('[spectral, clustering, strip]', '[clustering, strip]')), [['gates.poisoning.screens', 'screen spectral removed']]);
  assert.deepEqual(loosened(base + '    spectral: { min-separation: 6 }\n'), [['gates.poisoning.spectral.min-separation', 'min-separation raised: a class must separate more to be flagged']]);
  assert.deepEqual(loosened(base + '    clustering: { max-relative-size: 0.35 }\n'), [['gates.poisoning.clustering.max-relative-size', 'max-relative-size lowered: a larger planted share is no longer flagged']]);
  assert.deepEqual(loosened(base + '    min-class-size: 50\n'), [['gates.poisoning.min-class-size', 'min-class-size raised: fewer classes are screened']]);
  assert.deepEqual(loosened(base + '    limit: 500\n'), [['gates.poisoning.limit', 'limit added: fewer rows are screened than all']]);
  assert.deepEqual(loosened(base.replace('n: 50', 'n: 10')), [['gates.poisoning.strip.n', 'STRIP perturbations per row lowered']]);
  assert.deepEqual(loosened(base.replace('n: 50', 'n: 50, frr: 0.001')), [['gates.poisoning.strip.frr', 'STRIP frr lowered: the entropy threshold is lower, fewer rows are suspects']]);
  assert.deepEqual(loosened(base + '    layer: /fc1/Gemm_output_0\n'), [['gates.poisoning.layer', 'representations from a different tensor: not provably stricter']]);
  assert.deepEqual(loosened(base.replace('{ max: 0 }', '{ max: 1 }')), [['gates.poisoning.thresholds.flagged_classes.max', 'max of flagged_classes raised']]);
});
