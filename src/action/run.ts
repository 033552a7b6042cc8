import { appendFileSync } from 'node:fs';
import path from 'node:path';
import * as core from '@actions/core';
import { readInputs, type ActionInputs } from './inputs.ts';
import { readEventPayload, resolveEvent, type EventContext } from './event.ts';
import { changedFiles, commitFiles } from './git.ts';
import { runGate } from '../engine/run.ts';
import { progressFormatter } from '../progress/format.ts';
import { workingTreeFiles } from '../engine/working-tree.ts';
import { GATES } from '../gates/registry.ts';
import type { TrustedFiles } from '../types/trusted.ts';
import type { Report } from '../report/types.ts';
import type { GateArtifact } from '../gates/types.ts';
import { renderSarif } from '../report/sarif.ts';
import { renderCycloneDx } from '../report/cyclonedx.ts';
import { publishReport } from '../report/publish.ts';
import { code, neutraliseLog } from '../util/escape.ts';
import { checkOutputPath, writeOutputFile } from '../util/safe-write.ts';
import { GateError, asGateError, debugStack } from '../errors.ts';
import { actionVerifierId, attestDecision, resolveSigner, secretParts, signAttestation, signerId, type AttestSigner } from './attest.ts';
import { reportAttestationPath, uriResolver } from '../attest/paths.ts';
import { storeAttestation } from '../attest/github.ts';
import { encodePartial, type ShardPartial } from '../shard/partial.ts';
import type { MergedShards } from '../shard/merge.ts';
import { contributionLines, mergeSummary, readMerge, shardLine, shardSummary } from './shard.ts';
import { restoreActionCache, saveActionCache } from './cache.ts';

type Env = Record<string, string | undefined>;

/** Gate results that `mode: advisory` may report without failing the step (never signature, policy, tampering). */
const ADVISORY_OK: ReadonlySet<string> = new Set(GATES.map((g) => g.name));

/**
 * The action: read inputs and the event, run the engine, publish the report where people look, set outputs, and
 * return the step's exit code. Every failure, including in reporting set-up, ends in a failed step.
 */
