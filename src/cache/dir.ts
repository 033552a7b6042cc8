/**
 * The outcome cache on a folder (`check --cache-dir DIR`, the action's `cache: true`): src/types/cache.ts's
 * OutcomeCache, one file per entry. Never trusted: every entry is verified before its bytes are returned, and one
 * that fails (damaged, truncated, copied under another key's name, a symlink, too large) is ignored with a warning
 * and recomputed; a failure to write is a warning too. Nothing here ever fails the run.
 *
 * An entry is `<key>.mgc`:
 *   model-gate cache entry v1\n
 *   <key: 64 lowercase hex>\n
 *   sha256:<64 lowercase hex of the payload>\n
 *   <payload length, decimal>\n
 *   <payload>
 */
import { closeSync, constants, fstatSync, mkdirSync, openSync, readSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { OutcomeCache } from '../types/cache.ts';
import { checkOutputPath, type OutputOptions } from '../util/safe-write.ts';
import { sha256Hex } from '../util/hash.ts';
import { GateError } from '../errors.ts';

export const ENTRY_MAGIC = 'model-gate cache entry v1';
export const ENTRY_SUFFIX = '.mgc';
/** The largest entry file read or written (2 GiB: also the most one Node read returns). */
export const MAX_ENTRY_BYTES = 2 * 1024 * 1024 * 1024;

const KEY = /^[0-9a-f]{64}$/;

export interface CacheStats {
  /** Entries found and verified. */
  hits: number;
  /** Keys with no entry. */
  misses: number;
  /** Entries present but ignored (damaged, foreign, symlinked, too large, unreadable). */
  corrupt: number;
  /** Entries written by this run. */
  written: number;
}

export interface DirCache extends OutcomeCache {
  /** The folder (absolute). */
  readonly dir: string;
  readonly stats: CacheStats;
  /** The entry files this run read (verified) or wrote, by name: what a save keeps. */
  readonly used: ReadonlySet<string>;
  /** One line for the end of the run: `cache DIR: 3 hits, 1 miss, 0 ignored, 1 written`. */
  summary(): string;
}

export interface DirCacheOptions {
  /** Folders the cache folder must resolve inside (the workspace, the current directory, RUNNER_TEMP). */
  roots: string[];
  /** Those roots in words, for the refusal. */
  where: string;
  /** What the folder is called in messages (`--cache-dir`, the `cache` input). */
  what: string;
  /** The CLI: a folder typed on the command line may lie anywhere when no symlink leads it elsewhere. */
  literalAnywhere?: OutputOptions['literalAnywhere'];
  /** The size bound of an entry file (default MAX_ENTRY_BYTES). */
  maxEntryBytes?: number;
}

/** The bytes of an entry file for `key` holding `payload`. */
export function encodeEntry(key: string, payload: Uint8Array): Uint8Array {
  const header = Buffer.from(`${ENTRY_MAGIC}\n${key}\nsha256:${sha256Hex(payload)}\n${payload.length}\n`, 'latin1');
  return Buffer.concat([header, payload]);
}

/** The payload of an entry file read under `key`, or why it is not to be used. */
export function decodeEntry(key: string, bytes: Uint8Array): { payload: Uint8Array } | { why: string } {
  const lines: string[] = [];
  let at = 0;
  while (lines.length < 4) {
    const nl = bytes.indexOf(0x0a, at);
    if (nl < 0 || nl - at > 80) return { why: lines.length === 0 ? 'not a model-gate cache entry (no magic line)' : 'its header is truncated or malformed' };
    lines.push(Buffer.from(bytes.subarray(at, nl)).toString('latin1'));
    at = nl + 1;
  }
  const [magic, stored, digest, length] = lines;
  if (magic !== ENTRY_MAGIC) return { why: `not a model-gate cache entry (its first line is not "${ENTRY_MAGIC}")` };
  if (!KEY.test(stored)) return { why: 'its key line is not 64 lowercase hex' };
  if (stored !== key) return { why: `it is the entry of another key (${stored.slice(0, 12)}…), copied or renamed to this name` };
  const d = /^sha256:([0-9a-f]{64})$/.exec(digest);
  if (!d) return { why: 'its digest line is not sha256:<64 lowercase hex>' };
  if (!/^(0|[1-9][0-9]{0,15})$/.test(length)) return { why: 'its length line is not a decimal number' };
  const n = Number(length);
  const have = bytes.length - at;
  if (have !== n) return { why: have < n ? `truncated: ${have} of its ${n} payload bytes` : `${have - n} bytes after its ${n} payload bytes` };
  const payload = bytes.subarray(at);
  if (sha256Hex(payload) !== d[1]) return { why: 'its payload does not match its sha256 (damaged)' };
  return { payload };
}

/**
 * The cache in `dir`. The folder is checked now (as `--json` is: inside the roots once symlinks are resolved, or, on
 * the CLI, the literal path); a folder that cannot be used throws a GateError before the run. It is created at
 * the first write.
 */
export function dirCache(dir: string, warn: (message: string) => void, o: DirCacheOptions): DirCache {
  const abs = path.resolve(dir);
  // The folder as an output file's folder (the --json rules), named as the folder in a refusal.
  const probe = path.join(abs, `.model-gate-probe${ENTRY_SUFFIX}`);
  try {
    checkOutputPath(probe, o.roots, o.what, o.where, { literalAnywhere: o.literalAnywhere });
  } catch (e) {
    if (e instanceof GateError) throw new GateError(e.code, e.message.split(probe).join(abs));
    throw e;
  }
  const max = o.maxEntryBytes ?? MAX_ENTRY_BYTES;
  const stats: CacheStats = { hits: 0, misses: 0, corrupt: 0, written: 0 };
  const used = new Set<string>();
  const ignored = (file: string, why: string) => {
    stats.corrupt++;
    warn(`cache: ignored ${file}: ${why}: it will be recomputed`);
  };
  const badKey = (key: string, doing: string): boolean => {
    if (KEY.test(key)) return false;
    warn(`cache: key "${String(key).slice(0, 80)}" is not 64 lowercase hex: not ${doing}`);
    return true;
  };

  return {
    dir: abs,
    stats,
    used,
    get(key) {
      if (badKey(key, 'looked up')) {
        stats.misses++;
        return undefined;
      }
      const name = key + ENTRY_SUFFIX;
      const file = path.join(abs, name);
      let fd: number;
      try {
        fd = openSync(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'ENOTDIR') {
          stats.misses++;
          return undefined;
        }
        ignored(file, code === 'ELOOP' ? 'it is a symlink (model-gate never reads cache entries through symlinks)' : `cannot be read (${code ?? (e as Error).message})`);
        return undefined;
      }
      try {
        const st = fstatSync(fd);
        if (!st.isFile()) return void ignored(file, 'it is not a regular file');
        if (st.size > max) return void ignored(file, `it is ${st.size} bytes, over the ${max}-byte bound of an entry`);
        const bytes = Buffer.allocUnsafe(st.size);
        let off = 0;
        while (off < bytes.length) {
          const n = readSync(fd, bytes, off, bytes.length - off, off);
          if (n === 0) break;
          off += n;
        }
        const r = decodeEntry(key, bytes.subarray(0, off));
        if ('why' in r) return void ignored(file, r.why);
        stats.hits++;
        used.add(name);
        return r.payload;
      } catch (e) {
        ignored(file, `cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
        return undefined;
      } finally {
        closeSync(fd);
      }
    },
    put(key, bytes) {
      if (badKey(key, 'stored')) return;
      const name = key + ENTRY_SUFFIX;
      const file = path.join(abs, name);
      const entry = encodeEntry(key, bytes);
      if (entry.length > max) {
        warn(`cache: ${file} not written: the entry is ${entry.length} bytes, over the ${max}-byte bound of an entry`);
        return;
      }
      const tmp = path.join(abs, `.${key}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
      let fd: number | undefined;
      try {
        mkdirSync(abs, { recursive: true });
        // Again with the folder made: it must still be where it was checked to be.
        checkOutputPath(tmp, o.roots, o.what, o.where, { literalAnywhere: o.literalAnywhere });
        fd = openSync(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), 0o644);
        let off = 0;
        while (off < entry.length) off += writeSync(fd, entry, off, entry.length - off);
        closeSync(fd);
        fd = undefined;
        // The entry appears whole or not at all (rename replaces a symlink at the name, never follows it).
        renameSync(tmp, file);
        stats.written++;
        used.add(name);
      } catch (e) {
        if (fd !== undefined) closeSync(fd);
        try {
          unlinkSync(tmp);
        } catch {
          // never made, or already gone
        }
        warn(`cache: ${file} not written: ${e instanceof GateError ? e.message : ((e as NodeJS.ErrnoException).code ?? (e as Error).message)}: the run goes on without storing it`);
      }
    },
    summary() {
      const s = stats;
      return `cache ${abs}: ${s.hits} hit${s.hits === 1 ? '' : 's'}, ${s.misses} miss${s.misses === 1 ? '' : 'es'}, ${s.corrupt} ignored, ${s.written} written`;
    },
  };
}
