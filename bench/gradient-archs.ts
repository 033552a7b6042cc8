/**
 * Gradient cost on larger CNNs (not a test):
 *   node bench/gradient-archs.ts [--threads 2] [--batch 128] [--reps 7] [--arch resnet18,mobilenetv2] [--width 1]
 *                                [--profile | --profile-nodes]
 *
 * Builds, with the project's GraphBuilder and seeded random weights (no downloads), a ResNet-18-style net and a
 * MobileNetV2-style net for 3×32×32 inputs, and prints per batch: forward time, forward+gradient (CE) time and their
 * ratio (target ≤ 3). Session options: the gate's (src/model/load.ts `sessionOptions`, which the gradient session
 * also uses). Forward and forward+gradient runs are alternated (F G F G ...) and the medians are reported, so a
 * change in machine load hits both alike; the load average is printed. `--profile` runs each session a few more
 * times with onnxruntime profiling and prints the kernel time per op type (`--profile-nodes`: per node), forward and
 * gradient models. Besides wall time it prints the process CPU time per run (all onnxruntime threads; idle threads
 * do not spin), which a loaded machine distorts much less than wall time.
 *
 * ResNet-18 (CIFAR form): Conv3×3 64 + BN + Relu stem, BasicBlocks [2,2,2,2] with 64-128-256-512 channels, stride-2
 * downsampling with a 1×1 projection Conv + BN, global average pool, Gemm 10.
 * MobileNetV2 (CIFAR form, kuangliu/pytorch-cifar): Conv3×3 32 stem, inverted residuals (t,c,n,s) = (1,16,1,1)
 * (6,24,2,1) (6,32,3,2) (6,64,4,2) (6,96,3,1) (6,160,3,2) (6,320,1,1): 1×1 expand Conv + BN + Relu6 (Clip 0..6),
 * 3×3 depthwise Conv (group = channels) + BN + Relu6, 1×1 project Conv + BN, residual Add when shapes match;
 * Conv1×1 1280 + BN + Relu6, global average pool, Gemm 10. `--width` scales every channel count (default 1: full).
 */
