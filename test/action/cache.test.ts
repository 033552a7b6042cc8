/**
 * The action's `cache: true` (src/action/cache.ts): the outcome cache's folder restored and saved through
 * @actions/cache against a loopback Actions cache service (test/helpers/cache-server.ts: the v1 protocol it speaks
 * with ACTIONS_CACHE_URL, and v2, Twirp plus the Azure Blob SDK, with ACTIONS_CACHE_SERVICE_V2). First in-process (restore, save, prune, the keys), then dist/index.js run as the runner
 * runs it: the first run computes and saves, a second run on a fresh runner restores and runs no inference, a
 * corrupted restored entry is a warning and is recomputed, and the report is the same every time apart from timings.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { restoreActionCache, saveActionCache } from '../../src/action/cache.ts';
import { runAction, errorLines, type ActionRun } from '../helpers/action.ts';
import { copyExample } from '../helpers/example.ts';
import { startFakeCacheService, type FakeCacheService } from '../helpers/cache-server.ts';

const PREFIX = `model-gate-v1-${process.platform}-${process.arch}-model-gate-`;
const sha256 = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');

/** The key a save uses, computed here from the folder's files. */
function expectedKey(dir: string, runId: string): string {
  const names = readdirSync(dir).filter((n) => n.endsWith('.mgc')).sort();
  const h = sha256(names.map((n) => `${n} ${sha256(readFileSync(path.join(dir, n)))}\n`).join(''));
  return `${PREFIX}${h.slice(0, 32)}-${runId}.1`;
}

/** process.env as the runner gives a JavaScript action (the library reads it there), for the in-process calls. */
async function withRunnerEnv<T>(env: Record<string, string>, f: () => Promise<T>): Promise<T> {
  const saved = { ...process.env };
  for (const k of ['ACTIONS_CACHE_SERVICE_V2', 'ACTIONS_RESULTS_URL', 'ACTIONS_CACHE_MODE']) delete process.env[k];
  Object.assign(process.env, env);
  try {
    return await f();
  } finally {
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  }
}

function logger(): { info: (m: string) => void; warn: (m: string) => void; lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (m) => lines.push(m), warn: (m) => lines.push(`warning: ${m}`) };
}

