/**
 * `model-gate verify-attestation MODEL_PATH --attestation FILE --key PEM [--policy-digest sha256:HEX]
 * [--max-age DURATION] [--require-gates a,b] [--ignore-paths P,...]`: the deploy-side check of a gate-run
 * attestation (src/attest/verify.ts). Exit 0 holds, 1 the evidence says no, 2 unusable input.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ParseArgsOptionsConfig } from 'node:util';
import { parseDuration } from '../attest/duration.ts';
import { verifyAttestation } from '../attest/verify.ts';
import { asGateError, debugStack, GateError } from '../errors.ts';
import { loadPublicKey } from '../signature/keys.ts';
import { neutraliseLog } from '../util/escape.ts';
import { listFlag, parseCommand, readKeyFile, UsageError, type Command, type Io } from './args.ts';
import { VERIFY_ATTESTATION_USAGE } from './help.ts';

const VERIFY_ATTESTATION = {
  name: 'verify-attestation',
  options: {
    attestation: { type: 'string' },
    key: { type: 'string' },
    'policy-digest': { type: 'string' },
    'max-age': { type: 'string' },
    'require-gates': { type: 'string', multiple: true },
    'ignore-paths': { type: 'string', multiple: true },
  },
} as const satisfies Command<ParseArgsOptionsConfig>;

export async function runVerifyAttestationCommand(argv: string[], io: Io, now: () => Date = () => new Date()): Promise<number> {
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
    if (!file) throw new UsageError('--attestation FILE is required (the file written by model-gate check --attestation)');
    const keyFile = values.key;
    if (!keyFile) throw new UsageError('--key PEM is required (the public key of --signing-key; keyless verification is not available in this version)');
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

    const key = loadPublicKey(readKeyFile(keyFile, '--key'), keyFile);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw new GateError('attest.unreadable', `--attestation ${file} cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}): check the path`);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      throw new GateError('attest.bundle', `--attestation ${file} is not JSON (${(e as Error).message}): give the file written by model-gate check --attestation`);
    }
    const res = await verifyAttestation({
      json,
      name: file,
      modelPath: path.resolve(positionals[0]),
      modelLabel: positionals[0],
      attestationPath: path.resolve(file),
      key,
      policyDigest,
      maxAgeMs,
      requireGates,
      ignorePaths,
      now: now(),
    });
    io.stdout.write(
      `OK: ${positionals[0]} (${res.files} file(s)) passed model-gate at ${res.timeVerified} under policy sha256:${res.policyDigest}, attested by key ${res.keyFingerprint}\n` +
        `verified levels: ${res.verifiedLevels.join(', ') || 'none'}\n`,
    );
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`model-gate: ${e.message}\n${VERIFY_ATTESTATION_USAGE}\n`);
      return 2;
    }
    const err = asGateError(e);
    io.stderr.write(`model-gate: verify-attestation ${err.kind === 'fail' ? 'failed' : 'error'}: ${neutraliseLog(err.located)}\n`);
    if (debug) io.stderr.write(`${debugStack(err)}\n`);
    return err.kind === 'fail' ? 1 : 2;
  }
}
