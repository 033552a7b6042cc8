/**
 * The content-addressed cache of per-row outcomes (docs/design.md §7 "Cache"): the engine asks for and stores
 * entries by key (sha256 hex of everything the outcome depends on: src/engine/cache-keys.ts); the store verifies an
 * entry (its own digest, and that it was stored under this key) before returning it, and ignores a corrupt or foreign
 * one with a warning, never trusting it. A cache never changes a result: a run with it equals a run without.
 */
export interface OutcomeCache {
  /** The verified bytes stored under `key` (64 lowercase hex), or undefined when absent, corrupt or foreign. */
  get(key: string): Uint8Array | undefined;
  /** Stores `bytes` under `key` (a failure to write is a warning, never an error of the run). */
  put(key: string, bytes: Uint8Array): void;
}
