/**
 * Buffers reused from one feature to the next (grown, never shrunk, dropped by `releaseScratch` when the gate is
 * done): the present values of a side with missing values, and the category codes of a text feature. A fresh
 * 8 MB array per feature and side at 10^6 rows is garbage V8 frees late (external memory is collected only every
 * ~64 MB), so it shows in the peak RSS; a feature's arrays are dead once it is tested, so one buffer per side
 * (`side:reference`, `side:current`) serves both uses.
 */
const pool = new Map<string, ArrayBuffer>();

/** An ArrayBuffer of at least `bytes` bytes for `key` (its contents are whatever the last user left). */
export function scratch(key: string, bytes: number): ArrayBuffer {
  let b = pool.get(key);
  if (!b || b.byteLength < bytes) {
    pool.delete(key); // the old buffer is garbage before the new one is allocated
    b = new ArrayBuffer(bytes);
    pool.set(key, b);
  }
  return b;
}

export function releaseScratch(): void {
  pool.clear();
}
