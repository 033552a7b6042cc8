/**
 * The action's `shard` / `merge` inputs (issue 18), run as the runner runs them (src/main.ts with INPUT_*,
 * GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_EVENT_PATH, a loopback GitHub API): the credit example on a pull request
 * in 3 shards, their partials laid out as actions/download-artifact lays them out (one sub-folder per artifact), then
 * the merge job; its report equals an unsharded run's apart from `timings` and `shards`.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { runAction, errorLines, type ActionRun } from '../helpers/action.ts';
import { copyExample } from '../helpers/example.ts';
import { startFakeGitHub, type FakeGitHub } from '../helpers/github-server.ts';
import { commitAll, git } from '../helpers/git.ts';
import { ROOT } from '../helpers/workspace.ts';
import { readInputs } from '../../src/action/inputs.ts';

/** The example without its robustness gate (to keep the test fast; test/shard/robustness.test.ts shards it): accuracy, memorisation, fairness, regression, model-card. */
function prRepo(): { ws: string; base: string; head: string } {
  const ws = copyExample();
  const p = path.join(ws, 'model-gate.yml');
  writeFileSync(p, readFileSync(p, 'utf8').replace(/  robustness:[\s\S]*?(?=  memorisation:)/, ''));
  git(ws, 'init', '-q', '-b', 'main');
  const base = commitAll(ws, 'base');
  writeFileSync(path.join(ws, 'notes.txt'), 'unrelated change\n');
  return { ws, base, head: commitAll(ws, 'head') };
}

const run = (ws: string, base: string, head: string, gh: FakeGitHub, inputs: Record<string, string>, event?: { name: string; payload: unknown }) => runAction({
  workspace: ws,
  entry: 'src/main.ts',
  inputs: { policy: 'model-gate.yml', token: 'ghs_secret_token_value', ...inputs },
  // A pull request from a branch of the repository itself (the same repository id): a run that may attest.
  event: event ?? { name: 'pull_request', payload: { number: 7, pull_request: { number: 7, base: { sha: base, repo: { id: 1 } }, head: { sha: head, repo: { id: 1 } } } } },
  env: { GITHUB_API_URL: gh.url, GITHUB_SHA: head },
});

