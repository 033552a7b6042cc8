/**
 * The two-sample Kolmogorov-Smirnov test, as `scipy.stats.ks_2samp(x, y, alternative='two-sided',
 * method='auto')` computes it in scipy 1.10.1 (scipy/stats/_stats_py.py, _stats_pythran.py, _ksstats.py and
 * special/cephes/kolmogorov.c), step for step:
 *
 * - D = max over the pooled values v of |F₁(v) − F₂(v)|, the empirical CDFs counting values ≤ v (numpy's
 *   searchsorted 'right'), each F evaluated as count / n exactly as numpy does (one division each, then the
 *   difference), so D is the same double as scipy's.
 * - method 'auto': exact when max(n₁, n₂) ≤ 10000. Exact: g = gcd(n₁, n₂), L = n₁n₂/g, h = round(D·L) (half to
 *   even), D ← h/L; h = 0 gives p = 1; n₁ = n₂ uses the closed form of Pr(D ≥ h/n) as an alternating sum of
 *   binomial ratios in Horner form (`_compute_prob_outside_square`); otherwise Hodges' "inside" lattice-path
 *   recursion for 1 − p (Viehmann 2021's form, `_compute_outer_prob_inside_method`). A p outside [0, 1] means the
 *   exact computation failed and scipy falls back to the asymptotic branch with the rounded D; so do we.
 * - asymptotic: p = kstwo.sf(D, round(n₁n₂/(n₁ + n₂))), the one-sample two-sided Kolmogorov distribution with
 *   that n (scipy's `kolmogn`, Simard & L'Ecuyer 2011's choice among: Ruben-Gambino's closed forms at the ends,
 *   2·Smirnov (one-sided exact) for D ≥ ½ and for large n·D², Durbin's matrix (Marsaglia-Tsang-Wang),
 *   Pomeranz's recursion for n ≤ 140, and the Pelz-Good expansion).
 * - `smirnovSf(n, x)`: the exact one-sided Smirnov SF Pr(D⁺ₙ > x) = x Σ_{j=0}^{⌊n(1−x)⌋} C(n, j)
 *   (x + j/n)^(j−1) (1 − x − j/n)^(n−j) (Birnbaum-Tingey), scipy.special.smirnov. Cephes evaluates each term in
 *   double-double arithmetic; we write the term as a binomial pmf with p = x + j/n and evaluate it in Loader's
 *   saddle-point form, where the two bd0 terms reduce exactly to j·log1pmx(nx/j) + (n−j)·log1pmx(−nx/(n−j)) with
 *   n·x carried as a double-double, so no term loses more than ~|log term| ulps. Cephes switches to Dwass's upper
 *   sum for x ≤ ½/√n and to an approximation for n > 10⁶; the KS path never asks for the former, and we keep the
 *   latter (p ≈ exp(−(6nx + 1)²/18n)).
 *
 * Inputs: Float64Array samples without NaN (the caller rejects NaN: scipy would sort it last and count it, which
 * is no meaningful test); ±Infinity is ordered like any value. O((n₁ + n₂) log(n₁ + n₂)) for D; the exact p costs
 * O(n₁·n₂/g) at most (10⁸ steps for two samples of 10⁴ with coprime sizes), the asymptotic p O(1) to O(n).
 */
import { log1pmx, stirlerr, twoProduct } from './special.ts';
import { sortBuffer, sortInto } from './sort.ts';
import { roundHalfEven } from '../util/round.ts';

export type KsMethod = 'exact' | 'asymp';

export interface KsResult {
  /** D = sup |F₁ − F₂| (after the exact branch's rounding to a multiple of 1/lcm, as scipy reports it). */
  statistic: number;
  /** Two-sided p-value. */
  pvalue: number;
  /** The branch that produced the p-value. */
  method: KsMethod;
  /** Where D is attained and its sign (see `ksStatisticSorted`). */
  location: number;
  sign: 1 | -1;
}

const MAX_AUTO_N = 10000;

