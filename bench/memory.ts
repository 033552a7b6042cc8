/**
 * Memory of the white-box attacks' gradient model (not a test):
 *   node bench/memory.ts [--threads 2] [--batches 1,8,32,128] MODEL.onnx...
 *
 * For each model (one float input, NCHW or any fixed row shape; inputs uniform in [0, 1], seeded) and batch, a child
 * process builds the gradient model (src/model/gradient `prepareGradient`, CE loss), creates the forward and the
 * gradient sessions with the gate's options (src/model/load.ts `sessionOptions`), runs the forward model once and
 * the gradient model twice, and prints its peak resident memory (getrusage maxrss) next to the estimate the gate
 * sizes its gradient batch with (src/model/gradient/memory.ts: ROW_FACTOR × forward values per row × batch +
 * WEIGHT_FACTOR × weights) and the batch the gate would choose for the default budget. The RSS of the same process
 * before any session (node, the modules, the model bytes) is printed as the baseline: the estimate covers what
 * onnxruntime adds to it. Each case runs in its own process, so the peaks do not mix.
 *
 * Models used for the calibration (docs/design.md §5): torchvision DenseNet-121 (random weights, 10 classes) at
 * 32×32 and 224×224, exported by `scripts/make-bench-models.py`, and the torch fixtures of test/fixtures/torch.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-node';
import { DEFAULT_MEMORY_BUDGET, gradientBatch, prepareGradient } from '../src/model/gradient/index.ts';
import { gradientSessionBytes } from '../src/model/gradient/memory.ts';
import { sessionOptions } from '../src/model/load.ts';
import { rng } from '../src/util/random.ts';

const arg = (name: string, dflt: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const MB = 1024 * 1024;

if (process.argv[2] === '--child') {
  const [, , , path, batchArg, threadsArg] = process.argv;
  const B = Number(batchArg);
  const base = process.memoryUsage().rss;
  const bytes = new Uint8Array(readFileSync(path));
  const so = sessionOptions(Number(threadsArg));
  const fwd = await ort.InferenceSession.create(bytes, so);
  const input = fwd.inputNames[0];
  const meta = fwd.inputMetadata[0] as { shape?: (number | string)[] };
  const row = (meta.shape ?? []).slice(1).map((d) => (typeof d === 'number' && d > 0 ? d : 1));
  const D = row.reduce((a, b) => a * b, 1);
  const R = rng(1);
  const xt = (n: number) => new ort.Tensor('float32', Float32Array.from({ length: n * D }, () => R.next()), [n, ...row]);
  const g = await prepareGradient({ bytes, wrt: [input], output: fwd.outputNames[0], outputKind: 'logits', sessionOptions: so, probeFeeds: (n) => ({ [input]: xt(n) }) });
  const gm = g.model('ce');
  const prepared = process.memoryUsage().rss;
  const gs = await ort.InferenceSession.create(gm, so);
  const created = process.memoryUsage().rss;
  await fwd.run({ [input]: xt(Math.min(B, 8)) });
  for (let r = 0; r < 2; r++) {
    const lab = new BigInt64Array(B);
    await gs.run({ [input]: xt(B), mg_label: new ort.Tensor('int64', lab, [B]) });
  }
  const peak = process.resourceUsage().maxRSS * 1024;
  console.log(JSON.stringify({ base, prepared, created, peak, perRow: g.memory.perRow, weights: g.memory.weights, chosen: gradientBatch(g.memory, DEFAULT_MEMORY_BUDGET, 128) }));
} else {
  const threads = arg('threads', '2');
  const batches = arg('batches', '1,8,32,128').split(',').map(Number);
  const models = process.argv.slice(2).filter((a, i, all) => a.endsWith('.onnx') && !['--threads', '--batches'].includes(all[i - 1]));
  const self = fileURLToPath(import.meta.url);
  console.log(`default budget ${(DEFAULT_MEMORY_BUDGET / MB).toFixed(0)} MB; columns: batch, estimate (MB), measured peak − baseline (MB), estimate / measured, peak RSS (MB)`);
  for (const m of models) {
    for (const B of batches) {
      const r = spawnSync(process.execPath, [self, '--child', m, String(B), threads], { encoding: 'utf8', maxBuffer: 1 << 24 });
      const line = r.stdout.trim().split('\n').pop() ?? '';
      if (r.status !== 0 || !line.startsWith('{')) {
        console.log(`${m} batch ${B}: failed (${r.signal ?? r.status}) ${r.stderr.trim().split('\n').slice(-2).join(' ')}`);
        continue;
      }
      const o = JSON.parse(line) as { base: number; prepared: number; created: number; peak: number; perRow: number; weights: number; chosen: number };
      const est = gradientSessionBytes({ perRow: o.perRow, weights: o.weights }, B);
      const used = o.peak - o.base;
      console.log(`${m.split('/').pop()}  batch ${String(B).padStart(4)}  est ${(est / MB).toFixed(0).padStart(6)}  used ${(used / MB).toFixed(0).padStart(6)}  ratio ${(est / used).toFixed(2)}  peak ${(o.peak / MB).toFixed(0).padStart(6)}  (prepared ${((o.prepared - o.base) / MB).toFixed(0)}, sessions ${((o.created - o.base) / MB).toFixed(0)}; per row ${(o.perRow / MB).toFixed(2)} MB, weights ${(o.weights / MB).toFixed(1)} MB, gate batch ${o.chosen})`);
    }
  }
}
