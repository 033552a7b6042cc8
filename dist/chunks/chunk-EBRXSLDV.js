import { createRequire as __mgCreateRequire } from 'node:module';
const require = __mgCreateRequire(import.meta.url);
import {
  AttributeType,
  TensorDataType,
  arrayToTensor,
  attrFloat,
  attrInt,
  attrInts,
  attrString,
  attrStrings,
  dataTypeFromName,
  dataTypeSize,
  decodeModel,
  encodeModel,
  findAttr,
  tensorToArray
} from "./chunk-AIQMBGXI.js";
import {
  GateError
} from "./chunk-2EUQIP2O.js";

// src/model/gradient/errors.ts
var UnsupportedOpError = class extends Error {
  op;
  nodeName;
  reason;
  /** Every op on the path without a gradient rule, with its node count (empty when the error is about something else). */
  missing;
  constructor(op, nodeName, reason, missing = []) {
    super(`cannot differentiate ${op}${nodeName ? ` (node "${nodeName}")` : ""}: ${reason}`);
    this.name = "UnsupportedOpError";
    this.op = op;
    this.nodeName = nodeName;
    this.reason = reason;
    this.missing = missing;
  }
};

// src/model/gradient/spatial.ts
function disjointPool(n, xs, ys) {
  if (xs.length !== 4 || ys.length !== 4) return false;
  const k = attrInts(n, "kernel_shape");
  if (!k || k.length !== 2) return false;
  const st = attrInts(n, "strides") ?? [1, 1];
  const dl = attrInts(n, "dilations") ?? [1, 1];
  const ap = attrString(n, "auto_pad", "NOTSET");
  if (ap !== "NOTSET" && ap !== "VALID") return false;
  const pads = ap === "NOTSET" ? attrInts(n, "pads") ?? [0, 0, 0, 0] : [0, 0, 0, 0];
  return k.every((kk, i) => {
    const H = xs[i + 2], O = ys[i + 2];
    return H > 0 && O > 0 && st[i] >= (kk - 1) * dl[i] + 1 && (O - 1) * st[i] + kk - pads[i] - pads[i + 2] <= H;
  });
}
function explicitPads(n, H, k, st, dl, unsupported) {
  const sp = H.length;
  const ap = attrString(n, "auto_pad", "NOTSET");
  if (H.some((h) => !(h > 0))) unsupported("spatial size not static");
  if (ap === "NOTSET") return attrInts(n, "pads") ?? new Array(2 * sp).fill(0);
  if (ap === "VALID") return new Array(2 * sp).fill(0);
  const pads = new Array(2 * sp).fill(0);
  for (let i = 0; i < sp; i++) {
    const out = Math.ceil(H[i] / st[i]);
    const tot = Math.max(0, (out - 1) * st[i] + (k[i] - 1) * dl[i] + 1 - H[i]);
    const b = ap === "SAME_UPPER" ? Math.floor(tot / 2) : Math.ceil(tot / 2);
    pads[i] = b;
    pads[i + sp] = tot - b;
  }
  return pads;
}
function transposePads(H, O, k, st, dl, pads, unsupported) {
  const sp = H.length;
  const ctPads = new Array(2 * sp).fill(0);
  const outPad = new Array(sp).fill(0);
  for (let i = 0; i < sp; i++) {
    if (!(O[i] > 0)) unsupported("output spatial size not static");
    const pb = pads[i];
    const total = (O[i] - 1) * st[i] + (k[i] - 1) * dl[i] + 1 - pb - H[i];
    ctPads[i] = pb;
    if (total >= 0) ctPads[i + sp] = total;
    else {
      outPad[i] = -total;
      if (outPad[i] >= Math.max(st[i], dl[i])) unsupported("cannot express the input gradient with ConvTranspose padding");
    }
  }
  return { ctPads, outPad };
}
function poolCounts(H, O, k, st, pads, includePad) {
  const sp = H.length;
  const per = [];
  for (let i = 0; i < sp; i++) {
    const v = [];
    for (let o = 0; o < O[i]; o++) {
      const s = o * st[i] - pads[i];
      const en = Math.min(s + k[i], H[i] + pads[i + sp]);
      const incl = en - s;
      const excl = Math.min(en, H[i]) - Math.max(s, 0);
      v.push(includePad ? incl : excl);
    }
    per.push(v);
  }
  let out = [1];
  for (let i = 0; i < sp; i++) {
    const next = [];
    for (const a of out) for (const b of per[i]) next.push(a * b);
    out = next;
  }
  return out;
}

// src/model/gradient/fusion.ts
function reluPoolPairs(nodes, outputs, pathIdx, shapeOf) {
  const reluPassThrough = /* @__PURE__ */ new Set();
  const reluBeforePool = /* @__PURE__ */ new Set();
  const uses = /* @__PURE__ */ new Map();
  for (const nd of nodes) for (const i of nd.input) if (i) uses.set(i, (uses.get(i) ?? 0) + 1);
  for (const o of outputs) uses.set(o.name ?? "", (uses.get(o.name ?? "") ?? 0) + 1);
  const prod = /* @__PURE__ */ new Map();
  for (const nd of nodes) for (const o of nd.output) if (o) prod.set(o, nd);
  const onPath = new Set(pathIdx.map((i) => nodes[i]));
  for (const nd of onPath) {
    if (nd.opType !== "MaxPool" || (nd.domain ?? "") !== "" || attrInt(nd, "storage_order", 0) !== 0) continue;
    if (nd.output.length > 1 && nd.output[1]) continue;
    const r = prod.get(nd.input[0]);
    if (!r || r.opType !== "Relu" || !onPath.has(r) || uses.get(nd.input[0]) !== 1) continue;
    if (!disjointPool(nd, shapeOf(nd.input[0]), shapeOf(nd.output[0]))) continue;
    reluPassThrough.add(r);
    reluBeforePool.add(nd);
  }
  return { reluPassThrough, reluBeforePool };
}

// src/model/gradient/graph.ts
function blankAttr(name, type) {
  return { name, type, floats: [], ints: [], strings: [], tensors: [], graphs: [], typeProtos: [], sparseTensors: [] };
}
function aInt(name, v) {
  return { ...blankAttr(name, AttributeType.INT), i: v };
}
function aInts(name, v) {
  return { ...blankAttr(name, AttributeType.INTS), ints: v.slice() };
}
function aFloat(name, v) {
  return { ...blankAttr(name, AttributeType.FLOAT), f: v };
}
function aString(name, v) {
  return { ...blankAttr(name, AttributeType.STRING), s: new TextEncoder().encode(v) };
}
function aTensor(name, t) {
  return { ...blankAttr(name, AttributeType.TENSOR), t };
}
function mkNode(op, inputs, outputs, attrs = [], name) {
  return { input: inputs, output: outputs, opType: op, name: name ?? outputs[0], attribute: attrs, domain: "", metadataProps: [] };
}
function floatConst(name, dataType, values, dims) {
  if (dataType === TensorDataType.DOUBLE) return arrayToTensor(name, Float64Array.from(values), dims, TensorDataType.DOUBLE);
  if (dataType === TensorDataType.FLOAT16) return arrayToTensor(name, Float32Array.from(values), dims, TensorDataType.FLOAT16);
  return arrayToTensor(name, Float32Array.from(values), dims, TensorDataType.FLOAT);
}
function int64Const(name, values, dims) {
  return arrayToTensor(name, BigInt64Array.from(values.map((v) => BigInt(v))), dims ?? [values.length], TensorDataType.INT64);
}
var Emitter = class {
  graph;
  counter = 0;
  prefix;
  cache = /* @__PURE__ */ new Map();
  constructor(graph, prefix) {
    this.graph = graph;
    this.prefix = prefix;
  }
  fresh(hint) {
    return `${this.prefix}${hint}_${this.counter++}`;
  }
  /** Emits one node; returns its output names. */
  node(op, inputs, attrs = [], nOut = 1, hint = op) {
    const outs = Array.from({ length: nOut }, () => this.fresh(hint));
    this.graph.node.push(mkNode(op, inputs, outs, attrs));
    return outs;
  }
  op(op, inputs, attrs = [], hint = op) {
    return this.node(op, inputs, attrs, 1, hint)[0];
  }
  /** A constant initializer (deduplicated by content key). */
  constant(t, key) {
    const hit = this.cache.get(key);
    if (hit) return hit;
    const name = this.fresh("const");
    this.graph.initializer.push(t(name));
    this.cache.set(key, name);
    return name;
  }
  ints(values, dims) {
    return this.constant((n) => int64Const(n, values, dims), `i64:${values.join(",")}:${dims ? dims.join("x") : "v"}`);
  }
  floats(dataType, values, dims) {
    const key = values.length <= 16 ? `f${dataType}:${values.join(",")}:${dims.join("x")}` : `f${dataType}:#${this.counter}`;
    return this.constant((n) => floatConst(n, dataType, values, dims), key);
  }
  scalar(dataType, v) {
    return this.floats(dataType, [v], []);
  }
};

// src/model/gradient/loss.ts
var LABEL = "mg_label";
var TARGET = "mg_target";
function lossHead(e, score, scoreMode, dt, C, loss, opset = 17) {
  let z = score;
  if (scoreMode === "log") {
    z = e.op("Log", [e.op("Max", [score, e.scalar(dt, 1e-30)])]);
  } else if (scoreMode === "binary-logit") {
    z = e.op("Concat", [e.op("Mul", [score, e.scalar(dt, 0)]), score], [aInt("axis", 1)]);
  } else if (scoreMode === "binary-prob") {
    const pc = e.op("Max", [score, e.scalar(dt, 1e-30)]);
    const qc = e.op("Max", [e.op("Sub", [e.scalar(dt, 1), score]), e.scalar(dt, 1e-30)]);
    z = e.op("Concat", [e.op("Log", [qc]), e.op("Log", [pc])], [aInt("axis", 1)]);
  }
  const depth = e.ints([C]);
  const onOff = e.floats(TensorDataType.FLOAT, [0, 1], [2]);
  const oneHot = (idx) => {
    const o = e.op("OneHot", [idx, depth, onOff], [aInt("axis", -1)]);
    return dt === TensorDataType.FLOAT ? o : e.op("Cast", [o], [aInt("to", dt)]);
  };
  const rsum = (x, keep) => e.op("ReduceSum", [x, e.ints([-1])], [aInt("keepdims", keep)]);
  const oh = oneHot(LABEL);
  let dz;
  let lossOut;
  const others = () => {
    const isY = e.op("Cast", [oh], [aInt("to", TensorDataType.BOOL)]);
    const zm = e.op("Where", [isY, e.scalar(dt, -Infinity), z]);
    const j = e.op("ArgMax", [zm], [aInt("axis", -1), aInt("keepdims", 0)]);
    const zj = opset >= 18 ? e.op("ReduceMax", [zm, e.ints([-1])], [aInt("keepdims", 0)]) : e.op("ReduceMax", [zm], [aInts("axes", [-1]), aInt("keepdims", 0)]);
    return { j, zj };
  };
  const zy = rsum(e.op("Mul", [oh, z]), 0);
  const col = (idx, k) => e.op("Gather", [idx, e.ints([k], [])], [aInt("axis", 1)]);
  if (loss === "ce") {
    const pAll = e.op("Softmax", [z], [aInt("axis", -1)]);
    const pOff = e.op("Mul", [pAll, e.op("Sub", [e.scalar(dt, 1), oh])]);
    const otherMass = dt === TensorDataType.FLOAT || dt === TensorDataType.DOUBLE ? e.op("MatMul", [pOff, e.floats(dt, new Array(C).fill(1), [C, 1])]) : rsum(pOff, 1);
    dz = e.op("Sub", [pOff, e.op("Mul", [oh, otherMass])]);
    lossOut = e.op("Neg", [rsum(e.op("Mul", [oh, e.op("LogSoftmax", [z], [aInt("axis", -1)])]), 0)]);
  } else if (loss === "margin") {
    const { j, zj } = others();
    lossOut = e.op("Sub", [zj, zy]);
    dz = e.op("Sub", [oneHot(j), oh]);
  } else if (loss === "dlr") {
    const { j, zj } = others();
    const [vals, idx] = e.node("TopK", [z, e.ints([3])], [aInt("axis", -1)], 2);
    const num = e.op("Sub", [zy, zj]);
    const den = e.op("Add", [e.op("Sub", [col(vals, 0), col(vals, 2)]), e.scalar(dt, 1e-12)]);
    lossOut = e.op("Neg", [e.op("Div", [num, den])]);
    const a = e.op("Div", [e.op("Sub", [oneHot(j), oh]), e.op("Unsqueeze", [den, e.ints([-1])])]);
    const coef = e.op("Unsqueeze", [e.op("Div", [num, e.op("Mul", [den, den])]), e.ints([-1])]);
    const dd = e.op("Sub", [oneHot(col(idx, 0)), oneHot(col(idx, 2))]);
    dz = e.op("Add", [a, e.op("Mul", [coef, dd])]);
  } else {
    const ot = oneHot(TARGET);
    const zt = rsum(e.op("Mul", [ot, z]), 0);
    const [vals, idx] = e.node("TopK", [z, e.ints([4])], [aInt("axis", -1)], 2);
    const num = e.op("Sub", [zy, zt]);
    const half = e.scalar(dt, 0.5);
    const den = e.op("Add", [e.op("Sub", [col(vals, 0), e.op("Mul", [half, e.op("Add", [col(vals, 2), col(vals, 3)])])]), e.scalar(dt, 1e-12)]);
    lossOut = e.op("Neg", [e.op("Div", [num, den])]);
    const a = e.op("Div", [e.op("Sub", [ot, oh]), e.op("Unsqueeze", [den, e.ints([-1])])]);
    const coef = e.op("Unsqueeze", [e.op("Div", [num, e.op("Mul", [den, den])]), e.ints([-1])]);
    const dd = e.op("Sub", [oneHot(col(idx, 0)), e.op("Mul", [half, e.op("Add", [oneHot(col(idx, 2)), oneHot(col(idx, 3))])])]);
    dz = e.op("Add", [a, e.op("Mul", [coef, dd])]);
  }
  let dScore;
  if (scoreMode === "as-is") dScore = dz;
  else if (scoreMode === "log") dScore = e.op("Div", [dz, e.op("Max", [score, e.scalar(dt, 1e-30)])]);
  else if (scoreMode === "binary-logit") dScore = e.op("Slice", [dz, e.ints([1]), e.ints([2]), e.ints([1])]);
  else {
    const d0 = e.op("Slice", [dz, e.ints([0]), e.ints([1]), e.ints([1])]);
    const d1 = e.op("Slice", [dz, e.ints([1]), e.ints([2]), e.ints([1])]);
    const pc = e.op("Max", [score, e.scalar(dt, 1e-30)]);
    const qc = e.op("Max", [e.op("Sub", [e.scalar(dt, 1), score]), e.scalar(dt, 1e-30)]);
    dScore = e.op("Sub", [e.op("Div", [d1, pc]), e.op("Div", [d0, qc])]);
  }
  return { z, lossOut, dScore };
}

