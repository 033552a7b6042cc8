/**
 * Trains the logistic regression used by the fairness tests on UCI Adult and writes it as ONNX:
 *
 *   node scripts/generate-fairness-model.ts            # writes test/fixtures/fairness/adult-logreg.onnx (+ .json)
 *
 * Data: `test/fixtures/fairness/adult.data.gz` (the training split, 32,561 rows), encoded exactly like
 * `adult-test-encoded.csv` (whose header gives the 47 feature columns in order): the five numeric columns
 * standardised with the training file's mean and sample standard deviation (ddof 1), each categorical value one-hot
 * as `name=value` (a missing `?` gives all zeros), values rounded to float32. `sex` and `race` are features here,
 * as in the encoded file (the fairness gate reads the raw `sex` and `race` columns for its groups).
 *
 * Training: L2-regularised logistic regression (λ = 1 on the weights, not the bias) fitted by Newton's method
 * (IRLS) from zero in float64 until the step is below 1e-10: deterministic, no random draws (the "seed" is moot).
 * Model: input `features` float32 [N, 47] → Gemm → output `logits` float32 [N, 2] = [0, w·x + b], so that
 * softmax(logits)[1] = sigmoid(w·x + b) = P(income > 50K); class labels [0, 1].
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GraphBuilder } from '../src/model/onnx/builder.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = path.join(here, '..', 'test', 'fixtures', 'fairness');

const COLUMNS = ['age', 'workclass', 'fnlwgt', 'education', 'education-num', 'marital-status', 'occupation', 'relationship', 'race', 'sex', 'capital-gain', 'capital-loss', 'hours-per-week', 'native-country', 'income'];
const NUMERIC = ['age', 'education-num', 'capital-gain', 'capital-loss', 'hours-per-week'];

export function featureNames(): string[] {
  const header = readFileSync(path.join(dir, '..', 'data', 'adult', 'adult-test-encoded.csv'), 'utf8').split('\n', 1)[0].trim().split(',');
  return header.filter((h) => h !== 'sex' && h !== 'race' && h !== 'label');
}

function loadTraining(): { x: Float64Array; y: Uint8Array; rows: number; features: string[] } {
  const text = gunzipSync(readFileSync(path.join(dir, 'adult.data.gz'))).toString('utf8');
  const records = text.split('\n').map((l) => l.trim()).filter((l) => l.length > 0).map((l) => l.split(',').map((v) => v.trim()));
  for (const r of records) if (r.length !== COLUMNS.length) throw new Error(`bad row: ${r.join(',')}`);
  const features = featureNames();
  const col = (name: string) => COLUMNS.indexOf(name);
  const stats = NUMERIC.map((name) => {
    const v = records.map((r) => Number(r[col(name)]));
    const mean = v.reduce((a, b) => a + b, 0) / v.length;
    const sd = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (v.length - 1));
    return { name, mean, sd };
  });
  const rows = records.length;
  const F = features.length;
  const x = new Float64Array(rows * F);
  const y = new Uint8Array(rows);
  records.forEach((r, i) => {
    features.forEach((f, j) => {
      const eq = f.indexOf('=');
      let v: number;
      if (eq < 0) {
        const s = stats.find((t) => t.name === f)!;
        v = (Number(r[col(f)]) - s.mean) / s.sd;
      } else {
        v = r[col(f.slice(0, eq))] === f.slice(eq + 1) ? 1 : 0;
      }
      x[i * F + j] = Math.fround(v);
    });
    const label = r[col('income')];
    if (label !== '>50K' && label !== '<=50K') throw new Error(`unknown label ${label}`);
    y[i] = label === '>50K' ? 1 : 0;
  });
  return { x, y, rows, features };
}

/** Solves A z = b for symmetric positive definite A (Cholesky), in place copies. */
function solveSpd(A: Float64Array, b: Float64Array, n: number): Float64Array {
  const L = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i * n + j];
      for (let k = 0; k < j; k++) s -= L[i * n + k] * L[j * n + k];
      if (i === j) {
        if (s <= 0) throw new Error('matrix not positive definite');
        L[i * n + i] = Math.sqrt(s);
      } else L[i * n + j] = s / L[j * n + j];
    }
  }
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= L[i * n + k] * z[k];
    z[i] = s / L[i * n + i];
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = z[i];
    for (let k = i + 1; k < n; k++) s -= L[k * n + i] * z[k];
    z[i] = s / L[i * n + i];
  }
  return z;
}

