import { test } from 'node:test';
import assert from 'node:assert/strict';
import { aggregate, bootstrap, confusionCells, ratesFromCells, type Exclusion } from '../../src/gates/fairness/compute.ts';
import { quantileSorted as percentile } from '../../src/stats/quantile.ts';
import { encodeGroups } from '../../src/gates/fairness/groups.ts';
import { binomial, logFactorial } from '../../src/gates/fairness/binomial.ts';
import { rng } from '../../src/util/random.ts';
import { close, numberColumn, rep, stringColumn } from './helpers.ts';

const near = (actual: number | null | undefined, expected: number, what: string, tol = 1e-12): void => {
  assert.ok(close(actual, expected, tol), `${what}: expected ${expected}, got ${String(actual)}`);
};

test('table A (two string groups): per-group rates and aggregates match hand computation', () => {
  // F: y_true 1,1,1,1,0,0,0,0,0,0  y_pred 1,1,0,0,1,0,0,0,0,0 -> TP 2, FN 2, FP 1, TN 5
  // M: y_true 1,1,1,1,1,0,0,0,0,0  y_pred 1,1,1,1,0,1,1,0,0,0 -> TP 4, FN 1, FP 2, TN 3
  const sex = [...rep('F', 10), ...rep('M', 10)];
  const yTrue = Uint8Array.from([1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0]);
  const yPred = Uint8Array.from([1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 1, 1, 1, 1, 0, 1, 1, 0, 0, 0]);
  const g = encodeGroups([{ name: 'sex', column: stringColumn(sex) }], sex.length);
  assert.deepEqual(g.groups.map((x) => x.key), ['sex=F', 'sex=M']);
  const cells = confusionCells(yTrue, yPred, g.index, 2);
  assert.deepEqual([...cells], [2, 1, 5, 2, 4, 2, 3, 1]); // TP, FP, TN, FN per group
  const f = ratesFromCells(2, 1, 5, 2);
  // F: selection 3/10, TPR 2/4, FPR 1/6, FNR 2/4, accuracy (2+5)/10
  near(f.selection_rate, 0.3, 'F selection');
  near(f.true_positive_rate, 0.5, 'F TPR');
  near(f.false_positive_rate, 1 / 6, 'F FPR');
  near(f.false_negative_rate, 0.5, 'F FNR');
  near(f.accuracy, 0.7, 'F accuracy');
  const m = ratesFromCells(4, 2, 3, 1);
  // M: selection 6/10, TPR 4/5, FPR 2/5, FNR 1/5, accuracy 7/10
  near(m.selection_rate, 0.6, 'M selection');
  near(m.true_positive_rate, 0.8, 'M TPR');
  near(m.false_positive_rate, 0.4, 'M FPR');
  near(m.false_negative_rate, 0.2, 'M FNR');
  near(m.accuracy, 0.7, 'M accuracy');

  const r = aggregate(cells, Uint8Array.from([1, 1]), { groups: [1], self: 1 });
  // DP: 0.6 - 0.3 = 0.3; 0.3 / 0.6 = 0.5
  near(r.metrics.demographic_parity_difference, 0.3, 'dpd');
  near(r.metrics.demographic_parity_ratio, 0.5, 'dpr');
  // TPR diff 0.8 - 0.5 = 0.3, ratio 0.5/0.8 = 0.625; FPR diff 0.4 - 1/6 = 7/30, ratio (1/6)/0.4 = 5/12
  near(r.metrics.equal_opportunity_difference, 0.3, 'eopd');
  near(r.metrics.equal_opportunity_ratio, 0.625, 'eopr');
  near(r.metrics.equalized_odds_difference, 0.3, 'eod = max(0.3, 7/30)');
  near(r.metrics.equalized_odds_ratio, 5 / 12, 'eor = min(0.625, 5/12)');
  near(r.components.false_positive_rate_difference, 7 / 30, 'fpr diff');
  // reference M: DI(F) = 0.3 / 0.6 = 0.5; SPD = 0.3 - 0.6 = -0.3
  near(r.metrics.disparate_impact, 0.5, 'DI');
  near(r.metrics.statistical_parity_difference, -0.3, 'SPD');
  assert.equal(r.disparateImpact?.[1], null, 'the reference itself is not compared');
});

