/**
 * `model-gate verify-attestation MODEL_PATH --attestation FILE (--key PEM | --identity I --issuer U | --identity-regex R
 * --issuer U [--trusted-root FILE]) [--policy-digest sha256:HEX]
 * [--max-age DURATION] [--require-gates a,b] [--ignore-paths P,...]`: the deploy-side check of a gate-run
 * attestation (src/attest/verify.ts). Exit 0 holds, 1 the evidence says no, 2 unusable input.
 */
import type { KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { TrustedRoot } from '@sigstore/protobuf-specs';
import path from 'node:path';
import type { ParseArgsOptionsConfig } from 'node:util';
import { parseDuration } from '../attest/duration.ts';
import { setAsideText, verifyFromGitHub } from '../attest/select.ts';
import { verifyAttestation, type AttestationHolds } from '../attest/verify.ts';
import { asGateError, debugStack, GateError } from '../errors.ts';
import { validateIdentityPolicy, type IdentityPolicy } from '../signature/identity.ts';
import { loadPublicKey } from '../signature/keys.ts';
import { parseTrustedRoot, publicGoodTrustedRoot } from '../signature/trust.ts';
import { neutraliseLog } from '../util/escape.ts';
import { defineCommand, listFlag, once, parseCommand, readKeyFile, usageError, UsageError, type Command, type Io } from './args.ts';
import { VERIFY_ATTESTATION_USAGE } from './help.ts';

const VERIFY_ATTESTATION = defineCommand({
  name: 'verify-attestation',
  options: {
    attestation: { type: 'string' },
    'from-github': { type: 'string' },
    key: { type: 'string' },
    identity: { type: 'string', multiple: true },
    'identity-regex': { type: 'string', multiple: true },
    issuer: { type: 'string', multiple: true },
    'trusted-root': { type: 'string', multiple: true },
    'policy-digest': { type: 'string' },
    'max-age': { type: 'string' },
    'require-gates': { type: 'string', multiple: true },
    'ignore-paths': { type: 'string', multiple: true },
  },
} as const satisfies Command<ParseArgsOptionsConfig>);

export async function runVerifyAttestationCommand(argv: string[], io: Io, now: () => Date = () => new Date(), env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let debug = false;
  try {
    const { values, positionals } = parseCommand(VERIFY_ATTESTATION, argv);
    debug = values.debug === true;
    if (values.help) {
      io.stdout.write(VERIFY_ATTESTATION_USAGE + '\n');
      return 0;
    }
    if (positionals.length !== 1) throw new UsageError('give exactly one MODEL_PATH (the model file or folder to deploy)');
    const file = values.attestation;
    const fromGithub = values['from-github'];
    if (file && fromGithub) throw new UsageError('--attestation FILE and --from-github OWNER/REPO are exclusive');
    if (!file && !fromGithub) throw new UsageError('--attestation FILE (the file written by model-gate check --attestation) or --from-github OWNER/REPO is required');
    if (fromGithub !== undefined && !/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(fromGithub)) throw new UsageError(`--from-github must be OWNER/REPO, got "${fromGithub}"`);
    const keyFile = values.key;
    const ids = values.identity as string[] | undefined;
    const regex = once(values['identity-regex'], '--identity-regex');
    const issuer = once(values.issuer, '--issuer');
    const trustedRootFile = once(values['trusted-root'], '--trusted-root');
    const identityMode = ids !== undefined || regex !== undefined || issuer !== undefined;
    if (keyFile && identityMode) throw new UsageError('give either --key PEM or --identity/--identity-regex with --issuer, not both');
    if (!keyFile && !identityMode) throw new UsageError('give --key PEM (key mode) or --identity I / --identity-regex R with --issuer U (keyless)');
    if (identityMode) {
      if (ids && regex !== undefined) throw new UsageError('--identity and --identity-regex are exclusive');
      if (!ids && regex === undefined) throw new UsageError('--identity or --identity-regex is required with --issuer');
      if (!issuer) throw new UsageError('--issuer is required with --identity or --identity-regex (the OIDC issuer, e.g. https://token.actions.githubusercontent.com)');
    }
    if (keyFile && trustedRootFile) throw new UsageError('--trusted-root is for keyless verification (--identity/--issuer), not --key');
    let policyDigest: string | undefined;
    if (values['policy-digest'] !== undefined) {
      const m = /^sha256:([0-9a-fA-F]{64})$/.exec(values['policy-digest']);
      if (!m) throw new UsageError(`--policy-digest must be sha256:<64 hex digits>, got "${values['policy-digest']}"`);
      policyDigest = m[1].toLowerCase();
    }
    let maxAgeMs: number | undefined;
    if (values['max-age'] !== undefined) {
      const ms = parseDuration(values['max-age']);
      if (ms === null) throw new UsageError(`--max-age must be a positive integer with a unit s, m, h or d (e.g. 12h, 7d), got "${values['max-age']}"`);
      maxAgeMs = ms;
    }
    const requireGates = listFlag(values['require-gates'] as string[] | undefined);
    const ignorePaths = listFlag(values['ignore-paths'] as string[] | undefined);

    let key: KeyObject | undefined;
    let keyless: { policy: IdentityPolicy; trustedRoot: TrustedRoot } | undefined;
    let rootSource = '';
    if (keyFile) key = loadPublicKey(readKeyFile(keyFile, '--key'), keyFile);
    else {
      const policy: IdentityPolicy = { identities: ids, identityRegex: regex, issuer: issuer! };
      validateIdentityPolicy(policy);
      const loaded = trustedRootFile ? parseTrustedRoot(readKeyFile(trustedRootFile, '--trusted-root'), trustedRootFile) : publicGoodTrustedRoot();
      rootSource = loaded.source;
      keyless = { policy, trustedRoot: loaded.root };
    }
    const common = { modelPath: path.resolve(positionals[0]), modelLabel: positionals[0], key, keyless, policyDigest, maxAgeMs, requireGates, ignorePaths, now: now() };
    let res: AttestationHolds;
    let from = '';
    if (fromGithub) {
      // GH_TOKEN / GITHUB_TOKEN as gh reads them; the API of GITHUB_API_URL (GitHub Enterprise), else api.github.com.
      const api = { apiUrl: env.GITHUB_API_URL || 'https://api.github.com', repo: fromGithub, token: env.GH_TOKEN || env.GITHUB_TOKEN || '' };
      const sel = await verifyFromGitHub(api, common);
      const aside = setAsideText(sel.setAside);
      from = `from: ${sel.chosen}, the newest of ${sel.candidates} attestation(s) of sha256:${sel.digest} by the expected signer${aside ? ` (set aside: ${aside})` : ''}\n`;
      res = sel;
    } else {
      const f = file!;
      let text: string;
      try {
        text = readFileSync(f, 'utf8');
      } catch (e) {
        throw new GateError('attest.unreadable', `--attestation ${f} cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}): check the path`);
      }
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (e) {
        throw new GateError('attest.bundle', `--attestation ${f} is not JSON (${(e as Error).message}): give the file written by model-gate check --attestation`);
      }
      res = await verifyAttestation({ ...common, json, name: f, attestationPath: path.resolve(f) });
    }
    io.stdout.write(
      `OK: ${positionals[0]} (${res.files} file(s)) passed model-gate at ${res.timeVerified} under policy sha256:${res.policyDigest}, attested by ${res.method === 'key' ? `key ${res.keyFingerprint}` : `${res.identity} (issuer ${res.issuer}, transparency log index ${res.logIndex}, trusted root ${rootSource})`}\n` +
        `verified levels: ${res.verifiedLevels.join(', ') || 'none'}\n` +
        from,
    );
    return 0;
  } catch (e) {
    if (e instanceof UsageError) return usageError(io, e, VERIFY_ATTESTATION_USAGE);
    const err = asGateError(e);
    io.stderr.write(`model-gate: verify-attestation ${err.kind === 'fail' ? 'failed' : 'error'}: ${neutraliseLog(err.located)}\n`);
    if (debug) io.stderr.write(`${debugStack(err)}\n`);
    return err.kind === 'fail' ? 1 : 2;
  }
}
