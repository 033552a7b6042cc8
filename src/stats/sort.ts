/**
 * An ascending sorted copy of a Float64Array, by LSD radix sort on the IEEE-754 bits (four 16-bit passes over
 * keys made order-preserving: positive values get the sign bit set, negative values have every bit flipped), for
 * the drift and KS tests on columns of 10^6 rows, where the built-in TypedArray sort costs several times more.
 * The order is the built-in sort's: −∞ < … < −0 < +0 < … < +∞ (NaN is the callers' to reject: a NaN with the
 * sign bit set would come first here, where the built-in sort puts every NaN last). Small arrays and big-endian
 * machines use the built-in sort.
 */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * The radix passes' second buffer, kept between calls (grown, never shrunk): drift tests sort two 10^6-row columns
 * per feature, and a fresh scratch array per call is garbage V8 frees late (it shows in the peak RSS).
 */
let scratch: Int32Array<ArrayBuffer> | null = null;

export function sortedCopy(v: Float64Array): Float64Array {
  return sortInto(v, new Float64Array(v.length));
}

/**
 * A reusable buffer of at least n values (grown, never shrunk), for sorted copies that the caller uses and drops
 * before it asks for the same slot again: `sortInto(v, sortBuffer(0, n))`. Slots 0 and 1: the two sides of a test.
 */
const slots: Float64Array<ArrayBuffer>[] = [];
export function sortBuffer(slot: 0 | 1, n: number): Float64Array {
  if (!slots[slot] || slots[slot].length < n) slots[slot] = new Float64Array(n);
  return slots[slot].subarray(0, n);
}

/** Drops the reused buffers (the drift gate calls it when it is done, so later gates do not carry them). */
export function releaseSortBuffers(): void {
  slots.length = 0;
  scratch = null;
}

/** The radix passes' digit counts (256 KiB), reused: fresh per pass, they were garbage that V8 frees late. */
const count = new Uint32Array(65536);

/** `v` sorted ascending into `out` (length v.length; its buffer is overwritten), which is returned. */
export function sortInto(v: Float64Array, out: Float64Array): Float64Array {
  const n = v.length;
  if (out.length !== n) throw new RangeError(`sortInto: the output holds ${out.length} values, not ${n}`);
  out.set(v);
  if (n < 2048 || !LITTLE_ENDIAN) return out.sort();
  // [lo, hi] words per value, as int32: the same bits as uint32 words, but every word is a small integer to V8
  // (a uint32 ≥ 2^31 is a heap number wherever the code is not yet optimised: tens of MB of garbage per sort).
  const own = new Int32Array(out.buffer as ArrayBuffer, out.byteOffset, 2 * n);
  let a: Int32Array<ArrayBuffer> = own;
  for (let i = 1; i < 2 * n; i += 2) {
    const hi = a[i];
    if (hi < 0) { a[i] = ~hi; a[i - 1] = ~a[i - 1]; } else a[i] = hi | 0x80000000;
  }
  if (!scratch || scratch.length < 2 * n) scratch = new Int32Array(2 * n);
  let b = scratch.subarray(0, 2 * n);
  for (let pass = 0; pass < 4; pass++) {
    const word = pass >> 1, shift = (pass & 1) * 16;
    count.fill(0);
    for (let i = 0; i < n; i++) count[(a[2 * i + word] >>> shift) & 0xffff]++;
    let sum = 0, single = false;
    for (let d = 0; d < 65536; d++) {
      const c = count[d];
      if (c === n) { single = true; break; } // every key has this digit: the pass would not move anything
      count[d] = sum;
      sum += c;
    }
    if (single) continue;
    for (let i = 0; i < n; i++) {
      const p = count[(a[2 * i + word] >>> shift) & 0xffff]++;
      b[2 * p] = a[2 * i];
      b[2 * p + 1] = a[2 * i + 1];
    }
    [a, b] = [b, a];
  }
  // An odd number of moving passes leaves the values in the scratch buffer: back into the result's own.
  if (a !== own) {
    own.set(a);
    a = own;
  }
  for (let i = 1; i < 2 * n; i += 2) {
    const hi = a[i];
    if (hi < 0) a[i] = hi & 0x7fffffff; else { a[i] = ~hi; a[i - 1] = ~a[i - 1]; }
  }
  return out;
}
