/**
 * Special functions for the statistical tests (src/stats/ks.ts, drift.ts, paired.ts), in double precision.
 *
 * - `logGamma(x)`, x > 0: Stirling's series with Bernoulli terms for x ≥ 10; below, the Taylor series of
 *   log Γ(2 + z) = (1 − γ)z + Σ_{k≥2} (−1)^k (ζ(k) − 1) z^k / k (|z| ≤ 1, DLMF 5.7.3 shifted by log(1 + z)) with
 *   upward/downward recurrences, so the result keeps its relative accuracy next to the zeros at 1 and 2.
 * - `gammaP(a, x)` / `gammaQ(a, x)`: the regularised incomplete gamma functions P = γ(a, x)/Γ(a) and
 *   Q = Γ(a, x)/Γ(a) (scipy.special.gammainc / gammaincc), by the power series DLMF 8.11.4, the continued fraction
 *   DLMF 8.9.2 and, for small x, the series DLMF 8.7.3 of Q, chosen by the regions of Cephes `igam.c` (scipy 1.10),
 *   whose uniform asymptotic expansion for a ≈ x we replace by the series / fraction (slower there, as accurate).
 *   The prefactor x^a e^−x / Γ(a) is computed for every a ≥ 10 (Cephes: only for |x − a| ≤ 0.4a) as √(a/2π)·exp(a·(log1p(σ) − σ) − μ(a)) with
 *   σ = (x − a)/a and μ the Stirling remainder (Temme's form), which avoids the cancellation of a·log x − x −
 *   log Γ(a) when a and x are large and close. Deep in the tails the relative error grows like |log P| (or
 *   |log Q|) ulps, the rounding of the exponent: ~1e-13 at P(10⁵, 9·10⁴) ≈ e^−536.
 * - `erfc(x)`, `erf(x)`: W. J. Cody's rational Chebyshev approximations ("Rational Chebyshev approximations for
 *   the error function", Math. Comp. 23 (1969) 631-637; the coefficients of Netlib SPECFUN CALERF), with e^(−y²)
 *   evaluated as e^(−s²)·e^(−(y−s)(y+s)), s = ⌊16y⌋/16, so the exponential does not lose the bits of y².
 * - `normalCdf(x)` / `normalSf(x)`: Φ(x) = erfc(−x/√2)/2 (scipy.special.ndtr); x/√2 is carried as a
 *   double-double so that the tails keep a relative error of a few ulps (scipy's ndtr rounds x/√2 first, which
 *   costs it up to ~x² ulps deep in the tails: we are the more accurate of the two there).
 * - `logChoose(n, k)`, `binomPmf(k, n, p)`: log C(n, k) and the binomial pmf (exact for p = ½ while C(n, k) < 2^53;
 *   otherwise by Loader's saddle-point form
 *   ("Fast and accurate computation of binomial probabilities", 2000; what R's dbinom does), accurate to ~1e-15
 *   relative near the mode and ~1e-13 at n = 10^6 in the tails (one rounding of x·log(x/m) in bd0), where
 *   log-gamma differences would lose ~log10(n) digits.
 */

const EULER = 0.5772156649015329;
const LOG_SQRT_2PI = 0.9189385332046728; // log(√(2π))
const TWO_OVER_SQRT_PI = 1.1283791670955126;
const SQRT1_2_HI = Math.SQRT1_2;
const SQRT1_2_LO = -4.833646656726457e-17; // √½ − SQRT1_2_HI

/** ζ(k) − 1 for k = 2..60, by Euler-Maclaurin summation (Σ_{n=2}^{N−1} n^−k plus the tail at N = 32). */
const ZETA_M1 = (() => {
  const z = new Float64Array(61);
  const N = 32;
  for (let k = 2; k <= 60; k++) {
    // tail first (smallest terms first)
    const Nk = N ** -k;
    let s = N ** (1 - k) / (k - 1) + Nk / 2 + (k * Nk) / (12 * N) - (k * (k + 1) * (k + 2) * Nk) / (720 * N ** 3)
      + (k * (k + 1) * (k + 2) * (k + 3) * (k + 4) * Nk) / (30240 * N ** 5)
      - (k * (k + 1) * (k + 2) * (k + 3) * (k + 4) * (k + 5) * (k + 6) * Nk) / (1209600 * N ** 7);
    for (let n = N - 1; n >= 2; n--) s += n ** -k;
    z[k] = s;
  }
  return z;
})();

