import { createRequire as __mgCreateRequire } from 'node:module';
const require = __mgCreateRequire(import.meta.url);
import {
  BUNDLE_V03,
  cell,
  code,
  decimal,
  fenced,
  md,
  mermaidLabel,
  safeUrl
} from "./chunk-VZPTT7CE.js";
import {
  canon,
  distinctSorted
} from "./chunk-T3NF2ROV.js";
import {
  VERSION,
  describe,
  parseBundle,
  preAuthEncoding,
  require_dist,
  verifyKeylessBundle
} from "./chunk-KG5F2G4A.js";
import {
  driftScore,
  formatValue
} from "./chunk-O54UC3Q5.js";
import {
  resolveInside
} from "./chunk-HUZQ54LW.js";
import {
  sha256Hex
} from "./chunk-5KBCKNTJ.js";
import {
  GateError
} from "./chunk-2EUQIP2O.js";
import {
  __toESM
} from "./chunk-KXLR6RWI.js";

// src/progress/format.ts
var LOG_INTERVAL_MS = 5e3;
var QUIET_MS = 1e3;
var REDRAW_MS = 250;
function progressFormatter(opts) {
  const interval = LOG_INTERVAL_MS;
  const quiet = opts.quietMs ?? QUIET_MS;
  const redraw = REDRAW_MS;
  const tasks = /* @__PURE__ */ new Map();
  let lastLine = -Infinity;
  let lastDraw = -Infinity;
  return {
    push(e) {
      const now = opts.now();
      if (e.phase === "start" || !tasks.has(e.task)) tasks.set(e.task, { at: now, shown: false });
      const task = tasks.get(e.task);
      const elapsed = now - task.at;
      if (e.phase === "end") tasks.delete(e.task);
      if (!opts.live && e.phase !== "end") {
        if (task.shown ? now - lastLine < interval : elapsed < quiet || e.phase === "start" && quiet > 0) return null;
        task.shown = true;
      }
      if (opts.live && e.phase === "update" && now - lastDraw < redraw) return null;
      const text = e.phase === "start" ? startLine(e) : e.phase === "update" ? updateLine(e, elapsed) : endLine(e, elapsed);
      if (opts.live && e.phase !== "end") {
        lastDraw = now;
        return { text, live: true };
      }
      lastLine = now;
      lastDraw = -Infinity;
      return { text, live: false };
    }
  };
}
function head(e) {
  return `${e.task} \u2014 ${e.done}/${e.total} ${e.unit}`;
}
function startLine(e) {
  return head(e);
}
function updateLine(e, elapsedMs) {
  const parts = [head(e)];
  if (e.broken !== void 0) parts.push(`${e.broken} broken`);
  const secs = elapsedMs / 1e3;
  if (secs > 0) {
    if (e.queries !== void 0) parts.push(`${rate(e.queries / secs)} queries/s`);
    else parts.push(`${rate(e.done / secs)} ${e.unit}/s`);
    const eta = etaMs(e, elapsedMs);
    if (eta !== null) parts.push(`ETA ${e.remainingQueries !== void 0 ? "\u2264 " : ""}${duration(eta)}`);
  }
  return parts.join(", ");
}
function endLine(e, elapsedMs) {
  const secs = elapsedMs / 1e3;
  const took = `${secs.toFixed(1)} s`;
  const per = (count, what) => secs > 0 ? ` (${rate(count / secs)} ${what}/s)` : "";
  const broken = e.broken !== void 0 ? `, ${e.broken} broken` : "";
  if (e.queries !== void 0) return `${head(e)}${broken}, ${e.queries} queries in ${took}${per(e.queries, "queries")}`;
  return `${head(e)}${broken} in ${took}${per(e.done, e.unit)}`;
}
function etaMs(e, elapsedMs) {
  if (!(elapsedMs > 0)) return null;
  if (e.remainingQueries !== void 0) {
    if (!(e.queries > 0)) return null;
    return e.remainingQueries * elapsedMs / e.queries;
  }
  if (!(e.done > 0)) return null;
  return Math.max(0, e.total - e.done) * elapsedMs / e.done;
}
function rate(x) {
  return x < 10 ? x.toFixed(1) : String(Math.round(x));
}
function duration(ms) {
  const s = Math.ceil(ms / 1e3);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`;
  const m = Math.floor(s / 60);
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, "0")}m`;
}

// src/engine/working-tree.ts
import { readFile, stat } from "node:fs/promises";
function workingTreeFiles(workspace, source = "working-tree") {
  return {
    source,
    async read(rel) {
      const { abs } = resolveInside(workspace, workspace, rel, "file");
      try {
        return await readFile(abs);
      } catch (e) {
        const code2 = e.code;
        throw new GateError("trusted.missing", code2 === "ENOENT" ? `${rel} does not exist` : `cannot read ${rel}: ${e.message}`);
      }
    },
    async exists(rel) {
      try {
        const { abs } = resolveInside(workspace, workspace, rel, "file");
        await stat(abs);
        return true;
      } catch {
        return false;
      }
    }
  };
}

// src/report/cyclonedx.ts
import { createHash } from "node:crypto";

// src/report/view.ts
function num(v) {
  if (v === null || v === void 0) return "\u2014";
  if (typeof v === "boolean") return v ? "yes" : "no";
  if (typeof v !== "number") return String(v);
  if (!Number.isFinite(v)) return String(v);
  if (Number.isInteger(v)) return String(v);
  const a = Math.abs(v);
  if (a >= 1e-4 && a < 1e7) return String(Number(v.toPrecision(4)));
  return v.toExponential(3).replace(/\.?0+e/, "e");
}
function ciText(ci) {
  return ci ? `[${num(ci[0])}, ${num(ci[1])}]` : "";
}
function thresholdText(c) {
  if (c.min !== void 0 && c.max !== void 0) return `${num(c.min)} \u2026 ${num(c.max)}`;
  if (c.min !== void 0) return `\u2265 ${num(c.min)}`;
  if (c.max !== void 0) return `\u2264 ${num(c.max)}`;
  return "";
}
function shortSha(hex, n = 12) {
  if (!hex) return "\u2014";
  const h = hex.replace(/^sha256:/, "");
  return h.length > n ? h.slice(0, n) : h;
}
function bytes(n) {
  if (n === null || n === void 0) return "\u2014";
  if (n < 1024) return `${n} B`;
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(1)} ${units[u]}`;
}
function position(file, line, col) {
  if (!file) return "";
  return [file, line, line !== void 0 ? col : void 0].filter((p) => p !== void 0).join(":");
}
function loosenedWhere(r, l) {
  return l.file !== void 0 ? l.file : r.policy ? position(r.policy.path, l.line) : "";
}
function loosenedTitle(l) {
  const trust = l.some((x) => x.file !== void 0), policy = l.some((x) => x.file === void 0);
  return policy && trust ? "Policy loosened, trust files changed" : trust ? "Trust files changed" : "Policy loosened";
}
function gateTitleId(id) {
  return id && id !== "model-gate" ? id : void 0;
}
function verdictView(r) {
  const measured = gateEntries(r).filter((e) => e.result.status !== "skipped").map((e) => e.name);
  const skipped = gateEntries(r).filter((e) => e.result.status === "skipped").map((e) => e.name);
  const advisory = r.mode === "advisory" ? " (advisory mode: gate thresholds do not fail the step)" : "";
  if (r.verdict === "pass") {
    const sig = r.signature.status === "verified" ? " and its signature was verified" : r.signature.status === "skipped" ? " (signature not required, not checked)" : "";
    const n = measured.length;
    return {
      emoji: "\u2705",
      word: "PASS",
      sentence: n ? `The model passed ${n === 1 ? "its only gate" : `all ${n} gates`} (${measured.join(", ")})${sig}${skipped.length ? `; skipped: ${skipped.join(", ")}` : ""}.` : `No gate ran${sig ? `; ${sig.replace(/^ and | \(|\)$/g, "")}` : ""}.`
    };
  }
  if (r.verdict === "fail") {
    const reasons = [];
    const failedGates = r.failed_gates.filter((g) => g in r.gates);
    if (failedGates.length)
      reasons.push(`the model failed ${failedGates.length} of ${measured.length} gate${measured.length === 1 ? "" : "s"}: ${failedGates.join(", ")}`);
    if (r.failed_gates.includes("policy"))
      reasons.push(`this pull request ${(r.policy?.loosened ?? []).some((l) => l.file === void 0) ? "loosens the policy" : "changes a trust file"} and also changes the model or its data`);
    if (r.signature.status === "failed" || r.failed_gates.includes("signature")) reasons.push("the model signature did not verify");
    if (r.failed_gates.includes("datasets")) reasons.push("a pinned data file changed (tampering?)");
    const other = r.failed_gates.filter((g) => !(g in r.gates) && g !== "policy" && g !== "signature" && g !== "datasets");
    if (other.length) reasons.push(`failed: ${other.join(", ")}`);
    if (!reasons.length) reasons.push("the model failed");
    const text = reasons.join("; ");
    return { emoji: "\u274C", word: "FAIL", sentence: `${text[0].toUpperCase()}${text.slice(1)}${advisory}.` };
  }
  const first = evaluationErrors(r)[0] ?? r.errors[0];
  return {
    emoji: "\u26A0\uFE0F",
    word: "ERROR",
    sentence: "model-gate could not evaluate the model",
    firstError: first ? withPos(first.message, first.file, first.line, first.col) : void 0
  };
}
function evidenceErrors(r) {
  return r.errors.filter((e) => e.kind === "fail");
}
function evaluationErrors(r) {
  return r.errors.filter((e) => e.kind !== "fail");
}
function withPos(message, file, line, col) {
  const pos = position(file, line, col);
  return pos && !message.startsWith(pos) ? `${pos}: ${message}` : message;
}
function located(m) {
  return withPos(m.message, m.file, m.line, m.col);
}
function metricRows(g) {
  const rows = [];
  const seen = /* @__PURE__ */ new Set();
  for (const c of g.checks) {
    rows.push({ metric: c.metric, value: c.value, check: c, ci: g.ci?.[c.metric] });
    seen.add(c.metric);
  }
  for (const [k, v] of Object.entries(g.metrics ?? {})) {
    if (seen.has(k)) continue;
    if (v !== null && typeof v === "object") continue;
    rows.push({ metric: k, value: v, ci: g.ci?.[k] });
  }
  return rows;
}
function checkLevel(gateStatus, c) {
  if (c.severity === "warning") return "warning";
  if (c.severity === "error") return "error";
  return gateStatus === "fail" || gateStatus === "error" ? "error" : "warning";
}
function checkMessage(gate, c) {
  if (c.message) return c.message;
  const need = thresholdText(c);
  return `${gate}.${c.metric} = ${num(c.value)}${c.compared !== void 0 && c.compared !== c.value ? ` (compared: ${num(c.compared)})` : ""}, required ${need}`;
}
var STATUS_EMOJI = { pass: "\u2705", fail: "\u274C", error: "\u26A0\uFE0F", skipped: "\u23ED\uFE0F" };
function gateEntries(r) {
  return Object.entries(r.gates).map(([name, result]) => ({ name, result }));
}
function readPerEpsilon(g) {
  const rows = (g.details.per_epsilon ?? []).map((e) => {
    const values = {};
    for (const [k, v] of Object.entries(e)) if (k !== "epsilon" && (typeof v === "number" || v === null)) values[k] = v;
    return { epsilon: e.epsilon, values };
  });
  return rows.sort((a, b) => a.epsilon - b.epsilon);
}
function epsilonColumns(per) {
  return [...new Set(per.flatMap((p) => Object.keys(p.values)))].filter((k) => per.some((p) => p.values[k] !== null && p.values[k] !== void 0));
}
function readRobustnessAttacks(g) {
  return (g.details.attacks ?? []).map(({ name, ...cells }) => ({ name, cells }));
}
function readMembershipAttacks(g) {
  return Object.entries(g.details.attacks ?? {}).map(([name, a]) => {
    const { metrics, ci: _ci, ...rest } = a;
    return { name, cells: { ...rest, ...metrics } };
  });
}
var groupRows = /* @__PURE__ */ new WeakMap();
function readGroups(g) {
  const src = g.details.groups;
  if (!src) return [];
  let rows = groupRows.get(src);
  if (!rows) {
    rows = src.map(({ group, ...cells }) => ({ name: group, cells }));
    groupRows.set(src, rows);
  }
  return rows;
}
function readExcluded(g) {
  return (g.details.excluded ?? []).map(({ group, ...cells }) => ({ name: group, cells }));
}
var GROUP_RATE_COLUMNS = [
  "count",
  "selection_rate",
  "true_positive_rate",
  "false_positive_rate",
  "false_negative_rate",
  "accuracy",
  "disparate_impact"
];
function orderedGroups(g) {
  const by = g.details.sorted_by ?? "group";
  return { rows: readGroups(g), sortedBy: by, key: by.split(" ")[0] };
}
function orderedDrift(g) {
  const rows = (g.details.features ?? []).map((f) => ({ ...f, score: driftScore(f) }));
  const order = (a, b) => (b.score ?? -1) - (a.score ?? -1);
  return { drifted: rows.filter((r) => r.drifted).sort(order), undrifted: rows.filter((r) => !r.drifted).sort(order) };
}
function driftStatisticText(r) {
  return `${r.statistic_kind === "p_value" ? "p" : "distance"} ${num(r.statistic)}`;
}
function readClaims(card) {
  return card?.claims ?? [];
}
function compactJson(v, max = 200) {
  let s;
  try {
    s = typeof v === "string" ? v : JSON.stringify(v, (_k, x) => typeof x === "bigint" ? String(x) : x) ?? String(v);
  } catch {
    s = String(v);
  }
  return s.length > max ? s.slice(0, max - 1) + "\u2026" : s;
}
function cutAtWord(s, max) {
  if ([...s].length <= max) return s;
  const head2 = [...s].slice(0, Math.max(1, max - 1)).join("");
  const at = Math.max(head2.lastIndexOf(" "), head2.lastIndexOf(","), head2.lastIndexOf(";"));
  return `${(at > 0 ? head2.slice(0, at) : head2).replace(/[\s,;]+$/, "")}\u2026`;
}
function isScalar(v) {
  return v === null || ["string", "number", "boolean"].includes(typeof v);
}
function regressionSentences(g) {
  const out = [];
  const sgn = (v) => `${v < 0 ? "\u2212" : v > 0 ? "+" : "\xB1"}${Math.abs(v).toFixed(3)}`;
  for (const [name, d] of Object.entries(g.details?.datasets ?? {})) {
    const m = d.metrics;
    const parts = [];
    for (const metric2 of ["accuracy", "roc_auc"]) {
      const b = m[`${metric2}_base`], h = m[`${metric2}_head`], delta2 = m[`${metric2}_delta`];
      if (typeof b !== "number" || typeof h !== "number" || typeof delta2 !== "number") continue;
      const ci = d.ci?.[`${metric2}_delta`];
      parts.push(`${metric2} ${b.toFixed(3)} \u2192 ${h.toFixed(3)} (${sgn(delta2)}${ci ? `, 95 % CI [${sgn(ci[0])}, ${sgn(ci[1])}]` : ""})`);
    }
    const flips = `${d.negative_flips} negative flip${d.negative_flips === 1 ? "" : "s"}, ${d.positive_flips} positive flip${d.positive_flips === 1 ? "" : "s"}`;
    const churn = typeof m.churn === "number" ? ` (churn ${m.churn.toFixed(3)})` : "";
    const p = typeof m.mcnemar_p === "number" ? `; McNemar p ${num(m.mcnemar_p)}${g.details.mcnemar === "mid-p" ? " (mid-p)" : ""}` : "";
    out.push(`${name}: ${[...parts, flips + churn].join("; ")}${p}`);
  }
  for (const [name, c] of Object.entries(g.details?.compared ?? {})) {
    const what = `${name} (${c.gate} on ${c.dataset})`;
    if (c.base === null || c.head === null || c.delta === null) out.push(`${what}: not compared${c.note ? `: ${c.note}` : ""}`);
    else out.push(`${what}: ${c.base.toFixed(3)} \u2192 ${c.head.toFixed(3)} (${sgn(c.delta)}${c.ci ? `, 95 % CI [${sgn(c.ci[0])}, ${sgn(c.ci[1])}]` : ""})`);
  }
  return out;
}
function poisoningView(g) {
  const d = g.details;
  if (!d || !Array.isArray(d.classes)) return null;
  const hasS = d.classes.some((c) => c.spectral), hasC = d.classes.some((c) => c.clustering);
  const hasStrip = d.classes.some((c) => c.strip_suspects !== void 0), hasL = d.classes.some((c) => c.label_issues !== void 0);
  const header = ["class", "rows", ...hasS ? ["spectral D (smaller share)"] : [], ...hasC ? ["clustering silhouette (smaller cluster)"] : [], ...hasStrip ? ["STRIP suspects"] : [], ...hasL ? ["label issues"] : [], "flagged"];
  const pct = (v) => `${(100 * v).toFixed(1)} %`;
  const ordered = [...d.classes].sort((a, b) => Number(b.flagged) - Number(a.flagged));
  const classes = ordered.map((c) => ({
    name: String(c.class),
    cells: [
      String(c.rows),
      ...hasS ? [c.spectral ? `${num(c.spectral.separation)} (${pct(c.spectral.smaller_share)})${c.spectral.poisoned ? " \u2691" : ""}` : c.skipped ? "not screened" : "\u2014"] : [],
      ...hasC ? [c.clustering ? `${num(c.clustering.silhouette)} (${pct(c.clustering.relative_size)})${c.clustering.poisoned ? " \u2691" : ""}` : c.skipped ? "not screened" : "\u2014"] : [],
      ...hasStrip ? [String(c.strip_suspects ?? "\u2014")] : [],
      ...hasL ? [String(c.label_issues ?? "\u2014")] : [],
      c.skipped ? `not screened: ${c.skipped}` : c.flagged ? "yes" : "no"
    ]
  }));
  const suspects = (d.suspects ?? []).map((s) => ({ row: s.line !== void 0 ? `${s.row} (${d.path}:${s.line})` : String(s.row), label: String(s.label), screens: s.screens.join(", ") }));
  const out = { classes, header, suspects, total: d.suspects_total ?? suspects.length };
  if (d.grid) out.grid = `${d.grid.file} (the ${d.grid.rows.length} most suspicious images, beside the report)`;
  return out;
}

// src/report/cyclonedx.ts
var NS = "model-gate";
var NOT_PERFORMANCE = /* @__PURE__ */ new Set(["model-card"]);
function decimalString(v) {
  if (!Number.isFinite(v)) throw new GateError("cyclonedx.number", `internal error: ${v} is not a finite number and has no decimal form`);
  return decimal(v);
}
function uuidFromSha256(hex) {
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new GateError("cyclonedx.uuid", "internal error: the serial number needs a SHA-256 in hex");
  const b = Buffer.from(hex.slice(0, 32), "hex");
  b[6] = b[6] & 15 | 128;
  b[8] = b[8] & 63 | 128;
  const h = b.toString("hex");
  return `urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