test('in-process: nothing saved yet; entries saved under their digest; a fresh runner restores and verifies them; a save keeps only the entries a run used', async () => {
  const svc = await startFakeCacheService();
  const ws = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'mg-cache-ws-')));
  const rt = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'mg-cache-rt-')));
  const env = { GITHUB_WORKSPACE: ws, RUNNER_TEMP: rt, ACTIONS_CACHE_URL: svc.url, ACTIONS_RUNTIME_TOKEN: svc.token, GITHUB_SERVER_URL: 'https://github.com', GITHUB_SHA: 'c'.repeat(40) };
  const K = (s: string) => sha256(`key ${s}`);
  const P = (s: string) => new Uint8Array(Buffer.from(`outcome ${s} `.repeat(500)));
  try {
    await withRunnerEnv(env, async () => {
      const dir = path.join(rt, 'model-gate-cache-model-gate');
      // Run 1: no saved cache; two entries written; saved.
      let log = logger();
      const one = await restoreActionCache({ runnerTemp: rt, workspace: ws, id: 'model-gate', shard: null, env: { ...env, GITHUB_RUN_ID: '1' }, log });
      assert.equal(one.service, true);
      assert.equal(one.prefix, PREFIX);
      assert.deepEqual(log.lines, [`model-gate: no saved cache for ${PREFIX}*: every outcome is computed`]);
      assert.deepEqual(svc.requests.map((r) => r.method + ' ' + r.url.split('?')[0]), ['GET /_apis/artifactcache/cache']);
      assert.match(svc.requests[0].url, new RegExp(`keys=${encodeURIComponent(`${PREFIX}${'c'.repeat(40)},${PREFIX}`)}&version=[0-9a-f]{64}$`));
      one.store.put(K('a'), P('a'));
      one.store.put(K('b'), P('b'));
      const key1 = expectedKey(dir, '1');
      await saveActionCache(one, { env: { ...env, GITHUB_RUN_ID: '1' }, log });
      assert.equal(log.lines[1], `model-gate: cache ${dir}: 0 hits, 0 misses, 0 ignored, 2 written`);
      assert.equal(log.lines[2], `model-gate: saving the cache as ${key1} (2 entries, 2 new)`);
      assert.equal(svc.caches.length, 1);
      assert.equal(svc.caches[0].key, key1);
      assert.ok(svc.caches[0].archive && svc.caches[0].archive.length === svc.caches[0].size, 'committed whole');

      // Run 2 on a fresh runner: the same RUNNER_TEMP path, emptied; a file planted in the folder is not kept.
      rmSync(rt, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, `${K('planted')}.mgc`), 'not from the cache service');
      log = logger();
      const two = await restoreActionCache({ runnerTemp: rt, workspace: ws, id: 'model-gate', shard: null, env: { ...env, GITHUB_RUN_ID: '2' }, log });
      assert.deepEqual(log.lines, [`model-gate: cache ${key1} restored into ${dir} (2 entries)`]);
      assert.deepEqual(readdirSync(dir).sort(), [`${K('a')}.mgc`, `${K('b')}.mgc`].sort());
      assert.deepEqual(Buffer.from(two.store.get(K('a'))!), Buffer.from(P('a')));
      assert.equal(two.store.get(K('planted')), undefined);
      // Nothing new written: no save (no reservation).
      const posts = () => svc.requests.filter((r) => r.method === 'POST' && r.url === '/_apis/artifactcache/caches').length;
      await saveActionCache(two, { env: { ...env, GITHUB_RUN_ID: '2' }, log });
      assert.equal(log.lines[1], `model-gate: cache ${dir}: 1 hit, 1 miss, 0 ignored, 0 written`);
      assert.equal(posts(), 1);

      // Run 3: reads a, writes c; b was not used, so it is not saved again.
      rmSync(rt, { recursive: true, force: true });
      mkdirSync(rt);
      log = logger();
      const three = await restoreActionCache({ runnerTemp: rt, workspace: ws, id: 'model-gate', shard: null, env: { ...env, GITHUB_RUN_ID: '3' }, log });
      assert.ok(three.store.get(K('a')));
      three.store.put(K('c'), P('c'));
      await saveActionCache(three, { env: { ...env, GITHUB_RUN_ID: '3' }, log });
      assert.deepEqual(readdirSync(dir).sort(), [`${K('a')}.mgc`, `${K('c')}.mgc`].sort());
      const key3 = expectedKey(dir, '3');
      assert.equal(log.lines.at(-1), `model-gate: saving the cache as ${key3} (2 entries, 1 new)`);
      assert.deepEqual(svc.caches.map((c) => c.key), [key1, key3]);

      // Run 4: the newest cache (run 3's) is restored.
      rmSync(rt, { recursive: true, force: true });
      mkdirSync(rt);
      log = logger();
      const four = await restoreActionCache({ runnerTemp: rt, workspace: ws, id: 'model-gate', shard: null, env: { ...env, GITHUB_RUN_ID: '4' }, log });
      assert.deepEqual(log.lines, [`model-gate: cache ${key3} restored into ${dir} (2 entries)`]);
      assert.deepEqual(Buffer.from(four.store.get(K('c'))!), Buffer.from(P('c')));
      assert.equal(four.store.get(K('b')), undefined);

      // Another gate (id) and a shard have their own prefixes: nothing of this one is restored for them.
      log = logger();
      const other = await restoreActionCache({ runnerTemp: rt, workspace: ws, id: 'fraud', shard: { k: 2, n: 3 }, env, log });
      assert.equal(other.prefix, `model-gate-v1-${process.platform}-${process.arch}-fraud-shard2of3-`);
      assert.deepEqual(log.lines, [`model-gate: no saved cache for ${other.prefix}*: every outcome is computed`]);
    });
  } finally {
    await svc.close();
    rmSync(ws, { recursive: true, force: true });
    rmSync(rt, { recursive: true, force: true });
  }
});

test('in-process: no cache service for this step (no ACTIONS_CACHE_URL): a warning, the folder still works, nothing is saved', async () => {
  const ws = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'mg-cache-ws-')));
  const rt = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'mg-cache-rt-')));
  try {
    await withRunnerEnv({ GITHUB_WORKSPACE: ws, RUNNER_TEMP: rt, GITHUB_SERVER_URL: 'https://github.com' }, async () => {
      delete process.env.ACTIONS_CACHE_URL;
      const log = logger();
      const c = await restoreActionCache({ runnerTemp: rt, workspace: ws, id: 'model-gate', shard: null, env: {}, log });
      assert.deepEqual(log.lines, ['warning: cache: true, but the Actions cache service is not available to this step (no ACTIONS_CACHE_URL / ACTIONS_RESULTS_URL): every outcome is computed and nothing is saved']);
      c.store.put(sha256('k'), new Uint8Array([7]));
      assert.deepEqual([...c.store.get(sha256('k'))!], [7]);
      await saveActionCache(c, { env: {}, log });
      assert.equal(log.lines.length, 2, 'the closing line only');
    });
  } finally {
    rmSync(ws, { recursive: true, force: true });
    rmSync(rt, { recursive: true, force: true });
  }
});

// ---- dist/index.js as the runner runs it ----

