import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  code,
  escapeCommandData,
  escapeCommandProperty,
  fenced,
  md,
  mermaidLabel,
  neutraliseLog,
  plainValue,
  safeUrl,
  stopCommandsBlock,
  truncate,
  workflowCommand,
} from '../../src/util/escape.ts';
import { HOSTILE, HOSTILE_ALL } from './fixtures.ts';
import { DOTNET_WHITESPACE, decodeEntities, fencesBalanced, interpretedProblems, parseLine, runnerCommands } from './helpers.ts';

test('workflow command data and properties are escaped as in actions/toolkit', () => {
  assert.equal(escapeCommandData('50% done\r\nnext'), '50%25 done%0D%0Anext');
  assert.equal(escapeCommandData('%0A'), '%250A'); // an already-escaped sequence stays literal
  assert.equal(escapeCommandProperty('a:b,c%\n'), 'a%3Ab%2Cc%25%0A');
});

test('a workflow command round-trips through the runner parser, whatever the text', () => {
  for (const s of [...Object.values(HOSTILE), HOSTILE_ALL]) {
    const line = workflowCommand('error', { file: `dir/${s}.yml`, line: 3, col: 7, title: s }, s);
    assert.ok(!/[\r\n]/.test(line), 'one line');
    const parsed = parseLine(line);
    assert.ok(parsed);
    assert.equal(parsed.command, 'error');
    assert.equal(parsed.form, 'v2');
    assert.deepEqual(parsed.properties, { file: `dir/${s}.yml`, line: '3', col: '7', title: s });
    assert.equal(parsed.data, s);
  }
  assert.throws(() => workflowCommand('error::x', {}, 'm'));
});

test('neutraliseLog leaves no line the runner would read as a command', () => {
  const evil = [
    '::error::pwned',
    '   ::warning file=a::b',
    '\t::add-mask::secret',
    'text ##[error]legacy',
    '##[stop-commands]tok',
    'a\r::set-output name=x::y',
    'a\r\n::group::g',
    HOSTILE_ALL,
  ].join('\n');
  assert.ok(runnerCommands(evil).length >= 6, 'the model parser finds the attacks');
  const safe = neutraliseLog(evil);
  assert.deepEqual(runnerCommands(safe), []);
  // line structure and visible text are kept
  assert.equal(safe.split(/\r\n|\r|\n/).length, evil.split(/\r\n|\r|\n/).length);
  assert.equal(safe.replace(/\u200b/g, ''), evil);
  assert.equal(neutraliseLog('plain text: a::b'), 'plain text: a::b');
});

test('neutraliseLog: a command after any character the runner trims (.NET char.IsWhiteSpace), one by one', async (t) => {
  assert.equal(DOTNET_WHITESPACE.length, 25);
  for (const ws of DOTNET_WHITESPACE) {
    const hex = `U+${ws.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    await t.test(hex, () => {
      // CR and LF end the line for the runner (and for neutraliseLog), so the command stands on the next line.
      for (const line of [`${ws}::error::pwned`, `${ws}${ws} ${ws}::add-mask::x`, `${ws}##[error]legacy`, `a${ws}::warning::b\n${ws}::stop-commands::tok`]) {
        const found = runnerCommands(line);
        assert.ok(found.length >= 1, `the model parser reads ${JSON.stringify(line)} as a command`);
        const safe = neutraliseLog(line);
        assert.deepEqual(runnerCommands(safe), [], `${hex}: ${JSON.stringify(safe)}`);
        assert.equal(safe.replace(/\u200b/g, ''), line);
      }
    });
  }
});

test('plainValue: one line, control characters and ANSI escapes visible, no commands', () => {
  const v = plainValue(`${HOSTILE.ansi} ${HOSTILE.newlineCommand} ${HOSTILE.bidi} ${HOSTILE.legacy}`);
  assert.ok(!/[\u0000-\u001f\u007f-\u009f\u202e]/.test(v));
  assert.match(v, /\\x1b\[31mred/);
  assert.match(v, /<U\+202E>/);
  assert.deepEqual(runnerCommands(v), []);
  assert.deepEqual(runnerCommands(`::${v}`.slice(2)), []);
});

test('stopCommandsBlock wraps with a random token and still neutralises', () => {
  const block = stopCommandsBlock('::error::x', 'abcdefghijklmnop1234');
  assert.equal(block, '::stop-commands::abcdefghijklmnop1234\n:\u200b:error::x\n::abcdefghijklmnop1234::');
  assert.throws(() => stopCommandsBlock('x', 'short'));
});

test('md(): no markup, HTML, mention, reference, autolink or table break survives', () => {
  for (const s of [...Object.values(HOSTILE), HOSTILE_ALL]) {
    const out = md(s);
    assert.ok(!/[\r\n]/.test(out));
    assert.ok(!/[<>`|*_~[\]\\$]/.test(out), `raw special character in ${out}`);
    assert.deepEqual(interpretedProblems(out), [], s);
  }
  // what the reader sees is the text itself (apart from zero-width spaces and line breaks)
  const seen = decodeEntities(md(HOSTILE.mention)).replace(/\u200b/g, '');
  assert.equal(seen, HOSTILE.mention);
  assert.equal(decodeEntities(md(HOSTILE.marker)), HOSTILE.marker);
  assert.equal(md('@org/team'), '@&#8203;org/team');
  assert.equal(md('#123'), '&#35;&#8203;123');
  assert.equal(md('- item', { lineStart: true }), '&#45; item');
  assert.equal(md('1. x', { lineStart: true }), '1&#46; x');
  assert.equal(md('1.30.0'), '1.30.0');
  assert.equal(md('  a  '), 'a');
});

test('code(): backtick runs inside cannot close the span; pipes escaped in tables', () => {
  assert.equal(code('a`b'), '``a`b``');
  assert.equal(code('``x'), '``` ``x ```');
  assert.equal(code('a|b', { inTable: true }), '`a\\|b`');
  assert.equal(code('a\nb'), '`a b`');
  assert.equal(code(''), '');
});

test('fenced(): the fence is longer than any backtick run, so the block cannot be broken out of', () => {
  const body = 'x\n```\n</details>\n````` y\n@octocat';
  const f = fenced(body, 'text');
  assert.ok(f.startsWith('``````text\n'));
  assert.ok(f.endsWith('\n``````'));
  assert.ok(fencesBalanced(`${f}\n\nafter`));
  assert.deepEqual(interpretedProblems(f), []);
  assert.equal(fenced('a', 'bad lang`').split('\n')[0], '```');
});

test('mermaidLabel(): only a safe character set inside quotes', () => {
  const l = mermaidLabel('a"b`c%%{init}%%;\n<script>');
  assert.match(l, /^"[\p{L}\p{N} ._+=/(),×-]*"$/u);
  assert.equal(l, '"a_b_c___init_____ lt script gt"');
  assert.equal(mermaidLabel('sex=Female, race=Black'), '"sex=Female, race=Black"');
  assert.equal(mermaidLabel('x'.repeat(100)), `"${'x'.repeat(39)}…"`);
});

test('safeUrl and truncate', () => {
  assert.equal(safeUrl('https://github.com/acme/ml/actions/runs/1'), 'https://github.com/acme/ml/actions/runs/1');
  assert.equal(safeUrl('https://x/a) [y](z'), undefined);
  assert.equal(safeUrl('javascript:alert(1)'), undefined);
  assert.equal(truncate('abcdef', 4), 'abc…');
  assert.equal(truncate('ab\u{1F600}', 3), 'ab…');
});
