import { createHash } from 'node:crypto';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import schema from '../../policies/model-gate.schema.json' with { type: 'json' };
import { PolicyError, type PolicyProblem } from './errors.ts';
import { checkPolicy } from './checks.ts';
import { closest } from './suggest.ts';
import { formatPath, GATE_METRICS, type Policy, type PolicyPath, type PolicyPosition, type PositionOf } from './types.ts';

export { PolicyError, type PolicyProblem } from './errors.ts';

export interface ParsedPolicy {
  /** The validated policy with every documented default applied. */
  policy: Policy;
  /** Position of a key (or of a list item) in the policy file; undefined when the path is not written there. */
  positionOf: PositionOf;
  /** sha256 (hex) of the policy file's bytes. */
  sha256: string;
}

/**
 * Parses and validates a policy (docs/design.md §4). Throws a `PolicyError` (a GateError, code `policy.invalid`) whose
 * `problems` lists every problem (see `diagnosePolicy`) and whose message is the first of them, with how many more.
 */
export function parsePolicy(text: string | Uint8Array, file: string): ParsedPolicy {
  const d = diagnosePolicy(text, file);
  if (d.problems.length > 0 || !d.parsed) throw new PolicyError(d.problems);
  return d.parsed;
}

/** Everything `diagnosePolicy` found out about a policy file. */
export interface PolicyDiagnosis {
  /** Every problem as `file:line:col: <path> <problem>`, sorted by line then column; none: the policy is valid. */
  problems: PolicyProblem[];
  /** The validated policy, when there is no problem. */
  parsed?: ParsedPolicy;
  /**
   * The policy as far as it could be read (the schema's defaults applied where the shape allowed), for checks that
   * look further (`model-gate validate` reads the datasets' headers); undefined when the YAML itself is broken.
   */
  data?: unknown;
  /** A problem at a policy path, positioned at its key or value (or at the nearest written ancestor). */
  problemAt: (path: PolicyPath, where: 'key' | 'value', message: string) => PolicyProblem;
  /** Whether the schema already reported a problem at `path` or at a key above it (or a missing required key there). */
  reported: (path: PolicyPath) => boolean;
}

/**
 * Every problem of a policy at once: YAML syntax and duplicate keys (when the YAML is broken, only those), then the
 * JSON Schema (unknown keys with the closest known key, unknown metrics, types, enums, ranges) together with the
 * cross-field rules (dataset references, memorisation members vs non-members, labels: predicted vs robust_accuracy,
 * threshold ranges, ...) and every path (relative, no `..` that leaves the working directory). On a policy the schema
 * rejected, the cross-field rules run part by part and leave out what the schema already said about the same key.
 * Symlinks are checked where files are opened (`src/util/paths.ts`).
 */
