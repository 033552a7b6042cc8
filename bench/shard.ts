/**
 * Issue 18's sharding overhead (not a test): one `check` against the same policy run as N shards one after another
 * (`check --shard 1/N .. N/N`) and their `merge`, in one process, one run:
 *
 *   node bench/shard.ts [cnn|credit|resnet|robustness|cache|all] [--rows 100000] [--resnet-rows 1500] [--n 4] [--reps R]
 *                       [--robustness-rows 10000] [--points 400]
 *                       [--out bench/results/shard.json] [--make-workspace]
 *
 * - `cnn`: the Fashion-MNIST CNN test/fixtures/poisoning/clean.onnx (Conv 8, Conv 16, Linear 64, Linear 10 on
 *   1×28×28) on images generated here from the fixture's 2,000 training and 1,000 held-out Fashion-MNIST images
 *   (seeded: each image shifted by -2..2 pixels both ways, 10 % of its pixels re-drawn), `--rows` in all:
 *   `eval` (a fifth of them: a CSV of 784 pixel columns 0..255, a `site` column of 3 values and the label; `transform:
 *   {scale: 255, reshape: [1, 28, 28]}`) for accuracy and fairness (bootstrap 200), `members` and `non-members` (two
 *   fifths each, uint8 `.npy` [rows, 1, 28, 28] with int64 labels, `scale: 255`) for memorisation (bootstrap 200).
 *   The gates that shard today; every gate's per-row work is the CNN's predictions. This CNN is cheap
 *   (about 25 µs a row on 2 cores): the fixed costs of a run (reading every dataset, the gates' statistics) dominate.
 * - `resnet`: the same data and policy padded to 1×32×32 (`--resnet-rows`, default 1,500) through the ResNet-18 of
 *   the AutoAttack comparison (/work/bench-models/resnet18-fmnist32/model.onnx, made by
 *   scripts/make-bench-resnet18.py; not in git, so `all` skips it when it is absent): about 17 ms of CPU a row, the
 *   case sharding is for (the per-row work dominates).
 * - `robustness`: the `cnn` data at `--robustness-rows` (default 10,000) and policy plus the robustness gate on the CNN
 *   (`--points` sampled eval images, default 400; APGD-CE and APGD-DLR at epsilon 0.03 and 0.06): the attacks are
 *   per-row work of a fixture model that dominates the run, so the shard overhead is the fixed costs against it.
 * - `cache`: the `robustness` workspace with `check --cache-dir`: an empty cache (cold), the same inputs again (warm:
 *   issue 18's target, under 10 % of the cold run), and after a threshold change (warm too); the reports equal a
 *   plain `check`'s apart from timings, and the warm runs infer nothing.
 * - `credit`: the shipped example (examples/credit: 600 + 200 + 200 rows, signed model) with accuracy, memorisation
 *   and fairness, where inference is cheap: what remains is the fixed cost of a run.
 *
 * Each phase is timed in wall and process CPU time (onnxruntime's threads included). `check` and `merge` go
 * through the CLI's `main` (src/cli/main.ts) with `--json`; the shards through `runEngine` (src/cli/check.ts: what
 * `check --shard K/N --partial FILE` runs) with the partial encoded and written as `finishShard` does, so that the
 * shard's own `timings` can be printed. Ratios: total shard time / single check (issue 18's target <= 1.10) and
 * merge / single check (< 0.05). The merged report is compared with the check's (apart from timings and shards):
 * the bench refuses to report ratios of runs that disagree. With `--reps R` (default 5 for credit, 3 for cnn, 1 for
 * resnet) the phases run R times, alternated (check, shards, merge, check, ...), and the medians are reported. A
 * warm-up (check, shard, merge on the credit example) runs first and is not counted. Node's start and loading the
 * CLI's and the engine's modules, which every CI job pays once, are not in these in-process times: a child process
 * that only imports src/cli/main.ts and src/engine/run.ts is timed (median of 3) and printed beside them.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../src/cli/main.ts';
import { runEngine } from '../src/cli/check.ts';
import { encodePartial, type ShardPartial } from '../src/shard/partial.ts';
import { rng } from '../src/util/random.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const flag = (name: string, d: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : d;
};
const which = argv[0] && !argv[0].startsWith('--') ? argv[0] : 'all';
const ROWS = Number(flag('rows', '100000'));
const N = Number(flag('n', '4'));
/** Repetitions: `--reps`, else 5 for the credit example (a tenth of a second a run), 3 for cnn, 1 for resnet. */
const repsOf = (name: string) => Number(flag('reps', name === 'credit' ? '5' : name === 'cnn' ? '3' : '1'));
const OUT = flag('out', path.join(ROOT, 'bench/results/shard.json'));
/** `--make-workspace`: only write the case's workspace (for profiling: node --cpu-prof src/cli.ts check --workspace DIR) and print its path. */
const MAKE_ONLY = argv.includes('--make-workspace');

