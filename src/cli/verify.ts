/**
 * `model-gate verify` (a model file or folder against its OMS bundle, Sigstore bundle or cosign signature) and
 * `model-gate verify-bundle` (the Sigstore conformance protocol). The CLI imports the signature module, never the
 * reverse.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ParseArgsOptionsConfig } from 'node:util';
import { GateError, debugStack } from '../errors.ts';
import { parseBundle, verifySigstoreBundle, type ArtifactInput } from '../signature/bundle.ts';
import { describe } from '../signature/errors.ts';
import { FsTrustedFiles } from '../signature/fs-trusted.ts';
import { loadPublicKey } from '../signature/keys.ts';
import { parseTrustedRoot, publicGoodTrustedRoot } from '../signature/trust.ts';
import { verifyModelSignature, type SignaturePolicy } from '../signature/verify.ts';
import { defineCommand, once, parseCommand, usageError, UsageError, type Command, type Io } from './args.ts';
import { VERIFY_BUNDLE_USAGE, VERIFY_USAGE } from './help.ts';

const VERIFY = defineCommand({
  name: 'verify',
  options: {
    signature: { type: 'string' },
    identity: { type: 'string', multiple: true },
    'identity-regex': { type: 'string' },
    issuer: { type: 'string' },
    key: { type: 'string' },
    'certificate-chain': { type: 'string', multiple: true },
    'trusted-root': { type: 'string' },
    'ignore-paths': { type: 'string', multiple: true },
    format: { type: 'string' },
  },
} as const satisfies Command<ParseArgsOptionsConfig>);

const VERIFY_BUNDLE = defineCommand({
  name: 'verify-bundle',
  options: {
    bundle: { type: 'string' },
    'certificate-identity': { type: 'string' },
    'certificate-oidc-issuer': { type: 'string' },
    key: { type: 'string' },
    'trusted-root': { type: 'string' },
  },
} as const satisfies Command<ParseArgsOptionsConfig>);

/**
 * `model-gate verify MODEL_PATH --signature FILE ...`: verifies an OMS bundle, a Sigstore bundle or a cosign
 * signature over a model file or folder. Exit 0 verified, 1 rejected, 2 usage or input error.
 */
export async function runVerifyCommand(argv: string[], io: Io): Promise<number> {
  let debug = false;
  try {
    const { values, positionals } = parseCommand(VERIFY, argv);
    debug = values.debug === true;
    if (values.help) {
      io.stdout.write(VERIFY_USAGE + '\n');
      return 0;
    }
    if (positionals.length !== 1) throw new UsageError('give exactly one MODEL_PATH');
    const signature = once(values.signature, '--signature');
    if (!signature) throw new UsageError('--signature FILE is required');
    const ids = values.identity as string[] | undefined;
    const regex = once(values['identity-regex'], '--identity-regex');
    const issuer = once(values.issuer, '--issuer');
    const key = once(values.key, '--key');
    const chains = values['certificate-chain'] as string[] | undefined;
    const modes = [ids || regex || issuer ? 'identity' : null, key ? 'key' : null, chains ? 'certificate-chain' : null].filter(Boolean);
    if (modes.length !== 1) throw new UsageError('give exactly one of --identity/--identity-regex with --issuer, --key, --certificate-chain');
    if ((ids || regex) && !issuer) throw new UsageError('--issuer is required with --identity or --identity-regex');
    if (issuer && !ids && !regex) throw new UsageError('--identity or --identity-regex is required with --issuer');
    if (ids && regex) throw new UsageError('--identity and --identity-regex are exclusive');
    const format = once(values.format, '--format') ?? 'auto';
    if (!['auto', 'oms', 'sigstore-bundle', 'cosign'].includes(format)) throw new UsageError('--format must be auto, oms, sigstore-bundle or cosign');

    const cwd = process.cwd();
    // Workspace: the current directory when every path lies under it (messages then show short relative paths).
    const given = [positionals[0], signature, key, ...(chains ?? []), values['trusted-root'] as string | undefined].filter((p): p is string => !!p);
    const under = given.every((p) => {
      const r = path.relative(cwd, path.resolve(cwd, p));
      return r !== '..' && !r.startsWith('..' + path.sep) && !path.isAbsolute(r);
    });
    const root = under ? cwd : path.parse(cwd).root;
    const rel = (p: string) => path.relative(cwd, path.resolve(cwd, p)) || '.';
    const modelAbs = path.resolve(cwd, positionals[0]);
    // --ignore-paths: relative to the model folder (as upstream); a path given from here that lies in it is accepted too.
    const ignore = ((values['ignore-paths'] as string[] | undefined) ?? []).map((p) => {
      const abs = path.resolve(cwd, p);
      const r = path.relative(modelAbs, abs);
      return path.isAbsolute(p) || (r !== '..' && !r.startsWith('..' + path.sep) && p.startsWith(positionals[0].replace(/\/+$/, '') + '/')) ? r.split(path.sep).join('/') : p;
    });
    const policy: SignaturePolicy = {
      required: true,
      bundle: rel(signature),
      format: format as SignaturePolicy['format'],
      subject: rel(positionals[0]),
      keyless: issuer ? { identity: ids, 'identity-regex': regex, issuer } : undefined,
      key: key ? rel(key) : undefined,
      'certificate-roots': chains ? chains.map(rel) : undefined,
      'trusted-root': values['trusted-root'] ? rel(String(values['trusted-root'])) : undefined,
      'ignore-paths': ignore,
    };
    const report = await verifyModelSignature({
      policy,
      workspace: root,
      workingDirectory: cwd,
      modelPath: modelAbs,
      trusted: new FsTrustedFiles(root),
    });
    io.stdout.write(`OK: ${report.message}\n`);
    if (report.root_digest) io.stdout.write(`model digest: ${report.root_digest}\n`);
    if (report.log_index !== undefined && report.log_index !== null) io.stdout.write(`transparency log index: ${report.log_index}\n`);
    if (report.transparency === 'none') io.stdout.write('transparency: none (no log entry: key or certificate signing)\n');
    return 0;
  } catch (e) {
    return reportError(e, io, VERIFY_USAGE, false, debug);
  }
}

