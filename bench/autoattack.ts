/**
 * Our side of the issue-15 comparison with AutoAttack standard (bench, not a test):
 *
 *   node bench/autoattack.ts [--models /work/bench-models] [--out bench/results/ours-resnet18-fmnist32.json] [--aa AA.json]
 *   node bench/autoattack.ts --ort-logits     (only: onnxruntime logits of the 200 points, for the torch check)
 *
 * Runs model-gate's robustness gate as a user does: `model-gate check` (src/cli/main.ts `main`, in this process)
 * on a temporary workspace holding the bench ResNet-18 (scripts/make-bench-resnet18.py: MODELS/resnet18-fmnist32/
 * model.onnx), its 200 evaluation points (eval-x.npy float32 [200,1,32,32], eval-y.npy int64 [200]) and this policy:
 * `gates.robustness: { dataset, limit: 200, norm: linf, epsilon: 8/255, bounds: [0, 1], attacks: auto }` with a
 * `robust_accuracy: { min: 0 }` threshold (a gate must check something), `signature: { required: false }` (the model
 * is unsigned), `seed: 0`, `budget-minutes: 180` (the default 60 would end a slow run with "budget exceeded").
 *
 * The only addition to a user's run is an observer: every attack factory in the registry is wrapped so that each
 * attack's wall time, and which points it claimed, are recorded (the report gives counts, not points). The per-point
 * robust flags are the clean-correct points that no attack claimed; their count is checked against the report's
 * robust_accuracy (the gate re-checks every claim; an unconfirmed claim would show as a mismatch).
 *
 * A second observer wraps onnxruntime's `InferenceSession.prototype.run` and sums, per kind of session (gradient
 * sessions: those fed `mg_label` / `mg_target`; forward sessions: the rest), the calls, the rows and the wall time
 * spent in `run`: the rows per second of each kind are where the time goes. `--stop-after-s S` ends the run after S
 * seconds and writes what was measured up to then (the attacks that had finished, the session counters), marked
 * `completed: false`.
 *
 * Records robust accuracy, the per-attack breakdown, wall time and process CPU time (process.cpuUsage(): every
 * thread of the process, onnxruntime's included) of the whole `check` run and of each attack, /proc/loadavg before
 * and after, then prints a side-by-side comparison with bench/results/autoattack-resnet18-fmnist32.json (written by
 * bench/autoattack-reference.py) when it exists: robust accuracy within AutoAttack's + 0.01? faster wall? CPU? and
 * the points each side broke that the other did not.
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-node';
import { main } from '../src/cli/main.ts';
import { attackFactory, registerAttack } from '../src/gates/robustness/attacks/registry.ts';
// the gate module registers the black-box attacks (square, hsja) when it loads: load it before wrapping
import '../src/gates/robustness/index.ts';
import type { AttackInput } from '../src/gates/robustness/types.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const opt = (name: string, dflt: string): string => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const MODELS = opt('--models', '/work/bench-models');
const MDIR = path.join(MODELS, 'resnet18-fmnist32');
const OUT = opt('--out', path.join(HERE, 'results', 'ours-resnet18-fmnist32.json'));
const AA = opt('--aa', path.join(HERE, 'results', 'autoattack-resnet18-fmnist32.json'));
const EPS = 8 / 255;
const STOP_AFTER_S = Number(opt('--stop-after-s', '0'));
const loadavg = (): string => readFileSync('/proc/loadavg', 'utf8').trim();
const cpuSeconds = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

function npyLabels(file: string): number[] {
  const b = readFileSync(file);
  const hl = b.readUInt16LE(8);
  const header = b.subarray(10, 10 + hl).toString('latin1');
  if (!header.includes("'<i8'")) throw new Error(`${file}: expected int64 labels`);
  const data = new BigInt64Array(b.buffer.slice(b.byteOffset + 10 + hl, b.byteOffset + b.length));
  return Array.from(data, Number);
}

function npyFloat32(file: string): { data: Float32Array; shape: number[] } {
  const b = readFileSync(file);
  const hl = b.readUInt16LE(8);
  const header = b.subarray(10, 10 + hl).toString('latin1');
  if (!header.includes("'<f4'")) throw new Error(`${file}: expected float32`);
  const shape = JSON.parse(header.match(/'shape': \(([^)]*)\)/)![1].replace(/,\s*$/, '').replace(/^/, '[').replace(/$/, ']')) as number[];
  return { data: new Float32Array(b.buffer.slice(b.byteOffset + 10 + hl, b.byteOffset + b.length)), shape };
}

function npyFloat32Bytes(data: Float32Array, shape: number[]): Buffer {
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': (${shape.join(', ')}${shape.length === 1 ? ',' : ''}), }`;
  while ((10 + header.length + 1) % 64 !== 0) header += ' ';
  header += '\n';
  const h = Buffer.alloc(10);
  h.write('\x93NUMPY', 0, 'latin1');
  h[6] = 1;
  h[7] = 0;
  h.writeUInt16LE(header.length, 8);
  return Buffer.concat([h, Buffer.from(header, 'latin1'), Buffer.from(data.buffer, data.byteOffset, data.byteLength)]);
}

/** onnxruntime logits of the 200 points (default session options), for bench/autoattack-reference.py's torch check. */
async function ortLogits(): Promise<void> {
  const x = npyFloat32(path.join(MDIR, 'eval-x.npy'));
  const s = await ort.InferenceSession.create(path.join(MDIR, 'model.onnx'));
  const out = await s.run({ [s.inputNames[0]]: new ort.Tensor('float32', x.data, x.shape) });
  const z = out[s.outputNames[0]];
  writeFileSync(path.join(MDIR, 'ort-logits.npy'), npyFloat32Bytes(z.data as Float32Array, z.dims as number[]));
  console.log(`wrote ${path.join(MDIR, 'ort-logits.npy')} ${JSON.stringify(z.dims)} (onnxruntime-node)`);
}