/** The example with the fast gates only (accuracy, memorisation, fairness, regression skipped, model card). */
function workspace(): string {
  const ws = copyExample();
  const p = path.join(ws, 'model-gate.yml');
  writeFileSync(p, readFileSync(p, 'utf8').replace(/  robustness:[\s\S]*?(?=  memorisation:)/, ''));
  return ws;
}

const report = (run: ActionRun) => JSON.parse(readFileSync(run.outputs['report-path'], 'utf8'));
const withoutTimings = (r: { timings: unknown }) => JSON.stringify({ ...r, timings: undefined }, null, 2);
const inferenceTimings = (r: { timings: Record<string, number> }) => Object.keys(r.timings).filter((k) => k.startsWith('inference.')).sort();

/** What the runner gives a JavaScript action for each cache protocol. */
const serviceEnv = (svc: FakeCacheService, protocol: 'v1' | 'v2'): Record<string, string> => protocol === 'v1'
  ? { ACTIONS_CACHE_URL: svc.url, ACTIONS_RUNTIME_TOKEN: svc.token }
  : { ACTIONS_CACHE_SERVICE_V2: 'true', ACTIONS_RESULTS_URL: svc.url, ACTIONS_RUNTIME_TOKEN: svc.token };

function gateRun(ws: string, rt: string, svc: FakeCacheService, runId: string, inputs: Record<string, string> = { cache: 'true' }, protocol: 'v1' | 'v2' = 'v1'): Promise<ActionRun> {
  // A fresh runner: RUNNER_TEMP is the same path in every job, and empty.
  rmSync(rt, { recursive: true, force: true });
  mkdirSync(rt, { recursive: true });
  return runAction({
    workspace: ws,
    runnerTemp: rt,
    inputs: { policy: 'model-gate.yml', ...inputs },
    event: { name: 'workflow_dispatch', payload: {} },
    env: { GITHUB_SHA: 'd'.repeat(40), GITHUB_RUN_ID: runId, ...serviceEnv(svc, protocol) },
  });
}

test('dist/index.js: the first run computes and saves; a fresh runner restores and runs no inference; a corrupted entry is recomputed with a warning; the same report every time', async () => {
  const svc = await startFakeCacheService();
  const ws = workspace();
  const rt = path.join(realpathSync(os.tmpdir()), `mg-cache-runner-${process.pid}`);
  const dir = path.join(rt, 'model-gate-cache-model-gate');
  try {
    const plain = await gateRun(ws, rt, svc, '10', {});
    assert.equal(plain.code, 0, plain.stdout);
    assert.equal(svc.requests.length, 0, 'cache: false (the default) never calls the service');
    const expected = report(plain);
    const inferred = inferenceTimings(expected);
    assert.ok(inferred.length >= 3, JSON.stringify(expected.timings));

    // 1: nothing saved yet; every outcome computed and stored; saved.
    const first = await gateRun(ws, rt, svc, '11');
    assert.equal(first.code, 0, first.stdout);
    assert.match(first.stdout, new RegExp(`model-gate: no saved cache for ${PREFIX}\\*`));
    const summary1 = /model-gate: cache \S+: 0 hits, (\d+) misses, 0 ignored, (\d+) written/.exec(first.stdout);
    assert.ok(summary1, first.stdout);
    const written = Number(summary1[2]);
    assert.ok(written >= inferred.length && Number(summary1[1]) === written, summary1[0]);
    assert.equal(readdirSync(dir).length, written);
    const key1 = expectedKey(dir, '11');
    assert.match(first.stdout, new RegExp(`saving the cache as ${key1} \\(${written} entries, ${written} new\\)`));
    assert.deepEqual(svc.caches.map((c) => c.key), [key1]);
    // No warning or error of the cache client (the gates' own annotations carry title=model-gate).
    assert.deepEqual(first.stdout.split('\n').filter((l) => /^::(warning|error)::/.test(l)), []);
    assert.equal(withoutTimings(report(first)), withoutTimings(expected));
    assert.deepEqual(inferenceTimings(report(first)), inferred);

    // 2: a fresh runner: restored; every outcome from the cache, no inference; nothing new, so nothing saved.
    const second = await gateRun(ws, rt, svc, '12');
    assert.equal(second.code, 0, second.stdout);
    assert.match(second.stdout, new RegExp(`model-gate: cache ${key1} restored into ${dir} \\(${written} entries\\)`));
    assert.match(second.stdout, new RegExp(`model-gate: cache ${dir}: ${written} hits, 0 misses, 0 ignored, 0 written`));
    assert.doesNotMatch(second.stdout, /saving the cache/);
    assert.deepEqual(inferenceTimings(report(second)), []);
    assert.equal(withoutTimings(report(second)), withoutTimings(expected));
    assert.deepEqual(errorLines(second), []);

    // 3: a saved cache whose entry was damaged (uploaded as a newer cache through the same client): a warning
    // naming the file, that one outcome recomputed, the report the same; the repaired cache saved as the newest.
    const victim = readdirSync(dir).sort()[0];
    const bytes = readFileSync(path.join(dir, victim));
    bytes[bytes.length - 1] ^= 0x20;
    writeFileSync(path.join(dir, victim), bytes);
    await withRunnerEnv({ GITHUB_WORKSPACE: ws, RUNNER_TEMP: rt, ACTIONS_CACHE_URL: svc.url, ACTIONS_RUNTIME_TOKEN: svc.token, GITHUB_SERVER_URL: 'https://github.com' }, async () => {
      const { saveCache } = await import('@actions/cache');
      await saveCache([dir], `${PREFIX}damaged`);
    });
    assert.deepEqual(svc.caches.map((c) => c.key), [key1, `${PREFIX}damaged`]);
    const third = await gateRun(ws, rt, svc, '13');
    assert.equal(third.code, 0, third.stdout);
    assert.match(third.stdout, new RegExp(`model-gate: cache ${PREFIX}damaged restored`));
    assert.ok(third.stdout.includes(`warning: cache: ignored ${path.join(dir, victim)}: its payload does not match its sha256 (damaged): it will be recomputed`), third.stdout);
    assert.match(third.stdout, new RegExp(`model-gate: cache ${dir}: ${written - 1} hits, 0 misses, 1 ignored, 1 written`));
    assert.equal(withoutTimings(report(third)), withoutTimings(expected));
    assert.deepEqual(svc.caches.map((c) => c.key), [key1, `${PREFIX}damaged`, expectedKey(dir, '13')]);

    // 4: the repaired cache is restored: everything from the cache again.
    const fourth = await gateRun(ws, rt, svc, '14');
    assert.match(fourth.stdout, new RegExp(`model-gate: cache ${dir}: ${written} hits, 0 misses, 0 ignored, 0 written`));
    assert.equal(withoutTimings(report(fourth)), withoutTimings(expected));
  } finally {
    await svc.close();
    rmSync(ws, { recursive: true, force: true });
    rmSync(rt, { recursive: true, force: true });
  }
});