test('table B (number groups): no positives -> TPR null and excluded; no selections -> ratios 0', () => {
  // grp 1: y_true 0,0,0,0   y_pred 1,0,0,0   -> TP 0 FP 1 TN 3 FN 0 (no positives: TPR, FNR null)
  // grp 2: y_true 1,1,0,0,0 y_pred 0,0,0,0,0 -> TP 0 FP 0 TN 3 FN 2 (no selections)
  // grp 3: y_true 1,1,1,0,0 y_pred 1,1,0,1,0 -> TP 2 FP 1 TN 1 FN 1
  const grp = [3, 3, 3, 3, 3, 1, 1, 1, 1, 2, 2, 2, 2, 2]; // out of order on purpose
  const yTrue = Uint8Array.from([1, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0]);
  const yPred = Uint8Array.from([1, 1, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
  const g = encodeGroups([{ name: 'grp', column: numberColumn(grp) }], grp.length);
  assert.deepEqual(g.groups.map((x) => x.key), ['grp=1', 'grp=2', 'grp=3']);
  assert.deepEqual(g.groups.map((x) => x.values.grp), [1, 2, 3], 'number values stay numbers');
  const cells = confusionCells(yTrue, yPred, g.index, 3);
  assert.deepEqual([...cells], [0, 1, 3, 0, 0, 0, 3, 2, 2, 1, 1, 1]);
  const g1 = ratesFromCells(0, 1, 3, 0);
  assert.equal(g1.true_positive_rate, null);
  assert.equal(g1.false_negative_rate, null);
  near(g1.selection_rate, 0.25, 'g1 sel');
  near(g1.false_positive_rate, 0.25, 'g1 fpr');
  const g2 = ratesFromCells(0, 0, 3, 2);
  near(g2.selection_rate, 0, 'g2 sel');
  near(g2.true_positive_rate, 0, 'g2 tpr');
  near(g2.accuracy, 0.6, 'g2 acc');
  const excluded: Exclusion[] = [];
  const r = aggregate(cells, Uint8Array.from([1, 1, 1]), { groups: [2], self: 2 }, g.groups.map((x) => x.key), excluded);
  // selection [0.25, 0, 0.6] -> difference 0.6, ratio 0 / 0.6 = 0
  near(r.metrics.demographic_parity_difference, 0.6, 'dpd');
  near(r.metrics.demographic_parity_ratio, 0, 'dpr');
  // TPR over grp 2, 3 only: [0, 2/3] -> difference 2/3, ratio 0
  near(r.metrics.equal_opportunity_difference, 2 / 3, 'eopd');
  near(r.metrics.equal_opportunity_ratio, 0, 'eopr');
  // FPR [1/4, 0, 1/2] -> difference 1/2, ratio 0; EO = max(2/3, 1/2), min(0, 0)
  near(r.metrics.equalized_odds_difference, 2 / 3, 'eod');
  near(r.metrics.equalized_odds_ratio, 0, 'eor');
  assert.deepEqual(excluded.map((e) => [e.group, e.metric]), [['grp=1', 'true_positive_rate']]);
  assert.match(excluded[0].reason, /Fairlearn would count it as 0/);
  // reference grp 3 (selection 0.6): DI grp1 0.25/0.6 = 5/12, grp2 0 -> min 0; SPD: -0.35, -0.6 -> -0.6
  near(r.disparateImpact?.[0], 5 / 12, 'DI grp1');
  near(r.metrics.disparate_impact, 0, 'DI');
  near(r.metrics.statistical_parity_difference, -0.6, 'SPD');
});

test('nobody selected anywhere: difference 0, ratio 0/0 -> null (Fairlearn: NaN)', () => {
  // a: TP 0 FP 0 TN 2 FN 1; b: TP 0 FP 0 TN 1 FN 2 -> selection 0 and 0; TPR 0 and 0; FPR 0 and 0
  const cells = Float64Array.from([0, 0, 2, 1, 0, 0, 1, 2]);
  const r = aggregate(cells, Uint8Array.from([1, 1]));
  assert.equal(r.metrics.demographic_parity_difference, 0);
  assert.equal(r.metrics.demographic_parity_ratio, null);
  assert.equal(r.metrics.equal_opportunity_ratio, null);
  assert.equal(r.metrics.equalized_odds_ratio, null);
  assert.equal(r.metrics.equalized_odds_difference, 0);
});

test('a rate defined in only one group makes its aggregates null', () => {
  // a: TP 1 FP 0 TN 1 FN 1 (TPR 0.5); b: TP 0 FP 1 TN 1 FN 0 (no positives)
  const cells = Float64Array.from([1, 0, 1, 1, 0, 1, 1, 0]);
  const r = aggregate(cells, Uint8Array.from([1, 1]));
  assert.equal(r.metrics.equal_opportunity_difference, null);
  assert.equal(r.metrics.equalized_odds_difference, null, 'a null part makes the combination null');
  near(r.metrics.demographic_parity_difference, 0.5 - 1 / 3, 'dpd'); // a 1/3, b 1/2
});

test('intersections: string × number with missing values, sorted, empty intersections absent, partial reference pooled', () => {
  // rows (sex, race, y_true, y_pred):
  //  F,1 ×3: (1,1) (0,1) (0,0)        -> TP1 FP1 TN1 FN0: sel 2/3, TPR 1,   FPR 1/2
  //  F,2 ×2: (1,0) (1,1)              -> TP1 FN1:         sel 1/2, TPR 1/2, FPR null
  //  M,1 ×4: (1,1) (1,0) (0,0) (0,0)  -> TP1 FN1 TN2:     sel 1/4, TPR 1/2, FPR 0
  //  M,NaN ×1: (0,1)                  -> FP1: 1 row < min-group-size 2 -> excluded
  //  null,2 ×2: (0,0) (1,1)           -> TP1 TN1:         sel 1/2, TPR 1,   FPR 0
  const sex = ['M', 'F', 'F', 'F', 'F', 'F', 'M', 'M', 'M', 'M', null, null];
  const race = [NaN, 1, 1, 1, 2, 2, 1, 1, 1, 1, 2, 2];
  const yTrue = Uint8Array.from([0, 1, 0, 0, 1, 1, 1, 1, 0, 0, 0, 1]);
  const yPred = Uint8Array.from([1, 1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 1]);
  const g = encodeGroups([{ name: 'sex', column: stringColumn(sex) }, { name: 'race', column: numberColumn(race) }], sex.length);
  assert.deepEqual(g.groups.map((x) => x.key), ['sex=F, race=1', 'sex=F, race=2', 'sex=M, race=1', 'sex=M, race=(missing)', 'sex=(missing), race=2']);
  assert.deepEqual(g.groups[3].values, { sex: 'M', race: null });
  const cells = confusionCells(yTrue, yPred, g.index, g.groups.length);
  assert.deepEqual([...cells], [1, 1, 1, 0, 1, 0, 0, 1, 1, 0, 2, 1, 0, 1, 0, 0, 1, 0, 1, 0]);
  const include = Uint8Array.from([1, 1, 1, 0, 1]);
  const excluded: Exclusion[] = [];
  // reference {sex: M}: pooled rows of M,1 and M,(missing): 5 rows, 2 selected -> 0.4
  const r = aggregate(cells, include, { groups: [2, 3], self: -1 }, g.groups.map((x) => x.key), excluded);
  // selection [2/3, 1/2, 1/4, 1/2] -> 2/3 - 1/4 = 5/12; (1/4)/(2/3) = 3/8
  near(r.metrics.demographic_parity_difference, 5 / 12, 'dpd');
  near(r.metrics.demographic_parity_ratio, 0.375, 'dpr');
  // TPR [1, 1/2, 1/2, 1] -> 1/2, 1/2; FPR [1/2, -, 0, 0] -> 1/2, 0
  near(r.metrics.equal_opportunity_difference, 0.5, 'eopd');
  near(r.metrics.equal_opportunity_ratio, 0.5, 'eopr');
  near(r.metrics.equalized_odds_difference, 0.5, 'eod');
  near(r.metrics.equalized_odds_ratio, 0, 'eor');
  assert.deepEqual(excluded.map((e) => [e.group, e.metric]), [['sex=F, race=2', 'false_positive_rate']]);
  // DI vs 0.4: F1 (2/3)/0.4 = 5/3, F2 1.25, M1 0.625, (missing)2 1.25 -> min 0.625
  near(r.referenceSelectionRate, 0.4, 'ref rate');
  near(r.disparateImpact?.[0], 5 / 3, 'DI F1');
  near(r.metrics.disparate_impact, 0.625, 'DI');
  // SPD: F1 2/3 - 0.4 = 4/15 (largest |.|), F2 0.1, M1 -0.15, (missing)2 0.1
  near(r.metrics.statistical_parity_difference, 4 / 15, 'SPD');
  assert.equal(r.spdGroup, 0);
});

test('percentile interpolates linearly between order statistics (numpy default)', () => {
  const s = Float64Array.from([1, 2, 3, 4, 5]);
  near(percentile(s, 0.025), 1.1, 'p2.5'); // position 0.1
  near(percentile(s, 0.975), 4.9, 'p97.5'); // position 3.9
  near(percentile(s, 0.5), 3, 'median');
});

test('binomial sampler: exact pmf (chi-square) on the inversion and BTRS paths, and mirrored p > 0.5', () => {
  const pmf = (n: number, p: number, k: number) => Math.exp(logFactorial(n) - logFactorial(k) - logFactorial(n - k) + k * Math.log(p) + (n - k) * Math.log1p(-p));
  for (const [n, p] of [[30, 0.2], [200, 0.3], [5000, 0.71], [2000, 0.5]] as const) {
    const r = rng(7, `binomial-${n}-${p}`);
    const N = 100_000;
    const counts = new Map<number, number>();
    for (let i = 0; i < N; i++) {
      const k = binomial(r, n, p);
      assert.ok(Number.isInteger(k) && k >= 0 && k <= n);
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    // bins with expected count >= 20, the two tails pooled
    const mean = n * p, sd = Math.sqrt(n * p * (1 - p));
    let chi = 0, df = -1, lowE = 0, lowO = 0, highE = 0, highO = 0;
    for (let k = 0; k <= n; k++) {
      const e = N * pmf(n, p, k);
      const o = counts.get(k) ?? 0;
      if (e >= 20) { chi += (o - e) ** 2 / e; df++; }
      else if (k < mean) { lowE += e; lowO += o; }
      else { highE += e; highO += o; }
    }
    for (const [e, o] of [[lowE, lowO], [highE, highO]]) if (e > 0) { chi += (o - e) ** 2 / e; df++; }
    // 99.99 % quantile of chi-square(df) is below df + 4.9·sqrt(2·df) + 16 for these df
    assert.ok(chi < df + 4.9 * Math.sqrt(2 * df) + 16, `n=${n} p=${p}: chi2 ${chi.toFixed(1)} on ${df} df (sd ${sd.toFixed(1)})`);
  }
});

test('bootstrap: deterministic per seed, CI contains the point estimate, other seeds differ', () => {
  const cells = Float64Array.from([40, 20, 120, 20, 70, 40, 60, 30, 15, 10, 60, 15]);
  const include = Uint8Array.from([1, 1, 1]);
  const names = ['demographic_parity_difference', 'demographic_parity_ratio', 'equalized_odds_difference', 'equalized_odds_ratio', 'equal_opportunity_difference', 'equal_opportunity_ratio', 'disparate_impact', 'statistical_parity_difference'];
  const ref = { groups: [1], self: 1 };
  const point = aggregate(cells, include, ref).metrics;
  const a = bootstrap(cells, include, ref, names, point, 1000, rng(0, 'fairness'));
  const b = bootstrap(cells, include, ref, names, point, 1000, rng(0, 'fairness'));
  const c = bootstrap(cells, include, ref, names, point, 1000, rng(1, 'fairness'));
  assert.deepEqual(a, b);
  assert.notDeepEqual(a.ci, c.ci);
  for (const n of names) {
    const [lo, hi] = a.ci[n];
    assert.ok(lo <= point[n]! && point[n]! <= hi, `${n}: ${point[n]} in [${lo}, ${hi}]`);
    assert.ok(hi > lo, `${n}: interval has width`);
  }
});

test('bootstrap: multinomial-on-cells spread equals a row-level stratified bootstrap (second method)', () => {
  // Two groups; compare the standard deviation of demographic_parity_difference under both schemes.
  const groups = [{ tp: 30, fp: 20, tn: 100, fn: 50 }, { tp: 60, fp: 40, tn: 70, fn: 30 }];
  const cells = Float64Array.from(groups.flatMap((g) => [g.tp, g.fp, g.tn, g.fn]));
  const include = Uint8Array.from([1, 1]);
  const B = 4000;
  const point = aggregate(cells, include).metrics;
  // method 1: ours, through the percentile interval and the sd of draws recomputed below
  const r1 = rng(3, 'multinomial');
  const draw = new Float64Array(8);
  const v1: number[] = [];
  for (let b = 0; b < B; b++) {
    for (let g = 0; g < 2; g++) {
      const { tp, fp, tn, fn } = groups[g];
      const n = tp + fp + tn + fn;
      const dtp = binomial(r1, n, tp / n);
      const dfp = binomial(r1, n - dtp, fp / (n - tp));
      const dtn = binomial(r1, n - dtp - dfp, tn / (tn + fn));
      draw.set([dtp, dfp, dtn, n - dtp - dfp - dtn], 4 * g);
    }
    v1.push(aggregate(draw, include).metrics.demographic_parity_difference!);
  }
  // method 2: resample rows with replacement within each group
  const r2 = rng(4, 'rows');
  const rowsOf = groups.map((g) => [...rep(0, g.tp), ...rep(1, g.fp), ...rep(2, g.tn), ...rep(3, g.fn)]);
  const v2: number[] = [];
  for (let b = 0; b < B; b++) {
    draw.fill(0);
    rowsOf.forEach((rows, g) => { for (let i = 0; i < rows.length; i++) draw[4 * g + rows[r2.int(rows.length)]]++; });
    v2.push(aggregate(draw, include).metrics.demographic_parity_difference!);
  }
  const sd = (v: number[]) => { const m = v.reduce((a, b) => a + b, 0) / v.length; return Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / (v.length - 1)); };
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  // closed form: sd = sqrt(0.25·0.75/200 + 0.5·0.5/200) = 0.04677
  const exact = Math.sqrt((0.25 * 0.75) / 200 + (0.5 * 0.5) / 200);
  assert.ok(Math.abs(sd(v1) / exact - 1) < 0.05, `multinomial sd ${sd(v1)} vs ${exact}`);
  assert.ok(Math.abs(sd(v2) / exact - 1) < 0.05, `row sd ${sd(v2)} vs ${exact}`);
  assert.ok(Math.abs(mean(v1) - point.demographic_parity_difference!) < 0.005);
  assert.ok(Math.abs(mean(v2) - point.demographic_parity_difference!) < 0.005);
});

test('bootstrap coverage sanity: the 95 % interval covers the true difference in about 95 % of simulated data sets', () => {
  // population: group a selects with p 0.3, group b with 0.45 (true DPD 0.15); 300 rows each; labels independent
  const r = rng(11, 'coverage-data');
  let covered = 0;
  const trials = 300;
  for (let t = 0; t < trials; t++) {
    const cells = new Float64Array(8);
    [[0.3, 300], [0.45, 300]].forEach(([p, n], g) => {
      for (let i = 0; i < n; i++) {
        const y = r.next() < 0.4 ? 1 : 0;
        const s = r.next() < p ? 1 : 0;
        cells[4 * g + (y ? (s ? 0 : 3) : (s ? 1 : 2))]++;
      }
    });
    const include = Uint8Array.from([1, 1]);
    const point = aggregate(cells, include).metrics;
    const b = bootstrap(cells, include, undefined, ['demographic_parity_difference'], point, 400, rng(t, 'fairness'));
    const [lo, hi] = b.ci.demographic_parity_difference;
    if (lo <= 0.15 && 0.15 <= hi) covered++;
  }
  const rate = covered / trials;
  assert.ok(rate > 0.9 && rate < 0.99, `coverage ${rate}`);
});