const load = () => os.loadavg().map((x) => x.toFixed(2)).join(' ');
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const median = (a: number[]) => {
  const b = [...a].sort((x, y) => x - y);
  return b.length % 2 ? b[b.length >> 1] : (b[b.length / 2 - 1] + b[b.length / 2]) / 2;
};

// ---------------------------------------------------------------------------------------------------------------
// Workspaces

function npyHeader(descr: string, shape: number[]): Buffer {
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': (${shape.join(', ')}${shape.length === 1 ? ',' : ''}), }`;
  while ((10 + header.length + 1) % 64 !== 0) header += ' ';
  header += '\n';
  const h = Buffer.alloc(10);
  h.write('\x93NUMPY', 0, 'latin1');
  h[6] = 1;
  h.writeUInt16LE(header.length, 8);
  return Buffer.concat([h, Buffer.from(header, 'latin1')]);
}

function readNpy(file: string): { data: Buffer; shape: number[] } {
  const b = readFileSync(file);
  const hl = b.readUInt16LE(8);
  const header = b.subarray(10, 10 + hl).toString('latin1');
  const shape = header.match(/'shape': \(([^)]*)\)/)![1].split(',').map((s) => s.trim()).filter(Boolean).map(Number);
  return { data: b.subarray(10 + hl), shape };
}

/**
 * `count` images drawn from `source` (uint8 [n, 28 × 28]) with labels: shifted by -2..2 pixels, 10 % of pixels
 * re-drawn; `side` 32 zero-pads them by 2 pixels on every side (the ResNet-18's input).
 */
function images(source: { x: Buffer; y: BigInt64Array }, count: number, label: string, side = 28): { x: Uint8Array; y: BigInt64Array } {
  const r = rng(18, `bench-shard-${label}`);
  const n = source.y.length;
  const pad = (side - 28) / 2, px = side * side;
  const x = new Uint8Array(count * px);
  const y = new BigInt64Array(count);
  for (let i = 0; i < count; i++) {
    const s = r.int(n);
    y[i] = source.y[s];
    const dx = r.int(5) - 2, dy = r.int(5) - 2;
    for (let row = 0; row < 28; row++) {
      for (let col = 0; col < 28; col++) {
        const sr = row - dy, sc = col - dx;
        let v = sr >= 0 && sr < 28 && sc >= 0 && sc < 28 ? source.x[s * 784 + sr * 28 + sc] : 0;
        if (r.next() < 0.1) v = r.int(256);
        x[i * px + (row + pad) * side + col + pad] = v;
      }
    }
  }
  return { x, y };
}

/** The ResNet-18 of the AutoAttack comparison (bench/README.md; not in git): 1×32×32 Fashion-MNIST, 11 M weights. */
const RESNET = '/work/bench-models/resnet18-fmnist32/model.onnx';