test('dist/index.js: a cache service that fails every request never fails the step: the run computes everything, same verdict', async () => {
  const svc = await startFakeCacheService();
  svc.failures.push({ pattern: /./, status: 500 });
  const ws = workspace();
  const rt = path.join(realpathSync(os.tmpdir()), `mg-cache-runner-fail-${process.pid}`);
  try {
    const run = await gateRun(ws, rt, svc, '20');
    assert.equal(run.code, 0, run.stdout);
    assert.equal(run.outputs.verdict, 'pass');
    assert.match(run.stdout, /Failed to restore: /);
    assert.match(run.stdout, /Failed to save: /);
    assert.ok(svc.requests.some((r) => r.method === 'POST'), 'a save was attempted');
    assert.ok(existsSync(run.outputs['report-path']));
  } finally {
    await svc.close();
    rmSync(ws, { recursive: true, force: true });
    rmSync(rt, { recursive: true, force: true });
  }
});

test('dist/index.js, the v2 cache service (Twirp, the archive through the Azure Blob SDK to a signed URL): saved, then restored with no inference; same report', async () => {
  const svc = await startFakeCacheService();
  const ws = workspace();
  const rt = path.join(realpathSync(os.tmpdir()), `mg-cache-runner-v2-${process.pid}`);
  const dir = path.join(rt, 'model-gate-cache-model-gate');
  try {
    const first = await gateRun(ws, rt, svc, '31', { cache: 'true' }, 'v2');
    assert.equal(first.code, 0, first.stdout);
    const key = expectedKey(dir, '31');
    assert.deepEqual(svc.caches.map((c) => [c.key, c.archive !== undefined]), [[key, true]], first.stdout);
    assert.ok(svc.requests.some((r) => r.method === 'PUT' && r.url.startsWith('/devstoreaccount1/caches/1?')), 'the archive went up through the blob SDK');
    assert.deepEqual(first.stdout.split('\n').filter((l) => /^::(warning|error)::/.test(l)), []);
    const second = await gateRun(ws, rt, svc, '32', { cache: 'true' }, 'v2');
    assert.equal(second.code, 0, second.stdout);
    assert.match(second.stdout, new RegExp(`model-gate: cache ${key} restored into ${dir}`));
    assert.match(second.stdout, /model-gate: cache \S+: \d+ hits, 0 misses, 0 ignored, 0 written/);
    assert.deepEqual(inferenceTimings(report(second)), []);
    assert.equal(withoutTimings(report(second)), withoutTimings(report(first)));
    assert.deepEqual(errorLines(second), []);
  } finally {
    await svc.close();
    rmSync(ws, { recursive: true, force: true });
    rmSync(rt, { recursive: true, force: true });
  }
});
