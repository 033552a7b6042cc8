import { createRequire as __mgCreateRequire } from 'node:module';
const require = __mgCreateRequire(import.meta.url);
import {
  pinHex,
  sha256Hex
} from "./chunk-5KBCKNTJ.js";
import {
  attrInt,
  attrInts,
  attrStrings,
  decodeFunction,
  decodeModel,
  encodeModel,
  externalDataFiles
} from "./chunk-AIQMBGXI.js";
import {
  GateError
} from "./chunk-2EUQIP2O.js";

// src/model/features.ts
import * as ort from "onnxruntime-node";
var FLOATS = /* @__PURE__ */ new Set(["float32", "float64", "float16"]);
function buildFeatureView(ds, inputs, mapping, where) {
  const parts = [];
  const err = (msg) => {
    throw new GateError("model.inputs", msg, { where: { file: where.policyFile } });
  };
  if (inputs.length === 0) err("the model has no inputs");
  if (!mapping) {
    if (inputs.length !== 1) {
      err(`the model has ${inputs.length} inputs (${inputs.map((i) => i.name).join(", ")}) but the policy has no model.inputs mapping: map each input to its dataset columns`);
    }
    const input = inputs[0];
    if (ds.tensor) {
      parts.push({ input, columns: null, dtype: dtypeOf(input), offset: 0, width: 0, rowShape: [] });
    } else {
      parts.push({ input, columns: ds.features.slice(), dtype: dtypeOf(input), offset: 0, width: 0, rowShape: [] });
    }
  } else {
    const names = new Set(inputs.map((i) => i.name));
    for (const key of Object.keys(mapping)) {
      if (!names.has(key)) err(`model.inputs.${key}: the model has no input "${key}" (inputs: ${[...names].join(", ")})`);
    }
    for (const input of inputs) {
      const m = mapping[input.name];
      if (!m) err(`model.inputs: the model input "${input.name}" is not mapped (add model.inputs.${input.name}: { from: <column> })`);
      const columns = Array.isArray(m.from) ? m.from : [m.from];
      if (ds.tensor) err(`model.inputs.${input.name}: dataset "${ds.name}" is a tensor (.npy) file without columns; drop model.inputs or use a tabular dataset`);
      const dtype = m.dtype ?? dtypeOf(input);
      if (dtype !== dtypeOf(input) && !(FLOATS.has(dtype) && FLOATS.has(dtypeOf(input)))) {
        err(`model.inputs.${input.name}.dtype is ${dtype} but the model input is ${input.type}`);
      }
      parts.push({ input, columns, dtype: dtypeOf(input), offset: 0, width: 0, rowShape: [] });
    }
  }
  let dim = 0;
  const featureNames = [];
  const perturb = [];
  let rowShapeOfSpace = null;
  for (const p of parts) {
    if (p.columns === null) {
      const t = ds.tensor;
      const perRow = t.shape.slice(1).reduce((a, b) => a * b, 1);
      p.rowShape = resolveRowShape(p.input, perRow, t.shape.slice(1), ds.name);
      if (p.dtype === "string") err(`model input "${p.input.name}" takes strings; a .npy dataset holds numbers: use a CSV or Parquet dataset for text inputs`);
      p.offset = 0;
      p.width = perRow;
      dim = perRow;
      rowShapeOfSpace = t.shape.slice(1);
      const perturbable = FLOATS.has(p.dtype) ? 1 : 0;
      for (let i = 0; i < perRow; i++) perturb.push(perturbable);
      continue;
    }
    for (const c of p.columns) {
      const col = ds.columns.get(c);
      if (!col) err(`model.inputs.${p.input.name}: dataset "${ds.name}" has no column "${c}" (columns: ${[...ds.columns.keys()].slice(0, 30).join(", ")})`);
      if (p.dtype !== "string" && col.kind === "string") {
        err(`dataset "${ds.name}" column "${c}" holds text but feeds the ${p.input.type} input "${p.input.name}": exclude it, encode it, or map it to a string input with model.inputs`);
      }
    }
    p.rowShape = resolveRowShape(p.input, p.columns.length, [p.columns.length], ds.name);
    if (FLOATS.has(p.dtype)) {
      p.offset = dim;
      p.width = p.columns.length;
      dim += p.width;
      for (const c of p.columns) {
        featureNames.push(c);
        perturb.push(1);
      }
    } else if (p.dtype !== "string") {
      p.offset = dim;
      p.width = p.columns.length;
      dim += p.width;
      for (const c of p.columns) {
        featureNames.push(c);
        perturb.push(0);
      }
    } else {
      p.offset = -1;
    }
  }
  const fixedBatchOne = parts.some((p) => p.input.shape.length > 0 && p.input.shape[0] === 1);
  const perRowElements = parts.reduce((a, p) => a + p.rowShape.reduce((x, y) => x * y, 1), 0);
  const batchSize = fixedBatchOne ? 1 : Math.max(1, Math.min(1024, Math.floor(262144 / Math.max(1, perRowElements))));
  const tabular = parts.every((p) => p.columns !== null);
  const colParts = parts.filter((p) => p.offset >= 0 && p.columns !== null).flatMap((p) => p.columns.map((c, j) => ({ values: ds.columns.get(c).values, at: p.offset + j })));
  const gatherRows = (rows) => {
    const out = new Float32Array(rows.length * dim);
    if (ds.tensor) {
      const t = ds.tensor.data;
      for (let r = 0; r < rows.length; r++) out.set(t.subarray(rows[r] * dim, rows[r] * dim + dim), r * dim);
      return out;
    }
    for (const { values, at } of colParts) for (let r = 0; r < rows.length; r++) out[r * dim + at] = values[rows[r]];
    return out;
  };
  let cached;
  const matrix = () => {
    if (cached !== void 0) return cached;
    if (ds.tensor) return cached = ds.tensor.data.length === ds.rows * dim ? ds.tensor.data : null;
    if (ds.rows * dim > 64 * 1024 * 1024) return cached = null;
    return cached = gatherRows(Int32Array.from({ length: ds.rows }, (_, i) => i));
  };
  const view = {
    dataset: ds.name,
    dim,
    rowShape: rowShapeOfSpace ?? [dim],
    featureNames: tabular ? featureNames : null,
    perturbable: Uint8Array.from(perturb),
    batchSize,
    floatInputs: parts.filter((p) => p.offset >= 0 && FLOATS.has(p.dtype)).map((p) => ({ name: p.input.name, offset: p.offset, width: p.width, rowShape: p.rowShape })),
    fixedInputs: parts.filter((p) => !FLOATS.has(p.dtype)).map((p) => ({ name: p.input.name, type: p.input.type, shape: p.input.shape.slice() })),
    features(rows) {
      const v = this.featuresView(rows);
      return v.buffer === cached?.buffer ? v.slice() : v;
    },
    featuresView(rows) {
      const first = rows.length > 0 ? rows[0] : 0;
      if (rows.length > 0 && rows[rows.length - 1] - first === rows.length - 1 && isAscending(rows)) {
        const m = matrix();
        if (m) return m.subarray(first * dim, (first + rows.length) * dim);
      }
      return gatherRows(rows);
    },
    feeds(x, rows) {
      const n = rows.length;
      const feeds = {};
      for (const p of parts) {
        const dims = [n, ...p.rowShape];
        if (p.offset >= 0) {
          const count = n * p.width;
          const vals = p.width === dim && p.offset === 0 ? x : gather(x, n, dim, p.offset, p.width);
          feeds[p.input.name] = makeTensor(p, vals, count, dims, ds, rows);
        } else {
          const out = new Array(n * p.columns.length);
          for (let j = 0; j < p.columns.length; j++) {
            const col = ds.columns.get(p.columns[j]);
            for (let r = 0; r < n; r++) {
              const v = col.kind === "string" ? col.values[rows[r]] : numToString(col.values[rows[r]]);
              out[r * p.columns.length + j] = v ?? "";
            }
          }
          feeds[p.input.name] = new ort.Tensor("string", out, dims);
        }
      }
      return feeds;
    }
  };
  return view;
}
function isAscending(rows) {
  for (let i = 1; i < rows.length; i++) if (rows[i] !== rows[i - 1] + 1) return false;
  return true;
}
function gather(x, n, dim, offset, width) {
  const out = new Float32Array(n * width);
  for (let r = 0; r < n; r++) out.set(x.subarray(r * dim + offset, r * dim + offset + width), r * width);
  return out;
}
function makeTensor(p, vals, count, dims, ds, rows) {
  switch (p.input.type) {
    case "float32":
      return new ort.Tensor("float32", vals, dims);
    case "float64":
      return new ort.Tensor("float64", Float64Array.from(vals), dims);
    case "int64":
    case "int32":
    case "bool": {
      const out = p.input.type === "int64" ? new BigInt64Array(count) : p.input.type === "int32" ? new Int32Array(count) : new Uint8Array(count);
      if (!p.columns) {
        const t = ds.tensor;
        const src = t.exact ?? t.data;
        const w2 = p.width;
        for (let r = 0; r < rows.length; r++) {
          for (let j = 0, at = rows[r] * w2; j < w2; j++) {
            const v = src[at + j];
            if (!Number.isInteger(v)) {
              throw new GateError(
                "data.not-integer",
                `dataset "${ds.name}" (${ds.path}) row ${rows[r] + 1} element ${j} is ${v} but feeds the ${p.input.type} input "${p.input.name}": save the array as integers (numpy.save(path, arr.astype(numpy.int64)))${t.exact ? "" : ", without scale/mean/std transforms"}`
              );
            }
            if (out instanceof BigInt64Array) out[r * w2 + j] = BigInt(v);
            else out[r * w2 + j] = v;
          }
        }
        return new ort.Tensor(p.input.type, out, dims);
      }
      const w = p.columns.length;
      for (let j = 0; j < w; j++) {
        const col = ds.columns.get(p.columns[j]);
        for (let r = 0; r < rows.length; r++) {
          const v = col.values[rows[r]];
          if (!Number.isInteger(v)) {
            throw new GateError(
              "data.not-integer",
              `dataset "${ds.name}" column "${p.columns[j]}" row ${rows[r] + 1} is ${Number.isNaN(v) ? "missing" : v} but feeds the ${p.input.type} input "${p.input.name}": fill or drop missing values`
            );
          }
          const idx = r * w + j;
          if (out instanceof BigInt64Array) out[idx] = BigInt(v);
          else out[idx] = v;
        }
      }
      return new ort.Tensor(p.input.type, out, dims);
    }
    default:
      throw new GateError("model.input-type", `model input "${p.input.name}" has type ${p.input.type}, which model-gate cannot feed (supported: float32, float64, int64, int32, bool, string)`);
  }
}
function numToString(v) {
  return Number.isNaN(v) ? null : String(v);
}
function dtypeOf(i) {
  switch (i.type) {
    case "float32":
    case "float16":
      return "float32";
    case "float64":
      return "float64";
    case "int64":
      return "int64";
    case "int32":
      return "int32";
    case "string":
      return "string";
    case "bool":
      return "bool";
    default:
      return "float32";
  }
}
function resolveRowShape(input, perRow, dataRowShape, dsName) {
  const dims = input.shape.slice(1);
  if (input.shape.length === 0) return dataRowShape;
  if (input.shape.length === 1) {
    if (perRow !== 1) {
      throw new GateError("model.feature-count", `model input "${input.name}" takes one value per row (shape ${fmtShape(input.shape)}) but dataset "${dsName}" gives ${perRow}: map one column to it with model.inputs`);
    }
    return [];
  }
  const known = dims.map((d) => typeof d === "number" && d > 0 ? d : -1);
  const unknown = known.filter((d) => d < 0).length;
  const product = known.filter((d) => d > 0).reduce((a, b) => a * b, 1);
  if (unknown === 0) {
    if (product !== perRow) {
      throw new GateError(
        "model.feature-count",
        `model input "${input.name}" expects ${product} values per row (shape ${fmtShape(input.shape)}) but dataset "${dsName}" gives ${perRow}${dataRowShape.length > 1 ? ` (shape [${dataRowShape.join(", ")}])` : ""}: check the dataset's columns, exclude, or transform.reshape`
      );
    }
    return known;
  }
  if (unknown === dims.length && dims.length === dataRowShape.length) return dataRowShape;
  if (unknown === 1 && perRow % product === 0) return known.map((d) => d < 0 ? perRow / product : d);
  throw new GateError("model.feature-count", `cannot fit dataset "${dsName}" rows of ${perRow} values into model input "${input.name}" of shape ${fmtShape(input.shape)}: use transform.reshape`);
}
function fmtShape(shape) {
  return `[${shape.map((d) => typeof d === "number" && d >= 0 ? String(d) : typeof d === "string" && d ? d : "N").join(", ")}]`;
}

