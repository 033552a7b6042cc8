/**
 * The one argument parser of every command (src/cli/args.ts): an unknown flag is refused in one line that names it
 * and points at the command's --help (then the usage), `--flag=value` and `--flag value` mean the same, and
 * `--help`/`-h` and `--debug` are accepted by every command.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli.ts';

const COMMANDS = ['check', 'validate', 'inspect', 'init', 'sign', 'verify', 'verify-attestation', 'verify-bundle', 'card-diff'];

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } });
  return { code, stdout, stderr };
}

function tmp(): { dir: string; done: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mg-cli-args-'));
  return { dir, done: () => rmSync(dir, { recursive: true, force: true }) };
}

for (const cmd of COMMANDS) {
  for (const flag of ['--no-such-flag', '--no-such-flag=1', '-Z']) {
    test(`${cmd} ${flag}: refused in one line naming the flag and pointing at --help, then the usage, exit 2`, async () => {
      const r = await run([cmd, 'x', flag]);
      assert.equal(r.code, 2);
      assert.equal(r.stdout, '');
      const [first, ...usage] = r.stderr.split('\n').filter(Boolean);
      const name = flag.split('=')[0];
      assert.equal(first, `model-gate: unknown option "${name}" for ${cmd}: see model-gate ${cmd} --help`);
      assert.match(usage[0], /^usage:/);
      assert.ok(usage.join('\n').includes(`model-gate ${cmd} `), r.stderr);
    });
  }

  test(`${cmd} --help, -h and --debug: the usage on stdout, exit 0; --debug is never an unknown option`, async () => {
    for (const args of [['--help'], ['-h'], ['--debug', '--help'], ['--help', '--debug']]) {
      const r = await run([cmd, ...args]);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stderr, '');
      assert.match(r.stdout, /^usage:/);
      assert.ok(r.stdout.includes(`model-gate ${cmd} `));
    }
    const r = await run(['--debug', cmd, '--debug', '--no-such-flag']);
    assert.equal(r.code, 2);
    assert.match(r.stderr.split('\n')[0], /unknown option "--no-such-flag"/);
  });

  // inspect has no flag that takes a value.
  const valueFlag = ({ check: '--policy', validate: '--policy', init: '--model', sign: '--signing-key', verify: '--signature', 'verify-attestation': '--attestation', 'verify-bundle': '--bundle', 'card-diff': '--report' } as Record<string, string>)[cmd];
  if (valueFlag) test(`${cmd}: a value flag without its value is refused in one line, exit 2`, async () => {
    const flag = valueFlag;
    for (const args of [[flag], [flag, '--debug']]) {
      const r = await run([cmd, 'a', 'b', ...args]);
      assert.equal(r.code, 2);
      assert.match(r.stderr.split('\n')[0], new RegExp(`^model-gate: ${flag} needs a (value|file)`));
      assert.match(r.stderr.split('\n')[1], /^usage:/);
    }
  });
}

test('check: --flag=value and --flag value are the same (--workspace, --json, --seed)', async () => {
  const { dir, done } = tmp();
  try {
    // An empty workspace: no policy, so the verdict is error (exit 2), but the JSON report is still written.
    for (const [i, form] of [
      ['--workspace', dir, '--json', path.join(dir, 'a.json'), '--seed', '7'],
      [`--workspace=${dir}`, `--json=${path.join(dir, 'b.json')}`, '--seed=7'],
    ].entries()) {
      const r = await run(['check', ...form]);
      assert.equal(r.code, 2, r.stderr);
      assert.equal(JSON.parse(readFileSync(path.join(dir, i === 0 ? 'a.json' : 'b.json'), 'utf8')).verdict, 'error');
    }
    for (const form of [['--seed', 'x'], ['--seed=x']]) {
      const r = await run(['check', ...form]);
      assert.equal(r.code, 2);
      assert.equal(r.stderr.split('\n')[0], 'model-gate: --seed must be a non-negative integer, got "x"');
    }
  } finally {
    done();
  }
});

test('verify and verify-bundle: --flag=value and --flag value are the same', async () => {
  const { dir, done } = tmp();
  try {
    writeFileSync(path.join(dir, 'model.onnx'), 'x');
    const sig = path.join(dir, 'missing.sig');
    const key = path.join(dir, 'missing.pub');
    for (const form of [
      ['--signature', sig, '--key', key],
      [`--signature=${sig}`, `--key=${key}`],
    ]) {
      const r = await run(['verify', path.join(dir, 'model.onnx'), ...form]);
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, /^model-gate: verification failed: signature .*missing\.sig does not exist/);
    }
    for (const form of [
      ['--bundle', sig, '--key', key],
      [`--bundle=${sig}`, `--key=${key}`],
    ]) {
      const r = await run(['verify-bundle', ...form, 'sha256:' + '0'.repeat(64)]);
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, /^model-gate: verification failed: bundle .*missing\.sig cannot be read \(ENOENT\)/);
    }
  } finally {
    done();
  }
});

test('verify-bundle --debug: the error line, then its stack trace (never without --debug)', async () => {
  const args = ['verify-bundle', '--bundle', path.join(os.tmpdir(), 'mg-no-such-bundle.json'), '--key', 'k.pub', 'sha256:' + '0'.repeat(64)];
  const plain = await run(args);
  assert.equal(plain.code, 1);
  assert.equal(plain.stderr.split('\n').filter(Boolean).length, 1, plain.stderr);
  const debug = await run([...args, '--debug']);
  assert.equal(debug.code, 1);
  assert.equal(debug.stderr.split('\n')[0], plain.stderr.split('\n')[0]);
  assert.match(debug.stderr, /\n\s+at /);
});

test('card-diff: --report=FILE and --report FILE are the same', async () => {
  const { dir, done } = tmp();
  try {
    writeFileSync(path.join(dir, 'base.md'), '# Model\n');
    writeFileSync(path.join(dir, 'head.md'), '# Model\n\nchanged\n');
    const report = path.join(dir, 'report.json');
    writeFileSync(report, JSON.stringify({ gates: {}, signature: { covers_card: true } }));
    const outs: string[] = [];
    for (const form of [['--report', report], [`--report=${report}`]]) {
      const r = await run(['card-diff', path.join(dir, 'base.md'), path.join(dir, 'head.md'), ...form]);
      assert.equal(r.code, 0, r.stderr);
      outs.push(r.stdout);
    }
    assert.equal(outs[0], outs[1]);
    assert.match(outs[0], /the card is inside the signed subject/);
    for (const form of [['--report', path.join(dir, 'none.json')], [`--report=${path.join(dir, 'none.json')}`]]) {
      const r = await run(['card-diff', path.join(dir, 'base.md'), path.join(dir, 'head.md'), ...form]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /^model-gate: cannot read the report .*none\.json: ENOENT/);
    }
  } finally {
    done();
  }
});

test('--version and -V print the version of package.json (from src/ and from the built dist/cli.js), exit 0', async () => {
  const want = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version;
  for (const flag of ['--version', '-V']) {
    const r = await run([flag]);
    assert.equal(r.code, 0);
    assert.equal(r.stdout, `model-gate ${want}\n`);
    assert.equal(r.stderr, '');
  }
  const built = spawnSync(process.execPath, [fileURLToPath(new URL('../../dist/cli.js', import.meta.url)), '--version'], { encoding: 'utf8' });
  assert.equal(built.status, 0, built.stderr);
  assert.equal(built.stdout, `model-gate ${want}\n`);
});
