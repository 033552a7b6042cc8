/**
 * The report as a CycloneDX 1.6 ML-BOM (JSON): one `machine-learning-model` component (the model file's SHA-256,
 * what the report knows about it as properties, and a `modelCard` with the measured metrics, their bootstrap
 * intervals, the card's considerations and the gate verdicts), one `data` component per dataset (its SHA-256).
 * Only what the report holds, nothing derived beyond formatting: no metric that was not measured, no timestamp (the
 * report has no time). Deterministic: the same report (timings aside, which are left out) gives the same bytes, and
 * the serial number is a UUID (version 8, RFC 9562) made from the SHA-256 of the BOM's other content.
 * docs/design.md §6.
 */
import { createHash } from 'node:crypto';
import { GateError } from '../errors.ts';
import { VERSION } from '../version.ts';
import { gateEntries, readGroups, readPerEpsilon } from './view.ts';
import type { Check, GateResult, Report } from './types.ts';
import type { CardConsideration } from '../modelcard/index.ts';
import { decimal } from '../util/decimal.ts';

type Json = Record<string, unknown>;

export interface CycloneDxOptions {
  /** `metadata.tools`' model-gate version (default: this build's, src/version.ts). */
  toolVersion?: string;
}

/** Property names are namespaced (CycloneDX reserves `cdx:`; ours is `model-gate:`). */
const NS = 'model-gate';

/** Gates whose metrics are not measurements of the model (the model-card gate counts claims). */
const NOT_PERFORMANCE = new Set(['model-card']);

/** A finite number as a plain decimal string (util/decimal.ts), as CycloneDX's decimal-string fields expect. */
export function decimalString(v: number): string {
  if (!Number.isFinite(v)) throw new GateError('cyclonedx.number', `internal error: ${v} is not a finite number and has no decimal form`);
  return decimal(v);
}

