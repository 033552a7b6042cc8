import { createRequire as __mgCreateRequire } from 'node:module';
const require = __mgCreateRequire(import.meta.url);
import {
  mapLabels,
  measuredMetrics,
  modelCardReport,
  predict,
  verifyModelSignatureWithSubject
} from "./chunk-T3NF2ROV.js";
import {
  VERSION
} from "./chunk-KG5F2G4A.js";
import {
  COMPARED,
  DEFAULT_THRESHOLDS,
  GATES,
  LIBRARY_METHOD,
  PREDICTION_FEATURES,
  P_VALUE_METHODS,
  PolicyError,
  comparedMetrics,
  decodeRecords,
  encodeRecords,
  evaluateThresholds,
  featureThreshold,
  formatPath,
  loadDataset,
  parsePolicy
} from "./chunk-O54UC3Q5.js";
import {
  isLfsPointer,
  loadModel,
  resolveInside,
  runAtLeast,
  singleFileSubject
} from "./chunk-HUZQ54LW.js";
import {
  pinHex,
  sha256Hex
} from "./chunk-5KBCKNTJ.js";
import {
  modelRunError
} from "./chunk-EBRXSLDV.js";
import {
  GateError,
  INTERNAL_HINT,
  asGateError,
  debugStack
} from "./chunk-2EUQIP2O.js";

// src/engine/run.ts
import os2 from "node:os";