// src/model/outputs.ts
var FLOAT_TYPES = /* @__PURE__ */ new Set([1, 10, 11, 16]);
var LABEL_TYPES = /* @__PURE__ */ new Set([6, 7, 8, 2, 3, 4, 5, 12, 13]);
function detectOutput(proto, policy, ctx) {
  const g = proto.graph;
  const producers = /* @__PURE__ */ new Map();
  for (const n of g.node) for (const o of n.output) if (o) producers.set(o, n);
  const throughIdentity = (name) => {
    let p = producers.get(name);
    while (p && (p.opType === "Identity" || p.opType === "Cast" && !p.domain) && p.input[0]) p = producers.get(p.input[0]) ?? p;
    return p;
  };
  const infos = g.output.map((o) => ({
    name: o.name ?? "",
    tensor: !!o.type?.tensorType,
    elem: o.type?.tensorType?.elemType ?? null,
    rank: o.type?.tensorType?.shape ? o.type.tensorType.shape.dim.length : null,
    producer: throughIdentity(o.name ?? "")
  }));
  const classLabels = sklearnClassLabels(g);
  const graphOutputNames = new Set(infos.map((i) => i.name));
  const warnings = [];
  const where = ctx.position(["model", "output"]);
  const listOutputs = () => infos.map((i) => `${i.name} (${describe(i)})`).join(", ");
  const fromZipMap = (i) => i.producer?.opType === "ZipMap" && i.producer.input[0] ? i.producer.input[0] : null;
  const choose = (name, kind, detected, reason) => {
    const add = graphOutputNames.has(name) ? [] : [name];
    return { name, kind, detected, reason, addOutputs: add, fetch: [name], classLabels: kind === "label" ? classLabels : classLabels, classes: classLabels?.length, warnings };
  };
  const scoresOf = (i, detected, kindOverride) => {
    const p = i.producer;
    if (!kindOverride || kindOverride === "logits") {
      if (p && (!p.domain || p.domain === "ai.onnx") && p.opType === "Softmax" && p.input[0] && softmaxOnLastAxis(p, proto, i.rank)) {
        return choose(p.input[0], "logits", detected, `the logits feeding the final Softmax of "${i.name}"`);
      }
      if (p && (!p.domain || p.domain === "ai.onnx") && p.opType === "Sigmoid" && p.input[0]) {
        return choose(p.input[0], "logits", detected, `the logit feeding the final Sigmoid of "${i.name}"`);
      }
      if (p && (!p.domain || p.domain === "ai.onnx") && p.opType === "LogSoftmax") {
        return choose(i.name, "logits", detected, `"${i.name}" (log-probabilities work as logits)`);
      }
    }
    if (kindOverride) return choose(i.name, kindOverride, detected, `"${i.name}" as ${kindOverride} (policy)`);
    if (classLabels || p?.domain === "ai.onnx.ml") return choose(i.name, "probabilities", detected, `"${i.name}": class probabilities of an ai.onnx.ml classifier`);
    return choose(i.name, "logits", detected, `"${i.name}": the only float output`);
  };
  if (policy?.name) {
    const i = infos.find((x) => x.name === policy.name);
    if (!i) {
      throw new GateError("model.output", `model.output.name "${policy.name}" is not an output of the model (outputs: ${listOutputs()})`, { where });
    }
    if (!i.tensor) {
      const z = fromZipMap(i);
      if (!z) throw new GateError("model.output", `model output "${i.name}" is not a tensor (${describe(i)}), which onnxruntime-node cannot return: name a tensor output`, { where });
      warnings.push(`"${i.name}" is a ZipMap (sequence of maps), which onnxruntime-node cannot return: reading the probability tensor "${z}" that feeds it`);
      return choose(z, policy.kind ?? "probabilities", false, `the probabilities feeding the ZipMap "${i.name}"`);
    }
    if (i.elem !== null && LABEL_TYPES.has(i.elem)) {
      if (policy.kind && policy.kind !== "label") throw new GateError("model.output", `model output "${i.name}" holds ${describe(i)}, not ${policy.kind}: use kind: label or name a float output`, { where });
      return choose(i.name, "label", false, `"${i.name}" as predicted labels (policy)`);
    }
    if (policy.kind === "label") throw new GateError("model.output", `model output "${i.name}" is ${describe(i)}; kind: label needs an integer or string output`, { where });
    return scoresOf(i, false, policy.kind);
  }
  const scoreCands = [];
  const zipmaps = [];
  for (const i of infos) {
    if (i.tensor && i.elem !== null && FLOAT_TYPES.has(i.elem)) scoreCands.push(i);
    else if (!i.tensor) {
      const z = fromZipMap(i);
      if (z) zipmaps.push({ out: i, input: z });
    }
  }
  const labels = infos.filter((i) => i.tensor && i.elem !== null && LABEL_TYPES.has(i.elem));
  const wanted = policy?.kind;
  if (wanted === "label") {
    if (labels.length === 1) return choose(labels[0].name, "label", true, `"${labels[0].name}": the only integer/string output`);
    throw new GateError("model.output", `kind: label needs exactly one integer or string output, the model has ${labels.length} (outputs: ${listOutputs()}): set model.output.name`, { where });
  }
  if (scoreCands.length === 0 && zipmaps.length === 1) {
    warnings.push(`"${zipmaps[0].out.name}" is a ZipMap (sequence of maps), which onnxruntime-node cannot return: reading the probability tensor "${zipmaps[0].input}" that feeds it`);
    return choose(zipmaps[0].input, wanted ?? "probabilities", true, `the probabilities feeding the ZipMap "${zipmaps[0].out.name}"`);
  }
  if (scoreCands.length === 1 && zipmaps.length === 0) return scoresOf(scoreCands[0], true, wanted);
  if (scoreCands.length === 2 && zipmaps.length === 0) {
    for (const [a, b] of [[scoreCands[0], scoreCands[1]], [scoreCands[1], scoreCands[0]]]) {
      if (b.producer?.opType === "Softmax" && b.producer.input[0] === a.name && (!wanted || wanted === "logits")) {
        return choose(a.name, "logits", true, `"${a.name}": the logits whose Softmax is "${b.name}"`);
      }
      if (b.producer?.opType === "Softmax" && b.producer.input[0] === a.name && wanted === "probabilities") {
        return choose(b.name, "probabilities", true, `"${b.name}": the Softmax of "${a.name}"`);
      }
    }
  }
  if (scoreCands.length === 0 && zipmaps.length === 0 && labels.length === 1 && !wanted) {
    return choose(labels[0].name, "label", true, `"${labels[0].name}": the model outputs only predicted labels`);
  }
  throw new GateError(
    "model.output",
    `cannot tell which model output to read: ${scoreCands.length + zipmaps.length === 0 ? "no float output" : "several candidates"} (outputs: ${listOutputs()}): set model.output: { name: <output>, kind: logits | probabilities | label } in the policy`,
    { where }
  );
}
function softmaxOnLastAxis(p, proto, rank) {
  const opset = proto.opsetImport.find((x) => !x.domain || x.domain === "ai.onnx")?.version ?? 13;
  const axis = attrInt(p, "axis", opset >= 13 ? -1 : 1);
  if (axis === -1) return true;
  return rank === null || axis === rank - 1 || rank === 2 && axis === 1;
}
function describe(i) {
  if (!i.tensor) return "non-tensor";
  const names = { 1: "float32", 10: "float16", 11: "float64", 6: "int32", 7: "int64", 8: "string", 9: "bool", 2: "uint8" };
  return `${names[i.elem ?? -1] ?? `type ${i.elem}`}${i.rank !== null ? ` rank ${i.rank}` : ""}`;
}
function sklearnClassLabels(g) {
  for (const n of g.node) {
    if (n.domain !== "ai.onnx.ml") continue;
    for (const key of ["classlabels_int64s", "classlabels_ints"]) {
      const ints = attrInts(n, key);
      if (ints && ints.length > 0) return ints.map(Number);
    }
    const strs = attrStrings(n, "classlabels_strings");
    if (strs && strs.length > 0) return strs;
  }
  return null;
}