function cnnWorkspace(rows: number, model: 'clean' | 'resnet' = 'clean', robustness = 0): { dir: string; describe: string } {
  const side = model === 'resnet' ? 32 : 28, px = side * side;
  const dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'mg-bench-shard-')));
  const fx = path.join(ROOT, 'test/fixtures/poisoning');
  const src = (name: string) => {
    const x = readNpy(path.join(fx, `${name}-x.npy`));
    const y = readNpy(path.join(fx, `${name}-y.npy`));
    return { x: x.data, y: new BigInt64Array(y.data.buffer.slice(y.data.byteOffset, y.data.byteOffset + y.data.length)) };
  };
  const train = src('clean'), held = src('heldout');
  const nEval = Math.round(rows / 5), nSide = Math.round((rows - nEval) / 2);
  mkdirSync(path.join(dir, 'model'));
  mkdirSync(path.join(dir, 'data'));
  cpSync(model === 'resnet' ? RESNET : path.join(fx, 'clean.onnx'), path.join(dir, 'model/model.onnx'));
  for (const [name, from, count] of [['members', train, nSide], ['non-members', held, nSide]] as const) {
    const { x, y } = images(from, count, name, side);
    writeFileSync(path.join(dir, `data/${name}-x.npy`), Buffer.concat([npyHeader('|u1', [count, 1, side, side]), Buffer.from(x.buffer)]));
    writeFileSync(path.join(dir, `data/${name}-y.npy`), Buffer.concat([npyHeader('<i8', [count]), Buffer.from(y.buffer)]));
  }
  // eval: a CSV (fairness reads a sensitive column, so the dataset is tabular), one line per image.
  const ev = images(held, nEval, 'eval', side);
  const r = rng(18, 'bench-shard-site');
  const header = ['site', 'label', ...Array.from({ length: px }, (_, j) => `p${j}`)].join(',');
  const lines: string[] = [header];
  for (let i = 0; i < nEval; i++) {
    const site = ['north', 'south', 'east'][r.int(3)];
    lines.push(`${site},${ev.y[i]},${Array.from(ev.x.subarray(i * px, (i + 1) * px)).join(',')}`);
  }
  writeFileSync(path.join(dir, 'data/eval.csv'), lines.join('\n') + '\n');
  writeFileSync(path.join(dir, 'model-gate.yml'), `version: 1
seed: 0
budget-minutes: 30
model:
  path: model/model.onnx
signature:
  required: false
datasets:
  eval:
    path: data/eval.csv
    label: label
    exclude: [site]
    transform: { scale: 255, reshape: [1, ${side}, ${side}] }
  members:
    path: data/members-x.npy
    labels: data/members-y.npy
    transform: { scale: 255 }
  non-members:
    path: data/non-members-x.npy
    labels: data/non-members-y.npy
    transform: { scale: 255 }
gates:
  accuracy:
    dataset: eval
    thresholds:
      accuracy: { min: 0.1 }
  memorisation:
    members: members
    non-members: non-members
    bootstrap: 200
    thresholds:
      auc: { max: 0.99 }
  fairness:
    dataset: eval
    sensitive: [site]
    positive-label: 0
    bootstrap: 200
    thresholds:
      demographic_parity_difference: { max: 0.99 }
${robustness > 0 ? `  robustness:
    dataset: eval
    limit: ${robustness}
    epsilon: [0.03, 0.06]
    bounds: [0, 1]
    attacks: [apgd-ce, apgd-dlr]
    thresholds:
      robust_accuracy: { min: 0 }
` : ''}`);
  const what = model === 'resnet' ? `ResNet-18 (${RESNET}, bench/README.md), 1×32×32` : 'Fashion-MNIST CNN (test/fixtures/poisoning/clean.onnx), 1×28×28';
  const attacked = robustness > 0 ? `; robustness: APGD-CE and APGD-DLR on ${robustness} eval images at two epsilons` : '';
  return { dir, describe: `${what}: eval ${nEval} (CSV, ${px} pixel columns), members ${nSide}, non-members ${nSide} (uint8 .npy): ${nEval + 2 * nSide} images${attacked}` };
}

function creditWorkspace(): { dir: string; describe: string } {
  const dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'mg-bench-shard-')));
  cpSync(path.join(ROOT, 'examples/credit'), dir, { recursive: true });
  const p = path.join(dir, 'model-gate.yml');
  // The gates that shard: drop robustness and regression (its baseline is the base commit's model: none here).
  const text = readFileSync(p, 'utf8').replace(/  robustness:\n(    .*\n)+/, '').replace(/  # On pull requests[^\n]*\n(  #.*\n)*  regression:\n(    .*\n)+/, '');
  if (/robustness:|regression:/.test(text)) throw new Error('the credit example policy changed: update bench/shard.ts');
  writeFileSync(p, text);
  return { dir, describe: 'the credit example (examples/credit, signed): eval 600, members 200, non-members 200 rows; accuracy, memorisation (bootstrap 500), fairness, model-card' };
}

// ---------------------------------------------------------------------------------------------------------------
// Phases

