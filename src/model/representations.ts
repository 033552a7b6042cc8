/**
 * Intermediate tensors ("representations") of a model, for the poisoning screens (issue 17): the graph is edited so
 * that its only output is the chosen tensor, and every requested row runs through that graph once. By default the
 * tensor is the penultimate one: the computed input of the last Gemm/MatMul on the path back from the score output;
 * or a tensor the policy names (`gates.poisoning.layer`).
 */
import * as ort from 'onnxruntime-node';
import { GateError } from '../errors.ts';
import type { ProgressSink } from '../types/progress.ts';
import type { FeatureView } from './features.ts';
import { sessionOptions } from './load.ts';
import { attrInt, decodeModel, encodeModel, tensorInfo, type GraphProto, type ModelProto, type NodeProto } from './onnx/proto.ts';
import { float16ToNumber } from './onnx/tensor.ts';
import { ortMessage } from './run-error.ts';
import { minBatchRows, runAtLeast } from './batch-rule.ts';

export interface RepresentationLayer {
  /** The tensor's name in the graph. */
  tensor: string;
  /**
   * Values per row (the tensor flattened per row). From the graph alone: the tensor's declared shape, or the weight
   * of the Gemm that reads it; 0 when the graph does not say (extractRepresentations then takes it from onnxruntime's
   * shape inference, or from the first batch, and its result always carries the size).
   */
  dim: number;
  how: 'named' | 'penultimate';
  /** Where it sits, e.g. `input of Gemm "/fc2/Gemm"`. */
  via: string;
}

/** What extractRepresentations needs of the loaded model: the part of the gates' GateModel (src/gates/types.ts) it reads. */
export interface RepresentationModel {
  bytes: Uint8Array;
  externalData?: { path: string; data: Uint8Array }[];
  output: { name: string };
  threads: number;
  featureView(dataset: string): Pick<FeatureView, 'batchSize' | 'features' | 'feeds'>;
}

export interface Representations {
  layer: RepresentationLayer;
  rows: number;
  dim: number;
  /** Float32, row-major [rows x dim], in the order of the requested rows. */
  data: Float32Array;
}

/**
 * Ops the search walks back through from the score output to the last Gemm/MatMul. Shape, cast and activation ops:
 * through their first input (the others are parameters: a Reshape's shape, even when computed from Shape(x), a
 * Clip's bounds). Elementwise binary ops (Add of a bias, Mul of a scale): when the other operand is a constant.
 */
const THROUGH_FIRST = new Set([
  'Identity', 'Dropout', 'Cast', 'Reshape', 'Flatten', 'Squeeze', 'Unsqueeze', 'Transpose',
  'Softmax', 'LogSoftmax', 'Sigmoid', 'Tanh', 'Relu', 'LeakyRelu', 'Elu', 'Selu', 'HardSigmoid', 'Softplus', 'Clip', 'Neg',
]);
const THROUGH_BINARY = new Set(['Add', 'Sub', 'Mul', 'Div']);

const LAYER_HINT = 'name the tensor with gates.poisoning.layer';

interface GraphFacts {
  g: GraphProto;
  producer: Map<string, NodeProto>;
  consumers: Map<string, NodeProto[]>;
  constant: Set<string>;
  inputs: Set<string>;
  initializers: Map<string, number[]>;
}

function facts(model: ModelProto): GraphFacts {
  const g = model.graph!;
  const producer = new Map<string, NodeProto>();
  const consumers = new Map<string, NodeProto[]>();
  const initializers = new Map<string, number[]>();
  for (const t of g.initializer) if (t.name) initializers.set(t.name, t.dims.map(Number));
  const constant = new Set<string>(initializers.keys());
  // Nodes are in topological order (an ONNX requirement): a node whose inputs are all constant (a Constant node, a
  // Reshape of a weight as in CNTK exports) gives constants.
  for (const n of g.node) {
    for (const o of n.output) if (o) producer.set(o, n);
    for (const i of n.input) if (i) (consumers.get(i) ?? consumers.set(i, []).get(i)!).push(n);
    const ins = n.input.filter((i) => i);
    if ((n.domain ?? '') === '' && (n.opType === 'Constant' || (ins.length > 0 && ins.every((i) => constant.has(i))))) {
      for (const o of n.output) if (o) constant.add(o);
    }
  }
  const inputs = new Set(g.input.map((i) => i.name ?? '').filter((n) => n && !initializers.has(n)));
  return { g, producer, consumers, constant, inputs, initializers };
}

