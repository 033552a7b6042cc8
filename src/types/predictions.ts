/**
 * The model's outputs on one dataset, computed once and shared by every gate.
 * Binary models with a single logit z are expanded to logits [0, z]; a single sigmoid probability p to [1-p, p].
 */
export interface Predictions {
  dataset: string;
  rows: number;
  classes: number;
  /** What `scores` holds. `label`: the model gives only a predicted class; `scores` is then absent. */
  kind: 'logits' | 'probabilities' | 'label';
  /** Row-major [rows, classes]; logits or probabilities as the model gave them (float32 widened to float64). */
  scores?: Float64Array;
  /** Predicted class index per row (argmax of scores, or the model's label mapped to an index). */
  predicted: Int32Array;
  /** True class index per row (-1 where the label is missing or unknown); undefined if the dataset has no labels. */
  labels?: Int32Array;
  /** The class values, index -> label as written in the data (e.g. [0, 1] or ['<=50K', '>50K']). */
  classLabels: (string | number)[];
}
