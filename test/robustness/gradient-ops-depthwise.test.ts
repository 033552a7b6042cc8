/**
 * Depthwise and grouped Conv input gradients (group = channels, stride 1 and 2+, pads, dilation, odd sizes, channel
 * multipliers) and 1×1 Convs against central finite differences (harness: gradient-cases.ts). Stride 1 takes the
 * flipped-kernel Conv path, strides > 1 the grouped ConvTranspose, 1×1 stride-1 Convs a MatMul.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as ort from 'onnxruntime-node';
import { prepareGradient } from '../../src/model/gradient/index.ts';
import { decodeModel } from '../../src/model/onnx/proto.ts';
import { buildCase, checkCases, type Case } from './gradient-cases.ts';

const dw = (name: string, shape: number[], k: number[], attrs: Record<string, number[] | number | string>, mult = 1): Case => ({
  name,
  dtype: 'float32',
  shape,
  build: (g, x, a) => g.node('Conv', [x, a('W', [shape[1] * mult, 1, ...k]), a('b', [shape[1] * mult], 0.1)], { group: shape[1], ...attrs }),
});

const CASES: Case[] = [
  dw('DWConv-s1-p1', [2, 8, 6, 6], [3, 3], { pads: [1, 1, 1, 1] }),
  dw('DWConv-s1-dil2-asym', [2, 8, 7, 7], [3, 3], { dilations: [2, 2], pads: [2, 1, 0, 2] }),
  dw('DWConv-s2-p1-even', [2, 8, 8, 8], [3, 3], { strides: [2, 2], pads: [1, 1, 1, 1] }),
  dw('DWConv-s2-p1-odd', [2, 8, 7, 9], [3, 3], { strides: [2, 2], pads: [1, 1, 1, 1] }),
  dw('DWConv-s2-p0', [2, 8, 9, 8], [3, 3], { strides: [2, 2] }),
  dw('DWConv-s2-asym-pads', [2, 8, 8, 7], [3, 3], { strides: [2, 2], pads: [0, 1, 1, 0] }),
  dw('DWConv-s2-dil2', [2, 8, 9, 9], [3, 3], { strides: [2, 2], dilations: [2, 2], pads: [2, 2, 2, 2] }),
  dw('DWConv-s2-k5-p2', [2, 8, 9, 10], [5, 5], { strides: [2, 2], pads: [2, 2, 2, 2] }),
  dw('DWConv-s2-k2', [2, 8, 8, 8], [2, 2], { strides: [2, 2] }),
  dw('DWConv-s2-k3x2', [2, 8, 8, 8], [3, 2], { strides: [2, 2], pads: [1, 0, 1, 1] }),
  dw('DWConv-s3-k3-p1', [2, 8, 10, 9], [3, 3], { strides: [3, 3], pads: [1, 1, 1, 1] }),
  dw('DWConv-s2-SAME_UPPER', [2, 8, 7, 8], [3, 3], { strides: [2, 2], auto_pad: 'SAME_UPPER' }),
  dw('DWConv-s2-mult2', [2, 8, 8, 8], [3, 3], { strides: [2, 2], pads: [1, 1, 1, 1] }, 2),
  dw('DWConv-s2-k1', [2, 8, 8, 8], [1, 1], { strides: [2, 2] }),
  dw('DWConv-s2x1', [2, 8, 8, 8], [3, 3], { strides: [2, 1], pads: [1, 1, 1, 1] }),
  { name: 'GroupConv4-s2', dtype: 'float32', shape: [2, 8, 7, 7], build: (g, x, a) => g.node('Conv', [x, a('W', [8, 2, 3, 3])], { group: 4, strides: [2, 2], pads: [1, 1, 1, 1] }) },
  { name: 'PWConv-1x1', dtype: 'float32', shape: [2, 8, 5, 6], build: (g, x, a) => g.node('Conv', [x, a('W', [6, 8, 1, 1]), a('b', [6], 0.1)]) },
  { name: 'PWConv-1x1-1d', dtype: 'float32', shape: [2, 8, 7], build: (g, x, a) => g.node('Conv', [x, a('W', [12, 8, 1])]) },
];

checkCases(CASES);

async function opTypes(c: Case): Promise<string[]> {
  const { model, x } = await buildCase(c);
  const so = { logSeverityLevel: 4 as const };
  const prep = await prepareGradient({
    bytes: model.bytes, wrt: ['x'], output: 'logits', outputKind: 'logits', sessionOptions: so,
    probeFeeds: (n) => ({ x: new ort.Tensor('float32', x.slice(0, n * (x.length / c.shape[0])) as Float32Array, [n, ...c.shape.slice(1)]) }),
  });
  return decodeModel(prep.model('ce')).graph!.node.map((n) => n.opType ?? '');
}

test('which ops the Conv input gradients use: depthwise stride 1 a Conv, stride 2 a ConvTranspose, 1×1 a MatMul', async () => {
  const ops = async (name: string) => opTypes(CASES.find((c) => c.name === name)!);
  const s1 = await ops('DWConv-s1-p1');
  assert.ok(s1.filter((o) => o === 'Conv').length === 2 && !s1.includes('ConvTranspose'), s1.join(' '));
  const s2 = await ops('DWConv-s2-p1-odd');
  assert.ok(s2.includes('ConvTranspose'), s2.join(' '));
  const pw = await ops('PWConv-1x1');
  assert.ok(pw.filter((o) => o === 'Conv').length === 1 && pw.includes('MatMul') && !pw.includes('ConvTranspose'), pw.join(' '));
});
