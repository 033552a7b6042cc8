import { createPublicKey, X509Certificate as NodeX509, type KeyObject } from 'node:crypto';
import { X509Certificate } from '@sigstore/core';
import { describe, sigError, sigFail } from './errors.ts';
import { isSelfSigned } from './bundle.ts';

/**
 * Certificate mode of OpenSSF model signing: the bundle carries `x509CertificateChain` = [leaf, intermediates...];
 * the policy gives the trusted root certificate(s) (PEM). As upstream does, the chain is verified at the leaf's
 * notBefore (so an expired signing certificate still verifies an old signature), and the leaf must be usable for
 * signing: KeyUsage digitalSignature or ExtendedKeyUsage codeSigning. A chain in the bundle that includes a
 * self-signed (root) certificate is refused: roots come only from the policy.
 */

const OID_EKU = '2.5.29.37';
const OID_CODE_SIGNING = '1.3.6.1.5.5.7.3.3';
const OID_ANY_EKU = '2.5.29.37.0';

/** Parses every certificate of a PEM file (kind error when there is none or one is malformed). */
export function parsePemCertificates(bytes: Buffer, name: string): X509Certificate[] {
  const text = bytes.toString('utf8');
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) throw sigError('certificate-roots', `${name} holds no "BEGIN CERTIFICATE" PEM block: give the root CA certificate(s) in PEM`);
  return blocks.map((b, i) => {
    try {
      return X509Certificate.parse(b);
    } catch (e) {
      throw sigError('certificate-roots', `${name}: certificate ${i + 1} cannot be parsed (${describe(e)})`);
    }
  });
}

export interface CertificateChainResult {
  leaf: X509Certificate;
  key: KeyObject;
  /** Subject of the leaf (for the report), e.g. `CN=signer,O=Example`. */
  subject: string;
  /** The matched trust anchor. */
  root: X509Certificate;
}

/** Verifies [leaf, ...intermediates] (DER) up to one of `roots`, at the leaf's notBefore. Throws `fail`. */
export function verifyCertificateChain(chainDer: Uint8Array[], roots: X509Certificate[], name: string): CertificateChainResult {
  if (chainDer.length === 0) throw sigFail('bundle-invalid', `${name} has no signing certificate`);
  let certs: X509Certificate[];
  try {
    certs = chainDer.map((d) => X509Certificate.parse(Buffer.from(d)));
  } catch (e) {
    throw sigFail('bundle-invalid', `${name}: a certificate in the bundle cannot be parsed (${describe(e)})`);
  }
  if (certs.some(isSelfSigned)) {
    throw sigFail('chain-includes-root', `${name}: the certificate chain in the bundle includes a root (self-signed) certificate: roots must come from the policy's certificate-roots, never from the signature`);
  }
  const leaf = certs[0];
  const at = leaf.notBefore;
  const intermediates = certs.slice(1);

  const signs = (child: X509Certificate, parent: X509Certificate) => {
    if (!child.issuer.equals(parent.subject)) return false;
    try {
      return child.verify(parent);
    } catch {
      return false;
    }
  };
  // Depth-first path building from the leaf: intermediates from the bundle, anchors from the policy.
  const build = (cert: X509Certificate, depth: number, used: Set<X509Certificate>): X509Certificate[] | null => {
    if (depth > 10) return null;
    for (const r of roots) if (signs(cert, r)) return [r];
    for (const ic of intermediates) {
      if (used.has(ic) || !signs(cert, ic)) continue;
      const rest = build(ic, depth + 1, new Set([...used, ic]));
      if (rest) return [ic, ...rest];
    }
    return null;
  };
  const above = build(leaf, 0, new Set());
  if (!above) {
    throw sigFail('untrusted-certificate', `${name}: the signing certificate does not chain to the policy's certificate roots: it was not issued by the expected CA`);
  }
  const path = [leaf, ...above];
  for (const [i, c] of path.entries()) {
    if (i > 0 && !c.isCA) throw sigFail('untrusted-certificate', `${name}: certificate ${i} in the chain is not a CA`);
    const pathLen = c.extBasicConstraints?.pathLenConstraint;
    if (i > 0 && pathLen !== undefined && pathLen < BigInt(i - 1)) throw sigFail('untrusted-certificate', `${name}: path length constraint exceeded at certificate ${i}`);
    if (!c.validForDate(at)) {
      throw sigFail('untrusted-certificate', `${name}: certificate ${i} of the chain is not valid at the signing time ${at.toISOString()} (valid ${c.notBefore.toISOString()} to ${c.notAfter.toISOString()})`);
    }
  }
  const ku = leaf.extKeyUsage;
  let canSign = ku?.digitalSignature === true;
  if (!canSign) {
    let oids: string[] = [];
    try {
      // extnValue (OCTET STRING) -> SEQUENCE OF KeyPurposeId (OID)
      const list = leaf.extension(OID_EKU)?.valueObj.subs[0];
      oids = list ? list.subs.map((s) => s.toOID()) : [];
    } catch (e) {
      throw sigFail('bundle-invalid', `${name}: the signing certificate's extended key usage cannot be parsed (${describe(e)})`);
    }
    canSign = oids.includes(OID_CODE_SIGNING) || oids.includes(OID_ANY_EKU);
  }
  if (!canSign) throw sigFail('certificate-usage', `${name}: the signing certificate may not be used for signing (neither digitalSignature key usage nor code-signing extended key usage)`);
  let key: KeyObject;
  try {
    key = createPublicKey({ key: leaf.publicKey, format: 'der', type: 'spki' });
  } catch (e) {
    throw sigFail('bundle-invalid', `${name}: the signing certificate's public key cannot be read (${describe(e)})`);
  }
  return { leaf, key, subject: subjectString(leaf), root: above[above.length - 1] };
}

function subjectString(cert: X509Certificate): string {
  try {
    return new NodeX509(cert.root.toDER()).subject.replace(/\n/g, ',');
  } catch {
    return '';
  }
}
