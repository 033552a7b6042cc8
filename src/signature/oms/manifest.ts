import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { sha256Ranges, type HashRange } from '../../util/hash.ts';
import { sigError, sigFail } from '../errors.ts';

/**
 * Recomputes an OpenSSF model signing (OMS) manifest of a model (a file or a folder), as the upstream
 * `model_signing` serializers do:
 * - `files`: one resource per regular file, named by its POSIX path relative to the model root (a single-file
 *   model is one resource named `.`);
 * - `shards`: one resource per `[start, end)` shard of `shard_size` bytes, named `path:start:end` (empty files
 *   have no shard);
 * - resources sorted component-wise by path (Python `PurePosixPath` order), then shard start;
 * - ignored: the given paths relative to the model root (a folder ignores everything under it);
 * - symlinks: refused unless `allow_symlinks` (then followed, and they must stay inside the model).
 * The subject (root) digest is SHA-256 over the raw resource digests concatenated in that order.
 * Files and shards are hashed in parallel by `util/hash.ts` worker threads.
 */

export interface Serialization {
  method: 'files' | 'shards';
  hashType: 'sha256';
  shardSize?: number;
  allowSymlinks: boolean;
  /** Ignore paths recorded in the signature (relative to the model root), if any. */
  ignorePaths: string[];
}

export interface ManifestItem {
  name: string;
  /** Raw digest. */
  digest: Buffer;
}

/** Paths upstream always ignores in a folder model (the git metadata). */
export const DEFAULT_IGNORED = ['.git', '.gitattributes', '.github', '.gitignore'];

/** Component-wise comparison of POSIX paths (Python `PurePosixPath` ordering: tuples of parts). */
export function comparePaths(a: string, b: string): number {
  const pa = a === '.' ? [] : a.split('/');
  const pb = b === '.' ? [] : b.split('/');
  const n = Math.min(pa.length, pb.length);
  for (let i = 0; i < n; i++) {
    if (pa[i] !== pb[i]) return pa[i] < pb[i] ? -1 : 1;
  }
  return pa.length - pb.length;
}

/** Parses a shard resource name `path:start:end` (the path itself may not contain `:` upstream either). */
export function parseShardName(name: string): { path: string; start: number; end: number } | null {
  const parts = name.split(':');
  if (parts.length !== 3 || !/^\d+$/.test(parts[1]) || !/^\d+$/.test(parts[2])) return null;
  return { path: parts[0], start: Number(parts[1]), end: Number(parts[2]) };
}

/** Sort key order of manifest resources (component-wise path, then shard start, then end). */
export function compareResources(method: 'files' | 'shards', a: string, b: string): number {
  if (method === 'files') return comparePaths(a, b);
  const sa = parseShardName(a);
  const sb = parseShardName(b);
  if (!sa || !sb) return a < b ? -1 : a > b ? 1 : 0;
  return comparePaths(sa.path, sb.path) || sa.start - sb.start || sa.end - sb.end;
}

/** Normalises a model-relative ignore path to POSIX form without `./` or trailing `/`; null when it leaves the model. */
export function normaliseIgnore(p: string): string | null {
  const n = path.posix.normalize(p.replace(/\\/g, '/')).replace(/\/+$/, '');
  if (n === '' || n === '.' || n === '..' || n.startsWith('../') || path.posix.isAbsolute(n)) return null;
  return n;
}

function isIgnored(rel: string, ignores: string[]): boolean {
  return ignores.some((ig) => rel === ig || rel.startsWith(ig + '/'));
}

/** Lists the regular files of a model (POSIX relative paths, unsorted), applying ignores and the symlink rule. */
export async function listModelFiles(modelPath: string, ignores: string[], allowSymlinks: boolean): Promise<{ rel: string; abs: string; size: number }[]> {
  const top = await lstat(modelPath).catch((e) => {
    throw sigError('model-missing', `model path ${modelPath} cannot be read (${(e as Error).message})`);
  });
  const modelReal = await realpath(modelPath);
  const resolveEntry = async (abs: string, rel: string) => {
    const st = await lstat(abs);
    if (st.isSymbolicLink()) {
      if (!allowSymlinks) throw sigFail('symlink', `${rel === '.' ? modelPath : rel} is a symbolic link, and the signature does not allow symlinks (allow_symlinks is false): replace it with the file`);
      let real: string;
      try {
        real = await realpath(abs);
      } catch {
        throw sigFail('symlink', `${rel} is a broken symbolic link`);
      }
      const inside = path.relative(top.isDirectory() ? modelReal : path.dirname(modelReal), real);
      if (rel !== '.' && (inside === '..' || inside.startsWith('..' + path.sep) || path.isAbsolute(inside))) {
        throw sigFail('symlink', `${rel} is a symbolic link that points outside the model`);
      }
      return { st: await stat(abs), real };
    }
    return { st, real: abs };
  };
  const first = await resolveEntry(modelPath, '.');
  if (first.st.isFile()) return [{ rel: '.', abs: modelPath, size: first.st.size }];
  if (!first.st.isDirectory()) throw sigError('model-type', `model path ${modelPath} is neither a file nor a folder`);

  const out: { rel: string; abs: string; size: number }[] = [];
  const onPath = new Set<string>();
  const walk = async (dirAbs: string, dirRel: string) => {
    const real = await realpath(dirAbs);
    if (onPath.has(real)) throw sigFail('symlink', `${dirRel} is a symbolic link to one of its own parent folders (a cycle)`);
    onPath.add(real);
    const entries = await readdir(dirAbs);
    for (const name of entries) {
      const rel = dirRel ? `${dirRel}/${name}` : name;
      if (isIgnored(rel, ignores)) continue;
      const abs = path.join(dirAbs, name);
      const { st } = await resolveEntry(abs, rel);
      if (st.isDirectory()) await walk(abs, rel);
      else if (st.isFile()) out.push({ rel, abs, size: st.size });
      else throw sigFail('special-file', `${rel} in the model is neither a regular file nor a folder`);
    }
    onPath.delete(real);
  };
  await walk(modelPath, '');
  return out;
}

/** Computes the manifest (sorted) of the model under the given serialization. */
export async function computeManifest(modelPath: string, ser: Serialization, ignores: string[]): Promise<ManifestItem[]> {
  const files = await listModelFiles(modelPath, ignores, ser.allowSymlinks);
  const names: string[] = [];
  const ranges: HashRange[] = [];
  if (ser.method === 'files') {
    for (const f of files) {
      names.push(f.rel);
      ranges.push({ file: f.abs, start: 0, end: f.size });
    }
  } else {
    const size = ser.shardSize;
    if (!size || !Number.isSafeInteger(size) || size <= 0) throw sigError('manifest', `invalid shard size ${size}`);
    for (const f of files) {
      for (let start = 0; start < f.size; start += size) {
        const end = Math.min(start + size, f.size);
        names.push(`${f.rel}:${start}:${end}`);
        ranges.push({ file: f.abs, start, end });
      }
    }
  }
  const digests = await sha256Ranges(ranges);
  const items = names.map((name, i) => ({ name, digest: digests[i] }));
  items.sort((a, b) => compareResources(ser.method, a.name, b.name));
  return items;
}

/** SHA-256 over the concatenated raw digests, in the given order. */
export function rootDigest(items: { digest: Buffer }[]): Buffer {
  const h = createHash('sha256');
  for (const it of items) h.update(it.digest);
  return h.digest();
}