// src/model/gradient/rules/activations.ts
var relu = {
  ops: ["Relu"],
  backward(ctx, n, gy) {
    if (ctx.reluPassThrough.has(n)) return [gy];
    const { e } = ctx;
    const Y = n.output[0];
    return [e.op("Where", [e.op("Greater", [Y, e.scalar(ctx.typeOf(Y), 0)]), gy, e.scalar(ctx.typeOf(Y), 0)])];
  }
};
var leakyRelu = {
  ops: ["LeakyRelu"],
  backward(ctx, n, gy) {
    const { e } = ctx;
    const alpha = attrFloat(n, "alpha", 0.01);
    const t = ctx.typeOf(n.output[0]);
    return [e.op("Where", [e.op("Greater", [n.input[0], e.scalar(t, 0)]), gy, e.op("Mul", [gy, e.scalar(t, alpha)])])];
  }
};
var sigmoid = {
  ops: ["Sigmoid"],
  backward(ctx, n, gy) {
    const { e } = ctx;
    const Y = n.output[0];
    return [e.op("Mul", [gy, e.op("Mul", [Y, e.op("Sub", [e.scalar(ctx.typeOf(Y), 1), Y])])])];
  }
};
var tanh = {
  ops: ["Tanh"],
  backward(ctx, n, gy) {
    const { e } = ctx;
    const Y = n.output[0];
    return [e.op("Mul", [gy, e.op("Sub", [e.scalar(ctx.typeOf(Y), 1), e.op("Mul", [Y, Y])])])];
  }
};
var clip = {
  ops: ["Clip"],
  backward(ctx, n, gy) {
    ctx.onlyFirstActive(n);
    const { e } = ctx;
    const Y = n.output[0];
    const t = ctx.typeOf(Y);
    let mask = null;
    if (n.input[1]) mask = e.op("Greater", [Y, n.input[1]]);
    if (n.input[2]) {
      const m2 = e.op("Less", [Y, n.input[2]]);
      mask = mask ? e.op("And", [mask, m2]) : m2;
    }
    return [mask ? e.op("Where", [mask, gy, e.scalar(t, 0)]) : gy];
  }
};
var rules = [relu, leakyRelu, sigmoid, tanh, clip];

// src/model/gradient/types.ts
var FLOAT_TYPES = /* @__PURE__ */ new Set([TensorDataType.FLOAT, TensorDataType.DOUBLE, TensorDataType.FLOAT16]);

// src/model/gradient/rules/conv.ts
var conv = {
  ops: ["Conv"],
  backward(ctx, n, gy) {
    ctx.onlyFirstActive(n);
    const { e } = ctx;
    const unsupported = (why) => ctx.unsupported(n, why);
    const X = n.input[0];
    const xs = ctx.shapeOf(X), ws = ctx.shapeOf(n.input[1]);
    const sp = xs.length - 2;
    const k = attrInts(n, "kernel_shape") ?? ws.slice(2);
    const st = attrInts(n, "strides") ?? new Array(sp).fill(1);
    const dl = attrInts(n, "dilations") ?? new Array(sp).fill(1);
    const pads = explicitPads(n, xs.slice(2), k, st, dl, unsupported);
    const group = attrInt(n, "group", 1);
    const wInit = ctx.graph.initializer.find((t) => t.name === n.input[1]);
    const flipPads = pads.map((p, i) => dl[i % sp] * (k[i % sp] - 1) - p);
    if (group === 1 && wInit && FLOAT_TYPES.has(wInit.dataType ?? 0) && k.every((v) => v === 1) && st.every((v) => v === 1) && pads.every((v) => v === 0)) {
      const wv = tensorToArray(wInit);
      const M = ws[0], C = ws[1];
      const wt = new Array(C * M);
      for (let m = 0; m < M; m++) for (let c = 0; c < C; c++) wt[c * M + m] = wv[m * C + c];
      const wT = e.constant((nm) => floatConst(nm, wInit.dataType, wt, [C, M]), `T:${n.input[1]}`);
      const flat = e.op("Reshape", [gy, e.ints([0, M, -1])]);
      return [e.op("Reshape", [e.op("MatMul", [wT, flat]), e.ints([0, C, ...xs.slice(2)])])];
    }
    if (ws[1] * group >= 8 && wInit && st.every((v) => v === 1) && flipPads.every((p) => p >= 0) && FLOAT_TYPES.has(wInit.dataType ?? 0)) {
      const wv = tensorToArray(wInit);
      const M = ws[0], Cg = ws[1], K = k.reduce((a, b) => a * b, 1), Mg = M / group;
      const out = new Float64Array(wv.length);
      for (let gi = 0; gi < group; gi++) {
        for (let m = 0; m < Mg; m++) {
          for (let c = 0; c < Cg; c++) {
            const src = ((gi * Mg + m) * Cg + c) * K;
            const dst = ((gi * Cg + c) * Mg + m) * K;
            for (let q = 0; q < K; q++) out[dst + q] = wv[src + K - 1 - q];
          }
        }
      }
      const wf = e.constant((nm) => floatConst(nm, wInit.dataType, Array.from(out), [Cg * group, Mg, ...k]), `flip:${n.input[1]}`);
      return [e.op("Conv", [gy, wf], [aInts("kernel_shape", k), aInts("dilations", dl), aInt("group", group), aInts("pads", flipPads)])];
    }
    const { ctPads, outPad } = transposePads(xs.slice(2), ctx.shapeOf(n.output[0]).slice(2), k, st, dl, pads, unsupported);
    const attrs = [aInts("kernel_shape", k), aInts("strides", st), aInts("dilations", dl), aInt("group", group), aInts("pads", ctPads)];
    if (outPad.some((v) => v !== 0)) attrs.push(aInts("output_padding", outPad));
    return [e.op("ConvTranspose", [gy, n.input[1]], attrs)];
  }
};
var convTranspose = {
  ops: ["ConvTranspose"],
  backward(ctx, n, gy) {
    ctx.onlyFirstActive(n);
    if (findAttr(n, "output_shape")) ctx.unsupported(n, "output_shape attribute");
    const ap = attrString(n, "auto_pad", "NOTSET");
    if (ap !== "NOTSET") ctx.unsupported(n, `auto_pad ${ap}`);
    const xs = ctx.shapeOf(n.input[0]), ws = ctx.shapeOf(n.input[1]);
    const sp = xs.length - 2;
    const k = attrInts(n, "kernel_shape") ?? ws.slice(2);
    const st = attrInts(n, "strides") ?? new Array(sp).fill(1);
    const dl = attrInts(n, "dilations") ?? new Array(sp).fill(1);
    const pads = attrInts(n, "pads") ?? new Array(2 * sp).fill(0);
    return [ctx.e.op("Conv", [gy, n.input[1]], [aInts("kernel_shape", k), aInts("strides", st), aInts("dilations", dl), aInt("group", attrInt(n, "group", 1)), aInts("pads", pads)])];
  }
};
var rules2 = [conv, convTranspose];

// src/model/gradient/rules/einsum.ts
function parseEinsum(eq) {
  const s = eq.replace(/\s+/g, "");
  if (s.includes(".")) return "ellipsis";
  const [lhs, rhs, more] = s.split("->");
  if (more !== void 0) return "malformed";
  const terms = lhs.split(",");
  if (terms.some((t) => !/^[a-zA-Z]*$/.test(t))) return "malformed";
  if (terms.some((t) => new Set(t).size !== t.length)) return "a letter repeated within an operand (diagonal)";
  let out = rhs;
  if (out === void 0) {
    const cnt = /* @__PURE__ */ new Map();
    for (const c of terms.join("")) cnt.set(c, (cnt.get(c) ?? 0) + 1);
    out = [...cnt].filter(([, k]) => k === 1).map(([c]) => c).sort().join("");
  }
  if (!/^[a-zA-Z]*$/.test(out) || new Set(out).size !== out.length) return "malformed output term";
  return { terms, out };
}
var einsum = {
  ops: ["Einsum"],
  backward(ctx, n, gy) {
    const { e } = ctx;
    const eq = attrString(n, "equation", "");
    const p = parseEinsum(eq);
    if (typeof p === "string") ctx.unsupported(n, `equation "${eq}": ${p}`);
    const { terms, out } = p;
    if (terms.length !== n.input.length) ctx.unsupported(n, `equation "${eq}": ${terms.length} terms for ${n.input.length} inputs`);
    const grads = n.input.map(() => null);
    terms.forEach((tk, k) => {
      const A = n.input[k];
      if (!ctx.active(A)) return;
      const others = terms.filter((_, j) => j !== k);
      const seen = new Set(out + others.join(""));
      const kept = [...tk].filter((c) => seen.has(c)).join("");
      const ins = [gy, ...n.input.filter((_, j) => j !== k)];
      let gr = e.op("Einsum", ins, [aString("equation", `${[out, ...others].join(",")}->${kept}`)]);
      if (kept.length !== tk.length) {
        const missing = [...tk].map((c, i) => seen.has(c) ? -1 : i).filter((i) => i >= 0);
        gr = e.op("Expand", [e.op("Unsqueeze", [gr, e.ints(missing)]), ctx.shapeNode(A)]);
      }
      grads[k] = gr;
    });
    return grads;
  }
};
var rules3 = [einsum];

// src/model/gradient/rules/elementwise.ts
var addSub = {
  ops: ["Add", "Sub", "Sum"],
  backward(ctx, n, gy) {
    const yShape = ctx.shapeOf(n.output[0]);
    const out = n.input.map(() => null);
    n.input.forEach((inp, i) => {
      if (!ctx.active(inp)) return;
      let gi = ctx.reduceTo(gy, yShape, inp);
      if (n.opType === "Sub" && i === 1) gi = ctx.e.op("Neg", [gi]);
      out[i] = gi;
    });
    return out;
  }
};
var mul = {
  ops: ["Mul"],
  backward(ctx, n, gy) {
    const { e } = ctx;
    const yShape = ctx.shapeOf(n.output[0]);
    const [A, B] = n.input;
    const out = [null, null];
    if (ctx.active(A)) out[0] = ctx.reduceTo(e.op("Mul", [gy, B]), yShape, A);
    if (ctx.active(B)) out[1] = ctx.reduceTo(e.op("Mul", [gy, A]), yShape, B);
    return out;
  }
};
var div = {
  ops: ["Div"],
  backward(ctx, n, gy) {
    const { e } = ctx;
    const Y = n.output[0];
    const yShape = ctx.shapeOf(Y);
    const [A, B] = n.input;
    const out = [null, null];
    if (ctx.active(A)) out[0] = ctx.reduceTo(e.op("Div", [gy, B]), yShape, A);
    if (ctx.active(B)) out[1] = ctx.reduceTo(e.op("Neg", [e.op("Div", [e.op("Mul", [gy, Y]), B])]), yShape, B);
    return out;
  }
};
var neg = {
  ops: ["Neg"],
  backward: (ctx, n, gy) => [ctx.e.op("Neg", [gy])]
};
var exp = {
  ops: ["Exp"],
  backward: (ctx, n, gy) => [ctx.e.op("Mul", [gy, n.output[0]])]
};
var log = {
  ops: ["Log"],
  backward: (ctx, n, gy) => [ctx.e.op("Div", [gy, n.input[0]])]
};
var sqrt = {
  ops: ["Sqrt"],
  backward(ctx, n, gy) {
    const { e } = ctx;
    const Y = n.output[0];
    return [e.op("Div", [e.op("Mul", [gy, e.scalar(ctx.typeOf(Y), 0.5)]), Y])];
  }
};
var rules4 = [addSub, mul, div, neg, exp, log, sqrt];

