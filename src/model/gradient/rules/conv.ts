/** Conv (1×1 as a MatMul, flipped-kernel Conv fast path, else ConvTranspose) and ConvTranspose (a Conv); only X may be active. */
import { attrInt, attrInts, attrString, findAttr } from '../../onnx/proto.ts';
import { tensorToArray } from '../../onnx/tensor.ts';
import { aInt, aInts, floatConst } from '../graph.ts';
import type { GradientRule } from '../rule.ts';
import { explicitPads, transposePads } from '../spatial.ts';
import { FLOAT_TYPES } from '../types.ts';

const conv: GradientRule = {
  ops: ['Conv'],
  backward(ctx, n, gy) {
    ctx.onlyFirstActive(n);
    const { e } = ctx;
    const unsupported = (why: string): never => ctx.unsupported(n, why);
    const X = n.input[0];
    const xs = ctx.shapeOf(X), ws = ctx.shapeOf(n.input[1]);
    const sp = xs.length - 2;
    const k = attrInts(n, 'kernel_shape') ?? ws.slice(2);
    const st = attrInts(n, 'strides') ?? new Array(sp).fill(1);
    const dl = attrInts(n, 'dilations') ?? new Array(sp).fill(1);
    const pads = explicitPads(n, xs.slice(2), k, st, dl, unsupported);
    const group = attrInt(n, 'group', 1)!;
    // stride 1 with constant weights: a plain Conv with the flipped, channel-swapped kernel (much faster in
    // onnxruntime than ConvTranspose); pads' = d(k−1) − p on each side. Not when the forward has < 8 input
    // channels: that Conv would have < 8 output channels, which onnxruntime's blocked (NCHWc) layout pads to a
    // full block; ConvTranspose is ~3x faster there (28×28 MNIST first layer: 1.9 vs 5.9 ms per batch of 128).
    const wInit = ctx.graph.initializer.find((t) => t.name === n.input[1]);
    const flipPads = pads.map((p, i) => dl[i % sp] * (k[i % sp] - 1) - p);
    if (group === 1 && wInit && FLOAT_TYPES.has(wInit.dataType ?? 0) && k.every((v) => v === 1) && st.every((v) => v === 1) && pads.every((v) => v === 0)) {
      // 1×1, stride 1, no pads (MobileNet's expand and project convs): dX = Wᵀ·dY per sample, a MatMul on [N, M, H·W].
      // As a Conv, onnxruntime runs it in its blocked NCHWc layout and reorders dY in and dX out around each one,
      // because the activation backward ops between the convs (Where, compares) stay NCHW; the MatMul needs no
      // reorder: MobileNetV2 at 32×32, batch 128: 4% less CPU per gradient run (bench/gradient-archs.ts).
      const wv = tensorToArray(wInit) as Float32Array | Float64Array;
      const M = ws[0], C = ws[1];
      const wt = new Array<number>(C * M);
      for (let m = 0; m < M; m++) for (let c = 0; c < C; c++) wt[c * M + m] = wv[m * C + c];
      const wT = e.constant((nm) => floatConst(nm, wInit.dataType!, wt, [C, M]), `T:${n.input[1]}`);
      const flat = e.op('Reshape', [gy, e.ints([0, M, -1])]);
      return [e.op('Reshape', [e.op('MatMul', [wT, flat]), e.ints([0, C, ...xs.slice(2)])])];
    }
    if (ws[1] * group >= 8 && wInit && st.every((v) => v === 1) && flipPads.every((p) => p >= 0) && FLOAT_TYPES.has(wInit.dataType ?? 0)) {
      const wv = tensorToArray(wInit) as Float32Array | Float64Array;
      const M = ws[0], Cg = ws[1], K = k.reduce((a, b) => a * b, 1), Mg = M / group;
      const out = new Float64Array(wv.length);
      for (let gi = 0; gi < group; gi++) {
        for (let m = 0; m < Mg; m++) {
          for (let c = 0; c < Cg; c++) {
            const src = ((gi * Mg + m) * Cg + c) * K;
            const dst = ((gi * Cg + c) * Mg + m) * K;
            for (let q = 0; q < K; q++) out[dst + q] = wv[src + K - 1 - q];
          }
        }
      }
      const wf = e.constant((nm) => floatConst(nm, wInit.dataType!, Array.from(out), [Cg * group, Mg, ...k]), `flip:${n.input[1]}`);
      return [e.op('Conv', [gy, wf], [aInts('kernel_shape', k), aInts('dilations', dl), aInt('group', group), aInts('pads', flipPads)])];
    }
    const { ctPads, outPad } = transposePads(xs.slice(2), ctx.shapeOf(n.output[0]).slice(2), k, st, dl, pads, unsupported);
    const attrs = [aInts('kernel_shape', k), aInts('strides', st), aInts('dilations', dl), aInt('group', group), aInts('pads', ctPads)];
    if (outPad.some((v) => v !== 0)) attrs.push(aInts('output_padding', outPad));
    return [e.op('ConvTranspose', [gy, n.input[1]], attrs)];
  },
};

/** The Conv with the same weights and pads maps dY back onto X's grid. */
const convTranspose: GradientRule = {
  ops: ['ConvTranspose'],
  backward(ctx, n, gy) {
    ctx.onlyFirstActive(n);
    if (findAttr(n, 'output_shape')) ctx.unsupported(n, 'output_shape attribute');
    const ap = attrString(n, 'auto_pad', 'NOTSET');
    if (ap !== 'NOTSET') ctx.unsupported(n, `auto_pad ${ap}`);
    const xs = ctx.shapeOf(n.input[0]), ws = ctx.shapeOf(n.input[1]);
    const sp = xs.length - 2;
    const k = attrInts(n, 'kernel_shape') ?? ws.slice(2);
    const st = attrInts(n, 'strides') ?? new Array(sp).fill(1);
    const dl = attrInts(n, 'dilations') ?? new Array(sp).fill(1);
    const pads = attrInts(n, 'pads') ?? new Array(2 * sp).fill(0);
    return [ctx.e.op('Conv', [gy, n.input[1]], [aInts('kernel_shape', k), aInts('strides', st), aInts('dilations', dl), aInt('group', attrInt(n, 'group', 1)!), aInts('pads', pads)])];
  },
};

export const rules: readonly GradientRule[] = [conv, convTranspose];
