/** The keyless flags shared by `sign` and `check --attestation` (src/signature/sign/keyless.ts does the work). */
import { keylessSigner, NO_OIDC_TOKEN, PUBLIC_GOOD_FULCIO, PUBLIC_GOOD_REKOR, serviceUrl, tokenSourceFrom } from '../signature/sign/keyless.ts';
import type { DsseSigner } from '../signature/sign/signer.ts';
import { parseTrustedRoot } from '../signature/trust.ts';
import { readKeyFile, UsageError } from './args.ts';

export const KEYLESS_OPTIONS = {
  keyless: { type: 'boolean' },
  'oidc-token-file': { type: 'string' },
  'fulcio-url': { type: 'string' },
  'rekor-url': { type: 'string' },
  'trusted-root': { type: 'string' },
} as const;

export interface KeylessFlags {
  keyless?: boolean;
  'oidc-token-file'?: string;
  'fulcio-url'?: string;
  'rekor-url'?: string;
  'trusted-root'?: string;
}

/** Usage errors for keyless flags given without --keyless (or with --signing-key). */
export function checkKeylessFlags(v: KeylessFlags, signingKey: string | undefined): void {
  if (v.keyless && signingKey !== undefined) throw new UsageError('--keyless and --signing-key are exclusive: sign with a key or with the OIDC identity');
  if (!v.keyless) {
    for (const f of ['oidc-token-file', 'fulcio-url', 'rekor-url', 'trusted-root'] as const) if (v[f] !== undefined) throw new UsageError(`--${f} is for --keyless`);
  }
}

/**
 * The keyless signer of the flags. Fails (usage error, one line) when no OIDC token is available: outside GitHub
 * Actions (or without `id-token: write`) and without --oidc-token-file. Service URLs: the flags, else
 * MODEL_GATE_FULCIO_URL / MODEL_GATE_REKOR_URL, else the public-good instance. `--trusted-root FILE`: each new
 * bundle is verified against it before anything is written.
 */
export function keylessSignerFromFlags(v: KeylessFlags, env: NodeJS.ProcessEnv = process.env): DsseSigner {
  const token = tokenSourceFrom(env, v['oidc-token-file']);
  if (!token) throw new UsageError(NO_OIDC_TOKEN);
  const fulcioUrl = v['fulcio-url'] ?? (env.MODEL_GATE_FULCIO_URL || PUBLIC_GOOD_FULCIO);
  const rekorUrl = v['rekor-url'] ?? (env.MODEL_GATE_REKOR_URL || PUBLIC_GOOD_REKOR);
  serviceUrl(fulcioUrl, '--fulcio-url');
  serviceUrl(rekorUrl, '--rekor-url');
  const file = v['trusted-root'];
  const verifyWith = file ? parseTrustedRoot(readKeyFile(file, '--trusted-root'), file).root : undefined;
  return keylessSigner({ token, fulcioUrl, rekorUrl, verifyWith });
}