export async function runAction(env: Env): Promise<number> {
  // Stack traces only in debug runs (re-run with debug logging: RUNNER_DEBUG=1).
  const debug = env.RUNNER_DEBUG === '1';
  const failed = (e: unknown): number => {
    const err = asGateError(e);
    core.setOutput('verdict', 'error');
    core.setFailed(neutraliseLog(err.located));
    if (debug) core.info(neutraliseLog(`debug: ${debugStack(err)}`));
    return 1;
  };
  let inputs: ActionInputs;
  let event: EventContext;
  let signer: AttestSigner | null = null;
  try {
    inputs = readInputs(env);
    if (inputs.token) core.setSecret(inputs.token);
    for (const part of secretParts(inputs.signingKey)) core.setSecret(part);
    const payload = readEventPayload(env.GITHUB_EVENT_PATH);
    event = resolveEvent(env.GITHUB_EVENT_NAME ?? '', payload, { sha: env.GITHUB_SHA }, inputs.allowPullRequestTarget);
    if (inputs.attest) {
      // Decided before the gates: a run that may not be attested needs no key (forks get no secrets), and a
      // missing or bad key (or, keyless, no OIDC token) fails at once, not after minutes of gates.
      const decision = attestDecision(env.GITHUB_EVENT_NAME ?? '', payload);
      if (decision.attest) {
        signer = resolveSigner(inputs.signingKey, env);
        if (inputs.storeAttestation === 'true') checkStorable(signer, inputs, env);
      } else core.notice(neutraliseLog(`model-gate: no attestation: ${decision.reason}`));
    }
  } catch (e) {
    return failed(e);
  }
  const roots = [inputs.workspace, inputs.runnerTemp];
  // Shards: the partial's path is checked before the run (a bad one fails at once); a merge reads and checks its
  // partials as a set before the run, in the CLI's one-line refusals (a missing, duplicated, foreign or corrupt shard).
  let merged: MergedShards | null = null;
  try {
    if (inputs.shard) checkOutputPath(inputs.partialPath!, roots, 'partial-path');
    if (inputs.merge) merged = readMerge(inputs.merge, roots, (abs) => shownPath(inputs.workspace, abs));
  } catch (e) {
    const err = asGateError(e);
    return failed(inputs.merge && err.code.startsWith('shard.') ? new GateError(err.code, `merge: ${err.message}`) : err);
  }
  if (merged) for (const line of contributionLines(merged)) core.info(neutraliseLog(line));

  const log = {
    info: (m: string) => core.info(neutraliseLog(m)),
    warn: (m: string) => core.info(neutraliseLog(`warning: ${m}`)),
  };
  const progressLines = progressFormatter({ now: () => performance.now(), live: false });
  const head = workingTreeFiles(inputs.workspace, 'head');
  let report: Report;
  const artifacts: GateArtifact[] = [];
  let partial: ShardPartial | undefined;
  try {
    // Trusted files: the base commit on pull requests (policy-source: base), else the working tree.
    let trusted: TrustedFiles = workingTreeFiles(inputs.workspace, 'working-tree');
    let baseFiles: TrustedFiles | null = null;
    if (event.isPullRequest && inputs.policySource === 'base') {
      if (!event.base) throw new GateError('event.base', `the ${event.name} event has no base commit, so the trusted policy cannot be read: set policy-source: head, or run on pull_request`);
      trusted = baseFiles = await commitFiles(inputs.workspace, event.base);
    } else {
      if (event.isPullRequest) {
        log.warn('policy-source: head: the policy and its trust files are read from the pull request itself, which can change them');
        trusted = head;
      }
      if (event.base) {
        baseFiles = await commitFiles(inputs.workspace, event.base).catch((e: unknown) => {
          log.info(`no model-card diff: ${(e as Error).message}`);
          return null;
        });
      }
    }
    const changed = event.base ? await changedFiles(inputs.workspace, event.base, event.head) : null;
    const outcomes = inputs.cache ? await restoreActionCache({ runnerTemp: inputs.runnerTemp, workspace: inputs.workspace, id: inputs.id, shard: inputs.shard, env, log }) : null;
    log.info(`model-gate: event ${event.name}${event.base ? `, base ${event.base.slice(0, 12)}` : ''}${event.head ? `, head ${event.head.slice(0, 12)}` : ''}; policy from ${trusted.source}`);
    report = await runGate({
      workspace: inputs.workspace,
      workingDirectory: inputs.workingDirectory,
      policyPath: inputs.policy,
      mode: inputs.mode,
      trusted,
      head,
      baseFiles,
      changedFiles: changed,
      log,
      // the Actions log is not a terminal: whole lines, at most one update line every 5 s
      progress: (e) => {
        const out = progressLines.push(e);
        if (out) core.info(neutraliseLog(out.text));
      },
      debug,
      artifact: (_gate, a) => artifacts.push(a),
      ...(inputs.shard ? { shard: { ...inputs.shard, partial: (p: ShardPartial) => (partial = p) } } : {}),
      // The merge runs with the policy's seed (there is no seed input): partials made with another are stale.
      ...(merged ? { shards: merged } : {}),
      ...(outcomes ? { cache: outcomes.store } : {}),
    });
    if (outcomes) await saveActionCache(outcomes, { env, log });
  } catch (e) {
    return failed(e);
  }

  if (inputs.shard) return finishShard(report, partial, inputs, env, roots);
  // Partials that do not match this workspace (stale, another assignment, uncovered): refused as a broken set is.
  const refusal = merged ? report.errors.find((e) => e.code?.startsWith('shard.')) : undefined;
  if (refusal) return failed(new GateError(refusal.code!, `merge: ${refusal.message}`));

  await publish(report, inputs, event, env, log, signer, artifacts);
  if (merged && env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, mergeSummary(merged));

  const signedBy = report.signature.identity ?? report.signature.key_fingerprint ?? '';
  core.setOutput('verdict', report.verdict);
  core.setOutput('model-digest', report.model?.digest ?? '');
  core.setOutput('model-sha256', report.model?.sha256 ?? '');
  core.setOutput('signer', signedBy);
  core.setOutput('failed-gates', report.failed_gates.join(','));

  const headline = verdictLine(report);
  if (report.verdict === 'pass') {
    core.info(headline);
    return 0;
  }
  if (report.verdict === 'fail' && inputs.mode === 'advisory' && report.failed_gates.every((g) => ADVISORY_OK.has(g))) {
    core.info(`${headline} (mode: advisory, so the step does not fail)`);
    return 0;
  }
  core.setFailed(neutraliseLog(headline));
  return 1;
}

