/**
 * The registry of gradient rules: op type -> rule. A rule module (rules/<family>.ts) exports `rules`, a list of
 * GradientRule; listing the module here is all it takes for its ops to be differentiated, and for models using
 * them to get white-box attacks instead of the black-box fallback (prepareGradient checks the path against RULES).
 */
import type { GradientRule } from '../rule.ts';
import { rules as activations } from './activations.ts';
import { rules as conv } from './conv.ts';
import { rules as einsum } from './einsum.ts';
import { rules as elementwise } from './elementwise.ts';
import { rules as layernorm } from './layernorm.ts';
import { rules as linear } from './linear.ts';
import { rules as math } from './math.ts';
import { rules as norm } from './norm.ts';
import { rules as pool } from './pool.ts';
import { rules as reduce } from './reduce.ts';
import { rules as reduceExtrema } from './reduce-extrema.ts';
import { rules as resize } from './resize.ts';
import { rules as select } from './select.ts';
import { rules as shape } from './shape.ts';
import { rules as softmax } from './softmax.ts';
import { rules as split } from './split.ts';

const MODULES: readonly (readonly GradientRule[])[] = [shape, elementwise, activations, softmax, linear, conv, pool, norm, reduce,
  layernorm,
  reduceExtrema,
  split,
  einsum,
  resize,
  math,
  select,
];

function registry(modules: readonly (readonly GradientRule[])[]): ReadonlyMap<string, GradientRule> {
  const m = new Map<string, GradientRule>();
  for (const rule of modules.flat()) {
    for (const op of rule.ops) {
      if (m.has(op)) throw new Error(`gradient rules: two rules for ${op}`);
      m.set(op, rule);
    }
  }
  return m;
}

/** Every op with a gradient rule (default ONNX domain). */
export const RULES: ReadonlyMap<string, GradientRule> = registry(MODULES);
