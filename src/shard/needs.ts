/**
 * What a shard computes (docs/design.md §7 "Shards"): the gates whose per-row model work is predictions only, and
 * the (model, dataset) pairs whose predictions they read. Any other gate is refused in shard mode (fail closed: never
 * a smaller sample); a gate added to the registry is refused until it is listed here.
 */
import { GateError } from '../errors.ts';
import type { Policy } from '../policy/types.ts';
import type { PositionOf } from '../types/position.ts';
import { PREDICTION_FEATURES } from '../gates/drift/features.ts';

/** The gates a shard can serve: their per-row work is the shared predictions (and reference/baseline predictions). */
const SHARDABLE = new Set(['accuracy', 'memorisation', 'fairness', 'drift', 'regression', 'model-card']);

/** Why the other gates cannot (yet). */
const WHY: Record<string, string> = {
  robustness: 'its per-row work is attacks (adversarial examples, perturbation norms), not predictions',
  poisoning: 'its per-row work is representations and STRIP perturbations, not predictions',
};

/** Throws the one-line refusal for the first configured gate a shard cannot serve. */
export function refuseUnshardable(policy: Policy, position: PositionOf): void {
  for (const name of Object.keys(policy.gates)) {
    if (!SHARDABLE.has(name)) {
      throw new GateError('shard.gate', `gates.${name} cannot run sharded: ${WHY[name] ?? 'its per-row work is more than predictions'}; run it unsharded (check without --shard), or shard a policy without it`, { where: position(['gates', name]) });
    }
  }
  const compare = policy.gates.regression?.compare;
  if (compare && compare.length > 0) {
    throw new GateError('shard.gate', `gates.regression.compare cannot run sharded: it runs ${compare.join(', ')} on the baseline model; run it unsharded (check without --shard), or shard a policy without compare`, { where: position(['gates', 'regression', 'compare']) });
  }
}

export interface ShardNeed {
  role: 'head' | 'reference' | 'baseline';
  dataset: string;
  /** The reference model (role `reference`): its path in the policy and its pin. */
  reference?: { path: string; sha256: string };
}

/** The (model, dataset) pairs whose predictions the configured gates read, in gate order, without repeats. */
export function shardNeeds(policy: Policy): ShardNeed[] {
  const g = policy.gates;
  const out: ShardNeed[] = [];
  const seen = new Set<string>();
  const add = (n: ShardNeed) => {
    const key = `${n.role}\0${n.reference?.path ?? ''}\0${n.dataset}`;
    if (!seen.has(key)) (seen.add(key), out.push(n));
  };
  if (g.accuracy) add({ role: 'head', dataset: g.accuracy.dataset });
  const m = g.memorisation;
  if (m) {
    add({ role: 'head', dataset: m.members });
    add({ role: 'head', dataset: m['non-members'] });
    const refs = m['reference-models'] ?? [];
    if (refs.length > 0 && m.population) {
      add({ role: 'head', dataset: m.population });
      for (const r of refs) for (const ds of [m.members, m['non-members'], m.population]) add({ role: 'reference', dataset: ds, reference: { path: r.path, sha256: r.sha256 } });
    }
  }
  if (g.fairness) add({ role: 'head', dataset: g.fairness.dataset });
  const r = g.regression;
  if (r) for (const ds of r.datasets ?? []) (add({ role: 'baseline', dataset: ds }), add({ role: 'head', dataset: ds }));
  const d = g.drift;
  if (d && (d.features === undefined || d.features.some((f) => (PREDICTION_FEATURES as readonly string[]).includes(f)))) {
    add({ role: 'head', dataset: d.reference });
    add({ role: 'head', dataset: d.current });
  }
  return out;
}
