import { stat } from 'node:fs/promises';
import path from 'node:path';
import { GateError } from '../../errors.ts';
import { computeManifest, DEFAULT_IGNORED, normaliseIgnore, rootDigest, type Serialization } from '../oms/manifest.ts';
import { OMS_PREDICATE } from '../oms/verify.ts';
import { IN_TOTO_PAYLOAD_TYPE, signDsse, statementPayload, type DsseBundle, type SigningKey } from './dsse.ts';
import type { DsseSigner, SignedBundle } from './signer.ts';

/**
 * OpenSSF model signing (OMS), key mode: the manifest of a model file or folder (computed by oms/manifest.ts, the
 * same code the verifier recomputes it with), as an in-toto Statement v1 with predicate
 * `https://model_signing/signature/v1.0`, signed with sign/dsse.ts. The layout is upstream `model_signing` 1.1's:
 * one subject (the model's base name, digest = root digest over the sorted resource digests), `serialization`
 * {method, hash_type, allow_symlinks, ignore_paths[, shard_size]} and `resources` [{name, algorithm, digest}]
 * sorted component-wise. Symlinks are refused (allow_symlinks false), as upstream's default.
 */

export const DEFAULT_SHARD_SIZE = 1_000_000_000;

export interface OmsSignOptions {
  /** Absolute path of the model file or folder. */
  modelPath: string;
  key: SigningKey;
  /** Absolute path the signature will be written to (ignored in the manifest when it lies inside the folder). */
  signaturePath?: string;
  /** Extra ignore paths, relative to the model folder. */
  ignorePaths?: string[];
  method?: 'files' | 'shards';
  shardSize?: number;
}

export interface OmsSigned {
  bundle: DsseBundle;
  statement: Record<string, unknown>;
  /** Hex root digest (the statement's subject). */
  rootDigest: string;
  /** Resource names, in manifest order. */
  resources: string[];
}

function signError(message: string): GateError {
  return new GateError('sign.input', message, { kind: 'error' });
}

/** Builds the OMS statement of a model (no signing). */
export async function buildOmsStatement(opts: Omit<OmsSignOptions, 'key'>): Promise<{ statement: Record<string, unknown>; rootDigest: string; resources: string[] }> {
  const method = opts.method ?? 'files';
  const shardSize = opts.shardSize ?? DEFAULT_SHARD_SIZE;
  if (method === 'shards' && (!Number.isSafeInteger(shardSize) || shardSize <= 0)) throw signError(`shard size ${shardSize} must be a positive integer`);
  const st = await stat(opts.modelPath).catch((e: NodeJS.ErrnoException) => {
    throw signError(`model path ${opts.modelPath} cannot be read (${e.code ?? e.message}): give the model file or folder`);
  });
  const isDir = st.isDirectory();
  const ignores: string[] = [...DEFAULT_IGNORED];
  if (isDir && opts.signaturePath) {
    const rel = path.relative(opts.modelPath, opts.signaturePath);
    if (rel && rel !== '..' && !rel.startsWith('..' + path.sep) && !path.isAbsolute(rel)) ignores.push(rel.split(path.sep).join('/'));
  }
  for (const p of opts.ignorePaths ?? []) {
    const n = normaliseIgnore(p);
    if (!n) throw signError(`ignore path ${JSON.stringify(p)} leaves the model folder: give paths relative to the model folder`);
    if (!ignores.includes(n)) ignores.push(n);
  }
  const ser: Serialization = { method, hashType: 'sha256', shardSize: method === 'shards' ? shardSize : undefined, allowSymlinks: false, ignorePaths: ignores };
  const items = await computeManifest(opts.modelPath, ser, isDir ? ignores : []);
  if (items.length === 0) throw signError(`model path ${opts.modelPath} has no file to sign (every file is empty or ignored)`);
  const root = rootDigest(items).toString('hex');
  const serialization: Record<string, unknown> = { method, hash_type: 'sha256', allow_symlinks: false, ignore_paths: ignores };
  if (method === 'shards') serialization.shard_size = shardSize;
  const algorithm = method === 'shards' ? `sha256-sharded-${shardSize}` : 'sha256';
  const statement = {
    _type: 'https://in-toto.io/Statement/v1',
    subject: [{ name: path.basename(opts.modelPath), digest: { sha256: root } }],
    predicateType: OMS_PREDICATE,
    predicate: { serialization, resources: items.map((it) => ({ name: it.name, algorithm, digest: it.digest.toString('hex') })) },
  };
  return { statement, rootDigest: root, resources: items.map((it) => it.name) };
}

/** Signs a model file or folder: the OMS bundle (`model.sig`) as an object. */
export async function signModelOms(opts: OmsSignOptions): Promise<OmsSigned> {
  const { statement, rootDigest: root, resources } = await buildOmsStatement(opts);
  const bundle = signDsse(statementPayload(statement), IN_TOTO_PAYLOAD_TYPE, opts.key);
  return { bundle, statement, rootDigest: root, resources };
}

/** Signs a model file or folder with any signer (key or keyless, sign/signer.ts). */
export async function signModelOmsWith(opts: Omit<OmsSignOptions, 'key'>, signer: DsseSigner): Promise<Omit<OmsSigned, 'bundle'> & { bundle: SignedBundle }> {
  const { statement, rootDigest: root, resources } = await buildOmsStatement(opts);
  const bundle = await signer.sign(statementPayload(statement), IN_TOTO_PAYLOAD_TYPE);
  return { bundle, statement, rootDigest: root, resources };
}