/**
 * A shard's end: no verdict, check run, comment or report. The partial is written only when nothing went wrong (an
 * error, or evidence against the model such as a failed signature, writes none and fails the step: the merge then
 * misses this shard and refuses); output `verdict` is `shard` when it was written.
 */
function finishShard(report: Report, partial: ShardPartial | undefined, inputs: ActionInputs, env: Env, roots: string[]): number {
  const { k, n } = inputs.shard!;
  const file = inputs.partialPath!;
  if (report.verdict !== 'pass' || !partial) {
    core.setOutput('verdict', report.verdict);
    const [first, ...rest] = report.errors;
    for (const e of rest) core.error(neutraliseLog(`model-gate: shard ${k}/${n}: ${e.message}`));
    const why = first ? first.message : `failed (${report.failed_gates.join(', ')})`;
    core.setFailed(neutraliseLog(`model-gate: shard ${k}/${n}: ${report.verdict}: ${why}: no partial written`));
    return 1;
  }
  const bytes = encodePartial(partial);
  try {
    writeOutputFile(file, bytes, roots, 'partial-path');
  } catch (e) {
    core.setOutput('verdict', 'error');
    core.setFailed(neutraliseLog(`model-gate: shard ${k}/${n}: ${asGateError(e).message}`));
    return 1;
  }
  core.setOutput('verdict', 'shard');
  core.setOutput('partial-path', file);
  core.info(neutraliseLog(shardLine(partial, file, bytes.length)));
  if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, shardSummary(partial, inputs.id, file, bytes.length));
  return 0;
}

/** How a partial is named in messages and the report: workspace-relative when inside it, else absolute. */
function shownPath(workspace: string, abs: string): string {
  const rel = path.relative(workspace, abs);
  return rel && rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel) ? rel : abs;
}

function verdictLine(r: Report): string {
  if (r.verdict === 'pass') return 'model-gate: pass';
  const first = r.errors[0]?.message;
  if (r.verdict === 'error') return `model-gate: error: ${first ?? 'a gate could not be evaluated'}`;
  return `model-gate: fail (${r.failed_gates.join(', ')})${first ? `: ${first}` : ''}`;
}

