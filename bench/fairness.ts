/**
 * Fairness gate benchmark (not a test): 1,000,000 rows × 3 sensitive features (sex: 2 strings, race: 5 strings,
 * age band: 6 numbers -> 60 intersections), binary logits, decision threshold, reference group, 1,000 bootstrap
 * resamples. Prints the gate's wall time and the process's peak RSS. Targets: < 10 s and < 500 MB.
 *
 *   node bench/fairness.ts [rows] [resamples]
 */
import { fairnessGate, type FairnessGatePolicy, type FairnessPolicy } from '../src/gates/fairness/index.ts';
import type { Column, Dataset } from '../src/data/types.ts';
import type { GateContext, Predictions } from '../src/gates/types.ts';
import { rng } from '../src/util/random.ts';

const rows = Number(process.argv[2] ?? 1_000_000);
const resamples = Number(process.argv[3] ?? 1000);

const t0 = performance.now();
const r = rng(42, 'bench-fairness');
const SEX = ['Female', 'Male'];
const RACE = ['Amer-Indian-Eskimo', 'Asian-Pac-Islander', 'Black', 'Other', 'White'];
const RACE_P = [0.01, 0.03, 0.1, 0.01, 0.85];
const sex: string[] = new Array(rows);
const race: string[] = new Array(rows);
const age = new Float64Array(rows);
const logits = new Float64Array(rows * 2);
const labels = new Int32Array(rows);
const predicted = new Int32Array(rows);
for (let i = 0; i < rows; i++) {
  const s = r.next() < 0.67 ? 1 : 0;
  let u = r.next(), k = 0;
  while (k < RACE.length - 1 && u >= RACE_P[k]) { u -= RACE_P[k]; k++; }
  const a = 20 + 10 * r.int(6);
  sex[i] = SEX[s];
  race[i] = RACE[k];
  age[i] = a;
  const y = r.next() < 0.1 + 0.15 * s + 0.02 * k ? 1 : 0;
  const z = -1.5 + 2.5 * y + 0.4 * s + 0.05 * (a - 40) / 10 + r.normal();
  labels[i] = y;
  logits[2 * i + 1] = z;
  predicted[i] = z > 0 ? 1 : 0;
}
const genMs = performance.now() - t0;

const columns = new Map<string, Column>([
  ['sex', { kind: 'string', values: sex }],
  ['race', { kind: 'string', values: race }],
  ['age_band', { kind: 'number', values: age }],
]);
const dataset: Dataset = { name: 'eval', path: 'bench.csv', format: 'csv', sha256: '', extraFiles: [], rows, columns, features: [] };
const predictions: Predictions = { dataset: 'eval', rows, classes: 2, kind: 'logits', scores: logits, predicted, labels, classLabels: [0, 1] };
const policy: FairnessPolicy = {
  dataset: 'eval',
  sensitive: ['sex', 'race', 'age_band'],
  'positive-label': 1,
  'decision-threshold': 0.5,
  'reference-group': { sex: 'Male', race: 'White' },
  bootstrap: resamples,
  thresholds: { demographic_parity_difference: { max: 0.1 } },
};
const ctx: GateContext<FairnessGatePolicy> = {
  policy: policy as FairnessGatePolicy, // defaults left out: the gate applies them
  seed: 0,
  dataset: () => dataset,
  predictions: async () => predictions,
  model: undefined,
  log: { info() {}, warn() {} },
  position: () => undefined,
  checkBudget() {},
};

const t1 = performance.now();
const out = await fairnessGate.run(ctx);
const gateMs = performance.now() - t1;
const peakMb = process.resourceUsage().maxRSS / 1024;
const groups = (out.details.groups as unknown[]).length;
console.log(`rows ${rows}, sensitive 3 (${groups} groups), resamples ${resamples}`);
console.log(`data generation ${(genMs / 1000).toFixed(2)} s (not part of the gate)`);
console.log(`fairness gate (metrics + bootstrap) ${(gateMs / 1000).toFixed(2)} s; peak RSS ${peakMb.toFixed(0)} MB (whole process, data included)`);
console.log(`demographic_parity_difference ${(out.metrics.demographic_parity_difference as number).toFixed(4)} ci ${JSON.stringify(out.ci?.demographic_parity_difference?.map((v) => Number(v.toFixed(4))))}`);
const ok = gateMs < 10_000 && peakMb < 500;
console.log(ok ? 'within targets (< 10 s, < 500 MB)' : 'OUTSIDE targets (< 10 s, < 500 MB)');
process.exitCode = ok ? 0 : 1;
