/**
 * Small dense linear algebra for the poisoning screens (src/gates/poisoning/): the mean and covariance of a subset of
 * rows of a row-major Float32 matrix (representations, [n × dim]), the top-k eigenpairs of a symmetric matrix by
 * subspace iteration with Rayleigh–Ritz, cyclic Jacobi for small symmetric matrices, and projections. Everything
 * accumulates in float64 and never copies the selected rows: memory is O(dim²) whatever the number of rows.
 *
 * The top eigenvectors of the sample covariance of the centred rows are their top right singular vectors (PCA
 * components, up to sign); its eigenvalues are σᵢ²/(n − 1) (scikit-learn's `PCA.explained_variance_`).
 */
import { rng as makeRng } from '../util/random.ts';

/** Mean of `rows` of `reps` ([· × dim], row-major). */
export function rowMean(reps: Float32Array, dim: number, rows: Int32Array): Float64Array {
  const mean = new Float64Array(dim);
  for (let r = 0; r < rows.length; r++) {
    const base = rows[r] * dim;
    for (let j = 0; j < dim; j++) mean[j] += reps[base + j];
  }
  const n = rows.length;
  if (n > 0) for (let j = 0; j < dim; j++) mean[j] /= n;
  return mean;
}

const BLOCK = 64;

/** The trace of a dim × dim row-major matrix. */
export function trace(a: Float64Array, dim: number): number {
  let t = 0;
  for (let j = 0; j < dim; j++) t += a[j * dim + j];
  return t;
}

/**
 * Sample covariance (divisor n − 1; n = 1 gives zeros) of `rows` of `reps` around `mean`, as a full symmetric
 * dim × dim Float64Array. Rows are centred on the fly in blocks of 64, so that each entry accumulates a 64-term dot
 * product at a time (cost n·dim²/2 multiply-adds).
 */
export function covariance(reps: Float32Array, dim: number, rows: Int32Array, mean: Float64Array): Float64Array {
  const c = new Float64Array(dim * dim);
  const block = new Float64Array(dim * BLOCK); // feature-major: block[j * BLOCK + b]
  for (let start = 0; start < rows.length; start += BLOCK) {
    const m = Math.min(BLOCK, rows.length - start);
    for (let b = 0; b < m; b++) {
      const base = rows[start + b] * dim;
      for (let j = 0; j < dim; j++) block[j * BLOCK + b] = reps[base + j] - mean[j];
    }
    // upper triangle, 2 × 2 tiles of entries (four 64-term dot products at once, each block value loaded once per tile)
    for (let i = 0; i < dim; i += 2) {
      const i2 = i + 1 < dim;
      const bi = i * BLOCK, bi1 = bi + BLOCK;
      for (let j = i; j < dim; j += 2) {
        const j2 = j + 1 < dim;
        const bj = j * BLOCK, bj1 = bj + BLOCK;
        let s00 = 0, s01 = 0, s10 = 0, s11 = 0;
        if (i2 && j2) {
          for (let b = 0; b < m; b++) {
            const x0 = block[bi + b], x1 = block[bi1 + b], y0 = block[bj + b], y1 = block[bj1 + b];
            s00 += x0 * y0; s01 += x0 * y1; s10 += x1 * y0; s11 += x1 * y1;
          }
        } else {
          for (let b = 0; b < m; b++) {
            const x0 = block[bi + b], x1 = i2 ? block[bi1 + b] : 0, y0 = block[bj + b], y1 = j2 ? block[bj1 + b] : 0;
            s00 += x0 * y0; s01 += x0 * y1; s10 += x1 * y0; s11 += x1 * y1;
          }
        }
        c[i * dim + j] += s00;
        if (j2) c[i * dim + j + 1] += s01;
        if (i2 && j > i) c[(i + 1) * dim + j] += s10; // (i + 1, i) is below the diagonal when j = i
        if (i2 && j2) c[(i + 1) * dim + j + 1] += s11;
      }
    }
  }
  const div = rows.length > 1 ? rows.length - 1 : 1;
  for (let i = 0; i < dim; i++) {
    for (let j = i; j < dim; j++) {
      const v = c[i * dim + j] / div;
      c[i * dim + j] = v;
      c[j * dim + i] = v;
    }
  }
  return c;
}

export interface Eigen {
  /** Eigenvalues, descending. */
  values: Float64Array;
  /** Eigenvectors, one unit row per value ([k × dim], row-major); each with its largest-|·| entry positive. */
  vectors: Float64Array;
}

/**
 * All eigenpairs of a small symmetric n × n matrix by cyclic Jacobi rotations (Golub & Van Loan §8.5), sweeps
 * until the off-diagonal mass is below 1e-30 of the total (at most 100). `a` is not modified.
 */
