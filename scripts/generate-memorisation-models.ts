/**
 * Generates the memorisation gate's end-to-end fixtures (test/fixtures/memorisation/): real ONNX MLPs trained here,
 * in plain TypeScript (seeded, deterministic: float64 arithmetic in a fixed order), on Fashion-MNIST.
 *
 *   node scripts/generate-memorisation-models.ts [--raw DIR]
 *
 * Data: the first 2,000 training and first 1,000 test images of Fashion-MNIST (MIT), average-pooled 2×2 to 14×14 =
 * 196 features in [0, 1]. With `--raw DIR` (a folder with train-first2000-{x,y}.npy and test-first1000-{x,y}.npy,
 * x float32 [N,1,28,28] = pixel/255, y int64) the pooled split files are (re)written from the raw images; without it
 * the committed split files are read.
 * Splits (disjoint):
 *   members      train[0, 500)      the target models' training set
 *   non-members  train[500, 1000)   held out from every model
 *   pool         train[1000, 2000)  the reference models' training data (never members or non-members)
 *   population   test[0, 1000)      RMIA's population z (OUT for every model)
 * Models (196 → 64 ReLU → 10 logits, output `logits` [N, 10]):
 *   target-overfit.onnx      members, Adam, no regularisation, 200 epochs (memorises: train loss ≈ 0)
 *   target-regularised.onnx  members, Adam with L2 weight decay and 12 epochs (early stop)
 *   ref-overfit-0..7.onnx    the over-fit recipe on 500-record halves of the pool (4 complementary pairs, own seeds)
 *   ref-regularised-0..7.onnx  the regularised recipe on the same halves (reference models must be trained like the
 *                            target they audit)
 * A manifest (manifest.json) records the recipe, training metrics and the sha256 of every file.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GraphBuilder } from '../src/model/onnx/builder.ts';
import { rng, type Rng } from '../src/util/random.ts';

const OUT = join(import.meta.dirname, '..', 'test', 'fixtures', 'memorisation');
const D = 196, H = 64, C = 10;

// ---------- .npy I/O (little-endian, C order) ----------
function parseNpy(buf: Buffer): { descr: string; shape: number[]; data: Buffer } {
  if (buf.readUInt32BE(0) !== 0x934e554d) throw new Error('not an .npy file');
  const major = buf[6];
  const hlen = major === 1 ? buf.readUInt16LE(8) : buf.readUInt32LE(8);
  const off = major === 1 ? 10 : 12;
  const header = buf.subarray(off, off + hlen).toString('latin1');
  const descr = /'descr':\s*'([^']+)'/.exec(header)![1];
  const shape = /'shape':\s*\(([^)]*)\)/.exec(header)![1].split(',').map((s) => s.trim()).filter(Boolean).map(Number);
  if (/'fortran_order':\s*True/.test(header)) throw new Error('fortran order not supported');
  return { descr, shape, data: buf.subarray(off + hlen) };
}
function readF32(file: string): { data: Float32Array; shape: number[] } {
  const { descr, shape, data } = parseNpy(readFileSync(file));
  if (descr !== '<f4') throw new Error(`${file}: expected <f4, got ${descr}`);
  return { data: new Float32Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength)), shape };
}
function readI64(file: string): Int32Array {
  const { descr, data } = parseNpy(readFileSync(file));
  if (descr !== '<i8') throw new Error(`${file}: expected <i8, got ${descr}`);
  const n = data.byteLength / 8, out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = Number(data.readBigInt64LE(i * 8));
  return out;
}
function npyBytes(descr: string, shape: number[], payload: Uint8Array): Buffer {
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': (${shape.join(', ')}${shape.length === 1 ? ',' : ''}), }`;
  const total = 10 + header.length + 1;
  header += ' '.repeat((64 - (total % 64)) % 64) + '\n';
  const pre = Buffer.alloc(10);
  pre.writeUInt32BE(0x934e554d, 0); pre[4] = 0x50; pre[5] = 0x59; // \x93NUMPY
  pre[6] = 1; pre[7] = 0; pre.writeUInt16LE(header.length, 8);
  return Buffer.concat([pre, Buffer.from(header, 'latin1'), Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength)]);
}
function writeF32(file: string, data: Float32Array, shape: number[]): void {
  writeFileSync(file, npyBytes('<f4', shape, new Uint8Array(data.buffer, data.byteOffset, data.byteLength)));
}
function writeI64(file: string, y: Int32Array): void {
  const b = new BigInt64Array(y.length);
  for (let i = 0; i < y.length; i++) b[i] = BigInt(y[i]);
  writeFileSync(file, npyBytes('<i8', [y.length], new Uint8Array(b.buffer)));
}

interface Split { x: Float32Array; y: Int32Array; n: number }
const SPLITS = ['members', 'non-members', 'pool', 'population'] as const;
type SplitName = (typeof SPLITS)[number];

function pool2x2(raw: Float32Array, n: number): Float32Array {
  const out = new Float32Array(n * D);
  for (let r = 0; r < n; r++) {
    for (let i = 0; i < 14; i++) {
      for (let j = 0; j < 14; j++) {
        const b = r * 784 + 2 * i * 28 + 2 * j;
        // sum in float64 then round once to float32
        out[r * D + i * 14 + j] = (raw[b] + raw[b + 1] + raw[b + 28] + raw[b + 29]) / 4;
      }
    }
  }
  return out;
}

function makeSplits(rawDir: string): void {
  const tx = readF32(join(rawDir, 'train-first2000-x.npy')), ty = readI64(join(rawDir, 'train-first2000-y.npy'));
  const sx = readF32(join(rawDir, 'test-first1000-x.npy')), sy = readI64(join(rawDir, 'test-first1000-y.npy'));
  const tp = pool2x2(tx.data, 2000), sp = pool2x2(sx.data, 1000);
  const ranges: Record<SplitName, [Float32Array, Int32Array, number, number]> = {
    members: [tp, ty, 0, 500], 'non-members': [tp, ty, 500, 1000], pool: [tp, ty, 1000, 2000], population: [sp, sy, 0, 1000],
  };
  for (const name of SPLITS) {
    const [x, y, a, b] = ranges[name];
    writeF32(join(OUT, `${name}-x.npy`), x.slice(a * D, b * D), [b - a, D]);
    writeI64(join(OUT, `${name}-y.npy`), y.slice(a, b));
  }
}

function loadSplit(name: SplitName): Split {
  const x = readF32(join(OUT, `${name}-x.npy`));
  const y = readI64(join(OUT, `${name}-y.npy`));
  return { x: x.data, y, n: y.length };
}

// ---------- MLP ----------
interface Mlp { w1: Float64Array; b1: Float64Array; w2: Float64Array; b2: Float64Array } // w1 [D,H], w2 [H,C]

function initMlp(r: Rng): Mlp {
  const u = (n: number, fanIn: number) => { const a = Math.sqrt(6 / fanIn); return Float64Array.from({ length: n }, () => r.uniform(-a, a)); };
  return { w1: u(D * H, D), b1: new Float64Array(H), w2: u(H * C, H), b2: new Float64Array(C) };
}

/** logits of one row into `z` (hidden activations into `h`). */
function forward(m: Mlp, x: Float32Array, off: number, h: Float64Array, z: Float64Array): void {
  h.set(m.b1);
  for (let d = 0; d < D; d++) {
    const xv = x[off + d];
    if (xv === 0) continue;
    const row = d * H;
    for (let k = 0; k < H; k++) h[k] += xv * m.w1[row + k];
  }
  for (let k = 0; k < H; k++) if (h[k] < 0) h[k] = 0;
  z.set(m.b2);
  for (let k = 0; k < H; k++) {
    const hv = h[k];
    if (hv === 0) continue;
    const row = k * C;
    for (let c = 0; c < C; c++) z[c] += hv * m.w2[row + c];
  }
}

