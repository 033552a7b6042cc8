/** Window arithmetic shared by the Conv and pooling rules (and the Relu -> MaxPool fusion): pads, grids, divisors. */
import { attrInts, attrString } from '../onnx/proto.ts';
import type { NodeProto } from '../onnx/proto.ts';


/**
 * A MaxPool on [N, C, H, W] whose windows never overlap (stride ≥ dilated kernel extent on both axes) and whose
 * gradient onnxruntime's MaxUnpool can place on X's own grid (the grid MaxUnpool infers from the pooled size must
 * not exceed H × W, as with ceil_mode or SAME padding it can: then the Indices would be read on a larger grid).
 */
export function disjointPool(n: NodeProto, xs: number[], ys: number[]): boolean {
  if (xs.length !== 4 || ys.length !== 4) return false;
  const k = attrInts(n, 'kernel_shape');
  if (!k || k.length !== 2) return false;
  const st = attrInts(n, 'strides') ?? [1, 1];
  const dl = attrInts(n, 'dilations') ?? [1, 1];
  const ap = attrString(n, 'auto_pad', 'NOTSET');
  if (ap !== 'NOTSET' && ap !== 'VALID') return false;
  const pads = ap === 'NOTSET' ? attrInts(n, 'pads') ?? [0, 0, 0, 0] : [0, 0, 0, 0];
  return k.every((kk, i) => {
    const H = xs[i + 2], O = ys[i + 2];
    return H > 0 && O > 0 && st[i] >= (kk - 1) * dl[i] + 1 && (O - 1) * st[i] + kk - pads[i] - pads[i + 2] <= H;
  });
}

/** The forward's padding made explicit [b1.., e1..] (auto_pad SAME_* and VALID resolved with static sizes). */
export function explicitPads(n: NodeProto, H: number[], k: number[], st: number[], dl: number[], unsupported: (w: string) => never): number[] {
  const sp = H.length;
  const ap = attrString(n, 'auto_pad', 'NOTSET');
  if (H.some((h) => !(h > 0))) unsupported('spatial size not static');
  if (ap === 'NOTSET') return attrInts(n, 'pads') ?? new Array(2 * sp).fill(0);
  if (ap === 'VALID') return new Array(2 * sp).fill(0);
  const pads = new Array(2 * sp).fill(0);
  for (let i = 0; i < sp; i++) {
    const out = Math.ceil(H[i] / st[i]);
    const tot = Math.max(0, (out - 1) * st[i] + (k[i] - 1) * dl[i] + 1 - H[i]);
    const b = ap === 'SAME_UPPER' ? Math.floor(tot / 2) : Math.ceil(tot / 2);
    pads[i] = b;
    pads[i + sp] = tot - b;
  }
  return pads;
}

/** ConvTranspose pads/output_padding that map an output grid of size O back onto exactly H positions. */
export function transposePads(H: number[], O: number[], k: number[], st: number[], dl: number[], pads: number[], unsupported: (w: string) => never): { ctPads: number[]; outPad: number[] } {
  const sp = H.length;
  const ctPads = new Array(2 * sp).fill(0);
  const outPad = new Array(sp).fill(0);
  for (let i = 0; i < sp; i++) {
    if (!(O[i] > 0)) unsupported('output spatial size not static');
    const pb = pads[i];
    const total = (O[i] - 1) * st[i] + (k[i] - 1) * dl[i] + 1 - pb - H[i];
    ctPads[i] = pb;
    if (total >= 0) ctPads[i + sp] = total;
    else {
      outPad[i] = -total;
      if (outPad[i] >= Math.max(st[i], dl[i])) unsupported('cannot express the input gradient with ConvTranspose padding');
    }
  }
  return { ctPads, outPad };
}

/** Divisor of each output position of an AveragePool (ONNX/onnxruntime rule), row-major over the spatial dims. */
export function poolCounts(H: number[], O: number[], k: number[], st: number[], pads: number[], includePad: boolean): number[] {
  const sp = H.length;
  const per: number[][] = [];
  for (let i = 0; i < sp; i++) {
    const v: number[] = [];
    for (let o = 0; o < O[i]; o++) {
      const s = o * st[i] - pads[i];
      const en = Math.min(s + k[i], H[i] + pads[i + sp]);
      const incl = en - s;
      const excl = Math.min(en, H[i]) - Math.max(s, 0);
      v.push(includePad ? incl : excl);
    }
    per.push(v);
  }
  let out = [1];
  for (let i = 0; i < sp; i++) {
    const next: number[] = [];
    for (const a of out) for (const b of per[i]) next.push(a * b);
    out = next;
  }
  return out;
}
