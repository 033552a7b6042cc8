import path from 'node:path';
import { GateError } from '../errors.ts';
import type { Report } from '../report/types.ts';
import { IN_TOTO_PAYLOAD_TYPE, signDsse, statementPayload, type DsseBundle, type SigningKey } from '../signature/sign/dsse.ts';
import type { DsseSigner, SignedBundle } from '../signature/sign/signer.ts';
import { VERSION } from '../version.ts';
import { decimal } from '../util/decimal.ts';

/**
 * The attestation of one gate run (docs/attestation.md): two in-toto Statements v1 over the same subjects, each
 * signed as a DSSE Sigstore bundle (sign/dsse.ts):
 * - a SLSA Verification Summary (`https://slsa.dev/verification_summary/v1`): who verified (model-gate and its
 *   version), when, against which policy (its sha256), from which input attestation (the model signature's sha256),
 *   PASSED or FAILED, and one `MODEL_GATE_<GATE>_PASSED` per passed gate in `verifiedLevels`;
 * - the full report (`https://model-gate.dev/report/v1`), with the gates' metrics, CIs and thresholds as decimal
 *   strings.
 * Subjects: every verified file of the model (name relative to the signed folder, or the file's base name, with its
 * sha256), plus, for an OMS signature, the OMS root digest (named as OMS names its subject, marked by an annotation).
 * A run whose verdict is `error` is never attested. Pure: the run's time comes in (`timeVerified`).
 */

export const VSA_PREDICATE = 'https://slsa.dev/verification_summary/v1';
export const REPORT_PREDICATE = 'https://model-gate.dev/report/v1';
export const IN_TOTO_STATEMENT_V1 = 'https://in-toto.io/Statement/v1';
/** `verifier.id` of the CLI (the action passes its own repository and ref). */
export const VERIFIER_ID = 'https://model-gate.dev/verifier/cli';
/** The annotation that marks the OMS root-digest subject (it is derived from the file subjects, not a file). */
export const ROOT_ANNOTATION = 'model-gate.dev/subject';
export const ROOT_ANNOTATION_VALUE = 'oms-root-digest';

export interface Subject {
  name: string;
  digest: { sha256: string };
  annotations?: Record<string, string>;
}

export interface AttestOptions {
  /** RFC 3339 time of the run (the CLI reads the clock; the engine never does). */
  timeVerified: string;
  /** The resource the model came from (a URI), e.g. `git+https://github.com/o/r@SHA#models/credit`. */
  resourceUri: string;
  /** URI of a workspace-relative file (the policy, the signature), in the same scheme as `resourceUri`. */
  uriOf(relPath: string): string;
  /** Default VERIFIER_ID. */
  verifierId?: string;
}

function attestError(message: string): GateError {
  return new GateError('attest.input', message, { kind: 'error' });
}

/** The level name of a gate (or `signature`): `MODEL_GATE_<NAME>_PASSED`, upper case, dashes as underscores. */
export function levelOf(gate: string): string {
  return `MODEL_GATE_${gate.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}_PASSED`;
}

/** The subjects of a run: every verified model file, and the OMS root digest when signed that way. */
export function subjectsOf(report: Report): Subject[] {
  const sig = report.signature;
  if (sig.status === 'verified') {
    if (!sig.files || !sig.subject) {
      throw attestError('cannot attest: the signature lists no whole-file digests (OpenSSF model signing with the shards serialization): sign the model with --method files');
    }
    const base = path.posix.basename(sig.subject);
    const out: Subject[] = sig.files.map((f) => ({ name: f.name === '.' ? base : f.name, digest: { sha256: f.sha256 } }));
    if (sig.format === 'oms' && sig.root_digest) {
      out.push({ name: base, digest: { sha256: sig.root_digest.replace(/^sha256:/, '') }, annotations: { [ROOT_ANNOTATION]: ROOT_ANNOTATION_VALUE } });
    }
    return out;
  }
  if (sig.status === 'skipped' && report.model) return [{ name: path.posix.basename(report.model.path), digest: { sha256: report.model.sha256 } }];
  throw attestError(`cannot attest: the signature is ${sig.status} and no model was verified`);
}

function assertAttestable(report: Report): void {
  if (report.verdict === 'error') throw attestError('no attestation for a run whose verdict is error: nothing was decided (fix the errors above and run again)');
  if (!report.policy) throw attestError('cannot attest: the run has no policy');
  if (!/^[0-9a-f]{64}$/.test(report.policy.sha256)) throw attestError('cannot attest: the policy has no sha256 digest');
}

