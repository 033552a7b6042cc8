import type { DetailsOf, GateResult, PolicyOf } from './types.ts';
import { accuracyGate } from './accuracy/index.ts';
import { robustnessGate } from './robustness/index.ts';
import { memorisationGate } from './memorisation/index.ts';
import { fairnessGate } from './fairness/index.ts';
import { driftGate } from './drift/index.ts';
import { poisoningGate } from './poisoning/index.ts';
import { regressionGate } from './regression/index.ts';
import { modelCardGate } from './model-card/index.ts';

/**
 * Every gate, in the order they run and appear in reports (`report.gates`). The measuring gates first; gates of
 * stage `after-measuring` (model-card, which reads the others' metrics) last. See README.md for adding a gate.
 */
export const GATES = [accuracyGate, robustnessGate, memorisationGate, fairnessGate, regressionGate, driftGate, poisoningGate, modelCardGate] as const;

export type RegisteredGate = (typeof GATES)[number];
export type GateName = RegisteredGate['name'];

/** The policy's `gates`: by gate name, each with its own gate's policy section type (present when the policy has the gate). */
export type GatePolicies = { [G in RegisteredGate as G['name']]?: PolicyOf<G> };

/** The report's `gates`: by gate name, each with its own gate's details type (present when the policy has the gate). */
export type GateResults = { [G in RegisteredGate as G['name']]?: GateResult<DetailsOf<G>> };

/** One entry of `report.gates`, discriminated by `name`: what renderers switch on. */
export type GateEntry = { [N in GateName]: { name: N; result: NonNullable<GateResults[N]> } }[GateName];