export function diagnosePolicy(text: string | Uint8Array, file: string): PolicyDiagnosis {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : Buffer.from(text);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  let source = typeof text === 'string' ? text : bytes.toString('utf8');
  if (source.charCodeAt(0) === 0xfeff) source = source.slice(1);

  const lineCounter = new LineCounter();
  // YAML 1.2 core schema (yes/no/on/off are text), `<<` merge keys allowed so that datasets can share settings.
  const doc = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true, version: '1.2', strict: true, merge: true });
  const at = (offset: number): { line: number; col: number } => {
    const p = lineCounter.linePos(Math.max(0, Math.min(offset, source.length)));
    return { line: p.line, col: p.col };
  };
  const problem = (pos: { line: number; col: number }, msg: string): PolicyProblem => ({
    message: `${file}:${pos.line}:${pos.col}: ${oneLineText(msg)}`,
    file,
    line: pos.line,
    col: pos.col,
  });
  const locate = makeLocator(doc, lineCounter);
  const problemAt = (path: PolicyPath, where: 'key' | 'value', msg: string): PolicyProblem =>
    problem(locate(path, where, true) ?? { line: 1, col: 1 }, msg);
  const subjects: PolicyPath[] = [];
  const prefix = (a: PolicyPath, b: PolicyPath): boolean => a.length <= b.length && a.every((seg, i) => String(seg) === String(b[i]));
  const reported = (path: PolicyPath): boolean => subjects.some((s) => prefix(s, path));
  const done = (problems: PolicyProblem[], data?: unknown): PolicyDiagnosis => ({ problems: sortProblems(dedupe(problems)), data, problemAt, reported });

  const yamlProblems: PolicyProblem[] = [];
  for (const e of [...doc.errors, ...doc.warnings]) {
    yamlProblems.push(problem(at(e.pos[0]), `YAML ${yamlMessage(e.code, e.message, source, e.pos)}`));
  }
  if (yamlProblems.length > 0) return done(yamlProblems);

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    return done([problem({ line: 1, col: 1 }, `YAML ${msg.replace(/\s+/g, ' ')}`)]);
  }
  if (data === null || data === undefined) {
    return done([problem({ line: 1, col: 1 }, 'the policy is empty: start it with "version: 1" (see policies/model-gate.schema.json)')]);
  }

  const positionOf: PositionOf = (path) => {
    const p = locate(path, 'key', false);
    return p ? { file, line: p.line, col: p.col } : undefined;
  };
  const written = (path: PolicyPath): boolean => locate(path, 'key', false) !== undefined;
  const validate = validator();
  const nonFinite = nonFiniteNumbers(data);
  const schemaValid = validate(data) && nonFinite.length === 0;
  const problems: PolicyProblem[] = [];
  for (const p of nonFinite) {
    subjects.push(p);
    problems.push(problemAt(p, 'value', `${formatPath(p)} must be a finite number (got ${String(valueAt(data, p))})`));
  }
  if (!schemaValid) {
    // .inf / .nan are reported above; the schema's "must be a number" about them would say the same again.
    const atNonFinite = (p: PolicyPath): boolean => nonFinite.some((n) => formatPath(n) === formatPath(p));
    for (const p of translateErrors(validate.errors ?? [], data)) {
      if (atNonFinite(p.path)) continue;
      subjects.push(p.subject ?? p.path);
      problems.push(problemAt(p.path, p.where, p.message));
    }
  }
  // Defaults that depend on other keys (static defaults come from the schema through ajv's useDefaults).
  const sig = (data as { signature?: unknown }).signature;
  if (sig !== null && typeof sig === 'object' && !Array.isArray(sig)) {
    const s = sig as { subject?: unknown };
    if (s.subject === undefined) s.subject = (data as { model?: { path?: unknown } }).model?.path;
  }
  // gates.regression.datasets: the accuracy gate's dataset unless listed (checks.ts: without gates.accuracy, list them).
  const gatesData = (data as { gates?: unknown }).gates;
  if (gatesData !== null && typeof gatesData === 'object' && !Array.isArray(gatesData)) {
    const g = gatesData as { regression?: unknown; accuracy?: { dataset?: unknown } };
    const r = g.regression;
    if (r !== null && typeof r === 'object' && !Array.isArray(r) && (r as { datasets?: unknown }).datasets === undefined && typeof g.accuracy?.dataset === 'string') {
      (r as { datasets?: unknown }).datasets = [g.accuracy.dataset];
    }
  }
  // `limit` samples by label when there are labels (a class-sorted file would otherwise give one class only).
  const datasets = (data as { datasets?: unknown }).datasets;
  if (datasets !== null && typeof datasets === 'object' && !Array.isArray(datasets)) {
    for (const d of Object.values(datasets as Record<string, unknown>)) {
      if (d === null || typeof d !== 'object' || Array.isArray(d)) continue;
      const x = d as { sample?: unknown; label?: unknown; labels?: unknown };
      x.sample ??= x.label !== undefined || x.labels !== undefined ? 'stratified' : 'first';
    }
  }
  // The cross-field rules; on a policy the schema rejected, part by part, without what the schema already said: a
  // rule about a key the schema blamed (or blamed a key above), or about a value the schema blamed deeper down
  // (bounds with a text item). Rules about a key's presence stay (reference-models needs population).
  const blamedBelow = (p: { path: PolicyPath; where: 'key' | 'value' }): boolean => p.where === 'value' && subjects.some((s) => prefix(p.path, s));
  for (const p of checkPolicy(data as Policy, written, !schemaValid)) {
    if (schemaValid || !(reported(p.path) || blamedBelow(p))) problems.push(problemAt(p.path, p.where, p.message));
  }
  if (problems.length > 0) return done(problems, data);
  return { problems: [], parsed: { policy: data as Policy, positionOf, sha256 }, data, problemAt, reported };
}