// src/model/gradient/rules/layernorm.ts
var layerNormalization = {
  ops: ["LayerNormalization"],
  backward(ctx, n, gy) {
    ctx.onlyFirstActive(n);
    const { e } = ctx;
    if (n.output.slice(1).some((o) => o && ctx.active(o))) ctx.unsupported(n, "Mean/InvStdDev outputs used");
    const X = n.input[0];
    const xs = ctx.shapeOf(X);
    const r = xs.length;
    let axis = attrInt(n, "axis", -1);
    if (axis < 0) axis += r;
    const ax = Array.from({ length: r - axis }, (_, i) => axis + i);
    const cnt = ax.reduce((a, i) => a * xs[i], 1);
    if (!(cnt > 0)) ctx.unsupported(n, "normalising over the batch axis");
    const eps = attrFloat(n, "epsilon", 1e-5);
    const t = ctx.typeOf(n.output[0]);
    const axes = e.ints(ax);
    const inv = e.scalar(t, 1 / cnt);
    const mean = (v) => e.op("Mul", [e.op("ReduceSum", [v, axes], [aInt("keepdims", 1)]), inv]);
    const d = e.op("Sub", [X, mean(X)]);
    const s = e.op("Reciprocal", [e.op("Sqrt", [e.op("Add", [mean(e.op("Mul", [d, d])), e.scalar(t, eps)])])]);
    const xh = e.op("Mul", [d, s]);
    const g = e.op("Mul", [gy, n.input[1]]);
    const inner = e.op("Sub", [e.op("Sub", [g, mean(g)]), e.op("Mul", [xh, mean(e.op("Mul", [g, xh]))])]);
    return [e.op("Mul", [s, inner])];
  }
};
var rules5 = [layerNormalization];

// src/model/gradient/rules/linear.ts
var gemm = {
  ops: ["Gemm"],
  backward(ctx, n, gy) {
    const { e } = ctx;
    const [A, B, Cn] = n.input;
    const Y = n.output[0];
    const alpha = attrFloat(n, "alpha", 1);
    const beta = attrFloat(n, "beta", 1);
    const tA = attrInt(n, "transA", 0);
    const tB = attrInt(n, "transB", 0);
    const out = n.input.map(() => null);
    if (ctx.active(A)) {
      out[0] = tA === 0 ? e.op("Gemm", [gy, B], [aFloat("alpha", alpha), aInt("transB", 1 - tB)]) : e.op("Gemm", [B, gy], [aFloat("alpha", alpha), aInt("transA", tB), aInt("transB", 1)]);
    }
    if (ctx.active(B)) {
      out[1] = tB === 0 ? e.op("Gemm", [A, gy], [aFloat("alpha", alpha), aInt("transA", 1 - tA)]) : e.op("Gemm", [gy, A], [aFloat("alpha", alpha), aInt("transA", 1), aInt("transB", tA)]);
    }
    if (Cn && ctx.active(Cn)) {
      const r = ctx.reduceTo(gy, ctx.shapeOf(Y), Cn);
      out[2] = beta === 1 ? r : e.op("Mul", [r, e.scalar(ctx.typeOf(Y), beta)]);
    }
    return out;
  }
};
var matMul = {
  ops: ["MatMul"],
  backward(ctx, n, gy) {
    const { e } = ctx;
    const [A, B] = n.input;
    const yShape = ctx.shapeOf(n.output[0]);
    const sa = ctx.shapeOf(A), sb = ctx.shapeOf(B);
    const swap = (r) => {
      const p = Array.from({ length: r }, (_, i) => i);
      [p[r - 2], p[r - 1]] = [p[r - 1], p[r - 2]];
      return p;
    };
    if (sa.length === 1) ctx.unsupported(n, "a 1-D left operand that depends on the input");
    const out = [null, null];
    if (sb.length === 1) {
      const gu = e.op("Unsqueeze", [gy, e.ints([-1])]);
      if (ctx.active(A)) out[0] = ctx.reduceTo(e.op("Mul", [gu, B]), [...yShape, sb[0]], A);
      if (ctx.active(B)) out[1] = e.op("ReduceSum", [e.op("Mul", [gu, A]), e.ints(Array.from({ length: sa.length - 1 }, (_, i) => i))], [aInt("keepdims", 0)]);
      return out;
    }
    if (ctx.active(A)) {
      const prod = e.op("MatMul", [gy, e.op("Transpose", [B], [aInts("perm", swap(sb.length))])]);
      out[0] = ctx.reduceTo(prod, [...yShape.slice(0, -2), sa[sa.length - 2], sa[sa.length - 1]], A);
    }
    if (ctx.active(B)) {
      const prod = e.op("MatMul", [e.op("Transpose", [A], [aInts("perm", swap(sa.length))]), gy]);
      out[1] = ctx.reduceTo(prod, [...yShape.slice(0, -2), sb[sb.length - 2], sb[sb.length - 1]], B);
    }
    return out;
  }
};
var rules6 = [gemm, matMul];

// src/model/gradient/rules/math.ts
var castTo = (ctx, t, from, to) => from === to ? t : ctx.e.op("Cast", [t], [aInt("to", to)]);
var pow = {
  ops: ["Pow"],
  backward(ctx, n, gy) {
    const { e } = ctx;
    const [X, P] = n.input;
    const Y = n.output[0];
    const yShape = ctx.shapeOf(Y);
    const t = ctx.typeOf(X);
    const tp = ctx.typeOf(P);
    const out = [null, null];
    if (ctx.active(X)) {
      const p = castTo(ctx, P, tp, t);
      const d = e.op("Mul", [p, e.op("Pow", [X, e.op("Sub", [p, e.scalar(t, 1)])])]);
      out[0] = ctx.reduceTo(e.op("Mul", [gy, d]), yShape, X);
    }
    if (ctx.active(P)) {
      const zero = e.scalar(t, 0);
      const lx = e.op("Where", [e.op("Greater", [X, zero]), e.op("Log", [X]), zero]);
      const gp = e.op("Mul", [e.op("Mul", [gy, Y]), lx]);
      out[1] = castTo(ctx, ctx.reduceTo(gp, yShape, P), t, tp);
    }
    return out;
  }
};
var reciprocal = {
  ops: ["Reciprocal"],
  backward(ctx, n, gy) {
    const { e } = ctx;
    const Y = n.output[0];
    return [e.op("Neg", [e.op("Mul", [gy, e.op("Mul", [Y, Y])])])];
  }
};
var abs = {
  ops: ["Abs"],
  backward: (ctx, n, gy) => [ctx.e.op("Mul", [gy, ctx.e.op("Sign", [n.input[0]])])]
};
var maxMin = {
  ops: ["Max", "Min"],
  backward(ctx, n, gy) {
    const { e } = ctx;
    const Y = n.output[0];
    const yShape = ctx.shapeOf(Y);
    const out = n.input.map(() => null);
    if (n.input.length === 1) return [gy];
    let last = -1;
    n.input.forEach((inp, i) => {
      if (inp && ctx.active(inp)) last = i;
    });
    let taken = null;
    const zero = e.scalar(ctx.typeOf(Y), 0);
    for (let i = 0; i <= last; i++) {
      const inp = n.input[i];
      const eq = e.op("Equal", [inp, Y]);
      const m = taken ? e.op("And", [eq, e.op("Not", [taken])]) : eq;
      if (i < last) taken = taken ? e.op("Or", [taken, eq]) : eq;
      if (ctx.active(inp)) out[i] = ctx.reduceTo(e.op("Where", [m, gy, zero]), yShape, inp);
    }
    return out;
  }
};
var erf = {
  ops: ["Erf"],
  backward(ctx, n, gy) {
    const { e } = ctx;
    const X = n.input[0];
    const t = ctx.typeOf(X);
    const g = e.op("Exp", [e.op("Neg", [e.op("Mul", [X, X])])]);
    return [e.op("Mul", [gy, e.op("Mul", [g, e.scalar(t, 2 / Math.sqrt(Math.PI))])])];
  }
};
var gelu = {
  ops: ["Gelu"],
  backward(ctx, n, gy) {
    const { e } = ctx;
    const X = n.input[0];
    const t = ctx.typeOf(X);
    const c = (v) => e.scalar(t, v);
    const x2 = e.op("Mul", [X, X]);
    const approx = attrString(n, "approximate", "none");
    let d;
    if (approx === "none") {
      const cdf = e.op("Mul", [c(0.5), e.op("Add", [c(1), e.op("Erf", [e.op("Mul", [X, c(Math.SQRT1_2)])])])]);
      const pdf = e.op("Mul", [e.op("Exp", [e.op("Mul", [x2, c(-0.5)])]), c(1 / Math.sqrt(2 * Math.PI))]);
      d = e.op("Add", [cdf, e.op("Mul", [X, pdf])]);
    } else if (approx === "tanh") {
      const k = Math.sqrt(2 / Math.PI);
      const inner = e.op("Mul", [X, e.op("Add", [c(1), e.op("Mul", [x2, c(0.044715)])])]);
      const T = e.op("Tanh", [e.op("Mul", [inner, c(k)])]);
      const du = e.op("Mul", [c(k), e.op("Add", [c(1), e.op("Mul", [x2, c(3 * 0.044715)])])]);
      const a = e.op("Mul", [c(0.5), e.op("Add", [c(1), T])]);
      const b = e.op("Mul", [e.op("Mul", [c(0.5), X]), e.op("Mul", [e.op("Sub", [c(1), e.op("Mul", [T, T])]), du])]);
      d = e.op("Add", [a, b]);
    } else {
      return ctx.unsupported(n, `approximate='${approx}'`);
    }
    return [e.op("Mul", [gy, d])];
  }
};
var hardSigmoid = {
  ops: ["HardSigmoid"],
  backward(ctx, n, gy) {
    const { e } = ctx;
    const Y = n.output[0];
    const t = ctx.typeOf(Y);
    const alpha = attrFloat(n, "alpha", 0.2);
    const inside = e.op("And", [e.op("Greater", [Y, e.scalar(t, 0)]), e.op("Less", [Y, e.scalar(t, 1)])]);
    return [e.op("Where", [inside, e.op("Mul", [gy, e.scalar(t, alpha)]), e.scalar(t, 0)])];
  }
};
var hardSwish = {
  ops: ["HardSwish"],
  backward(ctx, n, gy) {
    const { e } = ctx;
    const X = n.input[0];
    const t = ctx.typeOf(X);
    const c = (v) => e.scalar(t, v);
    const mid = e.op("Add", [e.op("Mul", [X, c(1 / 3)]), c(0.5)]);
    const d = e.op("Where", [e.op("Less", [X, c(-3)]), c(0), e.op("Where", [e.op("Greater", [X, c(3)]), c(1), mid])]);
    return [e.op("Mul", [gy, d])];
  }
};
var softplus = {
  ops: ["Softplus"],
  backward: (ctx, n, gy) => [ctx.e.op("Mul", [gy, ctx.e.op("Sigmoid", [n.input[0]])])]
};
var eluSelu = {
  ops: ["Elu", "Selu"],
  backward(ctx, n, gy) {
    const { e } = ctx;
    const X = n.input[0];
    const Y = n.output[0];
    const t = ctx.typeOf(Y);
    const selu = n.opType === "Selu";
    const alpha = attrFloat(n, "alpha", selu ? 1.6732631921768188 : 1);
    const gamma = selu ? attrFloat(n, "gamma", 1.0507010221481323) : 1;
    const d = e.op("Where", [e.op("Greater", [X, e.scalar(t, 0)]), e.scalar(t, gamma), e.op("Add", [Y, e.scalar(t, gamma * alpha)])]);
    return [e.op("Mul", [gy, d])];
  }
};
var rules7 = [pow, reciprocal, abs, maxMin, erf, gelu, hardSigmoid, hardSwish, softplus, eluSelu];

// src/model/gradient/rules/norm.ts
var batchNormalization = {
  ops: ["BatchNormalization"],
  backward(ctx, n, gy) {
    ctx.onlyFirstActive(n);
    const { e } = ctx;
    if (n.output.length > 1 && n.output.slice(1).some((o) => o)) ctx.unsupported(n, "training-mode batch norm");
    if (attrInt(n, "training_mode", 0) !== 0) ctx.unsupported(n, "training_mode=1");
    const eps = attrFloat(n, "epsilon", 1e-5);
    const [, scale, , , variance] = n.input;
    const t = ctx.typeOf(n.output[0]);
    const kf = e.op("Div", [scale, e.op("Sqrt", [e.op("Add", [variance, e.scalar(t, eps)])])]);
    const r = ctx.shapeOf(n.input[0]).length;
    const ku = r > 2 ? e.op("Unsqueeze", [kf, e.ints(Array.from({ length: r - 2 }, (_, i) => i + 1))]) : kf;
    return [e.op("Mul", [gy, ku])];
  }
};
var rules8 = [batchNormalization];

