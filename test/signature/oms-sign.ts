import { createHash, createPublicKey, sign, type KeyObject } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * A minimal OpenSSF model signer for tests, written independently of src/ (its own walk, hashing and ordering), so
 * that bundles made here check the verifier against the format, not against itself. Output mirrors upstream
 * `model_signing` (bundle v0.3, DSSE over an in-toto Statement v1, predicate https://model_signing/signature/v1.0).
 */

export interface SignOptions {
  method?: 'files' | 'shards';
  shardSize?: number;
  ignorePaths?: string[];
  allowSymlinks?: boolean;
  /** Extra fields merged into verificationMaterial (e.g. a certificate chain instead of a key hint). */
  verificationMaterial?: Record<string, unknown>;
}

const DEFAULT_IGNORES = ['.git', '.gitattributes', '.github', '.gitignore', 'model.sig'];

function pyPathKey(p: string): string[] {
  return p === '.' ? [] : p.split('/');
}
function pyCompare(a: string[], b: string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return a.length - b.length;
}

export function buildStatement(model: string, opts: SignOptions = {}): { statement: object; rootDigest: string } {
  const method = opts.method ?? 'files';
  const ignores = [...DEFAULT_IGNORES, ...(opts.ignorePaths ?? [])];
  const files: string[] = [];
  if (statSync(model).isFile()) files.push('.');
  else {
    const walk = (rel: string) => {
      for (const name of readdirSync(path.join(model, rel))) {
        const r = rel ? `${rel}/${name}` : name;
        if (ignores.some((ig) => r === ig || r.startsWith(ig + '/'))) continue;
        if (statSync(path.join(model, r)).isDirectory()) walk(r);
        else files.push(r);
      }
    };
    walk('');
  }
  type Res = { key: [string[], number]; name: string; digest: string };
  const res: Res[] = [];
  for (const f of files) {
    const data = readFileSync(f === '.' ? model : path.join(model, f));
    if (method === 'files') res.push({ key: [pyPathKey(f), 0], name: f, digest: createHash('sha256').update(data).digest('hex') });
    else {
      const size = opts.shardSize ?? 1_000_000_000;
      for (let s = 0; s < data.length; s += size) {
        const e = Math.min(s + size, data.length);
        res.push({ key: [pyPathKey(f), s], name: `${f}:${s}:${e}`, digest: createHash('sha256').update(data.subarray(s, e)).digest('hex') });
      }
    }
  }
  res.sort((a, b) => pyCompare(a.key[0], b.key[0]) || a.key[1] - b.key[1]);
  const root = createHash('sha256');
  for (const r of res) root.update(Buffer.from(r.digest, 'hex'));
  const rootDigest = root.digest('hex');
  const serialization: Record<string, unknown> = { method, hash_type: 'sha256', allow_symlinks: opts.allowSymlinks ?? false, ignore_paths: ignores };
  if (method === 'shards') serialization.shard_size = opts.shardSize ?? 1_000_000_000;
  const statement = {
    _type: 'https://in-toto.io/Statement/v1',
    subject: [{ name: path.basename(model), digest: { sha256: rootDigest } }],
    predicateType: 'https://model_signing/signature/v1.0',
    // Shard resources name their algorithm with the shard size, as upstream's sharded hasher does.
    predicate: { serialization, resources: res.map((r) => ({ name: r.name, algorithm: method === 'shards' ? `sha256-sharded-${opts.shardSize ?? 1_000_000_000}` : 'sha256', digest: r.digest })) },
  };
  return { statement, rootDigest };
}

export function pae(payloadType: string, payload: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`DSSEv1 ${Buffer.byteLength(payloadType)} ${payloadType} ${payload.length} `), payload]);
}

export function curveHash(key: KeyObject): string {
  const c = key.asymmetricKeyDetails?.namedCurve;
  return c === 'secp384r1' ? 'sha384' : c === 'secp521r1' ? 'sha512' : 'sha256';
}

/** Signs `model` with an EC private key, key-mode style (no log entry). Returns the bundle JSON text. */
export function signOmsWithKey(model: string, priv: KeyObject, opts: SignOptions = {}): { bundle: string; rootDigest: string } {
  const { statement, rootDigest } = buildStatement(model, opts);
  const payload = Buffer.from(JSON.stringify(statement));
  const payloadType = 'application/vnd.in-toto+json';
  const sig = sign(curveHash(priv), pae(payloadType, payload), priv);
  const pub = createPublicKey(priv).export({ type: 'spki', format: 'pem' }).toString();
  const bundle = {
    mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
    verificationMaterial: opts.verificationMaterial ?? { publicKey: { hint: createHash('sha256').update(pub).digest('hex') }, tlogEntries: [] },
    dsseEnvelope: { payload: payload.toString('base64'), payloadType, signatures: [{ sig: sig.toString('base64'), keyid: '' }] },
  };
  return { bundle: JSON.stringify(bundle, null, 2), rootDigest };
}