const reportOf = (r: ActionRun) => JSON.parse(readFileSync(r.outputs['report-path'], 'utf8'));
const csvRows = (ws: string, file: string) => readFileSync(path.join(ws, file), 'utf8').trim().split('\n').length - 1;
/** The shard summary's table: dataset -> rows. */
const summaryRows = (summary: string) => Object.fromEntries([...summary.matchAll(/^\| `([^`]+)` \| (\d+) \|$/gm)].map((m) => [m[1], Number(m[2])]));

test('3 shards then merge on a pull request: the merge reports as an unsharded run (check run, comment, outputs), its report equal apart from timings and shards', async () => {
  const { ws, base, head } = prRepo();
  const gh = await startFakeGitHub();
  const temps: string[] = [];
  try {
    const whole = await run(ws, base, head, gh, {});
    temps.push(whole.runnerTemp);
    assert.equal(whole.code, 0, whole.stdout);
    assert.equal(whole.outputs.verdict, 'pass');
    const unsharded = reportOf(whole);
    assert.deepEqual(Object.keys(unsharded.gates).sort(), ['accuracy', 'fairness', 'memorisation', 'model-card', 'regression']);
    assert.equal(unsharded.gates.regression.status, 'pass', 'the base commit\'s model is the baseline');

    // The matrix jobs: each uploads its partial as an artifact; download-artifact puts each in its own folder.
    const requestsBefore = gh.requests.length;
    const download = path.join(ws, 'parts');
    const perShard: Record<string, number>[] = [];
    for (const k of [1, 2, 3]) {
      const s = await run(ws, base, head, gh, { shard: `${k}/3` });
      temps.push(s.runnerTemp);
      assert.equal(s.code, 0, s.stdout);
      assert.equal(s.outputs.verdict, 'shard');
      const file = s.outputs['partial-path'];
      assert.equal(file, path.join(s.runnerTemp, `model-gate-model-gate-shard-${k}-of-3.partial`));
      assert.equal(s.outputs['report-path'], undefined, 'a shard writes no report');
      assert.match(s.summary, new RegExp(`^## model-gate/model-gate: shard ${k} of 3$`, 'm'));
      assert.match(s.summary, /A shard is not a verdict/);
      const size = statSync(file).size;
      assert.ok(s.summary.includes(`\`${file}\` (${size} bytes;`), s.summary);
      perShard.push(summaryRows(s.summary));
      mkdirSync(path.join(download, `model-gate-shard-${k}`), { recursive: true });
      copyFileSync(file, path.join(download, `model-gate-shard-${k}`, path.basename(file)));
    }
    assert.equal(gh.requests.length, requestsBefore, 'a shard calls no GitHub API: no check run, no comment');
    // The shards partition every dataset the gates read: their rows add up to each CSV's.
    const datasets = { eval: 'data/eval.csv', members: 'data/train_sample.csv', 'non-members': 'data/holdout.csv' };
    for (const [name, file] of Object.entries(datasets)) {
      const counts = perShard.map((r) => r[name]);
      assert.ok(counts.every((c) => c > 0), `${name}: ${counts}`);
      assert.equal(counts.reduce((a, b) => a + b, 0), csvRows(ws, file), name);
    }
    assert.deepEqual(Object.keys(perShard[0]).sort(), Object.keys(datasets).sort());

    const checkRunsBefore = gh.checkRuns.length;
    const merged = await run(ws, base, head, gh, { merge: 'parts', attest: 'true', 'signing-key': readFileSync(path.join(ws, 'keys/example-signing.key'), 'utf8') });
    temps.push(merged.runnerTemp);
    assert.equal(merged.code, 0, merged.stdout);
    assert.equal(merged.outputs.verdict, 'pass');
    const report = reportOf(merged);
    const files = [1, 2, 3].map((k) => `parts/model-gate-shard-${k}/model-gate-model-gate-shard-${k}-of-3.partial`);
    assert.deepEqual(report.shards, { n: 3, files });
    const strip = (r: Record<string, unknown>) => {
      const { timings: _t, shards: _s, ...rest } = r;
      return JSON.stringify(rest, null, 2);
    };
    assert.equal(strip(report), strip(unsharded));
    for (const o of ['model-sha256', 'model-digest', 'signer', 'failed-gates']) assert.equal(merged.outputs[o], whole.outputs[o], o);
    assert.ok(merged.outputs['cyclonedx-path'] && existsSync(merged.outputs['cyclonedx-path']));
    // SARIF is made from the report: the same bytes; the attestation is signed over the merged report.
    const sarif = (r: ActionRun) => readFileSync(path.join(r.runnerTemp, 'model-gate-model-gate.sarif'), 'utf8');
    assert.equal(sarif(merged), sarif(whole));
    assert.equal(whole.outputs['attestation-path'], undefined, 'the unsharded run was not asked to attest');
    const bundle = JSON.parse(readFileSync(merged.outputs['attestation-report-path'], 'utf8'));
    const statement = JSON.parse(Buffer.from(bundle.dsseEnvelope.payload, 'base64').toString('utf8'));
    // (numbers as strings there: the statement's canonical form)
    assert.deepEqual([statement.predicate.report.shards, statement.predicate.report.model.sha256, statement.predicate.report.gates.accuracy.metrics.accuracy], [report.shards, report.model.sha256, String(report.gates.accuracy.metrics.accuracy)]);
    assert.match(merged.summary, /\*\*Attestation:\*\* verification summary `PASSED` signed by key/);
    // The check run and the one living comment, as an unsharded run posts them.
    assert.equal(gh.checkRuns.length, checkRunsBefore + 1);
    const cr = gh.checkRuns.at(-1)!.body;
    assert.equal(cr.name, 'model-gate/model-gate');
    assert.equal(cr.head_sha, head);
    assert.equal(cr.conclusion, 'success');
    const mine = gh.comments.filter((c) => c.user.login === 'model-gate-bot');
    assert.equal(mine.length, 1, 'the unsharded run\'s comment, edited in place');
    assert.ok(gh.requests.some((r) => r.method === 'PATCH' && r.url === `/repos/acme/credit/issues/comments/${mine[0].id}`));
    // What each shard contributed: in the log and in the summary, the numbers each shard reported.
    for (const [i, k] of [1, 2, 3].entries()) {
      assert.ok(merged.stdout.includes(`merge: shard ${k}/3 (${files[i]}): eval ${perShard[i].eval} rows, members ${perShard[i].members} rows, non-members ${perShard[i]['non-members']} rows`), merged.stdout);
      assert.ok(merged.summary.includes(`| ${k} | \`${files[i]}\` | ${perShard[i].eval} | ${perShard[i].members} | ${perShard[i]['non-members']} |`), merged.summary);
    }
    assert.match(merged.summary, /merged from 3 shard partials \(seed 0\)/);
    assert.match(merged.summary, /PASS/);

    // A missing shard (2 of 3 files): one-line refusal, failed step, nothing published.
    rmSync(path.join(download, 'model-gate-shard-2'), { recursive: true });
    const requests = gh.requests.length;
    const missing = await run(ws, base, head, gh, { merge: 'parts' });
    temps.push(missing.runnerTemp);
    assert.equal(missing.code, 1);
    assert.equal(missing.outputs.verdict, 'error');
    assert.equal(missing.outputs['report-path'], undefined);
    assert.deepEqual(errorLines(missing), [`::error::merge: shard 2 of 3 is missing (given: ${files[0]}, ${files[2]}): merge needs all 3, never a smaller sample`]);
    assert.equal(gh.requests.length, requests, 'no check run, no comment');
  } finally {
    await gh.close();
    rmSync(ws, { recursive: true, force: true });
    for (const t of temps) rmSync(t, { recursive: true, force: true });
  }
});

