import { TrustedRoot } from '@sigstore/protobuf-specs';
import { toTrustMaterial, type TrustMaterial } from '@sigstore/verify';
import seeds from '@sigstore/tuf/seeds.json' with { type: 'json' };
import { describe, sigError } from './errors.ts';

/**
 * Trust material for keyless verification: a Sigstore trusted root (or a `model_signing` ClientTrustConfig that
 * carries one). The default is the public-good root embedded in `@sigstore/tuf`'s `seeds.json` (bundled into
 * dist by esbuild): no network, no TUF refresh.
 */

export const TRUSTED_ROOT_MEDIA_TYPES = [
  'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
  'application/vnd.dev.sigstore.trustedroot.v0.1+json',
  'application/vnd.dev.sigstore.trustedroot.v0.2+json',
];
export const CLIENT_TRUST_CONFIG_MEDIA_TYPE = 'application/vnd.dev.sigstore.clienttrustconfig.v0.1+json';

export interface LoadedTrustedRoot {
  root: TrustedRoot;
  /** Where it came from (file name or `public-good (@sigstore/tuf seeds)`). */
  source: string;
  /** Most recent `validFor.start` of any authority in the root (ISO 8601), a proxy for how fresh it is. */
  date: string | null;
}

const PUBLIC_GOOD_TUF = 'https://tuf-repo-cdn.sigstore.dev';

let publicGood: LoadedTrustedRoot | undefined;

/** The public-good trusted root shipped in `@sigstore/tuf`. */
export function publicGoodTrustedRoot(): LoadedTrustedRoot {
  if (publicGood) return publicGood;
  const repo = (seeds as Record<string, { targets: Record<string, string> }>)[PUBLIC_GOOD_TUF];
  const b64 = repo?.targets?.['trusted_root.json'];
  if (typeof b64 !== 'string') throw sigError('trusted-root', 'the embedded public-good trusted root is missing from @sigstore/tuf seeds.json: reinstall dependencies');
  publicGood = parseTrustedRoot(Buffer.from(b64, 'base64'), 'public-good (@sigstore/tuf seeds)');
  return publicGood;
}

/**
 * Parses a trusted root or a ClientTrustConfig. Rejects (kind error) malformed JSON, unknown media types, and any
 * authority whose validity period has no `start` (a missing bound must not be read as "since the beginning").
 */
export function parseTrustedRoot(bytes: Buffer, name: string): LoadedTrustedRoot {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch (e) {
    throw sigError('trusted-root', `trusted root ${name} is not valid JSON (${describe(e)}): give a Sigstore trusted_root.json or a model_signing ClientTrustConfig`);
  }
  if (!isObject(json)) throw sigError('trusted-root', `trusted root ${name} is not a JSON object`);
  let rootJson: Record<string, unknown> = json;
  if (json.mediaType === CLIENT_TRUST_CONFIG_MEDIA_TYPE || (json.mediaType === undefined && isObject(json.trustedRoot))) {
    if (!isObject(json.trustedRoot)) throw sigError('trusted-root', `client trust config ${name} has no trustedRoot`);
    rootJson = json.trustedRoot;
  }
  if (typeof rootJson.mediaType !== 'string' || !TRUSTED_ROOT_MEDIA_TYPES.includes(rootJson.mediaType)) {
    throw sigError('trusted-root', `trusted root ${name} has media type ${JSON.stringify(rootJson.mediaType)}, expected one of ${TRUSTED_ROOT_MEDIA_TYPES.join(', ')}`);
  }
  const starts: number[] = [];
  const checkRange = (what: string, vf: unknown) => {
    const start = isObject(vf) ? vf.start : undefined;
    if (typeof start !== 'string' || Number.isNaN(Date.parse(start))) {
      throw sigError('trusted-root', `trusted root ${name}: ${what} has no validFor.start: a trust root must say since when each key is valid, fix the trusted root`);
    }
    starts.push(Date.parse(start));
    const end = isObject(vf) ? vf.end : undefined;
    if (end !== undefined && end !== null && (typeof end !== 'string' || Number.isNaN(Date.parse(end)))) {
      throw sigError('trusted-root', `trusted root ${name}: ${what} has an invalid validFor.end`);
    }
  };
  for (const [list, label] of [['tlogs', 'transparency log'], ['ctlogs', 'CT log']] as const) {
    const arr = rootJson[list];
    if (arr === undefined) continue;
    if (!Array.isArray(arr)) throw sigError('trusted-root', `trusted root ${name}: ${list} is not a list`);
    arr.forEach((t, i) => checkRange(`${label} ${i} (${isObject(t) ? String(t.baseUrl ?? '') : ''})`, isObject(t) && isObject(t.publicKey) ? t.publicKey.validFor : undefined));
  }
  for (const [list, label] of [['certificateAuthorities', 'certificate authority'], ['timestampAuthorities', 'timestamp authority']] as const) {
    const arr = rootJson[list];
    if (arr === undefined) continue;
    if (!Array.isArray(arr)) throw sigError('trusted-root', `trusted root ${name}: ${list} is not a list`);
    arr.forEach((t, i) => checkRange(`${label} ${i} (${isObject(t) ? String(t.uri ?? '') : ''})`, isObject(t) ? t.validFor : undefined));
  }
  let root: TrustedRoot;
  try {
    root = TrustedRoot.fromJSON(rootJson);
    // Builds every key and certificate once, so that a malformed entry is reported here.
    toTrustMaterial(root);
  } catch (e) {
    throw sigError('trusted-root', `trusted root ${name} is malformed: ${describe(e)}`);
  }
  const date = starts.length ? new Date(Math.max(...starts)).toISOString() : null;
  return { root, source: name, date };
}

/** Trust material for @sigstore/verify; `key` (when given) answers every key hint of a key-signed bundle. */
export function trustMaterialFor(root: TrustedRoot, key?: import('node:crypto').KeyObject): TrustMaterial {
  if (!key) {
    return toTrustMaterial(root, () => {
      throw sigError('key-required', 'the bundle is signed with a public key, but no key was given: verify it with a key');
    });
  }
  return toTrustMaterial(root, () => ({ publicKey: key, validFor: () => true }));
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