var isNum = (v) => typeof v === "number" && Number.isFinite(v);
function metric(type, value, slice, ci) {
  const m = { type, value: decimalString(value) };
  if (slice) m.slice = slice;
  if (ci && isNum(ci[0]) && isNum(ci[1])) m.confidenceInterval = { lowerBound: decimalString(ci[0]), upperBound: decimalString(ci[1]) };
  return m;
}
function sliceName(parts) {
  return parts.length ? parts.map(([k, v]) => `${k}=${typeof v === "number" ? decimalString(v) : v}`).join(", ") : void 0;
}
function performanceMetrics(report) {
  const out = [];
  for (const entry of gateEntries(report)) {
    const g = entry.result;
    if (NOT_PERFORMANCE.has(entry.name) || g.status !== "pass" && g.status !== "fail") continue;
    const dataset = typeof g.details.dataset === "string" ? g.details.dataset : void 0;
    const base = dataset ? [["dataset", dataset]] : [];
    for (const [name, v] of Object.entries(g.metrics)) {
      if (isNum(v)) out.push(metric(name, v, sliceName(base), g.ci?.[name]));
    }
    if (entry.name === "robustness") {
      for (const row of readPerEpsilon(entry.result)) {
        for (const [name, v] of Object.entries(row.values)) {
          if (isNum(v)) out.push(metric(name, v, sliceName([...base, ["epsilon", row.epsilon]]), void 0));
        }
      }
    }
    if (entry.name === "fairness") {
      for (const row of readGroups(entry.result)) {
        const values = row.cells.values;
        const group = values && typeof values === "object" && !Array.isArray(values) ? Object.entries(values).map(([k, v]) => [k, String(v)]) : [["group", row.name]];
        for (const name of ["selection_rate", "true_positive_rate", "false_positive_rate", "false_negative_rate", "accuracy", "disparate_impact"]) {
          const v = row.cells[name];
          if (isNum(v)) out.push(metric(name, v, sliceName([...base, ...group]), void 0));
        }
      }
    }
  }
  return out;
}
function checkText(c) {
  const bounds = [c.min !== void 0 ? `min ${decimalString(c.min)}` : "", c.max !== void 0 ? `max ${decimalString(c.max)}` : ""].filter(Boolean).join(", ");
  const value = isNum(c.value) ? decimalString(c.value) : "not measured";
  const compared = isNum(c.compared) && c.compared !== c.value ? ` (compared ${decimalString(c.compared)})` : "";
  return `${c.pass ? "pass" : "fail"}: ${value}${compared}${bounds ? `; ${bounds}` : ""}`;
}
function prop(out, name, value) {
  if (value === void 0 || value === null || value === "") return;
  out.push({ name: `${NS}:${name}`, value: typeof value === "number" ? decimalString(value) : String(value) });
}
function verdictProperties(report) {
  const out = [];
  prop(out, "verdict", report.verdict);
  prop(out, "failed-gates", report.failed_gates.join(","));
  prop(out, "mode", report.mode);
  prop(out, "seed", report.seed);
  for (const { name, result } of gateEntries(report)) {
    const g = result;
    prop(out, `gate:${name}:status`, g.status);
    prop(out, `gate:${name}:message`, g.message);
    for (const c of g.checks) prop(out, `gate:${name}:check:${c.metric}`, checkText(c));
  }
  for (const c of report.model_card?.claims ?? []) {
    const verdict = c.pass === null ? "not compared" : c.pass ? "pass" : "fail";
    const measured = c.measured === null ? "not measured" : decimalString(c.measured);
    prop(out, `card:claim:${c.claim}`, `${verdict}: claimed ${JSON.stringify(c.claimed)}, measured ${measured} (${c.measuredMetric}), tolerance ${decimalString(c.tolerance)}`);
  }
  for (const e of report.errors) prop(out, "error", e.code ? `${e.code}: ${e.message}` : e.message);
  return out;
}
function considerations(list) {
  if (!list?.length) return void 0;
  const text = (kind) => list.filter((c) => c.kind === kind).map((c) => c.text);
  const out = {};
  const put = (key, v) => {
    if (v.length) out[key] = v;
  };
  put("users", text("users"));
  put("useCases", text("use_cases"));
  put("technicalLimitations", text("technical_limitations"));
  put("performanceTradeoffs", text("performance_tradeoffs"));
  put("ethicalConsiderations", text("ethical_considerations").map((name) => ({ name })));
  return Object.keys(out).length ? out : void 0;
}
function tensorFormat(t) {
  return { format: `${t.name}: ${t.type} [${t.shape.join(", ")}]` };
}
function toCycloneDx(report, opts = {}) {
  const model = report.model;
  if (!model) {
    throw new GateError("cyclonedx.no-model", `no CycloneDX BOM: the run stopped before the model was read (verdict ${report.verdict}); the JSON report says why`);
  }
  const modelRef = `model:${model.path}`;
  const datasets = Object.entries(report.datasets);
  const modelProps = [];
  prop(modelProps, "model:path", model.path);
  prop(modelProps, "model:digest", model.digest);
  prop(modelProps, "model:size", model.size);
  prop(modelProps, "model:opset", model.opset);
  prop(modelProps, "model:classes", model.classes);
  if (model.output_used) prop(modelProps, "model:output-used", `${model.output_used.name} (${model.output_used.kind}${model.output_used.detected ? ", detected" : ""})`);
  const s = report.signature;
  prop(modelProps, "signature:status", s.status);
  prop(modelProps, "signature:method", s.method);
  prop(modelProps, "signature:format", s.format);
  prop(modelProps, "signature:identity", s.identity);
  prop(modelProps, "signature:issuer", s.issuer);
  prop(modelProps, "signature:key-fingerprint", s.key_fingerprint);
  prop(modelProps, "signature:oms-root-digest", s.root_digest);
  prop(modelProps, "signature:log-index", s.log_index);
  prop(modelProps, "signature:transparency", s.transparency);
  if (s.covers_card !== void 0 && s.covers_card !== null) prop(modelProps, "signature:covers-card", s.covers_card);
  if (report.policy) {
    prop(modelProps, "policy:path", report.policy.path);
    prop(modelProps, "policy:sha256", report.policy.sha256);
    prop(modelProps, "policy:source", report.policy.source);
    prop(modelProps, "policy:loosened", report.policy.loosened.length);
  }
  const tasks = [...new Set((report.model_card?.claims ?? []).map((c) => c.task).filter((t) => t !== ""))];
  const modelParameters = {};
  if (tasks.length === 1) modelParameters.task = tasks[0];
  if (datasets.length) modelParameters.datasets = datasets.map(([name]) => ({ ref: `dataset:${name}` }));
  if (model.inputs.length) modelParameters.inputs = model.inputs.map(tensorFormat);
  if (model.outputs.length) modelParameters.outputs = model.outputs.map(tensorFormat);
  const modelCard = {};
  if (Object.keys(modelParameters).length) modelCard.modelParameters = modelParameters;
  const metrics = performanceMetrics(report);
  if (metrics.length) modelCard.quantitativeAnalysis = { performanceMetrics: metrics };
  const cons = considerations(report.model_card?.considerations);
  if (cons) modelCard.considerations = cons;
  modelCard.properties = verdictProperties(report);
  const component = {
    type: "machine-learning-model",
    "bom-ref": modelRef,
    name: model.path,
    hashes: [{ alg: "SHA-256", content: model.sha256 }],
    modelCard,
    properties: modelProps
  };
  const dataComponents = datasets.map(([name, d]) => {
    const p = [];
    prop(p, "dataset:path", d.path);
    prop(p, "dataset:rows", d.rows);
    prop(p, "dataset:format", d.format);
    prop(p, "dataset:pinned", d.pinned);
    if (d.changed_in_pr !== null) prop(p, "dataset:changed-in-pr", d.changed_in_pr);
    return { type: "data", "bom-ref": `dataset:${name}`, name, hashes: [{ alg: "SHA-256", content: d.sha256 }], properties: p };
  });
  const metaProps = [];
  prop(metaProps, "report-schema", report.schema);
  if (report.environment) {
    const e = report.environment;
    prop(metaProps, "environment:onnxruntime", e.onnxruntime);
    prop(metaProps, "environment:node", e.node);
    prop(metaProps, "environment:platform", e.platform);
    prop(metaProps, "environment:threads", e.threads);
  }
  const body = {
    bomFormat: "CycloneDX",
    specVersion: "1.6",
    version: 1,
    metadata: {
      tools: { components: [{ type: "application", name: "model-gate", version: opts.toolVersion ?? VERSION }] },
      properties: metaProps
    },
    components: [component, ...dataComponents]
  };
  const serialNumber = uuidFromSha256(createHash("sha256").update("model-gate/cyclonedx/v1\0").update(JSON.stringify(body)).digest("hex"));
  const { bomFormat, specVersion, ...rest } = body;
  return { $schema: "http://cyclonedx.org/schema/bom-1.6.schema.json", bomFormat, specVersion, serialNumber, ...rest };
}
function renderCycloneDx(report, opts = {}) {
  return JSON.stringify(toCycloneDx(report, opts), null, 2) + "\n";
}

