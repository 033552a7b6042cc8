/** Shared helpers for the robustness tests: npy reading, loading an ONNX file as oracles, finite differences. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-node';
import { prepareGradient, type PreparedGradient } from '../../src/model/gradient/index.ts';
import { forwardOracle, whiteBoxOracle, type ClosableOracle } from '../../src/gates/robustness/oracle.ts';

export const FIX = fileURLToPath(new URL('../fixtures/robustness/', import.meta.url));

export function readNpy(path: string): { data: Float32Array | Float64Array | BigInt64Array | Uint8Array | Int32Array; shape: number[] } {
  const b = readFileSync(path);
  const hl = b.readUInt16LE(8);
  const header = b.subarray(10, 10 + hl).toString('latin1');
  const descr = /'descr':\s*'([^']+)'/.exec(header)![1];
  const shape = /'shape':\s*\(([^)]*)\)/.exec(header)![1].split(',').map((s) => s.trim()).filter(Boolean).map(Number);
  if (/'fortran_order':\s*True/.test(header)) throw new Error('fortran order');
  const body = b.subarray(10 + hl);
  const buf = body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength);
  const data = descr === '<f4' ? new Float32Array(buf) : descr === '<f8' ? new Float64Array(buf) : descr === '<i8' ? new BigInt64Array(buf)
    : descr === '|b1' || descr === '|u1' ? new Uint8Array(buf) : descr === '<i4' ? new Int32Array(buf) : null;
  if (!data) throw new Error(`npy dtype ${descr}`);
  return { data, shape };
}

export function npyInts(path: string): Int32Array {
  return Int32Array.from(readNpy(path).data as ArrayLike<number | bigint>, Number);
}

export interface LoadedModel {
  bytes: Uint8Array;
  session: ort.InferenceSession;
  input: string;
  output: string;
  rowShape: number[];
  D: number;
  classes: number;
  gradient: PreparedGradient;
  forward(x: Float32Array, n: number): Promise<Float32Array>;
  oracle(x0: Float32Array): ClosableOracle;
  forwardOnly(x0: Float32Array): ClosableOracle;
}

/** Loads a single-input classifier: forward session (batched when the model allows) and gradient model. */
export async function loadModel(bytes: Uint8Array, rowShape: number[], opts: { kind?: 'logits' | 'probabilities'; output?: string; batch?: number; threads?: number } = {}): Promise<LoadedModel> {
  const so: ort.InferenceSession.SessionOptions = { intraOpNumThreads: opts.threads ?? 1, interOpNumThreads: 1 };
  const session = await ort.InferenceSession.create(bytes, so);
  const input = session.inputNames[0];
  const output = opts.output ?? session.outputNames[0];
  const D = rowShape.reduce((a, b) => a * b, 1);
  const meta = (session.inputMetadata as unknown as { name: string; shape?: (number | string)[] }[])?.[0];
  const fixedOne = meta?.shape?.[0] === 1;
  const tensor = (x: Float32Array, n: number): ort.Tensor => new ort.Tensor('float32', x, [n, ...rowShape]);
  const forward = async (x: Float32Array, n: number): Promise<Float32Array> => {
    if (!fixedOne || n === 1) {
      const r = await session.run({ [input]: tensor(x, n) }, [output]);
      return Float32Array.from(r[output].data as Float32Array);
    }
    const parts: Float32Array[] = [];
    for (let i = 0; i < n; i++) parts.push(await forward(x.subarray(i * D, (i + 1) * D), 1));
    const out = new Float32Array(parts.reduce((a, p) => a + p.length, 0));
    let o = 0;
    for (const p of parts) { out.set(p, o); o += p.length; }
    return out;
  };
  const gradient = await prepareGradient({
    bytes, wrt: [input], output, outputKind: opts.kind ?? 'logits', sessionOptions: so,
    probeFeeds: (n) => ({ [input]: tensor(new Float32Array(n * D).fill(0.5), n) }),
  });
  const classes = gradient.classes;
  const batch = opts.batch ?? 128;
  const setup = (x0: Float32Array) => ({
    classes, D, batch,
    feeds: (x: Float32Array) => ({ [input]: tensor(x.slice(), x.length / D) }),
    forward: async (f: Record<string, ort.Tensor>, n: number) => forward(f[input].data as Float32Array, n),
    x0,
  });
  return {
    bytes, session, input, output, rowShape, D, classes, gradient, forward,
    oracle: (x0) => whiteBoxOracle({ ...setup(x0), gradient, wrt: [{ name: input, offset: 0, width: D }], sessionOptions: so }),
    forwardOnly: (x0) => forwardOracle(setup(x0)),
  };
}
