/**
 * Test harness: runs the generated ONNX models with onnxruntime-node on the fixture datasets (loaded with the real
 * dataset loader) and builds the gate context the engine would give the memorisation gate, including a reference
 * runner that checks each reference model's sha256 before executing it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { loadDataset } from '../../src/data/load.ts';
import type { Dataset } from '../../src/data/types.ts';
import type { GateContext, Predictions } from '../../src/gates/types.ts';
import type { MemorisationGatePolicy, MemorisationPolicy, ReferenceRunner } from '../../src/gates/memorisation/index.ts';
import { sha256Hex } from '../../src/util/hash.ts';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'memorisation');
export const DATASETS = ['members', 'non-members', 'population'] as const;

export async function loadFixtureDatasets(): Promise<Map<string, Dataset>> {
  const out = new Map<string, Dataset>();
  for (const name of DATASETS) {
    out.set(name, await loadDataset(name, { path: `${name}-x.npy`, labels: `${name}-y.npy` }, { workspace: FIXTURES, workingDirectory: FIXTURES }));
  }
  return out;
}

const sessions = new Map<string, ort.InferenceSession>();

/** The model's logits on a dataset, as the engine's shared Predictions. */
export async function predict(modelFile: string, ds: Dataset): Promise<Predictions> {
  let s = sessions.get(modelFile);
  if (!s) {
    s = await ort.InferenceSession.create(join(FIXTURES, modelFile), { intraOpNumThreads: 1, interOpNumThreads: 1 });
    sessions.set(modelFile, s);
  }
  const t = ds.tensor!;
  const res = await s.run({ input: new ort.Tensor('float32', t.data, [ds.rows, t.data.length / ds.rows]) });
  const logits = res.logits.data as Float32Array;
  const classes = logits.length / ds.rows;
  const scores = Float64Array.from(logits);
  const predicted = new Int32Array(ds.rows);
  for (let r = 0; r < ds.rows; r++) {
    let best = 0;
    for (let c = 1; c < classes; c++) if (scores[r * classes + c] > scores[r * classes + best]) best = c;
    predicted[r] = best;
  }
  const lab = ds.labels!;
  const labels = Int32Array.from({ length: ds.rows }, (_, r) => (lab.kind === 'number' ? lab.values[r] : -1));
  return { dataset: ds.name, rows: ds.rows, classes, kind: 'logits', scores, predicted, labels, classLabels: [...Array(classes).keys()] };
}

export function referenceRunner(datasets: Map<string, Dataset>, executed: string[] = []): ReferenceRunner {
  return {
    async predictions(modelPath, sha256, dataset) {
      const actual = sha256Hex(readFileSync(join(FIXTURES, modelPath)));
      if (actual !== sha256) throw new Error(`pin mismatch for ${modelPath}`);
      executed.push(`${modelPath}:${dataset}`);
      return predict(modelPath, datasets.get(dataset)!);
    },
  };
}

/** `policy` may leave the defaults out (the gate applies them) and is passed as written. */
export function makeContext(model: string, policy: MemorisationPolicy, datasets: Map<string, Dataset>, extra: Record<string, unknown> = {}): GateContext<MemorisationGatePolicy> {
  const cache = new Map<string, Promise<Predictions>>();
  return {
    policy: policy as MemorisationGatePolicy,
    seed: 0,
    dataset: (name) => {
      const d = datasets.get(name);
      if (!d) throw new Error(`no dataset ${name}`);
      return d;
    },
    predictions: (name) => {
      let p = cache.get(name);
      if (!p) { p = predict(model, datasets.get(name)!); cache.set(name, p); }
      return p;
    },
    model: null,
    log: { info() {}, warn() {} },
    position: () => undefined,
    checkBudget() {},
    ...extra,
  };
}

export function referenceModels(recipe: 'overfit' | 'regularised', count = 8): { path: string; sha256: string }[] {
  return Array.from({ length: count }, (_, k) => {
    const path = `ref-${recipe}-${k}.onnx`;
    return { path, sha256: sha256Hex(readFileSync(join(FIXTURES, path))) };
  });
}
