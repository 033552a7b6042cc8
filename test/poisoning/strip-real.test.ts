/**
 * STRIP (src/gates/poisoning/strip.ts) on the real trigger and clean models of test/fixtures/poisoning/
 * (scripts/make-poisoning-fixtures.py: small Fashion-MNIST CNNs; a 4 × 4 white patch planted in 45 % of class 0):
 * the training rows screened against the 1,000 held-out clean rows, pixels in [0, 1], blends clipped to [0, 1],
 * n = 10 perturbations per row (fewer than the default 100, to keep the test short), false-rejection rate 1 %.
 * The planted rows must be among the suspects; on the clean model the suspects are the expected false rejections.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-node';
import { readNpy } from '../../src/data/npy.ts';
import { strip } from '../../src/gates/poisoning/strip.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/poisoning/${name}`, import.meta.url));
const pixels = async (name: string) => (await readNpy(fixture(name), 'float32', { displayPath: name })).data.map((v) => v / 255);

async function screen(name: string) {
  const session = await ort.InferenceSession.create(fixture(`${name}.onnx`), { intraOpNumThreads: 1, interOpNumThreads: 1 });
  const probabilities = async (batch: Float32Array, count: number) => {
    const out = await session.run({ x: new ort.Tensor('float32', batch, [count, 1, 28, 28]) });
    const logits = out.logits.data as Float32Array;
    const p = new Float64Array(count * 10);
    for (let r = 0; r < count; r++) {
      let max = -Infinity, z = 0;
      for (let k = 0; k < 10; k++) max = Math.max(max, logits[r * 10 + k]);
      for (let k = 0; k < 10; k++) z += (p[r * 10 + k] = Math.exp(logits[r * 10 + k] - max));
      for (let k = 0; k < 10; k++) p[r * 10 + k] /= z;
    }
    return p;
  };
  const result = await strip(await pixels(`${name}-x.npy`), await pixels('heldout-x.npy'), 784, { n: 10, seed: 0, frr: 0.01, clip: [0, 1] }, probabilities);
  const planted = new Set((await readNpy(fixture(`${name}-planted.npy`), 'float64', { displayPath: name })).data);
  await session.release();
  return { result, planted };
}

test('STRIP on the trigger-45 model: the planted rows are suspects', async () => {
  const { result, planted } = await screen('trigger-45');
  const hits = [...result.suspects].filter((i) => planted.has(i)).length;
  assert.ok(hits / planted.size >= 0.95, `recall ${hits}/${planted.size}`);
  assert.ok(hits / result.suspects.length >= 0.7, `precision ${hits}/${result.suspects.length}`);
  // the 1 % quantile of the clean entropies: about 10 of the 1,000 clean rows fall below it
  assert.equal(result.cleanEntropies.filter((e) => e < result.threshold).length, 10);
});

test('STRIP on the clean model: only about the false-rejection rate of rows are suspects', async () => {
  const { result } = await screen('clean');
  // 2,000 training rows at a 1 % false-rejection rate set on held-out rows: ~20 expected; the training rows, which
  // the model fits better than held-out rows, give somewhat more
  assert.ok(result.suspects.length <= 60, `${result.suspects.length} suspects`);
});