function nodeLabel(n: NodeProto): string {
  const op = (n.domain ?? '') === '' || n.domain === 'ai.onnx' ? n.opType ?? '?' : `${n.domain}.${n.opType}`;
  return n.name ? `${op} ${JSON.stringify(n.name)}` : `${op} (unnamed node)`;
}

/** The declared per-row shape of a tensor (graph input/output or value_info), or undefined. */
function declaredShape(g: GraphProto, name: string): (number | string | null)[] | undefined {
  for (const v of [...g.input, ...g.output, ...g.valueInfo]) {
    if (v.name === name) {
      const s = tensorInfo(v)?.shape;
      if (s) return s;
    }
  }
  return undefined;
}

function fmt(shape: readonly (number | string | null)[]): string {
  return `[${shape.map((d) => (d === null ? '?' : String(d))).join(', ')}]`;
}

/** Values per row from the graph alone (see RepresentationLayer.dim); throws when the graph declares a symbolic row shape. */
function staticDim(f: GraphFacts, tensor: string): number {
  const shape = declaredShape(f.g, tensor);
  if (shape && shape.length >= 1) {
    const rest = shape.slice(1);
    if (rest.some((d) => typeof d === 'string')) throw notStatic(tensor, shape);
    if (rest.every((d) => typeof d === 'number')) return (rest as number[]).reduce((a, b) => a * b, 1);
  }
  // The A input of a Gemm (always 2-D [N, K]) with a constant weight: K from the weight.
  for (const n of f.consumers.get(tensor) ?? []) {
    if (n.opType !== 'Gemm' || (n.domain ?? '') !== '' || n.input[0] !== tensor || attrInt(n, 'transA', 0) !== 0) continue;
    const w = f.initializers.get(n.input[1]);
    if (w && w.length === 2) return attrInt(n, 'transB', 0) ? w[1] : w[0];
  }
  return 0;
}

function notStatic(tensor: string, shape: readonly (number | string | null)[]): GateError {
  return new GateError('poisoning.layer', `representation tensor "${tensor}" has shape ${fmt(shape)}: its size per row is not fixed, so rows cannot be compared; name a tensor of fixed size per row with gates.poisoning.layer`);
}

/**
 * Finds the penultimate tensor: the input (the non-initializer one) of the last Gemm/MatMul on the path back from the
 * model's score output, through shape/elementwise/activation ops (Softmax, Identity, Add of a bias, Reshape, Flatten,
 * Squeeze, Cast...); or checks `named`. Throws GateError('poisoning.no-representation', one line naming what was
 * looked for and saying to name the tensor with gates.poisoning.layer).
 */
export function findRepresentationLayer(modelBytes: Uint8Array, outputName: string, named?: string): RepresentationLayer {
  return findIn(decodeModel(modelBytes), outputName, named);
}