/** Two-sample KS test, two-sided, scipy's method 'auto'. Both samples non-empty, no NaN. */
export function ks2samp(x: Float64Array, y: Float64Array): KsResult {
  const n1 = x.length, n2 = y.length;
  if (n1 === 0 || n2 === 0) throw new RangeError('ks2samp: both samples must be non-empty');
  // Sorted into the reused buffers (sort.ts), as the other drift tests do: both are dropped before this returns.
  const a = sortInto(x, sortBuffer(0, n1));
  const b = sortInto(y, sortBuffer(1, n2));
  const stat = ksStatisticSorted(a, b);
  const { location, sign } = stat;
  let d = stat.statistic;
  let method: KsMethod = Math.max(n1, n2) <= MAX_AUTO_N ? 'exact' : 'asymp';
  let p = NaN;
  if (method === 'exact') {
    const g = gcd(n1, n2);
    const lcm = (n1 / g) * n2;
    const h = roundHalfEven(d * lcm);
    d = h / lcm;
    if (h === 0) return { statistic: d, pvalue: 1, method, location, sign };
    p = n1 === n2 ? probOutsideSquare(n1, h) : outerProbInside(n1, n2, g, h);
    if (!(p >= 0 && p <= 1)) method = 'asymp';
  }
  if (method === 'asymp') {
    const m = Math.max(n1, n2), n = Math.min(n1, n2);
    const en = (m * n) / (m + n);
    p = kstwoSf(d, roundHalfEven(en));
  }
  return { statistic: d, pvalue: Math.min(1, Math.max(0, p)), method, location, sign };
}

/** D, where it is attained and its sign (scipy's statistic_location / statistic_sign). */
export interface KsStatistic {
  statistic: number;
  /** The pooled value at which F₁ − F₂ reaches D (+1) or −D (−1); the first in scipy's order (below). */
  location: number;
  /** +1 when F₁ − F₂ = D there (sample 1's ECDF above), −1 when F₁ − F₂ = −D. */
  sign: 1 | -1;
}

/**
 * D for two sorted samples: the largest |F₁(v) − F₂(v)| over the pooled values v. scipy takes argmax / argmin over
 * concat(sorted x, sorted y), so the location is the smallest x value attaining the extreme, else the smallest y
 * value; the maximum side wins unless the clipped minimum side is strictly larger.
 */
export function ksStatisticSorted(a: Float64Array, b: Float64Array): KsStatistic {
  const n1 = a.length, n2 = b.length;
  let i = 0, j = 0, maxS = -Infinity, minS = Infinity;
  let maxA = NaN, maxB = NaN, minA = NaN, minB = NaN; // first value of each sample at the current extremes
  while (i < n1 || j < n2) {
    const v = j >= n2 || (i < n1 && a[i] <= b[j]) ? a[i] : b[j];
    const inA = i < n1 && a[i] === v, inB = j < n2 && b[j] === v;
    while (i < n1 && a[i] <= v) i++;
    while (j < n2 && b[j] <= v) j++;
    const diff = i / n1 - j / n2;
    if (diff > maxS) { maxS = diff; maxA = inA ? v : NaN; maxB = inB ? v : NaN; } else if (diff === maxS) {
      if (inA && Number.isNaN(maxA)) maxA = v;
      if (inB && Number.isNaN(maxB)) maxB = v;
    }
    if (diff < minS) { minS = diff; minA = inA ? v : NaN; minB = inB ? v : NaN; } else if (diff === minS) {
      if (inA && Number.isNaN(minA)) minA = v;
      if (inB && Number.isNaN(minB)) minB = v;
    }
  }
  const minClipped = Math.min(1, Math.max(0, -minS));
  if (minClipped > maxS) return { statistic: minClipped, location: Number.isNaN(minA) ? minB : minA, sign: -1 };
  return { statistic: maxS, location: Number.isNaN(maxA) ? maxB : maxA, sign: 1 };
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}


/**
 * Pr(D_{n,n} ≥ h/n) = 2·Σ_{k≥1} (−1)^(k−1) C(2n, n − kh)/C(2n, n), each ratio a product of h factors, summed in
 * Horner form P = 2·A₁(1 − A₂(1 − A₃(…))) (scipy's `_compute_prob_outside_square`).
 */
export function probOutsideSquare(n: number, h: number): number {
  let P = 0;
  for (let k = Math.floor(n / h); k >= 0; k--) {
    let p1 = 1;
    for (let j = 0; j < h; j++) p1 = ((n - k * h - j) * p1) / (n + k * h + j + 1);
    P = p1 * (1 - P);
  }
  return 2 * P;
}

