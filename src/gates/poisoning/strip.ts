/**
 * STRIP (Gao et al., "STRIP: A Defence Against Trojan Attacks on Deep Neural Networks", ACSAC 2019) for image
 * inputs. README.md in this folder states the method and the defaults.
 *
 * Each screened row x (a flat input of `rowSize` values) is superimposed with `n` clean rows c₁..c_n drawn with
 * replacement (seeded per row: `rng(seed, 'poisoning/strip#<row>')`, clean rows `poisoning/strip/clean#<row>`): x′ = wₓ·x + w_c·c (weights [1, 1], as in the authors'
 * code's cv2.addWeighted(x, 1, c, 1, 0)), clipped to `clip` when given (the input's valid range). The model's class
 * probabilities on x′ give the Shannon entropy Hⱼ = −Σ_k p_k log₂ p_k (0·log 0 = 0); the row's entropy is the
 * mean over the n perturbations (the paper's H = (1/n) Σ Hⱼ; `entropy: 'of-mean'` takes the entropy of the mean
 * probability vector instead). A trigger dominates the blend, so a trojaned row keeps one class: low entropy.
 *
 * The threshold comes from the clean rows themselves: each clean row is superimposed with n OTHER clean rows (never
 * itself), its entropy computed the same way; threshold = the `frr` quantile of those clean entropies (numpy's
 * linear interpolation, src/stats/quantile.ts), so that a share ≈ frr of clean rows would be rejected. Suspects:
 * screened rows with entropy < threshold (ascending row index). Needs at least 2 clean rows.
 */
import { rng as makeRng } from '../../util/random.ts';
import { quantileSorted } from '../../stats/quantile.ts';

export interface StripOptions {
  /** Perturbations per row (default 100). */
  n?: number;
  seed: number;
  /** False-rejection rate on the clean rows that sets the threshold (default 0.01). */
  frr?: number;
  /** Valid input range; blended values are clipped to it. */
  clip?: [number, number];
  /** Weights of the screened row and of the clean row in the blend (default [1, 1]). */
  weights?: [number, number];
  /** Perturbed rows per call of `probabilities` (default 256). */
  batch?: number;
  /** 'mean' (default, the paper): mean of the per-perturbation entropies; 'of-mean': entropy of the mean prediction. */
  entropy?: 'mean' | 'of-mean';
  /** The dataset rows of the screened and of the clean rows (their streams' keys); default 0, 1, 2, ... */
  ids?: Int32Array;
  cleanIds?: Int32Array;
}

export interface StripResult {
  /** Entropy (bits) per screened row. */
  entropies: Float64Array;
  /** Entropy (bits) per clean row, each blended with other clean rows. */
  cleanEntropies: Float64Array;
  threshold: number;
  /** Screened row indices with entropy < threshold, ascending. */
  suspects: Int32Array;
}

export const STRIP_DEFAULTS = { n: 100, frr: 0.01, weights: [1, 1] as [number, number], batch: 256 } as const;

/** Shannon entropy in bits of probabilities p[at .. at + k). */
export function entropyBits(p: Float64Array, at: number, k: number): number {
  let h = 0;
  for (let j = 0; j < k; j++) { const v = p[at + j]; if (v > 0) h -= v * Math.log2(v); }
  return h;
}

/** STRIP's per-row part (StripWork): entropies of some screened rows and of some clean rows. */
export interface StripEntropies {
  /** Entropy (bits) per screened row given. */
  entropies: Float64Array;
  /** Entropy (bits) per clean row of `cleanRows`, each blended with other rows of the whole clean set. */
  cleanEntropies: Float64Array;
}

/**
 * The per-row part of STRIP: the entropies of the screened rows given and of the clean rows at positions
 * `cleanRows` of the clean set (default: every clean row). A row's entropy depends on the row, its stream (its
 * dataset row, `ids` / `cleanIds`) and the whole clean set alone, never on which other rows are worked on: a sharded
 * run computes each shard's rows apart (docs/design.md §7 "Shards") and `stripDecision` decides on all of them.
 */