interface Phase { wallMs: number; cpuMs: number; timings: Record<string, number> }

const sink = () => {
  let text = '';
  return { io: { write: (s: string) => ((text += s), true) }, text: () => text };
};

async function timed<T>(f: () => Promise<T>): Promise<{ value: T; wallMs: number; cpuMs: number }> {
  const c0 = cpuMs(), w0 = performance.now();
  const value = await f();
  return { value, wallMs: performance.now() - w0, cpuMs: cpuMs() - c0 };
}

async function check(dir: string): Promise<Phase & { json: string }> {
  const out = sink();
  const json = path.join(dir, 'full.json');
  const t = await timed(() => main(['check', '--workspace', dir, '--policy', 'model-gate.yml', '--json', json], { stdout: out.io, stderr: out.io }));
  const text = readFileSync(json, 'utf8');
  if (t.value === 2) throw new Error(`check exited 2:\n${out.text()}`);
  return { wallMs: t.wallMs, cpuMs: t.cpuMs, timings: JSON.parse(text).timings, json: text };
}

/** `check --cache-dir DIR`, and whether any inference ran (report timings `inference.*`). */
async function cachedCheck(dir: string, cacheDir: string): Promise<Phase & { json: string; inferred: boolean }> {
  const out = sink();
  const json = path.join(dir, 'cached.json');
  const t = await timed(() => main(['check', '--workspace', dir, '--policy', 'model-gate.yml', '--json', json, '--cache-dir', cacheDir], { stdout: out.io, stderr: out.io }));
  if (t.value === 2) throw new Error(`check --cache-dir exited 2:\n${out.text()}`);
  const text = readFileSync(json, 'utf8');
  const timings = JSON.parse(text).timings as Record<string, number>;
  return { wallMs: t.wallMs, cpuMs: t.cpuMs, timings, json: text, inferred: Object.keys(timings).some((k) => k.startsWith('inference.')) };
}

/**
 * The cache (issue 18: a second run of an unchanged pull request under 10 % of the first's time): `check --cache-dir`
 * on an empty folder, then again (nothing changed), then after a threshold change; each report equal to a plain
 * `check`'s apart from timings.
 */
async function cacheCase(name: string, ws: { dir: string; describe: string }) {
  console.log(`\n## ${name}: ${ws.describe}; load average ${load()}`);
  const cacheDir = path.join(ws.dir, '.cache');
  try {
    const plain = await check(ws.dir);
    const cold = await cachedCheck(ws.dir, cacheDir);
    const warm = await cachedCheck(ws.dir, cacheDir);
    const p = path.join(ws.dir, 'model-gate.yml');
    writeFileSync(p, readFileSync(p, 'utf8').replace('accuracy: { min: 0.1 }', 'accuracy: { min: 0.2 }'));
    const threshold = await cachedCheck(ws.dir, cacheDir);
    const noTimings = (j: string) => { const r = JSON.parse(j); delete r.timings; return JSON.stringify(r); };
    if (noTimings(cold.json) !== noTimings(plain.json) || noTimings(warm.json) !== noTimings(plain.json)) throw new Error(`${name}: a cached run's report differs from check's`);
    if (warm.inferred || threshold.inferred) throw new Error(`${name}: a warm run inferred`);
    const s = (ms: number) => (ms / 1000).toFixed(2).padStart(7);
    console.log(`| run | wall s | CPU s | inference |\n|---|---|---|---|`);
    for (const [label, r] of [['check (no cache)', { ...plain, inferred: true }], ['cold (empty cache)', cold], ['warm (unchanged)', warm], ['warm (a threshold changed)', threshold]] as const) {
      console.log(`| ${label} | ${s(r.wallMs)} | ${s(r.cpuMs)} | ${r.inferred ? 'yes' : 'none'} |`);
    }
    const ratio = { wall: warm.wallMs / cold.wallMs, cpu: warm.cpuMs / cold.cpuMs };
    console.log(`warm / cold: ${ratio.wall.toFixed(3)} wall, ${ratio.cpu.toFixed(3)} CPU (target < 0.10); cold / plain: ${(cold.wallMs / plain.wallMs).toFixed(3)} wall`);
    return { case: name, data: ws.describe, plain: { wall_ms: plain.wallMs, cpu_ms: plain.cpuMs }, cold: { wall_ms: cold.wallMs, cpu_ms: cold.cpuMs }, warm: { wall_ms: warm.wallMs, cpu_ms: warm.cpuMs, timings: warm.timings }, threshold_changed: { wall_ms: threshold.wallMs, cpu_ms: threshold.cpuMs }, warm_over_cold: ratio };
  } finally {
    rmSync(ws.dir, { recursive: true, force: true });
  }
}