/**
 * 1 − (proportion of lattice paths from (0,0) to (m,n) staying strictly inside |x/m − y/n| < h/lcm), by the
 * column recursion of Hodges' inside method rewritten for 1 − p (scipy's `_compute_outer_prob_inside_method`):
 * one sliding column, each entry (A[x−1,y]·x + A[x,y−1]·y)/(x + y).
 */
export function outerProbInside(m: number, n: number, g: number, h: number): number {
  if (m < n) [m, n] = [n, m];
  const mg = m / g, ng = n / g;
  let minj = 0, maxj = Math.min(Math.ceil(h / mg), n + 1);
  let curlen = maxj - minj;
  const lenA = Math.min(2 * maxj + 2, n + 1);
  const A = new Float64Array(lenA).fill(1);
  for (let k = minj; k < maxj; k++) A[k] = 0;
  for (let i = 1; i <= m; i++) {
    const lastminj = minj, lastlen = curlen;
    minj = Math.max(Math.floor((ng * i - h) / mg) + 1, 0);
    minj = Math.min(minj, n);
    maxj = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (maxj <= minj) return 1;
    let val = minj === 0 ? 0 : 1;
    for (let jj = 0; jj < maxj - minj; jj++) {
      const j = jj + minj;
      val = (A[jj + minj - lastminj] * i + val * j) / (i + j);
      A[jj] = val;
    }
    curlen = maxj - minj;
    if (lastlen > curlen) A.fill(1, maxj - minj, maxj - minj + (lastlen - curlen));
  }
  return A[maxj - minj - 1];
}

/** scipy.stats.kstwo.sf(x, n): Pr(Dₙ ≥ x) for the one-sample two-sided statistic (0 below the support is 1). */
export function kstwoSf(x: number, n: number): number {
  if (Number.isNaN(x) || !(n > 0) || !Number.isInteger(n)) return NaN;
  if (x <= 0.5 / n) return 1;
  if (x >= 1) return 0;
  return kolmogn(n, x, false);
}

const clip01 = (p: number): number => Math.min(1, Math.max(0, p));

/** scipy's `_kolmogn(n, x, cdf)`: CDF or SF of the two-sided one-sample KS statistic Dₙ. */
export function kolmogn(n: number, x: number, cdf: boolean): number {
  const pick = (c: number, s: number): number => clip01(cdf ? c : s);
  if (x >= 1) return pick(1, 0);
  if (x <= 0) return pick(0, 1);
  const t = n * x;
  if (t <= 1) {
    if (t <= 0.5) return pick(0, 1);
    let prob: number;
    if (n <= 140) {
      prob = 1;
      for (let i = 1; i <= n; i++) prob *= i * (1 / n) * (2 * t - 1);
    } else {
      prob = Math.exp(logNFactorialOverNPowN(n) + n * Math.log(2 * t - 1));
    }
    return pick(prob, 1 - prob);
  }
  if (t >= n - 1) {
    const prob = 2 * (1 - x) ** n;
    return pick(1 - prob, prob);
  }
  if (x >= 0.5) {
    const prob = 2 * smirnovSf(n, x);
    return pick(1 - prob, prob);
  }
  const nxsquared = t * x;
  if (n <= 140) {
    if (nxsquared <= 0.754693) { const p = kolmognDMTW(n, x); return pick(p, 1 - p); }
    if (nxsquared <= 4) { const p = kolmognPomeranz(n, x); return pick(p, 1 - p); }
    const prob = 2 * smirnovSf(n, x);
    return pick(1 - prob, prob);
  }
  if (!cdf) {
    if (nxsquared >= 370) return 0;
    if (nxsquared >= 2.2) return clip01(2 * smirnovSf(n, x));
  }
  let cdfprob: number;
  if (nxsquared >= 18) cdfprob = 1;
  else if (n <= 100000 && n * x ** 1.5 <= 1.4) cdfprob = kolmognDMTW(n, x);
  else cdfprob = kolmognPelzGood(n, x);
  return pick(cdfprob, 1 - cdfprob);
}

const STIRLING = [-2.955065359477124183e-2, 6.4102564102564102564e-3, -1.9175269175269175269e-3, 8.4175084175084175084e-4,
  -5.952380952380952381e-4, 7.9365079365079365079e-4, -2.7777777777777777778e-3, 8.3333333333333333333e-2];