// src/util/safe-write.ts
import { accessSync, constants, openSync, writeSync, closeSync, lstatSync, mkdirSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
var DEFAULT_WHERE = "the workspace and RUNNER_TEMP";
function symlinkError(what, file) {
  return new GateError("output.symlink", `${what} ${file} is a symlink: model-gate never writes through symlinks; remove it or choose another path`);
}
function outsideError(what, file, where) {
  return new GateError("output.outside", `${what} ${file} is outside ${where} (after resolving symlinks): write it under one of them`);
}
function insideRoots(real, allowedRoots) {
  return allowedRoots.some((r) => {
    let root;
    try {
      root = realpathSync(r);
    } catch {
      return false;
    }
    const rel = path.relative(root, real);
    return rel === "" || rel !== ".." && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
  });
}
function checkOutputPath(file, allowedRoots, what, where = DEFAULT_WHERE, opts = {}) {
  const abs = path.resolve(file);
  try {
    if (lstatSync(abs).isSymbolicLink()) throw symlinkError(what, file);
  } catch (e) {
    if (e instanceof GateError) throw e;
  }
  let existing = path.dirname(abs);
  const missing = [];
  for (; ; ) {
    try {
      lstatSync(existing);
      break;
    } catch {
      const up = path.dirname(existing);
      if (up === existing) break;
      missing.unshift(path.basename(existing));
      existing = up;
    }
  }
  let real;
  try {
    real = realpathSync(existing);
  } catch {
    throw outsideError(what, file, where);
  }
  const resolved = path.join(real, ...missing);
  if (!insideRoots(resolved, allowedRoots) && !(opts.literalAnywhere && resolved === path.dirname(abs))) throw outsideError(what, file, where);
  checkWritable(abs, real, missing.length > 0, what, file);
  return abs;
}
function checkWritable(abs, real, missing, what, file) {
  try {
    if (statSync(abs).isDirectory()) throw new GateError("output.write", `${what} ${file} is a folder: give the path of a file`);
  } catch (e) {
    if (e instanceof GateError) throw e;
  }
  const dir = path.dirname(abs);
  let isDir = false;
  try {
    isDir = statSync(real).isDirectory();
  } catch {
  }
  if (!isDir) throw new GateError("output.write", `${what} ${file}: ${real} is not a folder, so ${missing ? `the folder ${dir} cannot be made` : "nothing can be written in it"}: choose another path`);
  try {
    accessSync(real, constants.W_OK | constants.X_OK);
  } catch (e) {
    const code2 = e.code ?? e.message;
    throw new GateError("output.write", `${what} ${file}: ${missing ? `the folder ${dir} does not exist and cannot be made in ${real}` : `cannot write in ${real}`} (${code2}): create it, or choose a folder you can write to`);
  }
}
function writeOutputFile(file, content, allowedRoots, what, where = DEFAULT_WHERE, opts = {}) {
  const abs = checkOutputPath(file, allowedRoots, what, where, opts);
  const dir = path.dirname(abs);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new GateError("output.write", `cannot write ${what} ${file}: ${e.message}`);
  }
  const realDir = realpathSync(dir);
  if (!insideRoots(realDir, allowedRoots) && !(opts.literalAnywhere && realDir === dir)) throw outsideError(what, file, where);
  let fd;
  try {
    fd = openSync(abs, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | (constants.O_NOFOLLOW ?? 0), 420);
  } catch (e) {
    const code2 = e.code;
    if (code2 === "ELOOP") throw symlinkError(what, file);
    throw new GateError("output.write", `cannot write ${what} ${file}: ${e.message}`);
  }
  try {
    const buf = typeof content === "string" ? Buffer.from(content, "utf8") : content;
    let off = 0;
    while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
  } finally {
    closeSync(fd);
  }
}

// src/attest/paths.ts
import path2 from "node:path";
import { pathToFileURL } from "node:url";
function reportAttestationPath(file) {
  const dir = path2.dirname(file);
  const base = path2.basename(file);
  const ext = [".sigstore.json", ".intoto.json"].find((e) => base.endsWith(e) && base.length > e.length) ?? path2.extname(base);
  const stem = ext ? base.slice(0, -ext.length) : base;
  const out = `${stem}.report${ext}`;
  return dir === "." && !file.startsWith("./") ? out : path2.join(dir, out);
}
function uriResolver(workspace, env = process.env) {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_SHA: sha } = env;
  if (server && repo && sha) return (rel) => `git+${server}/${repo}@${sha}#${rel.split(path2.sep).join("/")}`;
  return (rel) => pathToFileURL(path2.resolve(workspace, rel)).href;
}

// src/shard/partial.ts
import { createHash as createHash2 } from "node:crypto";
import { deflateSync, inflateSync } from "node:zlib";
var PARTIAL_SCHEMA = "model-gate/partial/v1";
var MAGIC = Buffer.from("model-gate partial v1\n", "latin1");
function encodePartial(p) {
  const blobs = [];
  const entries = p.entries.map((e) => {
    const pr = e.predictions;
    blobs.push(bytesOf(e.rows), bytesOf(pr.predicted));
    if (pr.labels) blobs.push(bytesOf(pr.labels));
    if (pr.scores) blobs.push(bytesOf(pr.scores));
    return { role: e.role, model: e.model, path: e.path, dataset: e.dataset, count: e.rows.length, classes: pr.classes, kind: pr.kind, classLabels: pr.classLabels, scores: !!pr.scores, labels: !!pr.labels };
  });
  const records = p.records.map((r) => {
    blobs.push(Buffer.from(r.bytes.buffer, r.bytes.byteOffset, r.bytes.byteLength));
    return { gate: r.gate, role: r.role, model: r.model, path: r.path, length: r.bytes.length };
  });
  const header = Buffer.from(JSON.stringify({ schema: PARTIAL_SCHEMA, shard: p.shard, digests: p.digests, entries, records }), "utf8");
  const len = Buffer.alloc(4);
  len.writeUInt32LE(header.length, 0);
  const body = deflateSync(Buffer.concat([len, header, ...blobs]), { level: 6 });
  return Buffer.concat([MAGIC, createHash2("sha256").update(body).digest(), body]);
}
function decodePartial(bytes2, file) {
  const bad = (why) => new GateError("shard.corrupt", `${file} is not a readable shard partial (${why}): run check --shard K/N --partial again for it`);
  if (bytes2.length < MAGIC.length + 32 || !bytes2.subarray(0, MAGIC.length).equals(MAGIC)) throw bad("no partial header");
  const digest = bytes2.subarray(MAGIC.length, MAGIC.length + 32);
  const body = bytes2.subarray(MAGIC.length + 32);
  if (!createHash2("sha256").update(body).digest().equals(digest)) throw bad("its checksum does not match: the file is damaged");
  let raw;
  try {
    raw = inflateSync(body);
  } catch (e) {
    throw bad(`cannot inflate: ${e.message}`);
  }
  const hlen = raw.readUInt32LE(0);
  let head2;
  try {
    head2 = JSON.parse(raw.subarray(4, 4 + hlen).toString("utf8"));
  } catch {
    throw bad("its header is not JSON");
  }
  if (head2.schema !== PARTIAL_SCHEMA) throw bad(`schema ${JSON.stringify(head2.schema)}, expected ${PARTIAL_SCHEMA}`);
  const { k, n } = head2.shard ?? {};
  if (!Number.isInteger(n) || !Number.isInteger(k) || n < 1 || k < 1 || k > n) throw bad(`shard ${JSON.stringify(head2.shard)}`);
  let at = 4 + hlen;
  const take = (count, width) => {
    const b = raw.subarray(at, at + count * width);
    if (b.length !== count * width) throw bad("it ends early");
    at += count * width;
    return b;
  };
  const entries = head2.entries.map((h) => {
    const rows = int32s(take(h.count, 4));
    const predictions = { dataset: h.dataset, rows: h.count, classes: h.classes, kind: h.kind, predicted: int32s(take(h.count, 4)), classLabels: h.classLabels };
    if (h.labels) predictions.labels = int32s(take(h.count, 4));
    if (h.scores) predictions.scores = float64s(take(h.count * h.classes, 8));
    return { role: h.role, model: h.model, path: h.path, dataset: h.dataset, rows, predictions };
  });
  const records = (head2.records ?? []).map((h) => {
    if (!Number.isInteger(h.length) || h.length < 0) throw bad(`gate ${JSON.stringify(h.gate)}'s records have length ${JSON.stringify(h.length)}`);
    return { gate: h.gate, role: h.role, model: h.model, path: h.path, bytes: new Uint8Array(take(h.length, 1)) };
  });
  if (at !== raw.length) throw bad("it has trailing bytes");
  return { shard: { k, n }, digests: head2.digests, entries, records };
}
function bytesOf(a) {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}
function int32s(b) {
  const out = new Int32Array(b.length / 4);
  new Uint8Array(out.buffer).set(b);
  return out;
}
function float64s(b) {
  const out = new Float64Array(b.length / 8);
  new Uint8Array(out.buffer).set(b);
  return out;
}