// src/model/gradient/rules/pool.ts
var maxPool = {
  ops: ["MaxPool"],
  backward(ctx, n, gy) {
    const { e } = ctx;
    const X = n.input[0];
    const Y = n.output[0];
    if (attrInt(n, "storage_order", 0) !== 0) ctx.unsupported(n, "storage_order=1");
    const tiled = (n.output.length < 2 || !n.output[1]) && ctx.typeOf(X) === 1 ? tiledPool(n, ctx.shapeOf(X), ctx.shapeOf(Y)) : null;
    if (tiled) {
      let gp = gy;
      if (ctx.reluBeforePool.has(n)) gp = e.op("Where", [e.op("Greater", [Y, e.scalar(ctx.typeOf(Y), 0)]), gy, e.scalar(ctx.typeOf(Y), 0)]);
      return [firstMaxMask(ctx, n, X, Y, gp, tiled)];
    }
    if (n.output.length < 2 || !n.output[1]) {
      const idxName = `${Y}__mg_indices`;
      n.output = [Y, idxName];
    }
    const I = n.output[1];
    if (disjointPool(n, ctx.shapeOf(X), ctx.shapeOf(Y))) {
      let gp = gy;
      if (ctx.reluBeforePool.has(n)) gp = e.op("Where", [e.op("Greater", [Y, e.scalar(ctx.typeOf(Y), 0)]), gy, e.scalar(ctx.typeOf(Y), 0)]);
      const sp = ctx.shapeOf(X).length - 2;
      const k = attrInts(n, "kernel_shape");
      const attrs = [aInts("kernel_shape", k), aInts("strides", attrInts(n, "strides") ?? new Array(sp).fill(1))];
      const pads = attrInts(n, "pads");
      if (pads && attrString(n, "auto_pad", "NOTSET") === "NOTSET") attrs.push(aInts("pads", pads));
      return [e.op("MaxUnpool", [gp, I, ctx.shapeNode(X)], attrs)];
    }
    const flat = e.ints([-1]);
    const zeros = e.op("Reshape", [ctx.zerosLike(X), flat]);
    const sc = e.op("ScatterElements", [zeros, e.op("Reshape", [I, flat]), e.op("Reshape", [gy, flat])], [aInt("axis", 0), aString("reduction", "add")]);
    return [e.op("Reshape", [sc, ctx.shapeNode(X)])];
  }
};
function tiledPool(n, xs, ys) {
  const sp = xs.length - 2;
  if (sp !== 2 || ys.length !== xs.length) return null;
  const k = attrInts(n, "kernel_shape");
  if (!k || k.length !== sp) return null;
  const st = attrInts(n, "strides") ?? new Array(sp).fill(1);
  const dl = attrInts(n, "dilations") ?? new Array(sp).fill(1);
  const ap = attrString(n, "auto_pad", "NOTSET");
  if (ap !== "NOTSET" && ap !== "VALID") return null;
  const pads = ap === "NOTSET" ? attrInts(n, "pads") ?? [] : [];
  if (pads.some((v) => v !== 0)) return null;
  for (let i = 0; i < sp; i++) {
    const H = xs[i + 2], O = ys[i + 2];
    if (!(xs[1] > 0) || !(O > 0) || st[i] !== k[i] || dl[i] !== 1 || O * k[i] !== H) return null;
  }
  return ys.slice(2);
}
function firstMaxMask(ctx, n, X, Y, gy, outSp) {
  const { e } = ctx;
  const t = ctx.typeOf(X);
  const xs = ctx.shapeOf(X);
  const sp = xs.length - 2;
  const C = xs[1];
  const k = attrInts(n, "kernel_shape");
  const covered = xs.slice(2);
  const str = new Array(sp).fill(1);
  for (let i = sp - 2; i >= 0; i--) str[i] = str[i + 1] * xs[i + 3];
  const plane = str[0] * xs[2];
  const BIG = k.reduce((a, kk, i) => a + (kk - 1) * str[i], 0) + 1;
  const cov = covered.reduce((a, b) => a * b, 1);
  const wv = new Array(cov);
  for (let f2 = 0; f2 < cov; f2++) {
    let r = f2, off = 0;
    for (let i = sp - 1; i >= 0; i--) {
      off += r % covered[i] % k[i] * str[i];
      r = Math.floor(r / covered[i]);
    }
    wv[f2] = BIG - off;
  }
  const attrs = [aInts("kernel_shape", k), aInts("strides", k)];
  const w = e.floats(t, wv, [1, 1, ...covered]);
  const Yr = e.op("Reshape", [Y, e.ints([-1, 1, ...outSp])]);
  const scales = e.floats(1, [1, 1, ...k], [sp + 2]);
  const nearest = [aString("mode", "nearest"), aString("coordinate_transformation_mode", "asymmetric"), aString("nearest_mode", "floor")];
  const up = e.op("Reshape", [e.op("Resize", [Yr, "", scales], nearest), e.ints([-1, C, ...covered])]);
  const wm = e.op("Mul", [e.op("Cast", [e.op("Equal", [X, up])], [aInt("to", t)]), w]);
  const mp = e.op("Reshape", [e.op("MaxPool", [e.op("Reshape", [wm, e.ints([-1, 1, ...covered])])], attrs), e.ints([-1, C, ...outSp])]);
  const first = e.op("Max", [mp, e.scalar(t, 1)]);
  const ov = new Array(C * outSp.reduce((a, b) => a * b, 1));
  const O = outSp.reduce((a, b) => a * b, 1);
  for (let c = 0; c < C; c++) for (let f2 = 0; f2 < O; f2++) {
    let r = f2, off = 0;
    for (let i = sp - 1; i >= 0; i--) {
      off += r % outSp[i] * k[i] * str[i];
      r = Math.floor(r / outSp[i]);
    }
    ov[c * O + f2] = c * plane + off + BIG;
  }
  const origin = e.constant((nm) => int64Const(nm, ov, [1, C, ...outSp]), `i64:#pool-origin:${e.fresh("o")}`);
  const N = e.op("Gather", [e.op("Shape", [X]), e.ints([0], [])], [aInt("axis", 0)]);
  const nOff = e.op("Reshape", [e.op("Mul", [e.op("Range", [e.ints([0], []), N, e.ints([1], [])]), e.ints([C * plane], [])]), e.ints([-1, ...new Array(sp + 1).fill(1)])]);
  const I = e.op("Sub", [e.op("Add", [origin, nOff]), e.op("Cast", [first], [aInt("to", 7)])]);
  return e.op("MaxUnpool", [gy, I, ctx.shapeNode(X)], attrs);
}
var averagePool = {
  ops: ["AveragePool"],
  backward(ctx, n, gy) {
    const { e } = ctx;
    const unsupported = (why) => ctx.unsupported(n, why);
    const xs = ctx.shapeOf(n.input[0]);
    const sp = xs.length - 2;
    const Cc = xs[1];
    if (!(Cc > 0)) unsupported("unknown channel count");
    const k = attrInts(n, "kernel_shape");
    const st = attrInts(n, "strides") ?? new Array(sp).fill(1);
    const dl = new Array(sp).fill(1);
    const pads = explicitPads(n, xs.slice(2), k, st, dl, unsupported);
    const incl = attrInt(n, "count_include_pad", 0) === 1;
    const outSp = ctx.shapeOf(n.output[0]).slice(2);
    const counts = poolCounts(xs.slice(2), outSp, k, st, pads, incl);
    const t = ctx.typeOf(n.output[0]);
    const inv = e.floats(t, counts.map((c) => 1 / c), [1, 1, ...outSp]);
    const ones = e.floats(t, new Array(Cc * k.reduce((a, b) => a * b, 1)).fill(1), [Cc, 1, ...k]);
    const { ctPads, outPad } = transposePads(xs.slice(2), outSp, k, st, dl, pads, unsupported);
    const attrs = [aInts("kernel_shape", k), aInts("strides", st), aInt("group", Cc), aInts("pads", ctPads)];
    if (outPad.some((v) => v !== 0)) attrs.push(aInts("output_padding", outPad));
    return [e.op("ConvTranspose", [e.op("Mul", [gy, inv]), ones], attrs)];
  }
};
var globalAveragePool = {
  ops: ["GlobalAveragePool"],
  backward(ctx, n, gy) {
    const { e } = ctx;
    const X = n.input[0];
    const xs = ctx.shapeOf(X);
    const cnt = xs.slice(2).reduce((a, b) => a * b, 1);
    if (!(cnt > 0)) ctx.unsupported(n, "unknown spatial size");
    return [e.op("Expand", [e.op("Mul", [gy, e.scalar(ctx.typeOf(n.output[0]), 1 / cnt)]), ctx.shapeNode(X)])];
  }
};
var rules9 = [maxPool, averagePool, globalAveragePool];

// src/model/gradient/rules/reduce.ts
var reduce = {
  ops: ["ReduceMean", "ReduceSum"],
  backward(ctx, n, gy) {
    ctx.onlyFirstActive(n);
    const { e } = ctx;
    const op = n.opType;
    const X = n.input[0];
    const xs = ctx.shapeOf(X);
    const r = xs.length;
    let axes = op === "ReduceSum" || n.input[1] ? n.input[1] ? ctx.constValue(n.input[1]) : [] : attrInts(n, "axes") ?? [];
    if (!axes) ctx.unsupported(n, "axes are not constant");
    if (axes.length === 0) {
      if (attrInt(n, "noop_with_empty_axes", 0) === 1) return [gy];
      axes = Array.from({ length: r }, (_, i) => i);
    }
    const ax = axes.map((a) => a < 0 ? a + r : a).sort((a, b) => a - b);
    let gg = gy;
    if (attrInt(n, "keepdims", 1) === 0) gg = e.op("Unsqueeze", [gy, e.ints(ax)]);
    if (op === "ReduceMean") {
      const cnt = ax.reduce((a, i) => a * xs[i], 1);
      if (!(cnt > 0)) ctx.unsupported(n, "mean over the batch axis");
      gg = e.op("Mul", [gg, e.scalar(ctx.typeOf(n.output[0]), 1 / cnt)]);
    }
    return [e.op("Expand", [gg, ctx.shapeNode(X)])];
  }
};
var rules10 = [reduce];

// src/model/gradient/rules/reduce-extrema.ts
function reducedAxes(ctx, n, r) {
  let axes = n.input[1] ? ctx.constValue(n.input[1]) : attrInts(n, "axes") ?? [];
  if (!axes) ctx.unsupported(n, "axes are not constant");
  if (axes.length === 0) {
    if (attrInt(n, "noop_with_empty_axes", 0) === 1) return null;
    axes = Array.from({ length: r }, (_, i) => i);
  }
  return axes.map((a) => a < 0 ? a + r : a).sort((a, b) => a - b);
}
var reduceMax = {
  ops: ["ReduceMax"],
  backward(ctx, n, gy) {
    ctx.onlyFirstActive(n);
    const { e } = ctx;
    const X = n.input[0], Y = n.output[0];
    const ax = reducedAxes(ctx, n, ctx.shapeOf(X).length);
    if (ax === null) return [gy];
    const keep = attrInt(n, "keepdims", 1) !== 0;
    const yk = keep ? Y : e.op("Unsqueeze", [Y, e.ints(ax)]);
    const gk = keep ? gy : e.op("Unsqueeze", [gy, e.ints(ax)]);
    const mask = e.op("Cast", [e.op("Equal", [X, yk])], [aInt("to", ctx.typeOf(X))]);
    const cnt = e.op("ReduceSum", [mask, e.ints(ax)], [aInt("keepdims", 1)]);
    return [e.op("Mul", [mask, e.op("Div", [gk, cnt])])];
  }
};
var reduceL2 = {
  ops: ["ReduceL2"],
  backward(ctx, n, gy) {
    ctx.onlyFirstActive(n);
    const { e } = ctx;
    const X = n.input[0], Y = n.output[0];
    const ax = reducedAxes(ctx, n, ctx.shapeOf(X).length);
    if (ax === null) ctx.unsupported(n, "noop_with_empty_axes without axes");
    const keep = attrInt(n, "keepdims", 1) !== 0;
    const yk = keep ? Y : e.op("Unsqueeze", [Y, e.ints(ax)]);
    const gk = keep ? gy : e.op("Unsqueeze", [gy, e.ints(ax)]);
    return [e.op("Mul", [X, e.op("Div", [gk, yk])])];
  }
};
var rules11 = [reduceMax, reduceL2];

