/**
 * Policy vocabulary that several folders speak (docs/design.md §4): the pieces gate policy sections are built from
 * (`Threshold`, `Thresholds`, `GateOn`) and the `model` section that src/model reads. Here, below policy/, gates/ and
 * model/, so that a gate can own its policy section (src/gates/<name>/policy.ts) and src/policy/types.ts can compose
 * the whole `Policy` from the gate registry without an import cycle. Keys are the YAML keys exactly as written.
 */

/** `{min?, max?}`, at least one of them. */
export interface Threshold {
  min?: number;
  max?: number;
}
/** A gate's `thresholds`: by metric name (`M`: the gate's metrics). */
export type Thresholds<M extends string> = Partial<Record<M, Threshold>>;
/** Which value of a metric with a confidence interval is compared with its threshold. */
export type GateOn = 'point' | 'conservative' | 'lenient';

export type OutputKind = 'logits' | 'probabilities' | 'label';
export type InputDType = 'float32' | 'float64' | 'int64' | 'int32' | 'string' | 'bool';

export interface ModelInputPolicy {
  from: string | string[];
  /** Default: the model input's own element type. */
  dtype?: InputDType;
}

/** The policy's `model` section. */
export interface ModelPolicy {
  path: string;
  card?: string;
  /** Default: one float input fed with all features. */
  inputs?: Record<string, ModelInputPolicy>;
  /** Default: detected (ambiguous models are an error). */
  output?: { name?: string; kind?: OutputKind };
}
