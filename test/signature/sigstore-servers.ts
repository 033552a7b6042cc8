/**
 * Loopback stand-ins (node:http on 127.0.0.1) of the services keyless signing talks to, built on the private
 * Sigstore instance of pki.ts: the GitHub Actions OIDC token endpoint (an ES256 JWT with iss/sub/aud), Fulcio v2
 * (`POST /api/v2/signingCert`: checks the token's signature and audience and the proof of possession, then issues a
 * leaf with the token's identity and issuer and an embedded SCT) and Rekor v1 (`POST /api/v1/log/entries`, kind
 * dsse 0.0.1: checks the envelope signature with the certificate, answers with a SET, an inclusion proof and a
 * signed checkpoint). These are test servers; the client under test (src/signature/sign/keyless.ts) is the real one.
 */
import { createHash, createPublicKey, sign, verify } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { caCert, ecKey, leafCert, pem, tlogEntry, trustedRoot, type KeyPair } from './pki.ts';

export const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com';

export interface Claims {
  iss: string;
  sub: string;
  aud?: string;
  email?: string;
  job_workflow_ref?: string;
  [k: string]: unknown;
}

export interface PrivateSigstore {
  oidcUrl: string;
  /** The bearer the token endpoint wants (ACTIONS_ID_TOKEN_REQUEST_TOKEN). */
  requestToken: string;
  fulcioUrl: string;
  rekorUrl: string;
  trustedRoot: object;
  /** Claims of the tokens the OIDC endpoint issues (changeable per test). */
  claims: Claims;
  /** Test switches: Fulcio certifies another key; Rekor answers with an entry about another envelope. */
  faults: { fulcioOtherKey?: boolean; rekorOtherEntry?: boolean; rekorNoProof?: boolean; fulcioUnavailable?: number };
  /** A token signed by the test OIDC issuer (for --oidc-token-file). */
  mintToken(claims: Claims): string;
  /** How many entries Rekor logged. */
  logged(): number;
  close(): Promise<void>;
}

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

function read(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    handler(req, res).catch((e: Error) => send(res, 500, { code: 500, message: e.message }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

function pae(type: string, payload: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`DSSEv1 ${Buffer.byteLength(type)} ${type} ${payload.length} `), payload]);
}