test('merge refuses a symlink below the folder, an empty folder, a folder outside the workspace and RUNNER_TEMP, a damaged partial, and stale partials', async () => {
  const { ws, base, head } = prRepo();
  const gh = await startFakeGitHub();
  const outside = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'mg-outside-')));
  const temps: string[] = [];
  const refusal = async (inputs: Record<string, string>) => {
    const r = await run(ws, base, head, gh, inputs);
    temps.push(r.runnerTemp);
    assert.equal(r.code, 1, r.stdout);
    assert.equal(r.outputs.verdict, 'error');
    assert.ok(!r.stdout.includes('model-gate: event'), 'refused before the run');
    const lines = errorLines(r);
    assert.equal(lines.length, 1, r.stdout);
    return lines[0];
  };
  try {
    mkdirSync(path.join(ws, 'empty'));
    assert.equal(await refusal({ merge: 'empty' }), '::error::merge: merge folder empty holds no *.partial file: download the shards\' artifacts into it (the files written by shard: K/N, output partial-path)');
    mkdirSync(path.join(ws, 'linked/a'), { recursive: true });
    writeFileSync(path.join(outside, 'x.partial'), 'not a partial');
    symlinkSync(path.join(outside, 'x.partial'), path.join(ws, 'linked/a/x.partial'));
    assert.match(await refusal({ merge: 'linked' }), /^::error::linked\/a\/x\.partial \(in merge folder linked\) is a symlink: model-gate reads no partial through a symlink/);
    assert.match(await refusal({ merge: outside }), /^::error::merge folder .* is outside the workspace and RUNNER_TEMP/);
    mkdirSync(path.join(ws, 'bad/one'), { recursive: true });
    writeFileSync(path.join(ws, 'bad/one/s.partial'), 'model-gate partial v1\n' + 'x'.repeat(40));
    assert.equal(await refusal({ merge: 'bad' }), '::error::merge: bad/one/s.partial is not a readable shard partial (its checksum does not match: the file is damaged): run check --shard K/N --partial again for it');

    // Stale: shards of a complete set made with another seed (a workflow_dispatch run on a working tree whose
    // policy says seed: 1); the merge, on the pull request, reads the base commit's policy (seed 0). The engine
    // refuses them after reading its own inputs; the step fails in one line and nothing is published.
    const policy = path.join(ws, 'model-gate.yml');
    const text = readFileSync(policy, 'utf8');
    writeFileSync(policy, text.replace(/^seed: 0$/m, 'seed: 1'));
    const files: string[] = [];
    for (const k of [1, 2, 3]) {
      const s = await run(ws, base, head, gh, { shard: `${k}/3` }, { name: 'workflow_dispatch', payload: {} });
      temps.push(s.runnerTemp);
      assert.equal(s.outputs.verdict, 'shard', s.stdout);
      mkdirSync(path.join(ws, `stale/s${k}`), { recursive: true });
      copyFileSync(s.outputs['partial-path'], path.join(ws, `stale/s${k}/p.partial`));
      files.push(`stale/s${k}/p.partial`);
    }
    writeFileSync(policy, text);
    const requests = gh.requests.length;
    const stale = await run(ws, base, head, gh, { merge: 'stale' });
    temps.push(stale.runnerTemp);
    assert.equal(stale.code, 1);
    assert.equal(stale.outputs.verdict, 'error');
    assert.equal(stale.outputs['report-path'], undefined);
    assert.deepEqual(errorLines(stale), [`::error::merge: the shard partials (${files.join(', ')}) were made with the seed 1, this workspace has 0: they are stale or from another model or data; re-run the shards on this commit`]);
    assert.equal(gh.requests.length, requests, 'no check run, no comment');
  } finally {
    await gh.close();
    for (const d of [ws, outside, ...temps]) rmSync(d, { recursive: true, force: true });
  }
});

