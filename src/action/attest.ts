/**
 * The action's attestation step (docs/design.md §2, docs/attestation.md "The action"): on which events a run is
 * attested, who signs, and the signing itself (src/attest/statement.ts builds the statements).
 */
import { GateError } from '../errors.ts';
import type { Report } from '../report/types.ts';
import { attestRun, attestRunWith, type AttestOptions, type SignedAttestation } from '../attest/statement.ts';
import { createPublicKey } from 'node:crypto';
import { keyFingerprint } from '../signature/keys.ts';
import { loadSigningKey, type SigningKey } from '../signature/sign/dsse.ts';
import { keylessSigner, PUBLIC_GOOD_FULCIO, PUBLIC_GOOD_REKOR, serviceUrl, tokenSourceFrom } from '../signature/sign/keyless.ts';
import type { DsseSigner } from '../signature/sign/signer.ts';

type Env = Record<string, string | undefined>;

/** Events whose runs are attested: code from this repository only (a pull request from a fork never is). */
export const ATTEST_EVENTS: readonly string[] = ['push', 'release', 'workflow_dispatch', 'schedule', 'pull_request'];

export type AttestDecision = { attest: true } | { attest: false; reason: string };

function repoOf(side: unknown): { id?: number; name?: string } | null {
  const repo = (side as { repo?: unknown } | undefined)?.repo;
  if (!repo || typeof repo !== 'object') return null;
  const r = repo as { id?: unknown; full_name?: unknown };
  return { id: typeof r.id === 'number' ? r.id : undefined, name: typeof r.full_name === 'string' ? r.full_name.toLowerCase() : undefined };
}

/**
 * Whether this event's run may be attested. A `pull_request` is attested only when its head is a branch of the base
 * repository (same repository id, else the same full name); when the payload does not say, it is treated as a fork
 * (fail closed). `pull_request_target` never: it runs the base repository's secrets next to the pull request's code.
 */
export function attestDecision(eventName: string, payload: Record<string, any> | null): AttestDecision {
  const name = eventName || 'none';
  if (name === 'pull_request_target') {
    return { attest: false, reason: 'pull_request_target runs are never attested (the checked-out code can come from a fork while the job holds the base repository\'s secrets)' };
  }
  if (!ATTEST_EVENTS.includes(name)) return { attest: false, reason: `${name} runs are not attested (attested events: ${ATTEST_EVENTS.join(', ')})` };
  if (name !== 'pull_request') return { attest: true };
  const pr = payload?.pull_request;
  const head = repoOf(pr?.head);
  const base = repoOf(pr?.base);
  const same = !!head && !!base && (head.id !== undefined && base.id !== undefined ? head.id === base.id : head.name !== undefined && head.name === base.name);
  if (same) return { attest: true };
  const why = head?.name ? `this pull request comes from ${head.name}, a fork` : "this pull request's head repository is unknown, so it counts as a fork";
  return { attest: false, reason: `${why}: pull requests from forks are never attested` };
}

/**
 * Who signs the attestation. Key mode: the PEM private key from the `signing-key` input. Keyless: no
 * `signing-key`, and the job has an OIDC token (`permissions: id-token: write`: the runner then sets
 * ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN): the workflow's identity through Fulcio, each
 * statement logged in Rekor (src/signature/sign/keyless.ts). Service URLs: MODEL_GATE_FULCIO_URL /
 * MODEL_GATE_REKOR_URL, else the public-good instance (as the CLI).
 */
export type AttestSigner =
  | { kind: 'key'; key: SigningKey }
  | { kind: 'keyless'; signer: DsseSigner; fulcioUrl: string; rekorUrl: string };

/** The one line when neither a key nor an OIDC token is there. */
export const NO_SIGNER =
  'attest: true signs keyless with the workflow\'s OIDC identity, but this job has no OIDC token: add `permissions: id-token: write` to the job, or pass the signing-key input (a PEM private key, e.g. ${{ secrets.MODEL_GATE_SIGNING_KEY }})';

export function resolveSigner(signingKeyPem: string, env: Env = {}): AttestSigner {
  if (!signingKeyPem) {
    const token = tokenSourceFrom(env as NodeJS.ProcessEnv);
    if (!token) throw new GateError('attest.signer', NO_SIGNER);
    const fulcioUrl = env.MODEL_GATE_FULCIO_URL || PUBLIC_GOOD_FULCIO;
    const rekorUrl = env.MODEL_GATE_REKOR_URL || PUBLIC_GOOD_REKOR;
    serviceUrl(fulcioUrl, 'MODEL_GATE_FULCIO_URL');
    serviceUrl(rekorUrl, 'MODEL_GATE_REKOR_URL');
    return { kind: 'keyless', signer: keylessSigner({ token, fulcioUrl, rekorUrl }), fulcioUrl, rekorUrl };
  }
  if (!signingKeyPem.includes('-----BEGIN')) {
    throw new GateError('attest.signer', 'input signing-key holds no PEM block: pass the PEM text of the private key (e.g. ${{ secrets.MODEL_GATE_SIGNING_KEY }}), not a path');
  }
  return { kind: 'key', key: loadSigningKey(Buffer.from(signingKeyPem, 'utf8'), 'from the signing-key input') };
}

/**
 * The signer as the job summary names it: key mode `key sha256:<hex of the public key's SPKI DER>`; keyless (after
 * signing) the certificate's identity (SAN) and OIDC issuer.
 */
export function signerId(signer: AttestSigner): { kind: 'key'; fingerprint: string } | { kind: 'keyless'; identity: string; issuer: string } {
  switch (signer.kind) {
    case 'key':
      return { kind: 'key', fingerprint: keyFingerprint(createPublicKey(signer.key.publicPem)) };
    case 'keyless': {
      const who = signer.signer.signerIdentity();
      return { kind: 'keyless', identity: who?.identity ?? '', issuer: who?.issuer ?? '' };
    }
  }
}

/** The values to register with the runner's masker: the whole PEM and each line of it that is key material. */
export function secretParts(pem: string): string[] {
  if (!pem) return [];
  const lines = pem.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length >= 8 && !l.startsWith('-----'));
  return [pem, ...new Set(lines)];
}

/** Signs both statements of a run (verdict pass or fail) with the signer (keyless: one Rekor entry each). */
export async function signAttestation(report: Report, signer: AttestSigner, opts: AttestOptions): Promise<SignedAttestation> {
  switch (signer.kind) {
    case 'key':
      return attestRun(report, opts, signer.key);
    case 'keyless':
      return attestRunWith(report, opts, signer.signer);
  }
}

/**
 * `verifier.id` of the action: the action's own repository and ref (`GITHUB_ACTION_REPOSITORY`,
 * `GITHUB_ACTION_REF`, set by the runner for a `uses: owner/repo@ref` step), else, for a local `uses: ./` step,
 * the workflow's repository at its commit.
 */
export function actionVerifierId(env: Env): string {
  const server = env.GITHUB_SERVER_URL || 'https://github.com';
  if (env.GITHUB_ACTION_REPOSITORY) return `${server}/${env.GITHUB_ACTION_REPOSITORY}${env.GITHUB_ACTION_REF ? `@${env.GITHUB_ACTION_REF}` : ''}`;
  if (env.GITHUB_REPOSITORY) return `${server}/${env.GITHUB_REPOSITORY}${env.GITHUB_SHA ? `@${env.GITHUB_SHA}` : ''}`;
  return 'https://model-gate.dev/verifier/action';
}