/** log Γ(2 + z) for |z| ≤ 1, by its Taylor series at 2 (terms fall like (|z|/2)^k). */
function logGamma2p(z: number): number {
  let s = 0;
  let zk = z * z;
  const terms: number[] = [];
  for (let k = 2; k <= 60; k++) {
    const t = ((k & 1) ? -1 : 1) * ZETA_M1[k] * zk / k;
    terms.push(t);
    if (Math.abs(t) < 1e-18 * Math.abs(z)) break;
    zk *= z;
  }
  for (let i = terms.length - 1; i >= 0; i--) s += terms[i];
  return (1 - EULER) * z + s;
}

/** Stirling's remainder μ(x) = log Γ(x) − [(x − ½)log x − x + log √(2π)] for x ≥ 10 (Bernoulli series). */
function stirlingRemainder(x: number): number {
  const r = 1 / x, r2 = r * r;
  // B_2k / (2k(2k−1)) for k = 1..9
  return r * (1 / 12 + r2 * (-1 / 360 + r2 * (1 / 1260 + r2 * (-1 / 1680 + r2 * (1 / 1188
    + r2 * (-691 / 360360 + r2 * (1 / 156 + r2 * (-3617 / 122400 + r2 * (43867 / 244188)))))))));
}

/** log Γ(x) for x > 0 (scipy.special.gammaln); NaN for x ≤ 0 or NaN, +Infinity for x = +Infinity. */
export function logGamma(x: number): number {
  if (!(x > 0)) return NaN;
  if (x === Infinity) return Infinity;
  if (x >= 10) return (x - 0.5) * Math.log(x) - x + LOG_SQRT_2PI + stirlingRemainder(x);
  if (x < 0.5) return logGamma2p(x) - Math.log1p(x) - Math.log(x);
  if (x < 1.5) return logGamma2p(x - 1) - Math.log1p(x - 1);
  if (x <= 3) return logGamma2p(x - 2);
  // 3 < x < 10: Γ(x) = (x−1)(x−2)…(x−n)·Γ(x−n) with x − n in (2, 3]
  let p = 1, y = x;
  while (y > 3) { y -= 1; p *= y; }
  return logGamma2p(y - 2) + Math.log(p);
}

/** log Γ(1 + a) for −0.5 ≤ a ≤ 1.5, accurate in relative terms as a → 0. */
function logGamma1p(a: number): number {
  if (a <= 0.5) return logGamma2p(a) - Math.log1p(a);
  return logGamma2p(a - 1);
}

/** log(1 + s) − s, accurate for small s (s > −1). */
export function log1pmx(s: number): number {
  if (Math.abs(s) > 0.5) return Math.log1p(s) - s;
  // log(1+s) = 2 atanh(u), u = s/(2+s); s − 2u = u·s
  const u = s / (2 + s), u2 = u * u;
  let term = u * u2, sum = 0;
  for (let j = 3; j < 200; j += 2) {
    const t = term / j;
    sum += t;
    if (Math.abs(t) < 1e-17 * Math.abs(sum)) break;
    term *= u2;
  }
  return 2 * sum - u * s;
}

/** x^a e^−x / Γ(a) (the prefactor of both incomplete gamma functions). */
function gammaPrefactor(a: number, x: number): number {
  if (a < 10) {
    // e^−x apart while it does not underflow: Math.exp of the exact x keeps its relative accuracy
    if (x < 700) return Math.exp(a * Math.log(x) - logGamma(a)) * Math.exp(-x);
    const ax = a * Math.log(x) - x - logGamma(a);
    return ax < -745.2 ? 0 : Math.exp(ax);
  }
  const s = (x - a) / a;
  const c = Math.sqrt(a / (2 * Math.PI));
  if (Math.abs(s) <= 0.5) return c * Math.exp(a * log1pmx(s) - stirlingRemainder(a));
  // far from a: a·log(x/a) and −(x − a) apart (x − a is exact for the half-integer a of a chi-square), so the
  // large exponent is not rounded; combined when a part alone would overflow or underflow
  const l = a * Math.log(x / a) - stirlingRemainder(a), e = a - x;
  if (Math.abs(l) < 700 && e > -745) return c * Math.exp(l) * Math.exp(e);
  return c * Math.exp(l + e);
}