const sessionStats: Record<string, { calls: number; rows: number; run_wall_s: number }> = {
  gradient: { calls: 0, rows: 0, run_wall_s: 0 }, forward: { calls: 0, rows: 0, run_wall_s: 0 },
};
{
  const proto = (ort.InferenceSession as unknown as { prototype: unknown }).prototype as { run: (feeds: Record<string, ort.Tensor>, ...rest: unknown[]) => Promise<unknown> };
  const orig = proto.run;
  proto.run = async function (this: unknown, feeds: Record<string, ort.Tensor>, ...rest: unknown[]) {
    const kind = 'mg_label' in feeds || 'mg_target' in feeds ? 'gradient' : 'forward';
    const first = Object.values(feeds)[0];
    const t0 = performance.now();
    try {
      return await orig.call(this, feeds, ...rest);
    } finally {
      const st = sessionStats[kind];
      st.calls++;
      st.rows += first?.dims?.[0] ?? 0;
      st.run_wall_s += (performance.now() - t0) / 1000;
    }
  };
}

interface AttackLog { name: string; wall_s: number; cpu_s: number; attacked: number; claimed: number[] }

async function ours(): Promise<Record<string, unknown>> {
  const y = npyLabels(path.join(MDIR, 'eval-y.npy'));
  const n = y.length;
  // observer: wrap every registered attack (main's imports have registered the black-box ones by now)
  const attackLog: AttackLog[] = [];
  for (const name of ['apgd-ce', 'apgd-dlr', 'apgd-t', 'apgd-margin', 'pgd', 'fgsm', 'square', 'hsja']) {
    const f = attackFactory(name);
    if (!f) continue;
    registerAttack(name, (c) => {
      const atk = f(c);
      const run = atk.run.bind(atk);
      return Object.assign(Object.create(Object.getPrototypeOf(atk)), atk, {
        run: async (input: AttackInput) => {
          const w0 = performance.now(), c0 = cpuSeconds();
          const res = await run(input);
          const claimed: number[] = [];
          for (let i = 0; i < input.n; i++) if (input.active[i] && res.success[i]) claimed.push(input.ids[i]);
          attackLog.push({
            name: atk.name, wall_s: (performance.now() - w0) / 1000, cpu_s: cpuSeconds() - c0,
            attacked: input.active.reduce((a, v) => a + v, 0), claimed,
          });
          console.log(`  ${atk.name}: ${attackLog.at(-1)!.attacked} points attacked, ${claimed.length} claimed, ${attackLog.at(-1)!.wall_s.toFixed(1)} s wall, ${attackLog.at(-1)!.cpu_s.toFixed(1)} s CPU`);
          return res;
        },
      });
    });
  }

  const dir = mkdtempSync(path.join(os.tmpdir(), 'mg-bench-aa-'));
  try {
    for (const f of ['model.onnx', 'eval-x.npy', 'eval-y.npy']) copyFileSync(path.join(MDIR, f), path.join(dir, f));
    const policy = `version: 1
seed: 0
budget-minutes: 180
model: { path: model.onnx }
signature: { required: false }
datasets:
  eval: { path: eval-x.npy, labels: eval-y.npy }
gates:
  robustness:
    dataset: eval
    limit: ${n}
    norm: linf
    epsilon: ${EPS}
    bounds: [0, 1]
    attacks: auto
    thresholds:
      robust_accuracy: { min: 0 }
`;
    writeFileSync(path.join(dir, 'policy.yml'), policy);
    const reportFile = path.join(dir, 'report.json');
    const lines: string[] = [];
    const sink = { write: (s: string | Uint8Array) => { lines.push(String(s)); return true; } };
    // clean-correct points (a plain onnxruntime session, before the timed run)
    const x = npyFloat32(path.join(MDIR, 'eval-x.npy'));
    const s = await ort.InferenceSession.create(path.join(MDIR, 'model.onnx'));
    const z = (await s.run({ [s.inputNames[0]]: new ort.Tensor('float32', x.data, x.shape) }))[s.outputNames[0]].data as Float32Array;
    const C = z.length / n;
    const correct = y.map((yi, i) => {
      let best = 0;
      for (let k = 1; k < C; k++) if (z[i * C + k] > z[i * C + best]) best = k;
      return best === yi;
    });
    sessionStats.forward = { calls: 0, rows: 0, run_wall_s: 0 };
    const load_start = loadavg();
    const w0 = performance.now(), c0 = cpuSeconds();
    if (STOP_AFTER_S > 0) {
      setTimeout(() => {
        const partial = {
          model: 'scripts/make-bench-resnet18.py ResNet-18 (CIFAR form, 1-channel stem), Fashion-MNIST padded to 32x32',
          points: n, norm: 'linf', epsilon: EPS, attack_spec: 'auto', seed: 0, node: process.version,
          completed: false, stop_after_s: STOP_AFTER_S,
          clean_correct: correct.filter(Boolean).length,
          // clean-correct and claimed by no attack that had finished: an upper bound of the complete run's robust set
          robust_indices_so_far: y.map((_, i) => i).filter((i) => correct[i] && !attackLog.some((a) => a.claimed.includes(i))),
          wall_s: (performance.now() - w0) / 1000, cpu_s: cpuSeconds() - c0, load_start, load_end: loadavg(),
          attack_times: attackLog.map(({ claimed: c, ...rest }) => ({ ...rest, claimed: c.length })),
          broken_by_attack: Object.fromEntries(attackLog.map((a) => [a.name, [...a.claimed].sort((p, q) => p - q)])),
          session_stats: sessionStats,
        };
        mkdirSync(path.dirname(OUT), { recursive: true });
        writeFileSync(OUT, JSON.stringify(partial, null, 1) + '\n');
        console.log(`STOPPED after ${STOP_AFTER_S} s: ${JSON.stringify(partial.attack_times)}; sessions ${JSON.stringify(sessionStats)}; wrote ${OUT}`);
        rmSync(dir, { recursive: true, force: true });
        process.exit(0);
      }, STOP_AFTER_S * 1000).unref();
    }
    const code = await main(['check', '--workspace', dir, '--policy', 'policy.yml', '--json', reportFile], { stdout: sink, stderr: sink });
    const wall_s = (performance.now() - w0) / 1000, cpu_s = cpuSeconds() - c0;
    const load_end = loadavg();
    const report = JSON.parse(readFileSync(reportFile, 'utf8'));
    const g = report.gates.robustness;
    if (!g || !g.metrics || g.metrics.robust_accuracy === undefined) {
      console.log(lines.join(''));
      throw new Error(`check exited ${code} without a robustness result: ${JSON.stringify(report.errors ?? report)}`);
    }
    // per-point: clean-correct and claimed by no attack = robust
    const claimed = new Set(attackLog.flatMap((a) => a.claimed));
    const robustIdx = y.map((_, i) => i).filter((i) => correct[i] && !claimed.has(i));
    const robust_accuracy = g.metrics.robust_accuracy as number;
    return {
      model: 'scripts/make-bench-resnet18.py ResNet-18 (CIFAR form, 1-channel stem), Fashion-MNIST padded to 32x32',
      points: n, norm: 'linf', epsilon: EPS, attack_spec: 'auto', seed: 0,
      node: process.version, onnxruntime_node: (ort.env as { versions?: { node?: string } }).versions?.node ?? 'see package-lock.json',
      exit_code: code, verdict: report.verdict ?? null,
      clean_accuracy: g.metrics.clean_accuracy, robust_accuracy, robust_correct: Math.round(robust_accuracy * n),
      robust_indices: robustIdx,
      per_point_check: robustIdx.length === Math.round(robust_accuracy * n) ? 'agrees with the report' : `MISMATCH: ${robustIdx.length} vs report ${Math.round(robust_accuracy * n)}`,
      attacks: (g.details.attacks as { name: string; points_broken: number; queries: number; skipped?: string; unconfirmed?: number }[]).map((a) => ({
        name: a.name, points_broken: a.points_broken, queries: a.queries, ...(a.skipped ? { skipped: a.skipped } : {}), ...(a.unconfirmed ? { unconfirmed: a.unconfirmed } : {}),
      })),
      attack_times: attackLog.map(({ claimed: c, ...rest }) => ({ ...rest, claimed: c.length })),
      queries: g.details.queries, completed: true, wall_s, cpu_s, load_start, load_end, session_stats: sessionStats,
      broken_by_attack: Object.fromEntries(attackLog.map((a) => [a.name, [...a.claimed].sort((p, q) => p - q)])),
      warnings: report.warnings,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function compare(o: Record<string, any>, a: Record<string, any>): void {
  const row = (k: string, ov: string, av: string) => console.log(`${k.padEnd(26)} ${ov.padStart(14)} ${av.padStart(14)}`);
  console.log('\nissue 15: attacks auto vs AutoAttack standard, ResNet-18 Fashion-MNIST 32x32, 200 points, Linf 8/255');
  row('', 'model-gate', 'AutoAttack');
  row('clean accuracy', o.clean_accuracy.toFixed(3), a.clean_accuracy.toFixed(3));
  row('robust accuracy', o.robust_accuracy.toFixed(3), a.robust_accuracy.toFixed(3));
  row('wall s', o.wall_s.toFixed(1), a.wall_s.toFixed(1));
  row('CPU s', o.cpu_s.toFixed(1), a.cpu_s.toFixed(1));
  row('load at start', o.load_start.split(' ').slice(0, 3).join(' '), a.load_start.split(' ').slice(0, 3).join(' '));
  row('load at end', o.load_end.split(' ').slice(0, 3).join(' '), a.load_end.split(' ').slice(0, 3).join(' '));
  console.log(`AutoAttack stages (robust after): ${a.stages.map((s: any) => `${s.after} ${s.robust_correct}`).join(', ')}`);
  let left = Math.round(o.clean_accuracy * o.points);
  console.log(`ours (robust after): ${o.attacks.map((s: any) => `${s.name} ${(left -= s.points_broken)}`).join(', ')}`);
  const oR = new Set<number>(o.robust_indices), aR = new Set<number>(a.robust_indices);
  const weBrokeNotAA = [...aR].filter((i) => !oR.has(i)), aaBrokeNotUs = [...oR].filter((i) => !aR.has(i));
  console.log(`points AutoAttack left robust that we broke: ${weBrokeNotAA.length} ${JSON.stringify(weBrokeNotAA)}`);
  console.log(`points we left robust that AutoAttack broke: ${aaBrokeNotUs.length} ${JSON.stringify(aaBrokeNotUs)}`);
  console.log(`criterion robust accuracy <= AutoAttack + 0.01: ${o.robust_accuracy <= a.robust_accuracy + 0.01 + 1e-9 ? 'met' : 'NOT met'}`);
  console.log(`criterion wall time < AutoAttack's: ${o.wall_s < a.wall_s ? 'met' : 'NOT met'} (${(o.wall_s / a.wall_s).toFixed(2)}x); CPU time ratio ${(o.cpu_s / a.cpu_s).toFixed(2)}x`);
  o.comparison = {
    autoattack_json: path.relative(path.join(HERE, '..'), AA),
    robust_within_1pt: o.robust_accuracy <= a.robust_accuracy + 0.01 + 1e-9,
    faster_wall: o.wall_s < a.wall_s, faster_cpu: o.cpu_s < a.cpu_s,
    wall_ratio: o.wall_s / a.wall_s, cpu_ratio: o.cpu_s / a.cpu_s,
    broken_by_us_not_autoattack: weBrokeNotAA, broken_by_autoattack_not_us: aaBrokeNotUs,
  };
}

if (args.includes('--ort-logits')) {
  await ortLogits();
} else {
  const o = await ours();
  if (existsSync(AA)) compare(o, JSON.parse(readFileSync(AA, 'utf8')));
  else console.log(`(no ${AA} yet: run bench/autoattack-reference.py for the comparison)`);
  mkdirSync(path.dirname(OUT), { recursive: true });
  writeFileSync(OUT, JSON.stringify(o, null, 1) + '\n');
  console.log(`ours: robust accuracy ${(o.robust_accuracy as number).toFixed(3)}, wall ${(o.wall_s as number).toFixed(1)} s, CPU ${(o.cpu_s as number).toFixed(1)} s; wrote ${OUT}`);
}