export function jacobiEigen(a: Float64Array, n: number): Eigen {
  const m = Float64Array.from(a);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  let total = 0;
  for (let i = 0; i < n * n; i++) total += m[i] * m[i];
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += 2 * m[p * n + q] * m[p * n + q];
    if (off <= 1e-30 * total || off === 0) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = m[p * n + q];
        if (apq === 0) continue;
        const app = m[p * n + p], aqq = m[q * n + q];
        const theta = (aqq - app) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1), s = t * c;
        for (let k = 0; k < n; k++) {
          const mkp = m[k * n + p], mkq = m[k * n + q];
          m[k * n + p] = c * mkp - s * mkq;
          m[k * n + q] = s * mkp + c * mkq;
        }
        for (let k = 0; k < n; k++) {
          const mpk = m[p * n + k], mqk = m[q * n + k];
          m[p * n + k] = c * mpk - s * mqk;
          m[q * n + k] = s * mpk + c * mqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p], vkq = v[k * n + q];
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => m[y * n + y] - m[x * n + x] || x - y);
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  order.forEach((col, r) => {
    values[r] = m[col * n + col];
    for (let k = 0; k < n; k++) vectors[r * n + k] = v[k * n + col];
  });
  orientRows(vectors, n, n);
  return { values, vectors };
}

/** Flips each row of `vectors` ([k × dim]) so that its largest-magnitude entry (first on a tie) is positive. */
function orientRows(vectors: Float64Array, k: number, dim: number): void {
  for (let r = 0; r < k; r++) {
    let best = 0, at = 0;
    for (let j = 0; j < dim; j++) {
      const a = Math.abs(vectors[r * dim + j]);
      if (a > best) { best = a; at = j; }
    }
    if (vectors[r * dim + at] < 0) for (let j = 0; j < dim; j++) vectors[r * dim + j] = -vectors[r * dim + j];
  }
}

/**
 * Orthonormalises the m columns of q ([dim × m], row-major) in place: each column scaled to unit length, then
 * Modified Gram–Schmidt twice ("twice is enough", Giraud et al. 2005); a column that loses all but 1e-10 of its
 * length to the earlier ones is redrawn.
 */
function orthonormalise(q: Float64Array, dim: number, m: number, redraw: () => number): void {
  const norm = (c: number): number => {
    let s = 0;
    for (let i = 0; i < dim; i++) s += q[i * m + c] * q[i * m + c];
    return Math.sqrt(s);
  };
  const scale = (c: number, f: number): void => { for (let i = 0; i < dim; i++) q[i * m + c] *= f; };
  for (let c = 0; c < m; c++) {
    for (let attempt = 0; ; attempt++) {
      const n0 = norm(c);
      if (n0 > 0 && Number.isFinite(n0)) scale(c, 1 / n0);
      for (let pass = 0; pass < 2; pass++) {
        for (let p = 0; p < c; p++) {
          let d = 0;
          for (let i = 0; i < dim; i++) d += q[i * m + p] * q[i * m + c];
          for (let i = 0; i < dim; i++) q[i * m + c] -= d * q[i * m + p];
        }
      }
      const n1 = norm(c);
      if ((n0 > 0 && n1 > 1e-10) || attempt >= 3) {
        if (n1 > 0) scale(c, 1 / n1);
        break;
      }
      for (let i = 0; i < dim; i++) q[i * m + c] = redraw();
    }
  }
}

export interface TopEigen extends Eigen {
  /** Subspace iterations done. */
  iterations: number;
  /** Largest residual ‖A v − λ v‖ of the k pairs, relative to max(|λ₁|, tiny). */
  residual: number;
}

/**
 * Top-k eigenpairs of a symmetric positive semi-definite dim × dim matrix (a covariance) by subspace iteration
 * (block of m = min(dim, k + 6) columns, random seeded start, Modified Gram–Schmidt) with a Rayleigh–Ritz step
 * (Jacobi on QᵀAQ) every iteration, each iteration a Chebyshev polynomial filter of degree 8 on the block (Zhou &
 * Saad 2007: a flat spectrum, as a whitened covariance has, converges in a fraction of the plain iterations); stops
 * when every one of the k residuals ‖Av − λv‖ is ≤ tol·λ₁ (default 1e-6), or after maxIterations (default 500; the
 * residual is returned either way). Deterministic for a given seed.
 * k ≥ dim falls back to Jacobi on the whole matrix.
 */
const DEGREE = 8;

