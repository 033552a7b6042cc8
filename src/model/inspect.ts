/**
 * What `model-gate inspect` says about an ONNX file (no console I/O: the CLI renders it, src/cli/inspect.ts). Every
 * decision is the one a gate run makes, by calling the same code: the output the gates read comes from
 * `detectOutput` (outputs.ts), and whether the white-box attacks can run from `prepareGradient` (gradient/), the
 * call and the catch of `UnsupportedOpError` the robustness gate makes; so inspect cannot disagree with check.
 * The model is not signed-checked here: it is only decoded and, for the gradient coverage, run on constant rows.
 */
import { existsSync, lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type * as ort from 'onnxruntime-node';
import { GateError } from '../errors.ts';
import { sha256Hex } from '../util/hash.ts';
import { isLfsPointer } from '../util/lfs.ts';
import { decodeModel, type GraphProto, type ModelProto, type TypeProto, type ValueInfoProto } from './onnx/proto.ts';
import { dataTypeName, externalDataFiles } from './onnx/tensor.ts';
import { detectOutput } from './outputs.ts';
import { exposeOutputs, sessionOptions } from './load.ts';
import type { OutputKind } from '../types/policy-parts.ts';

/** One graph input or output. `shape`: a number per fixed dim, the dim's name when symbolic, '?' when unnamed; null when the rank is unknown. */
export interface InspectedValue {
  name: string;
  /** `float32`, `int64`, `string`, ... for tensors; `seq(map(int64, float32))` and the like otherwise. */
  type: string;
  tensor: boolean;
  shape: (number | string)[] | null;
}

export interface InspectedOutput extends InspectedValue {
  /** The op that produces it ('ai.onnx.ml.ZipMap', 'Softmax', ...), null for a graph input passed through. */
  producer: string | null;
}

/** The output the gates read (no `model.output` in the policy), or why none can be chosen. */
export type InspectedChoice =
  | {
    ok: true;
    name: string;
    kind: OutputKind;
    reason: string;
    /** True when the tensor is an intermediate value model-gate adds as an output (the input of a ZipMap or final Softmax). */
    exposed: boolean;
    /** Class labels of an sklearn-onnx classifier, index -> label; null when the classes are indices 0..C-1. */
    class_labels: (string | number)[] | null;
    warnings: string[];
  }
  | { ok: false; error: string };

/** Whether the gradient engine covers the graph, as the robustness gate decides it. */
export type InspectedGradient =
  | { covered: true; ops: string[]; converted: string | null; batchable: boolean }
  | { covered: false; reason: string; missing: { op: string; count: number }[] }
  /** Not determined (no output chosen, external data missing, or the model does not run on constant rows). */
  | { covered: null; reason: string };

export interface ModelInspection {
  file: string;
  size: number;
  sha256: string;
  ir_version: number | null;
  producer: { name: string; version: string } | null;
  /** `ai.onnx` for the default domain. */
  opsets: { domain: string; version: number }[];
  inputs: InspectedValue[];
  outputs: InspectedOutput[];
  output: InspectedChoice;
  /** Nodes of the main graph (subgraphs of If/Loop/Scan not included). */
  nodes: number;
  /** Node count per op, most used first, then by name; ops of other domains as `domain.Op`. */
  ops: { op: string; count: number }[];
  /** Domains the nodes use (`ai.onnx` for the default one), sorted. */
  domains: string[];
  /** External-data files, once each, in order of first use; `exists` next to the model (resolved against its folder). */
  external_data: { location: string; tensors: number; exists: boolean }[];
  gradient: InspectedGradient;
  metadata: { key: string; value: string }[];
}

const FLOAT_ELEMS = new Set([1, 10, 11]);

/** Reads and describes an ONNX model file. Throws a one-line GateError for a missing file, a folder, an LFS pointer or a file that is not ONNX. */
export async function inspectModel(file: string): Promise<ModelInspection> {
  const d = describe(file);
  const gradient = await gradientCoverage(d.bytes, d.graph, d.inspection.inputs, d.inspection.output, d.exposed, d.inspection.external_data, d.dir);
  const { metadata, ...head } = d.inspection;
  return { ...head, gradient, metadata };
}

/**
 * `inspectModel` without the gradient coverage (which builds the gradient graph and runs the model): what
 * `model-gate init` reads (the inputs, the output the gates read, the sha256). Throws the same GateErrors.
 */
export function describeModel(file: string): Omit<ModelInspection, 'gradient'> {
  return describe(file).inspection;
}

function describe(file: string): { inspection: Omit<ModelInspection, 'gradient'>; bytes: Buffer; graph: GraphProto; exposed: string[]; dir: string } {
  const bytes = readModel(file);
  let proto: ModelProto;
  try {
    proto = decodeModel(bytes);
  } catch (e) {
    throw notOnnx(file, (e as Error).message);
  }
  const g = proto.graph;
  if (!g || (g.node.length === 0 && g.output.length === 0)) throw notOnnx(file, 'no graph');

  const initializers = new Set(g.initializer.map((t) => t.name ?? ''));
  const inputs = g.input.filter((i) => !initializers.has(i.name ?? '')).map(describeValue);
  const producers = new Map<string, string>();
  for (const n of g.node) for (const o of n.output) if (o) producers.set(o, qualified(n.domain, n.opType ?? ''));
  const outputs: InspectedOutput[] = g.output.map((o) => ({ ...describeValue(o), producer: producers.get(o.name ?? '') ?? null }));

  let output: InspectedChoice;
  let exposed: string[] = [];
  try {
    const c = detectOutput(proto, undefined, { file, position: () => undefined });
    exposed = c.addOutputs;
    output = { ok: true, name: c.name, kind: c.kind, reason: c.reason, exposed: c.addOutputs.length > 0, class_labels: c.classLabels, warnings: c.warnings };
  } catch (e) {
    if (!(e instanceof GateError)) throw e;
    output = { ok: false, error: e.message };
  }

  const counts = new Map<string, number>();
  const domains = new Set<string>();
  for (const n of g.node) {
    const op = qualified(n.domain, n.opType ?? '');
    counts.set(op, (counts.get(op) ?? 0) + 1);
    domains.add(n.domain ? n.domain : 'ai.onnx');
  }
  const ops = [...counts].map(([op, count]) => ({ op, count })).sort((a, b) => b.count - a.count || (a.op < b.op ? -1 : a.op > b.op ? 1 : 0));

  const dir = path.dirname(path.resolve(file));
  const external: ModelInspection['external_data'] = [];
  for (const ref of externalDataFiles(proto)) {
    const have = external.find((x) => x.location === ref.location);
    if (have) have.tensors++;
    else external.push({ location: ref.location, tensors: 1, exists: existsSync(path.resolve(dir, ref.location)) });
  }

  const inspection: Omit<ModelInspection, 'gradient'> = {
    file,
    size: bytes.length,
    sha256: sha256Hex(bytes),
    ir_version: proto.irVersion ?? null,
    producer: proto.producerName || proto.producerVersion ? { name: proto.producerName ?? '', version: proto.producerVersion ?? '' } : null,
    opsets: proto.opsetImport.map((o) => ({ domain: o.domain ? o.domain : 'ai.onnx', version: o.version ?? 0 })),
    inputs,
    outputs,
    output,
    nodes: g.node.length,
    ops,
    domains: [...domains].sort(),
    external_data: external,
    metadata: proto.metadataProps.map((p) => ({ key: p.key ?? '', value: p.value ?? '' })),
  };
  return { inspection, bytes, graph: g, exposed, dir };
}

function readModel(file: string): Buffer {
  let st;
  try {
    st = statSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new GateError('inspect.missing', code === 'ENOENT' ? `${file} does not exist: give the path of an .onnx model file` : `cannot read ${file} (${code ?? (e as Error).message}): give the path of a readable .onnx model file`);
  }
  if (st.isDirectory()) {
    const onnx = safeList(file).filter((f) => f.toLowerCase().endsWith('.onnx'));
    const hint = onnx.length ? ` (it holds ${onnx.slice(0, 5).join(', ')}${onnx.length > 5 ? ', ...' : ''})` : ' (it holds no .onnx file)';
    throw new GateError('inspect.folder', `${file} is a folder, not a model: give the .onnx file inside it${hint}`);
  }
  if (!st.isFile()) throw new GateError('inspect.not-file', `${file} is not a regular file: give the path of an .onnx model file`);
  const bytes = readFileSync(file);
  if (bytes.length < 1024 && isLfsPointer(bytes.subarray(0, 200))) {
    throw new GateError('inspect.lfs-pointer', `${file} is a Git LFS pointer, not the model: fetch it with git lfs pull (in CI: actions/checkout with lfs: true)`);
  }
  return bytes;
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir).filter((f) => !lstatSync(path.join(dir, f)).isDirectory()).sort();
  } catch {
    return [];
  }
}