interface Recipe { epochs: number; lr: number; batch: number; l2: number }

/** Adam on mean cross-entropy (+ l2/2·‖W‖² on the weight matrices). Returns the final train loss. */
function train(data: Split, idx: Int32Array, recipe: Recipe, seed: number, label: string): Mlp {
  const r = rng(seed, label);
  const m = initMlp(r);
  const params = [m.w1, m.b1, m.w2, m.b2];
  const g = params.map((p) => new Float64Array(p.length));
  const mo = params.map((p) => new Float64Array(p.length));
  const ve = params.map((p) => new Float64Array(p.length));
  const b1 = 0.9, b2 = 0.999, eps = 1e-8;
  const h = new Float64Array(H), z = new Float64Array(C), dz = new Float64Array(C), dh = new Float64Array(H);
  const order = Int32Array.from(idx);
  let step = 0;
  for (let epoch = 0; epoch < recipe.epochs; epoch++) {
    r.shuffle(order);
    for (let s = 0; s < order.length; s += recipe.batch) {
      const end = Math.min(order.length, s + recipe.batch), bs = end - s;
      for (const gg of g) gg.fill(0);
      for (let t = s; t < end; t++) {
        const row = order[t], off = row * D, y = data.y[row];
        forward(m, data.x, off, h, z);
        let mx = -Infinity;
        for (let c = 0; c < C; c++) if (z[c] > mx) mx = z[c];
        let se = 0;
        for (let c = 0; c < C; c++) { dz[c] = Math.exp(z[c] - mx); se += dz[c]; }
        for (let c = 0; c < C; c++) dz[c] = (dz[c] / se - (c === y ? 1 : 0)) / bs;
        for (let c = 0; c < C; c++) g[3][c] += dz[c];
        dh.fill(0);
        for (let k = 0; k < H; k++) {
          if (h[k] === 0) continue;
          const rowk = k * C;
          let acc = 0;
          for (let c = 0; c < C; c++) { g[2][rowk + c] += h[k] * dz[c]; acc += m.w2[rowk + c] * dz[c]; }
          dh[k] = acc;
        }
        for (let k = 0; k < H; k++) g[1][k] += dh[k];
        for (let d = 0; d < D; d++) {
          const xv = data.x[off + d];
          if (xv === 0) continue;
          const rowd = d * H;
          for (let k = 0; k < H; k++) g[0][rowd + k] += xv * dh[k];
        }
      }
      if (recipe.l2 > 0) {
        for (let i = 0; i < m.w1.length; i++) g[0][i] += recipe.l2 * m.w1[i];
        for (let i = 0; i < m.w2.length; i++) g[2][i] += recipe.l2 * m.w2[i];
      }
      step++;
      const c1 = 1 - b1 ** step, c2 = 1 - b2 ** step;
      for (let p = 0; p < params.length; p++) {
        const P = params[p], G = g[p], M = mo[p], V = ve[p];
        for (let i = 0; i < P.length; i++) {
          M[i] = b1 * M[i] + (1 - b1) * G[i];
          V[i] = b2 * V[i] + (1 - b2) * G[i] * G[i];
          P[i] -= recipe.lr * (M[i] / c1) / (Math.sqrt(V[i] / c2) + eps);
        }
      }
    }
  }
  return m;
}

