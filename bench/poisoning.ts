/**
 * Poisoning screens benchmark (not a test): spectral signatures and activation clustering (src/gates/poisoning/) on
 * 60,000 × 512 Float32 representations over 10 classes, generated in memory (seeded): each class a mean plus 24
 * factors shared by all classes (variances 1/k) plus 8 factors of its own plus isotropic noise, ReLU'd like a
 * penultimate layer; class 0 holds 600 planted rows (10 %) shifted by 10 along one extra direction. Prints wall and CPU time
 * per phase (class geometry: means, covariances, the pooled scatter; spectral; clustering), the decisions, and peak
 * RSS.
 *
 *   node bench/poisoning.ts [rows=60000] [dim=512] [classes=10]
 */
import os from 'node:os';
import { rng } from '../src/util/random.ts';
import { prepareClasses } from '../src/gates/poisoning/space.ts';
import { spectralSignatures } from '../src/gates/poisoning/spectral.ts';
import { activationClustering } from '../src/gates/poisoning/clustering.ts';

const rows = Number(process.argv[2] ?? 60_000), dim = Number(process.argv[3] ?? 512), classes = Number(process.argv[4] ?? 10);
const r = rng(17, 'bench/poisoning');
const unit = (): Float64Array => {
  const v = new Float64Array(dim);
  let s = 0;
  for (let j = 0; j < dim; j++) { v[j] = r.normal(); s += v[j] * v[j]; }
  for (let j = 0; j < dim; j++) v[j] /= Math.sqrt(s);
  return v;
};
const t0 = performance.now();
const shared = Array.from({ length: 24 }, unit);
const own = Array.from({ length: classes }, () => Array.from({ length: 8 }, unit));
const means = Array.from({ length: classes }, () => { const m = unit(); for (let j = 0; j < dim; j++) m[j] = 1 + 6 * m[j]; return m; });
const trigger = unit();
const reps = new Float32Array(rows * dim);
const labels = new Int32Array(rows);
const planted = new Set<number>();
const x = new Float64Array(dim);
for (let i = 0; i < rows; i++) {
  const c = i % classes;
  labels[i] = c;
  for (let j = 0; j < dim; j++) x[j] = means[c][j] + 0.3 * r.normal();
  for (let k = 0; k < 24; k++) { const z = r.normal() * 4 / Math.sqrt(k + 1); for (let j = 0; j < dim; j++) x[j] += z * shared[k][j]; }
  for (let k = 0; k < 8; k++) { const z = r.normal(); for (let j = 0; j < dim; j++) x[j] += z * own[c][k][j]; }
  if (c === 0 && i / classes < rows / classes / 10) { planted.add(i); for (let j = 0; j < dim; j++) x[j] += 10 * trigger[j]; }
  for (let j = 0; j < dim; j++) reps[i * dim + j] = Math.max(0, x[j]);
}
const classRows = Array.from({ length: classes }, (_, c) => Int32Array.from({ length: Math.ceil((rows - c) / classes) }, (_, t) => t * classes + c));
const genMs = performance.now() - t0;
const afterGenMb = process.memoryUsage().rss / 2 ** 20;

const phase = <T>(name: string, f: () => T): T => {
  const c0 = process.cpuUsage(), w0 = performance.now();
  const out = f();
  const cpu = process.cpuUsage(c0);
  console.log(`${name.padEnd(22)} ${((performance.now() - w0) / 1000).toFixed(2)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s CPU`);
  return out;
};
console.log(`${rows} × ${dim} Float32 representations, ${classes} classes, ${planted.size} planted rows in class 0; load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
console.log(`data generation ${(genMs / 1000).toFixed(2)} s (not part of the screens); RSS after generation ${afterGenMb.toFixed(0)} MB`);
const total0 = performance.now(), cpuTotal0 = process.cpuUsage();
const prepared = prepareClasses(reps, dim, classRows);
phase('class geometry', () => { for (let c = 0; c < classes; c++) prepared.geometry(c); prepared.whitened(0, 0.1); });
const sp = phase('spectral signatures', () => spectralSignatures(reps, dim, classRows, { expectedRate: 0.1, seed: 0, minClassSize: 20, prepared }));
const ac = phase('activation clustering', () => activationClustering(reps, dim, classRows, { seed: 0, minClassSize: 20, prepared }));
const cpuTotal = process.cpuUsage(cpuTotal0);
console.log(`both screens          ${((performance.now() - total0) / 1000).toFixed(2)} s wall, ${((cpuTotal.user + cpuTotal.system) / 1e6).toFixed(2)} s CPU; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (whole process, data included: the representations alone are ${(reps.byteLength / 2 ** 20).toFixed(0)} MB)`);
const hits = (s: Int32Array) => [...s].filter((i) => planted.has(i)).length;
console.log(`spectral: flagged classes [${sp.filter((s) => s.poisoned).map((s) => s.class)}], D per class ${sp.map((s) => s.statistic.toFixed(2)).join(' ')}; class 0 suspects ${sp[0].suspects.length}, planted among them ${hits(sp[0].suspects)}`);
console.log(`clustering: flagged classes [${ac.filter((k) => k.poisoned).map((k) => k.class)}], silhouette per class ${ac.map((k) => k.silhouette.toFixed(3)).join(' ')}; class 0 smaller cluster ${ac[0].smaller.length}, planted among them ${hits(ac[0].smaller)}`);
