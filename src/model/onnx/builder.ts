/**
 * A small ergonomic builder for ONNX graphs and models (tests, example generators, gradient graphs).
 *
 *   const g = new GraphBuilder('linear');
 *   const x = g.input('x', 'float32', ['N', 4]);
 *   const w = g.initializer('w', new Float32Array(12), [4, 3]);
 *   const b = g.initializer('b', new Float32Array(3), [3]);
 *   const y = g.node('Gemm', [x, w, b], { transB: 0, alpha: attr.f(1) });
 *   g.output(y, 'float32', ['N', 3]);
 *   const bytes = g.toModel({ opset: 17, irVersion: 8, producer: 'model-gate-test' });
 *
 * To extend a decoded model in place: `const g = new GraphBuilder(model.graph!)`, add nodes and outputs, then
 * `g.check()` and `encodeModel(model)` (the model keeps its own opset imports).
 *
 * Attribute values are inferred from JS types: an integer number -> INT, a non-integer number -> FLOAT, bigint -> INT,
 * string / Uint8Array -> STRING, arrays of numbers -> INTS when all are integers else FLOATS, string[] -> STRINGS,
 * Float32Array/Float64Array -> FLOATS, Int32Array/BigInt64Array -> INTS, a TensorProto -> TENSOR, a GraphProto or
 * GraphBuilder -> GRAPH. Where that is ambiguous (a float attribute with an integral value such as `alpha: 1`, a
 * float list of whole numbers, an empty list) say it explicitly with `attr.f(1)`, `attr.floats([1, 2])`, `attr.ints([])`.
 */
import { AttributeType, encodeModel } from './proto.ts';
import type {
  AttributeProto,
  GraphProto,
  Int64,
  ModelProto,
  NodeProto,
  OperatorSetIdProto,
  StringStringEntryProto,
  TensorProto,
  TensorShapeProto,
  TypeProto,
  ValueInfoProto,
} from './proto.ts';
import { arrayToTensor, dataTypeFromName } from './tensor.ts';
import type { TensorInput } from './tensor.ts';

const enc = new TextEncoder();

/** An explicitly typed attribute value (from the `attr` helpers). */
export interface TypedAttr {
  readonly __attr: true;
  make(name: string): AttributeProto;
}

export type AttrValue =
  | number
  | bigint
  | string
  | Uint8Array
  | readonly number[]
  | readonly bigint[]
  | readonly string[]
  | Float32Array
  | Float64Array
  | Int32Array
  | BigInt64Array
  | TensorProto
  | GraphProto
  | GraphBuilder
  | TypedAttr;

export type Attrs = Record<string, AttrValue | undefined>;

function emptyAttr(name: string, type: number): AttributeProto {
  return { name, type, floats: [], ints: [], strings: [], tensors: [], graphs: [], typeProtos: [], sparseTensors: [] };
}

function typed(make: (name: string) => AttributeProto): TypedAttr {
  return { __attr: true, make };
}

function graphOf(g: GraphProto | GraphBuilder): GraphProto {
  return g instanceof GraphBuilder ? g.toGraph() : g;
}

/** Explicit attribute constructors. */
export const attr = {
  f: (v: number): TypedAttr => typed((n) => ({ ...emptyAttr(n, AttributeType.FLOAT), f: v })),
  i: (v: Int64): TypedAttr => typed((n) => ({ ...emptyAttr(n, AttributeType.INT), i: v })),
  s: (v: string | Uint8Array): TypedAttr =>
    typed((n) => ({ ...emptyAttr(n, AttributeType.STRING), s: typeof v === 'string' ? enc.encode(v) : v })),
  t: (v: TensorProto): TypedAttr => typed((n) => ({ ...emptyAttr(n, AttributeType.TENSOR), t: v })),
  g: (v: GraphProto | GraphBuilder): TypedAttr => typed((n) => ({ ...emptyAttr(n, AttributeType.GRAPH), g: graphOf(v) })),
  floats: (v: ArrayLike<number>): TypedAttr => typed((n) => ({ ...emptyAttr(n, AttributeType.FLOATS), floats: Array.from(v) })),
  ints: (v: ArrayLike<Int64>): TypedAttr =>
    typed((n) => ({ ...emptyAttr(n, AttributeType.INTS), ints: Array.from(v, (x) => normInt(x)) })),
  strings: (v: readonly (string | Uint8Array)[]): TypedAttr =>
    typed((n) => ({
      ...emptyAttr(n, AttributeType.STRINGS),
      strings: v.map((s) => (typeof s === 'string' ? enc.encode(s) : s)),
    })),
  tensors: (v: TensorProto[]): TypedAttr => typed((n) => ({ ...emptyAttr(n, AttributeType.TENSORS), tensors: v })),
  graphs: (v: (GraphProto | GraphBuilder)[]): TypedAttr =>
    typed((n) => ({ ...emptyAttr(n, AttributeType.GRAPHS), graphs: v.map(graphOf) })),
};

