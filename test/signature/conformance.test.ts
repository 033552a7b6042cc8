import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { runVerifyBundleCommand } from '../../src/cli/verify.ts';
import { captureIO, CONFORMANCE } from './helpers.ts';

// The Sigstore conformance suite's bundle-verification cases, run through `model-gate verify-bundle` exactly as
// the upstream harness runs a client: every case folder (walked, not listed by hand), once with the artifact file
// and once with its `sha256:` digest. `_fail` cases must be rejected (exit 1, with a verification message, not a
// crash); all others must verify (exit 0).

const DEFAULT_IDENTITY =
  'https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main';
const DEFAULT_ISSUER = 'https://token.actions.githubusercontent.com';

const cases = readdirSync(CONFORMANCE)
  .filter((d) => existsSync(path.join(CONFORMANCE, d, 'bundle.sigstore.json')))
  .sort();

test('the conformance suite has its 70 cases', () => {
  assert.equal(cases.length, 70);
});

let agreed = 0;
for (const name of cases) {
  const dir = path.join(CONFORMANCE, name);
  const shouldFail = name.endsWith('_fail');
  const artifact = existsSync(path.join(dir, 'artifact')) ? path.join(dir, 'artifact') : path.join(CONFORMANCE, 'a.txt');
  const digest = 'sha256:' + createHash('sha256').update(readFileSync(artifact)).digest('hex');
  const args = ['--bundle', path.join(dir, 'bundle.sigstore.json')];
  if (existsSync(path.join(dir, 'key.pub'))) {
    args.push('--key', path.join(dir, 'key.pub'));
  } else {
    const read = (f: string, d: string) => (existsSync(path.join(dir, f)) ? readFileSync(path.join(dir, f), 'utf8').trim() : d);
    args.push('--certificate-identity', read('identity', DEFAULT_IDENTITY), '--certificate-oidc-issuer', read('issuer', DEFAULT_ISSUER));
  }
  if (existsSync(path.join(dir, 'trusted_root.json'))) args.push('--trusted-root', path.join(dir, 'trusted_root.json'));

  for (const [kind, input] of [['file', artifact], ['digest', digest]] as const) {
    test(`${name} (${kind}) ${shouldFail ? 'is rejected' : 'verifies'}`, async () => {
      const { io, out } = captureIO();
      const code = await runVerifyBundleCommand([...args, input], io);
      if (shouldFail) {
        assert.equal(code, 1, `expected rejection, got exit ${code}: ${out.stdout}${out.stderr}`);
        assert.match(out.stderr, /^model-gate: verification (failed|error): \S/);
        assert.doesNotMatch(out.stderr, /internal error|TypeError|ReferenceError|Cannot read properties|\n\s+at /);
        assert.equal(out.stdout, '');
      } else {
        assert.equal(code, 0, `expected verification, got exit ${code}: ${out.stderr}`);
        assert.match(out.stdout, /^OK: /);
      }
      agreed++;
    });
  }
}

test('140 of 140 conformance runs agree with the expected outcome', () => {
  assert.equal(agreed, 140);
});