function evaluate(m: Mlp, data: Split): { loss: number; accuracy: number } {
  const h = new Float64Array(H), z = new Float64Array(C);
  let loss = 0, ok = 0;
  for (let i = 0; i < data.n; i++) {
    forward(m, data.x, i * D, h, z);
    let mx = -Infinity, arg = 0;
    for (let c = 0; c < C; c++) if (z[c] > mx) { mx = z[c]; arg = c; }
    let se = 0;
    for (let c = 0; c < C; c++) se += Math.exp(z[c] - mx);
    loss += mx + Math.log(se) - z[data.y[i]];
    if (arg === data.y[i]) ok++;
  }
  return { loss: loss / data.n, accuracy: ok / data.n };
}

function toOnnx(m: Mlp, name: string, doc: string): Uint8Array {
  const g = new GraphBuilder(name);
  const x = g.input('input', 'float32', ['N', D]);
  const w1 = g.initializer('w1', Float32Array.from(m.w1), [D, H]);
  const b1 = g.initializer('b1', Float32Array.from(m.b1), [H]);
  const w2 = g.initializer('w2', Float32Array.from(m.w2), [H, C]);
  const b2 = g.initializer('b2', Float32Array.from(m.b2), [C]);
  const a = g.node('Gemm', [x, w1, b1]);
  const r = g.node('Relu', [a]);
  const logits = g.node('Gemm', [r, w2, b2], {}, { outputs: ['logits'] });
  g.output(logits, 'float32', ['N', C]);
  return g.toModel({ opset: 17, irVersion: 8, producer: 'model-gate scripts/generate-memorisation-models.ts', docString: doc });
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

function main(): void {
  mkdirSync(OUT, { recursive: true });
  const rawAt = process.argv.indexOf('--raw');
  if (rawAt >= 0) makeSplits(process.argv[rawAt + 1]);
  const split = Object.fromEntries(SPLITS.map((s) => [s, loadSplit(s)])) as Record<SplitName, Split>;
  const overfit: Recipe = { epochs: 200, lr: 1e-3, batch: 32, l2: 0 };
  const regularised: Recipe = { epochs: 12, lr: 1e-3, batch: 32, l2: 1e-2 };
  const all = (n: number) => Int32Array.from({ length: n }, (_, i) => i);
  const manifest: Record<string, unknown> = {
    generator: 'scripts/generate-memorisation-models.ts',
    architecture: `MLP ${D} -> ${H} ReLU -> ${C} logits; input 'input' float32 [N, ${D}], output 'logits' float32 [N, ${C}]`,
    data: 'Fashion-MNIST (MIT), first 2000 train / 1000 test images, 2x2 average-pooled to 14x14; see SOURCE.md',
    splits: { members: 'train[0,500)', 'non-members': 'train[500,1000)', pool: 'train[1000,2000)', population: 'test[0,1000)' },
    recipes: { overfit, regularised },
    models: {} as Record<string, unknown>,
    files: {} as Record<string, string>,
  };
  const models = manifest.models as Record<string, unknown>;
  const job = (file: string, data: Split, idx: Int32Array, recipe: Recipe, seed: number, doc: string, trainedOn: string) => {
    const t0 = performance.now();
    const m = train(data, idx, recipe, seed, file);
    const bytes = toOnnx(m, file.replace('.onnx', ''), doc);
    writeFileSync(join(OUT, file), bytes);
    const info = {
      trained_on: trainedOn, seed, recipe,
      members: evaluate(m, split.members), 'non-members': evaluate(m, split['non-members']), population: evaluate(m, split.population),
    };
    models[file] = info;
    console.log(`${file}: ${((performance.now() - t0) / 1000).toFixed(1)} s`, JSON.stringify(info));
  };
  job('target-overfit.onnx', split.members, all(500), overfit, 1, 'over-fitted target: members, no regularisation, 200 epochs', 'members');
  job('target-regularised.onnx', split.members, all(500), regularised, 1, 'regularised target: members, L2 1e-2, 12 epochs', 'members');
  // Reference models, for each recipe (the attacks assume reference models trained like the target): 4 random
  // halvings of the pool, each half trains one model.
  for (const [recipeName, recipe] of [['overfit', overfit], ['regularised', regularised]] as const) {
    const r = rng(2024, 'memorisation/reference-halves');
    for (let pair = 0; pair < 4; pair++) {
      const perm = all(1000);
      r.shuffle(perm);
      for (let half = 0; half < 2; half++) {
        const k = pair * 2 + half;
        const idx = Int32Array.from(perm.subarray(half * 500, half * 500 + 500)).sort();
        const file = `ref-${recipeName}-${k}.onnx`;
        job(file, split.pool, idx, recipe, 100 + k, `reference model ${k}: pool half, ${recipeName} recipe`, `pool rows: ${half === 0 ? 'first' : 'second'} half of permutation ${pair}`);
        (models[file] as Record<string, unknown>).pool_rows = Array.from(idx);
      }
    }
  }
  const files = manifest.files as Record<string, string>;
  for (const s of SPLITS) for (const xy of ['x', 'y']) files[`${s}-${xy}.npy`] = sha256(readFileSync(join(OUT, `${s}-${xy}.npy`)));
  for (const f of Object.keys(models)) files[f] = sha256(readFileSync(join(OUT, f)));
  writeFileSync(join(OUT, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
}

main();