function findIn(model: ModelProto, outputName: string, named?: string): RepresentationLayer {
  if (!model.graph) throw new GateError('poisoning.no-representation', `the model has no graph to take representations from: ${LAYER_HINT}`);
  const f = facts(model);
  if (named !== undefined) return checkNamed(f, named);

  const looked = `the input of the last Gemm/MatMul on the path back from output "${outputName}"`;
  const fail = (why: string): never => {
    throw new GateError('poisoning.no-representation', `no penultimate layer found: looked for ${looked}, ${why}; ${LAYER_HINT}`);
  };
  let t = outputName;
  const seen = new Set<string>();
  for (;;) {
    if (seen.has(t)) fail(`but the path loops at "${t}"`);
    seen.add(t);
    const p = f.producer.get(t);
    if (!p) fail(f.inputs.has(t) ? `but reached the model input "${t}" without meeting one` : `but no node produces "${t}"`);
    const node = p!;
    const std = (node.domain ?? '') === '' || node.domain === 'ai.onnx';
    const computed = node.input.filter((i) => i && !f.constant.has(i));
    if (std && (node.opType === 'Gemm' || node.opType === 'MatMul')) {
      if (computed.length !== 1) {
        fail(`but ${nodeLabel(node)} multiplies ${computed.length === 0 ? 'constants only' : 'two computed tensors (not a layer with weights)'}`);
      }
      if (node.opType === 'Gemm' && computed[0] === node.input[0] && attrInt(node, 'transA', 0) !== 0) {
        fail(`but ${nodeLabel(node)} transposes its input (transA = 1), so its rows are not the batch`);
      }
      const tensor = computed[0];
      return { tensor, dim: staticDim(f, tensor), how: 'penultimate', via: `input of ${nodeLabel(node)}` };
    }
    const op = node.opType ?? '';
    if (std && THROUGH_FIRST.has(op) && node.input[0]) {
      t = node.input[0];
    } else if (std && THROUGH_BINARY.has(op)) {
      if (computed.length !== 1) fail(`but ${nodeLabel(node)} combines ${computed.length} computed tensors`);
      t = computed[0];
    } else {
      fail(`but met ${nodeLabel(node)}, which it does not look through`);
    }
  }
}

function checkNamed(f: GraphFacts, named: string): RepresentationLayer {
  const hint = 'name a tensor that a node of the graph computes (an output of a node, or a model input) with gates.poisoning.layer';
  if (f.initializers.has(named) || f.constant.has(named)) {
    throw new GateError('poisoning.layer', `gates.poisoning.layer "${named}" is a constant of the model (a weight), not a representation of the rows: ${hint}`);
  }
  const p = f.producer.get(named);
  if (!p && !f.inputs.has(named)) {
    throw new GateError('poisoning.layer', `gates.poisoning.layer "${named}" is not a tensor of the model (no node computes it and no input has that name): ${hint}`);
  }
  return { tensor: named, dim: staticDim(f, named), how: 'named', via: p ? `output of ${nodeLabel(p)}` : 'model input' };
}

/**
 * The representations of `rows` (indices into the dataset named `name`) of a dataset: the graph edited to output the
 * tensor (its only output, so onnxruntime computes nothing past it), one session from the edited bytes (the model's
 * verified externalData in memory, same threads), batched like predictions; Float32 row-major [rows x dim].
 * Memory: the result plus one batch. The session is released before returning.
 */