/** log(n!/nⁿ) by Stirling's series with n·log n removed up front (scipy's `_log_nfactorial_div_n_pow_n`). */
function logNFactorialOverNPowN(n: number): number {
  const rn = 1 / n;
  let poly = 0;
  const z = rn / n;
  for (const c of STIRLING) poly = poly * z + c;
  return Math.log(n) / 2 - n + Math.log(2 * Math.PI) / 2 + rn * poly;
}

const E128 = 2 ** 128, EM128 = 2 ** -128;

function matmul(X: Float64Array, Y: Float64Array, m: number): Float64Array {
  const Z = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let k = 0; k < m; k++) {
      const xik = X[i * m + k];
      if (xik === 0) continue;
      for (let j = 0; j < m; j++) Z[i * m + j] += xik * Y[k * m + j];
    }
  }
  return Z;
}

/** Pr(Dₙ ≤ d) by Durbin's matrix, computed as Marsaglia, Tsang & Wang (2003) do (scipy's `_kolmogn_DMTW`). */
export function kolmognDMTW(n: number, d: number): number {
  if (d >= 1) return 1;
  const nd = n * d;
  if (nd <= 0.5) return 0;
  const k = Math.ceil(nd);
  const h = k - nd;
  const m = 2 * k - 1;
  let H: Float64Array = new Float64Array(m * m);
  const v = new Float64Array(m), w = new Float64Array(m);
  let fac = 1;
  for (let j = 1; j <= m; j++) {
    w[j - 1] = fac;
    fac /= j;
    v[j - 1] = (1 - h ** j) * fac;
  }
  const tt = Math.max(2 * h - 1, 0) ** m - 2 * h ** m;
  v[m - 1] = (1 + tt) * fac;
  for (let i = 1; i < m; i++) for (let r = i - 1; r < m; r++) H[r * m + i] = w[r - i + 1];
  for (let r = 0; r < m; r++) H[r * m] = v[r];
  for (let c = 0; c < m; c++) H[(m - 1) * m + c] = v[m - 1 - c];
  let Hpwr: Float64Array = new Float64Array(m * m);
  for (let i = 0; i < m; i++) Hpwr[i * m + i] = 1;
  let nn = n, expnt = 0, Hexpnt = 0;
  while (nn > 0) {
    if (nn % 2) { Hpwr = matmul(Hpwr, H, m); expnt += Hexpnt; }
    H = matmul(H, H, m);
    Hexpnt *= 2;
    if (Math.abs(H[(k - 1) * m + (k - 1)]) > E128) {
      for (let i = 0; i < H.length; i++) H[i] /= E128;
      Hexpnt += 128;
    }
    nn = Math.floor(nn / 2);
  }
  let p = Hpwr[(k - 1) * m + (k - 1)];
  for (let i = 1; i <= n; i++) {
    p = (i * p) / n;
    if (Math.abs(p) < EM128) { p *= E128; expnt -= 128; }
  }
  if (expnt !== 0) p = ldexp(p, expnt);
  return clip01(p);
}

/** x·2^e without intermediate overflow or underflow. */
function ldexp(x: number, e: number): number {
  while (e > 1000) { x *= 2 ** 1000; e -= 1000; }
  while (e < -1000) { x *= 2 ** -1000; e += 1000; }
  return x * 2 ** e;
}

function pomeranzJ1J2(i: number, n: number, ll: number, ceilf: number, roundf: number): [number, number] {
  let j1: number, j2: number;
  if (i === 0) {
    j1 = -ll - ceilf - 1; j2 = ll + ceilf - 1;
  } else {
    const ip1div2 = Math.floor((i + 1) / 2), ip1mod2 = (i + 1) % 2;
    if (ip1mod2 === 0) {
      if (ip1div2 === n + 1) { j1 = n - ll - ceilf - 1; j2 = n + ll + ceilf - 1; }
      else { j1 = ip1div2 - 1 - ll - roundf - 1; j2 = ip1div2 + ll - 1 + ceilf - 1; }
    } else {
      j1 = ip1div2 - 1 - ll - 1; j2 = ip1div2 + ll + roundf - 1;
    }
  }
  return [Math.max(j1 + 2, 0), Math.min(j2, n)];
}

