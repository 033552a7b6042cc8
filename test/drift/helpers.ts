import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadDataset } from '../../src/data/load.ts';
import { loadModel } from '../../src/model/load.ts';
import { predict } from '../../src/model/predict.ts';
import { sha256Hex } from '../../src/util/hash.ts';
import type { Dataset } from '../../src/data/types.ts';
import type { GateContext, Predictions } from '../../src/gates/types.ts';
import type { DriftGatePolicy } from '../../src/gates/drift/policy.ts';
import { driftGate } from '../../src/gates/drift/index.ts';
import { ROOT } from '../helpers/workspace.ts';

export const CREDIT = path.join(ROOT, 'examples/credit');
export const COLUMNS = ['applicant_id', 'age', 'income', 'debt_ratio', 'credit_lines', 'late_payments', 'employment_years', 'sex', 'default'];
export const NUMERIC = ['age', 'income', 'debt_ratio', 'credit_lines', 'late_payments', 'employment_years'];

/** A CSV without quotes, parsed by hand: column -> cells as written. */
export function parseCsv(text: string): Record<string, string[]> {
  const lines = text.trim().split('\n');
  const header = lines[0].split(',');
  const out: Record<string, string[]> = Object.fromEntries(header.map((h) => [h, []]));
  for (const line of lines.slice(1)) line.split(',').forEach((v, i) => out[header[i]].push(v));
  return out;
}

/** Numbers of a column, blank cells left out (what the gate should test). */
export function numbers(cells: string[]): Float64Array {
  return Float64Array.from(cells.filter((c) => c !== '').map(Number));
}

/** A credit dataset (label default; applicant_id and sex excluded from the model, as in examples/credit). */
export async function creditDataset(name: string, ws: string, file: string): Promise<Dataset> {
  return loadDataset(name, { path: file, label: 'default', exclude: ['applicant_id', 'sex'], sample: 'first' } as any, { workspace: ws, workingDirectory: ws });
}

/** The credit example's model run on a dataset (the shared predictions a real run gives the gate). */
export async function creditPredictions(ds: Dataset): Promise<Predictions> {
  const rel = 'model/model.onnx';
  const abs = path.join(CREDIT, rel);
  const bytes = readFileSync(abs);
  const m = await loadModel({ abs, rel, bytes, sha256: sha256Hex(bytes), verified: null, threads: 1, policy: { path: rel }, subjectAbs: abs, workspace: CREDIT, position: () => undefined });
  try {
    return (await predict(m, ds, { checkBudget: () => undefined })).predictions;
  } finally {
    await m.session.release();
  }
}

export function context(policy: Partial<DriftGatePolicy>, datasets: Dataset[], predictions: Predictions[] = []): GateContext<DriftGatePolicy> {
  return {
    policy: { method: 'auto', ...policy } as DriftGatePolicy,
    seed: 0,
    dataset(name) {
      const d = datasets.find((x) => x.name === name);
      if (!d) throw new Error(`unknown dataset ${name}`);
      return d;
    },
    async predictions(name) {
      const p = predictions.find((x) => x.dataset === name);
      if (!p) throw new Error(`no predictions for ${name}`);
      return p;
    },
    log: { info() {}, warn() {} },
    position: (p) => ({ file: 'model-gate.yml', line: p.length, col: 1 }),
    checkBudget() {},
  };
}

export function runDrift(policy: Partial<DriftGatePolicy>, datasets: Dataset[], predictions: Predictions[] = []) {
  return driftGate.run(context(policy, datasets, predictions));
}
