/**
 * Model oracles for the attacks: a forward-only one (scores) and a white-box one that adds `lossAndGrad` from the
 * gradient model (src/model/gradient). Both count queries (one per row per call) and run in chunks of `batch`.
 * A point's outputs do not depend on the chunk it falls in: the forward runs go through the gate model's `run`,
 * which pads a run of fewer rows than the model's minimum (src/model/batch-rule.ts), and the gradient runs are
 * padded here the same way.
 */
import os from 'node:os';
import * as ort from 'onnxruntime-node';
import { runAtLeast } from '../../model/batch-rule.ts';
import type { GradientLoss, PreparedGradient } from '../../model/gradient/index.ts';
import { sessionOptions } from '../../model/load.ts';
import { ortMessage } from '../../model/run-error.ts';
import { GateError } from '../../errors.ts';
import type { LossKind, ModelOracle } from './types.ts';

export interface OracleSetup {
  classes: number;
  D: number;
  /** Rows per model run. */
  batch: number;
  /** Model feeds for feature rows x ([points.length, D]) of the given points. */
  feeds(x: Float32Array, points: Int32Array): Record<string, ort.Tensor>;
  /**
   * Forward scores [points.length, classes] (float32), as the model gives them (logits or probabilities); a run of
   * few rows must give each row the bytes it has in a full batch (the engine's gate model pads them).
   */
  forward(feeds: Record<string, ort.Tensor>, n: number): Promise<Float32Array>;
}

export interface WhiteBoxSetup extends OracleSetup {
  gradient: PreparedGradient;
  /** Float inputs the gradient is taken for, and where they sit in the feature space. */
  wrt: { name: string; offset: number; width: number }[];
  /** Rows per gradient-model run (default `batch`; the gradient model is re-batched even when the file is not). */
  gradBatch?: number;
  /** Gradient sessions (one per loss) kept open together (default: all); at the limit, the others are released first. */
  sessionsAtOnce?: number;
  sessionOptions?: ort.InferenceSession.SessionOptions;
  /**
   * The fewest rows per gradient run (smaller runs are padded with copies of their last row, src/model/batch-rule.ts).
   * Default: min(max(2, the sessions' intra-op threads), rows per run) for a batchable gradient model, else 1.
   */
  minBatch?: number;
}

export interface ClosableOracle extends ModelOracle {
  release(): Promise<void>;
}

async function chunked<T>(n: number, batch: number, f: (start: number, end: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let s = 0; s < n; s += batch) out.push(await f(s, Math.min(n, s + batch)));
  return out;
}

export function forwardOracle(setup: OracleSetup): ClosableOracle {
  const { D, classes: C } = setup;
  const self: ClosableOracle = {
    classes: C,
    queries: 0,
    async logits(x, points) {
      const n = points.length;
      const out = new Float32Array(n * C);
      await chunked(n, setup.batch, async (s, e) => {
        const f = setup.feeds(x.subarray(s * D, e * D), points.subarray(s, e));
        out.set(await setup.forward(f, e - s), s * C);
      });
      self.queries += n;
      return out;
    },
    async release() {},
  };
  return self;
}

