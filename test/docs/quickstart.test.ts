/**
 * The README's quick start, exactly as written: its three `node dist/cli.js` lines run in order (through the built
 * CLI, as a new user runs them) in a temporary copy of examples/adult, which holds only a model and a CSV.
 * inspect describes the model, init writes the policy check reads by default, check runs it to a verdict (fail:
 * this model's demographic-parity gap is above the placeholder threshold), never an error.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { ROOT } from '../helpers/workspace.ts';

function quickStartLines(): string[] {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const at = readme.indexOf('## Quick start on your own model');
  assert.ok(at > 0, 'the README has the quick start');
  const block = /```sh\n([\s\S]*?)```/.exec(readme.slice(at))![1];
  return block.split('\n').map((l) => l.replace(/\s+#.*$/, '').trim()).filter((l) => l.startsWith('node dist/cli.js '));
}

test('README quick start: inspect -> init -> check on examples/adult (model + CSV only), through dist/cli.js', () => {
  assert.deepEqual(readdirSync(path.join(ROOT, 'examples/adult')).sort(), ['SOURCE.md', 'adult.csv', 'model.onnx'], 'no policy shipped: init writes it');
  const lines = quickStartLines();
  assert.deepEqual(lines.map((l) => l.split(' ')[2]), ['inspect', 'init', 'check']);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mg-quickstart-'));
  try {
    cpSync(path.join(ROOT, 'examples/adult'), path.join(dir, 'examples/adult'), { recursive: true });
    const results = lines.map((l) => {
      const args = l.split(/\s+/).slice(2);
      return spawnSync(process.execPath, [path.join(ROOT, 'dist/cli.js'), ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
    });
    const [inspect, init, check] = results;
    assert.equal(inspect.status, 0, inspect.stderr);
    assert.match(inspect.stdout, /features\s+float32\s+\[N, 47\]/);
    assert.match(inspect.stdout, /gradients\s+covered/);
    assert.equal(init.status, 0, init.stderr);
    const policyFile = path.join(dir, 'examples/adult/.github/model-gate.yml');
    assert.ok(existsSync(policyFile));
    const policy = parse(readFileSync(policyFile, 'utf8'));
    // The CSV header, read here: feature columns name=value group by name; sex and race are the sensitive ones.
    const header = readFileSync(path.join(dir, 'examples/adult/adult.csv'), 'utf8').split('\n')[0].split(',');
    const prefixes = [...new Set(header.filter((c) => c.includes('=')).map((c) => c.slice(0, c.indexOf('=') + 1)))];
    assert.deepEqual(prefixes, ['workclass=', 'marital-status=', 'occupation=', 'relationship=', 'race=', 'sex=']);
    assert.deepEqual(policy.gates.robustness['one-hot'].map((g: { prefix: string }) => g.prefix), ['workclass=', 'marital-status=', 'occupation=', 'relationship=']);
    assert.deepEqual(policy.gates.robustness.immutable, header.filter((c) => c.startsWith('race=') || c.startsWith('sex=')));
    assert.deepEqual(policy.gates.fairness.sensitive, ['sex', 'race']);
    assert.equal(check.status, 1, check.stdout + check.stderr);
    assert.match(check.stdout, /demographic_parity_difference\s+0\.2\d+\s+≤ 0\.1\s+FAIL/);
    assert.doesNotMatch(check.stdout + check.stderr, /ERROR|internal error/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the other new commands through dist/cli.js: --version, help COMMAND, validate (valid and broken)', () => {
  const cli = (args: string[], cwd = ROOT) => spawnSync(process.execPath, [path.join(ROOT, 'dist/cli.js'), ...args], { cwd, encoding: 'utf8' });
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const v = cli(['--version']);
  assert.equal(v.status, 0);
  assert.equal(v.stdout, `model-gate ${pkg.version}\n`);
  for (const name of ['check', 'validate', 'inspect', 'init', 'sign', 'verify', 'verify-bundle', 'verify-attestation', 'card-diff']) {
    const h = cli(['help', name]);
    assert.equal(h.status, 0, name);
    assert.ok(h.stdout.startsWith(`usage: model-gate ${name} `), name);
    assert.equal(cli([name, '--help']).stdout, h.stdout, name);
  }
  assert.equal(cli(['help', 'nope']).status, 2);
  const ok = cli(['validate', '--workspace', 'examples/credit', '--policy', 'model-gate.yml']);
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, /^model-gate\.yml: valid/);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mg-validate-dist-'));
  try {
    cpSync(path.join(ROOT, 'examples/credit'), dir, { recursive: true });
    const p = path.join(dir, 'model-gate.yml');
    const text = readFileSync(p, 'utf8');
    // Two problems of different kinds: an unknown key and a column that is not in the data's header.
    writeFileSync(p, text.replace('    thresholds:\n      accuracy: { min: 0.80 }', '    tresholds:\n      accuracy: { min: 0.80 }').replace('immutable: [age]', 'immutable: [agee]'));
    const bad = cli(['validate', '--workspace', dir, '--policy', 'model-gate.yml']);
    assert.equal(bad.status, 2);
    const lines = bad.stdout.trim().split('\n');
    assert.ok(lines.some((l) => /^model-gate\.yml:\d+:\d+: .*tresholds is not a known key/.test(l)), bad.stdout);
    assert.ok(lines.some((l) => /^model-gate\.yml:\d+:\d+: .*"agee".*age/.test(l)), bad.stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