// src/modelcard/render.ts
var fmt = (v) => v === null || v === void 0 ? "\u2014" : typeof v === "number" ? String(Math.round(v * 1e6) / 1e6) : JSON.stringify(v);
function cardStatusText(r) {
  switch (r.status) {
    case "unchanged":
      return "unchanged since the base commit";
    case "changed":
      return "changed since the base commit";
    case "added":
      return "added (no card at the base commit)";
    case "deleted":
      return "deleted (the base commit has a card, this one has none)";
    case "renamed":
      return `renamed from ${r.base ?? "?"}`;
    case "not-compared":
      return "not compared with a base version (this run has no base commit, e.g. outside a pull request)";
  }
}
var delta = (d) => d === null ? "" : `${d >= 0 ? "+" : ""}${Math.round(d * 1e6) / 1e6}`;
function cardDiffText(r) {
  const out = [];
  out.push(`model card ${r.head ?? r.base ?? ""}: ${cardStatusText(r)}`);
  if (r.covers_card !== null) out.push(r.covers_card ? "  the card is inside the signed subject" : "  WARNING: the card is NOT covered by the signature");
  for (const w of r.warnings) out.push(`  warning: ${w}`);
  for (const m of r.metadata) out.push(`  ${m.loud ? "LICENCE CHANGED" : "metadata"}: ${m.key}: ${fmt(m.from)} -> ${fmt(m.to)}`);
  for (const d of r.datasets.added) out.push(`  dataset added: ${d}`);
  for (const d of r.datasets.removed) out.push(`  dataset removed: ${d}`);
  if (r.metrics.length) {
    out.push("  metrics (task | dataset | split | metric: base -> head, delta):");
    for (const m of r.metrics) out.push(`    ${[m.task, m.dataset, m.split, m.metric].join(" | ")}: ${fmt(m.base)} -> ${fmt(m.head)} ${delta(m.delta)}`.trimEnd());
  }
  for (const s of r.sections) {
    out.push(`  section ${s.change}: ${s.title}`);
    for (const l of s.diff.split("\n")) if (l) out.push(`    ${l}`);
  }
  if (r.claims.length) {
    out.push("  claimed vs measured:");
    for (const c of r.claims) {
      const verdict = c.pass === null ? "not compared" : c.pass ? "ok" : c.onMismatch === "fail" ? "MISMATCH (fails)" : "MISMATCH (warning)";
      out.push(`    ${c.claim}${c.dataset ? ` [${c.dataset}${c.split ? `/${c.split}` : ""}]` : ""}: claimed ${fmt(c.claimed)}, measured ${fmt(c.measured)} (\xB1${c.tolerance}): ${verdict}${c.note ? `: ${c.note}` : ""}${c.line ? ` (${c.file}:${c.line})` : ""}`);
    }
  }
  if (out.length === 1) out.push("  no changes");
  return out.join("\n");
}
function cardDiffMarkdown(r, level = 2) {
  const h = "#".repeat(level);
  const parts = [`${h} Model card`];
  const where = r.head ?? r.base;
  const status = r.status === "renamed" ? `renamed from ${code(r.base ?? "")}` : md(cardStatusText(r));
  if (r.covers_card !== null) parts.push(r.covers_card ? "The card is inside the signed subject." : "> [!WARNING]\n> The model card is **not** covered by the signature.");
  if (r.claims.length) {
    const rows = r.claims.map((c) => `| ${md(c.claim)} | ${md(c.dataset)}${c.split ? ` / ${md(c.split)}` : ""} | ${md(fmt(c.claimed))} | ${md(fmt(c.measured))} | \xB1${c.tolerance} | ${c.pass === null ? "\u26A0\uFE0F cannot compare" : c.pass ? "\u2705 match" : c.onMismatch === "fail" ? "\u274C mismatch" : "\u26A0\uFE0F mismatch"} | ${c.note ? md(c.note) : ""} |`);
    parts.push(["**Claimed vs measured**", "", "| claim | dataset | claimed | measured | tolerance | result | note |", "|---|---|---|---|---|---|---|", ...rows].join("\n"));
  }
  parts.push(`${code(where ?? "")}: ${status}.`);
  for (const m of r.metadata.filter((x) => x.loud)) parts.push(`> [!CAUTION]
> **Licence changed**: ${code(fmt(m.from))} \u2192 ${code(fmt(m.to))}`);
  for (const w of r.warnings) parts.push(`> [!WARNING]
> ${md(w)}`);
  const other = r.metadata.filter((x) => !x.loud);
  if (other.length || r.datasets.added.length || r.datasets.removed.length) {
    const rows = other.map((m) => `| ${md(m.key)} | ${md(fmt(m.from))} | ${md(fmt(m.to))} |`);
    for (const d of r.datasets.added) rows.push(`| datasets | \u2014 | ${md(d)} (added) |`);
    for (const d of r.datasets.removed) rows.push(`| datasets | ${md(d)} (removed) | \u2014 |`);
    parts.push(["**Metadata**", "", "| key | base | head |", "|---|---|---|", ...rows].join("\n"));
  }
  if (r.metrics.length) {
    const rows = r.metrics.map((m) => `| ${md(m.task)} | ${md(m.dataset)} | ${md(m.split)} | ${md(m.metric)} | ${md(fmt(m.base))} | ${md(fmt(m.head))} | ${delta(m.delta)} |`);
    parts.push(["**Card metrics, base \u2192 head**", "", "| task | dataset | split | metric | base | head | \u0394 |", "|---|---|---|---|---|---|---|", ...rows].join("\n"));
  }
  for (const s of r.sections) {
    parts.push(`<details><summary>Section ${s.change}: ${md(s.title)}</summary>

${fenced(s.diff, "diff")}

</details>`);
  }
  return parts.join("\n\n");
}

