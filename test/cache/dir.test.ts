/**
 * The folder store of the outcome cache (src/cache/dir.ts): the entry file's bytes written out by hand here, a round
 * trip, and every way an entry is refused (damaged, truncated, renamed, bad magic, symlinked, too large, a bad key):
 * undefined and one warning naming the file and why, never a throw. Writes are atomic: a failed one leaves no file.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { dirCache, type DirCache } from '../../src/cache/dir.ts';
import { GateError } from '../../src/errors.ts';
import { ROOT } from '../helpers/workspace.ts';

/** A real payload: the bytes of an ONNX fixture (any bytes would do; the store never parses them). */
const PAYLOAD = new Uint8Array(readFileSync(path.join(ROOT, 'test/fixtures/onnx/skl_logreg_iris.onnx')));
const hex = (s: string) => createHash('sha256').update(s).digest('hex');
const KEY_A = hex('entry a');
const KEY_B = hex('entry b');

function folder(): { root: string; dir: string; done: () => void } {
  const root = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'mg-cache-')));
  return { root, dir: path.join(root, 'cache'), done: () => rmSync(root, { recursive: true, force: true }) };
}

function open(dir: string, root: string, opts: { maxEntryBytes?: number } = {}): { cache: DirCache; warnings: string[] } {
  const warnings: string[] = [];
  const cache = dirCache(dir, (m) => warnings.push(m), { roots: [root], where: 'the test folder', what: '--cache-dir', ...opts });
  return { cache, warnings };
}

/** The entry file as the format says, built here from its parts. */
function entryBytes(key: string, payload: Uint8Array): Buffer {
  const digest = createHash('sha256').update(payload).digest('hex');
  return Buffer.concat([Buffer.from(`model-gate cache entry v1\n${key}\nsha256:${digest}\n${payload.length}\n`), payload]);
}

test('round trip: the entry file is magic, key, sha256, length, payload; a later run on the folder reads it back', () => {
  const { root, dir, done } = folder();
  try {
    const { cache, warnings } = open(dir, root);
    assert.equal(existsSync(dir), false, 'no folder is made before the first write');
    assert.equal(cache.get(KEY_A), undefined);
    cache.put(KEY_A, PAYLOAD);
    const file = path.join(dir, `${KEY_A}.mgc`);
    assert.deepEqual(readFileSync(file), entryBytes(KEY_A, PAYLOAD));
    assert.deepEqual(readdirSync(dir), [`${KEY_A}.mgc`], 'no temporary file left');
    assert.deepEqual(Buffer.from(cache.get(KEY_A)!), Buffer.from(PAYLOAD));
    assert.deepEqual(cache.stats, { hits: 1, misses: 1, corrupt: 0, written: 1 });
    assert.equal(cache.summary(), `cache ${dir}: 1 hit, 1 miss, 0 ignored, 1 written`);
    assert.deepEqual([...cache.used], [`${KEY_A}.mgc`]);
    assert.deepEqual(warnings, []);

    const later = open(dir, root);
    assert.deepEqual(Buffer.from(later.cache.get(KEY_A)!), Buffer.from(PAYLOAD));
    assert.equal(later.cache.get(KEY_B), undefined);
    assert.deepEqual(later.cache.stats, { hits: 1, misses: 1, corrupt: 0, written: 0 });
    // An empty payload is an entry like any other.
    later.cache.put(KEY_B, new Uint8Array(0));
    assert.deepEqual(readFileSync(path.join(dir, `${KEY_B}.mgc`)).toString(), `model-gate cache entry v1\n${KEY_B}\nsha256:${hex('')}\n0\n`);
    assert.equal(later.cache.get(KEY_B)!.length, 0);
    assert.equal(later.cache.summary(), `cache ${dir}: 2 hits, 1 miss, 0 ignored, 1 written`);
  } finally {
    done();
  }
});

