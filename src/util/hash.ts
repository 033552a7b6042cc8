import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/**
 * SHA-256 hashing of files with bounded memory.
 * - `sha256File`: one file on the calling thread, reads pipelined with hashing (two 4 MiB buffers: the next read runs
 *   in libuv's pool while the current chunk is hashed), so one core hashes at about OpenSSL's own speed.
 * - `sha256Ranges`: many files or byte ranges (OMS manifests: files and shards) hashed in parallel by a pool of
 *   worker threads, each with one 4 MiB buffer; results come back in input order.
 * The worker is inline source (`eval: true`), so the same code runs from `src/` and from the esbuild bundle.
 */

const CHUNK = 4 << 20;
const SMALL_JOB = 32 << 20;

/** Streaming sha256 (hex) of a file, bounded memory. */
export async function sha256File(file: string): Promise<string> {
  return (await sha256FileRange(file, 0, undefined)).toString('hex');
}

// Read buffers are reused across calls (allocating 8 MiB per file costs page faults on every small file).
const freeBuffers: Buffer[][] = [];
function takeBuffers(): Buffer[] {
  return freeBuffers.pop() ?? [Buffer.allocUnsafe(CHUNK), Buffer.allocUnsafe(CHUNK)];
}
function giveBuffers(b: Buffer[]): void {
  if (freeBuffers.length < 2) freeBuffers.push(b);
}

/** Streaming sha256 of bytes [start, end) of a file (end undefined: to the end of the file). Raw digest. */
export async function sha256FileRange(file: string, start: number, end: number | undefined): Promise<Buffer> {
  const h = createHash('sha256');
  const fh = await open(file, 'r');
  const bufs = takeBuffers();
  try {
    let pos = start;
    const want = (p: number) => (end === undefined ? CHUNK : Math.min(CHUNK, end - p));
    let which = 0;
    let pending = want(pos) > 0 ? fh.read(bufs[which], 0, want(pos), pos) : null;
    while (pending) {
      const { bytesRead } = await pending;
      if (bytesRead === 0) {
        if (end !== undefined && pos < end) throw new Error(`${file} is shorter than expected (${pos} < ${end} bytes)`);
        break;
      }
      const cur = bufs[which];
      pos += bytesRead;
      which ^= 1;
      const next = want(pos);
      pending = next > 0 ? fh.read(bufs[which], 0, next, pos) : null;
      h.update(cur.subarray(0, bytesRead));
    }
  } finally {
    await fh.close();
    giveBuffers(bufs);
  }
  return h.digest();
}

/** Streams a file once through several hashes (e.g. sha256 and sha512), bounded memory. Raw digests by name. */
export async function hashFileMulti(file: string, algs: string[]): Promise<Record<string, Buffer>> {
  const hs = algs.map((a) => createHash(a));
  const fh = await open(file, 'r');
  const bufs = takeBuffers();
  try {
    let which = 0;
    let pos = 0;
    let pending = fh.read(bufs[which], 0, CHUNK, pos);
    for (;;) {
      const { bytesRead } = await pending;
      if (bytesRead === 0) break;
      const cur = bufs[which];
      pos += bytesRead;
      which ^= 1;
      pending = fh.read(bufs[which], 0, CHUNK, pos);
      for (const h of hs) h.update(cur.subarray(0, bytesRead));
    }
  } finally {
    await fh.close();
    giveBuffers(bufs);
  }
  return Object.fromEntries(algs.map((a, i) => [a, hs[i].digest()]));
}

export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** A policy's sha256 pin (`sha256:<hex>` or `<hex>`, any case) as lowercase hex, the form sha256Hex returns. */
export function pinHex(pin: string): string {
  return pin.trim().toLowerCase().replace(/^sha256:/, '');
}

/** A unit of hashing work: bytes [start, end) of a file; `end` undefined = to the end of the file. */
export interface HashRange {
  file: string;
  start: number;
  end?: number;
}

/** Threads used for parallel hashing (all cores; at least 1). */
export function hashThreads(): number {
  return Math.max(1, availableParallelism());
}