import { readdirSync, readFileSync, unlinkSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { prepareGradient } from '../src/model/gradient/index.ts';
import { sessionOptions } from '../src/model/load.ts';
import { GraphBuilder, attr } from '../src/model/onnx/builder.ts';
import { decodeModel, encodeModel } from '../src/model/onnx/proto.ts';
import { rng } from '../src/util/random.ts';

const arg = (name: string, dflt: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const threads = Number(arg('threads', '2'));
const B = Number(arg('batch', '128'));
const reps = Number(arg('reps', '7'));
const width = Number(arg('width', '1'));
const archs = arg('arch', 'resnet18,mobilenetv2').split(',');
const profile = process.argv.includes('--profile') || process.argv.includes('--profile-nodes');
const profileNodes = process.argv.includes('--profile-nodes');

type R = ReturnType<typeof rng>;

function weights(g: GraphBuilder, R: R, name: string, dims: number[], scale: number): string {
  const n = dims.reduce((a, b) => a * b, 1);
  const v = new Float32Array(n);
  for (let i = 0; i < n; i++) v[i] = R.normal() * scale;
  return g.initializer(name, v, dims);
}

function bn(g: GraphBuilder, R: R, x: string, c: number, name: string): string {
  const s = g.initializer(`${name}_s`, Float32Array.from({ length: c }, () => 0.8 + 0.4 * R.next()), [c]);
  const b = g.initializer(`${name}_b`, Float32Array.from({ length: c }, () => 0.1 * R.normal()), [c]);
  const m = g.initializer(`${name}_m`, Float32Array.from({ length: c }, () => 0.1 * R.normal()), [c]);
  const v = g.initializer(`${name}_v`, Float32Array.from({ length: c }, () => 0.5 + R.next()), [c]);
  return g.node('BatchNormalization', [x, s, b, m, v], { epsilon: attr.f(1e-5) });
}

/** Conv without bias, He-scaled weights; `group` divides both channel counts. */
function conv(g: GraphBuilder, R: R, x: string, cin: number, cout: number, k: number, stride: number, name: string, group = 1): string {
  const fanIn = (cin / group) * k * k;
  const w = weights(g, R, name, [cout, cin / group, k, k], Math.sqrt(2 / fanIn));
  const p = (k - 1) / 2;
  return g.node('Conv', [x, w], { kernel_shape: [k, k], strides: [stride, stride], pads: [p, p, p, p], ...(group > 1 ? { group } : {}) });
}

function head(g: GraphBuilder, R: R, h: string, c: number): Uint8Array {
  h = g.node('Flatten', [g.node('GlobalAveragePool', [h])], { axis: 1 });
  const z = g.node('Gemm', [h, weights(g, R, 'fc', [c, 10], 1 / Math.sqrt(c)), weights(g, R, 'fcb', [10], 0.05)], {}, { outputs: ['logits'] });
  g.output(z, 'float32', ['N', 10]);
  return g.toModel({ opset: 17 });
}

export function resnet18(seed = 1): Uint8Array {
  const R = rng(seed, 'resnet18');
  const g = new GraphBuilder('resnet18');
  const x = g.input('x', 'float32', ['N', 3, 32, 32]);
  const w = (c: number): number => Math.max(1, Math.round(c * width));
  let c = w(64);
  let h = g.node('Relu', [bn(g, R, conv(g, R, x, 3, c, 3, 1, 'stem'), c, 'stem_bn')]);
  let id = 0;
  for (const [planes, stride] of [[64, 1], [128, 2], [256, 2], [512, 2]] as const) {
    for (let b = 0; b < 2; b++) {
      const s = b === 0 ? stride : 1, out = w(planes), nm = `l${id++}`;
      let r = g.node('Relu', [bn(g, R, conv(g, R, h, c, out, 3, s, `${nm}_c1`), out, `${nm}_bn1`)]);
      r = bn(g, R, conv(g, R, r, out, out, 3, 1, `${nm}_c2`), out, `${nm}_bn2`);
      const skip = s !== 1 || c !== out ? bn(g, R, conv(g, R, h, c, out, 1, s, `${nm}_proj`), out, `${nm}_bnp`) : h;
      h = g.node('Relu', [g.node('Add', [r, skip])]);
      c = out;
    }
  }
  return head(g, R, h, c);
}

export function mobilenetv2(seed = 1): Uint8Array {
  const R = rng(seed, 'mobilenetv2');
  const g = new GraphBuilder('mobilenetv2');
  const x = g.input('x', 'float32', ['N', 3, 32, 32]);
  const lo = g.initializer('relu6_lo', Float32Array.of(0), []), hi = g.initializer('relu6_hi', Float32Array.of(6), []);
  const relu6 = (t: string): string => g.node('Clip', [t, lo, hi]);
  const w = (c: number): number => Math.max(1, Math.round(c * width));
  let c = w(32);
  let h = relu6(bn(g, R, conv(g, R, x, 3, c, 3, 1, 'stem'), c, 'stem_bn'));
  let id = 0;
  for (const [t, cc, n, s0] of [[1, 16, 1, 1], [6, 24, 2, 1], [6, 32, 3, 2], [6, 64, 4, 2], [6, 96, 3, 1], [6, 160, 3, 2], [6, 320, 1, 1]] as const) {
    for (let i = 0; i < n; i++) {
      const s = i === 0 ? s0 : 1, out = w(cc), e = c * t, nm = `b${id++}`;
      let r = h;
      if (t !== 1) r = relu6(bn(g, R, conv(g, R, r, c, e, 1, 1, `${nm}_exp`), e, `${nm}_bne`));
      r = relu6(bn(g, R, conv(g, R, r, e, e, 3, s, `${nm}_dw`, e), e, `${nm}_bnd`));
      r = bn(g, R, conv(g, R, r, e, out, 1, 1, `${nm}_prj`), out, `${nm}_bnp`);
      h = s === 1 && c === out ? g.node('Add', [h, r]) : r;
      c = out;
    }
  }
  const last = w(1280);
  h = relu6(bn(g, R, conv(g, R, h, c, last, 1, 1, 'last'), last, 'last_bn'));
  return head(g, R, h, last);
}

/** The gradient model cut back to its forward part (outputs: the scores only; ORT prunes the rest). */
function forwardOnly(gradBytes: Uint8Array, output: string): Uint8Array {
  const m = decodeModel(gradBytes);
  const g = m.graph!;
  g.output = [{ name: output, type: { tensorType: { elemType: 1 } }, metadataProps: [] }];
  g.input = g.input.filter((i) => !i.name?.startsWith('mg_'));
  for (const n of g.node) if (n.opType === 'MaxPool' && n.output.length > 1 && n.output[1].endsWith('__mg_indices')) n.output = [n.output[0]];
  const keep = new Set<string>([output]);
  const nodes = [];
  for (let i = g.node.length - 1; i >= 0; i--) {
    const n = g.node[i];
    if (n.output.some((o) => keep.has(o))) {
      nodes.unshift(n);
      for (const x of n.input) keep.add(x);
    }
  }
  g.node = nodes;
  g.initializer = g.initializer.filter((t) => keep.has(t.name ?? ''));
  return encodeModel(m);
}

const median = (v: number[]): number => v.slice().sort((a, b) => a - b)[Math.floor(v.length / 2)];
const load = (): string => loadavg().map((v) => v.toFixed(2)).join(' ');

/** Time per op type (ms per run) from an onnxruntime profile of `runs` runs. */
async function profileOps(bytes: Uint8Array, feeds: Record<string, ort.Tensor>, fetch: string[], runs: number): Promise<Map<string, number>> {
  const prefix = join(tmpdir(), `mg-prof-${process.pid}-${Math.random().toString(36).slice(2)}`);
  const s = await ort.InferenceSession.create(bytes, { ...sessionOptions(threads), enableProfiling: true, profileFilePrefix: prefix });
  for (let i = 0; i < runs + 1; i++) await s.run(feeds, fetch);
  (s as unknown as { endProfiling(): void }).endProfiling();
  await s.release();
  const base = prefix.split('/').pop()!;
  const file = join(tmpdir(), readdirSync(tmpdir()).find((f) => f.startsWith(base))!);
  const events = JSON.parse(readFileSync(file, 'utf8')) as { cat: string; name: string; dur: number; args?: { op_name?: string } }[];
  unlinkSync(file);
  // skip the first run (warm-up): count kernel events per node name and drop the first occurrence of each
  const seen = new Set<string>();
  const byOp = new Map<string, number>();
  for (const ev of events) {
    if (ev.cat !== 'Node' || !ev.name.endsWith('_kernel_time') || !ev.args?.op_name) continue;
    if (!seen.has(ev.name)) { seen.add(ev.name); continue; }
    const key = profileNodes ? `${ev.args.op_name}:${ev.name.replace(/_kernel_time$/, '')}` : ev.args.op_name;
    byOp.set(key, (byOp.get(key) ?? 0) + ev.dur / 1000 / runs);
  }
  return byOp;
}

function printOps(label: string, m: Map<string, number>): void {
  const tot = [...m.values()].reduce((a, b) => a + b, 0);
  const top = [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, 10);
  console.log(`  ${label} profile (${tot.toFixed(1)} ms of kernels per run): ${top.map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ')}`);
}

export interface ArchResult { forward: number; gradient: number }

/** Forward vs forward+gradient for one model; alternated runs, medians. */
export async function measure(name: string, bytes: Uint8Array, gradModel?: Uint8Array): Promise<ArchResult> {
  const so = sessionOptions(threads);
  const X = Float32Array.from({ length: B * 3 * 32 * 32 }, (_, i) => Math.sin(i * 0.7) * 0.5 + 0.5);
  const xt = (n: number) => new ort.Tensor('float32', X.slice(0, n * 3072), [n, 3, 32, 32]);
  const gbytes = gradModel ?? (await prepareGradient({ bytes, wrt: ['x'], output: 'logits', outputKind: 'logits', sessionOptions: so, probeFeeds: (n) => ({ x: xt(n) }) })).model('ce');
  const fbytes = forwardOnly(gbytes, 'logits');
  const fwd = await ort.InferenceSession.create(fbytes, so);
  const grad = await ort.InferenceSession.create(gbytes, so);
  const x = xt(B);
  const lab = new ort.Tensor('int64', BigInt64Array.from({ length: B }, (_, i) => BigInt(i % 10)), [B]);
  const fetch = ['mg_grad_0', 'mg_loss', 'mg_scores'];
  const runF = () => fwd.run({ x });
  const runG = () => grad.run({ x, mg_label: lab }, fetch);
  for (let i = 0; i < 2; i++) { await runF(); await runG(); }
  const tf: number[] = [], tg: number[] = [], cf: number[] = [], cg: number[] = [];
  const timed = async (run: () => Promise<unknown>, t: number[], c: number[]): Promise<void> => {
    const c0 = process.cpuUsage(), t0 = performance.now();
    await run();
    t.push(performance.now() - t0);
    const d = process.cpuUsage(c0);
    c.push((d.user + d.system) / 1000);
  };
  for (let i = 0; i < reps; i++) {
    await timed(runF, tf, cf);
    await timed(runG, tg, cg);
  }
  const f = median(tf), gm = median(tg);
  console.log(`${name.padEnd(12)} batch ${B}: forward ${f.toFixed(1)} ms, forward+gradient ${gm.toFixed(1)} ms, ratio ${(gm / f).toFixed(2)}; CPU ${median(cf).toFixed(0)} / ${median(cg).toFixed(0)} ms, ratio ${(median(cg) / median(cf)).toFixed(2)}  (load ${load()})`);
  await fwd.release();
  await grad.release();
  if (profile) {
    printOps('forward ', await profileOps(fbytes, { x }, ['logits'], 3));
    printOps('gradient', await profileOps(gbytes, { x, mg_label: lab }, fetch, 3));
  }
  return { forward: f, gradient: gm };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(`onnxruntime-node, intraOpNumThreads ${threads}, batch ${B}, ${reps} alternated reps, width ${width}; load average ${load()}`);
  for (const a of archs) await measure(a, a === 'resnet18' ? resnet18() : mobilenetv2());
  console.log(`load average at the end ${load()}`);
}