/** bigint within the safe range -> number (the decoder's convention), else unchanged. */
function normInt(v: Int64): Int64 {
  if (typeof v === 'bigint' && v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER)) return Number(v);
  if (typeof v === 'number' && !Number.isInteger(v)) throw new Error(`integer attribute value expected, got ${v}`);
  return v;
}

function isTensorProto(v: object): v is TensorProto {
  return 'dims' in v && ('dataType' in v || 'rawData' in v) && !('node' in v);
}

function isGraphProto(v: object): v is GraphProto {
  return 'node' in v && 'initializer' in v;
}

/** Builds one AttributeProto from a JS value (see the module comment for the inference rules). */
export function makeAttribute(name: string, v: AttrValue): AttributeProto {
  if (typeof v === 'number') {
    return Number.isInteger(v) ? attr.i(v).make(name) : attr.f(v).make(name);
  }
  if (typeof v === 'bigint') return attr.i(v).make(name);
  if (typeof v === 'string' || v instanceof Uint8Array) return attr.s(v).make(name);
  if (v instanceof Float32Array || v instanceof Float64Array) return attr.floats(v).make(name);
  if (v instanceof Int32Array || v instanceof BigInt64Array) return attr.ints(Array.from(v as ArrayLike<Int64>)).make(name);
  if (v instanceof GraphBuilder) return attr.g(v).make(name);
  if (Array.isArray(v)) {
    if (v.length === 0) throw new Error(`attribute '${name}': empty list is ambiguous; use attr.ints([]) / attr.floats([]) / attr.strings([])`);
    if (v.every((x) => typeof x === 'string')) return attr.strings(v as string[]).make(name);
    if (v.every((x) => typeof x === 'bigint' || (typeof x === 'number' && Number.isInteger(x)))) {
      return attr.ints(v as Int64[]).make(name);
    }
    if (v.every((x) => typeof x === 'number')) return attr.floats(v as number[]).make(name);
    throw new Error(`attribute '${name}': mixed list; use an explicit attr.* helper`);
  }
  if (typeof v === 'object' && v !== null) {
    if ('__attr' in v) return (v as TypedAttr).make(name);
    if (isGraphProto(v)) return attr.g(v).make(name);
    if (isTensorProto(v)) return attr.t(v).make(name);
  }
  throw new Error(`attribute '${name}': cannot infer the ONNX attribute type of ${String(v)}`);
}

export type DimLike = number | string | null;
export type ElemTypeLike = number | string;

/** A tensor TypeProto; `shape` undefined = unknown rank, a `null` dim = unknown dim, a string = symbolic dim. */
export function tensorType(elemType: ElemTypeLike, shape?: readonly DimLike[]): TypeProto {
  const et = typeof elemType === 'string' ? dataTypeFromName(elemType) : elemType;
  const t: TypeProto = { tensorType: { elemType: et } };
  if (shape) t.tensorType!.shape = makeShape(shape);
  return t;
}

export function makeShape(shape: readonly DimLike[]): TensorShapeProto {
  return {
    dim: shape.map((d) => (d === null ? {} : typeof d === 'number' ? { dimValue: d } : { dimParam: d })),
  };
}

export function sequenceType(elem: TypeProto): TypeProto {
  return { sequenceType: { elemType: elem } };
}

export function mapType(keyType: ElemTypeLike, valueType: TypeProto): TypeProto {
  return { mapType: { keyType: typeof keyType === 'string' ? dataTypeFromName(keyType) : keyType, valueType } };
}

export function makeValueInfo(name: string, type?: TypeProto, docString?: string): ValueInfoProto {
  const v: ValueInfoProto = { name, metadataProps: [] };
  if (type) v.type = type;
  if (docString !== undefined) v.docString = docString;
  return v;
}

