/**
 * Generates the tree-ensemble fixtures of the black-box robustness tests:
 *   test/fixtures/robustness-blackbox/trees-2d.onnx  — TreeEnsembleClassifier (ai.onnx.ml 3), 2 float features,
 *     3 classes, 8 random axis-aligned trees of depth 3 (seed 'trees-2d'): split feature uniform, threshold a
 *     float32 uniform in [0, 1], leaves with random per-class weights in [0, 1); post_transform NONE.
 *   test/fixtures/robustness-blackbox/trees-16d.onnx — the same with 16 features, 40 trees of depth 4 (for the bench).
 * Run: node scripts/generate-tree-models.ts (deterministic: same bytes every time).
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { GraphBuilder, attr } from '../src/model/onnx/builder.ts';
import { rng } from '../src/util/random.ts';

export function randomForest(seed: string, features: number, trees: number, depth: number, classes = 3): Uint8Array {
  const g = rng(0, seed);
  const treeIds: number[] = [], nodeIds: number[] = [], featureIds: number[] = [], modes: string[] = [], values: number[] = [];
  const trueIds: number[] = [], falseIds: number[] = [];
  const cTree: number[] = [], cNode: number[] = [], cIds: number[] = [], cW: number[] = [];
  for (let t = 0; t < trees; t++) {
    let next = 0;
    const build = (level: number): number => {
      const id = next++;
      const k = treeIds.length;
      treeIds.push(t); nodeIds.push(id); trueIds.push(0); falseIds.push(0);
      if (level === depth) {
        featureIds.push(0); modes.push('LEAF'); values.push(0);
        for (let c = 0; c < classes; c++) { cTree.push(t); cNode.push(id); cIds.push(c); cW.push(Math.fround(g.next())); }
        return id;
      }
      featureIds.push(g.int(features)); modes.push('BRANCH_LEQ'); values.push(Math.fround(g.next()));
      trueIds[k] = build(level + 1);
      falseIds[k] = build(level + 1);
      return id;
    };
    build(0);
  }
  const b = new GraphBuilder('random_forest');
  const x = b.input('X', 'float32', ['N', features]);
  const [label, scores] = b.nodeMulti('TreeEnsembleClassifier', [x], {
    nodes_treeids: treeIds, nodes_nodeids: nodeIds, nodes_featureids: featureIds, nodes_modes: modes,
    nodes_values: attr.floats(values), nodes_truenodeids: trueIds, nodes_falsenodeids: falseIds,
    nodes_hitrates: attr.floats(values.map(() => 1)), nodes_missing_value_tracks_true: values.map(() => 0),
    class_treeids: cTree, class_nodeids: cNode, class_ids: cIds, class_weights: attr.floats(cW),
    classlabels_int64s: Array.from({ length: classes }, (_, c) => c), post_transform: 'NONE',
  }, { domain: 'ai.onnx.ml', outputs: ['label', 'scores'] });
  b.output(label, 'int64', ['N']);
  b.output(scores, 'float32', ['N', classes]);
  return b.toModel({ opset: 17, opsets: { 'ai.onnx.ml': 3 }, producer: 'model-gate generate-tree-models' });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dir = fileURLToPath(new URL('../test/fixtures/robustness-blackbox/', import.meta.url));
  writeFileSync(dir + 'trees-2d.onnx', randomForest('trees-2d', 2, 8, 3));
  writeFileSync(dir + 'trees-16d.onnx', randomForest('trees-16d', 16, 40, 4));
  console.log('wrote trees-2d.onnx, trees-16d.onnx');
}