function notOnnx(file: string, why: string): GateError {
  return new GateError('inspect.not-onnx', `${file} is not an ONNX model (${why}): give an .onnx file (exported with torch.onnx.export, skl2onnx or tf2onnx)`);
}

function qualified(domain: string | undefined, op: string): string {
  return domain && domain !== 'ai.onnx' ? `${domain}.${op}` : op;
}

function describeValue(v: ValueInfoProto): InspectedValue {
  const t = v.type?.tensorType;
  if (t) {
    const shape = t.shape ? t.shape.dim.map((d) => (d.dimValue !== undefined ? d.dimValue : d.dimParam ? d.dimParam : '?')) : null;
    return { name: v.name ?? '', type: dataTypeName(t.elemType ?? 0), tensor: true, shape };
  }
  return { name: v.name ?? '', type: typeName(v.type), tensor: false, shape: null };
}

function typeName(t: TypeProto | undefined): string {
  if (!t) return 'unknown';
  if (t.tensorType) return dataTypeName(t.tensorType.elemType ?? 0);
  if (t.sequenceType) return `seq(${typeName(t.sequenceType.elemType)})`;
  if (t.mapType) return `map(${dataTypeName(t.mapType.keyType ?? 0)}, ${typeName(t.mapType.valueType)})`;
  if (t.optionalType) return `optional(${typeName(t.optionalType.elemType)})`;
  if (t.sparseTensorType) return `sparse(${dataTypeName(t.sparseTensorType.elemType ?? 0)})`;
  return 'opaque';
}