// src/policy/loosening.ts
function compareStrictness(base, head, headPositionOf) {
  const out = [];
  const lineOf3 = (path2) => {
    for (let n = path2.length; n >= 0; n--) {
      const p = headPositionOf(path2.slice(0, n));
      if (p) return p.line;
    }
    return void 0;
  };
  const flag = (path2, from, to, reason) => {
    const l = { path: formatPath(path2), from: from === void 0 ? null : from, to: to === void 0 ? null : to, reason };
    const line = lineOf3(path2);
    if (line !== void 0) l.line = line;
    out.push(l);
  };
  const same = (path2, b, h, reason) => {
    if (!deepEqual(b, h)) flag(path2, b, h, reason);
  };
  const rest = (path2, b, h, handled) => {
    const bo = b ?? {};
    const ho = h ?? {};
    for (const k of /* @__PURE__ */ new Set([...Object.keys(bo), ...Object.keys(ho)])) {
      if (handled.includes(k)) continue;
      same([...path2, k], bo[k], ho[k], "changed: not provably stricter");
    }
  };
  same(["seed"], base.seed, head.seed, "seed changed: every random choice changes, and a pull request must not shop for a lucky seed");
  rest([], base, head, ["version", "seed", "budget-minutes", "memory-budget-mb", "model", "signature", "datasets", "gates"]);
  same(["model", "path"], base.model.path, head.model.path, "the gate would evaluate a different model file");
  if (base.model.card !== void 0) same(["model", "card"], base.model.card, head.model.card, head.model.card === void 0 ? "model card removed: its claims are no longer compared" : "the claims would be read from a different model card");
  same(["model", "inputs"], base.model.inputs, head.model.inputs, "how data feeds the model changed: not provably stricter");
  same(["model", "output"], base.model.output, head.model.output, "which output is read, or how it is interpreted, changed: not provably stricter");
  rest(["model"], base.model, head.model, ["path", "card", "inputs", "output"]);
  signature(base.signature, head.signature, flag, same, rest);
  for (const [name, b] of Object.entries(base.datasets)) {
    const h = head.datasets[name];
    const path2 = ["datasets", name];
    if (!h) {
      flag(path2, b, void 0, "dataset removed");
      continue;
    }
    dataset(path2, b, h, flag, same, rest);
  }
  const bg = base.gates, hg = head.gates;
  for (const g of Object.keys(bg)) {
    if (bg[g] !== void 0 && hg[g] === void 0) flag(["gates", g], bg[g], void 0, `gate ${g} removed`);
  }
  const thresholds = (gate, b, h) => {
    for (const [metric, bt] of Object.entries(b ?? {})) {
      if (!bt) continue;
      const path2 = ["gates", gate, "thresholds", metric];
      const ht = h?.[metric];
      if (!ht) {
        flag(path2, bt, void 0, `threshold on ${metric} removed`);
        continue;
      }
      if (bt.min !== void 0) {
        if (ht.min === void 0) flag([...path2, "min"], bt.min, void 0, `min of ${metric} removed`);
        else if (ht.min < bt.min) flag([...path2, "min"], bt.min, ht.min, `min of ${metric} lowered`);
      }
      if (bt.max !== void 0) {
        if (ht.max === void 0) flag([...path2, "max"], bt.max, void 0, `max of ${metric} removed`);
        else if (ht.max > bt.max) flag([...path2, "max"], bt.max, ht.max, `max of ${metric} raised`);
      }
      rest(path2, bt, ht, ["min", "max"]);
    }
  };
  const gateOn = (gate, b, h) => {
    const rank = { lenient: 0, point: 1, conservative: 2 };
    if (rank[h] < rank[b]) flag(["gates", gate, "gate-on"], b, h, `gate-on ${b} -> ${h} compares thresholds with a value better for the model`);
  };
  const notLower = (path2, b, h, what) => {
    if (h < b) flag(path2, b, h, `${what} lowered`);
  };
  const fewer = (path2, bl, hl, what, all = "all") => {
    if (hl !== void 0 && (bl === void 0 || hl < bl)) flag(path2, bl, hl, bl === void 0 ? `limit added: fewer ${what} than ${all}` : `limit lowered: fewer ${what}`);
  };
  if (bg.accuracy && hg.accuracy) {
    const b = bg.accuracy, h = hg.accuracy;
    same(["gates", "accuracy", "dataset"], b.dataset, h.dataset, "evaluated on a different dataset");
    thresholds("accuracy", b.thresholds, h.thresholds);
    rest(["gates", "accuracy"], b, h, ["dataset", "thresholds"]);
  }
  if (bg.robustness && hg.robustness) {
    const b = bg.robustness, h = hg.robustness;
    const p = (k) => ["gates", "robustness", k];
    same(p("dataset"), b.dataset, h.dataset, "evaluated on a different dataset");
    fewer(p("limit"), b.limit, h.limit, "points are attacked", "all rows");
    same(p("norm"), b.norm, h.norm, "norm changed: a different threat model, not provably stricter");
    const be = Array.isArray(b.epsilon) ? b.epsilon : [b.epsilon];
    const he = Array.isArray(h.epsilon) ? h.epsilon : [h.epsilon];
    if (Math.max(...he) < Math.max(...be)) {
      flag(p("epsilon"), b.epsilon, h.epsilon, "epsilon lowered (thresholds apply at the largest)");
    } else if (be.length > 1 && be.some((e) => !he.includes(e))) {
      flag(p("epsilon"), b.epsilon, h.epsilon, `epsilon ${be.filter((e) => !he.includes(e)).join(", ")} removed from the list`);
    }
    same(p("epsilon-scale"), b["epsilon-scale"], h["epsilon-scale"], "epsilon-scale changed: epsilon means a different radius");
    same(p("bounds"), b.bounds, h.bounds, "bounds changed: the valid input domain changed, not provably stricter");
    setChange(p("immutable"), b.immutable, h.immutable, "immutable", flag);
    setChange(p("integer"), b.integer, h.integer, "integer", flag);
    same(p("one-hot"), canonGroups(b["one-hot"]), canonGroups(h["one-hot"]), "one-hot groups changed: the valid input domain changed, not provably stricter");
    same(p("max-categorical-changes"), b["max-categorical-changes"], h["max-categorical-changes"], "max-categorical-changes changed: the valid input domain changed, not provably stricter");
    if (b.attacks !== h.attacks) {
      if (b.attacks === "auto" || h.attacks === "auto") {
        if (!deepEqual(b.attacks, h.attacks)) flag(p("attacks"), b.attacks, h.attacks, b.attacks === "auto" ? "attacks auto replaced by a list: not provably as strong" : "attack list replaced by auto: not provably a superset");
      } else {
        const dropped = b.attacks.filter((a) => !h.attacks.includes(a));
        if (dropped.length) flag(p("attacks"), b.attacks, h.attacks, `attack${dropped.length > 1 ? "s" : ""} ${dropped.join(", ")} removed`);
      }
    }
    notLower(p("queries"), b.queries, h.queries, "queries per point");
    if (b.labels === true && h.labels === "predicted") flag(p("labels"), b.labels, h.labels, "labels true -> predicted: clean errors no longer count against the model");
    thresholds("robustness", b.thresholds, h.thresholds);
    rest(["gates", "robustness"], b, h, ["dataset", "limit", "norm", "epsilon", "epsilon-scale", "bounds", "immutable", "integer", "one-hot", "max-categorical-changes", "attacks", "queries", "labels", "thresholds"]);
  }
  if (bg.memorisation && hg.memorisation) {
    const b = bg.memorisation, h = hg.memorisation;
    const p = (k) => ["gates", "memorisation", k];
    same(p("members"), b.members, h.members, "members dataset changed");
    same(p("non-members"), b["non-members"], h["non-members"], "non-members dataset changed");
    same(p("population"), b.population, h.population, "population dataset changed");
    same(p("score"), b.score, h.score, "membership score changed: not provably stricter");
    same(p("reference-models"), b["reference-models"], h["reference-models"], "reference models changed: not provably stricter");
    if (b["max-duplicates"] !== void 0 && (h["max-duplicates"] === void 0 || h["max-duplicates"] > b["max-duplicates"])) {
      flag(p("max-duplicates"), b["max-duplicates"], h["max-duplicates"], h["max-duplicates"] === void 0 ? "max-duplicates removed: duplicates are only reported" : "max-duplicates raised");
    }
    gateOn("memorisation", b["gate-on"], h["gate-on"]);
    notLower(p("bootstrap"), b.bootstrap, h.bootstrap, "bootstrap resamples");
    thresholds("memorisation", b.thresholds, h.thresholds);
    rest(["gates", "memorisation"], b, h, ["members", "non-members", "population", "score", "reference-models", "max-duplicates", "gate-on", "bootstrap", "thresholds"]);
  }
  if (bg.fairness && hg.fairness) {
    const b = bg.fairness, h = hg.fairness;
    const p = (k) => ["gates", "fairness", k];
    same(p("dataset"), b.dataset, h.dataset, "evaluated on a different dataset");
    const removed = b.sensitive.filter((c) => !h.sensitive.includes(c));
    const added = h.sensitive.filter((c) => !b.sensitive.includes(c));
    if (removed.length) flag(p("sensitive"), b.sensitive, h.sensitive, `sensitive column${removed.length > 1 ? "s" : ""} ${removed.join(", ")} removed`);
    else if (added.length) flag(p("sensitive"), b.sensitive, h.sensitive, `sensitive column${added.length > 1 ? "s" : ""} ${added.join(", ")} added: the groups become intersections, and groups below min-group-size drop out (not provably stricter)`);
    same(p("positive-label"), b["positive-label"], h["positive-label"], "positive label changed");
    same(p("decision-threshold"), b["decision-threshold"], h["decision-threshold"], "decision threshold changed: not provably stricter");
    same(p("reference-group"), b["reference-group"], h["reference-group"], "reference group changed");
    if (h["min-group-size"] > b["min-group-size"]) flag(p("min-group-size"), b["min-group-size"], h["min-group-size"], "min-group-size raised: more groups are left out");
    gateOn("fairness", b["gate-on"], h["gate-on"]);
    notLower(p("bootstrap"), b.bootstrap, h.bootstrap, "bootstrap resamples");
    thresholds("fairness", b.thresholds, h.thresholds);
    rest(["gates", "fairness"], b, h, ["dataset", "sensitive", "positive-label", "decision-threshold", "reference-group", "min-group-size", "gate-on", "bootstrap", "thresholds"]);
  }
  if (bg.drift && hg.drift) {
    drift(bg.drift, hg.drift, flag, same, rest);
    thresholds("drift", bg.drift.thresholds, hg.drift.thresholds);
  }
  if (bg.poisoning && hg.poisoning) {
    const b = bg.poisoning, h = hg.poisoning;
    const p = (...k) => ["gates", "poisoning", ...k];
    same(p("dataset"), b.dataset, h.dataset, "a different dataset is screened");
    same(p("layer"), b.layer, h.layer, "representations from a different tensor: not provably stricter");
    fewer(p("limit"), b.limit, h.limit, "rows are screened");
    const dropped = b.screens.filter((x) => !h.screens.includes(x));
    if (dropped.length) flag(p("screens"), b.screens, h.screens, `screen${dropped.length > 1 ? "s" : ""} ${dropped.join(", ")} removed`);
    if (h["min-class-size"] > b["min-class-size"]) flag(p("min-class-size"), b["min-class-size"], h["min-class-size"], "min-class-size raised: fewer classes are screened");
    for (const [section, key] of [["spectral", "min-separation"], ["spectral", "min-share"], ["clustering", "min-silhouette"], ["clustering", "min-relative-size"]]) {
      const bv = b[section][key], hv = h[section][key];
      if (hv > bv) flag(p(section, key), bv, hv, `${key} raised: a class must separate more to be flagged`);
    }
    if (h.clustering["max-relative-size"] < b.clustering["max-relative-size"]) flag(p("clustering", "max-relative-size"), b.clustering["max-relative-size"], h.clustering["max-relative-size"], "max-relative-size lowered: a larger planted share is no longer flagged");
    same(p("clustering", "components"), b.clustering.components, h.clustering.components, "PCA dimensions changed: not provably stricter");
    notLower(p("clustering", "inits"), b.clustering.inits, h.clustering.inits, "k-means restarts");
    rest(p("spectral"), b.spectral, h.spectral, ["min-separation", "min-share", "factor"]);
    rest(p("clustering"), b.clustering, h.clustering, ["components", "inits", "min-silhouette", "min-relative-size", "max-relative-size"]);
    if (b.strip && h.strip) {
      same(p("strip", "clean"), b.strip.clean, h.strip.clean, "STRIP blends with different clean rows");
      notLower(p("strip", "n"), b.strip.n, h.strip.n, "STRIP perturbations per row");
      if (h.strip.frr < b.strip.frr) flag(p("strip", "frr"), b.strip.frr, h.strip.frr, "STRIP frr lowered: the entropy threshold is lower, fewer rows are suspects");
      fewer(p("strip", "limit"), b.strip.limit, h.strip.limit, "rows are screened by STRIP");
      same(p("strip", "clip"), b.strip.clip, h.strip.clip, "STRIP clipping changed: not provably stricter");
      rest(p("strip"), b.strip, h.strip, ["clean", "n", "frr", "limit", "clip"]);
    } else if (b.strip) flag(p("strip"), b.strip, void 0, "STRIP section removed");
    if (b.labels) same(p("labels"), b.labels, h.labels, "the out-of-sample probabilities changed: not provably stricter");
    thresholds("poisoning", b.thresholds, h.thresholds);
    rest(["gates", "poisoning"], b, h, ["dataset", "layer", "limit", "screens", "min-class-size", "spectral", "clustering", "strip", "labels", "expected-rate", "grid", "thresholds"]);
  }
  if (bg["model-card"] && hg["model-card"]) {
    const b = bg["model-card"], h = hg["model-card"];
    for (const [claim, bc] of Object.entries(b.claims)) {
      const path2 = ["gates", "model-card", "claims", claim];
      const hc = h.claims[claim];
      if (!hc) {
        flag(path2, bc, void 0, `claim ${claim} removed`);
        continue;
      }
      same([...path2, "measured"], bc.measured, hc.measured, "compared with a different measured metric");
      if (hc.tolerance > bc.tolerance) flag([...path2, "tolerance"], bc.tolerance, hc.tolerance, "tolerance raised");
      rest(path2, bc, hc, ["measured", "tolerance"]);
    }
    if (b["on-mismatch"] === "fail" && h["on-mismatch"] === "warn") flag(["gates", "model-card", "on-mismatch"], "fail", "warn", "a claim outside its tolerance no longer fails");
    rest(["gates", "model-card"], b, h, ["claims", "on-mismatch"]);
  }
  if (bg.regression && hg.regression) regression(bg.regression, hg.regression, flag, same, rest);
  rest(["gates"], bg, hg, ["accuracy", "robustness", "memorisation", "fairness", "regression", "drift", "poisoning", "model-card"]);
  return out;
}
function regression(b, h, flag, same, rest) {
  const p = (k) => ["gates", "regression", k];
  const dropped = b.datasets.filter((d) => !h.datasets.includes(d));
  if (dropped.length) flag(p("datasets"), b.datasets, h.datasets, `dataset${dropped.length > 1 ? "s" : ""} ${dropped.join(", ")} no longer compared`);
  same(p("baseline"), b.baseline, h.baseline, b.baseline === void 0 ? "a pinned baseline replaces the base commit's model: the pull request would choose what the head is compared with" : h.baseline === void 0 ? "baseline pin removed" : "baseline pin changed: the head would be compared with a different model");
  same(p("mcnemar"), b.mcnemar, h.mcnemar, "McNemar variant changed: not provably stricter");
  const rank = (g) => ({ lenient: 0, point: 1, conservative: 2, "ci-bound": 2 })[g];
  if (rank(h["gate-on"]) < rank(b["gate-on"])) flag(p("gate-on"), b["gate-on"], h["gate-on"], `gate-on ${b["gate-on"]} -> ${h["gate-on"]} compares thresholds with a value better for the model`);
  if (h.bootstrap < b.bootstrap) flag(p("bootstrap"), b.bootstrap, h.bootstrap, "bootstrap resamples lowered");
  for (const [metric, bt] of Object.entries(b.thresholds ?? {})) {
    const path2 = ["gates", "regression", "thresholds", metric];
    const ht = h.thresholds?.[metric];
    if (!ht) {
      flag(path2, bt, void 0, `threshold on ${metric} removed`);
      continue;
    }
    for (const side of ["max-drop", "max-rise", "max"]) {
      const bv = bt[side], hv = ht[side];
      if (bv === void 0) continue;
      if (hv === void 0) flag([...path2, side], bv, void 0, `${side} of ${metric} removed`);
      else if (hv > bv) flag([...path2, side], bv, hv, `${side} of ${metric} raised`);
    }
    if (bt.min !== void 0) {
      if (ht.min === void 0) flag([...path2, "min"], bt.min, void 0, `min of ${metric} removed`);
      else if (ht.min < bt.min) flag([...path2, "min"], bt.min, ht.min, `min of ${metric} lowered`);
    }
    rest(path2, bt, ht, ["max-drop", "max-rise", "min", "max"]);
  }
  rest(["gates", "regression"], b, h, ["datasets", "baseline", "mcnemar", "gate-on", "bootstrap", "compare", "thresholds"]);
}
function signature(b, h, flag, same, rest) {
  const p = (k) => ["signature", k];
  if (b.required && !h.required) flag(p("required"), true, false, "signature no longer required: an unsigned model would pass");
  same(p("bundle"), b.bundle, h.bundle, "the signature is read from a different file");
  if (b.format !== h.format && h.format === "auto") flag(p("format"), b.format, h.format, "format auto accepts any signature format");
  else if (b.format !== h.format && b.format !== "auto") flag(p("format"), b.format, h.format, "signature format changed");
  same(p("subject"), b.subject, h.subject, "the signature would cover something else");
  const method = (s) => s.keyless ? "keyless" : s.key !== void 0 ? "key" : s["certificate-roots"] !== void 0 ? "certificate-roots" : "none";
  const bm = method(b), hm = method(h);
  if (bm !== "none" && bm !== hm) {
    flag(["signature", hm === "none" ? bm : hm], b[bm], hm === "none" ? void 0 : h[hm], hm === "none" ? `signature.${bm} removed: any signer would be accepted` : `who may sign changed from ${bm} to ${hm}`);
  } else if (bm === "keyless" && b.keyless && h.keyless) {
    keyless(b.keyless, h.keyless, flag, rest);
  } else if (bm === "key") {
    same(p("key"), b.key, h.key, "a different public key is trusted");
  } else if (bm === "certificate-roots") {
    const bl = list(b["certificate-roots"]), hl = list(h["certificate-roots"]);
    const added = hl.filter((r) => !bl.includes(r));
    if (added.length) flag(p("certificate-roots"), b["certificate-roots"], h["certificate-roots"], `certificate root${added.length > 1 ? "s" : ""} ${added.join(", ")} added`);
  }
  same(p("trusted-root"), b["trusted-root"], h["trusted-root"], b["trusted-root"] === void 0 ? "a custom trusted root replaces the public-good Sigstore root" : "trusted root changed");
  const addedIgnore = h["ignore-paths"].filter((x) => !b["ignore-paths"].includes(x));
  if (addedIgnore.length) flag(p("ignore-paths"), b["ignore-paths"], h["ignore-paths"], `${addedIgnore.join(", ")} no longer covered by the signature`);
  rest(["signature"], b, h, ["required", "bundle", "format", "subject", "keyless", "key", "certificate-roots", "trusted-root", "ignore-paths"]);
}
function keyless(b, h, flag, rest) {
  const p = (k) => ["signature", "keyless", k];
  if (b.issuer !== h.issuer) flag(p("issuer"), b.issuer, h.issuer, "a different OIDC issuer is trusted");
  const bre = b["identity-regex"], hre = h["identity-regex"];
  if (hre !== void 0) {
    if (bre !== hre) flag(p("identity-regex"), bre ?? b.identity, hre, bre === void 0 ? "exact identity replaced by a pattern" : "identity pattern changed: not provably narrower");
  } else {
    const hl = list(h.identity);
    let outside;
    if (bre !== void 0) {
      let re = null;
      try {
        re = new RegExp(bre);
      } catch {
        re = null;
      }
      outside = hl.filter((id) => !re || !re.test(id));
    } else {
      const bl = list(b.identity);
      outside = hl.filter((id) => !bl.includes(id));
    }
    if (outside.length) flag(p("identity"), bre ?? b.identity, h.identity, `signer identit${outside.length > 1 ? "ies" : "y"} ${outside.join(", ")} newly accepted`);
  }
  rest(["signature", "keyless"], b, h, ["issuer", "identity", "identity-regex"]);
}
function dataset(path2, b, h, flag, same, rest) {
  const p = (k) => [...path2, k];
  same(p("path"), b.path, h.path, "a different data file");
  same(p("label"), b.label, h.label, "a different label column");
  same(p("labels"), b.labels, h.labels, "a different labels file");
  for (const pin of ["sha256", "labels-sha256"]) {
    if (b[pin] !== void 0 && h[pin] === void 0) flag(p(pin), b[pin], void 0, "pin removed: a changed file would go unnoticed");
    else if (b[pin] !== void 0 && pinHex(b[pin]) !== pinHex(h[pin])) flag(p(pin), b[pin], h[pin], "pin changed: the data is different");
  }
  same(p("exclude"), [...b.exclude].sort(), [...h.exclude].sort(), "excluded columns changed: the features are different");
  same(p("transform"), b.transform, h.transform, "preprocessing changed: not provably stricter");
  same(p("label-map"), b["label-map"], h["label-map"], "label mapping changed");
  same(p("sample"), b.sample, h.sample, "a different sample of rows");
  rest(path2, b, h, ["path", "label", "labels", "sha256", "labels-sha256", "exclude", "transform", "label-map", "sample"]);
}
function drift(b, h, flag, same, rest) {
  const p = (...k) => ["gates", "drift", ...k];
  same(p("reference"), b.reference, h.reference, "compared with a different reference dataset");
  same(p("current"), b.current, h.current, "a different dataset is checked for drift");
  if (b.features !== void 0 && h.features === void 0) {
    flag(p("features"), b.features, void 0, "feature list replaced by the default (model inputs and predictions): not provably a superset");
  } else if (b.features === void 0 && h.features !== void 0) {
    flag(p("features"), void 0, h.features, "default features replaced by a list: not provably a superset");
  } else if (b.features && h.features) {
    const removed = b.features.filter((f) => !h.features.includes(f));
    if (removed.length) flag(p("features"), b.features, h.features, `feature${removed.length > 1 ? "s" : ""} ${removed.join(", ")} no longer tested`);
  }
  if (b.method !== h.method) flag(p("method"), b.method, h.method, `method ${b.method} -> ${h.method}: a different test, not provably stricter`);
  const looser = (path2, method, bt, ht) => {
    if (method === "auto") {
      if (bt !== ht) flag(path2, bt, ht, "threshold changed under method auto: not provably stricter");
      return;
    }
    const dflt = DEFAULT_THRESHOLDS[LIBRARY_METHOD[method]];
    const be = bt ?? dflt, he = ht ?? dflt;
    const pValue = P_VALUE_METHODS.includes(method);
    if (pValue ? he < be : he > be) flag(path2, bt ?? null, ht ?? null, `${method} threshold ${pValue ? "lowered (a p-value" : "raised (a distance"}: drift is flagged later)`);
  };
  if (b.method === h.method) looser(p("threshold"), h.method, b.threshold, h.threshold);
  const bo = b["per-feature"] ?? {}, ho = h["per-feature"] ?? {};
  for (const f of [.../* @__PURE__ */ new Set([...Object.keys(bo), ...Object.keys(ho)])]) {
    const bf = bo[f], hf = ho[f];
    const bm = bf?.method ?? b.method, hm = hf?.method ?? h.method;
    const at = p("per-feature", f);
    if (bm !== hm) {
      flag([...at, "method"], bm, hm, `method of ${f} ${bm} -> ${hm}: a different test, not provably stricter`);
      continue;
    }
    const bt = featureThreshold(b, f), ht = featureThreshold(h, f);
    if (bt !== ht) looser([...at, "threshold"], hm, bt, ht);
    rest(at, bf, hf, ["method", "threshold"]);
  }
  const gone = (b["must-not-drift"] ?? []).filter((f) => !(h["must-not-drift"] ?? []).includes(f));
  if (gone.length) flag(p("must-not-drift"), b["must-not-drift"], h["must-not-drift"], `${gone.join(", ")} may now drift without failing the gate`);
  rest(["gates", "drift"], b, h, ["reference", "current", "features", "method", "threshold", "per-feature", "must-not-drift", "thresholds"]);
}
function setChange(path2, b, h, what, flag) {
  const removed = b.filter((x) => !h.includes(x));
  const added = h.filter((x) => !b.includes(x));
  if (added.length) {
    flag(path2, b, h, `${added.join(", ")} added to ${what}: the attacks may no longer ${what === "immutable" ? "perturb" : "freely perturb"} ${added.length > 1 ? "them" : "it"}`);
  } else if (removed.length) {
    flag(path2, b, h, `${removed.join(", ")} removed from ${what}: the valid input domain changed, not provably stricter`);
  }
}
function canonGroups(groups) {
  return groups.map((g) => Array.isArray(g) ? JSON.stringify([...g].map(String).sort()) : JSON.stringify({ prefix: g.prefix })).sort();
}
function list(v) {
  return v === void 0 ? [] : Array.isArray(v) ? v : [v];
}
function deepEqual(a, b) {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== "object") return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b;
    return a.length === bb.length && a.every((x, i) => deepEqual(x, bb[i]));
  }
  const ao = a, bo = b;
  const ak = Object.keys(ao).filter((k) => ao[k] !== void 0), bk = Object.keys(bo).filter((k) => bo[k] !== void 0);
  return ak.length === bk.length && ak.every((k) => Object.hasOwn(bo, k) && deepEqual(ao[k], bo[k]));
}

