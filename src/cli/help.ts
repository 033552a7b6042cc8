/**
 * The usage texts of the CLI: printed by `model-gate help [COMMAND]` and `COMMAND --help` (stdout, exit 0) and after
 * a usage error (stderr, exit 2). Each command's text: a `usage:` line, what it does, then ONE line per option of its
 * parser (test/cli/help.test.ts holds every option of every parser to that), then the exit status.
 */

/** The options every command's parser accepts (src/cli/args.ts COMMON). */
export const COMMON_OPTIONS = `  -h, --help              print this help
  --debug                 print the stack traces of errors (for bug reports)`;

const KEYLESS_OPTION_LINES = `  --keyless               sign with an OIDC identity: a Fulcio certificate for an ephemeral key and a Rekor log entry; inside GitHub Actions with \`permissions: id-token: write\`, elsewhere with --oidc-token-file
  --oidc-token-file F     with --keyless: an OIDC token with audience sigstore (instead of the GitHub Actions token)
  --fulcio-url U          with --keyless: default https://fulcio.sigstore.dev (or MODEL_GATE_FULCIO_URL)
  --rekor-url U           with --keyless: default https://rekor.sigstore.dev (or MODEL_GATE_REKOR_URL)`;

export const CHECK_USAGE = `usage: model-gate check [--policy FILE] [--workspace DIR] [--json FILE] [--markdown FILE] [--cyclonedx FILE] [--seed N] [--attestation FILE (--signing-key PEM | --keyless ...)] [--shard K/N --partial FILE] [--cache-dir DIR]
  runs the policy's gates (signature, datasets, accuracy, robustness, memorisation, fairness, drift, model card) on the
  working tree and prints the report; run model-gate validate first to find every policy problem at once
options:
  --policy FILE           the policy, relative to the workspace (default .github/model-gate.yml)
  --workspace DIR         the folder the policy's paths are relative to (default: the current directory)
  --json FILE             also write the JSON report (missing folders are made; never through a symlink)
  --markdown FILE         also write the job-summary Markdown
  --cyclonedx FILE        also write the CycloneDX ML-BOM of the model and datasets
  --seed N                override the policy's seed (a non-negative integer)
  --attestation FILE      also write the signed attestation of the run (and FILE's report statement next to it); needs --signing-key or --keyless
  --signing-key PEM       with --attestation: sign it with this ECDSA P-256/P-384 private key
${KEYLESS_OPTION_LINES}
  --trusted-root FILE     with --keyless: check the new signatures against this Sigstore trusted root
  --shard K/N             run shard K of N only: the per-row predictions the gates need on this shard's rows, written
                          to --partial FILE instead of a report (model-gate merge makes the report); accuracy,
                          memorisation, fairness, drift, regression (not compare) and model-card only
  --partial FILE          with --shard: where the shard's partial result goes
  --cache-dir DIR         the outcome cache (made when missing): per-row outcomes stored under the digests of what
                          they depend on and reused when none changed; an entry is verified first, and a damaged
                          or foreign one is ignored with a warning (results are the same with or without it)
${COMMON_OPTIONS}
exit status: 0 pass, 1 fail, 2 error (with --shard: 0 partial written, 1 fail, 2 error)`;

export const MERGE_USAGE = `usage: model-gate merge PARTS... [--policy FILE] [--workspace DIR] [--json FILE] [--markdown FILE]
  merges the partial results of check --shard 1/N ... N/N into the report check would give on the same commit and
  seed: every shard exactly once, all with the same N and with the digests of this workspace's model, data, policy,
  tool, onnxruntime and platform (else an error naming the file and what differs); every metric, bootstrap and check
  is computed here, from the merged rows
options:
  --policy FILE           the policy, relative to the workspace (default .github/model-gate.yml)
  --workspace DIR         the folder the policy's paths are relative to (default: the current directory)
  --json FILE             also write the JSON report (with shards: { n, files })
  --markdown FILE         also write the job-summary Markdown
${COMMON_OPTIONS}
exit status: 0 pass, 1 fail, 2 error`;