/** `urn:uuid:` from the first 16 bytes of a SHA-256, with the version (8: custom, RFC 9562 §5.8) and variant (10) bits set. */
export function uuidFromSha256(hex: string): string {
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new GateError('cyclonedx.uuid', 'internal error: the serial number needs a SHA-256 in hex');
  const b = Buffer.from(hex.slice(0, 32), 'hex');
  b[6] = (b[6] & 0x0f) | 0x80;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

interface Metric {
  type: string;
  value: string;
  slice?: string;
  confidenceInterval?: { lowerBound: string; upperBound: string };
}

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function metric(type: string, value: number, slice: string | undefined, ci: [number, number] | undefined): Metric {
  const m: Metric = { type, value: decimalString(value) };
  if (slice) m.slice = slice;
  if (ci && isNum(ci[0]) && isNum(ci[1])) m.confidenceInterval = { lowerBound: decimalString(ci[0]), upperBound: decimalString(ci[1]) };
  return m;
}

/** A slice's name: `key=value` pairs joined by `, ` (the dataset first, then what narrows it). */
function sliceName(parts: [string, string | number][]): string | undefined {
  return parts.length ? parts.map(([k, v]) => `${k}=${typeof v === 'number' ? decimalString(v) : v}`).join(', ') : undefined;
}

/**
 * Every measured number of the gates that passed or failed (an erroring or skipped gate's numbers are not a
 * measurement): each gate's numeric metrics with their bootstrap interval, unsliced or sliced by the gate's
 * dataset when its details name one; robustness per epsilon; fairness per group (the group's own rates).
 */
function performanceMetrics(report: Report): Metric[] {
  const out: Metric[] = [];
  for (const entry of gateEntries(report)) {
    const g: GateResult = entry.result as GateResult;
    if (NOT_PERFORMANCE.has(entry.name) || (g.status !== 'pass' && g.status !== 'fail')) continue;
    const dataset = typeof g.details.dataset === 'string' ? g.details.dataset : undefined;
    const base: [string, string][] = dataset ? [['dataset', dataset]] : [];
    for (const [name, v] of Object.entries(g.metrics)) {
      if (isNum(v)) out.push(metric(name, v, sliceName(base), g.ci?.[name]));
    }
    if (entry.name === 'robustness') {
      for (const row of readPerEpsilon(entry.result)) {
        for (const [name, v] of Object.entries(row.values)) {
          if (isNum(v)) out.push(metric(name, v, sliceName([...base, ['epsilon', row.epsilon]]), undefined));
        }
      }
    }
    if (entry.name === 'fairness') {
      for (const row of readGroups(entry.result)) {
        const values = row.cells.values;
        const group: [string, string][] =
          values && typeof values === 'object' && !Array.isArray(values)
            ? Object.entries(values as Record<string, unknown>).map(([k, v]) => [k, String(v)])
            : [['group', row.name]];
        for (const name of ['selection_rate', 'true_positive_rate', 'false_positive_rate', 'false_negative_rate', 'accuracy', 'disparate_impact']) {
          const v = row.cells[name];
          if (isNum(v)) out.push(metric(name, v, sliceName([...base, ...group]), undefined));
        }
      }
    }
  }
  return out;
}

function checkText(c: Check): string {
  const bounds = [c.min !== undefined ? `min ${decimalString(c.min)}` : '', c.max !== undefined ? `max ${decimalString(c.max)}` : ''].filter(Boolean).join(', ');
  const value = isNum(c.value) ? decimalString(c.value) : 'not measured';
  const compared = isNum(c.compared) && c.compared !== c.value ? ` (compared ${decimalString(c.compared)})` : '';
  return `${c.pass ? 'pass' : 'fail'}: ${value}${compared}${bounds ? `; ${bounds}` : ''}`;
}

type Property = { name: string; value: string };

function prop(out: Property[], name: string, value: unknown): void {
  if (value === undefined || value === null || value === '') return;
  out.push({ name: `${NS}:${name}`, value: typeof value === 'number' ? decimalString(value) : String(value) });
}

/** The verdict, each gate's status, check and error, and each model-card claim against what was measured. */
function verdictProperties(report: Report): Property[] {
  const out: Property[] = [];
  prop(out, 'verdict', report.verdict);
  prop(out, 'failed-gates', report.failed_gates.join(','));
  prop(out, 'mode', report.mode);
  prop(out, 'seed', report.seed);
  for (const { name, result } of gateEntries(report)) {
    const g = result as GateResult;
    prop(out, `gate:${name}:status`, g.status);
    prop(out, `gate:${name}:message`, g.message);
    for (const c of g.checks) prop(out, `gate:${name}:check:${c.metric}`, checkText(c));
  }
  for (const c of report.model_card?.claims ?? []) {
    const verdict = c.pass === null ? 'not compared' : c.pass ? 'pass' : 'fail';
    const measured = c.measured === null ? 'not measured' : decimalString(c.measured);
    prop(out, `card:claim:${c.claim}`, `${verdict}: claimed ${JSON.stringify(c.claimed)}, measured ${measured} (${c.measuredMetric}), tolerance ${decimalString(c.tolerance)}`);
  }
  for (const e of report.errors) prop(out, 'error', e.code ? `${e.code}: ${e.message}` : e.message);
  return out;
}

function considerations(list: CardConsideration[] | undefined): Json | undefined {
  if (!list?.length) return undefined;
  const text = (kind: CardConsideration['kind']) => list.filter((c) => c.kind === kind).map((c) => c.text);
  const out: Json = {};
  const put = (key: string, v: unknown[]) => {
    if (v.length) out[key] = v;
  };
  put('users', text('users'));
  put('useCases', text('use_cases'));
  put('technicalLimitations', text('technical_limitations'));
  put('performanceTradeoffs', text('performance_tradeoffs'));
  put('ethicalConsiderations', text('ethical_considerations').map((name) => ({ name })));
  return Object.keys(out).length ? out : undefined;
}

function tensorFormat(t: { name: string; type: string; shape: (number | string)[] }): { format: string } {
  return { format: `${t.name}: ${t.type} [${t.shape.join(', ')}]` };
}

/**
 * The BOM as a JSON value. Refused (a GateError) when the run stopped before the model was read: with no model
 * there is nothing the BOM could describe; a report with verdict error but a model gives a BOM that says so.
 */
export function toCycloneDx(report: Report, opts: CycloneDxOptions = {}): Json {
  const model = report.model;
  if (!model) {
    throw new GateError('cyclonedx.no-model', `no CycloneDX BOM: the run stopped before the model was read (verdict ${report.verdict}); the JSON report says why`);
  }
  const modelRef = `model:${model.path}`;
  const datasets = Object.entries(report.datasets);

  const modelProps: Property[] = [];
  prop(modelProps, 'model:path', model.path);
  prop(modelProps, 'model:digest', model.digest);
  prop(modelProps, 'model:size', model.size);
  prop(modelProps, 'model:opset', model.opset);
  prop(modelProps, 'model:classes', model.classes);
  if (model.output_used) prop(modelProps, 'model:output-used', `${model.output_used.name} (${model.output_used.kind}${model.output_used.detected ? ', detected' : ''})`);
  const s = report.signature;
  prop(modelProps, 'signature:status', s.status);
  prop(modelProps, 'signature:method', s.method);
  prop(modelProps, 'signature:format', s.format);
  prop(modelProps, 'signature:identity', s.identity);
  prop(modelProps, 'signature:issuer', s.issuer);
  prop(modelProps, 'signature:key-fingerprint', s.key_fingerprint);
  prop(modelProps, 'signature:oms-root-digest', s.root_digest);
  prop(modelProps, 'signature:log-index', s.log_index);
  prop(modelProps, 'signature:transparency', s.transparency);
  if (s.covers_card !== undefined && s.covers_card !== null) prop(modelProps, 'signature:covers-card', s.covers_card);
  if (report.policy) {
    prop(modelProps, 'policy:path', report.policy.path);
    prop(modelProps, 'policy:sha256', report.policy.sha256);
    prop(modelProps, 'policy:source', report.policy.source);
    prop(modelProps, 'policy:loosened', report.policy.loosened.length);
  }

  const tasks = [...new Set((report.model_card?.claims ?? []).map((c) => c.task).filter((t) => t !== ''))];
  const modelParameters: Json = {};
  if (tasks.length === 1) modelParameters.task = tasks[0];
  if (datasets.length) modelParameters.datasets = datasets.map(([name]) => ({ ref: `dataset:${name}` }));
  if (model.inputs.length) modelParameters.inputs = model.inputs.map(tensorFormat);
  if (model.outputs.length) modelParameters.outputs = model.outputs.map(tensorFormat);

  const modelCard: Json = {};
  if (Object.keys(modelParameters).length) modelCard.modelParameters = modelParameters;
  const metrics = performanceMetrics(report);
  if (metrics.length) modelCard.quantitativeAnalysis = { performanceMetrics: metrics };
  const cons = considerations(report.model_card?.considerations);
  if (cons) modelCard.considerations = cons;
  modelCard.properties = verdictProperties(report);

  const component: Json = {
    type: 'machine-learning-model',
    'bom-ref': modelRef,
    name: model.path,
    hashes: [{ alg: 'SHA-256', content: model.sha256 }],
    modelCard,
    properties: modelProps,
  };
  const dataComponents = datasets.map(([name, d]) => {
    const p: Property[] = [];
    prop(p, 'dataset:path', d.path);
    prop(p, 'dataset:rows', d.rows);
    prop(p, 'dataset:format', d.format);
    prop(p, 'dataset:pinned', d.pinned);
    if (d.changed_in_pr !== null) prop(p, 'dataset:changed-in-pr', d.changed_in_pr);
    return { type: 'data', 'bom-ref': `dataset:${name}`, name, hashes: [{ alg: 'SHA-256', content: d.sha256 }], properties: p };
  });

  const metaProps: Property[] = [];
  prop(metaProps, 'report-schema', report.schema);
  if (report.environment) {
    const e = report.environment;
    prop(metaProps, 'environment:onnxruntime', e.onnxruntime);
    prop(metaProps, 'environment:node', e.node);
    prop(metaProps, 'environment:platform', e.platform);
    prop(metaProps, 'environment:threads', e.threads);
  }
  const body: Json = {
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    version: 1,
    metadata: {
      tools: { components: [{ type: 'application', name: 'model-gate', version: opts.toolVersion ?? VERSION }] },
      properties: metaProps,
    },
    components: [component, ...dataComponents],
  };
  const serialNumber = uuidFromSha256(createHash('sha256').update('model-gate/cyclonedx/v1\0').update(JSON.stringify(body)).digest('hex'));
  const { bomFormat, specVersion, ...rest } = body;
  return { $schema: 'http://cyclonedx.org/schema/bom-1.6.schema.json', bomFormat, specVersion, serialNumber, ...rest };
}

/** The BOM as the file's text (2-space JSON, trailing newline). */
export function renderCycloneDx(report: Report, opts: CycloneDxOptions = {}): string {
  return JSON.stringify(toCycloneDx(report, opts), null, 2) + '\n';
}