/** The SLSA Verification Summary statement of a run (verdict pass or fail). */
export function buildVsaStatement(report: Report, opts: AttestOptions): Record<string, unknown> {
  assertAttestable(report);
  if (Number.isNaN(Date.parse(opts.timeVerified))) throw attestError(`timeVerified ${JSON.stringify(opts.timeVerified)} is not an RFC 3339 time`);
  const levels: string[] = [];
  if (report.signature.status === 'verified') levels.push(levelOf('signature'));
  for (const [name, g] of Object.entries(report.gates)) if (g?.status === 'pass') levels.push(levelOf(name));
  const predicate: Record<string, unknown> = {
    verifier: { id: opts.verifierId ?? VERIFIER_ID, version: { 'model-gate': VERSION } },
    timeVerified: opts.timeVerified,
    resourceUri: opts.resourceUri,
    policy: { uri: opts.uriOf(report.policy!.path), digest: { sha256: report.policy!.sha256 } },
    inputAttestations:
      report.signature.status === 'verified' && report.signature.bundle && report.signature.bundle_sha256
        ? [{ uri: opts.uriOf(report.signature.bundle), digest: { sha256: report.signature.bundle_sha256 } }]
        : [],
    verificationResult: report.verdict === 'pass' ? 'PASSED' : 'FAILED',
    verifiedLevels: levels,
  };
  return { _type: IN_TOTO_STATEMENT_V1, subject: subjectsOf(report), predicateType: VSA_PREDICATE, predicate };
}

export { decimal };

/** Every number inside `v` (arrays and objects, recursively) as a decimal string. */
function numbersAsStrings(v: unknown): unknown {
  if (typeof v === 'number') return decimal(v);
  if (Array.isArray(v)) return v.map(numbersAsStrings);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, numbersAsStrings(x)]));
  return v;
}

/**
 * The report statement's predicate: the JSON report, with each gate's `metrics`, `ci` and the numbers of its
 * `checks` (min, max, value, compared) as decimal strings; everything else as in the report.
 */
export function reportPredicate(report: Report): Record<string, unknown> {
  const gates: Record<string, unknown> = {};
  for (const [name, g] of Object.entries(report.gates)) {
    if (!g) continue;
    gates[name] = {
      ...g,
      metrics: numbersAsStrings(g.metrics),
      ...(g.ci ? { ci: numbersAsStrings(g.ci) } : {}),
      checks: g.checks.map((c) => {
        const out: Record<string, unknown> = { ...c };
        for (const k of ['min', 'max', 'value', 'compared'] as const) if (typeof c[k] === 'number') out[k] = decimal(c[k] as number);
        return out;
      }),
    };
  }
  return { ...JSON.parse(JSON.stringify(report)), gates };
}

export function buildReportStatement(report: Report, opts: AttestOptions): Record<string, unknown> {
  assertAttestable(report);
  return { _type: IN_TOTO_STATEMENT_V1, subject: subjectsOf(report), predicateType: REPORT_PREDICATE, predicate: { timeVerified: opts.timeVerified, report: reportPredicate(report) } };
}

export interface Attestation {
  vsa: { statement: Record<string, unknown>; bundle: DsseBundle };
  report: { statement: Record<string, unknown>; bundle: DsseBundle };
}

/** Both statements of a run, signed with the key. */
export function attestRun(report: Report, opts: AttestOptions, key: SigningKey): Attestation {
  const vsa = buildVsaStatement(report, opts);
  const rep = buildReportStatement(report, opts);
  return {
    vsa: { statement: vsa, bundle: signDsse(statementPayload(vsa), IN_TOTO_PAYLOAD_TYPE, key) },
    report: { statement: rep, bundle: signDsse(statementPayload(rep), IN_TOTO_PAYLOAD_TYPE, key) },
  };
}

export interface SignedAttestation {
  vsa: { statement: Record<string, unknown>; bundle: SignedBundle };
  report: { statement: Record<string, unknown>; bundle: SignedBundle };
}

/** Both statements of a run, signed with any signer (key or keyless: each statement gets its own log entry). */
export async function attestRunWith(report: Report, opts: AttestOptions, signer: DsseSigner): Promise<SignedAttestation> {
  const vsa = buildVsaStatement(report, opts);
  const rep = buildReportStatement(report, opts);
  const vsaBundle = await signer.sign(statementPayload(vsa), IN_TOTO_PAYLOAD_TYPE);
  const repBundle = await signer.sign(statementPayload(rep), IN_TOTO_PAYLOAD_TYPE);
  return { vsa: { statement: vsa, bundle: vsaBundle }, report: { statement: rep, bundle: repBundle } };
}