export const VALIDATE_USAGE = `usage: model-gate validate [--policy FILE] [--workspace DIR] [--json]
  checks a policy without running any model or gate and reports every problem at once, one per line as
  file:line:col: message (sorted by line), then their count: YAML, the schema, cross-field rules, the files the
  policy names (inside the workspace), and the column names against the datasets' headers (with the closest name)
options:
  --policy FILE           the policy, relative to the workspace (default .github/model-gate.yml)
  --workspace DIR         the folder the policy's paths are relative to (default: the current directory)
  --json                  print {"policy", "valid", "problems": [{file, line, col, message}]} instead of lines
${COMMON_OPTIONS}
exit status: 0 valid, 2 problems (or unusable input)`;

export const SIGN_USAGE = `usage: model-gate sign MODEL_PATH (--signing-key PEM | --keyless [--oidc-token-file F] [--fulcio-url U] [--rekor-url U] [--trusted-root FILE]) [--output FILE] [--force] [--ignore-paths P,...] [--method files|shards] [--shard-size N]
  writes an OpenSSF model signing bundle over a model file or folder: key mode (ECDSA P-256 or P-384 PEM private key),
  or keyless (an OIDC identity: Fulcio certificate for an ephemeral key, Rekor log entry)
options:
  --signing-key PEM       sign with this ECDSA P-256 or P-384 private key (PEM)
${KEYLESS_OPTION_LINES}
  --trusted-root FILE     with --keyless: verify the new bundle against this Sigstore trusted root before writing it
  --output FILE           default: MODEL_PATH/model.sig for a folder (left out of the manifest), MODEL_PATH.sig for a file
  --force                 replace --output when it exists (without it, an existing file is refused); never through a symlink
  --ignore-paths P,...    paths relative to the model folder left out of the manifest (.git, .gitattributes, .github, .gitignore always are)
  --method M              files (default: one digest per file) or shards (one digest per --shard-size bytes)
  --shard-size N          with --method shards: bytes per shard (default 1000000000)
${COMMON_OPTIONS}
exit status: 0 signed, 2 unusable input (nothing written)`;

export const VERIFY_USAGE = `usage: model-gate verify MODEL_PATH --signature FILE (--identity I [--identity I2 ...] --issuer U | --identity-regex R --issuer U | --key PEM | --certificate-chain ROOTS_PEM) [--trusted-root FILE] [--ignore-paths P ...] [--format F]
  verifies a model signature (an OpenSSF model signing bundle, a Sigstore bundle or a cosign signature) over a model
  file or folder: the signer (identity and issuer, a public key, or a certificate chain) and every file's digest
options:
  --signature FILE        the signature file (e.g. model.sig)
  --identity I            keyless: the signer's exact identity (repeat for several accepted identities); needs --issuer
  --identity-regex R      keyless: a regular expression the whole identity must match; needs --issuer
  --issuer U              keyless: the OIDC issuer, exact (e.g. https://token.actions.githubusercontent.com)
  --key PEM               key mode: the signer's public key
  --certificate-chain PEM certificate mode: the roots (and intermediates) the signing certificate must chain to (repeatable)
  --trusted-root FILE     the Sigstore trusted root (default: the public-good root shipped)
  --ignore-paths P        files of the model folder that are not compared (repeatable)
  --format F              auto (default), oms, sigstore-bundle or cosign
${COMMON_OPTIONS}
exit status: 0 verified, 1 rejected, 2 unusable input`;

export const VERIFY_BUNDLE_USAGE = `usage: model-gate verify-bundle --bundle FILE (--certificate-identity I --certificate-oidc-issuer U | --key PEM) [--trusted-root FILE] FILE_OR_DIGEST
  verifies a Sigstore bundle over a file or a sha256:HEX digest (the Sigstore conformance protocol)
options:
  --bundle FILE                the Sigstore bundle
  --certificate-identity I     keyless: the signer's exact identity; needs --certificate-oidc-issuer
  --certificate-oidc-issuer U  keyless: the OIDC issuer, exact
  --key PEM                    key mode: the signer's public key
  --trusted-root FILE          the Sigstore trusted root (default: the public-good root shipped)
${COMMON_OPTIONS}
exit status: 0 verified, 1 rejected, 2 unusable input`;