export function whiteBoxOracle(setup: WhiteBoxSetup): ClosableOracle {
  const base = forwardOracle(setup);
  const { D, classes: C } = setup;
  const sessions = new Map<GradientLoss, Promise<ort.InferenceSession>>();
  const session = (loss: GradientLoss): Promise<ort.InferenceSession> => {
    let s = sessions.get(loss);
    if (!s) {
      // Within the memory budget: when no more sessions may stay open, the other losses' sessions are closed first
      // (taken out of the map at once, so a concurrent call never sees a session being released).
      const closing = sessions.size >= (setup.sessionsAtOnce ?? Infinity) ? [...sessions.values()] : [];
      if (closing.length > 0) sessions.clear();
      s = (async () => {
        for (const open of closing) await (await open.catch(() => null))?.release();
        return ort.InferenceSession.create(setup.gradient.model(loss), gradientSessionOptions(setup.sessionOptions)).catch((e: unknown) => {
          throw gradientError(`cannot load the gradient model (loss ${loss})`, e);
        });
      })();
      sessions.set(loss, s);
    }
    return s;
  };
  const batch = setup.gradient.batchable ? (setup.gradBatch ?? setup.batch) : 1;
  // A run never has fewer rows than the batch rule's minimum, capped by the rows per run (then every run of at most
  // `batch` rows takes the same kernels); `minBatchRows` in src/model/batch-rule.ts.
  const threads = setup.sessionOptions?.intraOpNumThreads || os.availableParallelism();
  const minRows = setup.gradient.batchable ? Math.min(batch, setup.minBatch ?? Math.max(2, threads)) : 1;
  const self: ClosableOracle = {
    classes: C,
    get queries() { return base.queries; },
    set queries(v: number) { base.queries = v; },
    logits: (x, points) => base.logits(x, points),
    async lossAndGrad(x, points, labels, loss: LossKind, targets) {
      const n = points.length;
      const sess = await session(loss);
      const logits = new Float32Array(n * C);
      const lossOut = new Float32Array(n);
      const grad = new Float32Array(n * D);
      const outs = ['mg_scores', 'mg_loss', ...setup.wrt.map((_, i) => `mg_grad_${i}`)];
      await chunked(n, batch, async (s, e) => {
        const m = e - s;
        const feeds = setup.feeds(x.subarray(s * D, e * D), points.subarray(s, e));
        const lab = new BigInt64Array(m);
        for (let i = 0; i < m; i++) lab[i] = BigInt(labels[s + i]);
        feeds.mg_label = new ort.Tensor('int64', lab, [m]);
        if (loss === 'dlr-targeted') {
          if (!targets) throw new Error('dlr-targeted needs targets');
          const t = new BigInt64Array(m);
          for (let i = 0; i < m; i++) t[i] = BigInt(targets[s + i]);
          feeds.mg_target = new ort.Tensor('int64', t, [m]);
        }
        let r: ort.InferenceSession.ReturnType;
        try {
          r = await runAtLeast(sess, feeds, outs, minRows);
        } catch (e) {
          const shapes = Object.entries(feeds).map(([k, t]) => `${k} ${t.type} [${t.dims.join(', ')}]`).join(', ');
          throw gradientError(`the gradient model (loss ${loss}) failed on inputs ${shapes}`, e);
        }
        logits.set(toF32(r.mg_scores.data), s * C);
        lossOut.set(toF32(r.mg_loss.data), s);
        setup.wrt.forEach((w, i) => {
          const gdat = toF32(r[`mg_grad_${i}`].data);
          for (let row = 0; row < m; row++) {
            grad.set(gdat.subarray(row * w.width, (row + 1) * w.width), (s + row) * D + w.offset);
          }
        });
      });
      base.queries += n;
      return { logits, loss: lossOut, grad };
    },
    async release() {
      for (const s of sessions.values()) await (await s.catch(() => null))?.release();
      sessions.clear();
    },
  };
  return self;
}

/** A failure of the gradient model model-gate built (the forward model ran): one line, and the way around it. */
function gradientError(what: string, e: unknown): GateError {
  return new GateError(
    'robustness.gradient',
    `onnxruntime: ${what}: ${ortMessage(e)}: set gates.robustness.attacks to black-box attacks only (e.g. [square]) and report this model-gate bug with the model's operators`,
    { cause: e },
  );
}

/**
 * The gradient session runs with the forward session's settings (src/model/load.ts `sessionOptions`: full graph
 * optimisation, idle intra-op threads do not spin, so they leave the cores to the forward session and the attack's
 * JavaScript between runs); options given by the caller override them.
 */
function gradientSessionOptions(given: ort.InferenceSession.SessionOptions | undefined): ort.InferenceSession.SessionOptions {
  return { ...sessionOptions(given?.intraOpNumThreads ?? 0), ...given };
}

function toF32(d: unknown): Float32Array {
  if (d instanceof Float32Array) return d;
  return Float32Array.from(d as ArrayLike<number>);
}
