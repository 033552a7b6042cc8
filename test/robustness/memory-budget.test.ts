/**
 * The gradient model's memory budget (src/model/gradient/memory.ts, docs/design.md §5): the forward footprint the
 * batch is sized with (checked against a hand count), the batch and session arithmetic, the shape probe's split
 * batch-2 run for large models (same probe as one run), and the robustness gate on a budget that forces small
 * gradient batches and one open gradient session: the same attacks, the same outcome for every point.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-node';
import { DEFAULT_MEMORY_BUDGET, gradientBatch, gradientSessionsAtOnce, prepareGradient } from '../../src/model/gradient/index.ts';
import { ROW_FACTOR, WEIGHT_FACTOR } from '../../src/model/gradient/memory.ts';
import { probe } from '../../src/model/gradient/probe.ts';
import { decodeModel } from '../../src/model/onnx/proto.ts';
import { robustnessGate } from '../../src/gates/robustness/index.ts';
import { rng } from '../../src/util/random.ts';
import { main } from '../../src/cli.ts';
import { copyExample } from '../helpers/example.ts';
import { harness } from './gate-harness.ts';
import { cnn, mlp } from './models.ts';
import { readNpy } from './helpers.ts';

const TORCH = fileURLToPath(new URL('../fixtures/torch/', import.meta.url));

test('forward footprint: the MLP counted by hand (values per row, weights)', async () => {
  const g = await prepareGradient({
    bytes: mlp(), wrt: ['x'], output: 'probabilities', outputKind: 'probabilities',
    probeFeeds: (n) => ({ x: new ort.Tensor('float32', new Float32Array(n * 20).fill(0.1), [n, 20]) }),
  });
  // x 20, Gemm 32, Relu 32, Gemm 16, Tanh 16, Gemm 5, Softmax 5 float32 values per row
  assert.equal(g.memory.perRow, (20 + 32 + 32 + 16 + 16 + 5 + 5) * 4);
  // w1 20×32 + b1 32, w2 16×32 + b2 16, w3 16×5 + b3 5
  assert.equal(g.memory.weights, (640 + 32 + 512 + 16 + 80 + 5) * 4);
});

test('gradient batch and sessions: as many rows as fit after the weights, capped, at least 1', () => {
  const est = { perRow: 1000, weights: 10_000 };
  const fit = (rows: number) => WEIGHT_FACTOR * est.weights + ROW_FACTOR * est.perRow * rows;
  assert.equal(gradientBatch(est, fit(37), 128), 37);
  assert.equal(gradientBatch(est, fit(37) - 1, 128), 36);
  assert.equal(gradientBatch(est, fit(500), 128), 128);
  assert.equal(gradientBatch(est, 1, 128), 1, 'nothing fits: one row still runs');
  assert.equal(gradientSessionsAtOnce(est, 37, fit(37) * 3), 3);
  assert.equal(gradientSessionsAtOnce(est, 37, fit(37) * 3 - 1), 2);
  assert.equal(gradientSessionsAtOnce(est, 37, 1), 1);
  assert.equal(DEFAULT_MEMORY_BUDGET, 1024 * 1024 * 1024);
});

test('shape probe: a large model’s batch-2 run split over several models gives the same probe as one run', async () => {
  for (const name of ['vit-op13', 'unet-op13']) {
    const bytes = new Uint8Array(readFileSync(`${TORCH}${name}.onnx`));
    const x = readNpy(`${TORCH}${name.split('-')[0]}-x.npy`);
    const row = x.shape.slice(1);
    const D = row.reduce((a, b) => a * b, 1);
    const input = decodeModel(bytes).graph!.input[0].name ?? '';
    const feeds = (n: number) => ({ [input]: new ort.Tensor('float32', (x.data as Float32Array).slice(0, n * D), [n, ...row]) });
    const whole = await probe(decodeModel(bytes), feeds, {});
    // 32 KB: the values of batch 1 (about 0.23 MB for the ViT, 0.09 MB for the U-Net) exceed it: the batch-2 run is split
    const split = await probe(decodeModel(bytes), feeds, {}, 32 * 1024);
    assert.equal(split.batchable, whole.batchable, name);
    assert.deepEqual([...split.probe.shape], [...whole.probe.shape], name);
    assert.deepEqual([...split.probe.type], [...whole.probe.type], name);
    assert.deepEqual([...split.probe.value], [...whole.probe.value], name);
    assert.ok([...whole.probe.shape.values()].some((d) => d.includes(-1)), `${name}: batch dims found`);
  }
});

test('robustness gate: a tight memory budget runs small gradient batches, one session at a time, attacks over chunks of points, with the same outcome', async () => {
  const R = rng(7, 'memory-budget');
  const n = 8;
  const x = Float32Array.from({ length: n * 784 }, () => R.next());
  const bytes = cnn();
  const run = async (memoryBudget: number | undefined) => {
    const h = await harness(bytes, x, [1, 28, 28], null, { epsilon: [0.001, 0.003], bounds: [0, 1], labels: 'predicted', queries: 50 });
    if (memoryBudget !== undefined) h.model.memoryBudget = memoryBudget;
    const out = await robustnessGate.run(h.ctx);
    await h.session.release();
    return out;
  };
  const wide = await run(undefined);
  const g = wide.details.gradient as { available: true; batch: number; sessions_at_once: number; memory_mb: { per_row: number; weights: number; budget: number } };
  assert.equal(g.available, true);
  assert.equal(g.batch, 128, 'the default budget fits the cap');
  assert.ok(g.sessions_at_once >= 3);
  assert.equal(g.memory_mb.budget, 1024);
  // a budget with room for 5 rows and one session
  const perRow = g.memory_mb.per_row * 1024 * 1024, weights = g.memory_mb.weights * 1024 * 1024;
  const tight = WEIGHT_FACTOR * weights + ROW_FACTOR * perRow * 5.5;
  const narrow = await run(tight);
  const t = narrow.details.gradient as typeof g;
  assert.equal(t.batch, 5);
  assert.equal(t.sessions_at_once, 1);
  // not a trivial run: at each epsilon some points are broken and some survive every attack
  for (const e of wide.metrics.per_epsilon as { prediction_stability: number }[]) assert.ok(e.prediction_stability > 0 && e.prediction_stability < 1);
  assert.deepEqual(narrow.metrics, wide.metrics);
  const { gradient: _a, points_per_call: _pa, ...restWide } = wide.details as Record<string, unknown>;
  const { gradient: _b, points_per_call: _pb, ...restNarrow } = narrow.details as Record<string, unknown>;
  assert.deepEqual(restNarrow, restWide);
  assert.equal(wide.details.points_per_call, n);
  // 150 KB: one row per gradient run, and the attacks' state (10 arrays of 784 float32 per point) allows one point per
  // call: every attack runs point by point (chunks.ts), with the same outcome
  const tiny = await run(150_000);
  assert.equal((tiny.details.gradient as typeof g).batch, 1);
  assert.equal(tiny.details.points_per_call, 1);
  assert.deepEqual(tiny.metrics, wide.metrics);
  const { gradient: _c, points_per_call: _pc, ...restTiny } = tiny.details as Record<string, unknown>;
  assert.deepEqual(restTiny, restWide);
});

test('the policy’s memory-budget-mb reaches the gate through the CLI, and changes no number', async () => {
  const sink = { write: () => true };
  const check = async (ws: string) => {
    const json = path.join(ws, 'out-report.json');
    const code = await main(['check', '--workspace', ws, '--policy', 'model-gate.yml', '--json', json], { stdout: sink, stderr: sink });
    return { code, report: JSON.parse(readFileSync(json, 'utf8')) };
  };
  const plain = copyExample();
  const tight = copyExample();
  try {
    const policy = path.join(tight, 'model-gate.yml');
    writeFileSync(policy, readFileSync(policy, 'utf8').replace('budget-minutes: 10\n', 'budget-minutes: 10\nmemory-budget-mb: 64\n'));
    const a = await check(plain), b = await check(tight);
    assert.equal(a.code, 0, JSON.stringify(a.report.errors));
    assert.equal(b.code, 0, JSON.stringify(b.report.errors));
    assert.equal(a.report.gates.robustness.details.gradient.memory_mb.budget, 1024);
    assert.equal(b.report.gates.robustness.details.gradient.memory_mb.budget, 64);
    assert.deepEqual(b.report.gates.robustness.metrics, a.report.gates.robustness.metrics);
  } finally {
    rmSync(plain, { recursive: true, force: true });
    rmSync(tight, { recursive: true, force: true });
  }
});