export async function startPrivateSigstore(): Promise<PrivateSigstore> {
  const ca = ecKey();
  const ct = ecKey();
  const rekor = ecKey();
  const oidc = ecKey();
  const caDer = caCert(ca);
  const requestToken = 'actions-request-token-' + createHash('sha256').update(oidc.spki).digest('hex').slice(0, 16);
  let serial = 100;
  let logIndex = 40;
  const faults: PrivateSigstore['faults'] = {};

  const mintToken = (claims: Claims): string => {
    const now = Math.floor(Date.now() / 1000);
    const header = b64url(JSON.stringify({ alg: 'ES256', typ: 'JWT' }));
    const body = b64url(JSON.stringify({ iat: now, nbf: now, exp: now + 300, ...claims }));
    const sig = sign('sha256', Buffer.from(`${header}.${body}`), { key: oidc.privateKey, dsaEncoding: 'ieee-p1363' });
    return `${header}.${body}.${b64url(sig)}`;
  };

  const state: { claims: Claims } = {
    claims: { iss: GITHUB_ISSUER, sub: 'repo:acme/ml:ref:refs/heads/main', job_workflow_ref: 'acme/ml/.github/workflows/gate.yml@refs/heads/main' },
  };

  // GitHub Actions: GET $ACTIONS_ID_TOKEN_REQUEST_URL&audience=A with the bearer -> {"value": JWT with aud A}.
  const o = await listen(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.method !== 'GET' || url.pathname !== '/token') return send(res, 404, { message: 'not found' });
    if (req.headers.authorization !== `Bearer ${requestToken}`) return send(res, 401, { message: 'bad bearer' });
    const aud = url.searchParams.get('audience');
    if (!aud) return send(res, 400, { message: 'no audience' });
    send(res, 200, { count: 1, value: mintToken({ ...state.claims, aud }) });
  });

  const f = await listen(async (req, res) => {
    if (req.method !== 'POST' || req.url !== '/api/v2/signingCert') return send(res, 404, { message: 'not found' });
    if (faults.fulcioUnavailable) {
      faults.fulcioUnavailable--;
      return send(res, 503, { code: 14, message: 'unavailable' });
    }
    const body = JSON.parse(await read(req));
    const token: string = body?.credentials?.oidcIdentityToken ?? '';
    const [h, p, s] = token.split('.');
    if (!h || !p || !s || !verify('sha256', Buffer.from(`${h}.${p}`), { key: oidc.publicKey, dsaEncoding: 'ieee-p1363' }, Buffer.from(s, 'base64url'))) {
      return send(res, 401, { code: 16, message: 'The OIDC token is invalid' });
    }
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as Claims;
    if (claims.aud !== 'sigstore') return send(res, 401, { code: 16, message: `audience ${claims.aud} is not sigstore` });
    const emailIssuer = claims.iss === 'https://oauth2.sigstore.dev/auth' || claims.iss === 'https://accounts.google.com';
    const subject = emailIssuer ? claims.email : claims.sub;
    const pubPem: string = body?.publicKeyRequest?.publicKey?.content ?? '';
    let publicKey;
    try {
      publicKey = createPublicKey(pubPem);
    } catch {
      return send(res, 400, { code: 3, message: 'The public key supplied in the request could not be parsed' });
    }
    const proof = Buffer.from(String(body?.publicKeyRequest?.proofOfPossession ?? ''), 'base64');
    if (typeof subject !== 'string' || !verify('sha256', Buffer.from(subject), publicKey, proof)) {
      return send(res, 400, { code: 3, message: 'The signature supplied in the request could not be verified' });
    }
    const identity = claims.iss === GITHUB_ISSUER ? `https://github.com/${claims.job_workflow_ref}` : subject;
    const spki = faults.fulcioOtherKey ? ecKey().spki : publicKey.export({ type: 'spki', format: 'der' });
    const leafKey: KeyPair = { privateKey: undefined as never, publicKey, spki, id: createHash('sha256').update(spki).digest() };
    const now = Date.now();
    const leaf = leafCert({ ca, ct, leafKey, identity, issuer: claims.iss, notBefore: new Date(Math.floor(now / 1000) * 1000 - 30_000), notAfter: new Date(now + 10 * 60_000), serial: serial++ });
    send(res, 201, { signedCertificateEmbeddedSct: { chain: { certificates: [pem(leaf), pem(caDer)] } } });
  });

  const r = await listen(async (req, res) => {
    if (req.method !== 'POST' || req.url !== '/api/v1/log/entries') return send(res, 404, { message: 'not found' });
    const proposed = JSON.parse(await read(req));
    if (proposed?.kind !== 'dsse' || proposed?.apiVersion !== '0.0.1') return send(res, 400, { code: 400, message: 'unsupported entry kind' });
    const envText: string = proposed.spec?.proposedContent?.envelope ?? '';
    const verifiers: string[] = proposed.spec?.proposedContent?.verifiers ?? [];
    const env = JSON.parse(envText);
    const payload = Buffer.from(env.payload, 'base64');
    const sig = Buffer.from(env.signatures?.[0]?.sig ?? '', 'base64');
    const certPem = Buffer.from(verifiers[0] ?? '', 'base64').toString('utf8');
    let ok = false;
    try {
      ok = verify('sha256', pae(env.payloadType, payload), createPublicKey(certPem), sig);
    } catch {
      ok = false;
    }
    if (!ok) return send(res, 400, { code: 400, message: 'verifying signature: invalid signature' });
    const signed = faults.rekorOtherEntry ? Buffer.from('{"another":"payload"}') : payload;
    const body = {
      apiVersion: '0.0.1',
      kind: 'dsse',
      spec: {
        envelopeHash: { algorithm: 'sha256', value: createHash('sha256').update(envText).digest('hex') },
        payloadHash: { algorithm: 'sha256', value: createHash('sha256').update(signed).digest('hex') },
        signatures: [{ signature: env.signatures[0].sig, verifier: verifiers[0] }],
      },
    };
    const index = logIndex++;
    const e = tlogEntry({ rekor, body, kind: 'dsse', integratedTime: Math.floor(Date.now() / 1000), logIndex: index }) as any;
    const hex = (b: string) => Buffer.from(b, 'base64').toString('hex');
    const entry: Record<string, unknown> = {
      body: e.canonicalizedBody,
      integratedTime: Number(e.integratedTime),
      logID: rekor.id.toString('hex'),
      logIndex: index,
      verification: {
        signedEntryTimestamp: e.inclusionPromise.signedEntryTimestamp,
        ...(faults.rekorNoProof
          ? {}
          : { inclusionProof: { checkpoint: e.inclusionProof.checkpoint.envelope, hashes: [], logIndex: 0, rootHash: hex(e.inclusionProof.rootHash), treeSize: 1 } }),
      },
    };
    const uuid = createHash('sha256').update(e.canonicalizedBody).digest('hex');
    send(res, 201, { [uuid]: entry });
  });

  return {
    oidcUrl: `${o.url}/token?api-version=2.0`,
    requestToken,
    fulcioUrl: f.url,
    rekorUrl: r.url,
    trustedRoot: trustedRoot({ ca: caDer, rekor, ct }),
    get claims() {
      return state.claims;
    },
    set claims(c: Claims) {
      state.claims = c;
    },
    faults,
    mintToken,
    logged: () => logIndex - 40,
    close: async () => {
      for (const s of [o.server, f.server, r.server]) {
        s.closeAllConnections();
        await new Promise<void>((resolve) => s.close(() => resolve()));
      }
    },
  };
}

/** Another private instance's trusted root (same shape, other keys): nothing signed above verifies under it. */
export function otherTrustedRoot(): object {
  const ca = ecKey();
  return trustedRoot({ ca: caCert(ca), rekor: ecKey(), ct: ecKey() });
}
