import type { GateDefinition } from './types.ts';
import { accuracyGate } from './accuracy/index.ts';
import { robustnessGate } from './robustness/index.ts';
import { memorisationGate } from './memorisation/index.ts';
import { fairnessGate } from './fairness/index.ts';

/** Every gate, in the order they run and appear in reports. `model-card` runs last, in modelcard/. */
export const GATES: readonly GateDefinition<any>[] = [accuracyGate, robustnessGate, memorisationGate, fairnessGate];
