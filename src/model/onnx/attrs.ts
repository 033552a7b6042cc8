/**
 * Small read helpers over decoded messages: attribute lookup and typed access (`attrInt`, `attrFloats`,
 * `attrString`, ...), the imported opset version of a domain, and a value's tensor element type and shape.
 */
import { AttributeType } from './schema.ts';
import type { AttributeProto, GraphProto, Int64, ModelProto, NodeProto, TensorProto, ValueInfoProto } from './schema.ts';

const utf8lenient = new TextDecoder('utf-8');

export function findAttr(node: NodeProto, name: string): AttributeProto | undefined {
  return node.attribute.find((a) => a.name === name);
}

function toSafe(v: Int64, what: string): number {
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new Error(`${what}: integer ${v} is outside the safe integer range`);
  return n;
}

/** Integer attribute as a number (bigint values must be safe integers), or `dflt` when absent. */
export function attrInt(node: NodeProto, name: string, dflt?: number): number | undefined {
  const a = findAttr(node, name);
  if (!a || a.i === undefined) return dflt;
  return toSafe(a.i, `${node.opType} attribute ${name}`);
}

/** Integer list attribute as numbers. Values outside the safe range throw (use `.ints` for raw access). */
export function attrInts(node: NodeProto, name: string, dflt?: number[]): number[] | undefined {
  const a = findAttr(node, name);
  if (!a || (a.ints.length === 0 && a.type !== AttributeType.INTS)) return dflt;
  return a.ints.map((v) => toSafe(v, `${node.opType} attribute ${name}`));
}

export function attrFloat(node: NodeProto, name: string, dflt?: number): number | undefined {
  const a = findAttr(node, name);
  return a && a.f !== undefined ? a.f : dflt;
}

export function attrFloats(node: NodeProto, name: string, dflt?: number[]): number[] | undefined {
  const a = findAttr(node, name);
  if (!a || (a.floats.length === 0 && a.type !== AttributeType.FLOATS)) return dflt;
  return a.floats;
}

export function attrString(node: NodeProto, name: string, dflt?: string): string | undefined {
  const a = findAttr(node, name);
  return a && a.s !== undefined ? utf8lenient.decode(a.s) : dflt;
}

export function attrStrings(node: NodeProto, name: string, dflt?: string[]): string[] | undefined {
  const a = findAttr(node, name);
  if (!a || (a.strings.length === 0 && a.type !== AttributeType.STRINGS)) return dflt;
  return a.strings.map((s) => utf8lenient.decode(s));
}

export function attrTensor(node: NodeProto, name: string): TensorProto | undefined {
  return findAttr(node, name)?.t;
}

export function attrGraph(node: NodeProto, name: string): GraphProto | undefined {
  return findAttr(node, name)?.g;
}

/** The opset version imported for `domain` ('' and 'ai.onnx' are the same domain), or undefined. */
export function opsetVersion(model: ModelProto, domain = ''): number | undefined {
  const d = domain === 'ai.onnx' ? '' : domain;
  const found = model.opsetImport.find((o) => (o.domain ?? '') === d || (d === '' && o.domain === 'ai.onnx'));
  return found?.version;
}

/** Element type and shape of a tensor-typed value (`null` dims are unknown, strings symbolic); undefined if not a tensor. */
export function tensorInfo(v: ValueInfoProto): { elemType: number; shape: (number | string | null)[] | undefined } | undefined {
  const t = v.type?.tensorType;
  if (!t) return undefined;
  return {
    elemType: t.elemType ?? 0,
    shape: t.shape ? t.shape.dim.map((d) => d.dimValue ?? d.dimParam ?? null) : undefined,
  };
}
