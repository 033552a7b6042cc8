/**
 * Generates the shipped example in examples/credit/: a small credit-scoring model (a 6-16-2 ReLU MLP with the
 * feature standardisation inside the graph), trained here in plain TypeScript on synthetic applicants, written as
 * ONNX through our builder; its evaluation, member (training sample) and non-member (holdout) data as CSV; a
 * Hugging Face style model card; and the policy. Deterministic: same seed, same bytes.
 *
 *   node scripts/generate-example.ts
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rng } from '../src/util/random.ts';
import { GraphBuilder } from '../src/model/onnx/builder.ts';

const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../examples/credit');
mkdirSync(path.join(out, 'model'), { recursive: true });
mkdirSync(path.join(out, 'data'), { recursive: true });

const FEATURES = ['age', 'income', 'debt_ratio', 'credit_lines', 'late_payments', 'employment_years'] as const;
const r = rng(7, 'example-credit');

interface Row { x: number[]; sex: string; label: number }
function applicant(): Row {
  const sex = r.next() < 0.55 ? 'male' : 'female';
  const age = Math.round(21 + 45 * r.next());
  const employment = Math.max(0, Math.min(age - 18, Math.round(Math.abs(r.normal()) * 8)));
  const income = Math.round(Math.max(12, 38 + 12 * r.normal() + 0.5 * employment + (sex === 'male' ? 4 : 0)) * 10) / 10; // k/yr
  const debt = Math.round(Math.min(0.95, Math.max(0.01, 0.35 + 0.15 * r.normal())) * 1000) / 1000;
  const lines = Math.max(0, Math.round(3 + 2 * r.normal()));
  const late = Math.max(0, Math.round(Math.abs(r.normal()) * 1.5 - 0.3));
  const z = 2.5 * (-0.9 + 3.2 * debt + 0.55 * late - 0.035 * income - 0.04 * employment + 0.08 * Math.max(0, 3 - lines) + 0.006 * (35 - age)) + 0.3 * r.normal();
  const label = 1 / (1 + Math.exp(-z)) > r.next() ? 1 : 0;
  return { x: [age, income, debt, lines, late, employment], sex, label };
}
const rows: Row[] = Array.from({ length: 1600 }, applicant);
const train = rows.slice(0, 800);
const evalSet = rows.slice(800, 1400);
const holdout = rows.slice(1400, 1600);
const members = train.slice(0, 200);

// Standardisation (inside the graph).
const D = FEATURES.length;
const mean = new Float64Array(D), std = new Float64Array(D);
for (const row of train) for (let j = 0; j < D; j++) mean[j] += row.x[j] / train.length;
for (const row of train) for (let j = 0; j < D; j++) std[j] += (row.x[j] - mean[j]) ** 2 / train.length;
for (let j = 0; j < D; j++) std[j] = Math.sqrt(std[j]) || 1;

// MLP 6-16-2, Adam, weight decay, fixed epochs.
const H = 16, C = 2;
const W1 = new Float64Array(D * H).map(() => r.normal() * Math.sqrt(2 / D));
const b1 = new Float64Array(H);
const W2 = new Float64Array(H * C).map(() => r.normal() * Math.sqrt(1 / H));
const b2 = new Float64Array(C);
const params = [W1, b1, W2, b2];
const m = params.map((p) => new Float64Array(p.length)), v = params.map((p) => new Float64Array(p.length));
let step = 0;
const lr = 0.01, wd = 1e-3;
for (let epoch = 0; epoch < 300; epoch++) {
  const grads = params.map((p) => new Float64Array(p.length));
  for (const row of train) {
    const xs = row.x.map((val, j) => (val - mean[j]) / std[j]);
    const h = new Float64Array(H);
    for (let k = 0; k < H; k++) {
      let s = b1[k];
      for (let j = 0; j < D; j++) s += xs[j] * W1[j * H + k];
      h[k] = Math.max(0, s);
    }
    const z = new Float64Array(C);
    for (let c = 0; c < C; c++) {
      let s = b2[c];
      for (let k = 0; k < H; k++) s += h[k] * W2[k * C + c];
      z[c] = s;
    }
    const mx = Math.max(z[0], z[1]);
    const e0 = Math.exp(z[0] - mx), e1 = Math.exp(z[1] - mx);
    const p = [e0 / (e0 + e1), e1 / (e0 + e1)];
    const dz = [p[0] - (row.label === 0 ? 1 : 0), p[1] - (row.label === 1 ? 1 : 0)];
    for (let c = 0; c < C; c++) {
      grads[3][c] += dz[c];
      for (let k = 0; k < H; k++) grads[2][k * C + c] += dz[c] * h[k];
    }
    for (let k = 0; k < H; k++) {
      if (h[k] <= 0) continue;
      const dh = dz[0] * W2[k * C] + dz[1] * W2[k * C + 1];
      grads[1][k] += dh;
      for (let j = 0; j < D; j++) grads[0][j * H + k] += dh * xs[j];
    }
  }
  step++;
  params.forEach((p, i) => {
    for (let q = 0; q < p.length; q++) {
      const g = grads[i][q] / train.length + (i % 2 === 0 ? wd * p[q] : 0);
      m[i][q] = 0.9 * m[i][q] + 0.1 * g;
      v[i][q] = 0.999 * v[i][q] + 0.001 * g * g;
      p[q] -= (lr * (m[i][q] / (1 - 0.9 ** step))) / (Math.sqrt(v[i][q] / (1 - 0.999 ** step)) + 1e-8);
    }
  });
}

const g = new GraphBuilder('credit_mlp');
const x = g.input('features', 'float32', ['N', D]);
const centred = g.node('Sub', [x, g.initializer('mean', Float32Array.from(mean), [D])]);
const scaled = g.node('Div', [centred, g.initializer('std', Float32Array.from(std), [D])]);
const hidden = g.node('Relu', [g.node('Gemm', [scaled, g.initializer('W1', Float32Array.from(W1), [D, H]), g.initializer('b1', Float32Array.from(b1), [H])])]);
const logits = g.node('Gemm', [hidden, g.initializer('W2', Float32Array.from(W2), [H, C]), g.initializer('b2', Float32Array.from(b2), [C])], {}, { outputs: ['logits'] });
g.output(logits, 'float32', ['N', C]);
writeFileSync(path.join(out, 'model/model.onnx'), g.toModel({ opset: 17, producer: 'model-gate example generator', metadata: { task: 'credit default (synthetic)' } }));

const csv = (list: Row[]) =>
  [['applicant_id', ...FEATURES, 'sex', 'default'].join(','), ...list.map((row, i) => [String(i + 1), ...row.x.map(String), row.sex, String(row.label)].join(','))].join('\n') + '\n';
writeFileSync(path.join(out, 'data/eval.csv'), csv(evalSet));
writeFileSync(path.join(out, 'data/train_sample.csv'), csv(members));
writeFileSync(path.join(out, 'data/holdout.csv'), csv(holdout));
console.log(`examples/credit written: ${train.length} training rows, eval ${evalSet.length}, members ${members.length}, non-members ${holdout.length}`);
