import { sigError, sigFail } from './errors.ts';

/**
 * Signer identity checks for keyless (Fulcio) certificates. sigstore-js matches the policy identity as an
 * UNANCHORED regular expression (`ml-release` would match `ml-release-evil@x`); we never hand it the identity:
 * identities are compared exactly (one of a list), and a regular expression is used only when the policy asks for
 * `identity-regex`, always anchored at both ends.
 */
export interface IdentityPolicy {
  /** Exact identities (certificate SAN: email, URI...); one must match. */
  identities?: string[];
  /** A regular expression (JavaScript syntax), matched against the WHOLE identity. */
  identityRegex?: string;
  /** Exact OIDC issuer. */
  issuer: string;
}

/** `^(?:re)$`: the expression must match the whole identity. Throws (kind error) on an invalid expression. */
export function anchoredRegex(re: string): RegExp {
  try {
    return new RegExp(`^(?:${re})$`, 'u');
  } catch (e) {
    throw sigError('identity-regex', `identity-regex ${JSON.stringify(re)} is not a valid regular expression (${(e as Error).message})`);
  }
}

export function describeExpected(p: IdentityPolicy): string {
  if (p.identityRegex !== undefined) return `identity matching /^(?:${p.identityRegex})$/`;
  const ids = p.identities ?? [];
  return ids.length === 1 ? `identity ${JSON.stringify(ids[0])}` : `one of the identities ${ids.map((i) => JSON.stringify(i)).join(', ')}`;
}

export function validateIdentityPolicy(p: IdentityPolicy): void {
  const hasList = p.identities !== undefined && p.identities.length > 0;
  if (hasList === (p.identityRegex !== undefined)) {
    throw sigError('identity-policy', 'keyless verification needs exactly one of identity (a string or a list) and identity-regex');
  }
  if (hasList && p.identities!.some((i) => typeof i !== 'string' || i.length === 0)) throw sigError('identity-policy', 'keyless identities must be non-empty strings');
  if (typeof p.issuer !== 'string' || p.issuer.length === 0) throw sigError('identity-policy', 'keyless verification needs the OIDC issuer (issuer)');
  if (p.identityRegex !== undefined) anchoredRegex(p.identityRegex);
}

/** Throws a `fail` GateError naming the expected and the found identity/issuer. */
export function checkIdentity(found: { identity?: string; issuer?: string }, p: IdentityPolicy): void {
  validateIdentityPolicy(p);
  const id = found.identity;
  const ok =
    id !== undefined &&
    (p.identityRegex !== undefined ? anchoredRegex(p.identityRegex).test(id) : (p.identities ?? []).includes(id));
  if (!ok) {
    throw sigFail('wrong-identity', `signed by ${id === undefined ? 'a certificate without an identity' : JSON.stringify(id)}, but the policy expects ${describeExpected(p)}: the model was not signed by the expected signer`);
  }
  if (found.issuer !== p.issuer) {
    throw sigFail('wrong-issuer', `signer identity ${JSON.stringify(id)} was issued by ${found.issuer === undefined ? 'no OIDC issuer' : JSON.stringify(found.issuer)}, but the policy expects issuer ${JSON.stringify(p.issuer)}`);
  }
}