// src/model/gradient/rules/resize.ts
var COORD_MODES = /* @__PURE__ */ new Set(["half_pixel", "pytorch_half_pixel", "align_corners", "asymmetric", "half_pixel_symmetric"]);
var NEAREST_MODES = /* @__PURE__ */ new Set(["round_prefer_floor", "round_prefer_ceil", "floor", "ceil"]);
var f = Math.fround;
function sourceCoord(o, a) {
  const { ctm, lenIn, lenOut } = a;
  const s = f(a.scale);
  switch (ctm) {
    case "half_pixel":
      return f(f(f(o + 0.5) / s) - 0.5);
    case "pytorch_half_pixel":
      return lenOut > 1 ? f(f(f(o + 0.5) / s) - 0.5) : 0;
    case "align_corners":
      return lenOut === 1 ? 0 : f(f(o * (lenIn - 1)) / (lenOut - 1));
    case "asymmetric":
      return f(o / s);
    case "half_pixel_symmetric": {
      const adj = f(lenOut / f(s * lenIn));
      const center = f(lenIn / 2);
      const offset = f(center * f(1 - adj));
      return f(f(offset + f(f(o + 0.5) / s)) - 0.5);
    }
    default:
      throw new Error(`resize: coordinate_transformation_mode ${ctm}`);
  }
}
function nearestIndex(x, mode) {
  switch (mode) {
    case "round_prefer_floor":
      return x === Math.floor(x) + 0.5 ? Math.floor(x) : Math.round(x);
    case "round_prefer_ceil":
      return x === Math.floor(x) + 0.5 ? Math.ceil(x) : Math.round(x);
    case "floor":
      return Math.floor(x);
    case "ceil":
      return Math.ceil(x);
    default:
      throw new Error(`resize: nearest_mode ${mode}`);
  }
}
function cubicCoeffs(s, A) {
  const c = (t) => {
    const x = Math.abs(t);
    if (x <= 1) return ((A + 2) * x - (A + 3)) * x * x + 1;
    if (x < 2) return ((A * x - 5 * A) * x + 8 * A) * x - 4 * A;
    return 0;
  };
  return [c(s + 1), c(s), c(1 - s), c(2 - s)];
}
function interpMatrix(a) {
  const { lenIn, lenOut } = a;
  const M = new Float64Array(lenOut * lenIn);
  const clampI = (i) => Math.min(Math.max(i, 0), lenIn - 1);
  for (let o = 0; o < lenOut; o++) {
    const row = o * lenIn;
    const x = sourceCoord(o, a);
    if (a.mode === "nearest") {
      M[row + clampI(nearestIndex(x, a.nearestMode))] = 1;
    } else if (a.mode === "linear") {
      const xc = Math.min(Math.max(x, 0), lenIn - 1);
      const i1 = Math.min(Math.floor(xc), lenIn - 1);
      const i2 = Math.min(i1 + 1, lenIn - 1);
      if (i1 === i2) M[row + i1] += 1;
      else {
        M[row + i1] += i2 - xc;
        M[row + i2] += xc - i1;
      }
    } else {
      const x0 = Math.floor(x);
      const cf = cubicCoeffs(x - x0, a.cubicA);
      const idx = [x0 - 1, x0, x0 + 1, x0 + 2];
      if (a.excludeOutside) {
        let sum = 0;
        for (let k = 0; k < 4; k++) if (idx[k] >= 0 && idx[k] < lenIn) sum += cf[k];
        for (let k = 0; k < 4; k++) if (idx[k] >= 0 && idx[k] < lenIn) M[row + idx[k]] += cf[k] / sum;
      } else {
        for (let k = 0; k < 4; k++) M[row + clampI(idx[k])] += cf[k];
      }
    }
  }
  return M;
}
function isIdentity(M, n, m) {
  if (n !== m) return false;
  for (let o = 0; o < n; o++) for (let i = 0; i < m; i++) if (M[o * m + i] !== (o === i ? 1 : 0)) return false;
  return true;
}
function transposed(M, n, m) {
  const t = new Array(n * m);
  for (let o = 0; o < n; o++) for (let i = 0; i < m; i++) t[i * n + o] = M[o * m + i];
  return t;
}
function resizeAxes(n, xs, ys, constValue, unsupported) {
  const r = xs.length;
  const mode = attrString(n, "mode", "nearest");
  if (mode !== "nearest" && mode !== "linear" && mode !== "cubic") unsupported(`mode ${mode}`);
  const ctm = attrString(n, "coordinate_transformation_mode", "half_pixel");
  if (!COORD_MODES.has(ctm)) unsupported(`coordinate_transformation_mode ${ctm}${ctm === "tf_half_pixel_for_nn" ? " (deprecated since opset 13)" : ""}`);
  const nearestMode = attrString(n, "nearest_mode", "round_prefer_floor");
  if (mode === "nearest" && !NEAREST_MODES.has(nearestMode)) unsupported(`nearest_mode ${nearestMode}`);
  if (attrInt(n, "antialias", 0) !== 0) unsupported("antialias=1");
  const policy = attrString(n, "keep_aspect_ratio_policy", "stretch");
  if (policy !== "stretch" && n.input[3]) unsupported(`keep_aspect_ratio_policy ${policy}`);
  if (r !== 3 && r !== 4) unsupported(`a ${r}-D input (3-D and 4-D NC\u2026 inputs only)`);
  if (ys.length !== r) unsupported("output rank differs from the input rank");
  for (let i = 0; i < r; i++) if (!(xs[i] === -1 ? ys[i] === -1 : xs[i] > 0 && ys[i] > 0)) unsupported("unknown spatial sizes");
  for (let i = 0; i < 2; i++) if (xs[i] !== ys[i]) unsupported(`resizing axis ${i} (batch or channels)`);
  const axesAttr = attrInts(n, "axes");
  const axes = (axesAttr ?? Array.from({ length: r }, (_, i) => i)).map((a) => a < 0 ? a + r : a);
  const scales = new Array(r).fill(1);
  const sizesName = n.input[3] ?? "";
  const scalesName = n.input[2] ?? "";
  if (sizesName) {
    for (let i = 0; i < r; i++) scales[i] = ys[i] === -1 ? 1 : f(ys[i] / xs[i]);
  } else if (scalesName) {
    const sv = constValue(scalesName);
    if (!sv || sv.length !== axes.length) unsupported("scales are not a known constant");
    axes.forEach((a, k) => {
      scales[a] = sv[k];
    });
    if (scales[0] !== 1 || scales[1] !== 1) unsupported("resizing the batch or channel axis");
  } else unsupported("neither scales nor sizes");
  const cubicA = attrFloat(n, "cubic_coeff_a", -0.75);
  const excludeOutside = attrInt(n, "exclude_outside", 0) === 1;
  const out = [];
  for (let i = 2; i < r; i++) {
    if (!(scales[i] > 0)) unsupported(`scale ${scales[i]} on axis ${i}`);
    out.push({ mode, ctm, nearestMode, cubicA, excludeOutside, lenIn: xs[i], lenOut: ys[i], scale: scales[i] });
  }
  return out;
}
var resize = {
  ops: ["Resize"],
  backward(ctx, n, gy) {
    const { e } = ctx;
    ctx.onlyFirstActive(n);
    const X = n.input[0];
    const xs = ctx.shapeOf(X), ys = ctx.shapeOf(n.output[0]);
    const t = ctx.typeOf(n.output[0]);
    const axes = resizeAxes(n, xs, ys, (nm) => ctx.constValue(nm), (why) => ctx.unsupported(n, why));
    let g = gy;
    const aw = axes[axes.length - 1];
    const Mw = interpMatrix(aw);
    if (!isIdentity(Mw, aw.lenOut, aw.lenIn)) g = e.op("MatMul", [g, e.floats(t, Array.from(Mw), [aw.lenOut, aw.lenIn])]);
    if (axes.length === 2) {
      const ah = axes[0];
      const Mh = interpMatrix(ah);
      if (!isIdentity(Mh, ah.lenOut, ah.lenIn)) g = e.op("MatMul", [e.floats(t, transposed(Mh, ah.lenOut, ah.lenIn), [ah.lenIn, ah.lenOut]), g]);
    }
    if (g === gy) g = e.op("Identity", [gy]);
    return n.input.map((_, i) => i === 0 ? g : null);
  }
};
var rules12 = [resize];

// src/model/gradient/rules/select.ts
var where = {
  ops: ["Where"],
  backward(ctx, n, gy) {
    const { e } = ctx;
    const [C, A, B] = n.input;
    const Y = n.output[0];
    const yShape = ctx.shapeOf(Y);
    const zero = e.scalar(ctx.typeOf(Y), 0);
    const out = [null, null, null];
    if (ctx.active(A)) out[1] = ctx.reduceTo(e.op("Where", [C, gy, zero]), yShape, A);
    if (ctx.active(B)) out[2] = ctx.reduceTo(e.op("Where", [C, zero, gy]), yShape, B);
    return out;
  }
};
var expand = {
  ops: ["Expand"],
  backward(ctx, n, gy) {
    ctx.onlyFirstActive(n);
    return [ctx.reduceTo(gy, ctx.shapeOf(n.output[0]), n.input[0])];
  }
};
var tile = {
  ops: ["Tile"],
  backward(ctx, n, gy) {
    ctx.onlyFirstActive(n);
    const { e } = ctx;
    const xs = ctx.shapeOf(n.input[0]);
    const reps = ctx.constValue(n.input[1]);
    if (!reps || reps.length !== xs.length) return ctx.unsupported(n, "repeats are not constant");
    if (reps.every((r2) => r2 === 1)) return [gy];
    if (xs.filter((d) => !(d >= 0)).length > 1) return ctx.unsupported(n, "more than one input dimension of unknown size");
    const split2 = [];
    const axes = [];
    xs.forEach((d, i) => {
      if (reps[i] !== 1) {
        axes.push(split2.length);
        split2.push(reps[i]);
      }
      split2.push(d >= 0 ? d : -1);
    });
    const r = e.op("Reshape", [gy, e.ints(split2)]);
    return [e.op("ReduceSum", [r, e.ints(axes)], [aInt("keepdims", 0)])];
  }
};
var cumsum = {
  ops: ["CumSum"],
  backward(ctx, n, gy) {
    ctx.onlyFirstActive(n);
    const exclusive = attrInt(n, "exclusive", 0);
    const reverse = attrInt(n, "reverse", 0);
    return [ctx.e.op("CumSum", [gy, n.input[1]], [aInt("exclusive", exclusive), aInt("reverse", reverse ? 0 : 1)])];
  }
};
var rules13 = [where, expand, tile, cumsum];

// src/model/gradient/rules/pad-modes.ts
function source(mode, p, dim) {
  if (mode === "edge") return Math.min(Math.max(p, 0), dim - 1);
  if (mode === "wrap") return (p % dim + dim) % dim;
  while (p < 0 || p >= dim) p = p < 0 ? -p : 2 * (dim - 1) - p;
  return p;
}
function constantPads(ctx, n) {
  const pads = ctx.constValue(n.input[1]);
  if (!pads) ctx.unsupported(n, "pads are not constant");
  if (n.input[3]) ctx.unsupported(n, "axes input");
  if (pads.some((v) => v < 0)) ctx.unsupported(n, "negative pads");
  return pads;
}
function padCopyBackward(ctx, n, gy, mode) {
  const { e } = ctx;
  const pads = constantPads(ctx, n);
  const xs = ctx.shapeOf(n.input[0]);
  const r = xs.length;
  const t = ctx.typeOf(n.output[0]);
  let g = gy;
  for (let a = 0; a < r; a++) {
    const pb = pads[a], pe = pads[a + r];
    if (pb === 0 && pe === 0) continue;
    const dim = xs[a];
    if (!(dim >= 0)) ctx.unsupported(n, "padding the batch axis");
    if (mode === "reflect" && (dim < 2 || pb >= dim || pe >= dim)) ctx.unsupported(n, "reflect pads not smaller than the axis");
    const L = dim + pb + pe;
    const m = new Array(L * dim).fill(0);
    for (let j = 0; j < L; j++) m[j * dim + source(mode, j - pb, dim)] = 1;
    const M = e.floats(t, m, [L, dim]);
    if (a === r - 1) g = e.op("MatMul", [g, M]);
    else {
      const perm = Array.from({ length: r }, (_, i) => i);
      [perm[a], perm[r - 1]] = [perm[r - 1], perm[a]];
      g = e.op("Transpose", [e.op("MatMul", [e.op("Transpose", [g], [aInts("perm", perm)]), M])], [aInts("perm", perm)]);
    }
  }
  return g;
}

// src/model/gradient/rules/shape.ts
var identity = {
  ops: ["Identity", "Dropout"],
  backward(ctx, n, gy) {
    if (n.opType === "Dropout" && n.output.length > 1 && n.output[1] && ctx.active(n.output[1])) ctx.unsupported(n, "mask output used");
    return [gy];
  }
};
var reshape = {
  ops: ["Reshape", "Flatten", "Squeeze", "Unsqueeze"],
  backward(ctx, n, gy) {
    ctx.onlyFirstActive(n);
    return [ctx.e.op("Reshape", [gy, ctx.shapeNode(n.input[0])])];
  }
};
var cast = {
  ops: ["Cast"],
  backward(ctx, n, gy) {
    const X = n.input[0];
    return [ctx.typeOf(X) === ctx.typeOf(n.output[0]) ? gy : ctx.e.op("Cast", [gy], [aInt("to", ctx.typeOf(X))])];
  }
};
var transpose = {
  ops: ["Transpose"],
  backward(ctx, n, gy) {
    const r = ctx.shapeOf(n.input[0]).length;
    const perm = attrInts(n, "perm") ?? Array.from({ length: r }, (_, i) => r - 1 - i);
    const inv = new Array(r);
    perm.forEach((p, i) => {
      inv[p] = i;
    });
    return [ctx.e.op("Transpose", [gy], [aInts("perm", inv)])];
  }
};
var concat = {
  ops: ["Concat"],
  backward(ctx, n, gy) {
    const { e } = ctx;
    const r = ctx.shapeOf(n.output[0]).length;
    let axis = attrInt(n, "axis", 0);
    if (axis < 0) axis += r;
    let off = 0;
    const out = n.input.map(() => null);
    n.input.forEach((inp, i) => {
      const sz = ctx.shapeOf(inp)[axis];
      if (ctx.active(inp)) {
        if (!(sz >= 0)) ctx.unsupported(n, "concatenation along the batch axis");
        out[i] = e.op("Slice", [gy, e.ints([off]), e.ints([off + sz]), e.ints([axis])]);
      }
      if (!(sz >= 0)) ctx.unsupported(n, "concatenation along the batch axis");
      off += sz;
    });
    return out;
  }
};
var slice = {
  ops: ["Slice"],
  backward(ctx, n, gy) {
    ctx.onlyFirstActive(n);
    const xs = ctx.shapeOf(n.input[0]);
    const r = xs.length;
    const starts = ctx.constValue(n.input[1]);
    const ends = ctx.constValue(n.input[2]);
    const axes = n.input[3] ? ctx.constValue(n.input[3]) : Array.from({ length: starts?.length ?? 0 }, (_, i) => i);
    const steps = n.input[4] ? ctx.constValue(n.input[4]) : void 0;
    if (!starts || !ends || !axes) ctx.unsupported(n, "starts/ends/axes are not constant");
    if (steps && steps.some((s) => s !== 1)) ctx.unsupported(n, "steps other than 1");
    const pads = new Array(2 * r).fill(0);
    axes.forEach((a0, i) => {
      const a = a0 < 0 ? a0 + r : a0;
      const dim = xs[a];
      if (!(dim >= 0)) ctx.unsupported(n, "slicing the batch axis");
      let s = starts[i], en = ends[i];
      if (s < 0) s += dim;
      if (en < 0) en += dim;
      s = Math.min(Math.max(s, 0), dim);
      en = Math.min(Math.max(en, 0), dim);
      if (en < s) ctx.unsupported(n, "empty slice");
      pads[a] = s;
      pads[a + r] = dim - en;
    });
    return [ctx.e.op("Pad", [gy, ctx.e.ints(pads)], [aString("mode", "constant")])];
  }
};
var pad = {
  ops: ["Pad"],
  backward(ctx, n, gy) {
    ctx.onlyFirstActive(n);
    const mode = attrString(n, "mode", "constant");
    if (mode === "reflect" || mode === "edge" || mode === "wrap") return [padCopyBackward(ctx, n, gy, mode)];
    if (mode !== "constant") ctx.unsupported(n, `mode ${mode}`);
    const pads = constantPads(ctx, n);
    const xs = ctx.shapeOf(n.input[0]);
    const r = xs.length;
    const st = [], en = [];
    for (let a = 0; a < r; a++) {
      st.push(pads[a]);
      if (xs[a] >= 0) en.push(pads[a] + xs[a]);
      else if (pads[a] === 0 && pads[a + r] === 0) en.push(2 ** 62);
      else ctx.unsupported(n, "padding the batch axis");
    }
    const { e } = ctx;
    return [e.op("Slice", [gy, e.ints(st), e.ints(en), e.ints(Array.from({ length: r }, (_, i) => i))])];
  }
};
var gather = {
  ops: ["Gather"],
  backward(ctx, n, gy) {
    ctx.onlyFirstActive(n);
    const { e } = ctx;
    const X = n.input[0];
    const xs = ctx.shapeOf(X);
    let axis = attrInt(n, "axis", 0);
    if (axis < 0) axis += xs.length;
    const dim = xs[axis];
    const idxShape = ctx.shapeOf(n.input[1]);
    const iv = ctx.constValue(n.input[1]);
    if (!iv || idxShape.length > 1) ctx.unsupported(n, "indices must be a constant scalar or 1-D list");
    if (!(dim >= 0)) ctx.unsupported(n, "gathering along the batch axis");
    const norm = iv.map((v) => v < 0 ? v + dim : v);
    let gg = gy;
    if (idxShape.length === 0) gg = e.op("Unsqueeze", [gy, e.ints([axis])]);
    const gShape = ctx.shapeOf(X).slice();
    const rg = gShape.length;
    const ishape = new Array(rg).fill(1);
    ishape[axis] = norm.length;
    const idx = e.op("Expand", [e.ints(norm, ishape), ctx.shapeNode(gg)]);
    return [e.op("ScatterElements", [ctx.zerosLike(X), idx, gg], [aInt("axis", axis), aString("reduction", "add")])];
  }
};
var rules14 = [identity, reshape, cast, transpose, concat, slice, pad, gather];