// src/report/markdown.ts
function table(headers, rows, opts = {}) {
  const max = opts.maxRows ?? Infinity;
  const shown = rows.slice(0, max);
  const total = Math.max(opts.total ?? rows.length, rows.length);
  const clean = (c) => c === "" ? " " : cell(c);
  const lines = [
    `| ${headers.map(clean).join(" | ")} |`,
    `|${headers.map(() => "---").join("|")}|`,
    ...shown.map((r) => `| ${r.map(clean).join(" | ")} |`)
  ];
  if (total > shown.length) {
    lines.push("", `_${total - shown.length} more rows not shown${opts.moreNote ? `: ${opts.moreNote}` : ""}._`);
  }
  return lines.join("\n");
}
function details(summary, body, open = false) {
  return `<details${open ? " open" : ""}><summary>${summary}</summary>

${body}

</details>`;
}
var passCell = (pass) => pass === void 0 ? "" : pass === null ? "\u2014" : pass ? "\u2705 pass" : "\u274C fail";
function verdictSection(r, id, level = 1) {
  const v = verdictView(r);
  const shown = gateTitleId(id);
  const head2 = `${"#".repeat(level)} ${v.emoji} model-gate${shown ? ` ${code(shown)}` : ""}: ${v.word}`;
  const sentence = v.firstError ? `${md(v.sentence)}: ${md(v.firstError)}` : md(v.sentence);
  return `${head2}

**${sentence}**`;
}
function loosenedSection(r, level = 2) {
  const l = r.policy?.loosened ?? [];
  if (!l.length) return "";
  const failing = r.failed_gates.includes("policy");
  const what = l.some((x) => x.file === void 0) ? l.some((x) => x.file !== void 0) ? "loosens the policy and changes files it trusts" : "loosens the policy" : "changes files the policy trusts (keys, certificate roots, trusted roots, reference models)";
  const intro = failing ? `**This pull request ${what} AND changes the model or its data: the gate fails.**` : `This pull request ${what}. It does not change the model or its data, so the verdict is not affected: the policy's code owners should review it.`;
  const rows = l.map((x) => [
    code(x.path, { inTable: true }),
    code(compactJson(x.from, 80), { inTable: true }) || "\u2014",
    code(compactJson(x.to, 80), { inTable: true }) || "\u2014",
    code(loosenedWhere(r, x), { inTable: true }),
    x.reason ? md(x.reason) : ""
  ]);
  return `${"#".repeat(level)} \u26A0\uFE0F ${loosenedTitle(l)} (${l.length})

${intro}

${table(["setting", "base", "head", "where", "why"], rows, { maxRows: 100 })}`;
}
function unpinnedDataSection(r, level = 2) {
  const w = r.warnings.filter((m) => m.code === "data.unpinned-change");
  if (!w.length) return "";
  const items = w.slice(0, 50).map((m) => `- ${md(m.message)}${m.file ? ` (${code(position(m.file, m.line))})` : ""}`);
  if (w.length > 50) items.push(`- _${w.length - 50} more in the report file._`);
  return `${"#".repeat(level)} \u26A0\uFE0F Unpinned data changed (${w.length})

${items.join("\n")}`;
}
function errorsSection(r, level = 2) {
  return [tamperingSection(r, level), cannotEvaluateSection(r, level)].filter(Boolean).join("\n\n");
}
function tamperingSection(r, level) {
  const e = evidenceErrors(r);
  if (!e.length) return "";
  return `${"#".repeat(level)} \u274C Tampering or failed verification (${e.length})

This is evidence against the model, not a failure to evaluate it: the verdict is **fail**.

${errorItems(e, "\u274C ", "more")}`;
}
function cannotEvaluateSection(r, level) {
  const e = evaluationErrors(r);
  if (!e.length) return "";
  return `${"#".repeat(level)} Errors

${errorItems(e, "", "more errors")}`;
}
function errorItems(e, mark, more) {
  const items = e.slice(0, 50).map((x) => `- ${mark}${md(located(x))}${x.code ? ` (${code(x.code)})` : ""}`);
  if (e.length > 50) items.push(`- _${e.length - 50} ${more} in the report file._`);
  return items.join("\n");
}
function failedChecksSection(r, level = 2) {
  const items = [];
  for (const [name, g] of Object.entries(r.gates)) {
    if (g.status === "error") items.push(`- \u26A0\uFE0F **${md(name)}** could not be evaluated: ${md(g.message ?? "no details")}`);
    for (const c of g.checks) {
      if (c.pass) continue;
      const where = c.file ? ` \u2014 ${code(position(c.file, c.line, c.col))}` : "";
      const compared = c.compared !== void 0 && c.compared !== null && c.compared !== c.value ? ` (compared: ${num(c.compared)})` : "";
      let extra = c.message ?? "";
      if (extra.startsWith(`${name}.${c.metric} `)) extra = extra.match(/\((gate-on [^)]*)\)\s*$/)?.[1] ?? "";
      items.push(`- \u274C **${md(name)}** ${code(c.metric)} = ${num(c.value)}${compared}, required ${thresholdText(c)}${extra ? `: ${md(extra)}` : ""}${where}`);
    }
  }
  if (!items.length) return "";
  return `${"#".repeat(level)} Failed checks

${items.slice(0, 100).join("\n")}${items.length > 100 ? `
- _${items.length - 100} more in the report file._` : ""}`;
}
function signatureSection(r, level = 2) {
  const s = r.signature;
  const emoji = s.status === "verified" ? "\u2705" : s.status === "skipped" ? "\u23ED\uFE0F" : "\u274C";
  const rows = [["status", `${emoji} ${md(s.status)}`]];
  const add = (k, v, asCode = false) => {
    if (v === void 0 || v === null || v === "") return;
    rows.push([k, asCode ? code(String(v), { inTable: true }) : md(typeof v === "boolean" ? v ? "yes" : "no" : String(v))]);
  };
  add("method", s.method);
  add("format", s.format);
  add("identity", s.identity, true);
  add("issuer", s.issuer, true);
  add("key fingerprint", s.key_fingerprint, true);
  add("signed digest", s.root_digest, true);
  add("transparency log", s.transparency === "none" ? "none (this signing mode has no log entry)" : s.transparency);
  add("log index", s.log_index);
  add("trusted root date", s.trusted_root_date);
  add("model card inside the signed subject", s.covers_card);
  add("message", s.message);
  return `${"#".repeat(level)} Signature

${table(["field", "value"], rows)}`;
}
function metricsTable(g) {
  const rows = metricRows(g).map((m) => [
    code(m.metric, { inTable: true }),
    typeof m.value === "number" || m.value === null ? num(m.value) : readableValue(m.value, 120),
    m.check ? thresholdText(m.check) : "",
    m.check && m.check.compared !== void 0 && m.check.compared !== m.value ? num(m.check.compared) : "",
    passCell(m.check?.pass),
    ciText(m.ci)
  ]);
  const showCompared = rows.some((r) => r[3] !== "");
  const headers = ["metric", "value", "threshold", "compared", "result", "95% CI"];
  const keep = headers.map((_, i) => i !== 3 || showCompared);
  return table(
    headers.filter((_, i) => keep[i]),
    rows.map((r) => r.filter((_, i) => keep[i]))
  );
}
function gateSection(entry, opts = {}) {
  const { name, result: g } = entry;
  const level = opts.level ?? 3;
  const parts = [`${"#".repeat(level)} ${STATUS_EMOJI[g.status] ?? ""} ${md(name)}: ${md(g.status)}`];
  if (g.message) parts.push(md(g.message));
  if (g.checks.length || Object.keys(g.metrics ?? {}).length) parts.push(metricsTable(g));
  const special = /* @__PURE__ */ new Set();
  if (entry.name === "regression") {
    const b = entry.result.details?.baseline;
    const lines = regressionSentences(entry.result).map((x) => `- ${md(x)}`);
    if (b) lines.unshift(`Baseline: ${code(b.path)} (${b.source === "pinned" ? `pinned, sha256 ${code(b.sha256.slice(0, 12))}` : `base commit, sha256 ${code(b.sha256.slice(0, 12))}, signature ${md(b.signature)}`})`);
    if (lines.length) parts.push(lines.join("\n"));
  }
  if (entry.name === "robustness") {
    const g2 = entry.result;
    const per = readPerEpsilon(g2);
    if (per.length) {
      special.add("per_epsilon");
      parts.push(perEpsilonTable(per));
      if (opts.charts && per.length >= 2) {
        const chart = robustnessChart(per);
        if (chart) parts.push(chart);
      }
    }
    const attacks = readRobustnessAttacks(g2);
    if (attacks.length) {
      special.add("attacks");
      parts.push(`**Attacks**

${attackTable(attacks, ["method", "epsilon", "queries", "points_broken", "broken", "upper_bound", "parameters"])}`);
    }
  } else if (entry.name === "memorisation") {
    const g2 = entry.result;
    const attacks = readMembershipAttacks(g2);
    if (attacks.length) {
      special.add("attacks");
      parts.push(`**Membership-inference attacks**

${attackTable(attacks, ["kind", "score", "auc", "advantage", "tpr_at_fpr_0.01", "tpr_at_fpr_0.001", "members", "non_members"])}`);
    }
  } else if (entry.name === "fairness") {
    const g2 = entry.result;
    if (readGroups(g2).length) {
      special.add("groups");
      special.add("sorted_by");
      const { rows: sorted, sortedBy, key } = orderedGroups(g2);
      const maxRows = opts.maxRows ?? 200;
      const cols = GROUP_RATE_COLUMNS.filter((c) => sorted.some((r) => r.cells[c] !== void 0));
      const rows = sorted.slice(0, maxRows).map((r) => [
        md(r.name) + (r.cells.included === false ? " _(left out)_" : ""),
        ...cols.map((c) => c === key ? `**${num(r.cells[c])}**` : num(r.cells[c]))
      ]);
      parts.push(
        `**Groups** (sorted by ${md(sortedBy)})

${table(["group", ...cols.map((c) => c === key ? `**${c}**` : c)], rows, { maxRows, total: sorted.length, moreNote: "see the report file" })}`
      );
      if (opts.charts) {
        const chart = selectionRateChart(sorted, g2.details.sensitive ?? []);
        if (chart) parts.push(chart);
      }
    }
    const excluded = readExcluded(g2);
    if (excluded.length) {
      special.add("excluded");
      special.add("exclusions");
      const maxRows = opts.maxRows ?? 200;
      const rows = excluded.slice(0, maxRows).map((r) => [md(r.name), readableValue(r.cells.metric ?? "all", 60), readableValue(r.cells.reason ?? "", 300)]);
      parts.push(details(`Groups left out (${excluded.length})`, table(["group", "left out of", "why"], rows, { maxRows, total: excluded.length })));
    }
  }
  if (entry.name === "drift" && Array.isArray(entry.result.details.features)) {
    special.add("features");
    special.add("drifted");
    parts.push(...driftParts(orderedDrift(entry.result), opts));
  }
  if (entry.name === "poisoning") {
    const v = poisoningView(entry.result);
    if (v) {
      for (const k of ["classes", "suspects", "flagged", "grid"]) special.add(k);
      const maxRows = opts.maxRows ?? 200;
      parts.push(`**Classes** (flagged first; \u2691 = the screen flags the class)

${table(v.header, v.classes.slice(0, maxRows).map((c) => [md(c.name), ...c.cells.map((x) => md(x))]), { maxRows, total: v.classes.length, moreNote: "see the report file" })}`);
      if (v.suspects.length) {
        parts.push(`**Top suspects** (${v.total} in all, most suspicious first)

${table(["row (0-based)", "given label", "named by"], v.suspects.slice(0, 20).map((s) => [md(s.row), md(s.label), md(s.screens)]), { maxRows: 20, total: v.total, moreNote: "see the report file" })}`);
      }
      if (v.grid) parts.push(`Suspect images: ${md(v.grid)}`);
      if (opts.charts) {
        special.add("decision");
        const chart = poisoningChart(entry.result);
        if (chart) parts.push(chart);
      }
    }
  }
  if (opts.genericDetails !== false) {
    const rest = Object.entries(g.details ?? {}).filter(([k]) => !special.has(k));
    if (rest.length) parts.push(details("Details", keyValueTable(rest)));
  }
  return parts.join("\n\n");
}
function keyValueTable(entries, maxRows = 100) {
  const rows = entries.map(([k, v]) => [code(k, { inTable: true }), readableValue(v)]);
  return table(["key", "value"], rows, { maxRows, moreNote: "see the report file" });
}
function readableValue(v, max = 1e3) {
  const parts = readableParts(v, 0);
  if (!Array.isArray(v) && (v === null || typeof v !== "object")) return parts[0] ?? "\u2014";
  const out = [];
  let used = 0;
  for (const p of parts) {
    const len = plainLength(p);
    if (out.length && used + len > max) {
      out.push(`\u2026 ${parts.length - out.length} more: see the report file`);
      break;
    }
    out.push(p);
    used += len + 2;
  }
  if (!out.length) return "none";
  return out.join(v !== null && typeof v === "object" && !Array.isArray(v) ? "<br>" : ", ");
}
function plainLength(s) {
  return s.replace(/<br>/g, " ").replace(/&#?\w+;/g, "_").replace(/`/g, "").length;
}
function readableParts(v, depth) {
  if (v === null || v === void 0) return ["\u2014"];
  if (typeof v === "number" || typeof v === "boolean") return [num(v)];
  if (typeof v === "bigint") return [String(v)];
  if (typeof v === "string") return [md(cutAtWord(v, depth === 0 ? 600 : 300))];
  if (Array.isArray(v)) {
    if (!v.length) return ["none"];
    const items = v.map((x) => inline(x, depth + 1));
    return depth === 0 ? items : [items.join(", ")];
  }
  if (typeof v === "object") {
    const entries = Object.entries(v);
    if (!entries.length) return ["none"];
    const items = entries.map(([k, x]) => `${md(k)}: ${inline(x, depth + 1)}`);
    return depth === 0 ? items : [items.join(", ")];
  }
  return [md(String(v))];
}
function inline(v, depth) {
  const s = readableParts(v, depth).join(", ");
  return depth > 0 && v !== null && typeof v === "object" && (Array.isArray(v) ? v.length > 0 : Object.keys(v).length > 0) ? `(${s})` : s;
}
function perEpsilonTable(per) {
  const cols = epsilonColumns(per);
  return `**Per epsilon**

${table(
    ["epsilon", ...cols.map((c) => code(c, { inTable: true }))],
    per.map((p) => [num(p.epsilon), ...cols.map((c) => num(p.values[c]))])
  )}`;
}
function attackTable(rows, preferred) {
  const present = new Set(rows.flatMap((r) => Object.keys(r.cells)));
  const cols = [...preferred.filter((c) => present.has(c)), ...[...present].filter((c) => !preferred.includes(c)).sort()].slice(0, 10);
  return table(
    ["attack", ...cols],
    rows.map((r) => [
      code(r.name, { inTable: true }),
      ...cols.map((c) => {
        const v = r.cells[c];
        return v === void 0 ? "" : typeof v === "number" || v === null ? num(v) : isScalar(v) ? md(String(v)) : readableValue(v, 160);
      })
    ]),
    { maxRows: 50 }
  );
}
function driftParts(v, opts) {
  const out = [];
  const maxRows = opts.maxRows ?? 200;
  const total = v.drifted.length + v.undrifted.length;
  if (v.drifted.length) {
    const rows = v.drifted.slice(0, maxRows).map((r) => [
      code(r.feature, { inTable: true }),
      md(r.method) + (r.auto ? " _(auto)_" : ""),
      driftStatisticText(r),
      md(`${r.method === "ks" ? "\u2264" : r.statistic_kind === "p_value" ? "<" : "\u2265"} ${num(r.threshold)}`),
      `${num(r.n_reference)} / ${num(r.n_current)}`
    ]);
    out.push(`**Drifted features** (${v.drifted.length} of ${total})

${table(["feature", "method", "statistic", "drift when", "rows (reference / current)"], rows, { maxRows, total: v.drifted.length, moreNote: "see the report file" })}`);
  } else {
    out.push(`**No feature drifted** (${total} tested)`);
  }
  if (opts.charts) {
    const chart = driftChart([...v.drifted, ...v.undrifted]);
    if (chart) out.push(chart);
  }
  if (v.undrifted.length) {
    const names = v.undrifted.map((r) => `${code(r.feature)} (${md(r.method)}, ${driftStatisticText(r)})`);
    const shown = names.slice(0, 50);
    out.push(`Not drifted (${v.undrifted.length}): ${shown.join(", ")}${names.length > shown.length ? `, \u2026 ${names.length - shown.length} more: see the report file` : ""}`);
  }
  return out;
}
function driftChart(rows, max = 10) {
  const pts = rows.filter((r) => r.score !== null).sort((a, b) => b.score - a.score).slice(0, max);
  if (pts.length === 0) return "";
  const top = Math.max(1, ...pts.map((p) => p.score));
  return [
    "```mermaid",
    "xychart-beta horizontal",
    `    title ${mermaidLabel(`drift score, top ${pts.length} of ${rows.length} (1 = threshold, p-values as -log10 p / -log10 threshold)`, 100)}`,
    `    x-axis ${mermaidLabel("feature")} [${pts.map((p) => mermaidLabel(p.feature, 40)).join(", ")}]`,
    `    y-axis ${mermaidLabel("drift score")} 0 --> ${chartNum(Math.ceil(top))}`,
    `    bar [${pts.map((p) => chartNum(p.score)).join(", ")}]`,
    "```"
  ].join("\n");
}
function poisoningChart(g) {
  const d = g.details;
  const t = d?.decision?.min_separation;
  const pts = (d?.classes ?? []).filter((c) => c.spectral && Number.isFinite(c.spectral.separation));
  if (!t || pts.length < 2) return "";
  const score = (c) => c.spectral.separation / t;
  const top = Math.max(1, ...pts.map(score));
  return [
    "```mermaid",
    "xychart-beta",
    `    title ${mermaidLabel(`spectral separation per class (Ashman D / min-separation ${chartNum(t)}, flagged at 1 or more)`, 100)}`,
    `    x-axis ${mermaidLabel("class")} [${pts.map((c) => mermaidLabel(String(c.class), 40)).join(", ")}]`,
    `    y-axis ${mermaidLabel("D / min-separation")} 0 --> ${chartNum(Math.ceil(top * 10) / 10)}`,
    `    bar [${pts.map((c) => chartNum(score(c))).join(", ")}]`,
    "```"
  ].join("\n");
}
function chartNum(v) {
  return String(Number(v.toFixed(4)));
}
function robustnessChart(per) {
  const metric2 = per.some((p) => typeof p.values.robust_accuracy === "number") ? "robust_accuracy" : "prediction_stability";
  const pts = per.filter((p) => typeof p.values[metric2] === "number" && Number.isFinite(p.values[metric2]));
  if (pts.length < 2) return "";
  return [
    "```mermaid",
    "xychart-beta",
    `    title ${mermaidLabel(`${metric2.replace(/_/g, " ")} vs epsilon`)}`,
    `    x-axis ${mermaidLabel("epsilon")} [${pts.map((p) => mermaidLabel(chartNum(p.epsilon))).join(", ")}]`,
    `    y-axis ${mermaidLabel(metric2.replace(/_/g, " "))} 0 --> 1`,
    `    line [${pts.map((p) => chartNum(p.values[metric2])).join(", ")}]`,
    "```"
  ].join("\n");
}
function groupChartLabel(g) {
  const values = g.cells.values;
  if (values && typeof values === "object" && !Array.isArray(values)) {
    const vs = Object.values(values);
    if (vs.length) return vs.map((v) => formatValue(v)).join(", ");
  }
  return g.name;
}
function selectionRateChart(groups, sensitive = [], max = 20) {
  const drawable = groups.filter((g) => g.cells.included !== false && typeof g.cells.selection_rate === "number" && Number.isFinite(g.cells.selection_rate));
  const pts = drawable.slice(0, max);
  if (pts.length < 2) return "";
  const notes = [];
  if (drawable.length > pts.length) notes.push(`first ${pts.length} of ${drawable.length}`);
  const leftOut = groups.filter((g) => g.cells.included === false).length;
  if (leftOut) notes.push(`${leftOut} small group${leftOut === 1 ? "" : "s"} not drawn`);
  const axis = sensitive.length ? sensitive.join(" \xD7 ") : "group";
  return [
    "```mermaid",
    "xychart-beta horizontal",
    `    title ${mermaidLabel(`selection rate per group${notes.length ? ` (${notes.join(", ")})` : ""}`, 80)}`,
    `    x-axis ${mermaidLabel(axis, 60)} [${pts.map((p) => mermaidLabel(groupChartLabel(p), 40)).join(", ")}]`,
    `    y-axis ${mermaidLabel("selection rate")} 0 --> 1`,
    `    bar [${pts.map((p) => chartNum(p.cells.selection_rate)).join(", ")}]`,
    "```"
  ].join("\n");
}
function datasetsSection(r, level = 2) {
  const names = Object.keys(r.datasets);
  if (!names.length) return "";
  const rows = names.map((n) => {
    const d = r.datasets[n];
    return [
      md(n),
      code(d.path, { inTable: true }),
      md(d.format ?? ""),
      num(d.rows),
      code(shortSha(d.sha256), { inTable: true }),
      d.pinned ? "\u{1F4CC} yes" : "no",
      d.changed_in_pr === null || d.changed_in_pr === void 0 ? "\u2014" : d.changed_in_pr ? "\u270F\uFE0F **changed**" : "no"
    ];
  });
  return `${"#".repeat(level)} Datasets

${table(["dataset", "path", "format", "rows", "sha256", "pinned", "changed in PR"], rows, { maxRows: 100 })}`;
}
function isCardReport(x) {
  if (!x || typeof x !== "object" || Array.isArray(x)) return false;
  const o = x;
  return typeof o.status === "string" && ["claims", "sections", "metadata", "metrics", "warnings"].every((k) => Array.isArray(o[k])) && !!o.datasets && typeof o.datasets === "object";
}
function modelCardSection(r, level = 2) {
  if (r.model_card === void 0 || r.model_card === null) return "";
  if (isCardReport(r.model_card)) return cardDiffMarkdown(r.model_card, level);
  const claims = readClaims(r.model_card);
  const parts = [`${"#".repeat(level)} Model card`];
  if (r.signature.covers_card !== void 0 && r.signature.covers_card !== null)
    parts.push(r.signature.covers_card ? "The model card is inside the signed subject." : "**The model card is NOT covered by the signature.**");
  if (claims.length) {
    parts.push(
      `**Claimed vs measured**

${table(
        ["claim", "claimed", "measured", "tolerance", "result", "where"],
        claims.map((c) => [
          code(c.claim, { inTable: true }),
          num(c.claimed),
          num(c.measured),
          c.tolerance === void 0 ? "" : num(c.tolerance),
          c.pass === null ? "\u2014" : c.pass ? "\u2705 match" : c.onMismatch === "fail" ? "\u274C mismatch" : "\u26A0\uFE0F mismatch",
          c.file ? code(position(c.file, c.line, c.col), { inTable: true }) : ""
        ]),
        { maxRows: 100 }
      )}`
    );
  }
  const card = r.model_card;
  if (card && typeof card === "object" && !Array.isArray(card)) {
    const rest = Object.entries(card).filter(([k]) => k !== "claims");
    if (rest.length) parts.push(details("Model card changes", keyValueTable(rest)));
  }
  return parts.join("\n\n");
}
function messagesSection(title, msgs, max = 100) {
  if (!msgs.length) return "";
  const items = msgs.slice(0, max).map((m) => `- ${md(located(m))}`);
  if (msgs.length > max) items.push(`- _${msgs.length - max} more in the report file._`);
  return details(`${title} (${msgs.length})`, items.join("\n"));
}
function modelSection(r) {
  const m = r.model;
  if (!m) return "";
  const rows = [
    ["path", m.path],
    ["sha256", m.sha256],
    ["digest", m.digest],
    ["size", bytes(m.size)],
    ["opset", m.opset]
  ];
  if (m.output_used) rows.push(["output used", `${m.output_used.name} (${m.output_used.kind}${m.output_used.detected ? ", detected" : ""})`]);
  if (m.classes !== void 0) rows.push(["classes", m.classes]);
  const io = (xs) => xs.map((x) => `${x.name}: ${x.type} [${x.shape.join(", ")}]`).join("; ");
  rows.push(["inputs", io(m.inputs)], ["outputs", io(m.outputs)]);
  return details("Model", table(["property", "value"], rows.map(([k, v]) => [k, k === "sha256" || k === "digest" || k === "path" ? code(String(v), { inTable: true }) : typeof v === "number" ? num(v) : md(String(v ?? "\u2014"))])));
}
function environmentSection(r) {
  const e = r.environment;
  const rows = [];
  if (e) {
    rows.push(["onnxruntime", md(e.onnxruntime)], ["node", md(e.node)], ["platform", md(e.platform)], ["threads", num(e.threads)]);
    for (const [k, v] of Object.entries(e.batch_sizes ?? {})) rows.push([`batch size: ${md(k)}`, num(v)]);
  }
  rows.push(["seed", num(r.seed)], ["mode", md(r.mode)]);
  if (r.policy) rows.push(["policy", `${code(r.policy.path, { inTable: true })} (${md(r.policy.source)}, sha256 ${code(shortSha(r.policy.sha256), { inTable: true })})`]);
  return details("Environment", table(["setting", "value"], rows));
}
function seconds(ms) {
  if (!Number.isFinite(ms)) return md(String(ms));
  const s = ms / 1e3;
  const a = Math.abs(s);
  return s.toFixed(a < 1 ? 3 : a < 100 ? 2 : 1);
}
function timingsSection(r) {
  const t = Object.entries(r.timings ?? {});
  if (!t.length) return "";
  return details("Timings", table(["step", "seconds"], t.map(([k, v]) => [md(k), typeof v === "number" ? seconds(v) : md(String(v))])));
}

// src/report/summary.ts
var SUMMARY_MAX_BYTES = 1e6;
function renderSummary(report, opts) {
  const sections = [
    verdictSection(report, opts.id, 1),
    loosenedSection(report),
    unpinnedDataSection(report),
    errorsSection(report),
    failedChecksSection(report),
    signatureSection(report)
  ];
  const gates = gateEntries(report);
  if (gates.length) {
    sections.push("## Gates");
    for (const entry of gates) sections.push(gateSection(entry, { level: 3, charts: true, maxRows: opts.maxRows ?? 200 }));
  }
  sections.push(
    datasetsSection(report),
    modelCardSection(report),
    messagesSection("Warnings", report.warnings),
    modelSection(report),
    environmentSection(report),
    timingsSection(report)
  );
  return assemble(
    sections,
    opts.maxBytes ?? SUMMARY_MAX_BYTES,
    (n) => `> \u26A0\uFE0F This summary was cut to stay under GitHub's 1 MiB limit: ${n} section${n === 1 ? "" : "s"} left out. The full report is in ${opts.reportPath ? code(opts.reportPath) : "the report file"}${safeUrl(opts.runUrl) ? ` ([run](${safeUrl(opts.runUrl)}))` : ""}.`,
    Buffer.byteLength
  );
}
function assemble(sections, max, note, size = (s) => s.length) {
  const parts = sections.filter((s) => s && s.trim() !== "");
  let out = "";
  for (let i = 0; i < parts.length; i++) {
    const next = (out ? out + "\n\n" : "") + parts[i];
    const rest = parts.length - i - 1;
    const reserve = rest > 0 ? size("\n\n" + note(rest + 1)) : 0;
    if (size(next) + reserve <= max) {
      out = next;
      continue;
    }
    const n = note(parts.length - i);
    if (!out) {
      let cut = parts[i].slice(0, Math.max(0, max - size(n) - 4));
      while (cut && size(cut) + size(n) + 2 > max) cut = cut.slice(0, Math.floor(cut.length * 0.9));
      return `${cut}

${n}`;
    }
    return `${out}

${n}
`;
  }
  return out + "\n";
}

// src/signature/sign/keyless.ts
var import_core = __toESM(require_dist(), 1);
import { createHash as createHash3, generateKeyPairSync, sign as cryptoSign } from "node:crypto";
import { readFileSync } from "node:fs";
var PUBLIC_GOOD_FULCIO = "https://fulcio.sigstore.dev";
var PUBLIC_GOOD_REKOR = "https://rekor.sigstore.dev";
var SIGSTORE_AUDIENCE = "sigstore";
function keylessError(message, cause) {
  return new GateError("sign.keyless", message, { kind: "error", cause });
}
function obj(v) {
  return typeof v === "object" && v !== null && !Array.isArray(v) ? v : void 0;
}
var LOOPBACK = /* @__PURE__ */ new Set(["127.0.0.1", "localhost", "[::1]"]);
function serviceUrl(value, what) {
  let u;
  try {
    u = new URL(value);
  } catch {
    throw keylessError(`${what} ${JSON.stringify(value)} is not a URL`);
  }
  if (u.protocol !== "https:" && !(u.protocol === "http:" && LOOPBACK.has(u.hostname))) {
    throw keylessError(`${what} ${u.origin} must be https (http is accepted on a loopback address only)`);
  }
  return u;
}
function tokenSourceFrom(env, oidcTokenFile) {
  if (oidcTokenFile !== void 0) {
    let text;
    try {
      text = readFileSync(oidcTokenFile, "utf8").trim();
    } catch (e) {
      throw keylessError(`--oidc-token-file ${oidcTokenFile} cannot be read (${e.code ?? describe(e)}): check the path`);
    }
    jwtClaims(text, `--oidc-token-file ${oidcTokenFile}`);
    return { oidcToken: text };
  }
  const url = env.ACTIONS_ID_TOKEN_REQUEST_URL;
  const token = env.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
  if (url && token) return { tokenRequest: { url, token } };
  return null;
}
var NO_OIDC_TOKEN = "keyless signing needs an OIDC token: run inside GitHub Actions with `permissions: id-token: write` (ACTIONS_ID_TOKEN_REQUEST_URL is then set), or give --oidc-token-file FILE";
function jwtClaims(token, what) {
  const parts = token.split(".");
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]*$/.test(p)) || !parts[1]) throw keylessError(`${what} is not a JWT (three base64url parts)`);
  let claims;
  try {
    claims = obj(JSON.parse(Buffer.from(parts[1], "base64url").toString("utf8")));
  } catch {
    claims = void 0;
  }
  if (!claims) throw keylessError(`${what}: the JWT payload is not a JSON object`);
  if (typeof claims.iss !== "string" || !claims.iss) throw keylessError(`${what}: the token has no issuer (iss)`);
  return claims;
}
function proofSubject(claims, what) {
  if (claims.email !== void 0) {
    if (typeof claims.email !== "string" || !claims.email) throw keylessError(`${what}: the token's email claim is empty`);
    if (claims.email_verified !== true) throw keylessError(`${what}: the token's email ${JSON.stringify(claims.email)} is not verified by the issuer (email_verified)`);
    return claims.email;
  }
  if (typeof claims.sub !== "string" || !claims.sub) throw keylessError(`${what}: the token has no subject (sub) claim`);
  return claims.sub;
}
var TRANSIENT = /* @__PURE__ */ new Set([408, 429, 500, 502, 503, 504]);
async function request(url, init, what, timeoutMs, retries = 0) {
  for (let attempt = 0; ; attempt++) {
    let res;
    try {
      res = await fetch(url, { ...init, redirect: "error", signal: AbortSignal.timeout(timeoutMs) });
    } catch (e) {
      if (attempt < retries) {
        await sleep(1e3 * 2 ** attempt);
        continue;
      }
      throw keylessError(`${what} (${url.origin}) cannot be reached: ${describe(e)}`, e);
    }
    const text = await res.text().catch(() => "");
    if (TRANSIENT.has(res.status) && attempt < retries) {
      await sleep(1e3 * 2 ** attempt);
      continue;
    }
    let json;
    try {
      json = text ? JSON.parse(text) : void 0;
    } catch {
      json = void 0;
    }
    if (res.status < 200 || res.status > 299) {
      const m = obj(json)?.message ?? obj(json)?.error;
      const detail = typeof m === "string" ? `: ${m.slice(0, 300)}` : "";
      throw keylessError(`${what} (${url.origin}) answered HTTP ${res.status}${detail}`);
    }
    if (json === void 0) throw keylessError(`${what} (${url.origin}) answered HTTP ${res.status} without a JSON body`);
    return { status: res.status, json };
  }
}
function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
async function obtainOidcToken(source, audience = SIGSTORE_AUDIENCE, timeoutMs = 3e4) {
  if ("oidcToken" in source) return source.oidcToken;
  const url = serviceUrl(source.tokenRequest.url, "ACTIONS_ID_TOKEN_REQUEST_URL");
  url.searchParams.append("audience", audience);
  const res = await request(url, { method: "GET", headers: { Authorization: `Bearer ${source.tokenRequest.token}`, Accept: "application/json" } }, "the GitHub Actions OIDC token endpoint", timeoutMs, 2);
  const value = obj(res.json)?.value;
  if (typeof value !== "string" || !value) throw keylessError("the GitHub Actions OIDC token endpoint returned no token (value): does the job have `permissions: id-token: write`?");
  return value;
}
var OID_FULCIO_ISSUER_V1 = "1.3.6.1.4.1.57264.1.1";
var OID_FULCIO_ISSUER_V2 = "1.3.6.1.4.1.57264.1.8";
var OID_SCT_LIST = "1.3.6.1.4.1.11129.2.4.2";
function pemBlocks(text) {
  return (text.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? []).map((b) => Buffer.from(b.replace(/-----(BEGIN|END) CERTIFICATE-----|\s+/g, ""), "base64"));
}
async function requestSigningCertificate(fulcioUrl, token, key, timeoutMs = 3e4) {
  const base = serviceUrl(fulcioUrl, "the Fulcio URL");
  const claims = jwtClaims(token, "the OIDC token");
  const proof = cryptoSign("sha256", Buffer.from(proofSubject(claims, "the OIDC token")), key.privateKey);
  const publicPem = key.publicKey.export({ type: "spki", format: "pem" }).toString();
  const body = {
    credentials: { oidcIdentityToken: token },
    publicKeyRequest: { publicKey: { algorithm: "ECDSA", content: publicPem }, proofOfPossession: proof.toString("base64") }
  };
  const url = new URL("api/v2/signingCert", base.href.endsWith("/") ? base.href : base.href + "/");
  const res = await request(url, { method: "POST", headers: { "Content-Type": "application/json", Accept: "application/json" }, body: JSON.stringify(body) }, "Fulcio", timeoutMs, 2);
  const r = obj(res.json);
  if (obj(r?.signedCertificateDetachedSct)) throw keylessError(`Fulcio (${base.origin}) returned a certificate with a detached SCT: only embedded SCTs are supported`);
  const list = obj(obj(r?.signedCertificateEmbeddedSct)?.chain)?.certificates;
  if (!Array.isArray(list) || list.length === 0 || list.some((c) => typeof c !== "string")) throw keylessError(`Fulcio (${base.origin}) returned no certificate chain`);
  const chain = list.flatMap((c) => pemBlocks(c));
  if (chain.length === 0) throw keylessError(`Fulcio (${base.origin}) returned no PEM certificate`);
  let leaf;
  try {
    leaf = import_core.X509Certificate.parse(Buffer.from(chain[0]));
  } catch (e) {
    throw keylessError(`Fulcio (${base.origin}) returned a certificate that cannot be parsed: ${describe(e)}`, e);
  }
  const ourSpki = key.publicKey.export({ type: "spki", format: "der" });
  if (!Buffer.from(leaf.publicKey).equals(ourSpki)) throw keylessError(`Fulcio (${base.origin}) returned a certificate for another public key`);
  if (!leaf.extension(OID_SCT_LIST)) throw keylessError(`Fulcio (${base.origin}) returned a certificate without an embedded SCT`);
  const identity = leaf.subjectAltName;
  const v2 = leaf.extension(OID_FULCIO_ISSUER_V2);
  const issuer = v2 ? v2.valueObj.subs?.[0]?.value.toString("ascii") : leaf.extension(OID_FULCIO_ISSUER_V1)?.value.toString("ascii");
  if (!identity || !issuer) throw keylessError(`Fulcio (${base.origin}) returned a certificate without an identity or an OIDC issuer`);
  const leafPem = `-----BEGIN CERTIFICATE-----
${chain[0].toString("base64").replace(/(.{64})/g, "$1\n").replace(/\n$/, "")}
-----END CERTIFICATE-----
`;
  return { chain, leaf, leafPem, identity, issuer };
}
async function uploadDsseEntry(rekorUrl, envelope, leafPem, timeoutMs = 3e4) {
  const base = serviceUrl(rekorUrl, "the Rekor URL");
  const proposed = {
    apiVersion: "0.0.1",
    kind: "dsse",
    spec: { proposedContent: { envelope: JSON.stringify(envelope), verifiers: [Buffer.from(leafPem).toString("base64")] } }
  };
  const url = new URL("api/v1/log/entries", base.href.endsWith("/") ? base.href : base.href + "/");
  const res = await request(url, { method: "POST", headers: { "Content-Type": "application/json", Accept: "application/json" }, body: JSON.stringify(proposed) }, "Rekor", timeoutMs);
  const entries = obj(res.json);
  const values = entries ? Object.values(entries) : [];
  if (values.length !== 1) throw keylessError(`Rekor (${base.origin}) returned ${values.length} entries, expected one`);
  const e = obj(values[0]);
  const v = obj(e?.verification);
  const proof = obj(v?.inclusionProof);
  const bad = (what) => keylessError(`Rekor (${base.origin}) returned an entry without ${what}`);
  if (typeof e?.body !== "string") throw bad("a body");
  if (typeof e.logID !== "string" || !/^[0-9a-f]{64}$/.test(e.logID)) throw bad("a log ID");
  if (!Number.isSafeInteger(e.logIndex) || e.logIndex < 0) throw bad("a log index");
  if (!Number.isSafeInteger(e.integratedTime) || e.integratedTime <= 0) throw bad("an integrated time");
  if (typeof v?.signedEntryTimestamp !== "string" || !v.signedEntryTimestamp) throw bad("a signed entry timestamp (inclusion promise)");
  if (!proof || typeof proof.rootHash !== "string" || typeof proof.checkpoint !== "string" || !Array.isArray(proof.hashes) || !Number.isSafeInteger(proof.treeSize) || !Number.isSafeInteger(proof.logIndex)) {
    throw bad("an inclusion proof (a Sigstore bundle v0.3 needs one)");
  }
  let body;
  try {
    body = obj(JSON.parse(Buffer.from(e.body, "base64").toString("utf8")));
  } catch {
    body = void 0;
  }
  const spec = obj(body?.spec);
  const sigs = Array.isArray(spec?.signatures) ? spec.signatures : [];
  const payloadHash = createHash3("sha256").update(Buffer.from(envelope.payload, "base64")).digest("hex");
  if (body?.kind !== "dsse" || body.apiVersion !== "0.0.1" || sigs.length !== 1 || obj(sigs[0])?.signature !== envelope.signatures[0].sig || obj(spec?.payloadHash)?.value !== payloadHash) {
    throw keylessError(`Rekor (${base.origin}) returned an entry that is not about this signature (kind, signature or payload hash differ)`);
  }
  const hex64 = (h) => typeof h === "string" && /^[0-9a-f]{64}$/.test(h) ? Buffer.from(h, "hex").toString("base64") : null;
  const rootHash = hex64(proof.rootHash);
  const hashes = proof.hashes.map(hex64);
  if (!rootHash || hashes.some((h) => h === null)) throw bad("a well-formed inclusion proof (hex sha256 hashes)");
  return {
    logIndex: String(e.logIndex),
    logId: { keyId: Buffer.from(e.logID, "hex").toString("base64") },
    kindVersion: { kind: "dsse", version: "0.0.1" },
    integratedTime: String(e.integratedTime),
    inclusionPromise: { signedEntryTimestamp: v.signedEntryTimestamp },
    inclusionProof: { logIndex: String(proof.logIndex), rootHash, treeSize: String(proof.treeSize), hashes, checkpoint: { envelope: proof.checkpoint } },
    canonicalizedBody: e.body
  };
}
function keylessSigner(opts) {
  const fulcioUrl = opts.fulcioUrl ?? PUBLIC_GOOD_FULCIO;
  const rekorUrl = opts.rekorUrl ?? PUBLIC_GOOD_REKOR;
  serviceUrl(fulcioUrl, "the Fulcio URL");
  serviceUrl(rekorUrl, "the Rekor URL");
  const timeoutMs = opts.timeoutMs ?? 3e4;
  let current;
  const certificate = async () => {
    if (current && current.cert.leaf.notAfter.getTime() - Date.now() > 6e4) return current;
    const token = await obtainOidcToken(opts.token, opts.audience, timeoutMs);
    const key = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const cert = await requestSigningCertificate(fulcioUrl, token, key, timeoutMs);
    current = { key, cert };
    return current;
  };
  return {
    mode: "keyless",
    signerIdentity: () => current ? { identity: current.cert.identity, issuer: current.cert.issuer } : void 0,
    async sign(payload, payloadType) {
      const { key, cert } = await certificate();
      const sig = cryptoSign("sha256", preAuthEncoding(payloadType, payload), key.privateKey);
      const envelope = { payload: Buffer.from(payload).toString("base64"), payloadType, signatures: [{ sig: sig.toString("base64"), keyid: "" }] };
      const entry = await uploadDsseEntry(rekorUrl, envelope, cert.leafPem, timeoutMs);
      const bundle = {
        mediaType: BUNDLE_V03,
        verificationMaterial: { certificate: { rawBytes: cert.chain[0].toString("base64") }, tlogEntries: [entry] },
        dsseEnvelope: envelope
      };
      if (opts.verifyWith) {
        try {
          verifyKeylessBundle(parseBundle(bundle, "the new bundle"), "the new bundle", { identities: [cert.identity], issuer: cert.issuer }, opts.verifyWith);
        } catch (e) {
          throw keylessError(`signed, but ${describe(e)} (against the trusted root given): not written`, e);
        }
      }
      return bundle;
    }
  };
}

