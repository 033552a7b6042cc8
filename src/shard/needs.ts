/**
 * What a shard computes (docs/design.md §7 "Shards"): the (model, dataset) pairs whose predictions the configured
 * gates read, and the gates whose per-row work is more than predictions (`rowWork`: robustness's attacks, poisoning's
 * representations), which do that work on the shard's rows and emit records. A gate that is neither is refused in
 * shard mode (fail closed: never a smaller sample); a gate added to the registry is refused until it is listed here
 * or declares `rowWork`.
 */
import { GateError } from '../errors.ts';
import type { Policy } from '../policy/types.ts';
import type { PositionOf } from '../types/position.ts';
import { PREDICTION_FEATURES } from '../gates/drift/features.ts';
import { GATES } from '../gates/registry.ts';
import type { GateDefinition } from '../gates/types.ts';
import { COMPARED, comparedMetrics } from '../gates/regression/policy.ts';

/** The gates served by the shared predictions alone (and reference/baseline predictions). */
const PREDICTION_GATES = new Set(['accuracy', 'memorisation', 'fairness', 'drift', 'regression', 'model-card']);

const REGISTRY: readonly GateDefinition<any, any>[] = GATES;

/** The registry's gate that does row work of its own in a sharded run, if `name` is one. */
export function rowWorkGate(name: string): GateDefinition<any, any> | undefined {
  const g = REGISTRY.find((x) => x.name === name);
  return g?.rowWork ? g : undefined;
}

/** Throws the one-line refusal for the first configured gate a shard cannot serve. */
export function refuseUnshardable(policy: Policy, position: PositionOf): void {
  for (const name of Object.keys(policy.gates)) {
    if (!PREDICTION_GATES.has(name) && !rowWorkGate(name)) {
      throw new GateError('shard.gate', `gates.${name} cannot run sharded: its per-row work is more than predictions and it has no sharded form; run it unsharded (check without --shard), or shard a policy without it`, { where: position(['gates', name]) });
    }
  }
}

export interface ShardNeed {
  role: 'head' | 'reference' | 'baseline';
  dataset: string;
  /** The reference model (role `reference`): its path in the policy and its pin. */
  reference?: { path: string; sha256: string };
}

/** A gate whose row work a shard does: on the head, or on the regression gate's baseline (`compare`). */
export interface ShardWork {
  gate: string;
  role: 'head' | 'baseline';
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
  const gateDatasets = (name: string, role: 'head' | 'baseline') => {
    for (const ds of predictionDatasets(policy, name)) add({ role, dataset: ds });
  };
  const m = g.memorisation;
  for (const gate of REGISTRY) {
    if (!(gate.name in g)) continue;
    gateDatasets(gate.name, 'head');
    if (gate.name === 'memorisation' && m && (m['reference-models'] ?? []).length > 0 && m.population) {
      for (const r of m['reference-models']!) for (const ds of [m.members, m['non-members'], m.population]) add({ role: 'reference', dataset: ds, reference: { path: r.path, sha256: r.sha256 } });
    }
    if (gate.name === 'regression') {
      for (const ds of g.regression!.datasets ?? []) (add({ role: 'baseline', dataset: ds }), add({ role: 'head', dataset: ds }));
      // `compare`: the compared gates run on the baseline too, so the baseline's predictions on their datasets.
      for (const c of comparedMetrics(g.regression!)) gateDatasets(COMPARED[c].gate, 'baseline');
    }
  }
  return out;
}

/** The gates whose row work a shard does (registry order; the compared ones on the baseline after the head's). */
export function shardWork(policy: Policy): ShardWork[] {
  const out: ShardWork[] = [];
  for (const gate of REGISTRY) if (gate.rowWork && gate.name in policy.gates) out.push({ gate: gate.name, role: 'head' });
  const r = policy.gates.regression;
  if (r) for (const c of comparedMetrics(r)) if (rowWorkGate(COMPARED[c].gate)) out.push({ gate: COMPARED[c].gate, role: 'baseline' });
  return out;
}

/** The datasets whose shared predictions a gate reads (before any row work of its own). */
function predictionDatasets(policy: Policy, name: string): string[] {
  const g = policy.gates;
  switch (name) {
    case 'accuracy': return [g.accuracy!.dataset];
    case 'fairness': return [g.fairness!.dataset];
    case 'memorisation': {
      const m = g.memorisation!;
      return [m.members, m['non-members'], ...((m['reference-models'] ?? []).length > 0 && m.population ? [m.population] : [])];
    }
    case 'drift': {
      const d = g.drift!;
      return d.features === undefined || d.features.some((f) => (PREDICTION_FEATURES as readonly string[]).includes(f)) ? [d.reference, d.current] : [];
    }
    default: {
      const gate = rowWorkGate(name);
      return gate ? gate.rowWork!((g as Record<string, unknown>)[name]) : [];
    }
  }
}