// src/model/gradient/rules/softmax.ts
var softmax = {
  ops: ["Softmax", "LogSoftmax"],
  backward(ctx, n, gy) {
    const { e } = ctx;
    const Y = n.output[0];
    const axis = attrInt(n, "axis", -1);
    const ax = e.ints([axis]);
    if (n.opType === "Softmax") {
      const s2 = e.op("ReduceSum", [e.op("Mul", [gy, Y]), ax], [aInt("keepdims", 1)]);
      return [e.op("Mul", [Y, e.op("Sub", [gy, s2])])];
    }
    const s = e.op("ReduceSum", [gy, ax], [aInt("keepdims", 1)]);
    return [e.op("Sub", [gy, e.op("Mul", [e.op("Exp", [Y]), s])])];
  }
};
var rules15 = [softmax];

// src/model/gradient/rules/split.ts
var split = {
  ops: ["Split"],
  allOutputs: true,
  backward(ctx, n, gy) {
    ctx.onlyFirstActive(n);
    const { e } = ctx;
    const r = ctx.shapeOf(n.input[0]).length;
    let axis = attrInt(n, "axis", 0);
    if (axis < 0) axis += r;
    if (n.output.some((o) => !o)) ctx.unsupported(n, "an omitted output");
    const parts = n.output.map((o, i) => (i === 0 && gy ? gy : ctx.gradOf(o)) ?? ctx.zerosLike(o));
    return [parts.length === 1 ? parts[0] : e.op("Concat", parts, [aInt("axis", axis)])];
  }
};
var rules16 = [split];

// src/model/gradient/rules/index.ts
var MODULES = [
  rules14,
  rules4,
  rules,
  rules15,
  rules6,
  rules2,
  rules9,
  rules8,
  rules10,
  rules5,
  rules11,
  rules16,
  rules3,
  rules12,
  rules7,
  rules13
];
function registry(modules) {
  const m = /* @__PURE__ */ new Map();
  for (const rule of modules.flat()) {
    for (const op of rule.ops) {
      if (m.has(op)) throw new Error(`gradient rules: two rules for ${op}`);
      m.set(op, rule);
    }
  }
  return m;
}
var RULES = registry(MODULES);

// src/model/gradient/util.ts
function cloneModel(bytes) {
  return decodeModel(bytes.slice());
}
function graphOf(m) {
  if (!m.graph) throw new UnsupportedOpError("model", "", "the model has no graph");
  return m.graph;
}
function tensorNumbers(t) {
  const a = tensorToArray(t);
  if (Array.isArray(a)) throw new Error("string tensor");
  return Array.from(a, (v) => Number(v));
}
function tensorI64(vals) {
  return { dims: [vals.length], dataType: TensorDataType.INT64, int64Data: BigInt64Array.from(vals.map((x) => BigInt(x))), stringData: [], externalData: [], metadataProps: [] };
}

// src/model/gradient/backward.ts
function buildBackward(m, opts, pr, active, pathIdx, score, scoreMode, dt, C, loss) {
  const g = graphOf(m);
  const e = new Emitter(g, "mg/");
  const shapeOf = (name) => {
    const s = pr.shape.get(name);
    if (!s) throw new UnsupportedOpError("shape", name, `no static shape known for "${name}"`);
    return s;
  };
  const typeOf = (name) => pr.type.get(name) ?? dt;
  const constValue = (name) => {
    const t = g.initializer.find((x) => x.name === name);
    if (t) return tensorNumbers(t);
    return pr.value.get(name);
  };
  const nodes = g.node.slice();
  const shapeNode = (x) => e.op("Shape", [x]);
  const zerosLike = (x) => e.op("ConstantOfShape", [shapeNode(x)], [aTensor("value", floatConst("", typeOf(x), [0], [1]))]);
  const opset = m.opsetImport.find((o) => (o.domain ?? "") === "" || o.domain === "ai.onnx")?.version ?? 17;
  const { z, lossOut, dScore } = lossHead(e, score, scoreMode, dt, C, loss, opset);
  const grads = /* @__PURE__ */ new Map();
  const addGrad = (name, gr) => {
    if (!active(name) && !opts.wrt.includes(name)) return;
    const l = grads.get(name);
    if (l) l.push(gr);
    else grads.set(name, [gr]);
  };
  addGrad(score, dScore);
  const gradOf = (name) => {
    const l = grads.get(name);
    if (!l || l.length === 0) return null;
    if (l.length === 1) return l[0];
    const s = e.op("Sum", l);
    grads.set(name, [s]);
    return s;
  };
  const reduceTo = (gr, gShape, x) => {
    const xs = shapeOf(x);
    const r = gShape.length, rx = xs.length;
    const axes = [];
    for (let i = 0; i < r; i++) {
      const xd = i - (r - rx) >= 0 ? xs[i - (r - rx)] : 1;
      if (xd === 1 && gShape[i] !== 1) axes.push(i);
    }
    let out = gr;
    if (axes.length) out = e.op("ReduceSum", [out, e.ints(axes)], [aInt("keepdims", 1)]);
    if (rx !== r) out = e.op("Reshape", [out, shapeNode(x)]);
    return out;
  };
  const unsupported = (n, why) => {
    throw new UnsupportedOpError(n.opType ?? "", n.name ?? "", why);
  };
  const ctx = {
    e,
    graph: g,
    active,
    shapeOf,
    typeOf,
    constValue,
    shapeNode,
    zerosLike,
    reduceTo,
    unsupported,
    gradOf,
    onlyFirstActive(n) {
      for (let i = 1; i < n.input.length; i++) if (n.input[i] && active(n.input[i])) unsupported(n, `input ${i} depends on the model input`);
    },
    ...reluPoolPairs(nodes, g.output, pathIdx, shapeOf)
  };
  for (let pi = pathIdx.length - 1; pi >= 0; pi--) {
    const n = nodes[pathIdx[pi]];
    const found = RULES.get(n.opType ?? "");
    let gy = gradOf(n.output[0]);
    if (gy === null) {
      if (!found?.allOutputs || !n.output.some((o) => o && grads.has(o))) continue;
      gy = "";
    }
    shapeOf(n.output[0]);
    const rule = found ?? unsupported(n, "no gradient rule for this op");
    rule.backward(ctx, n, gy).forEach((gr, i) => {
      if (gr !== null) addGrad(n.input[i], gr);
    });
  }
  g.output = [];
  const outInfo = (name, elem) => ({ name, type: { tensorType: { elemType: elem } }, metadataProps: [] });
  g.node.push(mkNode("Identity", [z], ["mg_scores"]));
  g.node.push(mkNode("Identity", [lossOut], ["mg_loss"]));
  g.output.push(outInfo("mg_scores", dt), outInfo("mg_loss", dt));
  opts.wrt.forEach((w, i) => {
    const gr = gradOf(w) ?? zerosLike(w);
    const out = `mg_grad_${i}`;
    g.node.push(mkNode("Identity", [gr], [out]));
    g.output.push(outInfo(out, typeOf(w)));
  });
  const lab = (name) => ({ name, type: { tensorType: { elemType: TensorDataType.INT64, shape: { dim: [{ dimParam: "N" }] } } }, metadataProps: [] });
  g.input.push(lab(LABEL));
  if (loss === "dlr-targeted") g.input.push(lab(TARGET));
  return encodeModel(m);
}

// src/model/gradient/batch.ts
function freeBatch(m, wrt) {
  const g = graphOf(m);
  const inits = new Set(g.initializer.map((t) => t.name));
  g.input = g.input.filter((i) => !inits.has(i.name));
  let fixedOne = false;
  for (const vi of g.input) {
    const dims = vi.type?.tensorType?.shape?.dim;
    if (dims && dims.length > 0) {
      if (dims[0].dimValue === 1) fixedOne = true;
      dims[0] = { dimParam: "N" };
    }
  }
  for (const vi of [...g.output, ...g.valueInfo]) if (vi.type?.tensorType) delete vi.type.tensorType.shape;
  if (!fixedOne) return;
  const onPath = new Set(wrt);
  for (const n of g.node) if (n.input.some((x) => onPath.has(x))) for (const o of n.output) onPath.add(o);
  const consts = new Map(g.initializer.map((t) => [t.name ?? "", t]));
  for (const n of g.node) {
    if (n.opType !== "Reshape" || !onPath.has(n.input[0])) continue;
    const t = consts.get(n.input[1]);
    let vals = null;
    if (t) vals = tensorNumbers(t);
    else {
      const c = g.node.find((x) => x.opType === "Constant" && x.output[0] === n.input[1]);
      const ct = c ? findAttr(c, "value")?.t : void 0;
      if (ct) vals = tensorNumbers(ct);
    }
    if (!vals || vals[0] !== 1) continue;
    const name = `${n.input[1]}__mg_batch`;
    vals[0] = 0;
    const nt = tensorI64(vals);
    nt.name = name;
    g.initializer.push(nt);
    const old = n.input[1];
    n.input[1] = name;
    if (!g.node.some((x) => x.input.includes(old)) && !g.output.some((o) => o.name === old)) g.initializer = g.initializer.filter((t2) => t2.name !== old);
    if (findAttr(n, "allowzero")) n.attribute = n.attribute.filter((a) => a.name !== "allowzero");
  }
}