async function shard(dir: string, k: number, n: number): Promise<Phase & { file: string }> {
  const out = sink();
  const file = path.join(dir, `part-${k}.bin`);
  let partial: ShardPartial | undefined;
  const t = await timed(async () => {
    const report = await runEngine({ stdout: out.io, stderr: out.io }, { workspace: dir, policyPath: 'model-gate.yml', shard: { k, n, partial: (p) => (partial = p) } });
    if (typeof report === 'number' || report.verdict !== 'pass' || !partial) throw new Error(`shard ${k}/${n} failed:\n${out.text()}\n${typeof report === 'number' ? report : JSON.stringify(report.errors)}`);
    const w0 = performance.now();
    writeFileSync(file, encodePartial(partial));
    return { ...report.timings, 'partial.write': Math.round(performance.now() - w0) } as Record<string, number>;
  });
  return { wallMs: t.wallMs, cpuMs: t.cpuMs, timings: t.value, file };
}

async function merge(dir: string, files: string[]): Promise<Phase & { json: string }> {
  const out = sink();
  const json = path.join(dir, 'merged.json');
  const t = await timed(() => main(['merge', ...files, '--workspace', dir, '--policy', 'model-gate.yml', '--json', json], { stdout: out.io, stderr: out.io }));
  if (t.value === 2) throw new Error(`merge exited 2:\n${out.text()}`);
  const text = readFileSync(json, 'utf8');
  return { wallMs: t.wallMs, cpuMs: t.cpuMs, timings: JSON.parse(text).timings, json: text };
}

const withoutRunFields = (json: string) => {
  const r = JSON.parse(json);
  delete r.timings;
  delete r.shards;
  return JSON.stringify(r);
};

async function runCase(name: string, ws: { dir: string; describe: string }) {
  console.log(`\n## ${name}: ${ws.describe}; ${N} shards; load average ${load()}`);
  const REPS = repsOf(name);
  const reps: { check: Phase; shards: Phase[]; merge: Phase }[] = [];
  try {
    for (let rep = 0; rep < REPS; rep++) {
      const c = await check(ws.dir);
      const shards: (Phase & { file: string })[] = [];
      for (let k = 1; k <= N; k++) shards.push(await shard(ws.dir, k, N));
      const m = await merge(ws.dir, shards.map((s) => s.file));
      if (withoutRunFields(m.json) !== withoutRunFields(c.json)) throw new Error(`${name}: the merged report differs from check's: the bench reports no ratio for runs that disagree`);
      reps.push({ check: c, shards, merge: m });
    }
  } finally {
    rmSync(ws.dir, { recursive: true, force: true });
  }
  const total = (r: (typeof reps)[number], key: 'wallMs' | 'cpuMs') => r.shards.reduce((s, p) => s + p[key], 0);
  const summary = {
    check: { wall_ms: median(reps.map((r) => r.check.wallMs)), cpu_ms: median(reps.map((r) => r.check.cpuMs)) },
    shards_total: { wall_ms: median(reps.map((r) => total(r, 'wallMs'))), cpu_ms: median(reps.map((r) => total(r, 'cpuMs'))) },
    merge: { wall_ms: median(reps.map((r) => r.merge.wallMs)), cpu_ms: median(reps.map((r) => r.merge.cpuMs)) },
    shards_over_check: { wall: median(reps.map((r) => total(r, 'wallMs') / r.check.wallMs)), cpu: median(reps.map((r) => total(r, 'cpuMs') / r.check.cpuMs)) },
    merge_over_check: { wall: median(reps.map((r) => r.merge.wallMs / r.check.wallMs)), cpu: median(reps.map((r) => r.merge.cpuMs / r.check.cpuMs)) },
  };
  const last = reps[reps.length - 1];
  const s = (ms: number) => (ms / 1000).toFixed(2).padStart(7);
  console.log(`| phase | wall s | CPU s | report timings (ms) |`);
  console.log(`|---|---|---|---|`);
  const row = (label: string, p: Phase) => console.log(`| ${label} | ${s(p.wallMs)} | ${s(p.cpuMs)} | ${Object.entries(p.timings).map(([k, v]) => `${k} ${v}`).join(', ')} |`);
  row('check', last.check);
  last.shards.forEach((p, i) => row(`shard ${i + 1}/${N}`, p));
  row('merge', last.merge);
  console.log(`\nmedians over ${REPS} rep(s): check ${s(summary.check.wall_ms)} s wall ${s(summary.check.cpu_ms)} s CPU; ${N} shards ${s(summary.shards_total.wall_ms)} s wall ${s(summary.shards_total.cpu_ms)} s CPU; merge ${s(summary.merge.wall_ms)} s wall ${s(summary.merge.cpu_ms)} s CPU`);
  console.log(`shards / check: ${summary.shards_over_check.wall.toFixed(3)} wall, ${summary.shards_over_check.cpu.toFixed(3)} CPU (target <= 1.10)`);
  console.log(`merge / check:  ${summary.merge_over_check.wall.toFixed(3)} wall, ${summary.merge_over_check.cpu.toFixed(3)} CPU (target < 0.05)`);
  console.log(`merged report = check's report apart from timings and shards: yes; load average ${load()}`);
  return { case: name, data: ws.describe, n: N, reps: REPS, ...summary, last: { check: last.check.timings, shards: last.shards.map((p) => ({ wall_ms: Math.round(p.wallMs), cpu_ms: Math.round(p.cpuMs), timings: p.timings })), merge: last.merge.timings } };
}

