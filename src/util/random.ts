/**
 * Seeded randomness. Every random choice in a run derives from the policy's seed through `rng(seed, label)`, so
 * that adding a random draw in one gate never shifts the draws of another. xoshiro128** over a SplitMix32 seed.
 *
 * The rule (issue 18, for sharding): a stream is keyed by what it is for, never by the order in which rows are
 * processed — no stream per chunk or batch, none consumed across rows that could be processed apart. The keys in use
 * (docs/design.md §7 "Random streams and batches"):
 * - per point, the dataset row in the label: the attacks' `<attack>:r<restart>#<row>` (APGD, PGD; APGD-T
 *   `apgd-t:t<target>:r<restart>#<row>`), `square#<row>`, `hsja#<row>`, `tree#<row>` (attacks/common.ts `pointRng`,
 *   blackbox/common.ts `blackboxRng`: the row comes from `AttackInput.ids`);
 * - per resample, run once over all rows in dataset-row order: `fairness`, `memorisation/bootstrap#<half>`,
 *   `regression/<dataset or gate>/<metric>_delta` (stats/paired.ts);
 * - per stratum of the dataset: `sample:stratified:<label>` (data/sample.ts: which rows a gate uses);
 * - per class, over all of its rows: `poisoning/spectral/<class>`,
 *   `poisoning/clustering/{pca,kmeans,silhouette}/<class>`;
 * - per row: `poisoning/strip#<row>` and `poisoning/strip/clean#<row>` (STRIP's pairings of a screened / clean row).
 */
export interface Rng {
  /** Uniform in [0, 1) with 32 random bits. */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Standard normal (Box-Muller, one value per call). */
  normal(): number;
  /** A uniform float32-friendly value in [lo, hi). */
  uniform(lo: number, hi: number): number;
  /** Binomial(n, p) draw (exact inversion for small n, normal approximation never used). */
  binomial(n: number, p: number): number;
  /** In-place Fisher-Yates shuffle. */
  shuffle<T>(a: T[] | Int32Array | Uint32Array): void;
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

function splitmix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) >>> 0;
  let z = state.s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

/** A generator for `(seed, label)`: the same pair always gives the same stream. */
export function rng(seed: number, label = ''): Rng {
  const st = { s: (fnv1a(label) ^ (seed >>> 0) ^ Math.imul((Math.floor(seed / 2 ** 32) >>> 0), 0x27d4eb2d)) >>> 0 };
  let a = splitmix32(st), b = splitmix32(st), c = splitmix32(st), d = splitmix32(st);
  if ((a | b | c | d) === 0) a = 1;
  const nextU32 = (): number => {
    const r = Math.imul(rotl(Math.imul(b, 5) >>> 0, 7), 9) >>> 0;
    const t = (b << 9) >>> 0;
    c ^= a; d ^= b; b ^= c; a ^= d; c ^= t; d = rotl(d, 11);
    return r;
  };
  const next = (): number => nextU32() / 4294967296;
  let spare: number | null = null;
  const self: Rng = {
    next,
    int(n) {
      if (n <= 0) throw new RangeError('rng.int needs n > 0');
      if (n <= 2 ** 32) {
        // rejection sampling: no modulo bias
        const limit = Math.floor(4294967296 / n) * n;
        let x = nextU32();
        while (x >= limit) x = nextU32();
        return x % n;
      }
      return Math.floor(next() * n);
    },
    normal() {
      if (spare !== null) { const s = spare; spare = null; return s; }
      let u = 0;
      while (u === 0) u = next();
      const v = next();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
    uniform(lo, hi) {
      return lo + (hi - lo) * next();
    },
    binomial(n, p) {
      if (p <= 0 || n <= 0) return 0;
      if (p >= 1) return n;
      // Inversion by sequential search on the geometric waiting times (exact; O(n·p) expected).
      if (p > 0.5) return n - self.binomial(n, 1 - p);
      const logq = Math.log1p(-p);
      let x = 0, sum = 0;
      for (;;) {
        let u = 0;
        while (u === 0) u = next();
        sum += Math.floor(Math.log(u) / logq) + 1;
        if (sum > n) return x;
        x++;
      }
    },
    shuffle(arr) {
      for (let i = arr.length - 1; i > 0; i--) {
        const j = self.int(i + 1);
        const t = arr[i];
        arr[i] = arr[j];
        arr[j] = t;
      }
    },
  };
  return self;
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