export async function extractRepresentations(
  model: RepresentationModel,
  name: string,
  all: Int32Array,
  o: { layer?: string; checkBudget(): void; progress?: ProgressSink },
): Promise<Representations> {
  const edited = decodeModel(model.bytes);
  const layer = findIn(edited, model.output.name, o.layer);
  const view = model.featureView(name);
  edited.graph!.output = [{ name: layer.tensor, metadataProps: [] }];
  let session: ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(encodeModel(edited), sessionOptions(model.threads, model.externalData ?? []));
  } catch (e) {
    throw new GateError('poisoning.layer', `onnxruntime cannot load the model with tensor "${layer.tensor}" as its output (${ortMessage(e)}): ${LAYER_HINT} to pick another tensor`, { cause: e });
  }
  try {
    const meta = session.outputMetadata[0];
    let dim = layer.dim;
    if (meta?.isTensor && meta.shape.length > 0) {
      // onnxruntime's shape inference: a number is a size, a name a symbolic dimension (the size varies: refused),
      // '' a size it could not infer (a Reshape to a computed shape, torch's x.view(x.size(0), -1)): then the
      // graph's size stands, or the first batch gives it.
      const rest = meta.shape.slice(1);
      if (rest.some((d) => typeof d === 'string' && d !== '')) throw notStatic(layer.tensor, meta.shape.map((d) => (d === '' ? 'N' : d)));
      if (dim === 0 && rest.every((d) => typeof d === 'number')) dim = (rest as number[]).reduce((a, b) => a * b, 1);
    }
    const n = all.length;
    const out = new Float32Array(n * Math.max(dim, 0));
    const bs = Math.max(1, view.batchSize);
    // A last batch of few rows is padded, so a row's representation does not depend on its batch (batch-rule.ts).
    const minRows = Math.min(bs, minBatchRows(session.inputMetadata.map((m) => ({ shape: m.isTensor ? [...m.shape] : [] })), model.threads));
    const task = `representations ${JSON.stringify(layer.tensor)} on dataset ${name} (batch ${bs})`;
    o.progress?.({ phase: 'start', task, unit: 'rows', done: 0, total: n });
    let data = out;
    for (let start = 0; start < n; start += bs) {
      if (start > 0) o.progress?.({ phase: 'update', task, unit: 'rows', done: start, total: n });
      o.checkBudget();
      const batch = all.subarray(start, Math.min(n, start + bs));
      const feeds = view.feeds(view.features(batch), batch);
      let t: ort.Tensor;
      try {
        t = (await runAtLeast(session, feeds, [layer.tensor], minRows))[layer.tensor];
      } catch (e) {
        throw new GateError('model.run', `onnxruntime failed to compute tensor "${layer.tensor}" on dataset "${name}" rows ${batch[0] + 1}..${batch[batch.length - 1] + 1}: ${ortMessage(e)}`, { cause: e });
      }
      const m = batch.length;
      const per = t.dims.slice(1).reduce((a, b) => a * Number(b), 1);
      if (t.dims.length < 1 || Number(t.dims[0]) !== m || (dim > 0 && per !== dim)) {
        throw new GateError('poisoning.layer', `representation tensor "${layer.tensor}" has shape [${t.dims.join(', ')}] for a batch of ${m} rows of dataset "${name}": expected [${m}, ...] with ${dim > 0 ? dim : 'the same number of'} values per row; ${LAYER_HINT} (one with the batch as its first axis)`);
      }
      if (dim === 0) {
        // The graph and onnxruntime's shape inference did not give the size: the first batch does (and the rest must agree).
        dim = per;
        data = new Float32Array(n * dim);
      }
      const bad = copyRows(t, data, start * dim, m * dim);
      if (bad === -2) throw new GateError('poisoning.layer', `representation tensor "${layer.tensor}" is ${t.type}, not a float tensor: ${LAYER_HINT} (a float activation)`);
      if (bad >= 0) {
        throw new GateError('model.nan', `representation tensor "${layer.tensor}" is not finite on dataset "${name}" row ${batch[Math.floor(bad / dim)] + 1}: check the inputs for missing values and the transform`);
      }
    }
    o.progress?.({ phase: 'end', task, unit: 'rows', done: n, total: n });
    return { layer: { ...layer, dim }, rows: n, dim, data };
  } finally {
    await session.release();
  }
}

/** Copies `count` values of a float tensor into `dst` at `at` as float32; -1 done, -2 not a float tensor, else the index of the first non-finite value. */
function copyRows(t: ort.Tensor, dst: Float32Array, at: number, count: number): number {
  if (t.type !== 'float32' && t.type !== 'float64' && t.type !== 'float16') return -2;
  const src = t.data as Float32Array | Float64Array | Uint16Array;
  for (let i = 0; i < count; i++) {
    const v = t.type === 'float16' ? float16ToNumber(src[i]) : src[i];
    if (v - v !== 0) return i;
    dst[at + i] = v;
  }
  return -1;
}