/** The compiled schema validator (compiled once, lazily). Exported for tests that validate example files. */
export function validator(): ValidateFunction {
  if (compiled) return compiled;
  const ajv = new Ajv2020({ allErrors: true, verbose: true, useDefaults: true, strict: true, strictRequired: false, allowUnionTypes: true });
  ajv.addKeyword({ keyword: 'x-error', schemaType: ['string', 'object'] });
  compiled = ajv.compile(schema);
  return compiled;
}
let compiled: ValidateFunction | undefined;

// ---------------------------------------------------------------------------------------------------------------
// YAML

function yamlMessage(code: string, message: string, source: string, pos: [number, number]): string {
  switch (code) {
    case 'DUPLICATE_KEY': {
      const m = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^:,{}[\]\r\n]+)/.exec(source.slice(pos[0]));
      const key = m ? m[1].trim().replace(/^["']|["']$/g, '') : 'key';
      return `duplicate key ${JSON.stringify(key)}: keys must be unique (remove or merge one of them)`;
    }
    case 'TAB_AS_INDENT':
      return 'tabs are not allowed as indentation: indent with spaces';
    case 'MULTIPLE_DOCS':
      return 'the file contains several documents (---): a policy is one document';
    case 'TAG_RESOLVE_FAILED':
      return `${message.replace(/\.$/, '')}: custom tags are not supported`;
    default:
      return message.replace(/; please use YAML\.parseAllDocuments\(\)/, '');
  }
}

type Pos = { line: number; col: number };

/**
 * Finds positions in the YAML document. `key`: the key of a map entry (or the list item); `value`: the value
 * node when it is a scalar or a flow collection (`[..]`, `{..}`), else the key. With `nearest`, a path that is
 * not written in the file falls back to its closest written ancestor.
 */
function makeLocator(doc: Document, lc: LineCounter) {
  const pos = (offset: number): Pos => {
    const p = lc.linePos(offset);
    return { line: p.line, col: p.col };
  };
  const deref = (n: unknown): unknown => (isAlias(n) ? n.resolve(doc) : n);
  return (path: PolicyPath, where: 'key' | 'value', nearest: boolean): Pos | undefined => {
    let node: unknown = deref(doc.contents);
    let keyPos: Pos | undefined = node && (node as YamlNode).range ? pos((node as YamlNode).range![0]) : { line: 1, col: 1 };
    let valueNode: unknown = node;
    let lastGood = keyPos;
    for (const seg of path) {
      let found = false;
      if (isMap(node)) {
        for (const item of node.items) {
          if (!isPair(item)) continue;
          const k = isScalar(item.key) ? item.key.value : item.key;
          if (String(k) === String(seg)) {
            const kr = isScalar(item.key) ? item.key.range : undefined;
            const vr = (item.value as YamlNode | null)?.range;
            keyPos = kr ? pos(kr[0]) : vr ? pos(vr[0]) : keyPos;
            valueNode = item.value;
            node = deref(item.value);
            found = true;
          }
        }
      } else if (isSeq(node) && typeof seg === 'number') {
        const item = node.items[seg];
        if (item !== undefined) {
          const r = (item as YamlNode | null)?.range;
          if (r) keyPos = pos(r[0]);
          valueNode = item;
          node = deref(item);
          found = true;
        }
      }
      if (!found) return nearest ? lastGood : undefined;
      lastGood = keyPos;
    }
    if (where === 'value') {
      const v = valueNode as YamlNode | null;
      const flow = isScalar(v) || isAlias(v) || ((isMap(v) || isSeq(v)) && v.flow);
      if (flow && v?.range) return pos(v.range[0]);
    }
    return keyPos;
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Schema errors -> messages

interface RawProblem {
  path: PolicyPath;
  where: 'key' | 'value';
  message: string;
  /** The key the problem is about when it is not `path` (a missing required key: `path` is its parent). */
  subject?: PolicyPath;
}

const GATE_OF_METRIC = new Map<string, string>();
for (const [gate, metrics] of Object.entries(GATE_METRICS)) for (const m of metrics) GATE_OF_METRIC.set(m, gate);

const REQUIRED_HINTS: Record<string, string> = {
  version: 'version is required: start the policy with "version: 1"',
  model: 'model is required: name the ONNX model with "model: { path: ... }"',
  signature:
    'signature is required: say who must have signed the model (signature.keyless, signature.key or signature.certificate-roots with signature.bundle), or write "signature: { required: false }" to accept unsigned models',
  'signature.bundle': 'signature.bundle is required when signature.required is true (the default): the path of the model\'s signature file',
};

function pathOf(instancePath: string, data: unknown): PolicyPath {
  if (instancePath === '') return [];
  const out: PolicyPath = [];
  let node: unknown = data;
  for (const raw of instancePath.slice(1).split('/')) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node) && /^\d+$/.test(seg)) {
      out.push(Number(seg));
      node = node[Number(seg)];
    } else {
      out.push(seg);
      node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[seg] : undefined;
    }
  }
  return out;
}