const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const fs = require('node:fs');
const crypto = require('node:crypto');
const buf = Buffer.allocUnsafe(${CHUNK});
parentPort.on('message', (m) => {
  let fd;
  try {
    fd = fs.openSync(m.file, 'r');
    const h = crypto.createHash('sha256');
    let pos = m.start;
    for (;;) {
      const len = m.end === undefined ? buf.length : Math.min(buf.length, m.end - pos);
      if (len <= 0) break;
      const n = fs.readSync(fd, buf, 0, len, pos);
      if (n === 0) {
        if (m.end !== undefined) throw new Error(m.file + ' is shorter than expected (' + pos + ' < ' + m.end + ' bytes)');
        break;
      }
      h.update(buf.subarray(0, n));
      pos += n;
    }
    const d = h.digest();
    parentPort.postMessage({ id: m.id, digest: d });
  } catch (e) {
    parentPort.postMessage({ id: m.id, error: String((e && e.message) || e) });
  } finally {
    if (fd !== undefined) try { fs.closeSync(fd); } catch {}
  }
});
`;

/**
 * SHA-256 (raw 32-byte digests, in input order) of many file ranges, hashed in parallel by worker threads.
 * Memory: one 4 MiB buffer per worker. With one range, threads = 1, or (threads not given) under 32 MiB in all, it
 * hashes on the calling thread. While the workers start (~40 ms each) the calling thread hashes units too
 * (`mainAssist`, default true).
 */
export async function sha256Ranges(ranges: HashRange[], opts: { threads?: number; mainAssist?: boolean } = {}): Promise<Buffer[]> {
  if (ranges.length === 0) return [];
  // Small jobs are hashed on the calling thread: starting workers costs more than it saves below ~32 MiB.
  const known = ranges.every((r) => r.end !== undefined);
  const total = known ? ranges.reduce((a, r) => a + (r.end! - r.start), 0) : Infinity;
  const threads = opts.threads === undefined && total < SMALL_JOB ? 1 : Math.max(1, Math.min(opts.threads ?? hashThreads(), ranges.length));
  if (threads === 1) {
    const out: Buffer[] = [];
    for (const r of ranges) out.push(await sha256FileRange(r.file, r.start, r.end));
    return out;
  }
  const results: Buffer[] = new Array(ranges.length);
  const workers: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let next = 0;
      let done = 0;
      let online = 0;
      let failed = false;
      const fail = (e: unknown) => {
        if (!failed) {
          failed = true;
          reject(e);
        }
      };
      const finished = () => {
        done++;
        if (done === ranges.length) resolve();
      };
      const feed = (w: Worker) => {
        if (failed || next >= ranges.length) return;
        const id = next++;
        const r = ranges[id];
        w.postMessage({ id, file: r.file, start: r.start, end: r.end });
      };
      for (let t = 0; t < threads; t++) {
        const w = new Worker(WORKER_SOURCE, { eval: true });
        workers.push(w);
        w.on('online', () => online++);
        w.on('message', (m: { id: number; digest?: Uint8Array; error?: string }) => {
          if (failed) return;
          if (m.error !== undefined || !m.digest) return fail(new Error(m.error ?? 'hash worker returned no digest'));
          results[m.id] = Buffer.from(m.digest);
          feed(w);
          finished();
        });
        w.on('error', fail);
        w.on('exit', (code) => {
          if (done < ranges.length && code !== 0) fail(new Error(`hash worker exited with code ${code}`));
        });
        feed(w); // queued until the worker is up
      }
      // Starting the workers takes ~40 ms each: meanwhile the calling thread hashes units itself.
      void (async () => {
        while (opts.mainAssist !== false && !failed && online < threads && next < ranges.length) {
          const id = next++;
          const r = ranges[id];
          try {
            results[id] = await sha256FileRange(r.file, r.start, r.end);
          } catch (e) {
            return fail(e);
          }
          finished();
        }
      })();
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}

/** sha256 hex of several whole files in parallel (input order). */
export async function sha256Files(files: string[], opts: { threads?: number } = {}): Promise<string[]> {
  const d = await sha256Ranges(files.map((file) => ({ file, start: 0 })), opts);
  return d.map((b) => b.toString('hex'));
}
