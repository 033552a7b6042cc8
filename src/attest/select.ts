/**
 * Choosing among the attestations stored for a model's digest (docs/attestation.md "Fetched from GitHub"). A
 * repository can hold many for one model: earlier runs, the .report statements, other tools' provenance, bundles
 * signed by someone else. Each is authenticated exactly as a file is (signature, identity, statement, predicate
 * type, subjects: src/attest/verify.ts checks 1-3); those that fail are set aside with their reason, never trusted.
 * Among the rest (only those under the required policy digest, when one is given), the NEWEST by timeVerified
 * decides: its verdict, gates and age are judged (checks 4-7). So a later run of the gate that failed this very
 * model blocks the deployment even though an older run passed it; and nothing signed by another identity can
 * either pass or block it.
 */
import { asGateError, GateError } from '../errors.ts';
import { fetchAttestations, type AttestationsApi, type FetchedBundle } from './github.ts';
import { authenticateAttestation, digestsOf, judgeAttestation, listAttestedFiles, type AttestationHolds, type Authenticated, type VerifyAttestationOptions } from './verify.ts';

export interface Selected extends AttestationHolds {
  /** Which candidate decided, and how many were looked at / set aside (by reason). */
  chosen: string;
  candidates: number;
  setAside: Record<string, number>;
}

/** Codes that concern the input as a whole (the model path, the options), not one candidate: they stop the look. */
const FATAL = new Set(['attest.model', 'attest.ignore-paths', 'attest.signer']);

const REASON: Record<string, string> = {
  'attest.bundle': 'not a DSSE bundle',
  'attest.signature': 'signature does not verify (another signer or key)',
  'attest.identity': 'signed by another identity',
  'attest.statement': 'not an in-toto statement',
  'attest.predicate-type': 'another predicate type',
  'attest.subject': 'about another model',
};

async function selectAttestation(candidates: FetchedBundle[], opts: Omit<VerifyAttestationOptions, 'json' | 'name'>, where: string): Promise<Selected> {
  const setAside: Record<string, number> = {};
  const ok: Authenticated[] = [];
  const digests = opts.digests ?? new Map<string, string>();
  const setAsideFor = (why: string) => (setAside[why] = (setAside[why] ?? 0) + 1);
  for (const c of candidates) {
    if (c.json === null) {
      setAsideFor('bundle could not be downloaded or decoded');
      continue;
    }
    try {
      ok.push(await authenticateAttestation({ ...opts, digests, json: c.json, name: c.label }));
    } catch (e) {
      const err = asGateError(e);
      if (FATAL.has(err.code)) throw err;
      setAsideFor(REASON[err.code] ?? err.code);
    }
  }
  const aside = setAsideText(setAside);
  const seen = `${candidates.length} found${aside ? `: ${aside}` : ''}`;
  if (candidates.length === 0) {
    throw new GateError('attest.none', `no attestation of this model in ${where}: the gate run did not store one (attest: true keyless, with permissions attestations: write), or this is not the model that was gated`, { kind: 'fail' });
  }
  let usable = ok;
  if (opts.policyDigest) {
    usable = ok.filter((a) => String(policyOf(a)).toLowerCase() === opts.policyDigest!.toLowerCase());
    if (ok.length && !usable.length) {
      throw new GateError('attest.policy', `none of the ${ok.length} attestation(s) of this model by the expected signer in ${where} is under policy sha256:${opts.policyDigest} (${seen}): the model was gated under another policy`, { kind: 'fail' });
    }
  }
  if (!usable.length) {
    throw new GateError('attest.none', `no attestation of this model in ${where} is a verification summary signed by the expected signer (${seen})`, { kind: 'fail' });
  }
  // Newest first; equal times keep the API's order (deterministic for one answer).
  const time = (a: Authenticated) => {
    const t = typeof a.predicate.timeVerified === 'string' ? Date.parse(a.predicate.timeVerified) : NaN;
    return Number.isNaN(t) ? -Infinity : t;
  };
  const newest = usable.reduce((best, a) => (time(a) > time(best) ? a : best));
  let holds: AttestationHolds;
  try {
    holds = judgeAttestation(newest, opts);
  } catch (e) {
    const err = asGateError(e);
    throw new GateError(err.code, `${err.message} (the newest of ${usable.length} attestation(s) of this model by the expected signer; ${seen})`, { kind: err.kind });
  }
  return { ...holds, chosen: newest.name, candidates: candidates.length, setAside };
}

function policyOf(a: Authenticated): unknown {
  const p = a.predicate.policy as { digest?: { sha256?: unknown } } | undefined;
  return p?.digest?.sha256;
}

/**
 * The digest to ask the API for: the model file's sha256, or for a folder that of its first file by path (every
 * attestation of the folder has that file among its subjects). Fills `digests` (all files are hashed once here).
 */
async function queryDigest(opts: Pick<VerifyAttestationOptions, 'modelPath' | 'modelLabel' | 'ignorePaths' | 'attestationPath'>, digests: Map<string, string>): Promise<string> {
  const model = await listAttestedFiles(opts);
  if (model.files.length === 0) throw new GateError('attest.model', `model folder ${opts.modelLabel ?? opts.modelPath} has no files to verify`, { kind: 'error' });
  const files = [...model.files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return (await digestsOf(files.map((f) => f.abs), digests))[0];
}

/** The set-aside counts as a phrase: "2 another predicate type, 1 signed by another identity" ('' when none). */
export function setAsideText(setAside: Record<string, number>): string {
  return Object.entries(setAside).map(([why, n]) => `${n} ${why}`).join(', ');
}

/**
 * The whole `source: github` / `--from-github` check: the model's digest, every attestation the repository stores for
 * it (`onListed` hears how many, before any is judged), and the choice among them (`selectAttestation`).
 */
export async function verifyFromGitHub(
  api: AttestationsApi,
  opts: Omit<VerifyAttestationOptions, 'json' | 'name' | 'digests'>,
  onListed?: (count: number, hex: string) => void,
): Promise<Selected & { digest: string }> {
  const digests = new Map<string, string>();
  const hex = await queryDigest(opts, digests);
  const found = await fetchAttestations(api, hex);
  onListed?.(found.length, hex);
  const sel = await selectAttestation(found, { ...opts, digests }, `${api.repo} (attestations of sha256:${hex})`);
  return { ...sel, digest: hex };
}