/** Pr(Dₙ ≤ x) by Pomeranz's recursion (1974; scipy's `_kolmogn_Pomeranz`), for small n. */
export function kolmognPomeranz(n: number, x: number): number {
  const t = n * x;
  const ll = Math.floor(t);
  const f = t - ll;
  const g = Math.min(f, 1 - f);
  const ceilf = f > 0 ? 1 : 0;
  const roundf = f > 0.5 ? 1 : 0;
  const npwrs = 2 * (ll + 1);
  const gpower = new Float64Array(npwrs), twogpower = new Float64Array(npwrs), onem2gpower = new Float64Array(npwrs);
  gpower[0] = twogpower[0] = onem2gpower[0] = 1;
  let expnt = 0;
  const gn = g / n, g2n = (2 * g) / n, om2gn = (1 - 2 * g) / n;
  for (let m = 1; m < npwrs; m++) {
    gpower[m] = (gpower[m - 1] * gn) / m;
    twogpower[m] = (twogpower[m - 1] * g2n) / m;
    onem2gpower[m] = (onem2gpower[m - 1] * om2gn) / m;
  }
  let V0: Float64Array = new Float64Array(npwrs), V1: Float64Array = new Float64Array(npwrs);
  V1[0] = 1;
  let V0s = 0, V1s = 0;
  let [j1, j2] = pomeranzJ1J2(0, n, ll, ceilf, roundf);
  for (let i = 1; i < 2 * n + 2; i++) {
    const k1 = j1;
    [V0, V1] = [V1, V0];
    [V0s, V1s] = [V1s, V0s];
    V1.fill(0);
    [j1, j2] = pomeranzJ1J2(i, n, ll, ceilf, roundf);
    const pwrs = i === 1 || i === 2 * n + 1 ? gpower : i % 2 ? twogpower : onem2gpower;
    const ln2 = j2 - k1 + 1;
    if (ln2 > 0) {
      const convStart = j1 - k1, convLen = j2 - j1 + 1;
      const off = k1 - V0s;
      // full convolution of V0[off .. off+ln2) with pwrs[0 .. ln2), entries convStart .. convStart+convLen
      for (let c = 0; c < convLen; c++) {
        const kk = convStart + c;
        let s = 0;
        for (let q = Math.max(0, kk - ln2 + 1); q <= Math.min(kk, ln2 - 1); q++) s += V0[off + q] * pwrs[kk - q];
        V1[c] = s;
      }
      let mx = -Infinity;
      for (let c = 0; c < npwrs; c++) if (V1[c] > mx) mx = V1[c];
      if (mx > 0 && mx < EM128) {
        for (let c = 0; c < npwrs; c++) V1[c] *= E128;
        expnt -= 128;
      }
      V1s = V0s + j1 - k1;
    }
  }
  let ans = V1[n - V1s];
  for (let m = 1; m <= n; m++) {
    if (Math.abs(ans) > E128) { ans *= EM128; expnt += 128; }
    ans *= m;
  }
  if (expnt !== 0) ans = ldexp(ans, expnt);
  return clip01(ans);
}

const PI2 = Math.PI ** 2, PI4 = Math.PI ** 4, PI6 = Math.PI ** 6;
const SQRT2PI = Math.sqrt(2 * Math.PI);

/** The Pelz-Good (1976) approximation to Pr(Dₙ ≤ x) (scipy's `_kolmogn_PelzGood`, not clipped). */
export function kolmognPelzGood(n: number, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const z = Math.sqrt(n) * x;
  const z2 = z ** 2, z3 = z ** 3, z4 = z ** 4, z6 = z ** 6;
  const qlog = -PI2 / 8 / z2;
  if (qlog < -708) return 0;
  let q = Math.exp(qlog);
  const k1a = -z2, k1b = PI2 / 4;
  const k2a = 6 * z6 + 2 * z4, k2b = ((2 * z4 - 5 * z2) * PI2) / 4, k2c = (PI4 * (1 - 2 * z2)) / 16;
  const k3d = (PI6 * (5 - 30 * z2)) / 64, k3c = (PI4 * (-60 * z2 + 212 * z4)) / 16;
  const k3b = (PI2 * (135 * z4 - 96 * z6)) / 4, k3a = -30 * z6 - 90 * z ** 8;
  const K = [0, 0, 0, 0];
  const maxk = Math.ceil((16 * z) / Math.PI);
  for (let k = maxk; k > 0; k--) {
    const m = 2 * k - 1;
    const m2 = m ** 2, m4 = m ** 4, m6 = m ** 6;
    const qp = q ** (8 * k);
    const c = [1, k1a + k1b * m2, k2a + k2b * m2 + k2c * m4, k3a + k3b * m2 + k3c * m4 + k3d * m6];
    for (let i = 0; i < 4; i++) K[i] = K[i] * qp + c[i];
  }
  const div = [z, 6 * z4, 72 * z ** 7, 6480 * z ** 10];
  for (let i = 0; i < 4; i++) K[i] = (K[i] * q * SQRT2PI) / div[i];
  q = Math.exp(-PI2 / 2 / z2);
  const sqrt3z = Math.sqrt(3) * z;
  let k2extra = 0, k3extra = 0;
  for (let k = maxk; k > 0; k--) {
    const ks2 = k * k, kspi = Math.PI * k;
    const qk = q ** ks2;
    k2extra += ks2 * qk;
    k3extra += (sqrt3z + kspi) * (sqrt3z - kspi) * ks2 * qk;
  }
  K[2] += k2extra * ((PI2 * SQRT2PI) / (-36 * z3));
  K[3] += k3extra * ((PI2 * SQRT2PI) / (216 * z6));
  let s = 0;
  for (let i = 0; i < 4; i++) s += K[i] / n ** (i / 2);
  return s;
}