// src/engine/trust-changes.ts
function trustFilesOf(policy) {
  const out = [];
  const s = policy.signature;
  if (typeof s.key === "string") out.push({ key: ["signature", "key"], path: s.key, what: "trusted key file" });
  const roots = s["certificate-roots"];
  if (typeof roots === "string") out.push({ key: ["signature", "certificate-roots"], path: roots, what: "trusted certificate root file" });
  else if (Array.isArray(roots)) roots.forEach((r, i) => out.push({ key: ["signature", "certificate-roots", i], path: r, what: "trusted certificate root file" }));
  if (typeof s["trusted-root"] === "string") out.push({ key: ["signature", "trusted-root"], path: s["trusted-root"], what: "trusted root file" });
  (policy.gates.memorisation?.["reference-models"] ?? []).forEach(
    (r, i) => out.push({ key: ["gates", "memorisation", "reference-models", i, "path"], path: r.path, what: "reference model" })
  );
  const pinned = policy.gates.regression?.baseline;
  if (pinned) out.push({ key: ["gates", "regression", "baseline", "path"], path: pinned.path, what: "baseline model" });
  return out;
}
async function trustFileChanges(inputs) {
  const { base, head, baseFiles, headFiles, wsRel } = inputs;
  const candidates = [
    ...trustFilesOf(base).map((t) => ({ ...t, positionOf: inputs.headPositionOf && head ? inputs.headPositionOf : inputs.basePositionOf })),
    ...head && inputs.headPositionOf ? trustFilesOf(head).map((t) => ({ ...t, positionOf: inputs.headPositionOf })) : []
  ];
  const digest = (b) => b ? `sha256:${sha256Hex(b)}` : null;
  const seen = /* @__PURE__ */ new Set();
  const out = [];
  for (const t of candidates) {
    let rel;
    try {
      rel = wsRel(t.path);
    } catch {
      continue;
    }
    if (seen.has(rel)) continue;
    seen.add(rel);
    const [b, h] = await Promise.all([baseFiles.read(rel).catch(() => null), headFiles.read(rel).catch(() => null)]);
    if (b === null && h === null || b !== null && h !== null && b.equals(h)) continue;
    const verb = b === null ? "adds" : h === null ? "deletes" : "changes";
    const consequence = t.what === "reference model" || t.what === "baseline model" ? "it is still checked against the base policy's pin before it runs" : "the base commit's copy is what this run trusts";
    const entry = {
      path: formatPath(t.key),
      file: rel,
      from: digest(b),
      to: digest(h),
      reason: `the pull request ${verb} the ${t.what} ${rel}: ${consequence}`
    };
    const line = lineOf(t.positionOf, t.key);
    if (line !== void 0) entry.line = line;
    out.push(entry);
  }
  return out;
}
function lineOf(positionOf, key) {
  for (let n = key.length; n > 0; n--) {
    const p = positionOf(key.slice(0, n));
    if (p) return p.line;
  }
  return void 0;
}

// src/engine/baseline.ts
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

// src/engine/gate-model.ts
function gateModelOf(model, policy, getDataset) {
  return {
    bytes: model.bytes,
    externalData: model.externalData,
    output: { name: model.output.name, kind: model.output.kind },
    get classes() {
      return model.output.classes ?? 0;
    },
    threads: model.threads,
    memoryBudget: policy["memory-budget-mb"] * 1024 * 1024,
    featureView: (name) => model.featureView(getDataset(name)),
    run: (feeds, outputs) => runAtLeast(model.session, feeds, outputs, model.minBatch).catch((e) => {
      throw modelRunError(model.rel, feeds, e, "");
    }),
    sampleMode: (name) => policy.datasets[name]?.sample ?? "first"
  };
}

