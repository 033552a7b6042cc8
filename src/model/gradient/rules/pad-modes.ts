/**
 * The backward of Pad in the index-copy modes (reflect, edge, wrap), used by the Pad rule in shape.ts. These modes
 * are separable: along each padded axis the output is X gathered at an index list idx (length dim + before +
 * after), so dX is dY contracted, axis by axis, with the 0/1 matrix M[j, idx[j]] (a MatMul on that axis moved last).
 */
import type { NodeProto } from '../../onnx/proto.ts';
import { aInts } from '../graph.ts';
import type { BackwardContext } from '../rule.ts';

function source(mode: string, p: number, dim: number): number {
  if (mode === 'edge') return Math.min(Math.max(p, 0), dim - 1);
  if (mode === 'wrap') return ((p % dim) + dim) % dim;
  // reflect (the edge element not repeated)
  while (p < 0 || p >= dim) p = p < 0 ? -p : 2 * (dim - 1) - p;
  return p;
}

/** The Pad node's pads, which every mode's rule needs constant, without an axes input, and non-negative. */
export function constantPads(ctx: BackwardContext, n: NodeProto): number[] {
  const pads = ctx.constValue(n.input[1]);
  if (!pads) ctx.unsupported(n, 'pads are not constant');
  if (n.input[3]) ctx.unsupported(n, 'axes input');
  if (pads!.some((v) => v < 0)) ctx.unsupported(n, 'negative pads');
  return pads!;
}

export function padCopyBackward(ctx: BackwardContext, n: NodeProto, gy: string, mode: string): string {
  const { e } = ctx;
  const pads = constantPads(ctx, n);
  const xs = ctx.shapeOf(n.input[0]);
  const r = xs.length;
  const t = ctx.typeOf(n.output[0]);
  let g = gy;
  for (let a = 0; a < r; a++) {
    const pb = pads[a], pe = pads[a + r];
    if (pb === 0 && pe === 0) continue;
    const dim = xs[a];
    if (!(dim >= 0)) ctx.unsupported(n, 'padding the batch axis');
    if (mode === 'reflect' && (dim < 2 || pb >= dim || pe >= dim)) ctx.unsupported(n, 'reflect pads not smaller than the axis');
    const L = dim + pb + pe;
    const m = new Array<number>(L * dim).fill(0);
    for (let j = 0; j < L; j++) m[j * dim + source(mode, j - pb, dim)] = 1;
    const M = e.floats(t, m, [L, dim]);
    if (a === r - 1) g = e.op('MatMul', [g, M]);
    else {
      const perm = Array.from({ length: r }, (_, i) => i);
      [perm[a], perm[r - 1]] = [perm[r - 1], perm[a]];
      g = e.op('Transpose', [e.op('MatMul', [e.op('Transpose', [g], [aInts('perm', perm)]), M])], [aInts('perm', perm)]);
    }
  }
  return g;
}
