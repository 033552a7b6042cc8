import type { Column, Dataset } from '../../src/data/types.ts';
import type { GateContext, Predictions } from '../../src/gates/types.ts';
import type { FairnessGatePolicy, FairnessPolicy } from '../../src/gates/fairness/index.ts';

export function stringColumn(values: (string | null)[]): Column {
  return { kind: 'string', values };
}
export function numberColumn(values: number[]): Column {
  return { kind: 'number', values: Float64Array.from(values) };
}

export function makeDataset(name: string, columns: Record<string, Column>, rows: number): Dataset {
  return {
    name,
    path: `data/${name}.csv`,
    format: 'csv',
    sha256: '0'.repeat(64),
    extraFiles: [],
    rows,
    columns: new Map(Object.entries(columns)),
    features: [],
  };
}

/** Label-only predictions for a binary 0/1 task (class labels [0, 1]). */
export function labelPredictions(dataset: string, yTrue: number[], yPred: number[]): Predictions {
  return {
    dataset,
    rows: yTrue.length,
    classes: 2,
    kind: 'label',
    predicted: Int32Array.from(yPred),
    labels: Int32Array.from(yTrue),
    classLabels: [0, 1],
  };
}

/** `policy` may leave the defaults out (the gate applies them) and is passed as written. */
export function makeContext(policy: FairnessPolicy, dataset: Dataset, predictions: Predictions, seed = 0): GateContext<FairnessGatePolicy> {
  return {
    policy: policy as FairnessGatePolicy,
    seed,
    dataset(name) {
      if (name !== dataset.name) throw new Error(`unknown dataset ${name}`);
      return dataset;
    },
    async predictions(name) {
      if (name !== predictions.dataset) throw new Error(`unknown dataset ${name}`);
      return predictions;
    },
    model: undefined,
    log: { info() {}, warn() {} },
    position: () => undefined,
    checkBudget() {},
  };
}

/** `count` copies of `value`. */
export function rep<T>(value: T, count: number): T[] {
  return new Array<T>(count).fill(value);
}

export const close = (a: number | null | undefined, b: number, tol = 1e-12): boolean => typeof a === 'number' && Math.abs(a - b) <= tol;