// src/shard/merge.ts
function mergePartials(parts) {
  if (parts.length === 0) throw new GateError("shard.missing", "no shard partials given: pass the N files written by check --shard K/N --partial FILE");
  const n = parts[0].partial.shard.n;
  for (const p of parts) {
    if (p.partial.shard.n !== n) {
      throw new GateError("shard.foreign", `${p.file} is shard ${p.partial.shard.k} of ${p.partial.shard.n}, but ${parts[0].file} is of ${n}: every partial of a merge comes from the same --shard K/${n} run`);
    }
  }
  const byK = /* @__PURE__ */ new Map();
  for (const p of parts) {
    const other = byK.get(p.partial.shard.k);
    if (other !== void 0) throw new GateError("shard.duplicate", `${other} and ${p.file} are both shard ${p.partial.shard.k} of ${n}: give each shard once`);
    byK.set(p.partial.shard.k, p.file);
  }
  const missing = Array.from({ length: n }, (_, i) => i + 1).filter((k) => !byK.has(k));
  if (missing.length) throw new GateError("shard.missing", `shard${missing.length > 1 ? "s" : ""} ${missing.join(", ")} of ${n} ${missing.length > 1 ? "are" : "is"} missing (given: ${parts.map((p) => p.file).join(", ")}): merge needs all ${n}, never a smaller sample`);
  const sorted = [...parts].sort((a, b) => a.partial.shard.k - b.partial.shard.k);
  const first = sorted[0];
  for (const p of sorted.slice(1)) {
    const d = digestDifference(first.partial.digests, p.partial.digests);
    if (d) throw new GateError("shard.foreign", `${p.file} and ${first.file} differ in ${d.field} (${d.theirs} vs ${d.ours}): they come from different runs; re-run every shard on the same commit`);
  }
  const pairs = (p) => [...p.entries.map((e) => `${e.model}\0${e.dataset}`), ...p.records.map((r) => `${r.model}\0gate ${r.gate} ${r.role}`)].sort().join("\n");
  for (const p of sorted.slice(1)) {
    if (pairs(p.partial) !== pairs(first.partial)) throw new GateError("shard.foreign", `${p.file} holds other (model, dataset) pairs or gate records than ${first.file}: they come from different policies; re-run every shard on the same commit`);
  }
  const merged = /* @__PURE__ */ new Map();
  const predictions = (model, dataset) => {
    const key = `${model}\0${dataset}`;
    if (merged.has(key)) return merged.get(key);
    const entries = sorted.map((p) => ({ file: p.file, entry: p.partial.entries.find((e) => e.model === model && e.dataset === dataset) }));
    if (entries.some((e) => !e.entry)) return void 0;
    const out = mergeEntries(entries);
    merged.set(key, out);
    return out;
  };
  const contributions = sorted.map((p) => {
    const rows = {};
    for (const e of p.partial.entries) rows[e.dataset] = e.rows.length;
    const records = {};
    for (const r of p.partial.records) records[`${r.gate}${r.role === "baseline" ? " (baseline)" : ""}`] = r.bytes.length;
    return { k: p.partial.shard.k, file: p.file, rows, records };
  });
  const assignments = /* @__PURE__ */ new Map();
  return {
    n,
    files: sorted.map((p) => p.file),
    seed: first.partial.digests.seed,
    contributions,
    verify(own) {
      const d = digestDifference(own, first.partial.digests);
      if (d) {
        throw new GateError("shard.stale", `the shard partials (${sorted.map((p) => p.file).join(", ")}) were made with ${d.field} ${d.theirs}, this workspace has ${d.ours}: they are stale or from another model or data; re-run the shards on this commit`);
      }
    },
    predictions,
    records(gate, role, model) {
      const out = sorted.map((p) => p.partial.records.find((r) => r.gate === gate && r.role === role && r.model === model)?.bytes);
      return out.every((b) => b !== void 0) ? out : void 0;
    },
    datasets: [...new Set(first.partial.entries.map((e) => e.dataset))],
    assignment: (dataset) => assignments.get(dataset),
    checkAssignment(dataset, shards) {
      assignments.set(dataset, shards);
      for (const p of sorted) {
        const k = p.partial.shard.k;
        for (const e of p.partial.entries) {
          if (e.dataset !== dataset) continue;
          let expected = 0;
          for (const s of shards) if (s === k) expected++;
          const wrong = [...e.rows].find((r) => shards[r] !== k);
          if (wrong !== void 0 || e.rows.length !== expected) {
            throw new GateError("shard.foreign", `${p.file}: its rows of dataset ${dataset} are not shard ${k}'s (${wrong !== void 0 ? `row ${wrong} belongs to shard ${shards[wrong]}` : `${e.rows.length} rows, the assignment gives it ${expected}`}): it was not made by check --shard ${k}/${n} on these data; re-run it`);
          }
        }
      }
    }
  };
}
function digestDifference(ours, theirs) {
  const short = (v) => {
    const s = typeof v === "string" ? v : JSON.stringify(v) ?? "absent";
    return /^[0-9a-f]{64}$/.test(s) ? `sha256 ${s.slice(0, 12)}` : s;
  };
  const fields = [
    ["the tool version", ours.tool, theirs.tool],
    ["onnxruntime", ours.onnxruntime, theirs.onnxruntime],
    ["the platform", ours.platform, theirs.platform],
    ["the seed", ours.seed, theirs.seed],
    [`the policy ${ours.policy.path}`, ours.policy, theirs.policy],
    [`the model ${ours.model.path}`, ours.model.sha256, theirs.model?.sha256],
    ["the model path", ours.model.path, theirs.model?.path],
    [`the model's external data`, ours.model.external, theirs.model?.external]
  ];
  const names = [.../* @__PURE__ */ new Set([...Object.keys(ours.datasets), ...Object.keys(theirs.datasets ?? {})])];
  for (const name of names) {
    const a = ours.datasets[name], b = theirs.datasets?.[name];
    fields.push([`dataset ${name}${a ? ` (${a.path})` : ""}`, a?.sha256, b?.sha256]);
    fields.push([`dataset ${name}'s other files`, a?.extra, b?.extra]);
    fields.push([`dataset ${name}'s policy spec`, a?.spec, b?.spec]);
  }
  for (const [field, x, y] of fields) {
    if (JSON.stringify(x) !== JSON.stringify(y)) {
      const sx = short(x), sy = short(y);
      return { field, ours: sx, theirs: sy };
    }
  }
  return null;
}
function mergeEntries(entries) {
  const first = entries[0].entry;
  const name = `model ${first.path} on dataset ${first.dataset}`;
  const total = entries.reduce((s, e) => s + e.entry.rows.length, 0);
  const p0 = first.predictions;
  for (const { file, entry } of entries) {
    const p = entry.predictions;
    if (p.kind !== p0.kind || !!p.scores !== !!p0.scores || !!p.labels !== !!p0.labels || p.kind !== "label" && p.classes !== p0.classes) {
      throw new GateError("shard.foreign", `${file}: ${name} gives ${p.kind} with ${p.classes} classes, ${entries[0].file} ${p0.kind} with ${p0.classes}: re-run every shard on the same commit`);
    }
  }
  const same = entries.every((e) => JSON.stringify(e.entry.predictions.classLabels) === JSON.stringify(p0.classLabels));
  if (!same && p0.kind !== "label") {
    throw new GateError("shard.foreign", `${name}: the shards' class labels differ (${entries.map((e) => `${e.file}: ${e.entry.predictions.classLabels.join(", ")}`).join("; ")}): re-run every shard on the same commit`);
  }
  const classLabels = same ? p0.classLabels : distinctSorted(entries.flatMap((e) => e.entry.predictions.classLabels));
  const classes = same ? p0.classes : classLabels.length;
  const index = new Map(classLabels.map((c, i) => [canon(c), i]));
  const seen = new Uint8Array(total);
  const predicted = new Int32Array(total);
  const labels = p0.labels ? new Int32Array(total) : void 0;
  const scores = p0.scores ? new Float64Array(total * classes) : void 0;
  for (const { file, entry } of entries) {
    const p = entry.predictions;
    const remap = p.classLabels.map((c) => index.get(canon(c)));
    const rows = entry.rows;
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      if (!(r >= 0 && r < total) || seen[r]) {
        throw new GateError("shard.foreign", `${file}: ${name} has row ${r}${r >= 0 && r < total ? " that another shard has too" : `, outside the ${total} rows the shards hold together`}: the shards do not partition the dataset; re-run every shard on the same commit`);
      }
      seen[r] = 1;
      predicted[r] = remap[p.predicted[i]];
      if (labels) labels[r] = p.labels[i] < 0 ? p.labels[i] : remap[p.labels[i]];
      if (scores) scores.set(p.scores.subarray(i * classes, (i + 1) * classes), r * classes);
    }
  }
  const out = { dataset: first.dataset, rows: total, classes, kind: p0.kind, predicted, classLabels };
  if (scores) out.scores = scores;
  if (labels) out.labels = labels;
  return out;
}

