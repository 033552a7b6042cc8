/** The usage texts of the CLI: printed by `--help` (stdout, exit 0) and after a usage error (stderr, exit 2). */

/** Every command (`model-gate --help`); also `check`'s own usage. */
export const USAGE = `usage:
  model-gate check [--policy FILE] [--json FILE] [--markdown FILE] [--cyclonedx FILE] [--seed N] [--workspace DIR] [--debug]
  model-gate verify MODEL_PATH --signature FILE (--identity I --issuer U | --identity-regex R --issuer U | --key PEM | --certificate-chain ROOTS_PEM) [--trusted-root FILE] [--ignore-paths P ...]
  model-gate verify-bundle --bundle FILE (--certificate-identity I --certificate-oidc-issuer U | --key PEM) [--trusted-root FILE] FILE_OR_DIGEST
  model-gate card-diff BASE_CARD HEAD_CARD [--report REPORT.json]
  --debug (any command): print the stack traces of errors (for bug reports)
  --help, -h (any command): print its usage
  model-gate --version, -V: print the version
exit status: 0 pass, 1 fail, 2 error`;

export const CHECK_USAGE = USAGE;

export const VERIFY_USAGE =
  'usage: model-gate verify MODEL_PATH --signature FILE (--identity I [--identity I2 ...] --issuer U | --identity-regex R --issuer U | --key PEM | --certificate-chain ROOTS_PEM) [--trusted-root FILE] [--ignore-paths P ...]';

export const VERIFY_BUNDLE_USAGE =
  'usage: model-gate verify-bundle --bundle FILE (--certificate-identity I --certificate-oidc-issuer U | --key PEM) [--trusted-root FILE] FILE_OR_DIGEST';

export const CARD_DIFF_USAGE =
  'usage: model-gate card-diff BASE_CARD HEAD_CARD [--report REPORT.json]   (a missing card file = the card is new or deleted)';