export function makeNode(
  opType: string,
  inputs: readonly string[],
  outputs: readonly string[],
  attrs: Attrs = {},
  opts: { name?: string; domain?: string; docString?: string } = {},
): NodeProto {
  const node: NodeProto = {
    input: [...inputs],
    output: [...outputs],
    opType,
    attribute: [],
    metadataProps: [],
  };
  if (opts.name !== undefined) node.name = opts.name;
  if (opts.domain) node.domain = opts.domain;
  if (opts.docString !== undefined) node.docString = opts.docString;
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) node.attribute.push(makeAttribute(k, v));
  return node;
}

export function makeGraph(name: string): GraphProto {
  return {
    node: [],
    name,
    initializer: [],
    input: [],
    output: [],
    valueInfo: [],
    quantizationAnnotation: [],
    sparseInitializer: [],
    metadataProps: [],
  };
}

/** Default opset versions for domains used without an explicit version. */
const DEFAULT_DOMAIN_VERSIONS: Record<string, number> = { 'ai.onnx.ml': 3, 'com.microsoft': 1 };

export interface ModelOptions {
  /** Default-domain (ai.onnx) opset version. Default 17. */
  opset?: number;
  /** Other domains' versions, e.g. `{ 'ai.onnx.ml': 3 }`. Domains used by nodes but not listed get a default. */
  opsets?: Record<string, number>;
  /** Default 8 (the IR version that goes with opset 17). */
  irVersion?: number;
  producer?: string;
  producerVersion?: string;
  domain?: string;
  modelVersion?: number;
  docString?: string;
  metadata?: Record<string, string>;
}

export interface NodeOptions {
  /** Output names (default: generated `<opType>_<k>`), or the number of outputs to generate. */
  outputs?: readonly string[] | number;
  domain?: string;
  name?: string;
}

export class GraphBuilder {
  readonly graph: GraphProto;
  private readonly used = new Set<string>();
  private readonly counters = new Map<string, number>();
  private readonly domains = new Set<string>();
  private readonly parent?: GraphBuilder;

  /**
   * `source`: a name for a new, empty graph, or an existing GraphProto (e.g. a decoded model's graph) to extend in
   * place; its value and node names (also those inside subgraphs) are reserved so new names never clash.
   * `parent`: for subgraphs, so generated names stay unique across the enclosing graph.
   */
  constructor(source: string | GraphProto = 'graph', parent?: GraphBuilder) {
    this.parent = parent;
    if (typeof source === 'string') {
      this.graph = makeGraph(source);
    } else {
      this.graph = source;
      this.reserveAll(source);
    }
  }

  private reserveAll(g: GraphProto): void {
    const used = this.root().used;
    const add = (n: string | undefined): void => {
      if (n) used.add(n);
    };
    for (const v of [...g.input, ...g.output, ...g.valueInfo]) add(v.name);
    for (const t of g.initializer) add(t.name);
    for (const t of g.sparseInitializer) add(t.values?.name);
    for (const n of g.node) {
      add(n.name);
      n.output.forEach(add);
      if (n.domain) this.root().domains.add(n.domain);
      for (const a of n.attribute) {
        if (a.g) this.reserveAll(a.g);
        a.graphs.forEach((sg) => this.reserveAll(sg));
      }
    }
  }

  private root(): GraphBuilder {
    return this.parent ? this.parent.root() : this;
  }

  private isUsed(name: string): boolean {
    return this.root().used.has(name);
  }

  private claim(name: string): string {
    const r = this.root();
    if (r.used.has(name)) throw new Error(`value name '${name}' is already used in this graph`);
    r.used.add(name);
    return name;
  }

  /** A fresh name `<prefix>`, `<prefix>_1`, `<prefix>_2`, ... not used so far (and reserves it). */
  uniqueName(prefix: string): string {
    const r = this.root();
    let k = r.counters.get(prefix) ?? 0;
    let name = k === 0 ? prefix : `${prefix}_${k}`;
    while (r.used.has(name)) name = `${prefix}_${++k}`;
    r.counters.set(prefix, k + 1);
    r.used.add(name);
    return name;
  }

  /** A sub-graph builder (for If / Loop / Scan bodies) sharing this graph's name space. */
  subgraph(name: string): GraphBuilder {
    return new GraphBuilder(name, this);
  }

