/**
 * test/fixtures/regression/baseline.onnx: the credit example's model (examples/credit/model/model.onnx) with the same
 * architecture and different weights, as the regression gate's baseline in the tests. Deterministic: every weight of
 * W1 and W2 is scaled by 1 + 0.35·sin(7·k + 1) (k = its index), and the class-1 bias b2[1] moves by +0.4, so some
 * rows flip each way. Run: node scripts/generate-regression-baseline.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeModel } from '../src/model/onnx/decode.ts';
import { encodeModel } from '../src/model/onnx/encode.ts';
import { arrayToTensor, tensorToArray } from '../src/model/onnx/tensor.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const model = decodeModel(readFileSync(path.join(root, 'examples/credit/model/model.onnx')));
const inits = model.graph!.initializer!;
for (let i = 0; i < inits.length; i++) {
  const t = inits[i];
  const name = t.name!;
  if (!['W1', 'W2', 'b2'].includes(name)) continue;
  const v = Float32Array.from(tensorToArray(t) as Float32Array);
  if (name === 'b2') v[1] += 0.4;
  else for (let k = 0; k < v.length; k++) v[k] *= 1 + 0.35 * Math.sin(7 * k + 1);
  inits[i] = arrayToTensor(name, v, (t.dims ?? []).map(Number), 'float32');
}
model.graph!.name = 'credit-baseline';
const out = path.join(root, 'test/fixtures/regression/baseline.onnx');
writeFileSync(out, encodeModel(model));
console.log(`wrote ${path.relative(root, out)}`);
