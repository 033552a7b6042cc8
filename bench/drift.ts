/**
 * Drift gate benchmark (not a test): 1,000,000 reference and 1,000,000 current rows × 20 features, generated in
 * memory (seeded): 14 continuous numeric columns (normal, log-normal, uniform; 4 of them shifted on the current
 * side, one with 1 % missing values), 3 small-integer numeric columns (0..4, one shifted), 3 text columns (3, 5 and
 * 12 labels, one shifted). Runs the gate (its compute function on the datasets' columns, auto method: wasserstein /
 * jensenshannon at this size) and prints wall time, CPU time and the process's peak RSS. Targets: < 10 s, < 500 MB.
 *
 *   node bench/drift.ts [rows] [method]
 */
import os from 'node:os';
import { driftGate } from '../src/gates/drift/index.ts';
import type { DriftGatePolicy, DriftPolicyMethod } from '../src/gates/drift/policy.ts';
import type { Column, Dataset } from '../src/data/types.ts';
import type { GateContext } from '../src/gates/types.ts';
import { rng } from '../src/util/random.ts';

const rows = Number(process.argv[2] ?? 1_000_000);
const method = (process.argv[3] ?? 'auto') as DriftPolicyMethod;

const t0 = performance.now();
function side(label: string, shifted: boolean): Map<string, Column> {
  const r = rng(7, `bench-drift-${label}`);
  const cols = new Map<string, Column>();
  for (let f = 0; f < 14; f++) {
    const v = new Float64Array(rows);
    const shift = shifted && f < 4 ? 0.05 * (f + 1) : 0;
    for (let i = 0; i < rows; i++) {
      const z = r.normal() + shift;
      v[i] = f % 3 === 0 ? z : f % 3 === 1 ? Math.exp(0.5 * z) : r.next() * 10 + shift;
      if (f === 13 && r.next() < 0.01) v[i] = NaN;
    }
    cols.set(`num${f}`, { kind: 'number', values: v });
  }
  for (let f = 0; f < 3; f++) {
    const v = new Float64Array(rows);
    for (let i = 0; i < rows; i++) v[i] = Math.min(4, r.int(5) + (shifted && f === 0 && r.next() < 0.1 ? 1 : 0));
    cols.set(`count${f}`, { kind: 'number', values: v });
  }
  const sizes = [3, 5, 12];
  for (let f = 0; f < 3; f++) {
    const labels = Array.from({ length: sizes[f] }, (_, k) => `cat${f}_${k}`);
    const v: string[] = new Array(rows);
    for (let i = 0; i < rows; i++) {
      const u = r.next();
      v[i] = labels[Math.min(sizes[f] - 1, Math.floor((shifted && f === 2 ? u * u : u) * sizes[f]))];
    }
    cols.set(`text${f}`, { kind: 'string', values: v });
  }
  return cols;
}
const dataset = (name: string, columns: Map<string, Column>): Dataset => ({ name, path: `${name}.csv`, format: 'csv', sha256: '', extraFiles: [], rows, columns, features: [...columns.keys()] });
const reference = dataset('reference', side('reference', false));
const current = dataset('current', side('current', true));
const genMs = performance.now() - t0;
const afterGenMb = process.memoryUsage().rss / 2 ** 20;
const genPeakMb = process.resourceUsage().maxRSS / 1024;

const policy: DriftGatePolicy = { reference: 'reference', current: 'current', features: [...reference.columns.keys()], method, thresholds: { share_drifted: { max: 0.3 } } };
const ctx: GateContext<DriftGatePolicy> = {
  policy,
  seed: 0,
  dataset: (n) => (n === 'reference' ? reference : current),
  predictions: async () => { throw new Error('no model in this bench'); },
  model: undefined,
  log: { info() {}, warn() {} },
  position: () => undefined,
  checkBudget() { if (process.env.BENCH_GC) (globalThis as any).gc(); },
};

const cpu0 = process.cpuUsage();
const t1 = performance.now();
const out = await driftGate.run(ctx);
const gateMs = performance.now() - t1;
const cpu = process.cpuUsage(cpu0);
const peakMb = process.resourceUsage().maxRSS / 1024;
console.log(`rows ${rows} reference + ${rows} current, ${out.details.tested} features, method ${method}; load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
console.log(`data generation ${(genMs / 1000).toFixed(2)} s (not part of the gate); RSS after generation ${afterGenMb.toFixed(0)} MB (peak so far ${genPeakMb.toFixed(0)} MB)`);
console.log(`drift gate ${(gateMs / 1000).toFixed(2)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s CPU; peak RSS ${peakMb.toFixed(0)} MB (whole process, data included)`);
const methods: Record<string, number> = {};
for (const f of out.details.features) methods[f.method] = (methods[f.method] ?? 0) + 1;
console.log(`methods ${JSON.stringify(methods)}; drifted ${out.details.drifted.join(', ') || 'none'}; share_drifted ${(out.metrics.share_drifted as number).toFixed(4)}`);
const ok = gateMs < 10_000 && peakMb < 500;
console.log(ok ? 'within targets (< 10 s, < 500 MB)' : 'OUTSIDE targets (< 10 s, < 500 MB)');
process.exitCode = ok ? 0 : 1;