export async function stripEntropies(
  screened: Float32Array, clean: Float32Array, rowSize: number, o: StripOptions & { cleanRows?: Int32Array },
  probabilities: (batch: Float32Array, count: number) => Promise<Float64Array>,
): Promise<StripEntropies> {
  const n = o.n ?? STRIP_DEFAULTS.n;
  const [wx, wc] = o.weights ?? STRIP_DEFAULTS.weights;
  const batch = Math.max(n, o.batch ?? STRIP_DEFAULTS.batch);
  const mode = o.entropy ?? 'mean';
  const nScreened = screened.length / rowSize, nClean = clean.length / rowSize;
  if (!Number.isInteger(nScreened) || !Number.isInteger(nClean)) throw new RangeError(`strip: input lengths are not multiples of rowSize ${rowSize}`);
  if (nClean < 2) throw new RangeError('strip needs at least 2 clean rows');
  if (!(n >= 1)) throw new RangeError('strip needs n ≥ 1');
  const lo = o.clip?.[0] ?? -Infinity, hi = o.clip?.[1] ?? Infinity;
  const ids = o.ids ?? Int32Array.from({ length: nScreened }, (_, i) => i);
  const cleanIds = o.cleanIds ?? Int32Array.from({ length: nClean }, (_, i) => i);
  if (ids.length !== nScreened || cleanIds.length !== nClean) throw new RangeError('strip: ids and cleanIds must name every screened and clean row');
  const cleanRows = o.cleanRows ?? Int32Array.from({ length: nClean }, (_, i) => i);
  if (cleanRows.some((i) => !(i >= 0 && i < nClean))) throw new RangeError(`strip: cleanRows must be positions of the ${nClean} clean rows`);

  // Each row's pairings come from its own stream, keyed by its dataset row (docs/design.md §7 "Random streams"): a
  // row's blends do not depend on which other rows are screened, in which order, or on the batch size.
  const cleanPairs = new Int32Array(cleanRows.length * n);
  cleanRows.forEach((i, t) => {
    const r = makeRng(o.seed, `poisoning/strip/clean#${cleanIds[i]}`);
    for (let j = 0; j < n; j++) { const d = r.int(nClean - 1); cleanPairs[t * n + j] = d >= i ? d + 1 : d; }
  });
  const screenedPairs = new Int32Array(nScreened * n);
  for (let i = 0; i < nScreened; i++) {
    const r = makeRng(o.seed, `poisoning/strip#${ids[i]}`);
    for (let j = 0; j < n; j++) screenedPairs[i * n + j] = r.int(nClean);
  }

  // The entropies of rows `of` of `src` (positions), row t blended with the clean rows pairs[t·n .. t·n + n).
  const run = async (src: Float32Array, of: Int32Array, pairs: Int32Array): Promise<Float64Array> => {
    const rows = of.length;
    const out = new Float64Array(rows);
    const perCall = Math.floor(batch / n); // whole rows per call
    const buf = new Float32Array(perCall * n * rowSize);
    for (let start = 0; start < rows; start += perCall) {
      const m = Math.min(perCall, rows - start);
      for (let t = 0; t < m; t++) {
        const xi = of[start + t] * rowSize;
        for (let j = 0; j < n; j++) {
          const ci = pairs[(start + t) * n + j] * rowSize, bo = (t * n + j) * rowSize;
          for (let e = 0; e < rowSize; e++) {
            const v = wx * src[xi + e] + wc * clean[ci + e];
            buf[bo + e] = v < lo ? lo : v > hi ? hi : v;
          }
        }
      }
      const count = m * n;
      const p = await probabilities(buf.subarray(0, count * rowSize), count);
      const k = p.length / count;
      if (!Number.isInteger(k) || k < 1) throw new RangeError(`strip: probabilities returned ${p.length} values for ${count} rows`);
      for (let t = 0; t < m; t++) {
        if (mode === 'mean') {
          let s = 0;
          for (let j = 0; j < n; j++) s += entropyBits(p, (t * n + j) * k, k);
          out[start + t] = s / n;
        } else {
          const avg = new Float64Array(k);
          for (let j = 0; j < n; j++) for (let c = 0; c < k; c++) avg[c] += p[(t * n + j) * k + c] / n;
          out[start + t] = entropyBits(avg, 0, k);
        }
      }
    }
    return out;
  };
  const cleanEntropies = await run(clean, cleanRows, cleanPairs);
  const entropies = await run(screened, Int32Array.from({ length: nScreened }, (_, i) => i), screenedPairs);
  return { entropies, cleanEntropies };
}

/** STRIP's decision on every row's entropy: the `frr` quantile of the clean entropies, and the screened rows below it. */
export function stripDecision(entropies: Float64Array, cleanEntropies: Float64Array, frr: number = STRIP_DEFAULTS.frr): { threshold: number; suspects: Int32Array } {
  const threshold = quantileSorted(Float64Array.from(cleanEntropies).sort(), frr);
  const sus: number[] = [];
  for (let i = 0; i < entropies.length; i++) if (entropies[i] < threshold) sus.push(i);
  return { threshold, suspects: Int32Array.from(sus) };
}

export async function strip(screened: Float32Array, clean: Float32Array, rowSize: number, o: StripOptions, probabilities: (batch: Float32Array, count: number) => Promise<Float64Array>): Promise<StripResult> {
  const { entropies, cleanEntropies } = await stripEntropies(screened, clean, rowSize, o, probabilities);
  return { entropies, cleanEntropies, ...stripDecision(entropies, cleanEntropies, o.frr ?? STRIP_DEFAULTS.frr) };
}
