import test from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readInputs, deriveId } from '../../src/action/inputs.ts';
import { resolveEvent } from '../../src/action/event.ts';
import { GateError } from '../../src/errors.ts';

const A = 'a'.repeat(40), B = 'b'.repeat(40);

test('absent or empty inputs mean the documented defaults', () => {
  const env = { GITHUB_WORKSPACE: '/ws', RUNNER_TEMP: '/rt', INPUT_MODE: '', 'INPUT_REPORT-PATH': '  ' };
  const i = readInputs(env);
  assert.equal(i.policy, '.github/model-gate.yml');
  assert.equal(i.id, 'model-gate');
  assert.equal(i.mode, 'enforce');
  assert.equal(i.comment, 'auto');
  assert.equal(i.policySource, 'base');
  assert.equal(i.allowPullRequestTarget, false);
  assert.equal(i.reportPath, path.join('/rt', 'model-gate-model-gate.json'));
  assert.equal(i.sarifPath, path.join('/rt', 'model-gate-model-gate.sarif'));
  assert.equal(i.cyclonedxPath, path.join('/rt', 'model-gate-model-gate.cdx.json'));
  assert.equal(i.workingDirectory, '/ws');
});

test('inputs are validated; the id is derived from the policy and sanitised; working-directory stays inside the workspace', () => {
  assert.equal(deriveId('.github/gates/Credit Model.yml'), 'credit-model');
  const i = readInputs({ GITHUB_WORKSPACE: '/ws', RUNNER_TEMP: '/rt', INPUT_POLICY: 'gates/fraud.yaml', INPUT_ID: '', 'INPUT_WORKING-DIRECTORY': 'ml', 'INPUT_ALLOW-PULL-REQUEST-TARGET': 'TRUE' });
  assert.equal(i.id, 'fraud');
  assert.equal(i.workingDirectory, '/ws/ml');
  assert.equal(i.allowPullRequestTarget, true);
  assert.throws(() => readInputs({ GITHUB_WORKSPACE: '/ws', INPUT_MODE: 'lenient' }), /input mode is "lenient": use one of enforce, advisory/);
  assert.throws(() => readInputs({ GITHUB_WORKSPACE: '/ws', 'INPUT_WORKING-DIRECTORY': '../other' }), /input working-directory "..\/other" is outside GITHUB_WORKSPACE/);
  assert.throws(() => readInputs({ GITHUB_WORKSPACE: '/ws', 'INPUT_ALLOW-PULL-REQUEST-TARGET': 'maybe' }), /use true or false/);
});

test('events: base and head for pull_request, merge_group, push (none on a new branch), dispatch and schedule', () => {
  const pr = resolveEvent('pull_request', { number: 5, pull_request: { number: 5, base: { sha: A }, head: { sha: B } } }, {}, false);
  assert.deepEqual(pr, { name: 'pull_request', base: A, head: B, pullRequest: 5, isPullRequest: true });
  const mg = resolveEvent('merge_group', { merge_group: { base_sha: A, head_sha: B } }, {}, false);
  assert.deepEqual([mg.base, mg.head, mg.isPullRequest], [A, B, true]);
  const push = resolveEvent('push', { before: A, after: B }, {}, false);
  assert.deepEqual([push.base, push.head, push.isPullRequest], [A, B, false]);
  const newBranch = resolveEvent('push', { before: '0'.repeat(40), after: B }, {}, false);
  assert.equal(newBranch.base, null);
  for (const name of ['workflow_dispatch', 'schedule', '']) {
    const e = resolveEvent(name, null, { sha: B }, false);
    assert.deepEqual([e.base, e.head, e.pullRequest], [null, B, null]);
  }
  // A payload value that is not a commit id is ignored, never passed to git.
  assert.equal(resolveEvent('push', { before: '--upload-pack=evil', after: B }, {}, false).base, null);
});

test('pull_request_target is refused unless explicitly allowed', () => {
  const payload = { pull_request: { number: 1, base: { sha: A }, head: { sha: B } } };
  assert.throws(() => resolveEvent('pull_request_target', payload, {}, false), (e: unknown) => e instanceof GateError && /refusing to run on pull_request_target/.test(e.message));
  assert.equal(resolveEvent('pull_request_target', payload, {}, true).base, A);
});