export const VERIFY_ATTESTATION_USAGE = `usage: model-gate verify-attestation MODEL_PATH (--attestation FILE | --from-github OWNER/REPO) (--key PEM | --identity I [--identity I2 ...] --issuer U | --identity-regex R --issuer U) [--trusted-root FILE] [--policy-digest sha256:HEX] [--max-age DURATION] [--require-gates G,...] [--ignore-paths P,...]
  checks a gate-run attestation (written by check --attestation): the DSSE signature with the public key or, keyless, the
  Fulcio certificate and Rekor entry against the trusted root and the signer's identity and issuer, the predicate
  type (SLSA verification summary v1), that MODEL_PATH's files hash to its subjects (none missing, none extra),
  verificationResult PASSED, the required gates (MODEL_GATE_<GATE>_PASSED), the policy digest, and the age
options:
  --attestation FILE      the attestation (a Sigstore bundle of the verification summary)
  --from-github OWNER/REPO  instead of --attestation: every attestation the repository stores for the model's digest (GitHub's attestations API at GITHUB_API_URL, token GH_TOKEN or GITHUB_TOKEN), each verified; the newest by the expected signer about this model decides
  --key PEM               key mode: the signer's public key
  --identity I            keyless: the signer's exact identity (repeat for several accepted identities); needs --issuer
  --identity-regex R      keyless: a regular expression the whole identity must match; needs --issuer
  --issuer U              keyless: the OIDC issuer, exact
  --trusted-root FILE     the Sigstore trusted root (default: the public-good root shipped)
  --policy-digest sha256:HEX  the policy the run must have used
  --max-age DURATION      how old the attestation may be, e.g. 30m, 12h, 7d (units s, m, h, d)
  --require-gates G,...   gates that must have passed (MODEL_GATE_<GATE>_PASSED)
  --ignore-paths P,...    files of a model folder that are not compared (default: .git, .gitattributes, .github, .gitignore, model.sig)
${COMMON_OPTIONS}
exit status: 0 holds, 1 the evidence says no (failed verdict, other model, other signer, expired, tampered), 2 unusable input`;

export const CARD_DIFF_USAGE = `usage: model-gate card-diff BASE_CARD HEAD_CARD [--report REPORT.json] | --no-base HEAD_CARD | --no-head BASE_CARD
  the model-card diff of a pull request for a terminal: licence, datasets, claimed metrics, and (with --report) each
  claim against the measured value; both cards must exist unless --no-base or --no-head says one side has none
options:
  --report FILE           the JSON report of model-gate check --json, to compare the claims with what was measured
  --no-base               the card is new: there is no base card, give HEAD_CARD only
  --no-head               the card was deleted: there is no head card, give BASE_CARD only
${COMMON_OPTIONS}
exit status: 0 printed, 2 unusable input`;

/**
 * Every command (`model-gate --help`, `model-gate help`): one line each (`commands`: name and summary, from the
 * registry in ./main.ts), then how to get a command's own help.
 */
export function overallUsage(commands: [name: string, summary: string][]): string {
  const width = Math.max(...commands.map(([n]) => n.length));
  return [
    'usage: model-gate COMMAND [options]',
    'commands:',
    ...commands.map(([n, summary]) => `  ${n.padEnd(width)}  ${summary}`),
    'model-gate help COMMAND (or model-gate COMMAND --help): the command\'s usage, one line per option',
    '  --debug (any command): print the stack traces of errors (for bug reports)',
    '  --help, -h (any command): print its usage',
    'model-gate --version, -V: print the version',
    'exit status: 0 pass, 1 fail, 2 error',
  ].join('\n');
}