/** Each damage: the file's bytes changed as given, then get → undefined and the one warning. */
const DAMAGE: { name: string; change(b: Buffer): Buffer; why: RegExp }[] = [
  {
    name: 'a flipped payload byte',
    change: (b) => { const c = Buffer.from(b); c[c.length - 100] ^= 0x01; return c; },
    why: /its payload does not match its sha256 \(damaged\)/,
  },
  {
    name: 'a truncated payload',
    change: (b) => b.subarray(0, b.length - 10),
    why: new RegExp(`truncated: ${PAYLOAD.length - 10} of its ${PAYLOAD.length} payload bytes`),
  },
  {
    name: 'bytes after the payload',
    change: (b) => Buffer.concat([b, Buffer.from('xyz')]),
    why: new RegExp(`3 bytes after its ${PAYLOAD.length} payload bytes`),
  },
  {
    name: 'a file cut inside its header',
    change: (b) => b.subarray(0, 40),
    why: /its header is truncated or malformed/,
  },
  {
    name: 'another magic line',
    change: (b) => Buffer.concat([Buffer.from('model-gate cache entry v2'), b.subarray('model-gate cache entry v1'.length)]),
    why: /not a model-gate cache entry \(its first line is not "model-gate cache entry v1"\)/,
  },
  {
    name: 'no magic line at all (an empty file)',
    change: () => Buffer.alloc(0),
    why: /not a model-gate cache entry \(no magic line\)/,
  },
  {
    name: 'a length that is not a number',
    change: (b) => Buffer.from(b.toString('latin1').replace(`\n${PAYLOAD.length}\n`, `\n0x${PAYLOAD.length.toString(16)}\n`), 'latin1'),
    why: /its length line is not a decimal number/,
  },
];

for (const d of DAMAGE) {
  test(`an entry with ${d.name} is ignored with a warning naming the file and why`, () => {
    const { root, dir, done } = folder();
    try {
      const { cache, warnings } = open(dir, root);
      cache.put(KEY_A, PAYLOAD);
      const file = path.join(dir, `${KEY_A}.mgc`);
      writeFileSync(file, d.change(readFileSync(file)));
      assert.equal(cache.get(KEY_A), undefined);
      assert.equal(warnings.length, 1, warnings.join('\n'));
      assert.ok(warnings[0].startsWith(`cache: ignored ${file}: `), warnings[0]);
      assert.match(warnings[0], d.why);
      assert.ok(warnings[0].endsWith(': it will be recomputed'), warnings[0]);
      assert.deepEqual(cache.stats, { hits: 0, misses: 0, corrupt: 1, written: 1 });
      assert.equal(cache.used.size, 1, 'only the write counts as used');
      // Recomputed and stored again: the next read is good.
      cache.put(KEY_A, PAYLOAD);
      assert.deepEqual(Buffer.from(cache.get(KEY_A)!), Buffer.from(PAYLOAD));
    } finally {
      done();
    }
  });
}

test('an entry renamed to another key\'s name is foreign: ignored, even though its own digest is right', () => {
  const { root, dir, done } = folder();
  try {
    const { cache, warnings } = open(dir, root);
    cache.put(KEY_A, PAYLOAD);
    renameSync(path.join(dir, `${KEY_A}.mgc`), path.join(dir, `${KEY_B}.mgc`));
    assert.equal(cache.get(KEY_B), undefined);
    assert.deepEqual(warnings, [`cache: ignored ${path.join(dir, `${KEY_B}.mgc`)}: it is the entry of another key (${KEY_A.slice(0, 12)}…), copied or renamed to this name: it will be recomputed`]);
    assert.equal(cache.get(KEY_A), undefined, 'and it is not found under its own key either');
    assert.deepEqual(cache.stats, { hits: 0, misses: 1, corrupt: 1, written: 1 });
  } finally {
    done();
  }
});

test('a key that is not 64 lowercase hex is neither looked up nor stored (a warning), and nothing is made', () => {
  const { root, dir, done } = folder();
  try {
    const { cache, warnings } = open(dir, root);
    for (const key of [KEY_A.toUpperCase(), KEY_A.slice(1), `../${KEY_A.slice(3)}`, `${KEY_A}\n`]) {
      warnings.length = 0;
      assert.equal(cache.get(key), undefined);
      cache.put(key, PAYLOAD);
      assert.equal(warnings.length, 2, key);
      assert.match(warnings[0], /^cache: key ".*" is not 64 lowercase hex: not looked up$/s);
      assert.match(warnings[1], /^cache: key ".*" is not 64 lowercase hex: not stored$/s);
    }
    assert.equal(existsSync(dir), false);
    assert.deepEqual(cache.stats, { hits: 0, misses: 4, corrupt: 0, written: 0 });
  } finally {
    done();
  }
});

test('a symlinked entry is refused (never read through), even when it leads to a valid entry; a write replaces the link, not its target', () => {
  const { root, dir, done } = folder();
  try {
    mkdirSync(dir);
    const elsewhere = path.join(root, 'elsewhere.mgc');
    writeFileSync(elsewhere, entryBytes(KEY_A, PAYLOAD));
    const link = path.join(dir, `${KEY_A}.mgc`);
    symlinkSync(elsewhere, link);
    const { cache, warnings } = open(dir, root);
    assert.equal(cache.get(KEY_A), undefined);
    assert.deepEqual(warnings, [`cache: ignored ${link}: it is a symlink (model-gate never reads cache entries through symlinks): it will be recomputed`]);
    cache.put(KEY_A, new Uint8Array([1, 2, 3]));
    assert.deepEqual(readFileSync(elsewhere), entryBytes(KEY_A, PAYLOAD), 'the link\'s target is untouched');
    assert.deepEqual([...cache.get(KEY_A)!], [1, 2, 3]);
  } finally {
    done();
  }
});

