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
    for (let i = 0; i < dim; i++) {
      const bi = i * BLOCK, ci = i * dim;
      for (let j = i; j < dim; j++) {
        const bj = j * BLOCK;
        let s = 0;
        for (let b = 0; b < m; b++) s += block[bi + b] * block[bj + b];
        c[ci + j] += s;
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

/** Modified Gram–Schmidt on the m columns of q ([dim × m], row-major), in place; a dependent column is redrawn. */
function orthonormalise(q: Float64Array, dim: number, m: number, redraw: () => number): void {
  for (let c = 0; c < m; c++) {
    for (let attempt = 0; ; attempt++) {
      for (let p = 0; p < c; p++) {
        let d = 0;
        for (let i = 0; i < dim; i++) d += q[i * m + p] * q[i * m + c];
        for (let i = 0; i < dim; i++) q[i * m + c] -= d * q[i * m + p];
      }
      let nrm = 0;
      for (let i = 0; i < dim; i++) nrm += q[i * m + c] * q[i * m + c];
      nrm = Math.sqrt(nrm);
      if (nrm > 1e-12 || attempt >= 3) {
        const inv = nrm > 0 ? 1 / nrm : 0;
        for (let i = 0; i < dim; i++) q[i * m + c] *= inv;
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
 * (Jacobi on QᵀAQ) every iteration; stops when every one of the k residuals ‖Av − λv‖ is ≤ tol·λ₁ (default 1e-6),
 * or after maxIterations (default 2000; the residual is returned either way). Deterministic for a given seed.
 * k ≥ dim falls back to Jacobi on the whole matrix.
 */
export function topEigen(a: Float64Array, dim: number, k: number, o: { seed: number; label?: string; tol?: number; maxIterations?: number }): TopEigen {
  if (k >= dim || dim <= 12) {
    const e = jacobiEigen(a, dim);
    const kk = Math.min(k, dim);
    return { values: e.values.slice(0, kk), vectors: e.vectors.slice(0, kk * dim), iterations: 0, residual: 0 };
  }
  const tol = o.tol ?? 1e-6, maxIt = o.maxIterations ?? 2000;
  const m = Math.min(dim, k + 6);
  const r = makeRng(o.seed, o.label ?? 'linalg/topEigen');
  let q = new Float64Array(dim * m);
  for (let i = 0; i < q.length; i++) q[i] = r.normal();
  orthonormalise(q, dim, m, () => r.normal());
  let z = new Float64Array(dim * m);
  const t = new Float64Array(m * m);
  let values: Float64Array = new Float64Array(m);
  let residual = Infinity;
  let it = 0;
  for (; it < maxIt; it++) {
    // z = A q
    z.fill(0);
    for (let i = 0; i < dim; i++) {
      const ai = i * dim, zi = i * m;
      for (let l = 0; l < dim; l++) {
        const x = a[ai + l];
        if (x === 0) continue;
        const ql = l * m;
        for (let c = 0; c < m; c++) z[zi + c] += x * q[ql + c];
      }
    }
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
    // next block: the images, orthonormalised
    z = zr;
    q = z.slice();
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

/** L⁻¹ C L⁻ᵀ for a symmetric C and a lower-triangular L (two triangular solves, n³ multiply-adds); symmetric. */
export function whitenSymmetric(c: Float64Array, l: Float64Array, n: number): Float64Array {
  // y = L⁻¹ C (forward substitution on every column), then z = L⁻¹ yᵀ (= L⁻¹ C L⁻ᵀ since C is symmetric)
  const solveRows = (b: Float64Array): Float64Array => {
    const y = Float64Array.from(b);
    for (let i = 0; i < n; i++) {
      const yi = i * n, li = i * n;
      for (let k = 0; k < i; k++) {
        const f = l[li + k];
        if (f === 0) continue;
        const yk = k * n;
        for (let col = 0; col < n; col++) y[yi + col] -= f * y[yk + col];
      }
      const inv = 1 / l[li + i];
      for (let col = 0; col < n; col++) y[yi + col] *= inv;
    }
    return y;
  };
  const y = solveRows(c);
  const yt = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) yt[j * n + i] = y[i * n + j];
  const z = solveRows(yt);
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) { const s = (z[i * n + j] + z[j * n + i]) / 2; z[i * n + j] = s; z[j * n + i] = s; }
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
