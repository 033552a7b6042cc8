/**
 * Finite-difference checks of the gradient builder. The reference is computed independently of the gradient
 * graph: the ORIGINAL forward model is run by onnxruntime at x ± h·e_i, and the cross-entropy of its logits is
 * computed here in float64 (log-sum-exp). The gradient under test comes from the built gradient model.
 */
import * as ort from 'onnxruntime-node';
import { prepareGradient, type GradientLoss } from '../../src/model/gradient/index.ts';
import { rng } from '../../src/util/random.ts';

export type F = Float32Array | Float64Array;

export interface GradModel {
  bytes: Uint8Array;
  input: string;
  output: string;
  shape: number[];
  dtype: 'float32' | 'float64';
}

function tensor(m: GradModel, x: F): ort.Tensor {
  return m.dtype === 'float64' ? new ort.Tensor('float64', Float64Array.from(x), m.shape) : new ort.Tensor('float32', Float32Array.from(x), m.shape);
}

/** Per-row float64 CE (or margin) of the forward model's outputs. */
export async function forwardLoss(sess: ort.InferenceSession, m: GradModel, x: F, labels: number[], loss: GradientLoss = 'ce'): Promise<number> {
  const r = await sess.run({ [m.input]: tensor(m, x) }, [m.output]);
  const z = Array.from(r[m.output].data as F);
  const N = labels.length;
  const C = z.length / N;
  let total = 0;
  for (let i = 0; i < N; i++) {
    const row = z.slice(i * C, (i + 1) * C);
    const y = labels[i];
    if (loss === 'ce') {
      const mx = Math.max(...row);
      const lse = mx + Math.log(row.reduce((a, v) => a + Math.exp(v - mx), 0));
      total += lse - row[y];
    } else if (loss === 'margin') {
      total += Math.max(...row.filter((_, j) => j !== y)) - row[y];
    } else if (loss === 'dlr') {
      const s = row.slice().sort((a, b) => a - b);
      const other = Math.max(...row.filter((_, j) => j !== y));
      total += -(row[y] - other) / (s[C - 1] - s[C - 3] + 1e-12);
    }
  }
  return total;
}

export interface CheckResult {
  /** max |g − fd| / max |fd| over all coordinates. */
  rel: number;
  maxAbsGrad: number;
  coords: number;
  /** max |loss(graph) − loss(reference)| over rows. */
  lossDiff: number;
}

/** Per-coordinate central differences over every coordinate of x. */
export async function checkGradient(m: GradModel, x: F, labels: number[], h: number, loss: GradientLoss = 'ce'): Promise<CheckResult> {
  const sess = await ort.InferenceSession.create(m.bytes);
  const prep = await prepareGradient({
    bytes: m.bytes, wrt: [m.input], output: m.output, outputKind: 'logits',
    probeFeeds: (n) => {
      const per = x.length / m.shape[0];
      const xx = m.dtype === 'float64' ? new Float64Array(n * per) : new Float32Array(n * per);
      for (let i = 0; i < n; i++) xx.set(x.subarray(0, per), i * per);
      return { [m.input]: tensor({ ...m, shape: [n, ...m.shape.slice(1)] }, xx) };
    },
  });
  const gs = await ort.InferenceSession.create(prep.model(loss));
  const lab = new ort.Tensor('int64', BigInt64Array.from(labels.map((v) => BigInt(v))), [labels.length]);
  const r = await gs.run({ [m.input]: tensor(m, x), mg_label: lab }, ['mg_grad_0', 'mg_loss']);
  const g = r.mg_grad_0.data as F;
  const lossGraph = Array.from(r.mg_loss.data as F).reduce((a, b) => a + b, 0);
  const lossRef = await forwardLoss(sess, m, x, labels, loss);
  let maxErr = 0, maxFd = 0, maxG = 0;
  const xp = m.dtype === 'float64' ? Float64Array.from(x) : Float32Array.from(x);
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    xp[i] = v + h;
    const fp = await forwardLoss(sess, m, xp, labels, loss);
    xp[i] = v - h;
    const fm = await forwardLoss(sess, m, xp, labels, loss);
    xp[i] = v;
    // the step actually taken (float32 rounding of v ± h)
    const hp = m.dtype === 'float64' ? 2 * h : Math.fround(v + h) - Math.fround(v - h);
    const fd = (fp - fm) / hp;
    maxErr = Math.max(maxErr, Math.abs(fd - g[i]));
    maxFd = Math.max(maxFd, Math.abs(fd));
    maxG = Math.max(maxG, Math.abs(g[i]));
  }
  await sess.release();
  await gs.release();
  return { rel: maxErr / Math.max(maxFd, 1e-12), maxAbsGrad: maxG, coords: x.length, lossDiff: Math.abs(lossGraph - lossRef) };
}

/** Directional central differences along the gradient and `k` random unit directions: max error / ‖g‖₂. */
export async function checkDirectional(m: GradModel, x: F, labels: number[], t: number, k: number, seed: number): Promise<{ rel: number; gradNorm: number }> {
  const sess = await ort.InferenceSession.create(m.bytes);
  const prep = await prepareGradient({
    bytes: m.bytes, wrt: [m.input], output: m.output, outputKind: 'logits',
    probeFeeds: (n) => {
      const per = x.length / m.shape[0];
      const xx = new Float32Array(n * per);
      for (let i = 0; i < n; i++) xx.set(x.subarray(0, per), i * per);
      return { [m.input]: tensor({ ...m, shape: [n, ...m.shape.slice(1)] }, xx) };
    },
  });
  const gs = await ort.InferenceSession.create(prep.model('ce'));
  const lab = new ort.Tensor('int64', BigInt64Array.from(labels.map((v) => BigInt(v))), [labels.length]);
  const r = await gs.run({ [m.input]: tensor(m, x), mg_label: lab }, ['mg_grad_0']);
  const g = Float64Array.from(r.mg_grad_0.data as F);
  const gn = Math.sqrt(g.reduce((a, v) => a + v * v, 0));
  const dirs: Float64Array[] = [Float64Array.from(g, (v) => v / gn)];
  const R = rng(seed, 'gradcheck');
  for (let j = 0; j < k; j++) {
    const d = Float64Array.from(g, () => R.normal());
    const dn = Math.sqrt(d.reduce((a, v) => a + v * v, 0));
    dirs.push(d.map((v) => v / dn));
  }
  let worst = 0;
  for (const d of dirs) {
    const xp = Float32Array.from(x, (v, i) => v + t * d[i]);
    const xm = Float32Array.from(x, (v, i) => v - t * d[i]);
    // exact float32 step per coordinate: directional derivative estimate uses the realised displacement
    let dd = 0, s2 = 0;
    for (let i = 0; i < x.length; i++) { const st = xp[i] - xm[i]; dd += g[i] * st; s2 += st * d[i]; }
    const fd = ((await forwardLoss(sess, m, xp, labels)) - (await forwardLoss(sess, m, xm, labels))) / s2;
    worst = Math.max(worst, Math.abs(fd - dd / s2) / gn);
  }
  await sess.release();
  await gs.release();
  return { rel: worst, gradNorm: gn };
}
