/**
 * Independent recomputation of the regression gate's numbers for its tests: the credit example's eval.csv parsed
 * here, both ONNX models run here with onnxruntime-node, and every statistic computed by hand (exact binomial sums in
 * BigInt, an O(n²) Mann-Whitney AUC, the JS distance from its definition). Nothing from src/stats.
 */
import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-node';

export interface RawOutputs {
  labels: number[];
  /** Softmax of the logits, per row [p0, p1]. */
  probs: [number, number][];
  predicted: number[];
}

/** eval.csv of the credit example: features age..employment_years (applicant_id and sex excluded), label `default`. */
export function readCredit(csvPath: string): { x: Float32Array; labels: number[]; rows: number } {
  const lines = readFileSync(csvPath, 'utf8').trim().split('\n');
  const header = lines[0].split(',');
  const feat = ['age', 'income', 'debt_ratio', 'credit_lines', 'late_payments', 'employment_years'].map((c) => header.indexOf(c));
  const lab = header.indexOf('default');
  const rows = lines.length - 1;
  const x = new Float32Array(rows * 6);
  const labels: number[] = [];
  lines.slice(1).forEach((l, i) => {
    const cells = l.split(',');
    feat.forEach((c, j) => (x[i * 6 + j] = Number(cells[c])));
    labels.push(Number(cells[lab]));
  });
  return { x, labels, rows };
}

export async function runModel(modelPath: string, data: { x: Float32Array; labels: number[]; rows: number }): Promise<RawOutputs> {
  const session = await ort.InferenceSession.create(readFileSync(modelPath));
  try {
    const out = await session.run({ features: new ort.Tensor('float32', data.x, [data.rows, 6]) });
    const z = out.logits.data as Float32Array;
    const probs: [number, number][] = [];
    const predicted: number[] = [];
    for (let i = 0; i < data.rows; i++) {
      const a = z[2 * i], b = z[2 * i + 1];
      const m = Math.max(a, b);
      const ea = Math.exp(a - m), eb = Math.exp(b - m);
      probs.push([ea / (ea + eb), eb / (ea + eb)]);
      predicted.push(b > a ? 1 : 0);
    }
    return { labels: data.labels, probs, predicted };
  } finally {
    await session.release();
  }
}

/** Two-sided exact binomial test of k successes in n trials at p = ½, as scipy.stats.binomtest: Σ pmf ≤ pmf(k). BigInt. */
export function binomTestHalf(k: number, n: number): number {
  if (n === 0) return 1;
  const c: bigint[] = [1n];
  for (let j = 1; j <= n; j++) c.push((c[j - 1] * BigInt(n - j + 1)) / BigInt(j));
  const total = 2n ** BigInt(n);
  let s = 0n;
  for (let j = 0; j <= n; j++) if (c[j] <= c[k]) s += c[j];
  // s / 2^n with 60 significant bits
  return Math.min(1, Number((s * 2n ** 60n) / total) / 2 ** 60);
}

/** Mid-p: 2·P(X ≤ k) − P(X = k) with k = min(b, c) (1 when b = c). BigInt. */
export function midPHalf(b: number, c: number): number {
  const n = b + c;
  if (n === 0 || b === c) return 1;
  const k = Math.min(b, c);
  const coef: bigint[] = [1n];
  for (let j = 1; j <= n; j++) coef.push((coef[j - 1] * BigInt(n - j + 1)) / BigInt(j));
  let cdf = 0n;
  for (let j = 0; j <= k; j++) cdf += coef[j];
  const num = 2n * cdf - coef[k];
  return Number((num * 2n ** 60n) / 2n ** BigInt(n)) / 2 ** 60;
}

/** AUC by counting every (positive, negative) pair, ties ½. */
export function pairAuc(score: number[], labels: number[]): number {
  let num = 0, pairs = 0;
  for (let i = 0; i < score.length; i++) {
    if (labels[i] !== 1) continue;
    for (let j = 0; j < score.length; j++) {
      if (labels[j] !== 0) continue;
      pairs++;
      num += score[i] > score[j] ? 1 : score[i] === score[j] ? 0.5 : 0;
    }
  }
  return num / pairs;
}

/** Jensen-Shannon distance (natural log) of two histograms, from the definition. */
export function jsDistance(a: number[], b: number[]): number {
  const sa = a.reduce((x, y) => x + y, 0), sb = b.reduce((x, y) => x + y, 0);
  const p = a.map((v) => v / sa), q = b.map((v) => v / sb);
  const m = p.map((v, i) => (v + q[i]) / 2);
  const kl = (x: number[]) => x.reduce((s, v, i) => (v > 0 ? s + v * Math.log(v / m[i]) : s), 0);
  return Math.sqrt((kl(p) + kl(q)) / 2);
}

/** Everything the gate reports for one dataset, by hand from the two models' raw outputs. */
export function expected(base: RawOutputs, head: RawOutputs) {
  const y = head.labels, n = y.length;
  let neg = 0, pos = 0, changed = 0, bc = 0, hc = 0, absChange = 0;
  const hb = [0, 0], hh = [0, 0];
  for (let i = 0; i < n; i++) {
    const br = base.predicted[i] === y[i], hr = head.predicted[i] === y[i];
    if (br) bc++;
    if (hr) hc++;
    if (br && !hr) neg++;
    if (!br && hr) pos++;
    if (base.predicted[i] !== head.predicted[i]) changed++;
    hb[base.predicted[i]]++;
    hh[head.predicted[i]]++;
    absChange += Math.abs(head.probs[i][y[i]] - base.probs[i][y[i]]);
  }
  const aucB = pairAuc(base.probs.map((p) => p[1]), y), aucH = pairAuc(head.probs.map((p) => p[1]), y);
  return {
    rows: n,
    negative_flips: neg,
    positive_flips: pos,
    changed,
    accuracy_base: bc / n,
    accuracy_head: hc / n,
    accuracy_delta: (hc - bc) / n,
    roc_auc_base: aucB,
    roc_auc_head: aucH,
    roc_auc_delta: aucH - aucB,
    mcnemar_exact_p: binomTestHalf(Math.min(neg, pos), neg + pos),
    mcnemar_mid_p: midPHalf(neg, pos),
    negative_flip_rate: neg / n,
    positive_flip_rate: pos / n,
    churn: changed / n,
    prediction_js_distance: jsDistance(hb, hh),
    mean_abs_true_class_change: absChange / n,
  };
}
