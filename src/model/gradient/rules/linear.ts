/** Gemm and MatMul (either operand may depend on the input; broadcast batch dims summed back). */
import { attrFloat, attrInt } from '../../onnx/proto.ts';
import { aFloat, aInt, aInts } from '../graph.ts';
import type { GradientRule, InputGrads } from '../rule.ts';

/** Y = alpha·op(A)·op(B) + beta·C: dA, dB as Gemms of dY with the other operand, dC = beta·dY summed to C. */
const gemm: GradientRule = {
  ops: ['Gemm'],
  backward(ctx, n, gy) {
    const { e } = ctx;
    const [A, B, Cn] = n.input;
    const Y = n.output[0];
    const alpha = attrFloat(n, 'alpha', 1)!;
    const beta = attrFloat(n, 'beta', 1)!;
    const tA = attrInt(n, 'transA', 0)!;
    const tB = attrInt(n, 'transB', 0)!;
    const out: InputGrads = n.input.map(() => null);
    if (ctx.active(A)) {
      out[0] = tA === 0
        ? e.op('Gemm', [gy, B], [aFloat('alpha', alpha), aInt('transB', 1 - tB)])
        : e.op('Gemm', [B, gy], [aFloat('alpha', alpha), aInt('transA', tB), aInt('transB', 1)]);
    }
    if (ctx.active(B)) {
      out[1] = tB === 0
        ? e.op('Gemm', [A, gy], [aFloat('alpha', alpha), aInt('transA', 1 - tA)])
        : e.op('Gemm', [gy, A], [aFloat('alpha', alpha), aInt('transA', 1), aInt('transB', tA)]);
    }
    if (Cn && ctx.active(Cn)) {
      const r = ctx.reduceTo(gy, ctx.shapeOf(Y), Cn);
      out[2] = beta === 1 ? r : e.op('Mul', [r, e.scalar(ctx.typeOf(Y), beta)]);
    }
    return out;
  },
};

/** dA = dY·Bᵀ, dB = Aᵀ·dY (last two axes), each summed back over broadcast batch dims; a 1-D B as a column. */
const matMul: GradientRule = {
  ops: ['MatMul'],
  backward(ctx, n, gy) {
    const { e } = ctx;
    const [A, B] = n.input;
    const yShape = ctx.shapeOf(n.output[0]);
    const sa = ctx.shapeOf(A), sb = ctx.shapeOf(B);
    const swap = (r: number): number[] => { const p = Array.from({ length: r }, (_, i) => i); [p[r - 2], p[r - 1]] = [p[r - 1], p[r - 2]]; return p; };
    if (sa.length === 1) ctx.unsupported(n, 'a 1-D left operand that depends on the input');
    const out: InputGrads = [null, null];
    if (sb.length === 1) {
      const gu = e.op('Unsqueeze', [gy, e.ints([-1])]);
      if (ctx.active(A)) out[0] = ctx.reduceTo(e.op('Mul', [gu, B]), [...yShape, sb[0]], A);
      if (ctx.active(B)) out[1] = e.op('ReduceSum', [e.op('Mul', [gu, A]), e.ints(Array.from({ length: sa.length - 1 }, (_, i) => i))], [aInt('keepdims', 0)]);
      return out;
    }
    if (ctx.active(A)) {
      const prod = e.op('MatMul', [gy, e.op('Transpose', [B], [aInts('perm', swap(sb.length))])]);
      out[0] = ctx.reduceTo(prod, [...yShape.slice(0, -2), sa[sa.length - 2], sa[sa.length - 1]], A);
    }
    if (ctx.active(B)) {
      const prod = e.op('MatMul', [e.op('Transpose', [A], [aInts('perm', swap(sa.length))]), gy]);
      out[1] = ctx.reduceTo(prod, [...yShape.slice(0, -2), sb[sb.length - 2], sb[sb.length - 1]], B);
    }
    return out;
  },
};

export const rules: readonly GradientRule[] = [gemm, matMul];