export function train(lambda = 1): { w: Float64Array; b: number; features: string[]; iterations: number; trainAccuracy: number; rows: number } {
  const { x, y, rows, features } = loadTraining();
  const F = features.length;
  const P = F + 1; // last parameter = bias
  const theta = new Float64Array(P);
  let iterations = 0;
  for (; iterations < 50; iterations++) {
    const grad = new Float64Array(P);
    const H = new Float64Array(P * P);
    const xi = new Float64Array(P);
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < F; j++) xi[j] = x[i * F + j];
      xi[F] = 1;
      let z = 0;
      for (let j = 0; j < P; j++) z += theta[j] * xi[j];
      const p = 1 / (1 + Math.exp(-z));
      const r = p - y[i];
      const wgt = p * (1 - p);
      for (let j = 0; j < P; j++) {
        if (xi[j] === 0) continue;
        grad[j] += r * xi[j];
        const wj = wgt * xi[j];
        for (let k = 0; k <= j; k++) H[j * P + k] += wj * xi[k];
      }
    }
    for (let j = 0; j < P; j++) for (let k = 0; k < j; k++) H[k * P + j] = H[j * P + k];
    for (let j = 0; j < F; j++) {
      grad[j] += lambda * theta[j];
      H[j * P + j] += lambda;
    }
    H[F * P + F] += 1e-9;
    const step = solveSpd(H, grad, P);
    let maxStep = 0;
    for (let j = 0; j < P; j++) {
      theta[j] -= step[j];
      maxStep = Math.max(maxStep, Math.abs(step[j]));
    }
    if (maxStep < 1e-10) { iterations++; break; }
  }
  let correct = 0;
  for (let i = 0; i < rows; i++) {
    let z = theta[F];
    for (let j = 0; j < F; j++) z += theta[j] * x[i * F + j];
    if ((z > 0 ? 1 : 0) === y[i]) correct++;
  }
  return { w: theta.slice(0, F), b: theta[F], features, iterations, trainAccuracy: correct / rows, rows };
}

export function buildOnnx(w: Float64Array, b: number): Uint8Array {
  const F = w.length;
  const g = new GraphBuilder('adult_logreg');
  const x = g.input('features', 'float32', ['N', F]);
  // B [F, 2]: column 0 zeros, column 1 = w; C [2] = [0, b]
  const B = new Float32Array(F * 2);
  for (let j = 0; j < F; j++) B[j * 2 + 1] = w[j];
  const Bn = g.initializer('weights', B, [F, 2]);
  const Cn = g.initializer('bias', Float32Array.from([0, b]), [2]);
  const logits = g.node('Gemm', [x, Bn, Cn], {}, { outputs: ['logits'] });
  g.output(logits, 'float32', ['N', 2]);
  return g.toModel({ opset: 17, irVersion: 8, producer: 'model-gate scripts/generate-fairness-model.ts', docString: 'L2 logistic regression on UCI Adult (adult.data), logits [0, w.x + b]' });
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('generate-fairness-model.ts')) {
  const t0 = performance.now();
  const m = train();
  const bytes = buildOnnx(m.w, m.b);
  writeFileSync(path.join(dir, 'adult-logreg.onnx'), bytes);
  writeFileSync(
    path.join(dir, 'adult-logreg.json'),
    JSON.stringify({ features: m.features, weights: Array.from(m.w), bias: m.b, lambda: 1, iterations: m.iterations, train_rows: m.rows, train_accuracy: m.trainAccuracy }, null, 1) + '\n',
  );
  console.log(`trained on ${m.rows} rows in ${m.iterations} Newton steps (${((performance.now() - t0) / 1000).toFixed(1)} s); train accuracy ${m.trainAccuracy.toFixed(4)}; wrote adult-logreg.onnx (${bytes.length} bytes)`);
}
