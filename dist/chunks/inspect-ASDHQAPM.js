import { createRequire as __mgCreateRequire } from 'node:module';
const require = __mgCreateRequire(import.meta.url);
import {
  detectOutput,
  exposeOutputs,
  isLfsPointer,
  sessionOptions
} from "./chunk-HUZQ54LW.js";
import {
  sha256Hex
} from "./chunk-5KBCKNTJ.js";
import {
  dataTypeName,
  decodeModel,
  externalDataFiles
} from "./chunk-AIQMBGXI.js";
import {
  GateError
} from "./chunk-2EUQIP2O.js";
import "./chunk-KXLR6RWI.js";

// src/model/inspect.ts
import { existsSync, lstatSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
var FLOAT_ELEMS = /* @__PURE__ */ new Set([1, 10, 11]);
async function inspectModel(file) {
  const d = describe(file);
  const gradient = await gradientCoverage(d.bytes, d.graph, d.inspection.inputs, d.inspection.output, d.exposed, d.inspection.external_data, d.dir);
  const { metadata, ...head } = d.inspection;
  return { ...head, gradient, metadata };
}
function describeModel(file) {
  return describe(file).inspection;
}
function describe(file) {
  const bytes = readModel(file);
  let proto;
  try {
    proto = decodeModel(bytes);
  } catch (e) {
    throw notOnnx(file, e.message);
  }
  const g = proto.graph;
  if (!g || g.node.length === 0 && g.output.length === 0) throw notOnnx(file, "no graph");
  const initializers = new Set(g.initializer.map((t) => t.name ?? ""));
  const inputs = g.input.filter((i) => !initializers.has(i.name ?? "")).map(describeValue);
  const producers = /* @__PURE__ */ new Map();
  for (const n of g.node) for (const o of n.output) if (o) producers.set(o, qualified(n.domain, n.opType ?? ""));
  const outputs = g.output.map((o) => ({ ...describeValue(o), producer: producers.get(o.name ?? "") ?? null }));
  let output;
  let exposed = [];
  try {
    const c = detectOutput(proto, void 0, { file, position: () => void 0 });
    exposed = c.addOutputs;
    output = { ok: true, name: c.name, kind: c.kind, reason: c.reason, exposed: c.addOutputs.length > 0, class_labels: c.classLabels, warnings: c.warnings };
  } catch (e) {
    if (!(e instanceof GateError)) throw e;
    output = { ok: false, error: e.message };
  }
  const counts = /* @__PURE__ */ new Map();
  const domains = /* @__PURE__ */ new Set();
  for (const n of g.node) {
    const op = qualified(n.domain, n.opType ?? "");
    counts.set(op, (counts.get(op) ?? 0) + 1);
    domains.add(n.domain ? n.domain : "ai.onnx");
  }
  const ops = [...counts].map(([op, count]) => ({ op, count })).sort((a, b) => b.count - a.count || (a.op < b.op ? -1 : a.op > b.op ? 1 : 0));
  const dir = path.dirname(path.resolve(file));
  const external = [];
  for (const ref of externalDataFiles(proto)) {
    const have = external.find((x) => x.location === ref.location);
    if (have) have.tensors++;
    else external.push({ location: ref.location, tensors: 1, exists: existsSync(path.resolve(dir, ref.location)) });
  }
  const inspection = {
    file,
    size: bytes.length,
    sha256: sha256Hex(bytes),
    ir_version: proto.irVersion ?? null,
    producer: proto.producerName || proto.producerVersion ? { name: proto.producerName ?? "", version: proto.producerVersion ?? "" } : null,
    opsets: proto.opsetImport.map((o) => ({ domain: o.domain ? o.domain : "ai.onnx", version: o.version ?? 0 })),
    inputs,
    outputs,
    output,
    nodes: g.node.length,
    ops,
    domains: [...domains].sort(),
    external_data: external,
    metadata: proto.metadataProps.map((p) => ({ key: p.key ?? "", value: p.value ?? "" }))
  };
  return { inspection, bytes, graph: g, exposed, dir };
}
function readModel(file) {
  let st;
  try {
    st = statSync(file);
  } catch (e) {
    const code = e.code;
    throw new GateError("inspect.missing", code === "ENOENT" ? `${file} does not exist: give the path of an .onnx model file` : `cannot read ${file} (${code ?? e.message}): give the path of a readable .onnx model file`);
  }
  if (st.isDirectory()) {
    const onnx = safeList(file).filter((f) => f.toLowerCase().endsWith(".onnx"));
    const hint = onnx.length ? ` (it holds ${onnx.slice(0, 5).join(", ")}${onnx.length > 5 ? ", ..." : ""})` : " (it holds no .onnx file)";
    throw new GateError("inspect.folder", `${file} is a folder, not a model: give the .onnx file inside it${hint}`);
  }
  if (!st.isFile()) throw new GateError("inspect.not-file", `${file} is not a regular file: give the path of an .onnx model file`);
  const bytes = readFileSync(file);
  if (bytes.length < 1024 && isLfsPointer(bytes.subarray(0, 200))) {
    throw new GateError("inspect.lfs-pointer", `${file} is a Git LFS pointer, not the model: fetch it with git lfs pull (in CI: actions/checkout with lfs: true)`);
  }
  return bytes;
}
function safeList(dir) {
  try {
    return readdirSync(dir).filter((f) => !lstatSync(path.join(dir, f)).isDirectory()).sort();
  } catch {
    return [];
  }
}
function notOnnx(file, why) {
  return new GateError("inspect.not-onnx", `${file} is not an ONNX model (${why}): give an .onnx file (exported with torch.onnx.export, skl2onnx or tf2onnx)`);
}
function qualified(domain, op) {
  return domain && domain !== "ai.onnx" ? `${domain}.${op}` : op;
}
function describeValue(v) {
  const t = v.type?.tensorType;
  if (t) {
    const shape = t.shape ? t.shape.dim.map((d) => d.dimValue !== void 0 ? d.dimValue : d.dimParam ? d.dimParam : "?") : null;
    return { name: v.name ?? "", type: dataTypeName(t.elemType ?? 0), tensor: true, shape };
  }
  return { name: v.name ?? "", type: typeName(v.type), tensor: false, shape: null };
}
function typeName(t) {
  if (!t) return "unknown";
  if (t.tensorType) return dataTypeName(t.tensorType.elemType ?? 0);
  if (t.sequenceType) return `seq(${typeName(t.sequenceType.elemType)})`;
  if (t.mapType) return `map(${dataTypeName(t.mapType.keyType ?? 0)}, ${typeName(t.mapType.valueType)})`;
  if (t.optionalType) return `optional(${typeName(t.optionalType.elemType)})`;
  if (t.sparseTensorType) return `sparse(${dataTypeName(t.sparseTensorType.elemType ?? 0)})`;
  return "opaque";
}
async function gradientCoverage(bytes, g, inputs, output, exposed, external, dir) {
  if (!output.ok) return { covered: null, reason: "no output is chosen (see output)" };
  const { prepareGradient, UnsupportedOpError } = await import("./gradient-TUP5SQWL.js");
  const noGradient = (e) => ({ covered: false, reason: e.message, missing: e.missing.map((m) => ({ op: m.op, count: m.count })) });
  if (output.kind === "label") return noGradient(new UnsupportedOpError("output", output.name, "the model outputs labels only"));
  const wrt = g.input.filter((i) => inputs.some((x) => x.name === i.name) && FLOAT_ELEMS.has(i.type?.tensorType?.elemType ?? -1)).map((i) => i.name ?? "");
  if (wrt.length === 0) return noGradient(new UnsupportedOpError("input", "", "the model has no float input (the robustness gate perturbs float inputs only)"));
  const missingFiles = external.filter((x) => !x.exists).map((x) => x.location);
  if (missingFiles.length > 0) return { covered: null, reason: `external data file ${missingFiles.join(", ")} is missing next to the model` };
  const ortModule = await import("onnxruntime-node");
  const externalData = external.map((x) => ({ path: x.location, data: new Uint8Array(readFileSync(path.resolve(dir, x.location))) }));
  const so = sessionOptions(1, externalData);
  const tensorInputs = g.input.filter((i) => inputs.some((x) => x.name === i.name && x.tensor));
  const probeFeeds = (n) => {
    const feeds = {};
    for (const i of tensorInputs) {
      const t = i.type.tensorType;
      const dims = (t.shape?.dim ?? []).map((d, k) => k === 0 ? n : d.dimValue !== void 0 && d.dimValue > 0 ? d.dimValue : 1);
      const size = dims.reduce((a, b) => a * b, 1);
      const type = dataTypeName(t.elemType ?? 0);
      switch (type) {
        case "float32":
          feeds[i.name] = new ortModule.Tensor("float32", new Float32Array(size).fill(0.5), dims);
          break;
        case "float64":
          feeds[i.name] = new ortModule.Tensor("float64", new Float64Array(size).fill(0.5), dims);
          break;
        case "int64":
          feeds[i.name] = new ortModule.Tensor("int64", new BigInt64Array(size), dims);
          break;
        case "int32":
          feeds[i.name] = new ortModule.Tensor("int32", new Int32Array(size), dims);
          break;
        case "bool":
          feeds[i.name] = new ortModule.Tensor("bool", new Uint8Array(size), dims);
          break;
        case "string":
          feeds[i.name] = new ortModule.Tensor("string", new Array(size).fill(""), dims);
          break;
        default:
          throw new UnsupportedOpError("input", i.name ?? "", `input type ${type} cannot be fed`);
      }
    }
    return feeds;
  };
  try {
    const prepared = await prepareGradient({
      bytes: exposeOutputs(bytes, exposed),
      wrt,
      output: output.name,
      outputKind: output.kind,
      sessionOptions: so,
      probeFeeds
    });
    return { covered: true, ops: prepared.ops, converted: prepared.converted, batchable: prepared.batchable };
  } catch (e) {
    if (!(e instanceof UnsupportedOpError)) throw e;
    if (e.op === "probe") return { covered: null, reason: `${e.reason}; inspect runs the model on constant rows, check runs it on the dataset's rows` };
    return noGradient(e);
  }
}
export {
  describeModel,
  inspectModel
};