async function publish(report: Report, inputs: ActionInputs, event: EventContext, env: Env, log: { info: (m: string) => void; warn: (m: string) => void }, signer: AttestSigner | null, artifacts: GateArtifact[]) {
  const roots = [inputs.workspace, inputs.runnerTemp];
  const runUrl = env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID
    ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
    : undefined;
  // Files first: they are what later steps use.
  try {
    writeOutputFile(inputs.reportPath, JSON.stringify(report, null, 2) + '\n', roots, 'report-path');
    core.setOutput('report-path', inputs.reportPath);
  } catch (e) {
    report.errors.push({ code: 'output', message: asGateError(e).message });
    report.verdict = 'error';
  }
  // Files for reviewers (the poisoning gate's grid): beside the report, for actions/upload-artifact.
  if (artifacts.length) {
    try {
      const written = artifacts.map((a) => {
        const file = path.join(path.dirname(inputs.reportPath), a.name);
        writeOutputFile(file, a.bytes, roots, `${a.name} (beside report-path)`);
        log.info(`${a.description}: ${file}`);
        return file;
      });
      core.setOutput('artifact-paths', written.join('\n'));
    } catch (e) {
      report.errors.push({ code: 'output', message: asGateError(e).message });
      report.verdict = 'error';
    }
  }
  if (inputs.sarifPath) {
    try {
      writeOutputFile(inputs.sarifPath, renderSarif(report, { id: inputs.id }), roots, 'sarif-path');
    } catch (e) {
      report.errors.push({ code: 'output', message: asGateError(e).message });
      report.verdict = 'error';
    }
  }
  // The CycloneDX ML-BOM: none when the run stopped before the model was read (the verdict is error already).
  if (report.model) {
    try {
      writeOutputFile(inputs.cyclonedxPath, renderCycloneDx(report), roots, 'cyclonedx-path');
      core.setOutput('cyclonedx-path', inputs.cyclonedxPath);
    } catch (e) {
      report.errors.push({ code: 'output', message: asGateError(e).message });
      report.verdict = 'error';
    }
  } else {
    log.warn('no CycloneDX BOM: the run stopped before the model was read');
  }
  const attested = signer ? await attest(report, inputs, env, roots, signer, log) : null;
  // Summary, check run (or workflow-command annotations), one living comment: report/publish.ts.
  const repo = env.GITHUB_REPOSITORY ?? '';
  const wantComment = inputs.comment === 'always' || (inputs.comment === 'auto' && event.pullRequest !== null);
  await publishReport(report, {
    id: inputs.id,
    runUrl,
    reportPath: inputs.reportPath,
    api: inputs.token && repo ? { apiUrl: env.GITHUB_API_URL || 'https://api.github.com', graphqlUrl: env.GITHUB_GRAPHQL_URL || undefined, token: inputs.token, repo } : undefined,
    headSha: event.head ?? undefined,
    pullRequest: wantComment && event.pullRequest !== null ? event.pullRequest : undefined,
    writeSummary: (markdown) => {
      if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, markdown + '\n');
    },
    writeLine: (line) => process.stdout.write(line + '\n'),
    warn: (m) => log.warn(m),
  });
  // After the report's own summary (which starts with the verdict): where the attestation is.
  if (attested && env.GITHUB_STEP_SUMMARY) {
    const s = attested.signer;
    const by = s.kind === 'key' ? `key ${code(s.fingerprint)}` : `keyless as ${code(s.identity)} (issuer ${code(s.issuer)})`;
    const where = attested.stored ? `; stored on GitHub: ${code(attested.stored)}` : '';
    appendFileSync(env.GITHUB_STEP_SUMMARY, `\n**Attestation:** verification summary \`${attested.result}\` signed by ${by}: ${code(attested.path)} (report statement ${code(attested.reportPath)})${where}\n`);
  }
}

/**
 * The signed attestation of a pass or fail run (never error: nothing was decided): the verification summary to
 * attestation-path, the report statement next to it (`.report` before the extension). A failure to sign or write it
 * makes the verdict error: a step that promised an attestation never succeeds without one.
 */
