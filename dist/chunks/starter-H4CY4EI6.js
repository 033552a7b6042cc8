import { createRequire as __mgCreateRequire } from 'node:module';
const require = __mgCreateRequire(import.meta.url);
import {
  PolicyError,
  loadDataset,
  parsePolicy,
  require_dist
} from "./chunk-O54UC3Q5.js";
import {
  buildFeatureView,
  resolveInside
} from "./chunk-HUZQ54LW.js";
import "./chunk-5KBCKNTJ.js";
import "./chunk-EBRXSLDV.js";
import "./chunk-AIQMBGXI.js";
import {
  GateError
} from "./chunk-2EUQIP2O.js";
import {
  __toESM
} from "./chunk-KXLR6RWI.js";

// src/policy/starter.ts
var import_yaml = __toESM(require_dist(), 1);
import path from "node:path";
var LABEL_GUESSES = ["label", "target", "y", "class"];
var ACCURACY_MIN = 0.8;
var ROBUST_MIN = 0.5;
var EPSILON = 0.1;
var ROBUST_LIMIT = 100;
var DPD_MAX = 0.1;
var MIA_AUC_MAX = 0.6;
var MIN_GROUP = 30;
var ACCURACY_DROP_MAX = 0.01;
var NEGATIVE_FLIP_MAX = 0.05;
var SHARE_DRIFTED_MAX = 0.3;
async function buildStarterPolicy(o, inspect) {
  const summary = [];
  const model = inWorkspace(o, o.model, "--model");
  const key = o.key !== void 0 ? inWorkspace(o, o.key, "--key") : void 0;
  const data = inWorkspace(o, o.data, "--data");
  if (o.members === void 0 !== (o.nonMembers === void 0)) {
    throw new GateError("init.usage", "the memorisation gate needs both --members FILE (training records) and --non-members FILE (held-out records)");
  }
  const m = await inspect(model.abs);
  if (!m.output.ok) throw new GateError("init.output", `${model.rel}: ${m.output.error}`);
  const output = m.output;
  const nonTensor = m.inputs.find((i) => !i.tensor);
  if (nonTensor) throw new GateError("init.inputs", `${model.rel}: input "${nonTensor.name}" is ${nonTensor.type}, not a tensor: model-gate feeds tensor inputs only`);
  const eval_ = await tabular("eval", data.rel, o);
  const headers = [...eval_.columns.keys()];
  const label = o.label ?? guessLabel(headers, data.rel);
  if (!eval_.columns.has(label)) throw new GateError("init.label", `--label ${label}: ${data.rel} has no such column (headers: ${headers.join(", ")})`);
  for (const c of [...o.exclude, ...o.sensitive]) {
    if (!eval_.columns.has(c)) throw new GateError("init.column", `column "${c}" is not in ${data.rel} (headers: ${headers.join(", ")})`);
    if (c === label) throw new GateError("init.column", `"${c}" is the label column: it cannot be excluded or sensitive as well`);
  }
  const mapping = {};
  const used = /* @__PURE__ */ new Set();
  const candidates = headers.filter((c) => c !== label && !o.exclude.includes(c));
  const left = m.inputs.filter((i) => {
    if (candidates.includes(i.name)) {
      mapping[i.name] = { from: i.name };
      used.add(i.name);
      return false;
    }
    return true;
  });
  if (left.length > 1) {
    throw new GateError("init.inputs", `${model.rel} has ${m.inputs.length} inputs and ${left.map((i) => `"${i.name}"`).join(", ")} match no column of ${data.rel} by name (headers: ${headers.join(", ")}): write model.inputs by hand (see policies/README.md)`);
  }
  if (left.length === 1) {
    const input = left[0];
    const rest = candidates.filter((c) => !used.has(c));
    const plain = rest.filter((c) => !o.sensitive.includes(c));
    const width = staticWidth(input.shape);
    let cols = plain;
    if (width !== null && plain.length !== width) {
      if (rest.length === width) cols = rest;
      else {
        throw new GateError(
          "init.inputs",
          `model input "${input.name}" takes ${width} values per row (shape [${(input.shape ?? []).join(", ")}]) but ${data.rel} has ${plain.length} feature columns (${plain.join(", ")}${o.sensitive.length ? `; sensitive: ${o.sensitive.join(", ")}` : ""}): leave the columns the model does not take out with --exclude COL`
        );
      }
    }
    if (cols.length === 0) throw new GateError("init.inputs", `${data.rel} has no feature column left for model input "${input.name}" after the label and --exclude`);
    mapping[input.name] = { from: cols };
  }
  const fed = new Set(Object.values(mapping).flatMap((x) => Array.isArray(x.from) ? x.from : [x.from]));
  const sensitiveFed = o.sensitive.filter((c) => fed.has(c));
  const infos = m.inputs.map((i) => ({ name: i.name, type: i.type, shape: i.shape ?? [] }));
  const view = buildFeatureView(eval_, infos, mapping, { policyFile: o.policyFile });
  const labels = eval_.columns.get(label);
  const classes = distinctLabels(labels);
  let labelMap;
  if (labels.kind === "string" && !(output.class_labels && output.class_labels.every((c) => typeof c === "string"))) {
    labelMap = Object.fromEntries(classes.map((c, i) => [String(c), i]));
  }
  const onlyIn = (d) => [...d.columns.keys()].filter((c) => !eval_.columns.has(c));
  const excludeIn = (d, also = []) => [...excludeOf(o, sensitiveFed), ...also, ...onlyIn(d)].filter((c) => d.columns.has(c));
  const ds = (d) => {
    const exclude = excludeIn(d);
    return { path: d.path, label, ...labelMap ? { "label-map": labelMap } : {}, ...exclude.length ? { exclude } : {}, sha256: d.sha256 };
  };
  const datasets = { eval: ds(eval_) };
  let members;
  let nonMembers;
  if (o.members !== void 0 && o.nonMembers !== void 0) {
    const mf = inWorkspace(o, o.members, "--members");
    const nf = inWorkspace(o, o.nonMembers, "--non-members");
    if (mf.rel === nf.rel) throw new GateError("init.usage", `--members and --non-members are the same file (${mf.rel}): give the training records and the held-out records`);
    members = await tabular("members", mf.rel, o);
    nonMembers = await tabular("non-members", nf.rel, o);
    for (const d of [members, nonMembers]) {
      const missing = [label, ...Object.values(mapping).flatMap((x) => Array.isArray(x.from) ? x.from : [x.from])].filter((c) => !d.columns.has(c));
      if (missing.length) throw new GateError("init.column", `${d.path} has no column ${missing.map((c) => `"${c}"`).join(", ")} (headers: ${[...d.columns.keys()].join(", ")}): members and non-members need the columns of ${data.rel}`);
    }
    datasets.members = ds(members);
    datasets["non-members"] = ds(nonMembers);
  }
  let referenceName;
  let reference;
  if (o.reference !== void 0) {
    const rf = inWorkspace(o, o.reference, "--reference");
    if (rf.rel === data.rel) throw new GateError("init.usage", `--reference is the evaluation data itself (${rf.rel}): give the data the model was trained on (or a sample of it)`);
    if (members && rf.rel === members.path) {
      referenceName = "members";
      reference = members;
    } else if (nonMembers && rf.rel === nonMembers.path) {
      referenceName = "non-members";
      reference = nonMembers;
    } else {
      const ref = reference = await tabular("reference", rf.rel, o);
      const missing = [...fed].filter((c) => !ref.columns.has(c));
      if (missing.length) throw new GateError("init.column", `${ref.path} has no column ${missing.map((c) => `"${c}"`).join(", ")} (headers: ${[...ref.columns.keys()].join(", ")}): the reference needs the model's input columns of ${data.rel}`);
      const exclude = excludeIn(ref, [label]);
      referenceName = "reference";
      datasets.reference = { path: ref.path, ...exclude.length ? { exclude } : {}, sha256: ref.sha256 };
    }
  }
  const gates = { accuracy: { dataset: "eval", thresholds: { accuracy: { min: ACCURACY_MIN } } } };
  const names = view.featureNames ?? [];
  const floatCols = names.filter((_, j) => view.perturbable[j] === 1);
  let bounds = null;
  let integerCols = [];
  const constantCols = [];
  const sensitiveCols = [];
  let oneHotPrefixes = [];
  const gap = floatCols.find((c) => {
    const col = eval_.columns.get(c);
    return col.kind !== "number" || col.values.some((v) => Number.isNaN(v));
  });
  if (floatCols.length > 0 && gap === void 0) {
    const valuesOf = (c) => {
      const col = eval_.columns.get(c);
      return col.kind === "number" ? col.values : new Float64Array(0);
    };
    const binary = (c) => valuesOf(c).every((v) => v === 0 || v === 1);
    const prefixOf = (c) => {
      const i = c.search(/[=_]/);
      return i > 0 ? c.slice(0, i + 1) : null;
    };
    const byPrefix = /* @__PURE__ */ new Map();
    for (const c of floatCols) {
      const p = prefixOf(c);
      if (p) byPrefix.set(p, [...byPrefix.get(p) ?? [], c]);
    }
    const oneHot = [];
    const inGroup = /* @__PURE__ */ new Set();
    for (const [p, cols] of byPrefix) {
      const all = names.filter((c) => c.startsWith(p));
      if (cols.length < 2 || all.length !== cols.length || !cols.every(binary)) continue;
      const vs = cols.map(valuesOf);
      let ok = true;
      for (let r = 0; ok && r < eval_.rows; r++) ok = vs.reduce((sum, v) => sum + v[r], 0) <= 1;
      if (!ok) continue;
      for (const c of cols) inGroup.add(c);
      if (o.sensitive.includes(p.slice(0, -1))) sensitiveCols.push(...cols);
      else oneHot.push(p);
    }
    const lo = [];
    const hi = [];
    for (const c of names) {
      const r = range(valuesOf(c));
      if (binary(c) && view.perturbable[names.indexOf(c)] === 1) {
        lo.push("0");
        hi.push("1");
      } else if (r.min === r.max) {
        constantCols.push(c);
        lo.push(boundDecimal(r.min - 1, "lo"));
        hi.push(boundDecimal(r.max + 1, "hi"));
      } else {
        lo.push(boundDecimal(r.min, "lo"));
        hi.push(boundDecimal(r.max, "hi"));
      }
    }
    bounds = [lo, hi];
    oneHotPrefixes = oneHot;
    integerCols = floatCols.filter((c) => !inGroup.has(c) && !constantCols.includes(c) && valuesOf(c).every((v) => Number.isInteger(v)));
    gates.robustness = {
      dataset: "eval",
      limit: Math.min(ROBUST_LIMIT, eval_.rows),
      norm: "linf",
      epsilon: EPSILON,
      "epsilon-scale": "std",
      bounds: [bounds[0].map(Number), bounds[1].map(Number)],
      ...constantCols.length || sensitiveCols.length ? { immutable: [...sensitiveCols, ...constantCols.filter((c) => floatCols.includes(c) && !sensitiveCols.includes(c))] } : {},
      ...integerCols.length ? { integer: integerCols } : {},
      ...oneHot.length ? { "one-hot": oneHot.map((prefix) => ({ prefix })) } : {},
      thresholds: { robust_accuracy: { min: ROBUST_MIN } }
    };
    if (!sensitiveCols.length && !constantCols.some((c) => floatCols.includes(c))) delete gates.robustness.immutable;
  }
  const noRobustness = gates.robustness ? null : floatCols.length === 0 ? "the model has no float input (the robustness gate perturbs float inputs only)" : `column "${gap}" of ${data.rel} has missing values (an attack needs a value to perturb): fill them, then add gates.robustness (policies/examples/credit-scoring.yml shows one)`;
  let groupNote = "";
  let minGroup;
  let positive;
  if (o.sensitive.length > 0) {
    const sizes = groupSizes(eval_, o.sensitive);
    groupNote = sizes.slice(0, 10).map(([g, n]) => `${g} ${n}`).join(", ") + (sizes.length > 10 ? `, ... (${sizes.length} groups)` : "");
    const big = sizes.filter(([, n]) => n >= MIN_GROUP).length;
    if (big < 2) minGroup = Math.max(1, sizes.length > 1 ? sizes[1][1] : 1);
    if (classes.length > 2) positive = labelMap ? classes.length - 1 : classes[classes.length - 1];
    gates.fairness = {
      dataset: "eval",
      sensitive: o.sensitive,
      ...positive !== void 0 ? { "positive-label": positive } : {},
      ...minGroup !== void 0 ? { "min-group-size": minGroup } : {},
      thresholds: { demographic_parity_difference: { max: DPD_MAX } }
    };
  }
  if (members && nonMembers) {
    gates.memorisation = { members: "members", "non-members": "non-members", thresholds: { auc: { max: MIA_AUC_MAX } } };
  }
  const unlabelled = labels.kind === "number" ? labels.values.filter((v) => Number.isNaN(v)).length : labels.values.filter((v) => v === null || v === "").length;
  if (unlabelled === 0) {
    gates.regression = { thresholds: { accuracy_delta: { "max-drop": ACCURACY_DROP_MAX }, negative_flip_rate: { max: NEGATIVE_FLIP_MAX } } };
  }
  if (referenceName) {
    gates.drift = { reference: referenceName, current: "eval", method: "auto", thresholds: { share_drifted: { max: SHARE_DRIFTED_MAX } } };
  }
  const policy = {
    version: 1,
    seed: 0,
    // The output the gates read, pinned when it is a graph output (an exposed intermediate is found by detection).
    model: { path: model.rel, inputs: mapping, ...output.exposed ? {} : { output: { name: output.name, kind: output.kind } } },
    signature: key ? { required: true, bundle: `${model.rel}.sig`, key: key.rel } : { required: false },
    datasets,
    gates
  };
  const doc = new import_yaml.Document(policy, { version: "1.2" });
  const node = (p) => doc.getIn(p, true);
  const keyOf = (p) => {
    const parent = p.length === 1 ? doc.contents : doc.getIn(p.slice(0, -1), true);
    const pair = parent.items.find((x) => (0, import_yaml.isPair)(x) && (0, import_yaml.isScalar)(x.key) && x.key.value === p[p.length - 1]);
    return pair.key;
  };
  const before = (p, text2) => {
    const k = keyOf(p);
    const lines = text2.split("\n").map((l) => l ? ` ${l}` : "").join("\n");
    k.commentBefore = k.commentBefore ? `${k.commentBefore}
${lines}` : lines;
  };
  const after = (p, text2) => {
    node(p).comment = ` ${text2}`;
  };
  const flow = (p) => {
    const n = doc.getIn(p, true);
    if (n && typeof n === "object") n.flow = true;
  };
  doc.commentBefore = [
    ` model-gate policy: a starter written by \`model-gate init\` from ${model.rel} and ${data.rel}.`,
    " Every path below is relative to the workspace (the folder `model-gate check` runs in), not to this file.",
    " The thresholds are placeholders: run `model-gate check`, read the measured values, then set each threshold",
    " to what this model must keep. Key reference: policies/README.md in the model-gate repository."
  ].join("\n");
  before(["seed"], "Every random choice (sampling, attacks, bootstrap) follows this seed.");
  after(["model", "path"], `pinned through signature (below) once it is signed; sha256 now ${m.sha256}`);
  for (const [name, spec] of Object.entries(mapping)) if (Array.isArray(spec.from)) flow(["model", "inputs", name, "from"]);
  if (output.exposed) before(["model", "inputs"], `Output: detected at each run (as \`model-gate inspect\` shows): ${output.reason}.`);
  before(["model", "inputs"], left.length === 1 && Array.isArray(mapping[left[0].name].from) && mapping[left[0].name].from.length > 1 ? "Which columns feed each model input. CHECK THE ORDER: it must be the column order the model was trained on\n(init took the file's order)." : "Which column feeds each model input (matched by name).");
  if (!output.exposed) {
    flow(["model", "output"]);
    after(["model", "output"], `what \`model-gate inspect\` found: ${output.reason}`);
  }
  const keygen = [
    "  openssl ecparam -genkey -name prime256v1 -noout | openssl pkcs8 -topk8 -nocrypt > gate.key  (keep it secret)",
    `  openssl ec -in gate.key -pubout > ${key ? key.rel : "keys/gate.pub"}`
  ];
  before(["signature"], (key ? [
    "Signature: REQUIRED. model-gate runs the model only when this key's signature over it verifies, so until the model",
    "is signed `model-gate check` fails (verdict fail, no gate runs). Sign it with the private half of the key:",
    `  model-gate sign ${model.rel} --signing-key <private key PEM>      (writes ${model.rel}.sig)`,
    "and sign again whenever the model changes (in CI: the training job signs, or model-gate sign --keyless)."
  ] : [
    "Signature: OFF in this starter, so that the first `model-gate check` runs before the model is signed.",
    "model-gate refuses to run a model whose signature fails; turn it on before this policy gates a deployment:",
    ...keygen,
    `  model-gate sign ${model.rel} --signing-key gate.key       (writes ${model.rel}.sig)`,
    `then replace the next line with:  { required: true, bundle: ${model.rel}.sig, key: keys/gate.pub }`,
    "(or init --key keys/gate.pub; or sign keyless in GitHub Actions: model-gate sign --keyless, and keyless: { identity, issuer })."
  ]).join("\n"));
  flow(["signature"]);
  before(["datasets"], "sha256 pins: a data file that changes without its pin is tampering (verdict fail). Update a pin in a reviewed change.");
  if (labelMap) {
    flow(["datasets", "eval", "label-map"]);
    after(["datasets", "eval", "label-map"], "CHECK: text labels mapped to the model's class indices in sorted order");
    for (const k of ["members", "non-members"]) if (datasets[k]) flow(["datasets", k, "label-map"]);
  }
  for (const k of ["eval", "members", "non-members", "reference"]) if (datasets[k] && datasets[k].exclude) flow(["datasets", k, "exclude"]);
  if (noRobustness) before(["gates"], `No robustness gate: ${noRobustness}.`);
  if (!gates.regression) before(["gates"], `No regression gate: ${unlabelled} rows of ${data.rel} have no label (the gate compares correctness row by row).`);
  flow(["gates", "accuracy", "thresholds", "accuracy"]);
  after(["gates", "accuracy", "thresholds", "accuracy"], "placeholder: the accuracy this model must keep");
  if (gates.robustness) {
    before(["gates", "robustness"], `Adversarial robustness: the attacks perturb the float features (${floatCols.length} of ${names.length}) within epsilon.`);
    after(["gates", "robustness", "limit"], "points attacked; attacks take time, raise it when the run is fast enough");
    after(["gates", "robustness", "epsilon"], "with epsilon-scale std: 0.1 standard deviation of each feature, a small, plausible change");
    flow(["gates", "robustness", "bounds", 0]);
    flow(["gates", "robustness", "bounds", 1]);
    before(["gates", "robustness", "bounds"], `Valid range of each feature, the min and max in ${data.rel} as the float32 values the model reads, in
feature order: ${names.join(", ")}.
Widen them to the real domain (an attack may go anywhere inside).`);
    if (gates.robustness.immutable) {
      flow(["gates", "robustness", "immutable"]);
      const why = [sensitiveCols.length ? `the encoding of the sensitive ${[...new Set(sensitiveCols.map((c) => c.slice(0, c.search(/[=_]/))))].join(", ")} (not an adversarial change)` : "", constantCols.some((c) => floatCols.includes(c) && !sensitiveCols.includes(c)) ? `columns constant in ${data.rel} (their bounds are only there to be valid)` : ""].filter(Boolean).join("; ");
      after(["gates", "robustness", "immutable"], `not attacked: ${why}`);
    }
    if (oneHotPrefixes.length) {
      after(["gates", "robustness", "one-hot"], `0/1 columns sharing a prefix, at most one 1 per row in ${data.rel}: each group moves as one categorical feature (max-categorical-changes, default 1)`);
    }
    if (integerCols.length) {
      flow(["gates", "robustness", "integer"]);
      after(["gates", "robustness", "integer"], `every value in ${data.rel} is whole: they stay whole under attack (drop any that is really continuous)`);
    }
    flow(["gates", "robustness", "thresholds", "robust_accuracy"]);
    after(["gates", "robustness", "thresholds", "robust_accuracy"], "placeholder: accuracy that must survive the attacks");
  }
  if (gates.fairness) {
    flow(["gates", "fairness", "sensitive"]);
    before(["gates", "fairness"], `Group fairness over ${o.sensitive.join(" x ")}; groups in ${data.rel}: ${groupNote}.`);
    if (minGroup !== void 0) after(["gates", "fairness", "min-group-size"], `lowered from ${MIN_GROUP}: fewer than two groups have ${MIN_GROUP} rows; rates of small groups are noisy`);
    if (positive !== void 0) after(["gates", "fairness", "positive-label"], `${classes.length} classes: this one is compared against the rest; pick the decision that matters`);
    flow(["gates", "fairness", "thresholds", "demographic_parity_difference"]);
    after(["gates", "fairness", "thresholds", "demographic_parity_difference"], "placeholder: largest gap in selection rate between groups");
  }
  if (gates.memorisation) {
    before(["gates", "memorisation"], "Membership inference: can the training records (members) be told from held-out records?");
    flow(["gates", "memorisation", "thresholds", "auc"]);
    after(["gates", "memorisation", "thresholds", "auc"], "placeholder: 0.5 is chance; higher means the model memorised its training data");
  }
  if (gates.regression) {
    before(["gates", "regression"], [
      `Regression: this model against a baseline model on the same rows (${data.rel}). On pull requests the baseline`,
      "is the model at the base commit (read from git, its signature checked with the base commit's policy and keys).",
      "Elsewhere (a push without a base commit, `model-gate check`) the gate is skipped with the reason, unless a",
      "baseline is pinned:  baseline: { path: released/model.onnx, sha256: <sha256 of its bytes> }"
    ].join("\n"));
    flow(["gates", "regression", "thresholds", "accuracy_delta"]);
    after(["gates", "regression", "thresholds", "accuracy_delta"], "placeholder: accuracy this model may lose against the baseline");
    flow(["gates", "regression", "thresholds", "negative_flip_rate"]);
    after(["gates", "regression", "thresholds", "negative_flip_rate"], "placeholder: share of rows the baseline gets right and this model gets wrong");
  }
  if (gates.drift) {
    before(["gates", "drift"], [
      `Data drift: each model input column of ${data.rel} (eval) against ${reference.path} (${referenceName}), and the model's`,
      "predicted class and confidence on both. method auto is Evidently's default test per feature: up to 1000 reference",
      "rows a p-value (KS, chi-square or Z; drift when < 0.05), above that a distance (Wasserstein / std or",
      "Jensen-Shannon; drift when >= 0.1)."
    ].join("\n"));
    flow(["gates", "drift", "thresholds", "share_drifted"]);
    after(["gates", "drift", "thresholds", "share_drifted"], "placeholder: the share of features that may drift");
  }
  const text = doc.toString({ lineWidth: 0 });
  try {
    parsePolicy(text, o.policyFile);
  } catch (e) {
    const why = e instanceof PolicyError ? e.message : e.message;
    throw new GateError("internal", `internal error: the starter policy does not validate (${why}): this is a bug in model-gate, please report it`);
  }
  summary.push(`model ${model.rel}: inputs ${Object.entries(mapping).map(([k, v]) => `${k} <- ${Array.isArray(v.from) ? v.from.join(", ") : v.from}`).join("; ")}`);
  summary.push(`output "${output.name}" as ${output.kind} (${output.reason})`);
  summary.push(`label column "${label}"${o.label === void 0 ? " (guessed from the header)" : ""}, ${classes.length} classes${labelMap ? " (text: label-map added, check it)" : ""}`);
  summary.push(`gates: ${Object.keys(gates).join(", ")}${noRobustness ? ` (no robustness gate: ${noRobustness})` : ""}${gates.regression ? "" : ` (no regression gate: ${unlabelled} rows of ${data.rel} have no label)`}`);
  if (gates.regression) summary.push("regression: against the base commit's model on pull requests; skipped by model-gate check and on pushes unless a baseline is pinned");
  summary.push(key ? `signature: required, key ${key.rel}, bundle ${model.rel}.sig: check fails until you run model-gate sign ${model.rel} --signing-key <private key>` : "signature: required: false in this starter (see the comment in the file to sign and turn it on)");
  return { text, summary };
}
function inWorkspace(o, p, flag) {
  const abs = path.resolve(o.cwd, p);
  const rel = path.relative(o.workspace, abs).split(path.sep).join("/");
  if (rel === "" || rel === ".." || rel.startsWith("../") || path.isAbsolute(rel)) {
    throw new GateError("init.path", `${flag} ${p} is outside the workspace ${o.workspace}: the policy's paths are relative to the workspace; run init from the repository root, or give --workspace`);
  }
  return resolveInside(o.workspace, o.workspace, rel, flag);
}
async function tabular(name, rel, o) {
  if (rel.toLowerCase().endsWith(".npy")) {
    throw new GateError("init.format", `${rel}: init writes policies for tabular data (CSV, Parquet); for .npy tensors start from policies/examples/image-classifier.yml`);
  }
  return loadDataset(name, { path: rel }, { workspace: o.workspace, workingDirectory: o.workspace });
}
function guessLabel(headers, file) {
  const hits = headers.filter((h) => LABEL_GUESSES.includes(h));
  if (hits.length === 1) return hits[0];
  const why = hits.length === 0 ? `no column is named ${LABEL_GUESSES.join(", ")}` : `several could be (${hits.join(", ")})`;
  throw new GateError("init.label", `cannot tell the label column of ${file}: ${why} (headers: ${headers.join(", ")}): give it with --label COL`);
}
function staticWidth(shape) {
  if (!shape || shape.length < 2) return shape && shape.length === 1 ? 1 : null;
  const rest = shape.slice(1);
  return rest.every((d) => typeof d === "number" && d > 0) ? rest.reduce((a, b) => a * b, 1) : null;
}
function excludeOf(o, sensitiveFed) {
  return [...o.exclude, ...o.sensitive.filter((c) => !sensitiveFed.includes(c))];
}
function distinctLabels(c) {
  const set = /* @__PURE__ */ new Set();
  if (c.kind === "number") for (const v of c.values) {
    if (!Number.isNaN(v)) set.add(v);
  }
  else for (const v of c.values) if (v !== null) set.add(v);
  return [...set].sort((a, b) => typeof a === "number" && typeof b === "number" ? a - b : String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0);
}
function range(values) {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (Number.isNaN(v)) continue;
    const f = Math.fround(v);
    if (f < min) min = f;
    if (f > max) max = f;
  }
  return min <= max ? { min, max } : { min: 0, max: 0 };
}
function boundDecimal(f, side) {
  for (let p = 1; p <= 17; p++) {
    const s = String(Number(f.toPrecision(p)));
    const d = Number(s);
    if (Math.fround(d) === f && (side === "lo" ? d <= f : d >= f)) return s;
  }
  return String(f);
}
function groupSizes(ds, cols) {
  const counts = /* @__PURE__ */ new Map();
  for (let r = 0; r < ds.rows; r++) {
    const key = cols.map((c) => {
      const col = ds.columns.get(c);
      const v = col.values[r];
      return v === null || typeof v === "number" && Number.isNaN(v) ? "(missing)" : String(v);
    }).join(" / ");
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}
export {
  LABEL_GUESSES,
  boundDecimal,
  buildStarterPolicy
};