// src/model/file.ts
import { readFile } from "node:fs/promises";
async function readModelFile(file, rules) {
  const bytes = await readFile(file.abs).catch((e) => {
    throw new GateError(`${rules.code}.missing`, rules.unreadable(String(e.code ?? e.message)), { where: rules.where });
  });
  const sha256 = sha256Hex(bytes);
  if (isLfsPointer(bytes.subarray(0, 200)) && bytes.length < 1024) {
    throw new GateError(`${rules.code}.lfs-pointer`, `${file.rel} is a Git LFS pointer, not the model: check out with lfs: true (actions/checkout)`, { where: rules.where });
  }
  if (rules.pin !== void 0) {
    const want = pinHex(rules.pin);
    if (sha256 !== want) {
      throw new GateError(`${rules.code}.pin-mismatch`, `${rules.what ?? "reference model"} ${file.rel} has sha256 ${sha256}, but the policy pins ${want}: the file changed (tampering?); restore it or update the pin in a reviewed change`, { kind: "fail", where: rules.where });
    }
  }
  return { abs: file.abs, rel: file.rel, bytes, sha256 };
}

// src/engine/baseline.ts
function baselineRunner(o) {
  let resolved = null;
  const predictions = /* @__PURE__ */ new Map();
  const outcomes = /* @__PURE__ */ new Map();
  const resolve = () => resolved ??= resolveBaseline(o);
  const runner = {
    async resolve() {
      const r = await resolve();
      return "none" in r ? { none: r.none } : { baseline: r.info };
    },
    predictions(dataset2) {
      let p = predictions.get(dataset2);
      if (!p) {
        p = (async () => {
          const r = await resolve();
          if ("none" in r) throw new GateError("regression.no-baseline", r.none);
          if (o.predict) return o.predict(r.model, dataset2);
          const out = await predict(r.model, o.getDataset(dataset2), { checkBudget: o.checkBudget, progress: o.progress });
          return out.predictions;
        })();
        predictions.set(dataset2, p);
      }
      return p;
    },
    outcome(name) {
      let out = outcomes.get(name);
      if (!out) {
        out = (async () => {
          const r = await resolve();
          if ("none" in r) throw new GateError("regression.no-baseline", r.none);
          const gate = GATES.find((g) => g.name === name);
          const section = o.policy.gates[name];
          if (!gate || gate.stage === "after-measuring" || !section) {
            throw new GateError("regression.compare", `internal error: gate ${name} cannot run on the baseline (${!gate ? "no such gate" : !section ? "not in the policy" : "it reads the other gates"}): ${INTERNAL_HINT}`);
          }
          o.log.info(`regression: gate ${name} on the baseline ${r.info.path}`);
          const ctx = {
            policy: section,
            seed: o.seed,
            dataset: o.getDataset,
            predictions: (dataset2) => runner.predictions(dataset2),
            model: gateModelOf(r.model, o.policy, o.getDataset),
            referenceModels: o.referenceModels,
            log: o.log,
            progress: o.progress,
            position: o.position,
            checkBudget: o.checkBudget
          };
          return gate.rowWork && o.runRowWork ? o.runRowWork(gate, ctx, r.model) : gate.run(ctx);
        })();
        outcomes.set(name, out);
      }
      return out;
    },
    async release() {
      if (!resolved) return;
      const r = await resolved.catch(() => null);
      if (r && !("none" in r)) await r.model.session.release().catch(() => void 0);
    }
  };
  return runner;
}
async function loadPinnedModel(loc, rules, o) {
  const file = await readModelFile(loc, rules);
  o.onRead(file.sha256);
  const pinned = singleFileSubject(loc.abs, file.sha256, `the sha256 pin of ${rules.what ?? "reference model"} ${loc.rel}`);
  return loadModel({ abs: loc.abs, rel: loc.rel, bytes: file.bytes, sha256: file.sha256, verified: pinned, threads: o.threads, policy: o.policy.model, subjectAbs: loc.abs, workspace: o.workspace, position: o.position });
}
async function resolveBaseline(o) {
  const { policy, position } = o;
  const pin = policy.gates.regression?.baseline;
  const at = (p) => position(p) ?? position(["gates", "regression"]);
  if (pin) {
    const where2 = at(["gates", "regression", "baseline", "path"]);
    const loc = resolveInside(o.workspace, o.workingDirectory, pin.path, "gates.regression.baseline.path", where2);
    const model = await loadPinnedModel(loc, {
      code: "baseline",
      what: "baseline model",
      unreadable: (reason) => `gates.regression.baseline.path ${loc.rel} cannot be read (${reason}): check the path, or commit the baseline model`,
      where: where2,
      pin: pin.sha256
    }, { threads: o.threads, policy, workspace: o.workspace, position, onRead: (sha256) => o.log.info(`regression: baseline ${loc.rel} (pinned, sha256 ${sha256.slice(0, 12)})`) });
    return { info: { source: "pinned", path: loc.rel, sha256: model.sha256, signature: "pinned" }, model };
  }
  if (!o.baseFiles) {
    return { none: "no baseline: this run has no base commit (a push without one, or the CLI) and gates.regression.baseline pins no model; pin one ({ path, sha256 }) to compare anywhere" };
  }
  const base = o.baseFiles;
  const rel = resolveInside(o.workspace, o.workingDirectory, policy.model.path, "model.path").rel;
  if (!await base.exists(rel)) {
    return { none: `no baseline: the base commit has no model at ${rel} (the pull request adds it); pin one with gates.regression.baseline to compare` };
  }
  const where = at(["model", "path"]);
  const bytes = await base.read(rel);
  if (isLfsPointer(bytes.subarray(0, 200)) && bytes.length < 1024) {
    throw new GateError("baseline.lfs-pointer", `the base commit's ${rel} is a Git LFS pointer, and the base commit's LFS objects are not fetched: pin the baseline with gates.regression.baseline { path, sha256 } instead`, { where });
  }
  const sig = policy.signature;
  const subjectRel = sig.subject !== void 0 ? resolveInside(o.workspace, o.workingDirectory, sig.subject, "signature.subject").rel : rel;
  const folder = sig.bundle !== void 0 && subjectRel !== rel;
  if (folder && !base.list) {
    throw new GateError(
      "baseline.subject",
      `the base commit's model cannot be verified here: signature.subject ${subjectRel} is a folder, which these base files cannot list; pin the baseline with gates.regression.baseline { path, sha256 } instead`,
      { where: at(["signature", "subject"]) }
    );
  }
  const tmp = await mkdtemp(path.join(os.tmpdir(), "model-gate-baseline-"));
  try {
    const wd = path.join(tmp, path.relative(o.workspace, o.workingDirectory));
    const written = /* @__PURE__ */ new Set();
    const put = async (r, b) => {
      const abs = path.join(tmp, ...r.split("/"));
      if (written.has(r)) return abs;
      written.add(r);
      await mkdir(path.dirname(abs), { recursive: true });
      await writeFile(abs, b, { flag: "wx" });
      return abs;
    };
    const modelAbs = await put(rel, bytes);
    if (folder) for (const f of await base.list(subjectRel)) await put(f, await base.read(f));
    if (sig.bundle !== void 0) {
      const bundleRel = resolveInside(o.workspace, o.workingDirectory, sig.bundle, "signature.bundle").rel;
      if (await base.exists(bundleRel)) await put(bundleRel, await base.read(bundleRel));
    }
    let outcome;
    try {
      outcome = await verifyModelSignatureWithSubject({ policy: sig, workspace: tmp, workingDirectory: wd, modelPath: modelAbs, trusted: o.trusted, log: (m) => o.log.info(`regression: baseline ${m}`) });
    } catch (e) {
      const err = asGateError(e, "signature.error");
      throw new GateError(`baseline.${err.code}`, `the base commit's model ${rel} (the baseline): ${err.message}`, { kind: err.kind, where: at(["signature"]) });
    }
    const sha256 = sha256Hex(bytes);
    o.log.info(`regression: baseline ${rel} at the base commit (sha256 ${sha256.slice(0, 12)}, signature ${outcome.report.status})`);
    const model = await loadModel({
      abs: modelAbs,
      rel,
      bytes,
      sha256,
      verified: outcome.subject,
      threads: o.threads,
      policy: policy.model,
      subjectAbs: path.join(tmp, ...subjectRel.split("/")),
      workspace: tmp,
      position
    });
    const signature2 = outcome.report.status === "verified" ? "verified" : "unsigned";
    return { info: { source: "base-commit", path: rel, sha256, signature: signature2 }, model };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

// src/shard/rows.ts
function withHoles(p, rows, ds) {
  const total = ds.rows;
  const predicted = new Int32Array(total).fill(-1);
  const scores = p.scores ? new Float64Array(total * p.classes).fill(NaN) : void 0;
  for (let i = 0; i < rows.length; i++) {
    predicted[rows[i]] = p.predicted[i];
    if (scores) scores.set(p.scores.subarray(i * p.classes, (i + 1) * p.classes), rows[i] * p.classes);
  }
  const out = { dataset: p.dataset, rows: total, classes: p.classes, kind: p.kind, predicted, classLabels: p.classLabels };
  if (scores) out.scores = scores;
  if (ds.labels) out.labels = mapLabels(ds, Int32Array.from({ length: total }, (_, i) => i), p.classLabels);
  return out;
}
function compact(p, rows) {
  const C = p.classes;
  const out = { dataset: p.dataset, rows: rows.length, classes: C, kind: p.kind, predicted: Int32Array.from(rows, (r) => p.predicted[r]), classLabels: p.classLabels };
  if (p.scores) {
    const s = new Float64Array(rows.length * C);
    rows.forEach((r, i) => s.set(p.scores.subarray(r * C, (r + 1) * C), i * C));
    out.scores = s;
  }
  if (p.labels) out.labels = Int32Array.from(rows, (r) => p.labels[r]);
  return out;
}

// src/engine/cache.ts
import { createHash } from "node:crypto";
function keyOf(value) {
  return createHash("sha256").update(JSON.stringify(value)).digest("hex");
}
function modelPart(m, policy) {
  const { card: _card, ...section } = policy.model;
  void _card;
  return {
    tool: VERSION,
    onnxruntime: m.ortVersion,
    platform: `${process.platform}-${process.arch}`,
    threads: m.threads,
    model: m.sha256,
    external: m.externalData.map((e) => [e.path, sha256Hex(e.data)]),
    section
  };
}
function datasetPart(ds, policy) {
  return { sha256: ds.sha256, extra: ds.extraFiles.map((f) => [f.path, f.sha256]), spec: policy.datasets[ds.name] };
}
function predictionsKey(m, ds, policy, rows) {
  return keyOf({ schema: "model-gate/cache/predictions/v1", ...modelPart(m, policy), dataset: datasetPart(ds, policy), rows });
}
function recordsKey(gate, m, policy, datasets, seed, rows) {
  const { thresholds: _t, ...section } = policy.gates[gate] ?? {};
  void _t;
  return keyOf({
    schema: "model-gate/cache/records/v1",
    ...modelPart(m, policy),
    gate,
    section,
    seed,
    memory: policy["memory-budget-mb"],
    datasets: [...datasets.values()].map((ds) => [ds.name, datasetPart(ds, policy)]),
    rows
  });
}
function encodePredictions(p) {
  const arrays = { predicted: p.predicted };
  if (p.labels) arrays.labels = p.labels;
  if (p.scores) arrays.scores = p.scores;
  return encodeRecords({ meta: { dataset: p.dataset, rows: p.rows, classes: p.classes, kind: p.kind, classLabels: p.classLabels }, arrays });
}
function decodePredictions(bytes, dataset2, rows) {
  try {
    const r = decodeRecords(bytes);
    const { meta, arrays } = r;
    const ok = meta.dataset === dataset2 && meta.rows === rows && arrays.predicted instanceof Int32Array && arrays.predicted.length === rows && (arrays.labels === void 0 || arrays.labels instanceof Int32Array && arrays.labels.length === rows) && (arrays.scores === void 0 || arrays.scores instanceof Float64Array && arrays.scores.length === rows * meta.classes) && Array.isArray(meta.classLabels);
    if (!ok) return void 0;
    const p = { dataset: dataset2, rows, classes: meta.classes, kind: meta.kind, predicted: arrays.predicted, classLabels: meta.classLabels };
    if (arrays.labels) p.labels = arrays.labels;
    if (arrays.scores) p.scores = arrays.scores;
    return p;
  } catch {
    return void 0;
  }
}
async function runWithCache(gate, ctx, cache, key, what, log, rowsOf) {
  const finish = (records) => gate.run({ ...ctx, work: { mode: "merge", n: 1, records: () => [records], shardOf: (ds) => new Int32Array(rowsOf(ds)).fill(1) } });
  const hit = cache.get(key);
  if (hit) {
    try {
      const out = await finish(hit);
      log.info(`cache: ${what}: from the cache (${key.slice(0, 12)})`);
      return out;
    } catch (e) {
      if (!(e instanceof GateError) || !e.code.startsWith("shard.")) throw e;
      log.warn(`cache: the entry ${key.slice(0, 12)} for ${what} is not this gate's records (${e.message}): ignored, recomputed`);
    }
  }
  let emitted;
  const work = { mode: "shard", k: 1, n: 1, rows: (ds) => Int32Array.from({ length: rowsOf(ds) }, (_, i) => i), emit: (b) => {
    emitted = b;
  } };
  await gate.run({ ...ctx, work });
  if (!emitted) throw new GateError("cache.internal", `internal error: gate ${gate.name} did its row work but emitted no records: ${INTERNAL_HINT}`);
  cache.put(key, emitted);
  log.info(`cache: ${what}: computed and stored (${key.slice(0, 12)})`);
  return finish(emitted);
}

// src/shard/needs.ts
var PREDICTION_GATES = /* @__PURE__ */ new Set(["accuracy", "memorisation", "fairness", "drift", "regression", "model-card"]);
var REGISTRY = GATES;
function rowWorkGate(name) {
  const g = REGISTRY.find((x) => x.name === name);
  return g?.rowWork ? g : void 0;
}
function refuseUnshardable(policy, position) {
  for (const name of Object.keys(policy.gates)) {
    if (!PREDICTION_GATES.has(name) && !rowWorkGate(name)) {
      throw new GateError("shard.gate", `gates.${name} cannot run sharded: its per-row work is more than predictions and it has no sharded form; run it unsharded (check without --shard), or shard a policy without it`, { where: position(["gates", name]) });
    }
  }
}
function shardNeeds(policy) {
  const g = policy.gates;
  const out = [];
  const seen = /* @__PURE__ */ new Set();
  const add = (n) => {
    const key = `${n.role}\0${n.reference?.path ?? ""}\0${n.dataset}`;
    if (!seen.has(key)) seen.add(key), out.push(n);
  };
  const gateDatasets2 = (name, role) => {
    for (const ds of predictionDatasets(policy, name)) add({ role, dataset: ds });
  };
  const m = g.memorisation;
  for (const gate of REGISTRY) {
    if (!(gate.name in g)) continue;
    gateDatasets2(gate.name, "head");
    if (gate.name === "memorisation" && m && (m["reference-models"] ?? []).length > 0 && m.population) {
      for (const r of m["reference-models"]) for (const ds of [m.members, m["non-members"], m.population]) add({ role: "reference", dataset: ds, reference: { path: r.path, sha256: r.sha256 } });
    }
    if (gate.name === "regression") {
      for (const ds of g.regression.datasets ?? []) add({ role: "baseline", dataset: ds }), add({ role: "head", dataset: ds });
      for (const c of comparedMetrics(g.regression)) gateDatasets2(COMPARED[c].gate, "baseline");
    }
  }
  return out;
}
function shardWork(policy) {
  const out = [];
  for (const gate of REGISTRY) if (gate.rowWork && gate.name in policy.gates) out.push({ gate: gate.name, role: "head" });
  const r = policy.gates.regression;
  if (r) {
    for (const c of comparedMetrics(r)) if (rowWorkGate(COMPARED[c].gate)) out.push({ gate: COMPARED[c].gate, role: "baseline" });
  }
  return out;
}
function predictionDatasets(policy, name) {
  const g = policy.gates;
  switch (name) {
    case "accuracy":
      return [g.accuracy.dataset];
    case "fairness":
      return [g.fairness.dataset];
    case "memorisation": {
      const m = g.memorisation;
      return [m.members, m["non-members"], ...(m["reference-models"] ?? []).length > 0 && m.population ? [m.population] : []];
    }
    case "drift": {
      const d = g.drift;
      return d.features === void 0 || d.features.some((f) => PREDICTION_FEATURES.includes(f)) ? [d.reference, d.current] : [];
    }
    default: {
      const gate = rowWorkGate(name);
      return gate ? gate.rowWork(g[name]) : [];
    }
  }
}

// src/shard/assign.ts
import { hash } from "node:crypto";
var BLOCK = 4096;
function shardOfRows(view, n) {
  if (!(Number.isInteger(n) && n >= 1)) throw new RangeError(`shardOfRows: N must be a positive integer, got ${n}`);
  const out = new Int32Array(view.rows);
  const width = view.dim * 4;
  const row = new Uint8Array(4 + width);
  const index = new DataView(row.buffer);
  const small = n < 2 ** 20;
  const high = small ? 2 ** 32 % n : 0;
  const big = BigInt(n);
  const rowsBlock = new Int32Array(BLOCK);
  for (let start = 0; start < view.rows; start += BLOCK) {
    const count = Math.min(BLOCK, view.rows - start);
    const ids = count === BLOCK ? rowsBlock : rowsBlock.subarray(0, count);
    for (let i = 0; i < count; i++) ids[i] = start + i;
    const x = view.featuresView(ids);
    const xb = new Uint8Array(x.buffer, x.byteOffset, count * width);
    for (let i = 0; i < count; i++) {
      const r = start + i;
      index.setUint32(0, r, true);
      row.set(littleEndian(xb.subarray(i * width, (i + 1) * width)), 4);
      const h = hash("sha256", row, "buffer");
      out[r] = (small ? (h.readUInt32BE(0) % n * high + h.readUInt32BE(4) % n) % n : Number(h.readBigUInt64BE(0) % big)) + 1;
    }
  }
  return out;
}
function rowsOfShard(shards, k) {
  let count = 0;
  for (const s of shards) if (s === k) count++;
  const out = new Int32Array(count);
  let j = 0;
  for (let i = 0; i < shards.length; i++) if (shards[i] === k) out[j++] = i;
  return out;
}
var LITTLE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
function littleEndian(b) {
  if (LITTLE) return b;
  const out = new Uint8Array(b.length);
  for (let i = 0; i < b.length; i += 4) for (let j = 0; j < 4; j++) out[i + j] = b[i + 3 - j];
  return out;
}

// src/engine/run.ts
async function runGate(inputs) {
  const started = performance.now();
  const timings = {};
  const report = {
    schema: "model-gate/report/v1",
    verdict: "error",
    failed_gates: [],
    mode: inputs.mode,
    seed: inputs.seed ?? 0,
    policy: null,
    model: null,
    signature: { status: "skipped" },
    gates: {},
    datasets: {},
    environment: null,
    warnings: [],
    errors: [],
    timings
  };
  if (inputs.shards) report.shards = { n: inputs.shards.n, files: inputs.shards.files };
  const log = inputs.log;
  const run = {
    inputs,
    report,
    log,
    warn: (m) => {
      report.warnings.push(m);
      log.warn(m.message);
    },
    mark: (name, since) => {
      timings[name] = Math.round(performance.now() - since);
    }
  };
  let model = null;
  let hardFailure = null;
  try {
    await execute(run, (m) => model = m);
  } catch (e) {
    hardFailure = recordHardFailure(run, asGateError(e));
  } finally {
    await model?.session.release().catch(() => void 0);
  }
  decideVerdict(report, hardFailure);
  timings.total = Math.round(performance.now() - started);
  return report;
}
function recordHardFailure(run, err) {
  const { report } = run;
  if (err instanceof PolicyError) {
    for (const p of err.problems) report.errors.push({ code: err.code, message: p.message, file: p.file, line: p.line, col: p.col });
  } else {
    report.errors.push({ code: err.code, message: err.located, ...err.kind === "fail" ? { kind: "fail" } : {}, ...err.where ?? {} });
  }
  if (err.kind === "fail") {
    if (err.code.startsWith("signature")) report.failed_gates.push("signature");
    else if (err.code === "data.pin-mismatch") report.failed_gates.push("datasets");
    else report.failed_gates.push(err.code);
  }
  if (run.inputs.debug) run.log.info(`debug: ${debugStack(err)}`);
  return err.kind === "fail" ? "fail" : "error";
}
function decideVerdict(report, hardFailure) {
  for (const [name, g] of Object.entries(report.gates)) if (g.status === "fail") report.failed_gates.push(name);
  report.failed_gates = [...new Set(report.failed_gates)];
  const gates = Object.values(report.gates);
  if (hardFailure === null && report.failed_gates.length === 0 && gates.length > 0 && gates.every((g) => g.status === "skipped")) {
    report.errors.push({ code: "gate.nothing-measured", message: `nothing was measured: every gate was skipped (${Object.keys(report.gates).join(", ")}); add a gate that can run here, or give the skipped gate what it needs` });
    hardFailure = "error";
  }
  const anyError = hardFailure === "error" || gates.some((g) => g.status === "error");
  report.verdict = anyError ? "error" : hardFailure === "fail" || report.failed_gates.length > 0 ? "fail" : "pass";
}
async function execute(run, setModel) {
  let t = performance.now();
  const pol = await readPolicy(run);
  run.mark("policy", t);
  if (run.inputs.shard) refuseUnshardable(pol.policy, pol.position);
  t = performance.now();
  const modelPath = pol.resolve(pol.policy.model.path, "model.path", ["model", "path"]);
  const modelFile = await readTargetModel(modelPath, pol);
  const verified = await verifySignature(run, pol, modelPath);
  run.mark("signature", t);
  t = performance.now();
  const datasets = await loadDatasets(run, pol);
  run.mark("datasets", t);
  t = performance.now();
  const model = await loadTargetModel(run, pol, modelFile, verified);
  setModel(model);
  run.mark("model", t);
  const { shard, shards } = run.inputs;
  if (shard || shards) {
    const digests = shardDigests(run, pol, model, datasets);
    if (shards) {
      shards.verify(digests);
      for (const [name, ds] of datasets) {
        if (!shards.datasets.includes(name)) continue;
        const t0 = performance.now();
        shards.checkAssignment(name, assignmentOf(model, ds, shards.n));
        run.mark(`shard.check.${name}`, t0);
      }
    }
    if (shard) return writeShard(run, pol, model, datasets, digests, shard);
  }
  const shared = shareModel(run, pol, model, datasets);
  try {
    await runMeasuringGates(run, pol, shared);
  } finally {
    await shared.release();
  }
  if (pol.policy.model.card) {
    t = performance.now();
    await checkModelCard(run, pol, pol.policy.model.card, shared);
    run.mark("model-card", t);
  }
}
async function readPolicy(run) {
  const { inputs, report, warn } = run;
  const { workspace, workingDirectory } = inputs;
  const policyRel = resolveInside(workspace, workingDirectory, inputs.policyPath, "policy").rel;
  let trusted = inputs.trusted;
  if (trusted.source === "base" && !await trusted.exists(policyRel)) {
    warn({
      code: "policy.introduced",
      message: `${policyRel} does not exist at the base commit: this pull request introduces the policy, so it and its trust files are read from the pull request itself. Review them carefully`,
      file: policyRel
    });
    trusted = inputs.head;
  }
  const policyText = (await trusted.read(policyRel).catch((e) => {
    throw new GateError("policy.missing", `${e.message}: create the policy file or set the policy input`, { where: { file: policyRel } });
  })).toString("utf8");
  const parsed = parsePolicy(policyText, policyRel);
  const policy = parsed.policy;
  const position = parsed.positionOf;
  report.policy = { path: policyRel, sha256: parsed.sha256, source: trusted.source, loosened: [] };
  report.seed = inputs.seed ?? policy.seed;
  const deadline = performance.now() + policy["budget-minutes"] * 6e4;
  const pol = {
    policy,
    position,
    path: policyRel,
    headPolicy: null,
    trusted,
    checkBudget: () => {
      if (performance.now() > deadline) {
        throw new GateError("budget", `budget exceeded: the run took longer than budget-minutes (${policy["budget-minutes"]}); raise it in the policy or lower limit/queries`);
      }
    },
    resolve: (p, what, at) => resolveInside(workspace, workingDirectory, p, what, position(at)),
    wsRel: (p) => resolveInside(workspace, workingDirectory, p, "path").rel
  };
  if (trusted.source === "base") pol.headPolicy = await pullRequestChanges(run, pol, policyText);
  return pol;
}
async function pullRequestChanges(run, pol, policyText) {
  const { inputs, report, warn } = run;
  const { policy, position, trusted, wsRel, path: policyRel } = pol;
  const loosened = [];
  report.policy.loosened = loosened;
  let headPolicy = null;
  let headPosition = null;
  const headText = await inputs.head.read(policyRel).then((b) => b.toString("utf8")).catch(() => null);
  if (headText === null) {
    loosened.push({ path: "(policy)", from: "present", to: "deleted", reason: "the pull request deletes the policy" });
  } else if (headText !== policyText) {
    try {
      const head = parsePolicy(headText, policyRel);
      headPolicy = head.policy;
      headPosition = head.positionOf;
      loosened.push(...compareStrictness(policy, head.policy, head.positionOf));
    } catch (e) {
      loosened.push({ path: "(policy)", from: "valid", to: "invalid", reason: `the pull request's policy is not valid: ${asGateError(e).message}` });
    }
  }
  loosened.push(
    ...await trustFileChanges({ base: policy, basePositionOf: position, head: headPolicy, headPositionOf: headPosition, baseFiles: trusted, headFiles: inputs.head, wsRel })
  );
  for (const l of loosened) {
    if (l.file !== void 0) {
      warn({ code: "trust.changed", message: `trust file changed: ${l.file} (${l.path}) ${l.from ?? "absent"} -> ${l.to ?? "deleted"}: ${l.reason}; review it with its code owners`, file: l.file });
      continue;
    }
    warn({ code: "policy.loosened", message: `policy loosened: ${l.path} ${JSON.stringify(l.from)} -> ${JSON.stringify(l.to)}${l.reason ? ` (${l.reason})` : ""}`, file: policyRel, line: l.line });
  }
  const touched = loosened.length > 0 ? modelOrDataChanged([policy, headPolicy], inputs.changedFiles, wsRel) : [];
  if (touched.length > 0) {
    const trustFiles = loosened.flatMap((l) => l.file !== void 0 ? [l.file] : []);
    const loosensPolicy = trustFiles.length < loosened.length;
    const changesTrust = trustFiles.length > 0 ? `changes the trust file${trustFiles.length > 1 ? "s" : ""} ${trustFiles.join(", ")}` : "";
    const what = [loosensPolicy ? "loosens the policy" : "", changesTrust].filter(Boolean).join(" and ");
    report.failed_gates.push("policy");
    warn({
      code: "policy.loosened-with-change",
      message: `this pull request ${what} AND changes ${touched.slice(0, 3).join(", ")}${touched.length > 3 ? ` and ${touched.length - 3} more` : ""}: split the ${loosensPolicy ? "policy" : "trust-file"} change into its own pull request for its code owners`,
      file: policyRel
    });
  }
  return headPolicy;
}
function readTargetModel(modelPath, pol) {
  return readModelFile(modelPath, {
    code: "model",
    unreadable: (reason) => `model.path ${modelPath.rel} cannot be read (${reason}): check the path, or that the training job committed the model`,
    where: pol.position(["model", "path"])
  });
}
async function verifySignature(run, pol, modelPath) {
  const { inputs, report, warn, log } = run;
  const { policy } = pol;
  const cardAbs = policy.model.card ? pol.resolve(policy.model.card, "model.card", ["model", "card"]).abs : void 0;
  let signature2;
  let verified;
  try {
    ({ report: signature2, subject: verified } = await verifyModelSignatureWithSubject({
      policy: policy.signature,
      workspace: inputs.workspace,
      workingDirectory: inputs.workingDirectory,
      modelPath: modelPath.abs,
      cardPath: cardAbs,
      trusted: pol.trusted,
      log: (m) => log.info(m)
    }));
  } catch (e) {
    const err = asGateError(e, "signature.error");
    report.signature = { status: err.kind === "fail" ? "failed" : "error", message: err.message };
    throw err.code.startsWith("signature") ? err : new GateError(`signature.${err.code}`, err.message, { kind: err.kind, where: err.where });
  }
  report.signature = signature2;
  if (signature2.status === "skipped") {
    warn({ code: "signature.skipped", message: "the model is not signed and signature.required is false: its origin is not verified", file: pol.path });
  }
  return verified;
}
async function loadDatasets(run, pol) {
  const { inputs, report, log } = run;
  const { policy, position } = pol;
  const datasets = /* @__PURE__ */ new Map();
  for (const [name, spec] of Object.entries(policy.datasets)) {
    log.info(`dataset ${name}: loading ${spec.path}`);
    const ds = await loadDataset(name, spec, {
      workspace: inputs.workspace,
      workingDirectory: inputs.workingDirectory,
      positionOf: (p) => position(["datasets", name, ...p])
    });
    datasets.set(name, ds);
    const files = [ds.path, ...ds.extraFiles.map((f) => f.path)];
    report.datasets[name] = {
      path: ds.path,
      rows: ds.rows,
      sha256: ds.sha256,
      format: ds.format,
      changed_in_pr: inputs.changedFiles ? files.some((f) => inputs.changedFiles.has(f)) : null,
      pinned: typeof spec.sha256 === "string"
    };
    log.info(`dataset ${name}: ${ds.rows} rows (${ds.format}, sha256 ${ds.sha256.slice(0, 12)})`);
  }
  if (inputs.changedFiles) warnUnpinnedChanges(run, pol, datasets, inputs.changedFiles);
  return datasets;
}
function warnUnpinnedChanges(run, pol, datasets, changedFiles) {
  const { policy, position } = pol;
  for (const name of gateDatasets(policy)) {
    const ds = datasets.get(name), spec = policy.datasets[name];
    if (!ds || !spec) continue;
    const pins = [];
    const files = [];
    if (changedFiles.has(ds.path) && spec.sha256 === void 0) {
      files.push(ds.path);
      pins.push(`datasets.${name}.sha256: ${ds.sha256}`);
    }
    const labels = ds.extraFiles[0];
    if (labels && changedFiles.has(labels.path) && spec["labels-sha256"] === void 0) {
      files.push(labels.path);
      pins.push(`datasets.${name}.labels-sha256: ${labels.sha256}`);
    }
    if (!pins.length) continue;
    run.warn({
      code: "data.unpinned-change",
      message: `dataset ${name} (${files.join(", ")}) is changed by this pull request and not pinned, so its new content is evaluated unreviewed: pin it in the policy with ${pins.join(" and ")}`,
      file: pol.path,
      ...lineOf2(position(["datasets", name]))
    });
  }
}
function engineThreads(inputs) {
  return inputs.threads ?? Math.max(1, Math.min(4, os2.availableParallelism()));
}
async function loadTargetModel(run, pol, file, verified) {
  const { inputs, report, warn } = run;
  const { policy } = pol;
  const threads = engineThreads(inputs);
  const model = await loadModel({
    abs: file.abs,
    rel: file.rel,
    bytes: file.bytes,
    sha256: file.sha256,
    verified,
    threads,
    policy: policy.model,
    subjectAbs: pol.resolve(policy.signature.subject ?? policy.model.path, "signature.subject", ["signature", "subject"]).abs,
    workspace: inputs.workspace,
    position: pol.position
  });
  report.model = model.report(report.signature.root_digest);
  for (const w of model.warnings) warn({ code: "model", message: w, file: file.rel });
  report.environment = {
    onnxruntime: model.ortVersion,
    node: process.versions.node,
    platform: `${process.platform}-${process.arch}`,
    threads: model.threads,
    // 1 for a tree ensemble (src/model/batch-rule.ts)
    batch_sizes: {}
  };
  return model;
}
function shareModel(run, pol, model, datasets, shard) {
  const { inputs, report, log, mark } = run;
  const rowsOf = shard?.rowsOf;
  const cache = inputs.cache;
  const { policy, position, checkBudget } = pol;
  const predictions = /* @__PURE__ */ new Map();
  const getDataset = (name) => {
    const ds = datasets.get(name);
    if (!ds) throw new GateError("policy.dataset", `dataset "${name}" is not defined under datasets:`);
    return ds;
  };
  const predictOn = async (m, name) => {
    const ds = getDataset(name);
    const batchSize = m.featureView(ds).batchSize;
    if (inputs.shards) {
      const served = inputs.shards.predictions(m.sha256, name);
      if (!served || served.rows !== ds.rows) {
        throw new GateError("shard.uncovered", `the shard partials ${served ? `hold ${served.rows} rows` : "hold no predictions"} of model ${m.rel} (sha256 ${m.sha256.slice(0, 12)}) on dataset ${name}${served ? `, which has ${ds.rows}` : ""}: re-run the shards with this policy and models`);
      }
      return { predictions: served, batchSize, inferred: false };
    }
    const rows = shard && m.output.kind !== "label" ? shard.rowsOf(name) : void 0;
    const expand = (p) => rows ? withHoles(p, rows, ds) : p;
    const key = cache ? predictionsKey(m, ds, policy, rows ? { k: shard.k, n: shard.n } : "all") : "";
    const hit = cache?.get(key);
    const cached = hit && decodePredictions(hit, ds.name, rows ? rows.length : ds.rows);
    if (cached) {
      log.info(`cache: model ${m.rel} on dataset ${name}: predictions from the cache (${key.slice(0, 12)})`);
      return { predictions: expand(cached), batchSize, inferred: false };
    }
    if (hit) log.warn(`cache: the entry ${key.slice(0, 12)} for model ${m.rel} on dataset ${name} does not hold its predictions: ignored, recomputed`);
    const out = await predict(m, ds, { checkBudget, progress: inputs.progress, rows });
    if (cache) cache.put(key, encodePredictions(out.predictions));
    return { predictions: expand(out.predictions), batchSize, inferred: true };
  };
  const getPredictions = (name) => {
    let p = predictions.get(name);
    if (!p) {
      const ds = getDataset(name);
      p = (async () => {
        const t0 = performance.now();
        const out = await predictOn(model, ds.name);
        report.environment.batch_sizes[name] = out.batchSize;
        if (out.inferred) mark(`inference.${name}`, t0);
        return out.predictions;
      })();
      predictions.set(name, p);
    }
    return p;
  };
  const gateModel = gateModelOf(model, policy, getDataset);
  const refModels = /* @__PURE__ */ new Map();
  const refPredictions = /* @__PURE__ */ new Map();
  const loadReference = async (pathInPolicy, pin) => {
    const at = pol.resolve(pathInPolicy, "reference model", ["gates", "memorisation", "reference-models"]);
    return loadPinnedModel(at, { code: "reference", unreadable: (reason) => `reference model ${at.rel} cannot be read (${reason})`, pin }, {
      threads: engineThreads(inputs),
      policy,
      workspace: inputs.workspace,
      position,
      onRead: (sha256) => log.info(`reference model ${at.rel}: loading (sha256 ${sha256.slice(0, 12)})`)
    });
  };
  const referenceModels = {
    predictions(pathInPolicy, pin, dataset2) {
      const key = `${pathInPolicy}\0${dataset2}`;
      let out = refPredictions.get(key);
      if (!out) {
        out = (async () => {
          let loaded = refModels.get(pathInPolicy);
          if (!loaded) {
            loaded = loadReference(pathInPolicy, pin);
            refModels.set(pathInPolicy, loaded);
          }
          const m = await loaded;
          return (await predictOn(m, dataset2)).predictions;
        })();
        refPredictions.set(key, out);
      }
      return out;
    }
  };
  const baseline = baselineRunner({
    workspace: inputs.workspace,
    workingDirectory: inputs.workingDirectory,
    policy,
    position,
    seed: report.seed,
    referenceModels,
    trusted: pol.trusted,
    baseFiles: inputs.baseFiles,
    threads: engineThreads(inputs),
    getDataset,
    checkBudget,
    log,
    progress: inputs.progress,
    predict: async (m, dataset2) => (await predictOn(m, dataset2)).predictions,
    // A row-work gate on the baseline (regression compare): on the shard's rows, the merged records or the cache.
    runRowWork: (gate, ctx, m) => rowWork(gate, ctx, m, "baseline")
  });
  const assignments = /* @__PURE__ */ new Map();
  const mergedAssignment = (name) => {
    let a = inputs.shards.assignment(name) ?? assignments.get(name);
    if (!a) assignments.set(name, a = assignmentOf(model, getDataset(name), inputs.shards.n));
    return a;
  };
  function rowWork(gate, ctx, m, role) {
    const on = { sha256: m.sha256, path: m.rel };
    if (shard) {
      const work = shard.work(gate.name, role, on);
      if (!cache || work.mode !== "shard") return gate.run({ ...ctx, work });
      const key2 = recordsKey(gate.name, m, policy, datasets, report.seed, { k: shard.k, n: shard.n });
      const hit = cache.get(key2);
      if (hit) {
        log.info(`cache: gate ${gate.name} on model ${m.rel}, shard ${shard.k}/${shard.n}: records from the cache (${key2.slice(0, 12)})`);
        work.emit(hit);
        return Promise.resolve({ metrics: {}, details: {}, skipped: "shard" });
      }
      return gate.run({ ...ctx, work: { ...work, emit: (b) => (cache.put(key2, b), work.emit(b)) } });
    }
    if (inputs.shards) return gate.run({ ...ctx, work: mergedWork(inputs.shards, gate.name, role, on, mergedAssignment) });
    if (!cache) return gate.run(ctx);
    const key = recordsKey(gate.name, m, policy, datasets, report.seed, "all");
    return runWithCache(gate, ctx, cache, key, `gate ${gate.name} on model ${m.rel}`, log, (name) => getDataset(name).rows);
  }
  return {
    dataset: getDataset,
    predictions: getPredictions,
    model: gateModel,
    rowWork: (gate, ctx) => rowWork(gate, ctx, model, "head"),
    referenceModels,
    baseline,
    release: async () => {
      for (const m of refModels.values()) await m.then((x) => x.session.release()).catch(() => void 0);
      await baseline.release();
    }
  };
}
function shardDigests(run, pol, model, datasets) {
  const { report } = run;
  return {
    tool: VERSION,
    onnxruntime: model.ortVersion,
    platform: `${process.platform}-${process.arch}`,
    seed: report.seed,
    policy: { path: pol.path, sha256: report.policy.sha256 },
    model: { path: model.rel, sha256: model.sha256, external: model.externalData.map((e) => ({ path: e.path, sha256: sha256Hex(e.data) })) },
    datasets: Object.fromEntries([...datasets].map(([name, ds]) => [name, {
      path: ds.path,
      sha256: ds.sha256,
      extra: ds.extraFiles.map((f) => ({ path: f.path, sha256: f.sha256 })),
      spec: JSON.parse(JSON.stringify(pol.policy.datasets[name]))
    }]))
  };
}
async function writeShard(run, pol, model, datasets, digests, shard) {
  const rows = /* @__PURE__ */ new Map();
  const rowsOf = (name) => {
    let r = rows.get(name);
    if (!r) {
      const ds = datasets.get(name);
      if (!ds) throw new GateError("policy.dataset", `dataset "${name}" is not defined under datasets:`);
      const t0 = performance.now();
      r = rowsOfShard(assignmentOf(model, ds, shard.n), shard.k);
      run.mark(`shard.assign.${name}`, t0);
      rows.set(name, r);
    }
    return r;
  };
  const records = [];
  const work = (gate, role, on) => ({
    mode: "shard",
    k: shard.k,
    n: shard.n,
    rows: rowsOf,
    emit: (bytes) => {
      if (records.some((r) => r.gate === gate && r.role === role)) throw new GateError("shard.internal", `internal error: gate ${gate} emitted its records twice: ${INTERNAL_HINT}`);
      records.push({ gate, role, model: on.sha256, path: on.path, bytes });
    }
  });
  const shared = shareModel(run, pol, model, datasets, { k: shard.k, n: shard.n, rowsOf, work });
  const entries = [];
  try {
    for (const need of shardNeeds(pol.policy)) {
      pol.checkBudget();
      const at = { dataset: need.dataset, rows: rowsOf(need.dataset) };
      if (need.role === "head") {
        entries.push({ role: "head", model: model.sha256, path: model.rel, ...at, predictions: compact(await shared.predictions(need.dataset), at.rows) });
      } else if (need.role === "reference") {
        const ref = need.reference;
        const predictions = compact(await shared.referenceModels.predictions(ref.path, ref.sha256, need.dataset), at.rows);
        entries.push({ role: "reference", model: pinHex(ref.sha256), path: pol.wsRel(ref.path), ...at, predictions });
      } else {
        const resolved = await shared.baseline.resolve();
        if ("none" in resolved) continue;
        entries.push({ role: "baseline", model: resolved.baseline.sha256, path: resolved.baseline.path, ...at, predictions: compact(await shared.baseline.predictions(need.dataset), at.rows) });
      }
    }
    for (const w of shardWork(pol.policy)) {
      pol.checkBudget();
      const gate = rowWorkGate(w.gate);
      const t0 = performance.now();
      if (w.role === "head") {
        run.log.info(`gate ${gate.name}: row work of shard ${shard.k}/${shard.n}`);
        await shared.rowWork(gate, gateContext(run, pol, shared, gate.name, {}));
      } else {
        if ("none" in await shared.baseline.resolve()) continue;
        await shared.baseline.outcome(gate.name);
      }
      run.mark(`gate.${gate.name}${w.role === "baseline" ? ".baseline" : ""}`, t0);
      if (!records.some((r) => r.gate === gate.name && r.role === w.role)) {
        throw new GateError("shard.internal", `internal error: gate ${gate.name} did its row work but emitted no records: ${INTERNAL_HINT}`);
      }
    }
  } finally {
    await shared.release();
  }
  shard.partial({ shard: { k: shard.k, n: shard.n }, digests, entries, records });
}
function assignmentOf(model, ds, n) {
  const v = model.featureView(ds);
  return shardOfRows({ rows: ds.rows, dim: v.dim, featuresView: (r) => v.featuresView(r) }, n);
}
function gateContext(run, pol, shared, gate, extra) {
  return {
    policy: pol.policy.gates[gate],
    seed: run.report.seed,
    dataset: shared.dataset,
    predictions: shared.predictions,
    model: shared.model,
    referenceModels: shared.referenceModels,
    baseline: shared.baseline,
    log: run.log,
    progress: run.inputs.progress,
    position: pol.position,
    checkBudget: pol.checkBudget,
    ...extra
  };
}
function mergedWork(shards, gate, role, model, shardOf) {
  return {
    mode: "merge",
    n: shards.n,
    records: () => {
      const r = shards.records(gate, role, model.sha256);
      if (!r) throw new GateError("shard.uncovered", `the shard partials hold no records of gate ${gate} on model ${model.path} (sha256 ${model.sha256.slice(0, 12)}): re-run the shards with this policy and models`);
      return r;
    },
    shardOf
  };
}
async function runMeasuringGates(run, pol, shared) {
  const { report, log, mark } = run;
  const outcomes = /* @__PURE__ */ new Map();
  for (const gate of GATES_IN_ORDER) {
    if (gate.stage === "after-measuring") continue;
    const gatePolicy = pol.policy.gates[gate.name];
    if (!gatePolicy) continue;
    const t = performance.now();
    log.info(`gate ${gate.name}: running`);
    const ctx = gateContext(run, pol, shared, gate.name, { measured: (name) => outcomes.get(name) });
    const runIt = gate.rowWork ? (c) => shared.rowWork(gate, c) : void 0;
    const result = await evaluateGate(gate, gatePolicy, ctx, run, (out) => outcomes.set(gate.name, out), runIt);
    setGateResult(report, gate.name, result);
    mark(`gate.${gate.name}`, t);
    log.info(`gate ${gate.name}: ${result.status}`);
  }
}
async function checkModelCard(run, pol, cardInPolicy, shared) {
  const { inputs, report, warn } = run;
  const { policy, headPolicy, position, wsRel } = pol;
  const cardRel = wsRel(cardInPolicy);
  const headCardRel = headPolicy?.model.card ? wsRel(headPolicy.model.card) : cardRel;
  const readText = async (files, rel) => {
    if (!files || !await files.exists(rel)) return null;
    return { path: rel, text: (await files.read(rel)).toString("utf8") };
  };
  const headCard = await readText(inputs.head, headCardRel);
  const baseCard = inputs.baseFiles ? await readText(inputs.baseFiles, cardRel) : headCard;
  const cardPolicy = policy.gates["model-card"];
  const mc = modelCardReport({
    base: baseCard,
    head: headCard,
    measured: measuredMetrics(report.gates),
    policy: cardPolicy,
    coversCard: report.signature.covers_card ?? null
  });
  if (!inputs.baseFiles) mc.status = "not-compared";
  report.model_card = mc;
  const cardWhere = position(["model", "card"]) ?? { file: pol.path };
  if (!headCard && !cardPolicy) {
    throw new GateError("model-card.missing", `model.card ${headCardRel} does not exist: commit the model card, or fix model.card in the policy`, { where: cardWhere });
  }
  for (const m of mc.metadata.filter((x) => x.loud)) {
    warn({ code: "model-card.licence", message: `the model card's ${m.key} changed from ${JSON.stringify(m.from)} to ${JSON.stringify(m.to)}`, file: headCardRel, line: m.line });
  }
  for (const c of mc.claims) {
    if (c.pass === false && c.onMismatch === "warn") {
      warn({ code: "model-card.claim", message: `model card claims ${c.claim} ${JSON.stringify(c.claimed)} but this run measured ${c.measured} (tolerance ${c.tolerance})`, file: c.file, line: c.line, col: c.col });
    }
  }
  const card = { path: headCardRel, exists: headCard !== null, where: cardWhere, claims: mc.claims };
  for (const gate of GATES_IN_ORDER) {
    if (gate.stage !== "after-measuring") continue;
    const gatePolicy = policy.gates[gate.name];
    if (!gatePolicy) continue;
    const ctx = { policy: gatePolicy, seed: report.seed, dataset: shared.dataset, predictions: shared.predictions, card, log: run.log, position, checkBudget: pol.checkBudget };
    setGateResult(report, gate.name, await evaluateGate(gate, gatePolicy, ctx, run));
  }
}
var GATES_IN_ORDER = GATES;
function setGateResult(report, name, result) {
  report.gates[name] = result;
}
async function evaluateGate(gate, gatePolicy, ctx, run, record, runIt = (c) => gate.run(c)) {
  const { report, warn } = run;
  try {
    assertChecksSomething(gate, gatePolicy, ctx.position);
    const out = await runIt(ctx);
    record?.(out);
    for (const a of out.artifacts ?? []) run.inputs.artifact?.(gate.name, a);
    if (out.skipped !== void 0) {
      warn({ code: `gate.${gate.name}.skipped`, message: `${gate.name}: skipped: ${out.skipped}` });
      return { status: "skipped", metrics: {}, checks: [], details: out.details, message: out.skipped };
    }
    const checks = [
      ...gate.ownThresholds ? [] : evaluateThresholds(gate.name, gatePolicy.thresholds, out.metrics, out.ci, gatePolicy["gate-on"] ?? "point", ctx.position),
      ...out.extraChecks ?? []
    ];
    const problems = out.problems ?? [];
    const result = { status: problems.length ? "error" : checks.every((c) => c.pass) ? "pass" : "fail", metrics: out.metrics, checks, details: out.details };
    if (out.ci) result.ci = out.ci;
    if (problems.length) result.message = problems[0].located;
    for (const w of out.warnings ?? []) warn({ code: `gate.${gate.name}`, message: `${gate.name}: ${w}` });
    for (const err of problems) report.errors.push({ code: err.code, message: err.locatedAs(`gate ${gate.name}: `), ...err.where ?? {} });
    return result;
  } catch (e) {
    const err = asGateError(e);
    if (err.code === "budget") throw err;
    report.errors.push({ code: err.code, message: err.locatedAs(`gate ${gate.name}: `), ...err.kind === "fail" ? { kind: "fail" } : {}, ...err.where ?? {} });
    if (run.inputs.debug) run.log.info(`debug: gate ${gate.name}: ${debugStack(err)}`);
    return { status: err.kind === "fail" ? "fail" : "error", metrics: {}, checks: [], details: err.details ?? {}, message: err.located };
  }
}
function gateDatasets(policy) {
  const g = policy.gates;
  const names = [g.accuracy?.dataset, g.robustness?.dataset, g.memorisation?.members, g.memorisation?.["non-members"], g.memorisation?.population, g.fairness?.dataset, ...g.regression?.datasets ?? []];
  names.push(g.drift?.reference, g.drift?.current);
  return [...new Set(names.filter((n) => typeof n === "string"))];
}
function lineOf2(p) {
  return p ? { line: p.line, col: p.col } : {};
}
function assertChecksSomething(gate, gatePolicy, position) {
  const thresholds = gatePolicy.thresholds;
  if (thresholds && Object.keys(thresholds).length > 0) return;
  const keys = gate.checkKeys ?? [];
  if (keys.some((k) => gatePolicy[k] !== void 0)) return;
  const list2 = (xs) => xs.length > 1 ? `${xs.slice(0, -1).join(", ")} or ${xs[xs.length - 1]}` : xs.join("");
  throw new GateError(
    "gate.no-checks",
    `gates.${gate.name} has no thresholds, so it checks nothing: add thresholds (on ${list2(gate.metrics)})${keys.length ? ` or ${list2(keys)}` : ""}, or remove the gate`,
    { where: position(["gates", gate.name, "thresholds"]) ?? position(["gates", gate.name]) }
  );
}
function modelOrDataChanged(policies, changed, wsRel) {
  if (!changed) return [];
  const named = [];
  for (const policy of policies) {
    if (!policy) continue;
    named.push(policy.model.path, policy.signature.subject, policy.signature.bundle, policy.model.card);
    for (const d of Object.values(policy.datasets)) named.push(d.path, d.labels);
    for (const r of policy.gates.memorisation?.["reference-models"] ?? []) named.push(r.path);
    named.push(policy.gates.regression?.baseline?.path);
  }
  const watched = /* @__PURE__ */ new Set();
  for (const p of named) {
    if (typeof p !== "string") continue;
    try {
      watched.add(wsRel(p));
    } catch {
    }
  }
  const hits = [];
  for (const f of changed) {
    if ([...watched].some((w) => f === w || f.startsWith(w.endsWith("/") ? w : w + "/"))) hits.push(f);
  }
  return hits.sort();
}

export {
  runGate
};
