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

/**
 * A bag-of-tokens classifier with an int64 input: ids [N, T] -> Gather(E [vocab, 3]) -> ReduceMean over the tokens
 * -> Gemm -> logits [N, 2]. Embedding: tokens 0..2 point to class 0, tokens 3..5 to class 1 (score = the share of
 * the row's tokens of each kind), so a row's class is its majority token kind.
 */
export function tokenModel(opts: { tokens?: number; inputName?: string } = {}): Uint8Array {
  const T = opts.tokens ?? 4;
  const g = new GraphBuilder('tokens');
  const ids = g.input(opts.inputName ?? 'ids', 'int64', ['N', T]);
  const E = g.initializer('E', Float32Array.from([1, 0, 0, 1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0]), [6, 3]);
  const W = g.initializer('W', Float32Array.from([1, 0, 0, 1, 0, 0]), [3, 2]);
  const b = g.initializer('b', Float32Array.from([0, 0]), [2]);
  const emb = g.node('Gather', [E, ids], { axis: 0 });
  const mean = g.node('ReduceMean', [emb], { axes: [1], keepdims: 0 });
  const logits = g.node('Gemm', [mean, W, b], {}, { outputs: ['logits'] });
  g.output(logits, 'float32', ['N', 2]);
  return g.toModel({ opset: 17 });
}

/**
 * A float input plus an int64 category code: logits = x·W + b + E[code], x float32 [N, 2], code int64 [N, 1],
 * E [3, 2] (one embedding row per category).
 */
export function floatAndCodeModel(): Uint8Array {
  const g = new GraphBuilder('float-and-code');
  const x = g.input('x', 'float32', ['N', 2]);
  const code = g.input('code', 'int64', ['N', 1]);
  const W = g.initializer('W', Float32Array.from([1, -1, -1, 1]), [2, 2]);
  const b = g.initializer('b', Float32Array.from([0, 0]), [2]);
  const E = g.initializer('E', Float32Array.from([0.5, 0, 0, 0.5, 0, 0]), [3, 2]);
  const lin = g.node('Gemm', [x, W, b]);
  const emb = g.node('ReduceMean', [g.node('Gather', [E, code], { axis: 0 })], { axes: [1], keepdims: 0 });
  const logits = g.node('Add', [lin, emb], {}, { outputs: ['logits'] });
  g.output(logits, 'float32', ['N', 2]);
  return g.toModel({ opset: 17 });
}

/**
 * A linear model [N, 2] -> [N, 2] whose graph hard-codes the batch size in a Reshape (a common export mistake): it
 * runs on exactly `batch` rows and fails in onnxruntime on any other batch.
 */
export function fixedBatchInsideModel(batch: number): Uint8Array {
  const g = new GraphBuilder('fixed-batch-inside');
  const x = g.input('x', 'float32', ['N', 2]);
  const r = g.node('Reshape', [x, g.initializer('shape', BigInt64Array.from([BigInt(batch), 2n]), [2])]);
  const w = g.initializer('W', Float32Array.from([1, -1, -1, 1]), [2, 2]);
  const b = g.initializer('b', Float32Array.from([0, 0]), [2]);
  const z = g.node('Gemm', [r, w, b], {}, { outputs: ['logits'] });
  g.output(z, 'float32', ['N', 2]);
  return g.toModel({ opset: 17 });
}
