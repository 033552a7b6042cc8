/**
 * CLI errors a first-time user meets: each one line that names the real cause (a workspace that does not exist is
 * not "a symlink"; a card file that does not exist is not "a new card"; an output path that cannot be written is
 * refused before the run, not after it), and no message repeats its prefix (`file:line: gate x: file:line: ...`,
 * `robustness: robustness: ...`).
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { main } from '../../src/cli.ts';
import { GateError } from '../../src/errors.ts';
import { resolveInside } from '../../src/util/paths.ts';
import { copyExample } from '../helpers/example.ts';
import { makeWorkspace } from '../helpers/workspace.ts';

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } });
  return { code, stdout, stderr };
}

test('check --workspace that does not exist: says so in one line, exit 2, nothing run', async () => {
  const { dir, cleanup } = makeWorkspace({ 'file.txt': 'x' });
  try {
    const missing = path.join(dir, 'no', 'such');
    const r = await run(['check', '--workspace', missing]);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, `model-gate: check: --workspace ${missing} does not exist: give the folder that the policy's paths are relative to\n`);
    const file = path.join(dir, 'file.txt');
    const f = await run(['check', '--workspace', file]);
    assert.equal(f.code, 2);
    assert.equal(f.stderr, `model-gate: check: --workspace ${file} is not a folder: give the folder that the policy's paths are relative to\n`);
  } finally {
    cleanup();
  }
});

test('resolveInside: a workspace that does not exist is named as such, not as a symlink leading outside', () => {
  assert.throws(
    () => resolveInside('/nonexistent-mg-ws', '/nonexistent-mg-ws', '.github/model-gate.yml', 'policy'),
    (e: unknown) => e instanceof GateError && e.code === 'path.workspace' &&
      e.message === 'the workspace /nonexistent-mg-ws does not exist (looking for policy ".github/model-gate.yml"): run in the repository\'s folder or give the right workspace',
  );
});

const CARD = '---\nlicense: mit\n---\n# card\n';

test('card-diff: a card file that does not exist is an error naming it (exit 2); --no-base / --no-head say a side has no card', async () => {
  const { dir, cleanup } = makeWorkspace({ 'head.md': CARD, 'base.md': CARD });
  try {
    const head = path.join(dir, 'head.md');
    const gone = path.join(dir, 'typo.md');
    const r = await run(['card-diff', gone, head]);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, `model-gate: card-diff: ${gone} does not exist: give the path of a Markdown model card file (for a card that is new or deleted, use --no-base or --no-head)\n`);
    const added = await run(['card-diff', '--no-base', head]);
    assert.equal(added.code, 0, added.stderr);
    assert.equal(added.stdout.split('\n')[0], `model card ${head}: added (no card at the base commit)`);
    const deleted = await run(['card-diff', '--no-head', head]);
    assert.equal(deleted.code, 0, deleted.stderr);
    assert.equal(deleted.stdout.split('\n')[0], `model card ${head}: deleted (the base commit has a card, this one has none)`);
    const both = await run(['card-diff', '--no-base', path.join(dir, 'base.md'), head]);
    assert.equal(both.code, 2);
    assert.equal(both.stderr.split('\n')[0], 'model-gate: card-diff needs HEAD_CARD only (--no-base: the card is new)');
    const neither = await run(['card-diff', '--no-base', '--no-head', head]);
    assert.equal(neither.code, 2);
    assert.equal(neither.stderr.split('\n')[0], 'model-gate: --no-base and --no-head are exclusive: one of the two cards must exist');
  } finally {
    cleanup();
  }
});

test('check --json / --markdown / --cyclonedx / --attestation that cannot be written: refused before the run (no report printed), exit 2', async () => {
  const { dir, cleanup } = makeWorkspace({ 'a-file': 'x', 'key.pem': 'unused' });
  try {
    mkdirSync(path.join(dir, 'a-folder'));
    const cases: [string[], string][] = [
      [['--json', path.join(dir, 'a-file', 'r.json')], `--json ${path.join(dir, 'a-file', 'r.json')}: ${path.join(dir, 'a-file')} is not a folder, so nothing can be written in it: choose another path`],
      [['--markdown', path.join(dir, 'a-file', 'deeper', 'r.md')], `--markdown ${path.join(dir, 'a-file', 'deeper', 'r.md')}: ${path.join(dir, 'a-file')} is not a folder, so the folder ${path.join(dir, 'a-file', 'deeper')} cannot be made: choose another path`],
      [['--cyclonedx', path.join(dir, 'a-folder')], `--cyclonedx ${path.join(dir, 'a-folder')} is a folder: give the path of a file`],
      [['--attestation', path.join(dir, 'a-file', 'att.json'), '--signing-key', path.join(dir, 'key.pem')], `--attestation ${path.join(dir, 'a-file', 'att.json')}: ${path.join(dir, 'a-file')} is not a folder, so nothing can be written in it: choose another path`],
    ];
    for (const [args, message] of cases) {
      const r = await run(['check', '--workspace', dir, ...args]);
      assert.equal(r.code, 2, args.join(' '));
      assert.equal(r.stdout, '', 'the gates did not run');
      assert.equal(r.stderr, `model-gate: ${message}\n`);
    }
  } finally {
    cleanup();
  }
});

test('GateError.locatedAs puts a context between the position and the message, once', () => {
  const at = { where: { file: 'p.yml', line: 3, col: 5 } };
  assert.equal(new GateError('x', 'gates.accuracy has no thresholds', at).locatedAs('gate accuracy: '), 'p.yml:3:5: gate accuracy: gates.accuracy has no thresholds');
  assert.equal(new GateError('x', 'p.yml:3:5: already located', at).locatedAs('gate accuracy: '), 'p.yml:3:5: gate accuracy: already located');
  // A message with a finer position than `where` keeps it, the context after it.
  assert.equal(new GateError('x', 'card.md:19:9: bad YAML', { where: { file: 'card.md' } }).locatedAs('gate model-card: '), 'card.md:19:9: gate model-card: bad YAML');
  assert.equal(new GateError('x', 'no position').locatedAs('gate fairness: '), 'gate fairness: no position');
  assert.equal(new GateError('x', 'gates.accuracy has no thresholds', at).located, 'p.yml:3:5: gates.accuracy has no thresholds');
});

test('check: a gate error is printed once as file:line:col: gate NAME: message (the position not repeated after the gate name)', async () => {
  const ws = copyExample();
  try {
    const p = path.join(ws, 'model-gate.yml');
    const text = readFileSync(p, 'utf8')
      .replace(/signature:\n(  .*\n)+/, 'signature:\n  required: false\n')
      .replace(/  robustness:[\s\S]*$/, '')
      .replace(/    thresholds:\n      accuracy: \{ min: 0\.80 \}\n      roc_auc: \{ min: 0\.85 \}\n/, '');
    writeFileSync(p, text);
    const line = text.split('\n').findIndex((l) => l === '  accuracy:') + 1;
    const json = path.join(ws, 'r.json');
    const r = await run(['check', '--workspace', ws, '--policy', 'model-gate.yml', '--json', json]);
    assert.equal(r.code, 2, r.stdout);
    const message = `model-gate.yml:${line}:3: gate accuracy: gates.accuracy has no thresholds, so it checks nothing: add thresholds (on accuracy, precision, recall, f1 or roc_auc), or remove the gate`;
    assert.ok(r.stdout.split('\n').includes(`  - ${message}`), r.stdout);
    assert.doesNotMatch(r.stdout, /gate accuracy: model-gate\.yml/);
    const report = JSON.parse(readFileSync(json, 'utf8'));
    assert.deepEqual(report.errors.map((e: { message: string }) => e.message), [message]);
    assert.equal(report.errors[0].line, line);
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
});