/** out = A q for a dim × dim A and a dim × m block q (row-major), as dot products of A's rows with q's columns. */
function mulBlock(a: Float64Array, dim: number, q: Float64Array, m: number, out: Float64Array, qT: Float64Array): void {
  for (let i = 0; i < dim; i++) for (let c = 0; c < m; c++) qT[c * dim + i] = q[i * m + c];
  for (let i = 0; i < dim; i++) {
    const ai = i * dim, zi = i * m;
    let c = 0;
    for (; c + 3 < m; c += 4) {
      const q0 = c * dim, q1 = q0 + dim, q2 = q1 + dim, q3 = q2 + dim;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let l = 0; l < dim; l++) {
        const x = a[ai + l];
        s0 += x * qT[q0 + l]; s1 += x * qT[q1 + l]; s2 += x * qT[q2 + l]; s3 += x * qT[q3 + l];
      }
      out[zi + c] = s0; out[zi + c + 1] = s1; out[zi + c + 2] = s2; out[zi + c + 3] = s3;
    }
    for (; c < m; c++) {
      const q0 = c * dim;
      let s0 = 0;
      for (let l = 0; l < dim; l++) s0 += a[ai + l] * qT[q0 + l];
      out[zi + c] = s0;
    }
  }
}

export function topEigen(a: Float64Array, dim: number, k: number, o: { seed: number; label?: string; tol?: number; maxIterations?: number }): TopEigen {
  if (k >= dim || dim <= 12) {
    const e = jacobiEigen(a, dim);
    const kk = Math.min(k, dim);
    return { values: e.values.slice(0, kk), vectors: e.vectors.slice(0, kk * dim), iterations: 0, residual: 0 };
  }
  const tol = o.tol ?? 1e-6, maxIt = o.maxIterations ?? 500;
  const m = Math.min(dim, k + 6);
  const r = makeRng(o.seed, o.label ?? 'linalg/topEigen');
  let q = new Float64Array(dim * m);
  for (let i = 0; i < q.length; i++) q[i] = r.normal();
  orthonormalise(q, dim, m, () => r.normal());
  let z = new Float64Array(dim * m);
  const qT = new Float64Array(dim * m);
  const t = new Float64Array(m * m);
  let values: Float64Array = new Float64Array(m);
  let residual = Infinity;
  let it = 0;
  for (; it < maxIt; it++) {
    mulBlock(a, dim, q, m, z, qT);
    // Rayleigh–Ritz on span(q): t = qᵀ A q = qᵀ z; rotate q and z by t's eigenvectors
    t.fill(0);
    for (let i = 0; i < dim; i++) {
      for (let c = 0; c < m; c++) {
        const qc = q[i * m + c];
        for (let d = 0; d < m; d++) t[c * m + d] += qc * z[i * m + d];
      }
    }
    for (let c = 0; c < m; c++) for (let d = c + 1; d < m; d++) { const s = (t[c * m + d] + t[d * m + c]) / 2; t[c * m + d] = s; t[d * m + c] = s; }
    const e = jacobiEigen(t, m);
    values = e.values;
    const qr = new Float64Array(dim * m), zr = new Float64Array(dim * m);
    for (let i = 0; i < dim; i++) {
      for (let c = 0; c < m; c++) {
        let sq = 0, sz = 0;
        for (let d = 0; d < m; d++) { const w = e.vectors[c * m + d]; sq += q[i * m + d] * w; sz += z[i * m + d] * w; }
        qr[i * m + c] = sq; zr[i * m + c] = sz;
      }
    }
    // residuals of the top k Ritz pairs: ‖A v − λ v‖ with A v = zr column
    const scale = Math.max(Math.abs(values[0]), 1e-300);
    residual = 0;
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let i = 0; i < dim; i++) { const d = zr[i * m + c] - values[c] * qr[i * m + c]; s += d * d; }
      residual = Math.max(residual, Math.sqrt(s) / scale);
    }
    if (residual <= tol || values[0] === 0) { q = qr; it++; break; }
    // next block: a Chebyshev filter of degree DEGREE (Zhou & Saad 2007) damps the unwanted part of the spectrum,
    // [0, θ_m] (θ_m the smallest Ritz value of the block; 0 bounds a positive semi-definite matrix below), and
    // amplifies what lies above it; then orthonormalised. Without a usable interval, one plain step (A q).
    const hi = values[m - 1];
    if (hi > 0 && values[0] > hi * (1 + 1e-12)) {
      const cen = hi / 2, half = hi / 2;
      // degree: at most DEGREE, and low enough that T_p at the top Ritz value stays ≤ 1e8 (a larger dynamic range
      // between the wanted directions would drown the smaller ones in rounding once orthonormalised)
      const x1 = (values[0] - cen) / half;
      const degree = Math.max(1, Math.min(DEGREE, Math.floor(Math.acosh(1e8) / Math.acosh(x1))));
      let y0 = qr, y1 = new Float64Array(dim * m);
      for (let i = 0; i < y1.length; i++) y1[i] = (zr[i] - cen * qr[i]) / half;
      for (let deg = 2; deg <= degree; deg++) {
        mulBlock(a, dim, y1, m, z, qT);
        const y2 = new Float64Array(dim * m);
        let big = 0;
        for (let i = 0; i < y2.length; i++) { y2[i] = (2 * (z[i] - cen * y1[i])) / half - y0[i]; big = Math.max(big, Math.abs(y2[i])); }
        if (big > 1e150) for (let i = 0; i < y2.length; i++) { y2[i] /= big; y1[i] /= big; }
        y0 = y1; y1 = y2;
      }
      q = y1;
    } else q = zr.slice();
    orthonormalise(q, dim, m, () => r.normal());
  }
  const vectors = new Float64Array(k * dim);
  for (let c = 0; c < k; c++) for (let i = 0; i < dim; i++) vectors[c * dim + i] = q[i * m + c];
  orientRows(vectors, k, dim);
  return { values: values.slice(0, k), vectors, iterations: it, residual };
}