const MACHEP = 1.11022302462515654042e-16;
const MAX_ITER = 1_000_000;

/** P(a, x) by DLMF 8.11.4: x^a e^−x / Γ(a+1) · Σ x^k / ((a+1)…(a+k)). */
function pSeries(a: number, x: number): number {
  const f = gammaPrefactor(a, x);
  if (f === 0) return 0;
  let r = a, c = 1, sum = 1;
  for (let i = 0; i < MAX_ITER; i++) {
    r += 1;
    c *= x / r;
    sum += c;
    if (c <= MACHEP * sum) break;
  }
  return (sum * f) / a;
}

/** Q(a, x) by the continued fraction DLMF 8.9.2 (modified Lentz), for x ≥ a, x > 1.1. */
function qContinuedFraction(a: number, x: number): number {
  const f = gammaPrefactor(a, x);
  if (f === 0) return 0;
  // Γ(a,x)·e^x x^−a = 1/(x+1−a− 1·(1−a)/(x+3−a− 2·(2−a)/(x+5−a− …)))
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny, d = 1 / b, h = d;
  for (let i = 1; i < MAX_ITER; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) <= MACHEP) break;
  }
  return f * h;
}

/** Q(a, x) by DLMF 8.7.3 for small x: 1 − x^a/Γ(a+1) − x^a/Γ(a) Σ_{n≥1} (−x)^n / (n!(a+n)). */
function qSmallX(a: number, x: number): number {
  let fac = 1, sum = 0;
  for (let n = 1; n < MAX_ITER; n++) {
    fac *= -x / n;
    const term = fac / (a + n);
    sum += term;
    if (Math.abs(term) <= MACHEP * Math.abs(sum)) break;
  }
  const logx = Math.log(x);
  return -Math.expm1(a * logx - logGamma1p(a)) - Math.exp(a * logx - logGamma(a)) * sum;
}

function gammaArgs(a: number, x: number): number | null {
  if (Number.isNaN(a) || Number.isNaN(x) || a < 0 || x < 0) return NaN;
  return null;
}

/** Regularised upper incomplete gamma Q(a, x) = Γ(a, x)/Γ(a), a ≥ 0, x ≥ 0 (scipy.special.gammaincc). */
export function gammaQ(a: number, x: number): number {
  const bad = gammaArgs(a, x);
  if (bad !== null) return bad;
  if (a === 0) return x > 0 ? 0 : NaN;
  if (x === 0) return 1;
  if (a === Infinity) return x === Infinity ? NaN : 1;
  if (x === Infinity) return 0;
  if (x > 1.1) return x < a ? 1 - pSeries(a, x) : qContinuedFraction(a, x);
  if (x <= 0.5) return -0.4 / Math.log(x) < a ? 1 - pSeries(a, x) : qSmallX(a, x);
  return x * 1.1 < a ? 1 - pSeries(a, x) : qSmallX(a, x);
}

/** Regularised lower incomplete gamma P(a, x) = γ(a, x)/Γ(a), a ≥ 0, x ≥ 0 (scipy.special.gammainc). */
export function gammaP(a: number, x: number): number {
  const bad = gammaArgs(a, x);
  if (bad !== null) return bad;
  if (a === 0) return x > 0 ? 1 : NaN;
  if (x === 0) return 0;
  if (a === Infinity) return x === Infinity ? NaN : 0;
  if (x === Infinity) return 1;
  if (x > 1 && x > a) return 1 - gammaQ(a, x);
  return pSeries(a, x);
}

/** Survival function of the chi-square distribution with `df` degrees of freedom: Q(df/2, x/2) (scipy chi2.sf). */
export function chiSquareSf(x: number, df: number): number {
  if (x <= 0) return 1;
  return gammaQ(df / 2, x / 2);
}

