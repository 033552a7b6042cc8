/**
 * The report as a SARIF 2.1.0 log for `github/codeql-action/upload-sarif`: one run, tool `model-gate`, one rule
 * per problem kind (threshold per gate/metric, policy loosening, signature, errors, card claims), one result per
 * annotation with a repository-relative `physicalLocation` (artifact URI + region start line/column).
 */
import { createHash } from 'node:crypto';
import { annotationsFor, type Annotation } from './annotations.ts';
import type { Report } from './types.ts';

export interface SarifOptions {
  /** Gate id: `runs[0].automationDetails.id` = `model-gate/<id>/` (code scanning's category). */
  id: string;
  toolVersion?: string;
  informationUri?: string;
}

type Json = Record<string, unknown>;

const RULE_TEXT: [RegExp, (m: RegExpMatchArray) => { short: string; full: string; tags: string[] }][] = [
  [/^threshold\/([^/]+)\/(.+)$/, (m) => ({ short: `${m[1]}: ${m[2]} outside its threshold`, full: `The ${m[1]} gate measured ${m[2]} outside the threshold the policy sets.`, tags: ['ml', m[1]] })],
  [/^policy\/loosened$/, () => ({ short: 'Policy loosened', full: 'The pull request changes the model-gate policy in a way that is not provably stricter.', tags: ['ml', 'policy', 'security'] })],
  [/^policy\/trust-changed$/, () => ({ short: 'Trust file changed', full: 'The pull request changes the content of a file the policy trusts (key, certificate root, trusted root, reference model); the base commit\'s copy is used.', tags: ['ml', 'policy', 'supply-chain', 'security'] })],
  [/^signature$/, () => ({ short: 'Model signature not verified', full: 'The model signature is missing, invalid, or from an unexpected signer.', tags: ['ml', 'supply-chain', 'security'] })],
  [/^signature\/no-transparency-log$/, () => ({ short: 'Signature without transparency log', full: 'The signature was verified with a key or certificate; there is no transparency log entry.', tags: ['ml', 'supply-chain'] })],
  [/^gate-error\/(.+)$/, (m) => ({ short: `${m[1]}: gate could not be evaluated`, full: `The ${m[1]} gate could not be evaluated.`, tags: ['ml', m[1]] })],
  [/^card\/claim\/(.+)$/, (m) => ({ short: `Model card claim ${m[1]} does not match`, full: `The model card claims a value of ${m[1]} that differs from the measured one by more than the tolerance.`, tags: ['ml', 'model-card'] })],
  [/^error\/(.+)$/, (m) => ({ short: `model-gate error (${m[1]})`, full: 'model-gate could not evaluate the model.', tags: ['ml'] })],
  [/^warning\/(.+)$/, (m) => ({ short: `model-gate warning (${m[1]})`, full: 'A warning from model-gate.', tags: ['ml'] })],
];

function ruleFor(id: string, level: Annotation['level']): Json {
  let text = { short: id, full: id, tags: ['ml'] };
  for (const [re, f] of RULE_TEXT) {
    const m = id.match(re);
    if (m) {
      text = f(m);
      break;
    }
  }
  return {
    id,
    name: id.replace(/[^A-Za-z0-9]+(.)?/g, (_s, c: string | undefined) => (c ? c.toUpperCase() : '')).replace(/^./, (c) => c.toUpperCase()),
    shortDescription: { text: text.short },
    fullDescription: { text: text.full },
    defaultConfiguration: { level: sarifLevel(level) },
    properties: { tags: text.tags },
  };
}

function sarifLevel(l: Annotation['level']): 'error' | 'warning' | 'note' {
  return l === 'notice' ? 'note' : l;
}

/** SARIF message strings treat `[text](n)` as embedded links: escape brackets and backslashes (§3.11.6). */
export function sarifText(s: string): string {
  return s.replace(/[\\[\]]/g, (c) => `\\${c}`);
}

/** Repository-relative path → URI reference: forward slashes, each segment percent-encoded. */
export function artifactUri(path: string): string {
  return path
    .replace(/\\/g, '/')
    .replace(/^\.\//, '')
    .replace(/^\/+/, '')
    .split('/')
    .map((seg) => encodeURIComponent(seg))
    .join('/');
}

export function toSarif(report: Report, opts: SarifOptions): Json {
  const annotations = annotationsFor(report);
  const rules: Json[] = [];
  const ruleIndex = new Map<string, number>();
  const results: Json[] = [];
  const fallbackFile = report.policy?.path;
  for (const a of annotations) {
    if (!ruleIndex.has(a.rule)) {
      ruleIndex.set(a.rule, rules.length);
      rules.push(ruleFor(a.rule, a.level));
    }
    const file = a.file ?? fallbackFile;
    const line = a.file ? a.line : 1;
    const result: Json = {
      ruleId: a.rule,
      ruleIndex: ruleIndex.get(a.rule),
      level: sarifLevel(a.level),
      message: { text: sarifText(a.message) },
    };
    if (file) {
      const region: Json = { startLine: line && line >= 1 ? Math.floor(line) : 1 };
      if (a.file && a.col && a.col >= 1) region.startColumn = Math.floor(a.col);
      result.locations = [{ physicalLocation: { artifactLocation: { uri: artifactUri(file), uriBaseId: '%SRCROOT%' }, region } }];
      result.partialFingerprints = {
        'modelGate/v1': createHash('sha256').update(`${a.rule}\u0000${file}\u0000${a.file ? (a.line ?? '') : ''}`).digest('hex').slice(0, 32),
      };
    }
    results.push(result);
  }
  const driver: Json = { name: 'model-gate', rules };
  if (opts.toolVersion) driver.version = opts.toolVersion;
  if (opts.informationUri) driver.informationUri = opts.informationUri;
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver },
        automationDetails: { id: `model-gate/${opts.id.replace(/[^A-Za-z0-9._/-]/g, '_')}/` },
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The repository root (GITHUB_WORKSPACE).' } } },
        invocations: [{ executionSuccessful: report.verdict !== 'error' }],
        results,
        properties: { verdict: report.verdict, failedGates: report.failed_gates, mode: report.mode },
      },
    ],
  };
}

/** The SARIF log as the file's text (2-space JSON, trailing newline). */
export function renderSarif(report: Report, opts: SarifOptions): string {
  return JSON.stringify(toSarif(report, opts), null, 2) + '\n';
}