async function attest(report: Report, inputs: ActionInputs, env: Env, roots: string[], signer: AttestSigner, log: { info: (m: string) => void; warn: (m: string) => void }): Promise<{ path: string; reportPath: string; result: string; signer: ReturnType<typeof signerId>; stored: string | null } | null> {
  if (report.verdict === 'error') {
    log.info('model-gate: no attestation: the verdict is error (nothing was decided)');
    return null;
  }
  try {
    const uriOf = uriResolver(inputs.workspace, env);
    const reportFile = reportAttestationPath(inputs.attestationPath);
    // Both paths are checked before signing (a keyless signature is a public log entry) and before either write.
    for (const [file, what] of [[inputs.attestationPath, 'attestation-path'], [reportFile, 'attestation-path (report statement)']] as const) checkOutputPath(file, roots, what);
    const att = await signAttestation(report, signer, {
      timeVerified: new Date().toISOString(),
      resourceUri: uriOf(report.signature.subject ?? report.model?.path ?? '.'),
      uriOf,
      verifierId: actionVerifierId(env),
    });
    writeOutputFile(inputs.attestationPath, JSON.stringify(att.vsa.bundle) + '\n', roots, 'attestation-path');
    writeOutputFile(reportFile, JSON.stringify(att.report.bundle) + '\n', roots, 'attestation-path (report statement)');
    core.setOutput('attestation-path', inputs.attestationPath);
    core.setOutput('attestation-report-path', reportFile);
    const result = report.verdict === 'pass' ? 'PASSED' : 'FAILED';
    const who = signerId(signer);
    const by = who.kind === 'key' ? `key ${who.fingerprint}` : `keyless as ${who.identity} (issuer ${who.issuer}; logged in ${signer.kind === 'keyless' ? signer.rekorUrl : 'Rekor'})`;
    log.info(`model-gate: attestation (verification summary ${result}) signed by ${by}, written to ${inputs.attestationPath}, the report statement to ${reportFile}`);
    const stored = await store(signer, [att.vsa.bundle, att.report.bundle], inputs, env, log);
    return { path: inputs.attestationPath, reportPath: reportFile, result, signer: who, stored };
  } catch (e) {
    report.errors.push({ code: 'attest', message: `cannot write the attestation: ${asGateError(e).message}` });
    report.verdict = 'error';
    return null;
  }
}

/** `store-attestation: true` promises a stored attestation: refused at once when it cannot be kept (before the gates). */
function checkStorable(signer: AttestSigner, inputs: ActionInputs, env: Env): void {
  if (signer.kind === 'key') {
    throw new GateError('input.invalid', 'store-attestation: true needs keyless signing (no signing-key): GitHub stores and `gh attestation verify` checks bundles with a Fulcio certificate of the workflow, not key-signed ones');
  }
  if (!inputs.token || !env.GITHUB_REPOSITORY) {
    throw new GateError('input.invalid', 'store-attestation: true needs the token input (default github.token) and GITHUB_REPOSITORY: the attestations API is called with them');
  }
}

/**
 * Keyless bundles go to the attestations API too (`store-attestation`, default auto), so `gh attestation verify`
 * and the verify action's `source: github` find them by the model's digest. Returns the verification summary's
 * attestation URL (outputs attestation-id / attestation-url), or null. With `true` a failure throws (the caller
 * makes the verdict error); with `auto` it is a warning: the files are still there.
 */
async function store(signer: AttestSigner, bundles: unknown[], inputs: ActionInputs, env: Env, log: { info: (m: string) => void; warn: (m: string) => void }): Promise<string | null> {
  if (inputs.storeAttestation === 'false') return null;
  if (signer.kind === 'key') {
    log.info('model-gate: the attestation is key-signed, so it is not stored on GitHub (the attestations API and `gh attestation verify` take keyless bundles); verify it from the file');
    return null;
  }
  const repo = env.GITHUB_REPOSITORY ?? '';
  if (!inputs.token || !repo) {
    log.warn('the attestation is not stored on GitHub: no token input or no GITHUB_REPOSITORY');
    return null;
  }
  const api = { apiUrl: env.GITHUB_API_URL || 'https://api.github.com', repo, token: inputs.token };
  try {
    const ids: (number | null)[] = [];
    for (const b of bundles) ids.push((await storeAttestation(api, b)).id);
    const server = env.GITHUB_SERVER_URL || 'https://github.com';
    const url = ids[0] !== null ? `${server}/${repo}/attestations/${ids[0]}` : `${server}/${repo}/attestations`;
    if (ids[0] !== null) core.setOutput('attestation-id', String(ids[0]));
    core.setOutput('attestation-url', url);
    log.info(`model-gate: both statements stored on GitHub (${url}; report statement id ${ids[1] ?? 'unknown'}): \`gh attestation verify\` and the verify action's source: github find them by the model's digest`);
    return url;
  } catch (e) {
    if (inputs.storeAttestation === 'true') throw e;
    log.warn(`${asGateError(e).message}; the attestation files are written all the same (store-attestation: auto)`);
    return null;
  }
}