test('shard inputs: shard and merge together, a partial-path outside the workspace and RUNNER_TEMP, and report inputs with a shard are refused before the run; a shard that cannot run fails in one line', async () => {
  const { ws, base, head } = prRepo();
  const gh = await startFakeGitHub();
  const outside = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'mg-outside-')));
  const temps: string[] = [];
  try {
    const both = await run(ws, base, head, gh, { shard: '1/3', merge: 'parts' });
    temps.push(both.runnerTemp);
    assert.equal(both.code, 1);
    assert.equal(both.outputs.verdict, 'error');
    assert.deepEqual(errorLines(both), ['::error::inputs shard and merge are for two different jobs: shard: K/N in each matrix job, merge: <folder> in the one job that downloads their partials; give one of them']);
    const target = path.join(outside, 'p.partial');
    const far = await run(ws, base, head, gh, { shard: '2/3', 'partial-path': target });
    temps.push(far.runnerTemp);
    assert.equal(far.code, 1);
    assert.deepEqual(errorLines(far), [`::error::partial-path ${target} is outside the workspace and RUNNER_TEMP (after resolving symlinks): write it under one of them`]);
    assert.ok(!far.stdout.includes('model-gate: event'), 'refused before the run');
    assert.equal(existsSync(target), false);
    assert.equal(far.outputs['partial-path'], undefined);
    assert.equal(gh.requests.length, 0);
    // A shard that cannot run (here: a dataset file that does not exist) fails in one line and writes no partial.
    const full = readFileSync(path.join(ws, 'model-gate.yml'), 'utf8');
    writeFileSync(path.join(ws, 'model-gate.yml'), full.replace('path: data/holdout.csv', 'path: data/missing.csv'));
    const broken = await run(ws, base, head, gh, { shard: '1/2', 'policy-source': 'head' });
    temps.push(broken.runnerTemp);
    assert.equal(broken.code, 1);
    assert.equal(broken.outputs.verdict, 'error');
    assert.equal(broken.outputs['partial-path'], undefined);
    assert.equal(existsSync(path.join(broken.runnerTemp, 'model-gate-model-gate-shard-1-of-2.partial')), false);
    const lines = errorLines(broken);
    assert.equal(lines.length, 1, lines.join('\n'));
    assert.match(lines[0], /^::error::model-gate: shard 1\/2: error: .*data\/missing\.csv.*: no partial written$/);
  } finally {
    await gh.close();
    for (const d of [ws, outside, ...temps]) rmSync(d, { recursive: true, force: true });
  }
  // The rest of the input rules, as readInputs applies them.
  const env = (inputs: Record<string, string>) => ({ GITHUB_WORKSPACE: '/ws', RUNNER_TEMP: '/rt', ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])) });
  const i = readInputs(env({ shard: '2/3', id: 'credit' }));
  assert.deepEqual([i.shard, i.partialPath, i.merge], [{ k: 2, n: 3 }, '/rt/model-gate-credit-shard-2-of-3.partial', null]);
  assert.deepEqual([readInputs(env({ shard: '1/1', 'partial-path': 'out/p.partial' })).partialPath, readInputs(env({ merge: 'parts' })).merge], ['/ws/out/p.partial', '/ws/parts']);
  for (const bad of ['0/3', '4/3', '3', 'a/b', '1/1001', '-1/2']) assert.throws(() => readInputs(env({ shard: bad })), new RegExp(`^GateError: input shard must be K/N with 1 <= K <= N <= 1000 .*got "${bad}"$`));
  assert.throws(() => readInputs(env({ shard: '1/2', attest: 'true' })), /input attest is for the report, and a shard makes none/);
  assert.throws(() => readInputs(env({ shard: '1/2', comment: 'always' })), /input comment is "always", but a shard posts no comment/);
  assert.equal(readInputs(env({ shard: '1/2', comment: 'never', attest: 'false' })).shard?.n, 2);
  for (const k of ['report-path', 'sarif-path', 'cyclonedx-path', 'attestation-path', 'signing-key']) assert.throws(() => readInputs(env({ shard: '1/2', [k]: 'x' })), new RegExp(`input ${k} is for the report, and a shard writes none`));
  assert.throws(() => readInputs(env({ 'partial-path': 'p.partial' })), /input partial-path is for shard: K\/N/);
});

