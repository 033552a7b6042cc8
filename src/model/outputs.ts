import { GateError } from '../errors.ts';
import type { PositionOf } from '../types/position.ts';
import type { OutputKind } from '../types/policy-parts.ts';
import { attrInt, attrInts, attrStrings, type GraphProto, type ModelProto, type NodeProto, type ValueInfoProto } from './onnx/proto.ts';

/** Which model output the gates read, and how. */
export interface OutputChoice {
  /** Output (or exposed intermediate) name fetched for scores or labels. */
  name: string;
  kind: OutputKind;
  /** True when model-gate chose it (no `model.output` in the policy). */
  detected: boolean;
  /** Why this output: for the report. */
  reason: string;
  /** Intermediate tensors added as graph outputs (e.g. the input of a ZipMap or a final Softmax). */
  addOutputs: string[];
  /** Tensor outputs to fetch on every run. */
  fetch: string[];
  /** Class values from the model (sklearn classifiers), index -> label; null = class indices 0..C-1. */
  classLabels: (string | number)[] | null;
  classes?: number;
  warnings: string[];
}

const FLOAT_TYPES = new Set([1, 10, 11, 16]); // FLOAT, FLOAT16, DOUBLE, BFLOAT16
const LABEL_TYPES = new Set([6, 7, 8, 2, 3, 4, 5, 12, 13]); // int32, int64, string, small ints, uint32/64

interface OutInfo {
  name: string;
  tensor: boolean;
  elem: number | null;
  rank: number | null;
  producer: NodeProto | undefined;
}

/**
 * docs/design.md §4 defaults: sklearn label + probabilities -> probabilities; a graph ending in Softmax -> the Softmax input
 * as logits (exposed as an extra output when the graph does not already expose it); one float output [N, C] ->
 * logits unless it ends in Sigmoid (then the Sigmoid input, a binary logit); a single integer/string output -> label;
 * anything else is ambiguous: an error naming the candidates, never a guess.
 */