const MINLOG = -708.3964185322641;
const EPS = 2.220446049250313e-16;

/**
 * scipy.special.smirnov(n, x): Pr(D⁺ₙ > x), the exact one-sided one-sample Smirnov survival function, n ≥ 1,
 * 0 ≤ x ≤ 1 (see the module comment for the evaluation).
 */
export function smirnovSf(n: number, x: number): number {
  if (!(n > 0 && x >= 0 && x <= 1) || !Number.isInteger(n)) return NaN;
  if (n === 1) return 1 - x;
  if (x === 0) return 1;
  if (x === 1) return 0;
  const [nxh, nxl] = twoProduct(n, x);
  let nxfl = Math.floor(nxh);
  if (nxfl === nxh && nxl < 0) nxfl -= 1;
  let alpha = nxh - nxfl + nxl;
  if (alpha >= 1) { nxfl += 1; alpha = 0; }
  if (nxfl === 0 || (nxfl === 1 && alpha === 0)) {
    const cdf = x * Math.exp((n - 1) * Math.log1p(x));
    return clip01(1 - cdf);
  }
  if (-2 * n * x * x < MINLOG) return 0;
  if (nxfl >= n - 1) return clip01((1 - x) ** n);
  if (n > 1_000_000) {
    const logp = -((6 * n * x + 1) ** 2) / 18 / n;
    return clip01(logp < -Math.LN2 ? Math.exp(logp) : 1 + Math.expm1(logp));
  }
  // Lower sum over j = 0 .. n − nxfl − 1 (the j = n(1 − x) term, if integral, is 0).
  const last = n - nxfl - 1;
  const sn = stirlerr(n);
  const half = 0.5 * Math.log(2 * Math.PI);
  // j = 0: (1 − x)^n / x = exp(−nx + n·log1pmx(−x)) / x, nx as a double-double
  let sum = Math.exp(-nxh) * Math.exp(-nxl + n * log1pmx(-x)) / x;
  let comp = 0;
  for (let j = 1; j <= last; j++) {
    const r = n - j;
    // log pmf(j; n, p = (j + nx)/n) by Loader: stirlerr terms − bd0(j, j + nx) − bd0(r, r − nx)
    const w = (nxh + nxl) / j;
    const rmnx = (r - nxh) - nxl; // n − j − nx > 0
    const u = (nxh + nxl) / r;
    const l2 = u <= 0.5 ? log1pmx(-u) : Math.log(rmnx / r) + u;
    const lc = sn - stirlerr(j) - stirlerr(r) + j * log1pmx(w) + r * l2;
    const lf = half + 0.5 * (Math.log(j) + Math.log(r) - Math.log(n));
    const p1 = (j + nxh + nxl) / n; // x + j/n
    const term = Math.exp(lc - lf) / p1;
    // Neumaier summation
    const t = sum + term;
    comp += Math.abs(sum) >= Math.abs(term) ? (sum - t) + term : (term - t) + sum;
    sum = t;
    if (term !== 0 && 4 * (last + 1 - j) * term < EPS * sum && j !== last) break;
    if (term === 0 && j > n / 2) break;
  }
  return clip01(x * (sum + comp));
}