/**
 * Projections of `rows` of `reps`, centred on `mean`, on the k unit vectors ([k × dim]): an [n × k] Float64Array,
 * row r = ((x_{rows[r]} − mean) · vᵢ)ᵢ.
 */
export function project(reps: Float32Array, dim: number, rows: Int32Array, mean: Float64Array, vectors: Float64Array, k: number): Float64Array {
  const out = new Float64Array(rows.length * k);
  const x = new Float64Array(dim);
  for (let r = 0; r < rows.length; r++) {
    const base = rows[r] * dim;
    for (let j = 0; j < dim; j++) x[j] = reps[base + j] - mean[j];
    for (let c = 0; c < k; c++) {
      let s = 0;
      const vb = c * dim;
      for (let j = 0; j < dim; j++) s += x[j] * vectors[vb + j];
      out[r * k + c] = s;
    }
  }
  return out;
}

/**
 * Cholesky factor L (lower triangular, row-major) of a symmetric positive definite n × n matrix: A = L Lᵀ. Returns
 * undefined when a pivot is not positive (the matrix is not positive definite to working precision).
 */
export function cholesky(a: Float64Array, n: number): Float64Array | undefined {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * n + j];
      for (let k = 0; k < j; k++) s -= l[i * n + k] * l[j * n + k];
      if (i === j) {
        if (!(s > 0)) return undefined;
        l[i * n + i] = Math.sqrt(s);
      } else l[i * n + j] = s / l[j * n + j];
    }
  }
  return l;
}

/** L⁻¹ C L⁻ᵀ for a symmetric C and a lower-triangular L (two triangular solves, ⅔·n³ multiply-adds); symmetric. */
export function whitenSymmetric(c: Float64Array, l: Float64Array, n: number): Float64Array {
  // y = L⁻¹ C (forward substitution on every column), then z = L⁻¹ yᵀ (= L⁻¹ C L⁻ᵀ since C is symmetric); z is
  // symmetric, so the second solve only computes its upper triangle (row i needs columns ≥ i, which depend only on
  // earlier rows' columns ≥ i)
  const solveRows = (b: Float64Array, upper: boolean): Float64Array => {
    const y = Float64Array.from(b);
    for (let i = 0; i < n; i++) {
      const yi = i * n, li = i * n, from = upper ? i : 0;
      for (let k = 0; k < i; k++) {
        const f = l[li + k];
        if (f === 0) continue;
        const yk = k * n;
        for (let col = from; col < n; col++) y[yi + col] -= f * y[yk + col];
      }
      const inv = 1 / l[li + i];
      for (let col = from; col < n; col++) y[yi + col] *= inv;
    }
    return y;
  };
  const y = solveRows(c, false);
  const yt = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) yt[j * n + i] = y[i * n + j];
  const z = solveRows(yt, true);
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) z[j * n + i] = z[i * n + j];
  return z;
}

/** u = L⁻ᵀ v for each of the k rows v of `vectors` ([k × n]; back substitution): the direction in the original space
 * whose inner product with x equals the inner product of the whitened L⁻¹x with v. */
export function unwhitenDirections(vectors: Float64Array, l: Float64Array, n: number, k: number): Float64Array {
  const out = new Float64Array(k * n);
  for (let r = 0; r < k; r++) {
    for (let i = n - 1; i >= 0; i--) {
      let s = vectors[r * n + i];
      for (let j = i + 1; j < n; j++) s -= l[j * n + i] * out[r * n + j];
      out[r * n + i] = s / l[i * n + i];
    }
  }
  return out;
}