export function detectOutput(
  proto: ModelProto,
  policy: { name?: string; kind?: OutputKind } | undefined,
  ctx: { file: string; position: PositionOf },
): OutputChoice {
  const g = proto.graph as GraphProto;
  const producers = new Map<string, NodeProto>();
  for (const n of g.node) for (const o of n.output) if (o) producers.set(o, n);
  const throughIdentity = (name: string): NodeProto | undefined => {
    let p = producers.get(name);
    while (p && (p.opType === 'Identity' || (p.opType === 'Cast' && !p.domain)) && p.input[0]) p = producers.get(p.input[0]) ?? p;
    return p;
  };
  const infos: OutInfo[] = g.output.map((o: ValueInfoProto) => ({
    name: o.name ?? '',
    tensor: !!o.type?.tensorType,
    elem: o.type?.tensorType?.elemType ?? null,
    rank: o.type?.tensorType?.shape ? o.type.tensorType.shape.dim.length : null,
    producer: throughIdentity(o.name ?? ''),
  }));
  const classLabels = sklearnClassLabels(g);
  const graphOutputNames = new Set(infos.map((i) => i.name));
  const warnings: string[] = [];
  const where = ctx.position(['model', 'output']);
  const listOutputs = () => infos.map((i) => `${i.name} (${describe(i)})`).join(', ');

  const fromZipMap = (i: OutInfo): string | null => (i.producer?.opType === 'ZipMap' && i.producer.input[0] ? i.producer.input[0] : null);
  const choose = (name: string, kind: OutputKind, detected: boolean, reason: string): OutputChoice => {
    const add = graphOutputNames.has(name) ? [] : [name];
    return { name, kind, detected, reason, addOutputs: add, fetch: [name], classLabels: kind === 'label' ? classLabels : classLabels, classes: classLabels?.length, warnings };
  };
  /** A float tensor: look through a final Softmax / Sigmoid to the logits feeding it. */
  const scoresOf = (i: OutInfo, detected: boolean, kindOverride?: OutputKind): OutputChoice => {
    const p = i.producer;
    if (!kindOverride || kindOverride === 'logits') {
      if (p && (!p.domain || p.domain === 'ai.onnx') && p.opType === 'Softmax' && p.input[0] && softmaxOnLastAxis(p, proto, i.rank)) {
        return choose(p.input[0], 'logits', detected, `the logits feeding the final Softmax of "${i.name}"`);
      }
      if (p && (!p.domain || p.domain === 'ai.onnx') && p.opType === 'Sigmoid' && p.input[0]) {
        return choose(p.input[0], 'logits', detected, `the logit feeding the final Sigmoid of "${i.name}"`);
      }
      if (p && (!p.domain || p.domain === 'ai.onnx') && p.opType === 'LogSoftmax') {
        return choose(i.name, 'logits', detected, `"${i.name}" (log-probabilities work as logits)`);
      }
    }
    if (kindOverride) return choose(i.name, kindOverride, detected, `"${i.name}" as ${kindOverride} (policy)`);
    if (classLabels || p?.domain === 'ai.onnx.ml') return choose(i.name, 'probabilities', detected, `"${i.name}": class probabilities of an ai.onnx.ml classifier`);
    return choose(i.name, 'logits', detected, `"${i.name}": the only float output`);
  };

  if (policy?.name) {
    const i = infos.find((x) => x.name === policy.name);
    if (!i) {
      throw new GateError('model.output', `model.output.name "${policy.name}" is not an output of the model (outputs: ${listOutputs()})`, { where });
    }
    if (!i.tensor) {
      const z = fromZipMap(i);
      if (!z) throw new GateError('model.output', `model output "${i.name}" is not a tensor (${describe(i)}), which onnxruntime-node cannot return: name a tensor output`, { where });
      warnings.push(`"${i.name}" is a ZipMap (sequence of maps), which onnxruntime-node cannot return: reading the probability tensor "${z}" that feeds it`);
      return choose(z, policy.kind ?? 'probabilities', false, `the probabilities feeding the ZipMap "${i.name}"`);
    }
    if (i.elem !== null && LABEL_TYPES.has(i.elem)) {
      if (policy.kind && policy.kind !== 'label') throw new GateError('model.output', `model output "${i.name}" holds ${describe(i)}, not ${policy.kind}: use kind: label or name a float output`, { where });
      return choose(i.name, 'label', false, `"${i.name}" as predicted labels (policy)`);
    }
    if (policy.kind === 'label') throw new GateError('model.output', `model output "${i.name}" is ${describe(i)}; kind: label needs an integer or string output`, { where });
    return scoresOf(i, false, policy.kind);
  }

  // Candidates for scores: float tensor outputs and the probability tensors feeding ZipMaps.
  const scoreCands: OutInfo[] = [];
  const zipmaps: { out: OutInfo; input: string }[] = [];
  for (const i of infos) {
    if (i.tensor && i.elem !== null && FLOAT_TYPES.has(i.elem)) scoreCands.push(i);
    else if (!i.tensor) {
      const z = fromZipMap(i);
      if (z) zipmaps.push({ out: i, input: z });
    }
  }
  const labels = infos.filter((i) => i.tensor && i.elem !== null && LABEL_TYPES.has(i.elem));
  const wanted = policy?.kind;

  if (wanted === 'label') {
    if (labels.length === 1) return choose(labels[0].name, 'label', true, `"${labels[0].name}": the only integer/string output`);
    throw new GateError('model.output', `kind: label needs exactly one integer or string output, the model has ${labels.length} (outputs: ${listOutputs()}): set model.output.name`, { where });
  }
  if (scoreCands.length === 0 && zipmaps.length === 1) {
    warnings.push(`"${zipmaps[0].out.name}" is a ZipMap (sequence of maps), which onnxruntime-node cannot return: reading the probability tensor "${zipmaps[0].input}" that feeds it`);
    return choose(zipmaps[0].input, wanted ?? 'probabilities', true, `the probabilities feeding the ZipMap "${zipmaps[0].out.name}"`);
  }
  if (scoreCands.length === 1 && zipmaps.length === 0) return scoresOf(scoreCands[0], true, wanted);
  if (scoreCands.length === 2 && zipmaps.length === 0) {
    // logits and Softmax(logits) both exposed: the logits.
    for (const [a, b] of [[scoreCands[0], scoreCands[1]], [scoreCands[1], scoreCands[0]]]) {
      if (b.producer?.opType === 'Softmax' && b.producer.input[0] === a.name && (!wanted || wanted === 'logits')) {
        return choose(a.name, 'logits', true, `"${a.name}": the logits whose Softmax is "${b.name}"`);
      }
      if (b.producer?.opType === 'Softmax' && b.producer.input[0] === a.name && wanted === 'probabilities') {
        return choose(b.name, 'probabilities', true, `"${b.name}": the Softmax of "${a.name}"`);
      }
    }
  }
  if (scoreCands.length === 0 && zipmaps.length === 0 && labels.length === 1 && !wanted) {
    return choose(labels[0].name, 'label', true, `"${labels[0].name}": the model outputs only predicted labels`);
  }
  throw new GateError(
    'model.output',
    `cannot tell which model output to read: ${scoreCands.length + zipmaps.length === 0 ? 'no float output' : 'several candidates'} (outputs: ${listOutputs()}): set model.output: { name: <output>, kind: logits | probabilities | label } in the policy`,
    { where },
  );
}

function softmaxOnLastAxis(p: NodeProto, proto: ModelProto, rank: number | null): boolean {
  const opset = proto.opsetImport.find((x) => !x.domain || x.domain === 'ai.onnx')?.version ?? 13;
  const axis = attrInt(p, 'axis', opset >= 13 ? -1 : 1)!;
  if (axis === -1) return true;
  // Before opset 13, axis 1 coerces to 2-D: the class axis for [N, C] outputs.
  return rank === null || axis === rank - 1 || (rank === 2 && axis === 1);
}

function describe(i: OutInfo): string {
  if (!i.tensor) return 'non-tensor';
  const names: Record<number, string> = { 1: 'float32', 10: 'float16', 11: 'float64', 6: 'int32', 7: 'int64', 8: 'string', 9: 'bool', 2: 'uint8' };
  return `${names[i.elem ?? -1] ?? `type ${i.elem}`}${i.rank !== null ? ` rank ${i.rank}` : ''}`;
}

/** Class labels of an sklearn-onnx classifier (ZipMap or the classifier node), index -> label. */
export function sklearnClassLabels(g: GraphProto): (string | number)[] | null {
  for (const n of g.node) {
    if (n.domain !== 'ai.onnx.ml') continue;
    for (const key of ['classlabels_int64s', 'classlabels_ints']) {
      const ints = attrInts(n, key);
      if (ints && ints.length > 0) return ints.map(Number);
    }
    const strs = attrStrings(n, 'classlabels_strings');
    if (strs && strs.length > 0) return strs;
  }
  return null;
}