test('an entry over the size bound is neither written nor read', () => {
  const { root, dir, done } = folder();
  try {
    const bound = entryBytes(KEY_A, PAYLOAD).length; // exactly the entry of PAYLOAD
    const { cache, warnings } = open(dir, root, { maxEntryBytes: bound });
    cache.put(KEY_A, PAYLOAD);
    assert.deepEqual(warnings, []);
    const big = new Uint8Array(PAYLOAD.length + 1);
    cache.put(KEY_B, big);
    const bigFile = path.join(dir, `${KEY_B}.mgc`);
    assert.deepEqual(warnings, [`cache: ${bigFile} not written: the entry is ${bound + 1} bytes, over the ${bound}-byte bound of an entry`]);
    assert.equal(existsSync(bigFile), false);
    writeFileSync(bigFile, entryBytes(KEY_B, big));
    assert.equal(cache.get(KEY_B), undefined);
    assert.equal(warnings[1], `cache: ignored ${bigFile}: it is ${bound + 1} bytes, over the ${bound}-byte bound of an entry: it will be recomputed`);
    assert.deepEqual(Buffer.from(cache.get(KEY_A)!), Buffer.from(PAYLOAD));
  } finally {
    done();
  }
});

test('a write that fails leaves no file, partial or temporary, and is a warning: a folder at the entry\'s name', () => {
  const { root, dir, done } = folder();
  try {
    const blocker = path.join(dir, `${KEY_A}.mgc`);
    mkdirSync(path.join(blocker, 'inside'), { recursive: true });
    const { cache, warnings } = open(dir, root);
    cache.put(KEY_A, PAYLOAD);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], new RegExp(`^cache: ${blocker} not written: (EISDIR|ENOTEMPTY|EEXIST): the run goes on without storing it$`));
    assert.deepEqual(readdirSync(dir), [`${KEY_A}.mgc`], 'no temporary file left');
    assert.deepEqual(readdirSync(blocker), ['inside']);
    assert.equal(cache.stats.written, 0);
    assert.equal(cache.get(KEY_A), undefined);
    assert.match(warnings[1], /it is not a regular file/);
  } finally {
    done();
  }
});

test('a write into a read-only folder leaves nothing and is a warning', { skip: process.getuid?.() === 0 ? 'root writes into read-only folders' : false }, () => {
  const { root, dir, done } = folder();
  try {
    mkdirSync(dir);
    chmodSync(dir, 0o555);
    const { cache, warnings } = open(dir, root);
    cache.put(KEY_A, PAYLOAD);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /not written: .*: the run goes on without storing it$/);
    chmodSync(dir, 0o755);
    assert.deepEqual(readdirSync(dir), []);
  } finally {
    chmodSync(dir, 0o755);
    done();
  }
});

test('the folder: a symlink leading outside the roots is refused before the run; the CLI may name a plain folder anywhere', () => {
  const { root, done } = folder();
  const outside = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'mg-cache-out-')));
  try {
    const link = path.join(root, 'cache-link');
    symlinkSync(outside, link);
    assert.throws(() => open(link, root), (e: unknown) => e instanceof GateError && e.code === 'output.outside' && e.message === `--cache-dir ${link} is outside the test folder (after resolving symlinks): write it under one of them`);
    // Inside the roots through no symlink: fine; outside them typed literally: only with literalAnywhere (the CLI).
    assert.throws(() => open(path.join(outside, 'c'), root), (e: unknown) => e instanceof GateError && e.code === 'output.outside');
    const cli = dirCache(path.join(outside, 'c'), () => {}, { roots: [root], where: 'the test folder', what: '--cache-dir', literalAnywhere: true });
    cli.put(KEY_A, PAYLOAD);
    assert.deepEqual(readFileSync(path.join(outside, 'c', `${KEY_A}.mgc`)), entryBytes(KEY_A, PAYLOAD));
    assert.throws(() => dirCache(link, () => {}, { roots: [root], where: 'the test folder', what: '--cache-dir', literalAnywhere: true }), (e: unknown) => e instanceof GateError && e.code === 'output.outside');
    // A file where the folder should be.
    writeFileSync(path.join(root, 'file'), 'x');
    assert.throws(() => open(path.join(root, 'file'), root), (e: unknown) => e instanceof GateError && /is not a folder/.test(e.message));
  } finally {
    done();
    rmSync(outside, { recursive: true, force: true });
  }
});