// Cody's coefficients (CALERF): erf on |x| ≤ 0.46875, erfc·e^(x²) on 0.46875 < |x| ≤ 4 and on |x| > 4.
const A = [3.16112374387056560e0, 1.13864154151050156e2, 3.77485237685302021e2, 3.20937758913846947e3, 1.85777706184603153e-1];
const B = [2.36012909523441209e1, 2.44024637934444173e2, 1.28261652607737228e3, 2.84423683343917062e3];
const C = [5.64188496988670089e-1, 8.88314979438837594e0, 6.61191906371416295e1, 2.98635138197400131e2,
  8.81952221241769090e2, 1.71204761263407058e3, 2.05107837782607147e3, 1.23033935479799725e3, 2.15311535474403846e-8];
const D = [1.57449261107098347e1, 1.17693950891312499e2, 5.37181101862009858e2, 1.62138957456669019e3,
  3.29079923573345963e3, 4.36261909014324716e3, 3.43936767414372164e3, 1.23033935480374942e3];
const P = [3.05326634961232344e-1, 3.60344899949804439e-1, 1.25781726111229246e-1, 1.60837851487422766e-2,
  6.58749161529837803e-4, 1.63153871373020978e-2];
const Q = [2.56852019228982242e0, 1.87295284992346047e0, 5.27905102951428412e-1, 6.05183413124413191e-2,
  2.33520497626869185e-3];
const ONE_OVER_SQRT_PI = 5.6418958354775628695e-1;

/** erf(y) for |y| ≤ 0.46875. */
function erfSmall(y: number): number {
  const ysq = Math.abs(y) > 1.11e-16 ? y * y : 0;
  let num = A[4] * ysq, den = ysq;
  for (let i = 0; i < 3; i++) { num = (num + A[i]) * ysq; den = (den + B[i]) * ysq; }
  return (y * (num + A[3])) / (den + B[3]);
}

/** e^(−y²) for y ≥ 0, as e^(−s²)·e^(−(y−s)(y+s)) with s = ⌊16y⌋/16 (s² is exact). */
function expMinusSquare(y: number): number {
  const s = Math.trunc(16 * y) / 16;
  return Math.exp(-s * s) * Math.exp(-(y - s) * (y + s));
}

/** [erfc(y), e^(−y²)] for y > 0.46875. */
function erfcLarge(y: number): [number, number] {
  if (y >= 26.7) return [0, 0]; // erfc(26.7) < 2^-1074 (underflow); scipy returns 0 there as well
  let r: number;
  if (y <= 4) {
    let num = C[8] * y, den = y;
    for (let i = 0; i < 7; i++) { num = (num + C[i]) * y; den = (den + D[i]) * y; }
    r = (num + C[7]) / (den + D[7]);
  } else {
    const ysq = 1 / (y * y);
    let num = P[5] * ysq, den = ysq;
    for (let i = 0; i < 4; i++) { num = (num + P[i]) * ysq; den = (den + Q[i]) * ysq; }
    r = (ysq * (num + P[4])) / (den + Q[4]);
    r = (ONE_OVER_SQRT_PI - r) / y;
  }
  const e = expMinusSquare(y);
  return [e * r, e];
}

/** The complementary error function erfc(x) = 1 − erf(x) (scipy.special.erfc). */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const y = Math.abs(x);
  if (y <= 0.46875) return 1 - erfSmall(x);
  const r = erfcLarge(y)[0];
  return x < 0 ? 2 - r : r;
}

/** The error function erf(x) (scipy.special.erf). */
export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const y = Math.abs(x);
  if (y <= 0.46875) return erfSmall(x);
  const r = 1 - erfcLarge(y)[0];
  return x < 0 ? -r : r;
}

/** Error-free product: a·b = p + e exactly (Dekker's split; no fused multiply-add in JavaScript). */
export function twoProduct(a: number, b: number): [number, number] {
  const p = a * b;
  const SPLIT = 134217729; // 2^27 + 1
  let t = SPLIT * a;
  const ah = t - (t - a), al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b), bl = b - bh;
  return [p, ((ah * bh - p) + ah * bl + al * bh) + al * bl];
}

