/**
 * What gates that query a model again (robustness) see of a loaded model (src/gates/types.ts GateModel): the head
 * model, and the regression gate's baseline when another gate runs on it.
 */
import type * as ort from 'onnxruntime-node';
import type { Dataset } from '../data/types.ts';
import type { GateModel } from '../gates/types.ts';
import type { Policy } from '../policy/types.ts';
import type { LoadedModel } from '../model/load.ts';
import { modelRunError } from '../model/run-error.ts';
import { runAtLeast } from '../model/batch-rule.ts';

export function gateModelOf(model: LoadedModel, policy: Policy, getDataset: (name: string) => Dataset): GateModel {
  return {
    bytes: model.bytes,
    externalData: model.externalData,
    output: { name: model.output.name, kind: model.output.kind },
    get classes() {
      return model.output.classes ?? 0;
    },
    threads: model.threads,
    memoryBudget: policy['memory-budget-mb'] * 1024 * 1024,
    featureView: (name: string) => model.featureView(getDataset(name)),
    run: (feeds: Record<string, ort.Tensor>, outputs: string[]) =>
      runAtLeast(model.session, feeds, outputs, model.minBatch).catch((e: unknown) => {
        throw modelRunError(model.rel, feeds, e, '');
      }),
    sampleMode: (name: string) => policy.datasets[name]?.sample ?? 'first',
  };
}
