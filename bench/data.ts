/**
 * Dataset loading benchmark: throughput and peak memory of reading a 1,000,000-row dataset.
 *
 *   node bench/data.ts [rows]
 *
 * Generates (in a temp dir, deterministic content) a CSV with 12 columns (9 float, 2 text categories, 1 integer
 * label) and the same table as Parquet (hyparquet-writer, row groups of 100,000, snappy), then loads each through
 * `loadDataset` (hash + parse, as a run does) in a CHILD process and prints rows/s (wall clock, and per CPU second,
 * which is steadier on a busy machine) and the child's peak RSS
 * (`process.resourceUsage().maxRSS`). Target: peak RSS < 500 MB. An idle child is measured too, for
 * the baseline of Node itself.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { once } from 'node:events';

const self = fileURLToPath(import.meta.url);

if (process.argv[2] === '--child') {
  const [, , , kind, dir, file] = process.argv;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let rows = 0;
  if (kind !== 'idle') {
    const { loadDataset } = await import('../src/data/load.ts');
    const ds = await loadDataset('bench', { path: file, label: 'label' }, { workspace: dir, workingDirectory: dir });
    rows = ds.rows;
    if (ds.columns.size !== 12) throw new Error(`expected 12 columns, got ${ds.columns.size}`);
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  process.stdout.write(JSON.stringify({ rows, seconds, cpuSeconds, maxRssMB: process.resourceUsage().maxRSS / 1024 }) + '\n');
  process.exit(0);
}

const ROWS = Number(process.argv[process.argv[2] === '--generate' ? 4 : 2] ?? 1_000_000);
const CATS_A = ['Private', 'Self-emp-not-inc', 'Local-gov', 'State-gov', 'Federal-gov', 'Without-pay'];
const CATS_B = ['Married-civ-spouse', 'Never-married', 'Divorced', 'Separated', 'Widowed'];

/** Deterministic pseudo-random values (xorshift32). */
let state = 0x12345678;
function rand(): number {
  state ^= state << 13; state >>>= 0;
  state ^= state >>> 17;
  state ^= state << 5; state >>>= 0;
  return state / 4294967296;
}

function row(i: number): { nums: number[]; a: string; b: string; label: number } {
  const nums: number[] = [];
  for (let k = 0; k < 9; k++) nums.push(Math.round((rand() * 200 - 100) * 1e6) / 1e6);
  return { nums, a: CATS_A[Math.floor(rand() * CATS_A.length)], b: CATS_B[(i * 7) % CATS_B.length], label: rand() < 0.3 ? 1 : 0 };
}

if (process.argv[2] === '--generate') {
  await generate(process.argv[3]);
  process.exit(0);
}

// Generation runs in its own child: Linux keeps a process's peak RSS across fork+exec, so children spawned by a
// parent that had held the generated table would report the parent's peak instead of their own.
const dir = mkdtempSync(path.join(tmpdir(), 'mg-bench-data-'));
try {
  const gen = spawnSync(process.execPath, [self, '--generate', dir, String(ROWS)], { stdio: 'inherit' });
  if (gen.status !== 0) throw new Error('generating the data failed');
  const runChild = (kind: string, file: string): { rows: number; seconds: number; cpuSeconds: number; maxRssMB: number } => {
    const r = spawnSync(process.execPath, [self, '--child', kind, dir, file], { encoding: 'utf8', maxBuffer: 1 << 20 });
    if (r.status !== 0) throw new Error(`child ${kind} failed: ${r.stderr}`);
    return JSON.parse(r.stdout.trim().split('\n').pop()!);
  };
  const idle = runChild('idle', '');
  console.log(`node ${process.version}, ${ROWS.toLocaleString('en')} rows x 12 columns`);
  console.log(`idle child baseline: peak RSS ${idle.maxRssMB.toFixed(0)} MB`);
  for (const [kind, file] of [['csv', 'big.csv'], ['parquet', 'big.parquet']] as const) {
    const size = statSync(path.join(dir, file)).size / 2 ** 20;
    const r = runChild(kind, file);
    if (r.rows !== ROWS) throw new Error(`${kind}: loaded ${r.rows} rows, expected ${ROWS}`);
    const ok = r.maxRssMB < 500 ? 'OK (< 500 MB)' : 'OVER the 500 MB target';
    console.log(`${kind.padEnd(7)} ${size.toFixed(1).padStart(6)} MB file: ${r.seconds.toFixed(2)} s wall (${Math.round(r.rows / r.seconds).toLocaleString('en')} rows/s), ${r.cpuSeconds.toFixed(2)} s CPU (${Math.round(r.rows / r.cpuSeconds).toLocaleString('en')} rows/CPU-s), peak RSS ${r.maxRssMB.toFixed(0)} MB ${ok}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

async function generate(dir: string): Promise<void> {
  // CSV
  state = 0x12345678;
  const csvPath = path.join(dir, 'big.csv');
  const out = createWriteStream(csvPath);
  out.write(['f1', 'f2', 'f3', 'f4', 'f5', 'f6', 'f7', 'f8', 'f9', 'workclass', 'marital', 'label'].join(',') + '\n');
  let batch: string[] = [];
  for (let i = 0; i < ROWS; i++) {
    const r = row(i);
    batch.push(`${r.nums.join(',')},${r.a},"${r.b}",${r.label}`);
    if (batch.length === 10000) {
      if (!out.write(batch.join('\n') + '\n')) await once(out, 'drain');
      batch = [];
    }
  }
  if (batch.length) out.write(batch.join('\n') + '\n');
  out.end();
  await once(out, 'finish');

  // Parquet (same values)
  state = 0x12345678;
  const cols: number[][] = Array.from({ length: 9 }, () => new Array<number>(ROWS));
  const ca = new Array<string>(ROWS), cb = new Array<string>(ROWS), lab = new Array<number>(ROWS);
  for (let i = 0; i < ROWS; i++) {
    const r = row(i);
    for (let k = 0; k < 9; k++) cols[k][i] = r.nums[k];
    ca[i] = r.a; cb[i] = r.b; lab[i] = r.label;
  }
  const { parquetWriteBuffer } = await import('hyparquet-writer');
  const buf = parquetWriteBuffer({
    columnData: [
      ...cols.map((data, k) => ({ name: `f${k + 1}`, data, type: 'DOUBLE' as const })),
      { name: 'workclass', data: ca, type: 'STRING' as const },
      { name: 'marital', data: cb, type: 'STRING' as const },
      { name: 'label', data: lab, type: 'INT32' as const },
    ],
    rowGroupSize: 100_000,
  });
  const pqPath = path.join(dir, 'big.parquet');
  writeFileSync(pqPath, new Uint8Array(buf));
}
