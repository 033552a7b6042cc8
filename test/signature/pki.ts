import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { bits, bool, ctx, int, octet, oid, seq, set, tlv, utcTime, utf8 } from './der.ts';

/**
 * A private Sigstore instance for tests: a test CA (Fulcio-like) issuing short-lived leaf certificates with the
 * Fulcio issuer extension and an embedded SCT from a test CT log, a test Rekor log key that signs SETs and
 * checkpoints, and the matching trusted_root.json. Dates are fixed (no clock).
 */

export const ECDSA_SHA256 = '1.2.840.10045.4.3.2';

export interface KeyPair {
  privateKey: KeyObject;
  publicKey: KeyObject;
  spki: Buffer;
  /** sha256 of the SPKI DER (log ID / key ID). */
  id: Buffer;
}

export function ecKey(curve = 'P-256'): KeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: curve });
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  return { privateKey, publicKey, spki, id: createHash('sha256').update(spki).digest() };
}

export function name(cn: string): Buffer {
  return seq(set(seq(oid('2.5.4.10'), utf8('model-gate tests'))), set(seq(oid('2.5.4.3'), utf8(cn))));
}

function ext(o: string, value: Buffer, critical = false): Buffer {
  return critical ? seq(oid(o), bool(true), octet(value)) : seq(oid(o), octet(value));
}

function tbs(opts: { serial: number; issuer: Buffer; subject: Buffer; notBefore: Date; notAfter: Date; spki: Buffer; exts: Buffer[] }): Buffer {
  return seq(ctx(0, int(2)), int(opts.serial), seq(oid(ECDSA_SHA256)), opts.issuer, seq(utcTime(opts.notBefore), utcTime(opts.notAfter)), opts.subject, opts.spki, ctx(3, seq(...opts.exts)));
}

function signCert(tbsDer: Buffer, issuerKey: KeyObject): Buffer {
  return seq(tbsDer, seq(oid(ECDSA_SHA256)), bits(sign('sha256', tbsDer, issuerKey)));
}

export function caCert(key: KeyPair, cn = 'test-fulcio-root', notBefore = new Date('2020-01-01T00:00:00Z'), notAfter = new Date('2040-01-01T00:00:00Z')): Buffer {
  const n = name(cn);
  return signCert(
    tbs({
      serial: 1,
      issuer: n,
      subject: n,
      notBefore,
      notAfter,
      spki: key.spki,
      exts: [ext('2.5.29.19', seq(bool(true)), true), ext('2.5.29.15', bits(Buffer.from([0x06]), 1), true)],
    }),
    key.privateKey,
  );
}

export interface LeafOptions {
  ca: KeyPair;
  caName?: string;
  ct: KeyPair;
  leafKey: KeyPair;
  /** Email (rfc822Name) or URI identity. */
  identity: string;
  issuer: string;
  notBefore: Date;
  notAfter: Date;
  serial?: number;
}

/** A Fulcio-style leaf with an SCT (RFC 6962 precertificate signature) from the test CT log. */
export function leafCert(o: LeafOptions): Buffer {
  const san = o.identity.includes('://') ? ctx(6, Buffer.from(o.identity, 'ascii'), false) : ctx(1, Buffer.from(o.identity, 'ascii'), false);
  const baseExts = [
    ext('2.5.29.15', bits(Buffer.from([0x80]), 7), true),
    ext('2.5.29.37', seq(oid('1.3.6.1.5.5.7.3.3'))),
    ext('2.5.29.17', seq(san), true),
    ext('1.3.6.1.4.1.57264.1.1', Buffer.from(o.issuer, 'utf8')),
    ext('1.3.6.1.4.1.57264.1.8', utf8(o.issuer)),
  ];
  const common = { serial: o.serial ?? 2, issuer: name(o.caName ?? 'test-fulcio-root'), subject: seq(), notBefore: o.notBefore, notAfter: o.notAfter, spki: o.leafKey.spki };
  const pre = tbs({ ...common, exts: baseExts });
  // SCT over the precertificate: version 0, certificate_timestamp, time, precert_entry, issuer key hash, TBS.
  const ts = Buffer.alloc(8);
  ts.writeBigUInt64BE(BigInt(o.notBefore.getTime()));
  const u16 = (n: number) => Buffer.from([n >> 8, n & 0xff]);
  const u24 = (n: number) => Buffer.from([n >> 16, (n >> 8) & 0xff, n & 0xff]);
  const signed = Buffer.concat([Buffer.from([0, 0]), ts, u16(1), createHash('sha256').update(o.ca.spki).digest(), u24(pre.length), pre, u16(0)]);
  const sctSig = sign('sha256', signed, o.ct.privateKey);
  const sct = Buffer.concat([Buffer.from([0]), o.ct.id, ts, u16(0), Buffer.from([4, 3]), u16(sctSig.length), sctSig]);
  const list = Buffer.concat([u16(sct.length + 2), u16(sct.length), sct]);
  const sctExt = ext('1.3.6.1.4.1.11129.2.4.2', octet(list));
  return signCert(tbs({ ...common, exts: [...baseExts, sctExt] }), o.ca.privateKey);
}

