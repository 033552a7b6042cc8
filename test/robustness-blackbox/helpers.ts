/** Helpers for the black-box attack tests: npy reading, ORT-backed oracles, constraint checks. */
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-node';
import { forwardOracle, type ClosableOracle } from '../../src/gates/robustness/oracle.ts';
import type { AttackInput, Constraints, ModelOracle } from '../../src/gates/robustness/types.ts';
import { decodeModel, encodeModel } from '../../src/model/onnx/proto.ts';

export const FIX = fileURLToPath(new URL('../fixtures/robustness-blackbox/', import.meta.url));
export const ONNX = fileURLToPath(new URL('../fixtures/onnx/', import.meta.url));
export const DATA = fileURLToPath(new URL('../fixtures/data/', import.meta.url));

/** The .npy reader shared with the white-box tests (test-side, independent of src/data). */
export { readNpy, npyInts } from '../robustness/helpers.ts';

export interface SessionModel {
  session: ort.InferenceSession;
  input: string;
  output: string;
  D: number;
  classes: number;
  /** Scores [n, classes] of rows x, in one run (or one run per row when the model's batch is fixed to 1). */
  forward(x: Float32Array, n: number): Promise<Float32Array>;
  oracle(batch?: number): ClosableOracle;
}

/** A single-float-input classifier as an oracle. `rowShape` is the per-row input shape fed to the model. */
export async function sessionModel(model: string | Uint8Array, rowShape: number[], opts: { output?: string; classes: number; fixedBatch1?: boolean; transform?: (raw: ort.Tensor, n: number) => Float32Array }): Promise<SessionModel> {
  const session = await ort.InferenceSession.create(model as Uint8Array, { intraOpNumThreads: 1, interOpNumThreads: 1 });
  const input = session.inputNames[0];
  const output = opts.output ?? session.outputNames[0];
  const D = rowShape.reduce((a, b) => a * b, 1);
  const C = opts.classes;
  const run1 = async (x: Float32Array, n: number): Promise<Float32Array> => {
    const r = await session.run({ [input]: new ort.Tensor('float32', x, [n, ...rowShape]) }, [output]);
    return opts.transform ? opts.transform(r[output], n) : Float32Array.from(r[output].data as Float32Array);
  };
  const forward = async (x: Float32Array, n: number): Promise<Float32Array> => {
    if (!opts.fixedBatch1) return run1(x, n);
    const out = new Float32Array(n * C);
    for (let i = 0; i < n; i++) out.set(await run1(x.slice(i * D, (i + 1) * D), 1), i * C);
    return out;
  };
  return {
    session, input, output, D, classes: C, forward,
    oracle: (batch = 4096) => forwardOracle({
      classes: C, D, batch,
      feeds: (x) => ({ x: new ort.Tensor('float32', x.slice(), [x.length / D, D]) }),
      forward: async (f, n) => forward(f.x.data as Float32Array, n),
    }),
  };
}

/** Argmax per row (first maximum). */
export function argmax(z: Float32Array, C: number): Int32Array {
  const n = z.length / C;
  const out = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    let k = 0;
    for (let j = 1; j < C; j++) if (z[r * C + j] > z[r * C + k]) k = j;
    out[r] = k;
  }
  return out;
}

/**
 * Re-checks every reported success with a plain forward pass and the constraints, independently of the attack:
 * returns the number of confirmed successes; throws on any success that is not misclassified or not feasible.
 */
export async function recheck(input: AttackInput, xAdv: Float32Array, success: Uint8Array, forward: (x: Float32Array, n: number) => Promise<Float32Array>, C: number): Promise<number> {
  const D = input.constraints.D;
  const idx: number[] = [];
  for (let p = 0; p < input.n; p++) if (success[p]) idx.push(p);
  if (idx.length === 0) return 0;
  const x = new Float32Array(idx.length * D);
  idx.forEach((p, r) => x.set(xAdv.subarray(p * D, p * D + D), r * D));
  const pred = argmax(await forward(x, idx.length), C);
  idx.forEach((p, r) => {
    if (pred[r] === input.labels[p]) throw new Error(`point ${p}: reported success is classified as its label`);
    checkFeasible(input.constraints, xAdv, p * D, input.x0, p * D, `point ${p}`);
  });
  return idx.length;
}

/** Independent constraint check (does not use Constraints.feasible). */
export function checkFeasible(c: Constraints, x: Float32Array, xo: number, x0: Float32Array, co: number, what: string, epsOverride?: Float64Array): void {
  const eps = epsOverride ?? c.eps;
  let l2 = 0, changedGroups = 0;
  for (let i = 0; i < c.D; i++) {
    const v = x[xo + i], v0 = x0[co + i];
    if (!c.mutable[i] && v !== v0) throw new Error(`${what}: immutable feature ${i} changed ${v0} -> ${v}`);
    if (c.integer[i] && v !== v0 && !Number.isInteger(v)) throw new Error(`${what}: integer feature ${i} is ${v}`);
    if (v !== v0 && (v < c.lo[i] || v > c.hi[i])) throw new Error(`${what}: feature ${i} = ${v} outside [${c.lo[i]}, ${c.hi[i]}]`);
    if (c.inOneHot[i]) continue;
    if (!c.mutable[i]) continue;
    const r = Math.abs(v - v0) / eps[i];
    if (c.norm === 'linf' && r > 1 + 1e-6) throw new Error(`${what}: feature ${i} moved ${Math.abs(v - v0)} > eps ${eps[i]}`);
    l2 += r * r;
  }
  if (c.norm === 'l2' && Math.sqrt(l2) > 1 + 1e-6) throw new Error(`${what}: L2 ratio ${Math.sqrt(l2)}`);
  for (const g of c.oneHotGroups) {
    let ones = 0, diff = false;
    for (const i of g) { if (x[xo + i] === 1) ones++; else if (x[xo + i] !== 0) throw new Error(`${what}: one-hot value ${x[xo + i]}`); if (x[xo + i] !== x0[co + i]) diff = true; }
    if (ones !== 1) throw new Error(`${what}: one-hot group with ${ones} ones`);
    if (diff) changedGroups++;
  }
  if (changedGroups > c.maxCategoricalChanges) throw new Error(`${what}: ${changedGroups} one-hot groups changed`);
}

/** A counting wrapper that records every evaluated row (for constraint checks on all candidates). */
export function recordingOracle(inner: ModelOracle, D: number, onRows: (x: Float32Array, points: Int32Array) => void): ModelOracle {
  const self: ModelOracle = {
    classes: inner.classes,
    get queries() { return inner.queries; },
    set queries(v: number) { inner.queries = v; },
    async logits(x, points) {
      onRows(x, points);
      void D;
      return inner.logits(x, points);
    },
  };
  return self;
}

/**
 * mnist-8 with a free batch dimension: its flatten Reshape target [1, 256] becomes [-1, 256] and the declared
 * input/output batch dims become symbolic. Same weights and ops, so the logits equal the batch-1 model's
 * (checked in square.test.ts).
 */
export function batchableMnist8(bytes: Uint8Array): Uint8Array {
  const m = decodeModel(bytes);
  const g = m.graph!;
  const shape = g.initializer.find((t) => t.name === 'Pooling160_Output_0_reshape0_shape')!;
  shape.int64Data = BigInt64Array.from([-1n, 256n]);
  for (const v of [g.input[0], g.output[0]]) {
    const d = v.type!.tensorType!.shape!.dim[0];
    d.dimValue = undefined;
    d.dimParam = 'N';
  }
  g.valueInfo = []; // the batch-1 shapes recorded for intermediate values no longer hold
  return encodeModel(m);
}