test("the README's matrix workflow: the action's shard and merge inputs, the partial uploaded from the output, the merge job is the one deploy needs", () => {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### Sharding over a job matrix'));
  const wf = parse(/```yaml\n([\s\S]*?)```/.exec(section)![1]);
  const declared = parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8'));
  for (const k of ['shard', 'merge', 'partial-path']) assert.ok(declared.inputs[k], `action.yml declares input ${k}`);
  assert.ok(declared.outputs['partial-path'], 'action.yml declares output partial-path');
  const jobs = wf.jobs as Record<string, { needs?: string | string[]; strategy?: any; steps: { id?: string; uses?: string; with?: Record<string, unknown> }[] }>;
  const gateSteps = Object.entries(jobs).flatMap(([job, j]) => j.steps.filter((s) => s.uses === 'acme/model-gate@v1').map((s) => ({ job, s })));
  for (const { s } of gateSteps) for (const k of Object.keys(s.with ?? {})) assert.ok(k in declared.inputs, `input ${k} is declared`);
  const shard = gateSteps.find((g) => g.s.with?.shard)!;
  const merge = gateSteps.find((g) => g.s.with?.merge)!;
  assert.equal(shard.s.with!.shard, '${{ matrix.shard }}/3');
  assert.deepEqual(jobs[shard.job].strategy.matrix.shard, [1, 2, 3]);
  const upload = jobs[shard.job].steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'))!;
  assert.equal(upload.with!.path, `\${{ steps.${shard.s.id}.outputs.partial-path }}`);
  const dl = jobs[merge.job].steps.find((s) => s.uses?.startsWith('actions/download-artifact@'))!;
  assert.equal(dl.with!.path, merge.s.with!.merge, 'the merge reads the folder the artifacts were downloaded into');
  assert.equal(String(dl.with!.pattern).replace('*', '1'), String(upload.with!.name).replace('${{ matrix.shard }}', '1'), 'the download pattern matches the uploaded names');
  assert.deepEqual([jobs[merge.job].needs].flat(), [shard.job]);
  const deploy = Object.values(jobs).find((j) => j !== jobs[merge.job] && j !== jobs[shard.job])!;
  assert.deepEqual([deploy.needs].flat(), [merge.job]);
});
