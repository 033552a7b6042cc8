/**
 * writeOutputFile (the action's report-path and sarif-path, the CLI's --json and --markdown): never through a
 * symlink, never outside the allowed roots, and no folder is created before the path has been checked.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeOutputFile } from '../../src/util/safe-write.ts';
import { GateError } from '../../src/errors.ts';

function dirs(): { root: string; outside: string; done: () => void } {
  const root = mkdtempSync(path.join(os.tmpdir(), 'mg-sw-root-'));
  const outside = mkdtempSync(path.join(os.tmpdir(), 'mg-sw-out-'));
  return { root, outside, done: () => [root, outside].forEach((d) => rmSync(d, { recursive: true, force: true })) };
}

const refused = (code: string, message: RegExp) => (e: unknown) => {
  assert.ok(e instanceof GateError, String(e));
  assert.equal(e.code, code);
  assert.match(e.message, message);
  assert.ok(!e.message.includes('\n'), 'one line');
  return true;
};

test('a path outside the allowed roots whose folders do not exist is refused before any folder is made', () => {
  const { root, outside, done } = dirs();
  try {
    const file = path.join(outside, 'new', 'deeper', 'report.json');
    assert.throws(() => writeOutputFile(file, '{}', [root], 'report-path'), refused('output.outside', /report-path .*report\.json is outside/));
    assert.equal(existsSync(path.join(outside, 'new')), false, 'no folder created outside the roots');
  } finally {
    done();
  }
});

test('a missing folder reached through a symlink that leaves the root is refused and not created', () => {
  const { root, outside, done } = dirs();
  try {
    symlinkSync(outside, path.join(root, 'link'));
    const file = path.join(root, 'link', 'made', 'report.json');
    assert.throws(() => writeOutputFile(file, '{}', [root], 'report-path'), refused('output.outside', /outside/));
    assert.equal(existsSync(path.join(outside, 'made')), false, 'no folder created at the symlink target');
  } finally {
    done();
  }
});

test('inside a root: missing folders are made and the file written; an existing symlink is refused, its target untouched', () => {
  const { root, outside, done } = dirs();
  try {
    const file = path.join(root, 'a', 'b', 'report.json');
    writeOutputFile(file, 'hello', [root], 'report-path');
    assert.equal(readFileSync(file, 'utf8'), 'hello');

    const target = path.join(outside, 'target.json');
    writeFileSync(target, 'keep');
    const link = path.join(root, 'link.json');
    symlinkSync(target, link);
    assert.throws(() => writeOutputFile(link, 'pwned', [root], 'report-path'), refused('output.symlink', /is a symlink/));
    assert.equal(readFileSync(target, 'utf8'), 'keep');
  } finally {
    done();
  }
});

test('a folder whose name merely starts with two dots is inside the root', () => {
  const { root, done } = dirs();
  try {
    const dotted = path.join(root, '..cache', 'r.json');
    writeOutputFile(dotted, 'x', [root], 'report-path');
    assert.equal(readFileSync(dotted, 'utf8'), 'x');
  } finally {
    done();
  }
});

test('a file where a folder should be is an output.write error, not a stack trace', () => {
  const { root, done } = dirs();
  try {
    writeFileSync(path.join(root, 'plain'), 'x');
    assert.throws(() => writeOutputFile(path.join(root, 'plain', 'sub', 'r.json'), '{}', [root], 'report-path'), refused('output.write', /^report-path \S+\/plain\/sub\/r\.json: \S+\/plain is not a folder, so the folder \S+\/plain\/sub cannot be made: choose another path$/));
  } finally {
    done();
  }
});
