/** Small ONNX models for tests, built with our builder (never trained in tests). */
import { GraphBuilder } from '../../src/model/onnx/builder.ts';

/** y = x·W + b with W [d, c]; optional final op (Softmax / Sigmoid) and extra outputs. */
export function linearModel(W: number[][], b: number[], opts: { final?: 'Softmax' | 'Sigmoid' | 'LogSoftmax'; exposeLogits?: boolean; batch?: number | string; outputName?: string } = {}): Uint8Array {
  const d = W.length, c = b.length;
  const g = new GraphBuilder('linear');
  const x = g.input('x', 'float32', [opts.batch ?? 'N', d]);
  const w = g.initializer('W', Float32Array.from(W.flat()), [d, c]);
  const bias = g.initializer('b', Float32Array.from(b), [c]);
  const logits = g.node('Gemm', [x, w, bias], {}, { outputs: [opts.final ? 'logits' : opts.outputName ?? 'logits'] });
  if (opts.final) {
    const p = g.node(opts.final, [logits], opts.final === 'Sigmoid' ? {} : { axis: -1 }, { outputs: [opts.outputName ?? 'probs'] });
    g.output(p, 'float32', [opts.batch ?? 'N', c]);
    if (opts.exposeLogits) g.output(logits, 'float32', [opts.batch ?? 'N', c]);
  } else {
    g.output(logits, 'float32', [opts.batch ?? 'N', c]);
  }
  return g.toModel({ opset: 17 });
}
