/**
 * The action's `cache: true` (docs/design.md §7 "Cache"): the outcome cache's folder (src/cache/dir.ts) restored
 * from the Actions cache service before the run and saved after it through @actions/cache, the official client of
 * that service. Entries are content-addressed and verified one by one, so restoring an older cache is always safe:
 * an entry that does not match is simply not used. The service failing never fails the step (a warning).
 */
import { lstatSync, readdirSync, readFileSync, rmSync, unlinkSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { dirCache, ENTRY_SUFFIX, type DirCache } from '../cache/dir.ts';

type Env = Record<string, string | undefined>;
interface Log { info(m: string): void; warn(m: string): void }

/** The cache of one action step: its folder's store and the keys it is restored from and saved under. */
export interface ActionCache {
  store: DirCache;
  /** `model-gate-v1-<os>-<arch>-<id>[-shard<K>of<N>]-`: every key this step saves starts with it. */
  prefix: string;
  /** Whether the Actions cache service is there to restore from and save to. */
  service: boolean;
}

/** The `@actions/cache` functions used (injected by tests that need no service). */
export type CacheClient = Pick<typeof import('@actions/cache'), 'isFeatureAvailable' | 'restoreCache' | 'saveCache'>;

const client = (): Promise<CacheClient> => import('@actions/cache');

/**
 * The prefix of this step's cache keys. The entries a run keeps (those it read or wrote) are those of its own gate
 * (id) and shard, so two gates of one repository, or the shards of a matrix, each restore their own cache.
 */
export function cachePrefix(id: string, shard: { k: number; n: number } | null): string {
  return `model-gate-v1-${process.platform}-${process.arch}-${id}-${shard ? `shard${shard.k}of${shard.n}-` : ''}`;
}

/**
 * Before the run: an empty folder under RUNNER_TEMP (anything already there was not written by model-gate and is
 * removed), then the newest cache saved under this step's prefix restored into it.
 */
export async function restoreActionCache(o: { runnerTemp: string; workspace: string; id: string; shard: { k: number; n: number } | null; env: Env; log: Log; cache?: CacheClient }): Promise<ActionCache> {
  const dir = path.join(o.runnerTemp, `model-gate-cache-${o.id}`);
  rmSync(dir, { recursive: true, force: true });
  const store = dirCache(dir, (m) => o.log.warn(m), { roots: [o.workspace, o.runnerTemp], where: 'the workspace and RUNNER_TEMP', what: 'the cache folder' });
  const prefix = cachePrefix(o.id, o.shard);
  let cache: CacheClient;
  try {
    cache = o.cache ?? (await client());
  } catch (e) {
    o.log.warn(`cache: true, but the Actions cache client cannot be loaded (${(e as Error).message}): every outcome is computed and nothing is saved`);
    return { store, prefix, service: false };
  }
  if (!cache.isFeatureAvailable()) {
    o.log.warn('cache: true, but the Actions cache service is not available to this step (no ACTIONS_CACHE_URL / ACTIONS_RESULTS_URL): every outcome is computed and nothing is saved');
    return { store, prefix, service: false };
  }
  try {
    // The primary key is this commit's; a cache is saved under the digest of its entries' names, so what is
    // restored is in practice the newest cache with the prefix (from this branch, the base branch or the default one).
    const primary = `${prefix}${o.env.GITHUB_SHA || 'local'}`;
    const hit = await cache.restoreCache([dir], primary, [prefix]);
    o.log.info(hit ? `model-gate: cache ${hit} restored into ${dir} (${entryNames(dir).length} entries)` : `model-gate: no saved cache for ${prefix}*: every outcome is computed`);
  } catch (e) {
    o.log.warn(`cache: not restored (${(e as Error).message}): every outcome is computed`);
  }
  return { store, prefix, service: true };
}

/**
 * After the run: the closing line of the store, then, when the run wrote an entry, the entries it read or wrote
 * (the others are removed: the cache holds what the current model, data and policy need, not every past run's)
 * saved under a new key, `<prefix><digest of the entries' names and bytes>-<run id>.<attempt>`: unique, so that the
 * newest cache (what the next run restores) is always this one. A failure is a warning.
 */
export async function saveActionCache(c: ActionCache, o: { env: Env; log: Log; cache?: CacheClient }): Promise<void> {
  o.log.info(`model-gate: ${c.store.summary()}`);
  if (!c.service || c.store.stats.written === 0) return;
  try {
    for (const name of readdirSync(c.store.dir)) {
      if (c.store.used.has(name)) continue;
      const file = path.join(c.store.dir, name);
      if (lstatSync(file).isDirectory()) rmSync(file, { recursive: true, force: true });
      else unlinkSync(file);
    }
    const names = entryNames(c.store.dir);
    const h = createHash('sha256');
    for (const n of names) h.update(`${n} ${createHash('sha256').update(readFileSync(path.join(c.store.dir, n))).digest('hex')}\n`);
    const key = `${c.prefix}${h.digest('hex').slice(0, 32)}-${o.env.GITHUB_RUN_ID || 'local'}.${o.env.GITHUB_RUN_ATTEMPT || '1'}`;
    o.log.info(`model-gate: saving the cache as ${key} (${names.length} entries, ${c.store.stats.written} new)`);
    const cache = o.cache ?? (await client());
    await cache.saveCache([c.store.dir], key);
  } catch (e) {
    o.log.warn(`cache: not saved (${(e as Error).message}): the next run computes these outcomes again`);
  }
}

function entryNames(dir: string): string[] {
  try {
    return readdirSync(dir).filter((n) => n.endsWith(ENTRY_SUFFIX)).sort();
  } catch {
    return [];
  }
}