function valueAt(data: unknown, path: PolicyPath): unknown {
  let node = data;
  for (const seg of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[seg];
  }
  return node;
}

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

const TYPE_NAMES: Record<string, string> = {
  object: 'a mapping',
  array: 'a list',
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  boolean: 'a boolean (true or false)',
  null: 'empty',
};

/** A short, one-line description of a value for messages. */
export function describe(v: unknown): string {
  if (v === null || v === undefined) return 'an empty value';
  if (typeof v === 'string') {
    const s = v.length > 60 ? `${v.slice(0, 57)}...` : v;
    return JSON.stringify(s);
  }
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return 'a list';
  if (v instanceof Uint8Array) return 'binary data';
  if (typeof v === 'object') return 'a mapping';
  return typeof v;
}

function show(v: unknown): string {
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

function joinOr(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

function branchMatches(branch: Record<string, unknown>, v: unknown): boolean {
  const t = jsonType(v);
  if (branch.type !== undefined) {
    const types = Array.isArray(branch.type) ? (branch.type as string[]) : [branch.type as string];
    return types.includes(t) || (t === 'integer' && types.includes('number'));
  }
  if ('const' in branch) return jsonType(branch.const) === t || (t === 'integer' && typeof branch.const === 'number');
  if (Array.isArray(branch.enum)) return (branch.enum as unknown[]).some((e) => jsonType(e) === t);
  return false;
}

function isUnder(inner: string, outer: string): boolean {
  return inner === outer || inner.startsWith(`${outer}/`);
}

export function translateErrors(errors: ErrorObject[], data: unknown): RawProblem[] {
  const combinators = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf');
  // For each failing anyOf/oneOf: the branch that fits the value's type (if exactly one does).
  const chosen = new Map<ErrorObject, number | null>();
  for (const c of combinators) {
    const branches = (c.schema as Record<string, unknown>[]) ?? [];
    const v = valueAt(data, pathOf(c.instancePath, data));
    const fits = branches.map((b, i) => (branchMatches(b, v) ? i : -1)).filter((i) => i >= 0);
    chosen.set(c, c.keyword === 'anyOf' && fits.length === 1 ? fits[0] : null);
  }
  const kept = new Set<ErrorObject>();
  const reportedDeeper = new Set<ErrorObject>();
  for (const e of errors) {
    if (e.keyword === 'anyOf' || e.keyword === 'oneOf' || e.keyword === 'if') continue;
    let keep = true;
    for (const c of combinators) {
      const prefix = `${c.schemaPath}/`;
      if (!e.schemaPath.startsWith(prefix) || !isUnder(e.instancePath, c.instancePath)) continue;
      const branch = Number(e.schemaPath.slice(prefix.length).split('/')[0]);
      const pick = chosen.get(c);
      if (pick === null || pick !== branch || e.instancePath === c.instancePath) {
        keep = false;
        break;
      }
      reportedDeeper.add(c);
    }
    if (keep) kept.add(e);
  }
  // A missing required key that an unknown key's suggestion names ("modle" -> model) is reported once, at the typo.
  const typoFor = new Set<string>();
  for (const e of errors) {
    if (e.keyword !== 'additionalProperties') continue;
    const props = Object.keys(((e.parentSchema as Record<string, unknown>)?.properties as object) ?? {});
    const guess = closest(String((e.params as Record<string, unknown>).additionalProperty), props);
    if (guess) typoFor.add(`${e.instancePath}/${guess}`);
  }
  const out: RawProblem[] = [];
  for (const e of errors) {
    if (e.keyword === 'anyOf' || e.keyword === 'oneOf') {
      if (!reportedDeeper.has(e)) out.push(combinatorMessage(e, data));
      continue;
    }
    if (!kept.has(e)) continue;
    if (e.keyword === 'required' && typoFor.has(`${e.instancePath}/${String((e.params as Record<string, unknown>).missingProperty)}`)) continue;
    // Errors about a property NAME come twice: the inner one (carrying propertyName) and `propertyNames`.
    if (e.propertyName !== undefined && e.keyword !== 'propertyNames') continue;
    const m = errorMessage(e, data);
    if (m) out.push(m);
  }
  return out;
}

function combinatorMessage(e: ErrorObject, data: unknown): RawProblem {
  const path = pathOf(e.instancePath, data);
  const v = valueAt(data, path);
  const x = (e.parentSchema as Record<string, unknown> | undefined)?.['x-error'];
  const name = formatPath(path);
  if (x && typeof x === 'object') {
    const many = (e.params as { passingSchemas?: unknown }).passingSchemas != null;
    const msg = (x as { none: string; many: string })[many ? 'many' : 'none'];
    return { path, where: 'key', message: `${name} ${msg}` };
  }
  const expected = typeof x === 'string' ? x : 'one of the allowed forms';
  return { path, where: 'value', message: `${name} must be ${expected} (got ${describe(v)})` };
}

function errorMessage(e: ErrorObject, data: unknown): RawProblem | null {
  const path = pathOf(e.instancePath, data);
  const name = formatPath(path);
  const v = valueAt(data, path);
  const params = e.params as Record<string, unknown>;
  const parent = (e.parentSchema ?? {}) as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const full = [...path, key];
      const props = Object.keys((parent.properties as Record<string, unknown>) ?? {});
      const guess = closest(key, props);
      const mean = guess ? `did you mean ${guess}?` : '';
      if (path.length === 3 && path[0] === 'gates' && path[2] === 'thresholds') {
        const gate = String(path[1]);
        const other = GATE_OF_METRIC.get(key);
        const hint = other && other !== gate ? `; ${key} is a metric of gate ${other}` : guess ? `; did you mean ${guess}?` : '';
        return { path: full, where: 'key', message: `${formatPath(full)} is not a known metric of gate ${gate} (known: ${props.join(', ')})${hint}` };
      }
      if (path.length === 1 && path[0] === 'gates') {
        return { path: full, where: 'key', message: `${formatPath(full)} is not a known gate (known: ${props.join(', ')})${guess ? `; did you mean ${guess}?` : ''}` };
      }
      const owner = path.length === 0 ? 'the policy' : name;
      return {
        path: full,
        where: 'key',
        message: `${formatPath(full)} is not a known key of ${owner} (${mean || `known: ${props.join(', ')}`})`.replace(' ()', ''),
      };
    }
    case 'required': {
      const key = String(params.missingProperty);
      const full = formatPath([...path, key]);
      const hint = REQUIRED_HINTS[full];
      return { path, where: 'key', message: hint ?? `${full} is required`, subject: [...path, key] };
    }
    case 'type': {
      const want = (Array.isArray(params.type) ? (params.type as string[]) : String(params.type).split(','));
      const names = want.map((t) => TYPE_NAMES[t] ?? t);
      let msg = `${name} must be ${joinOr(names)} (got ${describe(v)})`;
      if (want.includes('string') && (typeof v === 'number' || typeof v === 'boolean')) msg += ': quote it';
      if (want.includes('boolean') && typeof v === 'string' && /^(yes|no|on|off|y|n)$/i.test(v)) msg += ': YAML 1.2 reads it as text, write true or false';
      return { path, where: 'value', message: msg };
    }
    case 'const': {
      if (path.length === 1 && path[0] === 'version') {
        return { path, where: 'value', message: `version must be 1 (got ${describe(v)}): this model-gate reads policy version 1` };
      }
      return { path, where: 'value', message: `${name} must be ${show(params.allowedValue)} (got ${describe(v)})` };
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(show);
      const guess = typeof v === 'string' ? closest(v, allowed) : undefined;
      if (path.length === 5 && path[0] === 'gates' && path[4] === 'measured') {
        return { path, where: 'value', message: `${name} ${describe(v)} is not a measured metric${guess ? `; did you mean ${guess}?` : ''} (known: ${allowed.join(', ')})` };
      }
      return { path, where: 'value', message: `${name} must be one of ${allowed.join(', ')} (got ${describe(v)})${guess ? `; did you mean ${guess}?` : ''}` };
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const op = { minimum: '>=', maximum: '<=', exclusiveMinimum: '>', exclusiveMaximum: '<' }[e.keyword];
      return { path, where: 'value', message: `${name} must be ${op} ${params.limit} (got ${describe(v)})` };
    }
    case 'minItems': {
      if (path[path.length - 1] === 'bounds') return { path, where: 'value', message: `${name} must be a pair [lo, hi] (got ${(v as unknown[]).length} item${(v as unknown[]).length === 1 ? '' : 's'})` };
      return { path, where: 'value', message: params.limit === 1 ? `${name} must not be an empty list` : `${name} must have at least ${params.limit} items (got ${(v as unknown[]).length})` };
    }
    case 'maxItems': {
      if (path[path.length - 1] === 'bounds') return { path, where: 'value', message: `${name} must be a pair [lo, hi] (got ${(v as unknown[]).length} items)` };
      return { path, where: 'value', message: `${name} must have at most ${params.limit} items (got ${(v as unknown[]).length})` };
    }
    case 'minProperties': {
      if (parent.properties && 'min' in (parent.properties as object) && 'max' in (parent.properties as object)) {
        return { path, where: 'key', message: `${name} needs min or max (e.g. { min: 0.9 })` };
      }
      return { path, where: 'key', message: `${name} must not be empty` };
    }
    case 'minLength':
      return { path, where: 'value', message: `${name} must not be empty` };
    case 'uniqueItems': {
      const arr = v as unknown[];
      const i = Number(params.i), j = Number(params.j);
      return { path: [...path, i], where: 'value', message: `${name} lists ${show(arr[i])} twice (items ${j} and ${i})` };
    }
    case 'pattern': {
      if (String(params.pattern).includes('{64}')) {
        return { path, where: 'value', message: `${name} must be a sha256 digest: 64 hexadecimal characters (got ${describe(v)})` };
      }
      return { path, where: 'value', message: `${name} must match ${params.pattern} (got ${describe(v)})` };
    }
    case 'propertyNames': {
      // Reported by additionalProperties where the names are a closed list; otherwise (dataset names) here.
      const prop = String(params.propertyName);
      if (parent.additionalProperties === false) return null;
      return { path: [...path, prop], where: 'key', message: `${formatPath([...path, prop])}: ${JSON.stringify(prop)} is not a valid name (letters, digits, _ - . starting with a letter or digit)` };
    }
    case 'if':
      return null;
    default:
      return { path, where: 'value', message: `${name} ${e.message ?? 'is invalid'}` };
  }
}

/** Paths of .inf / .nan values (JSON Schema numbers are finite; YAML's are not). */
function nonFiniteNumbers(data: unknown, path: PolicyPath = [], out: PolicyPath[] = []): PolicyPath[] {
  if (typeof data === 'number' && !Number.isFinite(data)) out.push(path);
  else if (Array.isArray(data)) data.forEach((v, i) => nonFiniteNumbers(v, [...path, i], out));
  else if (data !== null && typeof data === 'object' && !(data instanceof Uint8Array)) {
    for (const [k, v] of Object.entries(data)) nonFiniteNumbers(v, [...path, k], out);
  }
  return out;
}

/** Messages stay on one line: control characters from keys or values are shown escaped. */
function oneLineText(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function dedupe(problems: PolicyProblem[]): PolicyProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => (seen.has(p.message) ? false : (seen.add(p.message), true)));
}

/** Problems by line, then column (stable). */
export function sortProblems(problems: PolicyProblem[]): PolicyProblem[] {
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => a.p.line - b.p.line || a.p.col - b.p.col || a.i - b.i)
    .map(({ p }) => p);
}

export type { PolicyPosition };