/** Φ(x) for x ≤ 0: erfc(|x|/√2)/2 with |x|/√2 = hi + lo carried to double-double and the lo part applied to first order. */
function lowerTail(x: number): number {
  const ax = -x;
  const [hi, e] = twoProduct(ax, SQRT1_2_HI);
  const lo = e + ax * SQRT1_2_LO;
  if (hi <= 0.46875) return 0.5 - 0.5 * erfSmall(hi + lo);
  const [r, g] = erfcLarge(hi);
  return 0.5 * (r - lo * TWO_OVER_SQRT_PI * g);
}

/** The standard normal CDF Φ(x) (scipy.special.ndtr / scipy.stats.norm.cdf). */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  return x <= 0 ? lowerTail(x) : 1 - lowerTail(-x);
}

/** The standard normal survival function 1 − Φ(x) = Φ(−x), computed without cancellation (scipy.stats.norm.sf). */
export function normalSf(x: number): number {
  return normalCdf(-x);
}

/** Stirling's remainder of log k! for an integer k ≥ 1: log k! − [(k+½)log k − k + log √(2π)]. */
export function stirlerr(k: number): number {
  if (k >= 15) return stirlingRemainder(k);
  let f = 1;
  for (let i = 2; i <= k; i++) f *= i; // exact below 2^53
  return Math.log(f) - ((k + 0.5) * Math.log(k) - k + LOG_SQRT_2PI);
}

/** Loader's bd0(x, m) = x·log(x/m) + m − x, without cancellation when x ≈ m. */
function bd0(x: number, m: number): number {
  if (Math.abs(x - m) < 0.1 * (x + m)) {
    const v = (x - m) / (x + m);
    let s = (x - m) * v;
    let ej = 2 * x * v;
    const v2 = v * v;
    for (let j = 1; j < 1000; j++) {
      ej *= v2;
      const s1 = s + ej / (2 * j + 1);
      if (s1 === s) return s1;
      s = s1;
    }
    return s;
  }
  return x * Math.log(x / m) + m - x;
}

/**
 * The binomial pmf P(X = k), X ~ Binomial(n, p), n a non-negative integer, k an integer, 0 ≤ p ≤ 1
 * (scipy.stats.binom.pmf), by Loader's saddle-point expansion.
 */
export function binomPmf(k: number, n: number, p: number): number {
  if (k < 0 || k > n) return 0;
  const q = 1 - p;
  if (p === 0) return k === 0 ? 1 : 0;
  if (q === 0) return k === n ? 1 : 0;
  if (k === 0) return n === 0 ? 1 : Math.exp(n * Math.log1p(-p));
  if (k === n) return Math.exp(n * Math.log(p));
  if (p === 0.5 && n <= 1074) {
    const c = exactChoose(n, k);
    if (c > 0) return c * 2 ** -n; // exact (a power-of-two scaling)
  }
  const lc = stirlerr(n) - stirlerr(k) - stirlerr(n - k) - bd0(k, n * p) - bd0(n - k, n * q);
  const lf = Math.log(2 * Math.PI) + Math.log(k) + Math.log1p(-k / n);
  return Math.exp(lc - 0.5 * lf);
}

/** C(n, k) exactly when it is below 2^53 (each partial product C(n−k+i, i) is an integer), else −1. */
export function exactChoose(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  if (k > n - k) k = n - k;
  let c = 1;
  for (let i = 1; i <= k; i++) {
    const num = c * (n - k + i);
    if (num > 2 ** 53) return -1;
    c = num / i;
  }
  return c;
}

/**
 * log C(n, k) for integers 0 ≤ k ≤ n: exact (log of the exactly computed coefficient) while C(n, k) < 2^53,
 * otherwise by Stirling's form with remainders (relative error ~1e-16 of the result).
 */
export function logChoose(n: number, k: number): number {
  if (k < 0 || k > n) return -Infinity;
  if (k > n - k) k = n - k;
  if (k === 0) return 0;
  const c = exactChoose(n, k);
  if (c > 0) return Math.log(c);
  // log C = ½log(n/(2π k (n−k))) + n log n − k log k − (n−k) log(n−k) + μ(n) − μ(k) − μ(n−k)
  const m = n - k;
  const ent = -k * Math.log(k / n) - m * Math.log1p(-k / n);
  return ent + stirlerr(n) - stirlerr(k) - stirlerr(m) - 0.5 * (Math.log(2 * Math.PI) + Math.log(k) + Math.log1p(-k / n));
}
