import { createRequire as __mgCreateRequire } from 'node:module';
const require = __mgCreateRequire(import.meta.url);

// src/util/hash.ts
import { createHash } from "node:crypto";
import { open } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
var CHUNK = 4 << 20;
var SMALL_JOB = 32 << 20;
async function sha256File(file) {
  return (await sha256FileRange(file, 0, void 0)).toString("hex");
}
var freeBuffers = [];
function takeBuffers() {
  return freeBuffers.pop() ?? [Buffer.allocUnsafe(CHUNK), Buffer.allocUnsafe(CHUNK)];
}
function giveBuffers(b) {
  if (freeBuffers.length < 2) freeBuffers.push(b);
}
async function sha256FileRange(file, start, end) {
  const h = createHash("sha256");
  const fh = await open(file, "r");
  const bufs = takeBuffers();
  try {
    let pos = start;
    const want = (p) => end === void 0 ? CHUNK : Math.min(CHUNK, end - p);
    let which = 0;
    let pending = want(pos) > 0 ? fh.read(bufs[which], 0, want(pos), pos) : null;
    while (pending) {
      const { bytesRead } = await pending;
      if (bytesRead === 0) {
        if (end !== void 0 && pos < end) throw new Error(`${file} is shorter than expected (${pos} < ${end} bytes)`);
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
async function hashFileMulti(file, algs) {
  const hs = algs.map((a) => createHash(a));
  const fh = await open(file, "r");
  const bufs = takeBuffers();
  try {
    let which = 0;
    let pos = 0;
    let pending = fh.read(bufs[which], 0, CHUNK, pos);
    for (; ; ) {
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
function sha256Hex(data) {
  return createHash("sha256").update(data).digest("hex");
}
function pinHex(pin) {
  return pin.trim().toLowerCase().replace(/^sha256:/, "");
}
function hashThreads() {
  return Math.max(1, availableParallelism());
}
var WORKER_SOURCE = `
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
async function sha256Ranges(ranges, opts = {}) {
  if (ranges.length === 0) return [];
  const known = ranges.every((r) => r.end !== void 0);
  const total = known ? ranges.reduce((a, r) => a + (r.end - r.start), 0) : Infinity;
  const threads = opts.threads === void 0 && total < SMALL_JOB ? 1 : Math.max(1, Math.min(opts.threads ?? hashThreads(), ranges.length));
  if (threads === 1) {
    const out = [];
    for (const r of ranges) out.push(await sha256FileRange(r.file, r.start, r.end));
    return out;
  }
  const results = new Array(ranges.length);
  const workers = [];
  try {
    await new Promise((resolve, reject) => {
      let next = 0;
      let done = 0;
      let online = 0;
      let failed = false;
      const fail = (e) => {
        if (!failed) {
          failed = true;
          reject(e);
        }
      };
      const finished = () => {
        done++;
        if (done === ranges.length) resolve();
      };
      const feed = (w) => {
        if (failed || next >= ranges.length) return;
        const id = next++;
        const r = ranges[id];
        w.postMessage({ id, file: r.file, start: r.start, end: r.end });
      };
      for (let t = 0; t < threads; t++) {
        const w = new Worker(WORKER_SOURCE, { eval: true });
        workers.push(w);
        w.on("online", () => online++);
        w.on("message", (m) => {
          if (failed) return;
          if (m.error !== void 0 || !m.digest) return fail(new Error(m.error ?? "hash worker returned no digest"));
          results[m.id] = Buffer.from(m.digest);
          feed(w);
          finished();
        });
        w.on("error", fail);
        w.on("exit", (code) => {
          if (done < ranges.length && code !== 0) fail(new Error(`hash worker exited with code ${code}`));
        });
        feed(w);
      }
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
async function sha256Files(files, opts = {}) {
  const d = await sha256Ranges(files.map((file) => ({ file, start: 0 })), opts);
  return d.map((b) => b.toString("hex"));
}

export {
  sha256File,
  hashFileMulti,
  sha256Hex,
  pinHex,
  sha256Ranges,
  sha256Files
};
