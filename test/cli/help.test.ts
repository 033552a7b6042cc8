/**
 * `model-gate help [COMMAND]` and `COMMAND --help` / `-h`: exit 0, the command's own usage with one line per option
 * of its parser (the options come from the parser itself, src/cli/args.ts `commandOptions`, so an option added to a
 * parser without a line in its usage fails here); `help` of an unknown command is exit 2 with the list.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { main } from '../../src/cli.ts';
import { COMMANDS, USAGE } from '../../src/cli/main.ts';
import { commandOptions } from '../../src/cli/args.ts';

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } });
  return { code, stdout, stderr };
}

const NAMES = Object.keys(COMMANDS);

test('the registry holds every command, validate included', () => {
  for (const name of ['check', 'validate', 'sign', 'verify', 'verify-bundle', 'verify-attestation', 'card-diff']) assert.ok(NAMES.includes(name), name);
});

for (const name of NAMES) {
  test(`${name}: help ${name}, ${name} --help and ${name} -h print the same usage, exit 0, one line per option of its parser`, async () => {
    const outs: string[] = [];
    for (const args of [['help', name], [name, '--help'], [name, '-h'], ['--debug', 'help', name]]) {
      const r = await run(args);
      assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
      assert.equal(r.stderr, '');
      outs.push(r.stdout);
    }
    assert.ok(outs.every((o) => o === outs[0]), 'the same text every way');
    const text = outs[0];
    assert.equal(text, COMMANDS[name].usage + '\n');
    assert.ok(text.startsWith(`usage: model-gate ${name} `), text.split('\n')[0]);
    assert.notEqual(text, USAGE + '\n', 'its own usage, not the list of commands');
    const options = commandOptions(name);
    assert.ok(options && options.length > 2, `the parser of ${name} is registered`);
    const lines = text.split('\n');
    for (const { flag, short } of options) {
      const at = new RegExp(`^\\s+(${short ? `${short}, ` : ''})${flag}(\\s|$)`);
      const documented = lines.filter((l) => at.test(l));
      assert.equal(documented.length, 1, `${name} ${flag}${short ? ` (${short})` : ''}: exactly one line documents it\n${text}`);
    }
    // No line documents an option the parser does not have.
    const known = new Set(options.map((o) => o.flag));
    for (const l of lines) {
      const m = /^\s+(?:-\w, )?(--[a-z][a-z-]*)/.exec(l);
      if (m) assert.ok(known.has(m[1]), `${name}: "${l.trim()}" documents ${m[1]}, which ${name} does not accept`);
    }
  });
}

test('help and --help list every command with its summary, exit 0', async () => {
  for (const args of [['help'], ['--help'], ['-h']]) {
    const r = await run(args);
    assert.equal(r.code, 0);
    assert.equal(r.stdout, USAGE + '\n');
  }
  for (const name of NAMES) assert.match(USAGE, new RegExp(`^  ${name} +${COMMANDS[name].summary.replace(/[()]/g, '\\$&')}$`, 'm'));
});

test('help of an unknown command: exit 2, one line with the list of commands', async () => {
  const r = await run(['help', 'frobnicate']);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, `model-gate: help: unknown command "frobnicate" (commands: ${NAMES.join(', ')})\n`);
});