if (MAKE_ONLY) {
  console.log((which === 'credit' ? creditWorkspace() : cnnWorkspace(which === 'resnet' ? Number(flag('resnet-rows', '1500')) : ROWS, which === 'resnet' ? 'resnet' : 'clean')).dir);
  process.exit(0);
}
const results = [];
console.log(`bench/shard.ts: node ${process.version}, ${os.cpus().length} cores, load average ${load()}`);
{
  // Warm-up, not counted: module loading, onnxruntime's first session, a shard and a merge (the engine's modules).
  const w = creditWorkspace();
  await check(w.dir);
  await merge(w.dir, [(await shard(w.dir, 1, 1)).file]);
  rmSync(w.dir, { recursive: true, force: true });
}
// What every job pays before a run starts: Node's start and loading the CLI and the engine (onnxruntime included).
const startMs = (() => {
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', `await import(${JSON.stringify(path.join(ROOT, 'src/cli/main.ts'))}); await import(${JSON.stringify(path.join(ROOT, 'src/engine/run.ts'))});`], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error('the start-up child failed');
    times.push(performance.now() - t0);
  }
  return median(times);
})();
console.log(`a job's start (node, the CLI's and the engine's modules, in a child process): ${(startMs / 1000).toFixed(2)} s (median of 3); not in the in-process times below`);
if (which === 'cnn' || which === 'all') results.push(await runCase('cnn', cnnWorkspace(ROWS)));
if (which === 'credit' || which === 'all') results.push(await runCase('credit', creditWorkspace()));
if (which === 'resnet' || (which === 'all' && existsSync(RESNET))) results.push(await runCase('resnet', cnnWorkspace(Number(flag('resnet-rows', '1500')), 'resnet')));
// The per-row work that sharding is for, on a fixture: attacks on the CNN (robustness, 2 epsilons, APGD-CE + APGD-DLR).
const ATTACKED = Number(flag('points', '400'));
if (which === 'robustness' || which === 'all') results.push(await runCase('robustness', cnnWorkspace(Number(flag('robustness-rows', '10000')), 'clean', ATTACKED)));
if (which === 'cache' || which === 'all') results.push(await cacheCase('cache', cnnWorkspace(Number(flag('robustness-rows', '10000')), 'clean', ATTACKED)));
mkdirSync(path.dirname(OUT), { recursive: true });
writeFileSync(OUT, JSON.stringify({ date: new Date().toISOString(), node: process.version, cores: os.cpus().length, job_start_ms: Math.round(startMs), results }, null, 1) + '\n');
console.log(`\nwrote ${path.relative(process.cwd(), OUT)}`);