// src/model/gradient/lower-rnn.ts
var RECURRENT = /* @__PURE__ */ new Set(["GRU", "LSTM"]);
var isRecurrent = (n) => RECURRENT.has(n.opType ?? "") && ((n.domain ?? "") === "" || n.domain === "ai.onnx");
function lowerRecurrent(m, pr, wrt) {
  const g = graphOf(m);
  if (!g.node.some(isRecurrent)) return false;
  const dep = new Set(wrt);
  const out = [];
  let k = 0;
  for (const n of g.node) {
    const onPath = n.input.some((x) => x && dep.has(x));
    if (onPath) {
      for (const o of n.output) if (o) dep.add(o);
    }
    if (!onPath || !isRecurrent(n)) {
      out.push(n);
      continue;
    }
    staticInputs(g, n, wrt);
    const tmp = { ...g, node: [] };
    lowerOne(new Emitter(tmp, `mg_rnn${k++}/`), n, pr);
    out.push(...tmp.node);
  }
  if (k === 0) return false;
  g.node = out;
  return true;
}
function staticInputs(g, n, wrt) {
  for (const w of wrt) {
    const vi = g.input.find((i) => i.name === w);
    const dims = vi?.type?.tensorType?.shape?.dim;
    if (!dims) throw new UnsupportedOpError(n.opType ?? "", n.name ?? "", `input "${w}" has no declared shape; ${n.opType} is unrolled over a static sequence length`);
    dims.forEach((d, i) => {
      if (i > 0 && !(Number(d.dimValue ?? 0) > 0)) {
        throw new UnsupportedOpError(n.opType ?? "", n.name ?? "", `input "${w}" dimension ${i} is symbolic${d.dimParam ? ` ("${d.dimParam}")` : ""}; ${n.opType} is unrolled over a static sequence length`);
      }
    });
  }
}
function lowerOne(e, n, pr) {
  const op = n.opType ?? "";
  const lstm = op === "LSTM";
  const refuse = (why) => {
    throw new UnsupportedOpError(op, n.name ?? "", why);
  };
  const [X, W, R, B = "", SL = "", H0 = "", C0 = "", P = ""] = n.input;
  const [Y = "", YH = "", YC = ""] = n.output;
  if (attrInt(n, "layout", 0) !== 0) refuse("layout 1 (batch-first) is not supported");
  if (findAttr(n, "clip")) refuse("the clip attribute (cell clipping) is not supported");
  if (lstm && attrInt(n, "input_forget", 0) !== 0) refuse("input_forget (coupled input and forget gates) is not supported");
  const direction = attrString(n, "direction", "forward");
  if (!["forward", "reverse", "bidirectional"].includes(direction)) refuse(`unknown direction "${direction}"`);
  const D = direction === "bidirectional" ? 2 : 1;
  const acts = attrStrings(n, "activations");
  const dflt = lstm ? ["sigmoid", "tanh", "tanh"] : ["sigmoid", "tanh"];
  if (acts && acts.length > 0) {
    const want = Array.from({ length: D }, () => dflt).flat();
    if (acts.length !== want.length || acts.some((a, i) => a.toLowerCase() !== want[i])) refuse(`activations [${acts.join(", ")}] (only the defaults ${dflt.join(", ")} are supported)`);
  }
  const lbr = !lstm && attrInt(n, "linear_before_reset", 0) !== 0;
  const xs = pr.shape.get(X);
  if (!xs || xs.length !== 3) refuse(`no static shape known for the input "${X}"`);
  const T = xs[0];
  if (!(T > 0)) refuse(`the sequence length of "${X}" is not static`);
  const rs = pr.shape.get(R);
  const H = attrInt(n, "hidden_size") ?? (rs ? rs[2] : void 0);
  if (!(typeof H === "number" && H > 0)) refuse("hidden_size unknown");
  const G = lstm ? 4 : 3;
  const dt = pr.type.get(X) ?? TensorDataType.FLOAT;
  const c = (v, dims) => e.ints(v, dims);
  const gather0 = (x, i) => e.op("Gather", [x, c([i], [])], [aInt("axis", 0)]);
  const slice2 = (x, a, b, axis) => e.op("Slice", [x, c([a]), c([b]), c([axis])]);
  const tr = (x) => e.op("Transpose", [x], [aInts("perm", [1, 0])]);
  const add = (a, b) => a === null ? b : b === null ? a : e.op("Add", [a, b]);
  const mul2 = (a, b) => e.op("Mul", [a, b]);
  const one = () => e.scalar(dt, 1);
  let masks = null;
  if (SL) {
    const sl = e.op("Cast", [SL], [aInt("to", TensorDataType.INT64)]);
    masks = Array.from({ length: T }, (_, t) => {
      const m = e.op("Unsqueeze", [e.op("Cast", [e.op("Less", [c([t], []), sl])], [aInt("to", dt)]), c([1])]);
      return { m, inv: e.op("Sub", [one(), m]) };
    });
  }
  const yDir = [], hDir = [], cDir = [];
  for (let d = 0; d < D; d++) {
    const reverse = direction === "reverse" || d === 1;
    const WdT = tr(gather0(W, d));
    const Rd = gather0(R, d);
    const Bd = B ? gather0(B, d) : null;
    const Wb = Bd ? slice2(Bd, 0, G * H, 0) : null;
    const Rb = Bd ? slice2(Bd, G * H, 2 * G * H, 0) : null;
    const XW = add(e.op("MatMul", [X, WdT]), lstm ? add(Wb, Rb) : Wb);
    let h = H0 ? gather0(H0, d) : null;
    let cs = lstm && C0 ? gather0(C0, d) : null;
    const ys = new Array(T);
    const RT = lstm ? tr(Rd) : tr(slice2(Rd, 0, 2 * H, 0));
    const RhT = lstm ? "" : tr(slice2(Rd, 2 * H, 3 * H, 0));
    const Rbzr = !lstm && Rb ? slice2(Rb, 0, 2 * H, 0) : null;
    const Rbh = !lstm && Rb ? slice2(Rb, 2 * H, 3 * H, 0) : null;
    const Pd = lstm && P ? gather0(P, d) : null;
    const [Pi, Po, Pf] = Pd ? [slice2(Pd, 0, H, 0), slice2(Pd, H, 2 * H, 0), slice2(Pd, 2 * H, 3 * H, 0)] : [null, null, null];
    for (let s = 0; s < T; s++) {
      const t = reverse ? T - 1 - s : s;
      const xt = e.op("Gather", [XW, c([t], [])], [aInt("axis", 0)]);
      let hn, cn = null;
      if (lstm) {
        const gates = add(xt, h ? e.op("MatMul", [h, RT]) : null);
        let i, o = null, f2;
        if (!Pd) {
          const sg = e.op("Sigmoid", [slice2(gates, 0, 3 * H, 1)]);
          i = slice2(sg, 0, H, 1);
          o = slice2(sg, H, 2 * H, 1);
          f2 = slice2(sg, 2 * H, 3 * H, 1);
        } else {
          i = e.op("Sigmoid", [add(slice2(gates, 0, H, 1), cs ? mul2(Pi, cs) : null)]);
          f2 = e.op("Sigmoid", [add(slice2(gates, 2 * H, 3 * H, 1), cs ? mul2(Pf, cs) : null)]);
        }
        const cc = e.op("Tanh", [slice2(gates, 3 * H, 4 * H, 1)]);
        cn = add(cs ? mul2(f2, cs) : null, mul2(i, cc));
        if (Pd) o = e.op("Sigmoid", [e.op("Add", [slice2(gates, H, 2 * H, 1), mul2(Po, cn)])]);
        hn = mul2(o, e.op("Tanh", [cn]));
      } else {
        const zr = e.op("Sigmoid", [add(slice2(xt, 0, 2 * H, 1), add(h ? e.op("MatMul", [h, RT]) : null, Rbzr))]);
        const z = slice2(zr, 0, H, 1);
        const r = slice2(zr, H, 2 * H, 1);
        const xh = slice2(xt, 2 * H, 3 * H, 1);
        let pre;
        if (lbr) {
          const hr = add(h ? e.op("MatMul", [h, RhT]) : null, Rbh);
          pre = hr ? e.op("Add", [xh, mul2(r, hr)]) : xh;
        } else {
          pre = add(xh, add(h ? e.op("MatMul", [mul2(r, h), RhT]) : null, Rbh));
        }
        const hh = e.op("Tanh", [pre]);
        hn = add(mul2(e.op("Sub", [one(), z]), hh), h ? mul2(z, h) : null);
      }
      if (masks) {
        const { m, inv } = masks[t];
        ys[t] = mul2(m, hn);
        h = add(ys[t], h ? mul2(inv, h) : null);
        if (lstm) cs = add(mul2(m, cn), cs ? mul2(inv, cs) : null);
      } else {
        ys[t] = hn;
        h = hn;
        cs = cn;
      }
    }
    if (Y) {
      const parts = ys.map((y) => e.op("Unsqueeze", [y, c([0, 1])]));
      yDir.push(D === 1 ? "" : e.op("Concat", parts, [aInt("axis", 0)]));
      if (D === 1) e.graph.node.push(mkNode("Concat", parts, [Y], [aInt("axis", 0)], n.name ? `${n.name}/Y` : void 0));
    }
    hDir.push(h);
    if (lstm) cDir.push(cs);
  }
  const finish = (parts, name, suffix) => {
    const nm = n.name ? `${n.name}/${suffix}` : void 0;
    if (D === 1) e.graph.node.push(mkNode("Unsqueeze", [parts[0], c([0])], [name], [], nm));
    else e.graph.node.push(mkNode("Concat", parts.map((p) => e.op("Unsqueeze", [p, c([0])])), [name], [aInt("axis", 0)], nm));
  };
  if (Y && D === 2) e.graph.node.push(mkNode("Concat", yDir, [Y], [aInt("axis", 1)], n.name ? `${n.name}/Y` : void 0));
  if (YH) finish(hDir, YH, "Y_h");
  if (lstm && YC) finish(cDir, YC, "Y_c");
}

// src/model/gradient/memory.ts
var DEFAULT_MEMORY_BUDGET = 1024 * 1024 * 1024;
var ROW_FACTOR = 3;
var WEIGHT_FACTOR = 3;
function forwardFootprint(pr, initializers) {
  const inits = new Set(initializers.map((t) => t.name ?? ""));
  let perRow = 0;
  for (const [name, dims] of pr.shape) {
    if (inits.has(name) || !dims.includes(-1)) continue;
    const size = dataTypeSize(pr.type.get(name) ?? 0) ?? 4;
    perRow += dims.reduce((a, d) => a * (d < 0 ? 1 : d), 1) * size;
  }
  let weights = 0;
  for (const t of initializers) weights += t.dims.reduce((a, d) => a * Number(d), 1) * (dataTypeSize(t.dataType ?? 0) ?? 4);
  return { perRow, weights };
}
function gradientBatch(est, budget, cap) {
  const room = budget - WEIGHT_FACTOR * est.weights;
  const rows = Math.floor(room / Math.max(1, ROW_FACTOR * est.perRow));
  return Math.max(1, Math.min(cap, rows));
}
function gradientSessionBytes(est, batch) {
  return ROW_FACTOR * est.perRow * batch + WEIGHT_FACTOR * est.weights;
}
function gradientSessionsAtOnce(est, batch, budget) {
  return Math.max(1, Math.floor(budget / Math.max(1, gradientSessionBytes(est, batch))));
}

// src/model/gradient/opset.ts
var TARGET_OPSET = 17;
var SAFE_FROM_7 = /* @__PURE__ */ new Set([
  "Conv",
  "ConvTranspose",
  "Add",
  "Sub",
  "Mul",
  "Div",
  "Neg",
  "Relu",
  "LeakyRelu",
  "Sigmoid",
  "Tanh",
  "Exp",
  "Log",
  "Sqrt",
  "MaxPool",
  "AveragePool",
  "GlobalAveragePool",
  "GlobalMaxPool",
  "Reshape",
  "MatMul",
  "Gemm",
  "Flatten",
  "Identity",
  "Transpose",
  "Concat",
  "Gather",
  "Constant",
  "Shape",
  "Sum",
  "Cast",
  "Abs",
  "Max",
  "Min",
  "Equal",
  "Greater",
  "Less",
  "Not",
  "And",
  "Or",
  "Pow",
  "Reciprocal",
  "Floor",
  "Ceil",
  "Size",
  "Tile",
  "Expand",
  "ReduceMean",
  "ReduceMax",
  "ReduceMin",
  "ArgMax",
  "ArgMin",
  // unchanged up to 17 but for added types (Erf, Where, CumSum) or, for GRU/LSTM, the `layout` attribute added at 14
  // whose default is the old behaviour
  "Erf",
  "Where",
  "CumSum",
  "HardSigmoid",
  "Softplus",
  "Elu",
  "Selu",
  "GRU",
  "LSTM"
]);
function raiseOpset(m) {
  const g = graphOf(m);
  const imp = m.opsetImport.find((o) => (o.domain ?? "") === "" || o.domain === "ai.onnx");
  const v = imp?.version ?? 1;
  if (v >= TARGET_OPSET) return null;
  if (v < 7) throw new UnsupportedOpError("opset", "", `the model imports opset ${v}; opsets below 7 (legacy broadcast attributes) are not supported`);
  const out = [];
  let k = 0;
  const cst = (t) => {
    const name = `mg_cv_${k++}`;
    t.name = name;
    g.initializer.push(t);
    return name;
  };
  const i64 = (vals) => cst(tensorI64(vals));
  for (const n of g.node) {
    const op = n.opType ?? "";
    const dom = n.domain ?? "";
    if (dom !== "" && dom !== "ai.onnx") {
      out.push(n);
      continue;
    }
    const drop = (names) => {
      n.attribute = n.attribute.filter((a) => !names.includes(a.name ?? ""));
    };
    if (v >= 13 || SAFE_FROM_7.has(op)) {
      if (op === "ReduceSum" && v < 13) {
        const axes = attrInts(n, "axes");
        drop(["axes"]);
        if (axes) n.input = [n.input[0], i64(axes)];
      }
      out.push(n);
      continue;
    }
    switch (op) {
      case "Softmax":
      case "LogSoftmax": {
        const axis = attrInt(n, "axis", 1);
        const flat = `${n.output[0]}__mg_flat`;
        const sm = `${n.output[0]}__mg_sm`;
        const shp = `${n.output[0]}__mg_shape`;
        out.push(mkNode("Flatten", [n.input[0]], [flat], [aInt("axis", axis)]));
        out.push(mkNode(op, [flat], [sm], [aInt("axis", 1)]));
        out.push(mkNode("Shape", [n.input[0]], [shp]));
        out.push(mkNode("Reshape", [sm, shp], [n.output[0]], [], n.name));
        continue;
      }
      case "Dropout": {
        if (n.output.length > 1 && n.output[1]) throw new UnsupportedOpError(op, n.name ?? "", "Dropout mask output is used");
        out.push(mkNode("Identity", [n.input[0]], [n.output[0]], [], n.name));
        continue;
      }
      case "BatchNormalization": {
        if (attrInt(n, "spatial", 1) !== 1) throw new UnsupportedOpError(op, n.name ?? "", "spatial=0 (per-activation) batch norm");
        if (n.output.length > 1) throw new UnsupportedOpError(op, n.name ?? "", "training-mode batch norm");
        drop(["spatial", "is_test", "consumed_inputs"]);
        out.push(n);
        continue;
      }
      case "Squeeze":
      case "Unsqueeze": {
        const axes = attrInts(n, "axes");
        drop(["axes"]);
        n.input = axes ? [n.input[0], i64(axes)] : [n.input[0]];
        out.push(n);
        continue;
      }
      case "Clip": {
        if (v < 11) {
          const dt = TensorDataType.FLOAT;
          const lo = attrFloat(n, "min", -34028234663852886e22);
          const hi = attrFloat(n, "max", 34028234663852886e22);
          drop(["min", "max"]);
          n.input = [n.input[0], cst(floatConst("", dt, [lo], [])), cst(floatConst("", dt, [hi], []))];
        }
        out.push(n);
        continue;
      }
      case "Pad": {
        if (v < 11) {
          const pads = attrInts(n, "pads") ?? attrInts(n, "paddings") ?? [];
          const value = attrFloat(n, "value", 0);
          drop(["pads", "paddings", "value"]);
          n.input = [n.input[0], i64(pads), cst(floatConst("", TensorDataType.FLOAT, [value], []))];
        }
        out.push(n);
        continue;
      }
      case "Slice": {
        if (v < 10) {
          const starts = attrInts(n, "starts") ?? [];
          const ends = attrInts(n, "ends") ?? [];
          const axes = attrInts(n, "axes");
          drop(["starts", "ends", "axes"]);
          n.input = [n.input[0], i64(starts), i64(ends), ...axes ? [i64(axes)] : []];
        }
        out.push(n);
        continue;
      }
      case "ReduceSum": {
        const axes = attrInts(n, "axes");
        drop(["axes"]);
        if (axes) n.input = [n.input[0], i64(axes)];
        out.push(n);
        continue;
      }
      default:
        throw new UnsupportedOpError(op, n.name ?? "", `the model imports opset ${v}; raising ${op} to opset ${TARGET_OPSET} is not known to be safe`);
    }
  }
  g.node = out;
  imp.version = TARGET_OPSET;
  if ((m.irVersion ?? 0) < 8) m.irVersion = 8;
  return `${v} -> ${TARGET_OPSET}`;
}