/**
 * The robustness gate's own decision (src/gates/robustness/index.ts): label-only outputs and models without a float
 * input get no gradients; otherwise `prepareGradient` builds the gradient graph or throws `UnsupportedOpError`
 * with every op on the input-to-output path that has no rule (`missing`, with counts: the report's
 * `details.gradient.missing`). The shape probe runs the model on constant rows (0.5 for floats, 0 for integers,
 * '' for strings; symbolic non-batch dims set to 1), which is all it needs: which ops lie on the path does not
 * depend on the values. The gate additionally checks the class count against the dataset's predictions.
 */
async function gradientCoverage(
  bytes: Uint8Array,
  g: GraphProto,
  inputs: InspectedValue[],
  output: InspectedChoice,
  exposed: string[],
  external: ModelInspection['external_data'],
  dir: string,
): Promise<InspectedGradient> {
  if (!output.ok) return { covered: null, reason: 'no output is chosen (see output)' };
  const { prepareGradient, UnsupportedOpError } = await import('./gradient/index.ts');
  const noGradient = (e: InstanceType<typeof UnsupportedOpError>): InspectedGradient => ({ covered: false, reason: e.message, missing: e.missing.map((m) => ({ op: m.op, count: m.count })) });
  if (output.kind === 'label') return noGradient(new UnsupportedOpError('output', output.name, 'the model outputs labels only'));
  const wrt = g.input.filter((i) => inputs.some((x) => x.name === i.name) && FLOAT_ELEMS.has(i.type?.tensorType?.elemType ?? -1)).map((i) => i.name ?? '');
  if (wrt.length === 0) return noGradient(new UnsupportedOpError('input', '', 'the model has no float input (the robustness gate perturbs float inputs only)'));
  const missingFiles = external.filter((x) => !x.exists).map((x) => x.location);
  if (missingFiles.length > 0) return { covered: null, reason: `external data file ${missingFiles.join(', ')} is missing next to the model` };
  const ortModule = await import('onnxruntime-node');
  const externalData = external.map((x) => ({ path: x.location, data: new Uint8Array(readFileSync(path.resolve(dir, x.location))) }));
  const so = sessionOptions(1, externalData);
  const tensorInputs = g.input.filter((i) => inputs.some((x) => x.name === i.name && x.tensor));
  const probeFeeds = (n: number): Record<string, ort.Tensor> => {
    const feeds: Record<string, ort.Tensor> = {};
    for (const i of tensorInputs) {
      const t = i.type!.tensorType!;
      const dims = (t.shape?.dim ?? []).map((d, k) => (k === 0 ? n : d.dimValue !== undefined && d.dimValue > 0 ? d.dimValue : 1));
      const size = dims.reduce((a, b) => a * b, 1);
      const type = dataTypeName(t.elemType ?? 0);
      switch (type) {
        case 'float32': feeds[i.name!] = new ortModule.Tensor('float32', new Float32Array(size).fill(0.5), dims); break;
        case 'float64': feeds[i.name!] = new ortModule.Tensor('float64', new Float64Array(size).fill(0.5), dims); break;
        case 'int64': feeds[i.name!] = new ortModule.Tensor('int64', new BigInt64Array(size), dims); break;
        case 'int32': feeds[i.name!] = new ortModule.Tensor('int32', new Int32Array(size), dims); break;
        case 'bool': feeds[i.name!] = new ortModule.Tensor('bool', new Uint8Array(size), dims); break;
        case 'string': feeds[i.name!] = new ortModule.Tensor('string', new Array<string>(size).fill(''), dims); break;
        default: throw new UnsupportedOpError('input', i.name ?? '', `input type ${type} cannot be fed`);
      }
    }
    return feeds;
  };
  try {
    const prepared = await prepareGradient({
      bytes: exposeOutputs(bytes, exposed), wrt, output: output.name, outputKind: output.kind, sessionOptions: so, probeFeeds,
    });
    return { covered: true, ops: prepared.ops, converted: prepared.converted, batchable: prepared.batchable };
  } catch (e) {
    if (!(e instanceof UnsupportedOpError)) throw e;
    // The probe failing on constant rows says nothing about the ops: not determined (a gate run probes real rows).
    if (e.op === 'probe') return { covered: null, reason: `${e.reason}; inspect runs the model on constant rows, check runs it on the dataset's rows` };
    return noGradient(e);
  }
}