  /** Declares a graph input. Returns its name. */
  input(name: string, elemType: ElemTypeLike | TypeProto, shape?: readonly DimLike[]): string {
    this.claim(name);
    const type = typeof elemType === 'object' ? elemType : tensorType(elemType, shape);
    this.graph.input.push(makeValueInfo(name, type));
    return name;
  }

  /** Declares `value` as a graph output (type as for `input`). Returns the name. */
  output(value: string, elemType: ElemTypeLike | TypeProto, shape?: readonly DimLike[]): string {
    const type = typeof elemType === 'object' ? elemType : tensorType(elemType, shape);
    if (!this.isUsed(value)) this.claim(value);
    this.graph.output.push(makeValueInfo(value, type));
    return value;
  }

  /** Adds a value_info entry (type annotation for an intermediate value). */
  valueInfo(value: string, elemType: ElemTypeLike | TypeProto, shape?: readonly DimLike[]): void {
    const type = typeof elemType === 'object' ? elemType : tensorType(elemType, shape);
    this.graph.valueInfo.push(makeValueInfo(value, type));
  }

  /**
   * Adds an initializer (weights). `name` is made unique if already taken. The data type is inferred from the
   * array (see `arrayToTensor`) unless given. Returns the value name.
   */
  initializer(name: string, data: TensorInput | TensorProto, dims?: readonly number[], dataType?: number | string): string {
    const unique = this.isUsed(name) ? this.uniqueName(name) : this.claim(name);
    const t = isTensorLike(data) ? { ...data, name: unique } : arrayToTensor(unique, data, dims ?? [data.length], dataType);
    this.graph.initializer.push(t);
    return unique;
  }

  /** Adds a `Constant` node producing the tensor. Returns the output name. */
  constant(name: string, data: TensorInput | TensorProto, dims?: readonly number[], dataType?: number | string): string {
    const unique = this.isUsed(name) ? this.uniqueName(name) : this.claim(name);
    const t = isTensorLike(data) ? { ...data, name: unique } : arrayToTensor(unique, data, dims ?? [data.length], dataType);
    this.graph.node.push(makeNode('Constant', [], [unique], { value: attr.t(t) }, { name: this.uniqueName(`Constant_node`) }));
    return unique;
  }

  /** Adds a node with one output; returns the output name. Use '' in `inputs` for an omitted optional input. */
  node(opType: string, inputs: readonly string[], attrs: Attrs = {}, opts: NodeOptions = {}): string {
    const outs = this.nodeMulti(opType, inputs, attrs, { ...opts, outputs: opts.outputs ?? 1 });
    return outs[0];
  }

  /** Adds a node with several outputs (`opts.outputs`: names or count, default 1); returns the output names. */
  nodeMulti(opType: string, inputs: readonly string[], attrs: Attrs = {}, opts: NodeOptions = {}): string[] {
    const spec = opts.outputs ?? 1;
    const outputs =
      typeof spec === 'number'
        ? Array.from({ length: spec }, () => this.uniqueName(`${opType}_out`))
        : spec.map((n) => (n === '' ? '' : this.claim(n)));
    const name = opts.name ?? this.uniqueName(`${opType}_node`);
    if (opts.domain) this.root().domains.add(opts.domain);
    this.graph.node.push(makeNode(opType, inputs, outputs, attrs, { name, domain: opts.domain }));
    return outputs;
  }

  toGraph(): GraphProto {
    return this.graph;
  }

  /**
   * Checks that every node input is a graph input, an initializer or an earlier node's output (subgraphs may also
   * use values of the enclosing graphs), and that every graph output is produced. Throws with the first problem.
   */
  check(): void {
    checkGraph(this.graph, new Set<string>(), 'graph');
  }

  toModelProto(opts: ModelOptions = {}): ModelProto {
    this.check();
    const opsetImport: OperatorSetIdProto[] = [{ domain: '', version: opts.opset ?? 17 }];
    const versions = new Map<string, number>(Object.entries(opts.opsets ?? {}));
    for (const d of this.domains) if (!versions.has(d)) versions.set(d, DEFAULT_DOMAIN_VERSIONS[d] ?? 1);
    for (const [domain, version] of versions) if (domain !== '' && domain !== 'ai.onnx') opsetImport.push({ domain, version });
    const metadataProps: StringStringEntryProto[] = Object.entries(opts.metadata ?? {}).map(([key, value]) => ({ key, value }));
    const m: ModelProto = {
      irVersion: opts.irVersion ?? 8,
      opsetImport,
      graph: this.graph,
      metadataProps,
      trainingInfo: [],
      functions: [],
    };
    if (opts.producer !== undefined) m.producerName = opts.producer;
    if (opts.producerVersion !== undefined) m.producerVersion = opts.producerVersion;
    if (opts.domain !== undefined) m.domain = opts.domain;
    if (opts.modelVersion !== undefined) m.modelVersion = opts.modelVersion;
    if (opts.docString !== undefined) m.docString = opts.docString;
    return m;
  }