export function pem(der: Buffer, label = 'CERTIFICATE'): string {
  const b64 = der.toString('base64').replace(/(.{64})/g, '$1\n');
  return `-----BEGIN ${label}-----\n${b64}${b64.endsWith('\n') ? '' : '\n'}-----END ${label}-----\n`;
}

export const REKOR_URL = 'https://rekor.model-gate.test';

/** trusted_root.json for the private instance. */
export function trustedRoot(o: { ca: Buffer; rekor: KeyPair; ct: KeyPair; tlogStart?: string | null }): object {
  const key = (k: KeyPair, start: string | null | undefined) => ({
    rawBytes: k.spki.toString('base64'),
    keyDetails: 'PKIX_ECDSA_P256_SHA_256',
    ...(start === null ? {} : { validFor: { start: start ?? '2024-01-01T00:00:00Z' } }),
  });
  return {
    mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
    tlogs: [{ baseUrl: REKOR_URL, hashAlgorithm: 'SHA2_256', publicKey: key(o.rekor, o.tlogStart), logId: { keyId: o.rekor.id.toString('base64') } }],
    certificateAuthorities: [
      {
        subject: { organization: 'model-gate tests', commonName: 'test-fulcio-root' },
        uri: 'https://fulcio.model-gate.test',
        certChain: { certificates: [{ rawBytes: o.ca.toString('base64') }] },
        validFor: { start: '2020-01-01T00:00:00Z' },
      },
    ],
    ctlogs: [{ baseUrl: 'https://ctfe.model-gate.test', hashAlgorithm: 'SHA2_256', publicKey: key(o.ct, undefined), logId: { keyId: o.ct.id.toString('base64') } }],
    timestampAuthorities: [],
  };
}

/**
 * A Rekor v1 entry (one-leaf tree) for `body`, with a SET (inclusion promise) and an inclusion proof whose
 * checkpoint is signed by the same log key.
 */
export function tlogEntry(o: { rekor: KeyPair; body: object; kind: string; integratedTime: number; logIndex?: number; setKey?: KeyPair }): object {
  const canonical = Buffer.from(JSON.stringify(sortKeys(o.body)));
  const logIndex = o.logIndex ?? 7;
  const set = `{"body":"${canonical.toString('base64')}","integratedTime":${o.integratedTime},"logID":"${o.rekor.id.toString('hex')}","logIndex":${logIndex}}`;
  const setSig = sign('sha256', Buffer.from(set), (o.setKey ?? o.rekor).privateKey);
  const root = createHash('sha256').update(Buffer.from([0])).update(canonical).digest();
  const origin = 'rekor.model-gate.test - 1';
  const note = `${origin}\n1\n${root.toString('base64')}\n`;
  const noteSig = sign('sha256', Buffer.from(note), o.rekor.privateKey);
  const envelope = `${note}\n\u2014 rekor.model-gate.test ${Buffer.concat([o.rekor.id.subarray(0, 4), noteSig]).toString('base64')}\n`;
  return {
    logIndex: String(logIndex),
    logId: { keyId: o.rekor.id.toString('base64') },
    kindVersion: { kind: o.kind, version: '0.0.1' },
    integratedTime: String(o.integratedTime),
    inclusionPromise: { signedEntryTimestamp: setSig.toString('base64') },
    inclusionProof: { logIndex: '0', rootHash: root.toString('base64'), treeSize: '1', hashes: [], checkpoint: { envelope } },
    canonicalizedBody: canonical.toString('base64'),
  };
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v as object).sort().map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]));
  return v;
}

void tlv;

/** A generic certificate: `ca` true makes a CA (basicConstraints + keyCertSign); otherwise `keyUsage` bits / EKUs. */
export function issueCert(o: {
  issuerKey: KeyPair;
  issuerCn: string;
  subjectCn: string;
  key: KeyPair;
  notBefore: Date;
  notAfter: Date;
  ca?: boolean;
  digitalSignature?: boolean;
  codeSigning?: boolean;
  serial?: number;
}): Buffer {
  const exts: Buffer[] = [];
  if (o.ca) {
    exts.push(ext('2.5.29.19', seq(bool(true)), true), ext('2.5.29.15', bits(Buffer.from([0x06]), 1), true));
  } else {
    // digitalSignature is bit 0; keyEncipherment (bit 2) alone when digitalSignature is not wanted.
    exts.push(ext('2.5.29.15', o.digitalSignature ? bits(Buffer.from([0x80]), 7) : bits(Buffer.from([0x20]), 5), true));
    if (o.codeSigning) exts.push(ext('2.5.29.37', seq(oid('1.3.6.1.5.5.7.3.3'))));
    else exts.push(ext('2.5.29.37', seq(oid('1.3.6.1.5.5.7.3.1'))));
  }
  return signCert(
    tbs({ serial: o.serial ?? 3, issuer: name(o.issuerCn), subject: name(o.subjectCn), notBefore: o.notBefore, notAfter: o.notAfter, spki: o.key.spki, exts }),
    o.issuerKey.privateKey,
  );
}
