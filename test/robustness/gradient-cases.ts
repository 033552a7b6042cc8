/**
 * The single-op gradient check harness shared by the gradient-op test files (see gradient-ops.test.ts for the
 * method and the tolerances): `Case`, `buildCase`, `i64` and `checkCases`, which registers one test per case.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as ort from 'onnxruntime-node';
import { GraphBuilder } from '../../src/model/onnx/builder.ts';
import { rng } from '../../src/util/random.ts';
import { checkGradient, type GradModel } from './gradcheck.ts';

export type DT = 'float32' | 'float64';
const CLASSES = 4;

export interface Case {
  name: string;
  dtype: DT;
  shape: number[];
  build(g: GraphBuilder, x: string, arr: (name: string, dims: number[], scale?: number) => string): string;
  /** input values: random normal (default), positive, or distinct (permutation of spaced values) */
  input?: 'normal' | 'positive' | 'distinct';
  opset?: number;
}

function values(R: ReturnType<typeof rng>, n: number, kind: Case['input']): number[] {
  if (kind === 'distinct') {
    const v = Array.from({ length: n }, (_, i) => (i - n / 2) * 0.05);
    R.shuffle(v);
    return v;
  }
  if (kind === 'positive') return Array.from({ length: n }, () => 0.5 + R.next());
  return Array.from({ length: n }, () => R.normal() * 0.7);
}

export async function buildCase(c: Case): Promise<{ model: GradModel; x: Float32Array | Float64Array }> {
  const R = rng(7, c.name);
  const make = (withHead: number | null): { bytes: Uint8Array; out: string } => {
    const R2 = rng(11, c.name);
    const g = new GraphBuilder(c.name);
    const x = g.input('x', c.dtype, ['N', ...c.shape.slice(1)]);
    const arr = (name: string, dims: number[], scale = 0.5): string => {
      const n = dims.reduce((a, b) => a * b, 1);
      const v = Array.from({ length: n }, () => R2.normal() * scale);
      return g.initializer(name, c.dtype === 'float64' ? Float64Array.from(v) : Float32Array.from(v), dims);
    };
    const y = c.build(g, x, arr);
    if (withHead === null) {
      g.output(y, c.dtype);
      return { bytes: g.toModel({ opset: c.opset ?? 17 }), out: y };
    }
    const f = g.node('Flatten', [y], { axis: 1 });
    const w = arr('head_w', [withHead, CLASSES], 1 / Math.sqrt(withHead));
    const z = g.node('MatMul', [f, w], {}, { outputs: ['logits'] });
    g.output(z, c.dtype, ['N', CLASSES]);
    return { bytes: g.toModel({ opset: c.opset ?? 17 }), out: z };
  };
  const n = c.shape.reduce((a, b) => a * b, 1);
  const xv = values(R, n, c.input);
  const x = c.dtype === 'float64' ? Float64Array.from(xv) : Float32Array.from(xv);
  const probe = make(null);
  const s = await ort.InferenceSession.create(probe.bytes);
  const r = await s.run({ x: new ort.Tensor(c.dtype, x as never, c.shape) });
  const t = r[probe.out];
  await s.release();
  const F = t.size / c.shape[0];
  const full = make(F);
  return { model: { bytes: full.bytes, input: 'x', output: 'logits', shape: c.shape, dtype: c.dtype }, x };
}

export const i64 = (g: GraphBuilder, name: string, v: number[]): string => g.initializer(name, BigInt64Array.from(v.map(BigInt)), [v.length]);


/** One test per case: the graph's gradient against central finite differences of the original forward model. */
export function checkCases(cases: readonly Case[]): void {
for (const c of cases) {
  test(`gradient of ${c.name} (${c.dtype}) matches central finite differences`, async (t) => {
    const { model, x } = await buildCase(c);
    const h = c.dtype === 'float64' ? 1e-5 : 1e-2;
    const tol = c.dtype === 'float64' ? 1e-6 : 2e-3;
    const res = await checkGradient(model, x, [1, 3], h);
    t.diagnostic(`${c.name}: max|g−fd|/max|fd| = ${res.rel.toExponential(2)} over ${res.coords} coords`);
    assert.ok(res.maxAbsGrad > 1e-4, `${c.name}: the gradient is (nearly) zero (${res.maxAbsGrad}), the check would be vacuous`);
    assert.ok(res.rel < tol, `${c.name}: relative error ${res.rel.toExponential(2)} ≥ ${tol}`);
    assert.ok(res.lossDiff < (c.dtype === 'float64' ? 1e-9 : 1e-4), `${c.name}: graph loss differs from the reference CE by ${res.lossDiff}`);
  });
}
}