/**
 * `model-gate verify-bundle` (Sigstore conformance protocol): verifies a Sigstore bundle over a file or a
 * `sha256:<hex>` digest. Exit 0 verified, 1 rejected (any verification or input problem), 2 usage error.
 */
export async function runVerifyBundleCommand(argv: string[], io: Io): Promise<number> {
  let debug = false;
  try {
    const { values, positionals } = parseCommand(VERIFY_BUNDLE, argv);
    debug = values.debug === true;
    if (values.help) {
      io.stdout.write(VERIFY_BUNDLE_USAGE + '\n');
      return 0;
    }
    if (positionals.length !== 1) throw new UsageError('give exactly one FILE_OR_DIGEST');
    const bundlePath = once(values.bundle, '--bundle');
    if (!bundlePath) throw new UsageError('--bundle FILE is required');
    const identity = once(values['certificate-identity'], '--certificate-identity');
    const issuer = once(values['certificate-oidc-issuer'], '--certificate-oidc-issuer');
    const keyPath = once(values.key, '--key');
    if (keyPath && (identity || issuer)) throw new UsageError('--key excludes --certificate-identity/--certificate-oidc-issuer');
    if (!keyPath && !(identity && issuer)) throw new UsageError('give --certificate-identity and --certificate-oidc-issuer, or --key');

    const target = positionals[0];
    const m = /^sha256:([0-9a-fA-F]{64})$/.exec(target);
    const artifact: ArtifactInput = m ? { kind: 'digest', sha256: Buffer.from(m[1], 'hex') } : { kind: 'file', path: target };
    const name = path.basename(bundlePath);
    let bytes: Buffer;
    try {
      bytes = await readFile(bundlePath);
    } catch (e) {
      throw new GateError('signature.unreadable', `bundle ${bundlePath} cannot be read (${(e as NodeJS.ErrnoException).code ?? describe(e)})`, { kind: 'fail' });
    }
    let json: unknown;
    try {
      json = JSON.parse(bytes.toString('utf8'));
    } catch (e) {
      throw new GateError('signature.bundle-invalid', `${name} is not valid JSON (${describe(e)})`, { kind: 'fail' });
    }
    const trustedRoot = values['trusted-root']
      ? parseTrustedRoot(await new FsTrustedFiles(process.cwd()).read(String(values['trusted-root'])), String(values['trusted-root']))
      : publicGoodTrustedRoot();
    const key = keyPath ? loadPublicKey(await new FsTrustedFiles(process.cwd()).read(keyPath), keyPath) : undefined;
    const bundle = parseBundle(json, name);
    const res = await verifySigstoreBundle({
      bundle,
      name,
      artifact,
      signer: key ? { kind: 'key', key } : { kind: 'identity', policy: { identities: [identity!], issuer: issuer! } },
      trustedRoot: trustedRoot.root,
    });
    const who = res.method === 'keyless' ? `${res.identity} (issuer ${res.issuer})` : `key ${res.keyFingerprint}`;
    io.stdout.write(`OK: ${res.content} bundle over sha256:${res.artifactSha256} signed by ${who}${res.logIndex !== null ? `, log index ${res.logIndex}` : ''}\n`);
    return 0;
  } catch (e) {
    return reportError(e, io, VERIFY_BUNDLE_USAGE, true, debug);
  }
}

function reportError(e: unknown, io: Io, usage: string, conformance: boolean, debug: boolean): number {
  if (e instanceof UsageError) return usageError(io, e, usage);
  if (e instanceof GateError) {
    io.stderr.write(`model-gate: verification ${e.kind === 'fail' ? 'failed' : 'error'}: ${e.located}\n`);
    if (debug) io.stderr.write(`${debugStack(e)}\n`);
    return conformance || e.kind === 'fail' ? 1 : 2;
  }
  // Never a pass: anything unexpected is a rejection, reported as such.
  io.stderr.write(`model-gate: verification failed: ${describe(e)}\n`);
  if (debug) io.stderr.write(`${debugStack(e)}\n`);
  return conformance ? 1 : 2;
}
