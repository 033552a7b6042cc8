/** The usage texts of the CLI: printed by `--help` (stdout, exit 0) and after a usage error (stderr, exit 2). */

/** Every command (`model-gate --help`); also `check`'s own usage. */
export const USAGE = `usage:
  model-gate check [--policy FILE] [--json FILE] [--markdown FILE] [--cyclonedx FILE] [--seed N] [--workspace DIR] [--attestation FILE (--signing-key PEM | --keyless [--oidc-token-file F] [--fulcio-url U] [--rekor-url U] [--trusted-root FILE])] [--debug]
  model-gate sign MODEL_PATH (--signing-key PEM | --keyless [--oidc-token-file F] [--fulcio-url U] [--rekor-url U] [--trusted-root FILE]) [--output FILE] [--force] [--ignore-paths P,...] [--method files|shards] [--shard-size N]
  model-gate verify MODEL_PATH --signature FILE (--identity I --issuer U | --identity-regex R --issuer U | --key PEM | --certificate-chain ROOTS_PEM) [--trusted-root FILE] [--ignore-paths P ...]
  model-gate verify-bundle --bundle FILE (--certificate-identity I --certificate-oidc-issuer U | --key PEM) [--trusted-root FILE] FILE_OR_DIGEST
  model-gate verify-attestation MODEL_PATH (--attestation FILE | --from-github OWNER/REPO) (--key PEM | --identity I --issuer U | --identity-regex R --issuer U) [--trusted-root FILE] [--policy-digest sha256:HEX] [--max-age DURATION] [--require-gates G,...] [--ignore-paths P,...]
  model-gate card-diff BASE_CARD HEAD_CARD [--report REPORT.json]
  model-gate inspect MODEL.onnx [--json]
  model-gate init --model M --data D [--label COL] [--exclude COL ...] [--sensitive COL ...] [--members F --non-members F] [--key PUB] [--output FILE] [--force] [--workspace DIR]
  --debug (any command): print the stack traces of errors (for bug reports)
  --help, -h (any command): print its usage
  model-gate --version, -V: print the version
exit status: 0 pass, 1 fail, 2 error`;

export const CHECK_USAGE = USAGE;

export const SIGN_USAGE = `usage: model-gate sign MODEL_PATH (--signing-key PEM | --keyless [--oidc-token-file F] [--fulcio-url U] [--rekor-url U] [--trusted-root FILE]) [--output FILE] [--force] [--ignore-paths P,...] [--method files|shards] [--shard-size N]
  writes an OpenSSF model signing bundle over a model file or folder: key mode (ECDSA P-256 or P-384 PEM private key),
  or keyless (an OIDC identity: Fulcio certificate for an ephemeral key, Rekor log entry)
  --keyless            inside GitHub Actions with \`permissions: id-token: write\`, or with --oidc-token-file F (a token with audience sigstore)
  --fulcio-url U       default https://fulcio.sigstore.dev (or MODEL_GATE_FULCIO_URL); --rekor-url U default https://rekor.sigstore.dev (or MODEL_GATE_REKOR_URL)
  --trusted-root FILE  with --keyless: verify the new bundle against this Sigstore trusted root before writing it
  --output FILE        default: MODEL_PATH/model.sig for a folder (left out of the manifest), MODEL_PATH.sig for a file
  --force              replace --output when it exists (without it, an existing file is refused); never through a symlink
  --ignore-paths P,... paths relative to the model folder left out of the manifest (.git, .gitattributes, .github, .gitignore always are)
  --method             files (default: one digest per file) or shards (--shard-size bytes, default 1000000000)
exit status: 0 signed, 2 unusable input (nothing written)`;

export const VERIFY_ATTESTATION_USAGE = `usage: model-gate verify-attestation MODEL_PATH (--attestation FILE | --from-github OWNER/REPO) (--key PEM | --identity I [--identity I2 ...] --issuer U | --identity-regex R --issuer U) [--trusted-root FILE] [--policy-digest sha256:HEX] [--max-age DURATION] [--require-gates G,...] [--ignore-paths P,...]
  checks a gate-run attestation (written by check --attestation): the DSSE signature with the public key or, keyless, the
  Fulcio certificate and Rekor entry against the trusted root (default: the public-good root shipped) and the signer's
  identity (exact, or the whole identity matching R) and issuer (exact), the predicate
  type (SLSA verification summary v1), that MODEL_PATH's files hash to its subjects (none missing, none extra),
  verificationResult PASSED, the required gates (MODEL_GATE_<GATE>_PASSED), the policy digest, and the age
  --from-github OWNER/REPO  instead of --attestation: every attestation the repository stores for the model's digest
                       (GitHub's attestations API at GITHUB_API_URL, token GH_TOKEN or GITHUB_TOKEN), each verified;
                       the newest by the expected signer about this model decides
  --max-age DURATION   e.g. 30m, 12h, 7d (units s, m, h, d)
  --ignore-paths P,... files of a model folder that are not compared (default: .git, .gitattributes, .github, .gitignore, model.sig)
exit status: 0 holds, 1 the evidence says no (failed verdict, other model, other signer, expired, tampered), 2 unusable input`;

export const VERIFY_USAGE =
  'usage: model-gate verify MODEL_PATH --signature FILE (--identity I [--identity I2 ...] --issuer U | --identity-regex R --issuer U | --key PEM | --certificate-chain ROOTS_PEM) [--trusted-root FILE] [--ignore-paths P ...]';

export const VERIFY_BUNDLE_USAGE =
  'usage: model-gate verify-bundle --bundle FILE (--certificate-identity I --certificate-oidc-issuer U | --key PEM) [--trusted-root FILE] FILE_OR_DIGEST';

export const CARD_DIFF_USAGE =
  'usage: model-gate card-diff BASE_CARD HEAD_CARD [--report REPORT.json]   (a missing card file = the card is new or deleted)';