// src/model/gradient/probe.ts
import * as ort from "onnxruntime-node";

// src/model/run-error.ts
function modelRunError(modelRel, feeds, e, context) {
  const inputs = Object.entries(feeds).map(([name, t]) => `${name} ${t.type} [${t.dims.join(", ")}]`).join(", ");
  const n = Object.keys(feeds).length;
  return new GateError(
    "model.run",
    `onnxruntime failed to run ${modelRel} on input${n === 1 ? "" : "s"} ${inputs}${context ? ` (${context})` : ""}: ${ortMessage(e)}: the model runs on some input shapes only (e.g. a batch size fixed inside the graph): export it with a dynamic batch dimension, or check model.inputs against the dataset`,
    { cause: e }
  );
}
function ortMessage(e) {
  let m = e instanceof Error ? e.message : String(e);
  m = m.split(/\bStacktrace:/)[0];
  m = m.replace(/\S*onnxruntime_src\/\S+:\d+\s+(\S+\([^)]*\)\s*)?/g, "");
  m = m.replace(/\s+/g, " ").trim();
  return m.length > 400 ? `${m.slice(0, 400)}...` : m;
}

// src/model/gradient/probe.ts
var PROBE_CHUNK = 64 * 1024 * 1024;
async function probe(m, feeds, so, chunkBytes = PROBE_CHUNK) {
  const g0 = graphOf(m);
  const have = new Set(g0.output.map((o) => o.name));
  const names = [];
  for (const n of g0.node) for (const o of n.output) if (o && !have.has(o)) {
    have.add(o);
    names.push(o);
  }
  const opts = { logSeverityLevel: 4, ...so };
  const exposing = async (extra) => {
    const output = [...g0.output, ...extra.map((name) => ({ name, metadataProps: [] }))];
    return ort.InferenceSession.create(encodeModel({ ...m, graph: { ...g0, output } }), opts);
  };
  let sess;
  try {
    sess = await exposing(names);
  } catch (e) {
    throw new UnsupportedOpError("probe", "", `onnxruntime cannot load the model with its intermediate values exposed (${ortMessage(e)})`);
  }
  const all = sess.outputMetadata.filter((o) => o.isTensor).map((o) => o.name);
  const f1 = feeds(1);
  const one = /* @__PURE__ */ new Map();
  const keep = (name, t) => {
    const values = smallValues(t);
    one.set(name, { dims: t.dims.map(Number), type: t.type, values, bytes: t.size * (dataTypeSize(dataTypeFromName(t.type)) ?? 4) });
  };
  try {
    const r1 = await sess.run(f1, all);
    for (const name of all) keep(name, r1[name]);
  } catch (e) {
    await sess.release();
    throw new UnsupportedOpError("probe", "", `the shape probe (the model run on one row) failed in onnxruntime (${ortMessage(e)})`);
  }
  const f2 = feeds(2);
  const two = /* @__PURE__ */ new Map();
  const keep2 = (r, names2) => {
    for (const name of names2) {
      const t = r[name];
      two.set(name, { dims: t.dims.map(Number), values: smallValues(t) });
    }
  };
  const total = [...one.values()].reduce((a, v) => a + v.bytes, 0);
  let batchable = true;
  try {
    if (total <= chunkBytes) keep2(await sess.run(f2, all), all);
    else {
      await sess.release();
      const graphOutputs = new Set(g0.output.map((o) => o.name));
      const chunks = [[]];
      let bytes = 0;
      for (const name of all) {
        if (graphOutputs.has(name)) continue;
        const b = one.get(name)?.bytes ?? 0;
        if (bytes + b > chunkBytes / 2 && chunks[chunks.length - 1].length > 0) {
          chunks.push([]);
          bytes = 0;
        }
        chunks[chunks.length - 1].push(name);
        bytes += b;
      }
      for (const chunk of chunks) {
        const s = await exposing(chunk);
        try {
          const outs = [...all.filter((n) => graphOutputs.has(n)), ...chunk];
          keep2(await s.run(f2, outs), outs);
        } finally {
          await s.release();
        }
      }
    }
  } catch {
    batchable = false;
  }
  if (total <= chunkBytes) await sess.release();
  const p = { shape: /* @__PURE__ */ new Map(), type: /* @__PURE__ */ new Map(), value: /* @__PURE__ */ new Map() };
  const record = (name, a, b) => {
    const d1 = a.dims;
    const d2 = b ? b.dims : d1;
    p.shape.set(name, d1.map((d, i) => d2.length === d1.length && d2[i] !== d ? -1 : d));
    p.type.set(name, dataTypeFromName(a.type));
    if (a.values && (!b || sameValues(a.values, b.values))) p.value.set(name, a.values);
  };
  for (const name of all) record(name, one.get(name), batchable ? two.get(name) : void 0);
  const fromFeeds = (t) => ({ dims: t.dims.map(Number), type: t.type, values: smallValues(t) });
  for (const [name, t] of Object.entries(f1)) record(name, fromFeeds(t), f2[name] ? fromFeeds(f2[name]) : void 0);
  for (const t of g0.initializer) {
    p.shape.set(t.name ?? "", t.dims.slice());
    p.type.set(t.name ?? "", t.dataType ?? 0);
  }
  return { probe: p, batchable };
}
function smallValues(t) {
  return t.size <= 64 && t.type !== "string" ? Array.from(t.data, Number) : null;
}
function sameValues(a, b) {
  if (!b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

// src/model/gradient/score.ts
function findScore(g0, pr, opts) {
  const producer = /* @__PURE__ */ new Map();
  for (const n of g0.node) for (const o of n.output) producer.set(o, n);
  let score = opts.output;
  let scoreMode = "as-is";
  const skip = /* @__PURE__ */ new Set();
  let p = producer.get(score);
  while (p && p.opType === "Identity") {
    skip.add(p);
    score = p.input[0];
    p = producer.get(score);
  }
  const rank = (name) => pr.shape.get(name)?.length ?? -1;
  const lastAxis = (n, dflt) => {
    const a = attrInt(n, "axis", dflt);
    const r = rank(n.input[0]);
    return a === -1 || a === r - 1;
  };
  if (p && (p.opType === "Softmax" || p.opType === "LogSoftmax") && lastAxis(p, -1)) {
    skip.add(p);
    score = p.input[0];
  } else if (p && p.opType === "Reshape" && producer.get(p.input[0])?.opType === "Softmax" && rank(score) === 2) {
    const sm = producer.get(p.input[0]);
    const fl = producer.get(sm.input[0]);
    if (fl && fl.opType === "Flatten" && rank(fl.input[0]) === 2 && attrInt(fl, "axis", 1) === 1) {
      skip.add(p);
      skip.add(sm);
      skip.add(fl);
      score = fl.input[0];
    }
  }
  const scoreShape = pr.shape.get(score);
  if (!scoreShape) throw new UnsupportedOpError("output", score, "the score tensor was not found by the shape probe");
  if (scoreShape.length !== 2) throw new UnsupportedOpError("output", score, `scores have shape [${scoreShape.join(", ")}]; expected [N, classes]`);
  let classes = scoreShape[1];
  if (classes === 1) {
    classes = 2;
    const sp = producer.get(score);
    if (sp && sp.opType === "Sigmoid") {
      skip.add(sp);
      score = sp.input[0];
      scoreMode = "binary-logit";
    } else scoreMode = opts.outputKind === "probabilities" ? "binary-prob" : "binary-logit";
  } else if (opts.outputKind === "probabilities" && score === opts.output) {
    scoreMode = "log";
  }
  if (!(classes >= 2)) throw new UnsupportedOpError("output", score, `cannot tell the number of classes from shape [${scoreShape.join(", ")}]`);
  const scoreType = pr.type.get(score) ?? TensorDataType.FLOAT;
  if (!FLOAT_TYPES.has(scoreType)) throw new UnsupportedOpError("output", score, "the scores are not a float tensor");
  return { score, scoreMode, skip, classes, scoreType };
}

// src/model/gradient/index.ts
async function prepareGradient(opts) {
  const so = opts.sessionOptions ?? {};
  const base = cloneModel(opts.bytes);
  const converted = raiseOpset(base);
  freeBatch(base, opts.wrt);
  const g0 = graphOf(base);
  for (const w of opts.wrt) if (!g0.input.some((i) => i.name === w)) throw new UnsupportedOpError("input", w, `"${w}" is not a graph input`);
  if (!g0.node.some((n) => n.output.includes(opts.output)) && !g0.input.some((i) => i.name === opts.output)) {
    throw new UnsupportedOpError("output", opts.output, `the graph has no output "${opts.output}"`);
  }
  let { probe: pr, batchable } = await probe(base, opts.probeFeeds, so);
  if (lowerRecurrent(base, pr, opts.wrt)) ({ probe: pr, batchable } = await probe(base, opts.probeFeeds, so));
  const baseBytes = encodeModel(base);
  const { score, scoreMode, skip, classes, scoreType } = findScore(g0, pr, opts);
  const isFloat = (name) => FLOAT_TYPES.has(pr.type.get(name) ?? -1);
  const fromInput = new Set(opts.wrt);
  for (const n of g0.node) {
    if (skip.has(n)) continue;
    if (n.input.some((x) => fromInput.has(x))) {
      for (const o of n.output) if (o && isFloat(o)) fromInput.add(o);
    }
  }
  const toScore = /* @__PURE__ */ new Set([score]);
  for (let i = g0.node.length - 1; i >= 0; i--) {
    const n = g0.node[i];
    if (skip.has(n)) continue;
    if (n.output.some((o) => toScore.has(o))) {
      for (const x of n.input) if (x) toScore.add(x);
    }
  }
  const active = (name) => fromInput.has(name) && toScore.has(name);
  const pathNodes = g0.node.filter((n) => !skip.has(n) && n.output.some(active) && n.input.some(active));
  const missing = /* @__PURE__ */ new Map();
  for (const n of pathNodes) {
    const op = n.opType ?? "";
    const custom = (n.domain ?? "") !== "" && n.domain !== "ai.onnx";
    if (!custom && RULES.has(op)) continue;
    const key = custom ? `${n.domain}.${op}` : op;
    const m = missing.get(key);
    if (m) m.count++;
    else missing.set(key, { count: 1, node: n.name ?? "", custom });
  }
  if (missing.size > 0) {
    const list = [...missing].map(([op, m]) => ({ op, count: m.count }));
    const [firstOp, first] = [...missing][0];
    const reason = missing.size === 1 && first.count === 1 ? first.custom ? "custom-domain op on the input-to-output path" : "no gradient rule for this op" : `no gradient rule for ${list.map((m) => `${m.op} \xD7${m.count}`).join(", ")}`;
    throw new UnsupportedOpError(firstOp, first.node, reason, list);
  }
  if (!active(score) && !opts.wrt.includes(score)) throw new UnsupportedOpError("output", score, "the scores do not depend on the differentiated inputs");
  const ops = [...new Set(pathNodes.map((n) => n.opType ?? ""))].sort();
  const cache = /* @__PURE__ */ new Map();
  return {
    classes,
    batchable,
    opset: TARGET_OPSET > 0 ? Math.max(TARGET_OPSET, base.opsetImport.find((o) => (o.domain ?? "") === "")?.version ?? 0) : 0,
    converted,
    ops,
    memory: forwardFootprint(pr, graphOf(base).initializer),
    model(loss) {
      const hit = cache.get(loss);
      if (hit) return hit;
      if (loss === "dlr" && classes < 3) throw new UnsupportedOpError("loss", "dlr", "the DLR loss needs at least 3 classes");
      if (loss === "dlr-targeted" && classes < 4) throw new UnsupportedOpError("loss", "dlr-targeted", "the targeted DLR loss needs at least 4 classes");
      const m = decodeModel(baseBytes.slice());
      const bytes = buildBackward(m, opts, pr, active, pathNodes.map((n) => g0.node.indexOf(n)), score, scoreMode, scoreType, classes, loss);
      cache.set(loss, bytes);
      return bytes;
    }
  };
}

export {
  UnsupportedOpError,
  DEFAULT_MEMORY_BUDGET,
  gradientBatch,
  gradientSessionsAtOnce,
  modelRunError,
  ortMessage,
  prepareGradient
};