// src/util/paths.ts
import { realpathSync, lstatSync } from "node:fs";
import path from "node:path";
function resolveInside(workspace, base, rel, what, where) {
  const fail = (problem) => {
    throw new GateError("path.escape", `${what} "${rel}" ${problem}: use a path relative to the working directory, inside the workspace`, { where });
  };
  if (typeof rel !== "string" || rel.length === 0) fail("is empty");
  if (rel.includes("\0")) fail("contains a NUL byte");
  if (path.isAbsolute(rel) || /^[a-zA-Z]:[\\/]/.test(rel) || rel.startsWith("\\")) fail("is absolute");
  const wsReal = realOrSelf(workspace);
  const abs = path.resolve(base, rel);
  const relToWs = path.relative(path.resolve(workspace), abs);
  if (relToWs === ".." || relToWs.startsWith(".." + path.sep) || path.isAbsolute(relToWs)) fail("leaves the workspace");
  let probe = abs;
  for (; ; ) {
    try {
      lstatSync(probe);
      break;
    } catch {
      const parent = path.dirname(probe);
      if (parent === probe) break;
      probe = parent;
    }
  }
  const probeRel = path.relative(path.resolve(workspace), probe);
  if (probeRel === ".." || probeRel.startsWith(".." + path.sep) || path.isAbsolute(probeRel)) {
    throw new GateError("path.workspace", `the workspace ${workspace} does not exist (looking for ${what} "${rel}"): run in the repository's folder or give the right workspace`, { where });
  }
  const real = realOrSelf(probe);
  const realRel = path.relative(wsReal, real);
  if (realRel === ".." || realRel.startsWith(".." + path.sep) || path.isAbsolute(realRel)) fail("resolves through a symlink to a place outside the workspace");
  return { abs, rel: relToWs.split(path.sep).join("/") || "." };
}
function realOrSelf(p) {
  try {
    return realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}

// src/model/load.ts
import path3 from "node:path";
import * as ort3 from "onnxruntime-node";

// src/util/verified.ts
import { readFile } from "node:fs/promises";
import path2 from "node:path";
function subjectKey(subject, abs) {
  const rel = path2.relative(subject.abs, abs);
  if (rel === "") return ".";
  if (rel === ".." || rel.startsWith(".." + path2.sep) || path2.isAbsolute(rel)) return null;
  return rel.split(path2.sep).join("/");
}
async function readVerified(abs, display, subject, what = "file") {
  if (subject) expectedFor(subject, abs, display, what);
  const bytes = await readFile(abs).catch((e) => {
    throw new GateError("model.unreadable", `${what} ${display} cannot be read (${e.code ?? e.message}): check the path, or that the training job committed it`);
  });
  const out = { bytes, sha256: sha256Hex(bytes) };
  if (subject) checkVerified(subject, abs, display, out, what);
  return out;
}
function expectedFor(subject, abs, display, what) {
  const key = subjectKey(subject, abs);
  const expected = key === null ? void 0 : subject.files.get(key);
  if (!expected) {
    throw new GateError("signature.not-covered", `${what} ${display} is not covered by ${subject.by}: only verified bytes are executed; sign it (or remove it from ignore-paths)`, { kind: "fail" });
  }
  return expected;
}
function checkVerified(subject, abs, display, got, what = "file") {
  const expected = expectedFor(subject, abs, display, what);
  const changed = () => new GateError("signature.changed", `${what} ${display} changed after ${subject.by} was verified (its bytes no longer match): nothing was executed; re-run on a checkout that nothing modifies`, { kind: "fail" });
  const { bytes } = got;
  if (expected.sha256 !== void 0 && expected.sha256.toLowerCase() !== got.sha256) throw changed();
  if (expected.shards) {
    let at = 0;
    for (const s of expected.shards) {
      if (s.start !== at || s.end > bytes.length || sha256Hex(bytes.subarray(s.start, s.end)) !== s.sha256.toLowerCase()) throw changed();
      at = s.end;
    }
    if (at !== bytes.length) throw changed();
  }
}
function singleFileSubject(abs, sha256, by) {
  return { abs, by, files: /* @__PURE__ */ new Map([[".", { sha256: pinHex(sha256) }]]) };
}

// src/model/batch-rule.ts
import * as ort2 from "onnxruntime-node";
function containsTreeEnsemble(model) {
  const node = (n) => {
    if ((n.domain ?? "") === "ai.onnx.ml" && /^TreeEnsemble(Classifier|Regressor)?$/.test(n.opType ?? "")) return true;
    return n.attribute.some((a) => a.g !== void 0 && graph(a.g) || (a.graphs ?? []).some(graph));
  };
  const graph = (g) => g.node.some(node);
  return model.graph !== void 0 && graph(model.graph) || model.functions.some((raw) => decodeFunction(raw).node.some(node));
}
function sessionThreads(model, requested) {
  return requested > 1 && containsTreeEnsemble(model) ? 1 : requested;
}
function minBatchRows(inputs, threads) {
  const free = inputs.length > 0 && inputs.every((i) => i.shape.length > 0 && !(typeof i.shape[0] === "number" && i.shape[0] >= 0));
  return free ? Math.max(2, threads) : 1;
}
async function runAtLeast(session, feeds, outputs, minRows) {
  const tensors = Object.values(feeds);
  const m = tensors.length > 0 && tensors[0].dims.length > 0 ? Number(tensors[0].dims[0]) : 0;
  if (m < 1 || !(m < minRows) || tensors.some((t) => t.dims.length === 0 || Number(t.dims[0]) !== m)) return session.run(feeds, outputs);
  const padded = {};
  for (const [name, t] of Object.entries(feeds)) padded[name] = padTensor(t, m, minRows);
  let r;
  try {
    r = await session.run(padded, outputs);
  } catch {
    return session.run(feeds, outputs);
  }
  const out = {};
  for (const name of outputs) {
    const t = r[name];
    if (!t || t.dims.length === 0 || Number(t.dims[0]) !== minRows) return session.run(feeds, outputs);
    out[name] = cutTensor(t, m, minRows);
  }
  return out;
}
function tensor(like, data, rows) {
  return new ort2.Tensor(like.type, data, [rows, ...like.dims.slice(1)]);
}
function padTensor(t, m, rows) {
  const w = t.data.length / m;
  if (Array.isArray(t.data)) {
    const src2 = t.data;
    const last2 = src2.slice((m - 1) * w, m * w);
    const a2 = src2.slice();
    for (let r = m; r < rows; r++) a2.push(...last2);
    return tensor(t, a2, rows);
  }
  const src = t.data;
  const a = new src.constructor(rows * w);
  a.set(src, 0);
  const last = src.subarray((m - 1) * w, m * w);
  for (let r = m; r < rows; r++) a.set(last, r * w);
  return tensor(t, a, rows);
}
function cutTensor(t, m, rows) {
  const w = t.data.length / rows;
  const data = Array.isArray(t.data) ? t.data.slice(0, m * w) : t.data.slice(0, m * w);
  return tensor(t, data, m);
}

// src/model/load.ts
function sessionOptions(threads, externalData = []) {
  return {
    ...externalData.length > 0 ? { externalData } : {},
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    executionMode: "sequential",
    graphOptimizationLevel: "all",
    logSeverityLevel: 4,
    // Idle intra-op threads must not spin: between runs the JavaScript side (feature views, attacks, metrics) needs
    // the cores, and a second session (gradients, reference models) would otherwise compete with spinning threads.
    extra: { session: { intra_op: { allow_spinning: "0" }, inter_op: { allow_spinning: "0" } } }
  };
}
function exposeOutputs(bytes, names) {
  if (names.length === 0) return bytes;
  const copy = decodeModel(bytes);
  for (const name of names) copy.graph.output.push({ name, metadataProps: [] });
  return encodeModel(copy);
}
async function loadModel(o) {
  const where = o.position(["model", "path"]);
  if (o.verified) checkVerified(o.verified, o.abs, o.rel, { bytes: o.bytes, sha256: o.sha256 }, "model");
  let proto;
  try {
    proto = decodeModel(o.bytes);
  } catch (e) {
    throw new GateError("model.corrupt", `${o.rel} is not a valid ONNX model (${e.message}): re-export it, or check that the file was not truncated`, { where });
  }
  if (!proto.graph) throw new GateError("model.corrupt", `${o.rel} is not a valid ONNX model (no graph): re-export it`, { where });
  const opset = proto.opsetImport?.find((x) => !x.domain || x.domain === "ai.onnx")?.version ?? null;
  const externals = externalDataFiles(proto);
  const modelDir = path3.dirname(o.abs);
  const externalData = [];
  for (const ext of externals) {
    if (externalData.some((e) => e.path === ext.location)) continue;
    const rel = path3.relative(o.workspace, path3.resolve(modelDir, ext.location)).split(path3.sep).join("/");
    const inWs = resolveInside(o.workspace, modelDir, ext.location, `external data of tensor "${ext.tensor}"`, where);
    const sub = path3.relative(o.subjectAbs, inWs.abs);
    if (sub === "" ? o.subjectAbs !== inWs.abs : sub.startsWith("..") || path3.isAbsolute(sub)) {
      throw new GateError(
        "model.external-data",
        `${o.rel}: external data file ${rel} (tensor "${ext.tensor}") lies outside the signed subject ${path3.relative(o.workspace, o.subjectAbs) || "."}: sign the model's folder (signature.subject) so its data is covered`,
        { where }
      );
    }
    const { bytes: bytes2 } = await readVerified(inWs.abs, inWs.rel, o.verified, `external data file (tensor "${ext.tensor}")`);
    externalData.push({ path: ext.location, data: bytes2 });
  }
  const choice = detectOutput(proto, o.policy.output, { file: where?.file ?? o.rel, position: o.position });
  const bytes = exposeOutputs(o.bytes, choice.addOutputs);
  const threads = sessionThreads(proto, o.threads);
  let session;
  try {
    session = await ort3.InferenceSession.create(bytes, sessionOptions(threads, externalData));
  } catch (e) {
    const msg = e.message.replace(/\s+/g, " ").slice(0, 400);
    throw new GateError("model.unsupported", `onnxruntime cannot load ${o.rel}: ${msg}: check the opset (onnxruntime ${ort3.env.versions.node ?? ""} supports up to opset 23) and custom operators`, { where });
  }
  const inputs = session.inputMetadata.map((m) => {
    if (!m.isTensor) throw new GateError("model.inputs", `model input "${m.name}" is not a tensor: model-gate feeds tensor inputs only`, { where });
    return { name: m.name, type: m.type, shape: [...m.shape] };
  });
  const minBatch = minBatchRows(inputs, threads);
  const views = /* @__PURE__ */ new Map();
  const warnings = [...choice.warnings];
  const ioList = (list) => list.map((m) => m.isTensor ? { name: m.name, type: m.type, shape: m.shape.map((d) => d === "" ? "N" : d) } : { name: m.name, type: "non-tensor", shape: [] });
  const outputsMeta = ioList(session.outputMetadata).filter((x) => !choice.addOutputs.includes(x.name));
  const inputsMeta = ioList(session.inputMetadata);
  return {
    rel: o.rel,
    abs: o.abs,
    sha256: o.sha256,
    size: o.bytes.length,
    proto,
    bytes,
    opset,
    session,
    externalData,
    ortVersion: String(ort3.env.versions.node ?? ort3.env.versions.common ?? "unknown"),
    threads,
    minBatch,
    inputs,
    output: choice,
    fetch: choice.fetch,
    warnings,
    featureView(ds) {
      let v = views.get(ds.name);
      if (!v) {
        v = buildFeatureView(ds, inputs, o.policy.inputs, { policyFile: where?.file ?? "policy" });
        v.batchSize = Math.max(v.batchSize, minBatch);
        views.set(ds.name, v);
      }
      return v;
    },
    report(rootDigest) {
      return {
        path: o.rel,
        sha256: o.sha256,
        digest: rootDigest ?? `sha256:${o.sha256}`,
        size: o.bytes.length,
        opset,
        inputs: inputsMeta,
        outputs: outputsMeta,
        output_used: { name: choice.name, kind: choice.kind, detected: choice.detected },
        ...choice.classes ? { classes: choice.classes } : {}
      };
    }
  };
}

// src/util/lfs.ts
var LFS_PREFIX = "version https://git-lfs.github.com/spec/";
function isLfsPointer(head) {
  if (head.length > 1024 || head.length < LFS_PREFIX.length) return false;
  return Buffer.from(head.subarray(0, LFS_PREFIX.length)).toString("latin1") === LFS_PREFIX;
}

export {
  buildFeatureView,
  fmtShape,
  containsTreeEnsemble,
  minBatchRows,
  runAtLeast,
  detectOutput,
  resolveInside,
  singleFileSubject,
  sessionOptions,
  exposeOutputs,
  loadModel,
  isLfsPointer
};