// src/cache/dir.ts
import { closeSync as closeSync2, constants as constants2, fstatSync, mkdirSync as mkdirSync2, openSync as openSync2, readSync, renameSync, unlinkSync, writeSync as writeSync2 } from "node:fs";
import { randomBytes } from "node:crypto";
import path3 from "node:path";
var ENTRY_MAGIC = "model-gate cache entry v1";
var ENTRY_SUFFIX = ".mgc";
var MAX_ENTRY_BYTES = 2 * 1024 * 1024 * 1024;
var KEY = /^[0-9a-f]{64}$/;
function encodeEntry(key, payload) {
  const header = Buffer.from(`${ENTRY_MAGIC}
${key}
sha256:${sha256Hex(payload)}
${payload.length}
`, "latin1");
  return Buffer.concat([header, payload]);
}
function decodeEntry(key, bytes2) {
  const lines = [];
  let at = 0;
  while (lines.length < 4) {
    const nl = bytes2.indexOf(10, at);
    if (nl < 0 || nl - at > 80) return { why: lines.length === 0 ? "not a model-gate cache entry (no magic line)" : "its header is truncated or malformed" };
    lines.push(Buffer.from(bytes2.subarray(at, nl)).toString("latin1"));
    at = nl + 1;
  }
  const [magic, stored, digest, length] = lines;
  if (magic !== ENTRY_MAGIC) return { why: `not a model-gate cache entry (its first line is not "${ENTRY_MAGIC}")` };
  if (!KEY.test(stored)) return { why: "its key line is not 64 lowercase hex" };
  if (stored !== key) return { why: `it is the entry of another key (${stored.slice(0, 12)}\u2026), copied or renamed to this name` };
  const d = /^sha256:([0-9a-f]{64})$/.exec(digest);
  if (!d) return { why: "its digest line is not sha256:<64 lowercase hex>" };
  if (!/^(0|[1-9][0-9]{0,15})$/.test(length)) return { why: "its length line is not a decimal number" };
  const n = Number(length);
  const have = bytes2.length - at;
  if (have !== n) return { why: have < n ? `truncated: ${have} of its ${n} payload bytes` : `${have - n} bytes after its ${n} payload bytes` };
  const payload = bytes2.subarray(at);
  if (sha256Hex(payload) !== d[1]) return { why: "its payload does not match its sha256 (damaged)" };
  return { payload };
}
function dirCache(dir, warn, o) {
  const abs = path3.resolve(dir);
  const probe = path3.join(abs, `.model-gate-probe${ENTRY_SUFFIX}`);
  try {
    checkOutputPath(probe, o.roots, o.what, o.where, { literalAnywhere: o.literalAnywhere });
  } catch (e) {
    if (e instanceof GateError) throw new GateError(e.code, e.message.split(probe).join(abs));
    throw e;
  }
  const max = o.maxEntryBytes ?? MAX_ENTRY_BYTES;
  const stats = { hits: 0, misses: 0, corrupt: 0, written: 0 };
  const used = /* @__PURE__ */ new Set();
  const ignored = (file, why) => {
    stats.corrupt++;
    warn(`cache: ignored ${file}: ${why}: it will be recomputed`);
  };
  const badKey = (key, doing) => {
    if (KEY.test(key)) return false;
    warn(`cache: key "${String(key).slice(0, 80)}" is not 64 lowercase hex: not ${doing}`);
    return true;
  };
  return {
    dir: abs,
    stats,
    used,
    get(key) {
      if (badKey(key, "looked up")) {
        stats.misses++;
        return void 0;
      }
      const name = key + ENTRY_SUFFIX;
      const file = path3.join(abs, name);
      let fd;
      try {
        fd = openSync2(file, constants2.O_RDONLY | (constants2.O_NOFOLLOW ?? 0) | (constants2.O_NONBLOCK ?? 0));
      } catch (e) {
        const code2 = e.code;
        if (code2 === "ENOENT" || code2 === "ENOTDIR") {
          stats.misses++;
          return void 0;
        }
        ignored(file, code2 === "ELOOP" ? "it is a symlink (model-gate never reads cache entries through symlinks)" : `cannot be read (${code2 ?? e.message})`);
        return void 0;
      }
      try {
        const st = fstatSync(fd);
        if (!st.isFile()) return void ignored(file, "it is not a regular file");
        if (st.size > max) return void ignored(file, `it is ${st.size} bytes, over the ${max}-byte bound of an entry`);
        const bytes2 = Buffer.allocUnsafe(st.size);
        let off = 0;
        while (off < bytes2.length) {
          const n = readSync(fd, bytes2, off, bytes2.length - off, off);
          if (n === 0) break;
          off += n;
        }
        const r = decodeEntry(key, bytes2.subarray(0, off));
        if ("why" in r) return void ignored(file, r.why);
        stats.hits++;
        used.add(name);
        return r.payload;
      } catch (e) {
        ignored(file, `cannot be read (${e.code ?? e.message})`);
        return void 0;
      } finally {
        closeSync2(fd);
      }
    },
    put(key, bytes2) {
      if (badKey(key, "stored")) return;
      const name = key + ENTRY_SUFFIX;
      const file = path3.join(abs, name);
      const entry = encodeEntry(key, bytes2);
      if (entry.length > max) {
        warn(`cache: ${file} not written: the entry is ${entry.length} bytes, over the ${max}-byte bound of an entry`);
        return;
      }
      const tmp = path3.join(abs, `.${key}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
      let fd;
      try {
        mkdirSync2(abs, { recursive: true });
        checkOutputPath(tmp, o.roots, o.what, o.where, { literalAnywhere: o.literalAnywhere });
        fd = openSync2(tmp, constants2.O_WRONLY | constants2.O_CREAT | constants2.O_EXCL | (constants2.O_NOFOLLOW ?? 0), 420);
        let off = 0;
        while (off < entry.length) off += writeSync2(fd, entry, off, entry.length - off);
        closeSync2(fd);
        fd = void 0;
        renameSync(tmp, file);
        stats.written++;
        used.add(name);
      } catch (e) {
        if (fd !== void 0) closeSync2(fd);
        try {
          unlinkSync(tmp);
        } catch {
        }
        warn(`cache: ${file} not written: ${e instanceof GateError ? e.message : e.code ?? e.message}: the run goes on without storing it`);
      }
    },
    summary() {
      const s = stats;
      return `cache ${abs}: ${s.hits} hit${s.hits === 1 ? "" : "s"}, ${s.misses} miss${s.misses === 1 ? "" : "es"}, ${s.corrupt} ignored, ${s.written} written`;
    }
  };
}

export {
  progressFormatter,
  workingTreeFiles,
  num,
  ciText,
  thresholdText,
  shortSha,
  position,
  loosenedWhere,
  loosenedTitle,
  gateTitleId,
  verdictView,
  evidenceErrors,
  evaluationErrors,
  located,
  metricRows,
  checkLevel,
  checkMessage,
  STATUS_EMOJI,
  gateEntries,
  readPerEpsilon,
  epsilonColumns,
  readRobustnessAttacks,
  readMembershipAttacks,
  GROUP_RATE_COLUMNS,
  orderedGroups,
  orderedDrift,
  driftStatisticText,
  readClaims,
  compactJson,
  regressionSentences,
  poisoningView,
  renderCycloneDx,
  cardDiffText,
  table,
  verdictSection,
  loosenedSection,
  unpinnedDataSection,
  errorsSection,
  failedChecksSection,
  modelCardSection,
  renderSummary,
  assemble,
  checkOutputPath,
  writeOutputFile,
  PUBLIC_GOOD_FULCIO,
  PUBLIC_GOOD_REKOR,
  serviceUrl,
  tokenSourceFrom,
  NO_OIDC_TOKEN,
  keylessSigner,
  reportAttestationPath,
  uriResolver,
  encodePartial,
  decodePartial,
  mergePartials,
  ENTRY_SUFFIX,
  dirCache
};