  /** Serialized model bytes (for `ort.InferenceSession.create(bytes)` or writing a `.onnx` file). */
  toModel(opts: ModelOptions = {}): Uint8Array {
    return encodeModel(this.toModelProto(opts));
  }
}

function isTensorLike(v: unknown): v is TensorProto {
  return typeof v === 'object' && v !== null && !ArrayBuffer.isView(v) && !Array.isArray(v) && 'dims' in v;
}

function checkGraph(g: GraphProto, outer: ReadonlySet<string>, where: string): void {
  const defined = new Set<string>(outer);
  for (const v of g.input) defined.add(v.name ?? '');
  for (const t of g.initializer) defined.add(t.name ?? '');
  for (const t of g.sparseInitializer) defined.add(t.values?.name ?? '');
  g.node.forEach((n, i) => {
    for (const inp of n.input) {
      if (inp !== '' && !defined.has(inp)) {
        throw new Error(`${where}: node ${i} (${n.opType} '${n.name ?? ''}') uses '${inp}' before it is produced`);
      }
    }
    for (const a of n.attribute) {
      if (a.g) checkGraph(a.g, defined, `${where}.node[${i}].${a.name ?? ''}`);
      a.graphs.forEach((sg, k) => checkGraph(sg, defined, `${where}.node[${i}].${a.name ?? ''}[${k}]`));
    }
    for (const out of n.output) if (out !== '') defined.add(out);
  });
  for (const o of g.output) {
    if (!defined.has(o.name ?? '')) throw new Error(`${where}: output '${o.name ?? ''}' is not produced by any node, input or initializer`);
  }
}

/**
 * onnxruntime-node cannot return ZipMap outputs (sequences of maps). This returns a copy of the model in which
 * every graph output produced by an `ai.onnx.ml` ZipMap node is replaced by the ZipMap's input (the float
 * probabilities tensor [N, C], C = number of class labels), and those ZipMap nodes are removed. The input model
 * is not modified. `replaced` lists {output: old output name, tensor: new output name, labels: class labels}.
 */
export function stripZipMap(model: ModelProto): {
  model: ModelProto;
  replaced: { output: string; tensor: string; labels: (Int64 | string)[] }[];
} {
  const g = model.graph;
  if (!g) return { model, replaced: [] };
  const replaced: { output: string; tensor: string; labels: (Int64 | string)[] }[] = [];
  const drop = new Set<NodeProto>();
  const outputs = g.output.map((o) => {
    const node = g.node.find((n) => n.opType === 'ZipMap' && n.domain === 'ai.onnx.ml' && n.output[0] === o.name);
    if (!node) return o;
    const ints = node.attribute.find((a) => a.name === 'classlabels_int64s')?.ints ?? [];
    const strs = (node.attribute.find((a) => a.name === 'classlabels_strings')?.strings ?? []).map((b) => new TextDecoder().decode(b));
    const labels: (Int64 | string)[] = ints.length > 0 ? ints : strs;
    drop.add(node);
    replaced.push({ output: o.name ?? '', tensor: node.input[0], labels });
    // the probabilities tensor already may be a graph output (then just drop this one)
    return makeValueInfo(node.input[0], tensorType('float32', [null, labels.length]));
  });
  // ZipMap outputs used elsewhere in the graph cannot be stripped
  for (const n of g.node) {
    if (drop.has(n)) continue;
    for (const d of drop) if (n.input.includes(d.output[0])) throw new Error(`ZipMap output '${d.output[0]}' is also used by node '${n.name ?? n.opType}'`);
  }
  const seen = new Set<string>();
  const dedup = outputs.filter((o) => (seen.has(o.name ?? '') ? false : (seen.add(o.name ?? ''), true)));
  return { model: { ...model, graph: { ...g, node: g.node.filter((n) => !drop.has(n)), output: dedup } }, replaced };
}
