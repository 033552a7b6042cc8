/**
 * Small helpers to create ONNX nodes, attributes and constant tensors (codec objects of src/model/onnx).
 */
import { AttributeType } from '../onnx/proto.ts';
import type { AttributeProto, GraphProto, NodeProto, TensorProto } from '../onnx/proto.ts';
import { arrayToTensor, TensorDataType } from '../onnx/tensor.ts';

export type Attr = AttributeProto;

function blankAttr(name: string, type: number): AttributeProto {
  return { name, type, floats: [], ints: [], strings: [], tensors: [], graphs: [], typeProtos: [], sparseTensors: [] };
}
export function aInt(name: string, v: number): Attr {
  return { ...blankAttr(name, AttributeType.INT), i: v };
}
export function aInts(name: string, v: number[]): Attr {
  return { ...blankAttr(name, AttributeType.INTS), ints: v.slice() };
}
export function aFloat(name: string, v: number): Attr {
  return { ...blankAttr(name, AttributeType.FLOAT), f: v };
}
export function aString(name: string, v: string): Attr {
  return { ...blankAttr(name, AttributeType.STRING), s: new TextEncoder().encode(v) };
}
export function aTensor(name: string, t: TensorProto): Attr {
  return { ...blankAttr(name, AttributeType.TENSOR), t };
}

export function mkNode(op: string, inputs: string[], outputs: string[], attrs: Attr[] = [], name?: string): NodeProto {
  return { input: inputs, output: outputs, opType: op, name: name ?? outputs[0], attribute: attrs, domain: '', metadataProps: [] };
}

/** Float element types we differentiate through, and the typed-array maker for constants of that type. */
export function floatConst(name: string, dataType: number, values: number[], dims: number[]): TensorProto {
  if (dataType === TensorDataType.DOUBLE) return arrayToTensor(name, Float64Array.from(values), dims, TensorDataType.DOUBLE);
  if (dataType === TensorDataType.FLOAT16) return arrayToTensor(name, Float32Array.from(values), dims, TensorDataType.FLOAT16);
  return arrayToTensor(name, Float32Array.from(values), dims, TensorDataType.FLOAT);
}

export function int64Const(name: string, values: number[], dims?: number[]): TensorProto {
  return arrayToTensor(name, BigInt64Array.from(values.map((v) => BigInt(v))), dims ?? [values.length], TensorDataType.INT64);
}

/** Appends nodes to a graph with unique names under a prefix. */
export class Emitter {
  readonly graph: GraphProto;
  private counter = 0;
  private readonly prefix: string;
  private readonly cache = new Map<string, string>();

  constructor(graph: GraphProto, prefix: string) {
    this.graph = graph;
    this.prefix = prefix;
  }

  fresh(hint: string): string {
    return `${this.prefix}${hint}_${this.counter++}`;
  }

  /** Emits one node; returns its output names. */
  node(op: string, inputs: string[], attrs: Attr[] = [], nOut = 1, hint = op): string[] {
    const outs = Array.from({ length: nOut }, () => this.fresh(hint));
    this.graph.node.push(mkNode(op, inputs, outs, attrs));
    return outs;
  }

  op(op: string, inputs: string[], attrs: Attr[] = [], hint = op): string {
    return this.node(op, inputs, attrs, 1, hint)[0];
  }

  /** A constant initializer (deduplicated by content key). */
  constant(t: (name: string) => TensorProto, key: string): string {
    const hit = this.cache.get(key);
    if (hit) return hit;
    const name = this.fresh('const');
    this.graph.initializer.push(t(name));
    this.cache.set(key, name);
    return name;
  }

  ints(values: number[], dims?: number[]): string {
    return this.constant((n) => int64Const(n, values, dims), `i64:${values.join(',')}:${dims ? dims.join('x') : 'v'}`);
  }

  floats(dataType: number, values: number[], dims: number[]): string {
    const key = values.length <= 16 ? `f${dataType}:${values.join(',')}:${dims.join('x')}` : `f${dataType}:#${this.counter}`;
    return this.constant((n) => floatConst(n, dataType, values, dims), key);
  }

  scalar(dataType: number, v: number): string {
    return this.floats(dataType, [v], []);
  }
}
