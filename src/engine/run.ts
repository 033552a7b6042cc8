import os from 'node:os';
import { GateError, asGateError, debugStack, INTERNAL_HINT } from '../errors.ts';
import type { TrustedFiles } from '../types/trusted.ts';
import type { Report, GateResult, Message, DatasetReport, PolicyLoosening, SignatureReport } from '../report/types.ts';
import type { Dataset } from '../data/types.ts';
import type { BaselineRunner, GateArtifact, GateCard, GateContext, GateDefinition, GateModel, GateOutcome, GateWork, Logger, Predictions, ProgressSink, ReferenceRunner } from '../gates/types.ts';
import type { Policy, PolicyPath, PositionOf } from '../policy/types.ts';
import { parsePolicy, PolicyError } from '../policy/load.ts';
import { compareStrictness } from '../policy/loosening.ts';
import { trustFileChanges } from './trust-changes.ts';
import { baselineRunner, loadPinnedModel } from './baseline.ts';
import { gateModelOf } from './gate-model.ts';
import { loadDataset } from '../data/load.ts';
import { verifyModelSignatureWithSubject } from '../signature/verify.ts';
import { loadModel, type LoadedModel } from '../model/load.ts';
import { predict } from '../model/predict.ts';
import { GATES, type GateName } from '../gates/registry.ts';
import { evaluateThresholds } from '../gates/thresholds.ts';
import { resolveInside } from '../util/paths.ts';
import type { VerifiedSubject } from '../util/verified.ts';
import { readModelFile, type ModelFile } from '../model/file.ts';
import { measuredMetrics, modelCardReport } from '../modelcard/index.ts';
import { VERSION } from '../version.ts';
import { pinHex, sha256Hex } from '../util/hash.ts';
import type { PartialEntry, PartialRecords, ShardDigests, ShardPartial } from '../shard/partial.ts';
import { compact, withHoles } from '../shard/rows.ts';
import { decodePredictions, encodePredictions, predictionsKey, recordsKey, runWithCache } from './cache.ts';
import type { OutcomeCache } from '../types/cache.ts';
import type { MergedShards } from '../shard/merge.ts';
import { refuseUnshardable, rowWorkGate, shardNeeds, shardWork } from '../shard/needs.ts';
import { rowsOfShard, shardOfRows } from '../shard/assign.ts';

export interface RunInputs {
  /** Absolute workspace root (GITHUB_WORKSPACE or the CLI's --workspace). */
  workspace: string;
  /** Absolute working directory inside the workspace; policy paths resolve against it. */
  workingDirectory: string;
  /** The policy file, relative to the working directory. */
  policyPath: string;
  mode: 'enforce' | 'advisory';
  /** CLI only: overrides the policy's seed. */
  seed?: number;
  /** Where the policy and trust files come from (the base commit on pull requests). */
  trusted: TrustedFiles;
  /** The working tree (head). */
  head: TrustedFiles;
  /** Files at the event's base commit (model-card diff), or null when there is no base. */
  baseFiles?: TrustedFiles | null;
  /** Workspace-relative files changed by this pull request / push (git diff), or null when unknown. */
  changedFiles: Set<string> | null;
  log: Logger;
  /** Progress of long work (inference, attacks, bootstraps) as events; the entry point formats them. Never changes the report. */
  progress?: ProgressSink;
  /** Intra-op threads for onnxruntime (fixed and recorded). Default: min(4, available cores). */
  threads?: number;
  /** Log the stack traces of errors (CLI --debug, action RUNNER_DEBUG=1); never otherwise. */
  debug?: boolean;
  /**
   * Files a gate made for people to look at (the poisoning gate's PNG grid), by name: the entry point writes them next
   * to the report. The report names each (file name and sha256) in the gate's details. Absent: they are not written.
   */
  artifact?(gate: string, artifact: GateArtifact): void;
  /**
   * Shard mode (`check --shard K/N`, docs/design.md §7 "Shards"): the per-row model outputs the configured gates
   * need, on this shard's rows only, handed to `partial`; no gate runs. Gates whose per-row work is more than
   * predictions are refused.
   */
  shard?: { k: number; n: number; partial(p: ShardPartial): void };
  /**
   * Merge (`model-gate merge`): every prediction is served from the merged partials (never inferred here), after
   * their digests are checked against this run's own; a (model, dataset) pair they do not cover is an error.
   */
  shards?: MergedShards;
  /**
   * The content-addressed cache of per-row outcomes (`--cache-dir`, the action's `cache: true`; src/engine/cache.ts):
   * predictions and row-work gates' records are read from it when present and stored when computed. Never changes
   * a result.
   */
  cache?: OutcomeCache;
}

/** Runs the whole gate (docs/design.md §7) and returns the typed report. Never throws: every failure is in the report. */
export async function runGate(inputs: RunInputs): Promise<Report> {
  const started = performance.now();
  const timings: Record<string, number> = {};
  const report: Report = {
    schema: 'model-gate/report/v1',
    verdict: 'error',
    failed_gates: [],
    mode: inputs.mode,
    seed: inputs.seed ?? 0,
    policy: null,
    model: null,
    signature: { status: 'skipped' },
    gates: {},
    datasets: {},
    environment: null,
    warnings: [],
    errors: [],
    timings,
  };
  if (inputs.shards) report.shards = { n: inputs.shards.n, files: inputs.shards.files };
  const log = inputs.log;
  const run: Run = {
    inputs,
    report,
    log,
    warn: (m: Message) => {
      report.warnings.push(m);
      log.warn(m.message);
    },
    mark: (name: string, since: number) => {
      timings[name] = Math.round(performance.now() - since);
    },
  };
  let model: LoadedModel | null = null;
  let hardFailure: 'fail' | 'error' | null = null;
  try {
    await execute(run, (m) => (model = m));
  } catch (e) {
    hardFailure = recordHardFailure(run, asGateError(e));
  } finally {
    await (model as LoadedModel | null)?.session.release().catch(() => undefined);
  }
  decideVerdict(report, hardFailure);
  timings.total = Math.round(performance.now() - started);
  return report;
}

/** An error that ended the run, in the report: its errors, and the failed gate it stands for when it is evidence. */
function recordHardFailure(run: Run, err: GateError): 'fail' | 'error' {
  const { report } = run;
  if (err instanceof PolicyError) {
    for (const p of err.problems) report.errors.push({ code: err.code, message: p.message, file: p.file, line: p.line, col: p.col });
  } else {
    report.errors.push({ code: err.code, message: err.located, ...(err.kind === 'fail' ? { kind: 'fail' as const } : {}), ...(err.where ?? {}) });
  }
  if (err.kind === 'fail') {
    if (err.code.startsWith('signature')) report.failed_gates.push('signature');
    else if (err.code === 'data.pin-mismatch') report.failed_gates.push('datasets');
    else report.failed_gates.push(err.code);
  }
  if (run.inputs.debug) run.log.info(`debug: ${debugStack(err)}`);
  return err.kind === 'fail' ? 'fail' : 'error';
}

/** 9. Verdict (docs/design.md §8): anything that could not be evaluated -> error; evidence against the model -> fail. */
function decideVerdict(report: Report, hardFailure: 'fail' | 'error' | null): void {
  for (const [name, g] of Object.entries(report.gates)) if (g.status === 'fail') report.failed_gates.push(name);
  report.failed_gates = [...new Set(report.failed_gates)];
  // Nothing measured is never a pass: a run whose every configured gate was skipped (regression without a baseline).
  const gates = Object.values(report.gates);
  if (hardFailure === null && report.failed_gates.length === 0 && gates.length > 0 && gates.every((g) => g.status === 'skipped')) {
    report.errors.push({ code: 'gate.nothing-measured', message: `nothing was measured: every gate was skipped (${Object.keys(report.gates).join(', ')}); add a gate that can run here, or give the skipped gate what it needs` });
    hardFailure = 'error';
  }
  const anyError = hardFailure === 'error' || gates.some((g) => g.status === 'error');
  report.verdict = anyError ? 'error' : hardFailure === 'fail' || report.failed_gates.length > 0 ? 'fail' : 'pass';
}

/** What every step of a run shares: the inputs, the report being written, and where messages and timings go. */
interface Run {
  inputs: RunInputs;
  report: Report;
  log: Logger;
  warn(m: Message): void;
  mark(name: string, since: number): void;
}

/** The policy as this run reads it (step 1), and what the later steps derive from it. */
interface PolicyRead {
  policy: Policy;
  position: PositionOf;
  /** `report.policy.path`: the policy file, workspace-relative. */
  path: string;
  /** The pull request's own policy, when it differs from the trusted one and is valid. */
  headPolicy: Policy | null;
  /** Where trust files come from (the head when the pull request introduces the policy). */
  trusted: TrustedFiles;
  /** Throws GateError('budget') once budget-minutes are used up. */
  checkBudget(): void;
  /** A policy path, resolved inside the workspace (errors point at `at` in the policy). */
  resolve(p: string, what: string, at: PolicyPath): Resolved;
  /** A policy path, workspace-relative. */
  wsRel(p: string): string;
}

type Resolved = ReturnType<typeof resolveInside>;

/** What the gates share once the model is loaded (step 6): each dataset goes through the model once. */
interface Shared {
  dataset(name: string): Dataset;
  predictions(name: string): Promise<Predictions>;
  model: GateModel;
  /** Runs a row-work gate on the target model: sharded, merged, with the cache, or as it is (see shareModel). */
  rowWork(gate: GateDefinition<any, any>, ctx: GateContext<any>): Promise<GateOutcome>;
  referenceModels: ReferenceRunner;
  /** The regression gate's baseline model (resolved on first use). */
  baseline: BaselineRunner;
  /** Releases the reference models' and the baseline's sessions. */
  release(): Promise<void>;
}

/** The run in the design's order of work (docs/design.md §7). Throws on what ends the run; runGate records it. */
async function execute(run: Run, setModel: (m: LoadedModel) => void): Promise<void> {
  let t = performance.now();
  const pol = await readPolicy(run);
  run.mark('policy', t);
  if (run.inputs.shard) refuseUnshardable(pol.policy, pol.position);

  t = performance.now();
  const modelPath = pol.resolve(pol.policy.model.path, 'model.path', ['model', 'path']);
  const modelFile = await readTargetModel(modelPath, pol);
  const verified = await verifySignature(run, pol, modelPath);
  run.mark('signature', t);

  t = performance.now();
  const datasets = await loadDatasets(run, pol);
  run.mark('datasets', t);

  t = performance.now();
  const model = await loadTargetModel(run, pol, modelFile, verified);
  setModel(model);
  run.mark('model', t);

  const { shard, shards } = run.inputs;
  if (shard || shards) {
    const digests = shardDigests(run, pol, model, datasets);
    if (shards) {
      shards.verify(digests);
      // Each shard's rows are the ones the assignment gives it, on this workspace's data and model.
      for (const [name, ds] of datasets) {
        if (!shards.datasets.includes(name)) continue;
        const t0 = performance.now();
        shards.checkAssignment(name, assignmentOf(model, ds, shards.n));
        run.mark(`shard.check.${name}`, t0);
      }
    }
    if (shard) return writeShard(run, pol, model, datasets, digests, shard);
  }
  const shared = shareModel(run, pol, model, datasets);
  try {
    await runMeasuringGates(run, pol, shared);
  } finally {
    await shared.release();
  }

  if (pol.policy.model.card) {
    t = performance.now();
    await checkModelCard(run, pol, pol.policy.model.card, shared);
    run.mark('model-card', t);
  }
}

/**
 * 1. Policy: from the trusted source; introduced by this pull request -> from head, loudly. On pull requests, the
 * head's policy and trust files are compared with the trusted ones (pullRequestChanges).
 */
async function readPolicy(run: Run): Promise<PolicyRead> {
  const { inputs, report, warn } = run;
  const { workspace, workingDirectory } = inputs;
  const policyRel = resolveInside(workspace, workingDirectory, inputs.policyPath, 'policy').rel;
  let trusted = inputs.trusted;
  if (trusted.source === 'base' && !(await trusted.exists(policyRel))) {
    warn({
      code: 'policy.introduced',
      message: `${policyRel} does not exist at the base commit: this pull request introduces the policy, so it and its trust files are read from the pull request itself. Review them carefully`,
      file: policyRel,
    });
    trusted = inputs.head;
  }
  const policyText = (await trusted.read(policyRel).catch((e) => {
    throw new GateError('policy.missing', `${(e as Error).message}: create the policy file or set the policy input`, { where: { file: policyRel } });
  })).toString('utf8');
  const parsed = parsePolicy(policyText, policyRel);
  const policy: Policy = parsed.policy;
  const position: PositionOf = parsed.positionOf;
  report.policy = { path: policyRel, sha256: parsed.sha256, source: trusted.source, loosened: [] };
  report.seed = inputs.seed ?? policy.seed;
  const deadline = performance.now() + policy['budget-minutes'] * 60_000;
  const pol: PolicyRead = {
    policy,
    position,
    path: policyRel,
    headPolicy: null,
    trusted,
    checkBudget: () => {
      if (performance.now() > deadline) {
        throw new GateError('budget', `budget exceeded: the run took longer than budget-minutes (${policy['budget-minutes']}); raise it in the policy or lower limit/queries`);
      }
    },
    resolve: (p, what, at) => resolveInside(workspace, workingDirectory, p, what, position(at)),
    wsRel: (p) => resolveInside(workspace, workingDirectory, p, 'path').rel,
  };
  if (trusted.source === 'base') pol.headPolicy = await pullRequestChanges(run, pol, policyText);
  return pol;
}

/**
 * 1b. What the pull request changes of the policy (loosening: head's policy against the trusted one; fail safe:
 * unreadable or deleted counts as looser) and of the trust files; both with a change of the model or its data fail
 * the run (`policy`). Returns the head's policy when it differs and is valid.
 */
async function pullRequestChanges(run: Run, pol: PolicyRead, policyText: string): Promise<Policy | null> {
  const { inputs, report, warn } = run;
  const { policy, position, trusted, wsRel, path: policyRel } = pol;
  const loosened: PolicyLoosening[] = [];
  report.policy!.loosened = loosened;
  let headPolicy: Policy | null = null;
  let headPosition: PositionOf | null = null;
  const headText = await inputs.head.read(policyRel).then((b) => b.toString('utf8')).catch(() => null);
  if (headText === null) {
    loosened.push({ path: '(policy)', from: 'present', to: 'deleted', reason: 'the pull request deletes the policy' });
  } else if (headText !== policyText) {
    try {
      const head = parsePolicy(headText, policyRel);
      headPolicy = head.policy;
      headPosition = head.positionOf;
      loosened.push(...compareStrictness(policy, head.policy, head.positionOf));
    } catch (e) {
      loosened.push({ path: '(policy)', from: 'valid', to: 'invalid', reason: `the pull request's policy is not valid: ${asGateError(e).message}` });
    }
  }
  // Trust files (keys, certificate roots, trusted roots, reference models) whose content the pull request changes.
  loosened.push(
    ...(await trustFileChanges({ base: policy, basePositionOf: position, head: headPolicy, headPositionOf: headPosition, baseFiles: trusted, headFiles: inputs.head, wsRel })),
  );
  for (const l of loosened) {
    if (l.file !== undefined) {
      warn({ code: 'trust.changed', message: `trust file changed: ${l.file} (${l.path}) ${l.from ?? 'absent'} -> ${l.to ?? 'deleted'}: ${l.reason}; review it with its code owners`, file: l.file });
      continue;
    }
    warn({ code: 'policy.loosened', message: `policy loosened: ${l.path} ${JSON.stringify(l.from)} -> ${JSON.stringify(l.to)}${l.reason ? ` (${l.reason})` : ''}`, file: policyRel, line: l.line });
  }
  // Both policies' paths: a head that points model.path or a dataset at a new file changes what is evaluated too.
  const touched = loosened.length > 0 ? modelOrDataChanged([policy, headPolicy], inputs.changedFiles, wsRel) : [];
  if (touched.length > 0) {
    const trustFiles = loosened.flatMap((l) => (l.file !== undefined ? [l.file] : []));
    const loosensPolicy = trustFiles.length < loosened.length;
    const changesTrust = trustFiles.length > 0 ? `changes the trust file${trustFiles.length > 1 ? 's' : ''} ${trustFiles.join(', ')}` : '';
    const what = [loosensPolicy ? 'loosens the policy' : '', changesTrust].filter(Boolean).join(' and ');
    report.failed_gates.push('policy');
    warn({
      code: 'policy.loosened-with-change',
      message: `this pull request ${what} AND changes ${touched.slice(0, 3).join(', ')}${touched.length > 3 ? ` and ${touched.length - 3} more` : ''}: split the ${loosensPolicy ? 'policy' : 'trust-file'} change into its own pull request for its code owners`,
      file: policyRel,
    });
  }
  return headPolicy;
}

/** 2. The model file: read ONCE; these bytes are hashed, checked against the signature and executed (util/verified.ts). */
function readTargetModel(modelPath: Resolved, pol: PolicyRead): Promise<ModelFile> {
  return readModelFile(modelPath, {
    code: 'model',
    unreadable: (reason) => `model.path ${modelPath.rel} cannot be read (${reason}): check the path, or that the training job committed the model`,
    where: pol.position(['model', 'path']),
  });
}

/** 3. Signature: stop here on failure (an unverified model is never executed). Returns what the signature covers. */
async function verifySignature(run: Run, pol: PolicyRead, modelPath: Resolved): Promise<VerifiedSubject | null> {
  const { inputs, report, warn, log } = run;
  const { policy } = pol;
  const cardAbs = policy.model.card ? pol.resolve(policy.model.card, 'model.card', ['model', 'card']).abs : undefined;
  let signature: SignatureReport;
  let verified: VerifiedSubject | null;
  try {
    ({ report: signature, subject: verified } = await verifyModelSignatureWithSubject({
      policy: policy.signature,
      workspace: inputs.workspace,
      workingDirectory: inputs.workingDirectory,
      modelPath: modelPath.abs,
      cardPath: cardAbs,
      trusted: pol.trusted,
      log: (m: string) => log.info(m),
    }));
  } catch (e) {
    const err = asGateError(e, 'signature.error');
    report.signature = { status: err.kind === 'fail' ? 'failed' : 'error', message: err.message };
    throw err.code.startsWith('signature') ? err : new GateError(`signature.${err.code}`, err.message, { kind: err.kind, where: err.where });
  }
  report.signature = signature;
  if (signature.status === 'skipped') {
    warn({ code: 'signature.skipped', message: 'the model is not signed and signature.required is false: its origin is not verified', file: pol.path });
  }
  return verified;
}

/** 4. Datasets: hash, check pins (a mismatch is tampering), parse; warn about unpinned datasets the pull request changes. */
async function loadDatasets(run: Run, pol: PolicyRead): Promise<Map<string, Dataset>> {
  const { inputs, report, log } = run;
  const { policy, position } = pol;
  const datasets = new Map<string, Dataset>();
  for (const [name, spec] of Object.entries(policy.datasets)) {
    log.info(`dataset ${name}: loading ${spec.path}`);
    const ds = await loadDataset(name, spec, {
      workspace: inputs.workspace,
      workingDirectory: inputs.workingDirectory,
      positionOf: (p: (string | number)[]) => position(['datasets', name, ...p]),
    });
    datasets.set(name, ds);
    const files = [ds.path, ...ds.extraFiles.map((f) => f.path)];
    report.datasets[name] = {
      path: ds.path,
      rows: ds.rows,
      sha256: ds.sha256,
      format: ds.format,
      changed_in_pr: inputs.changedFiles ? files.some((f) => inputs.changedFiles!.has(f)) : null,
      pinned: typeof spec.sha256 === 'string',
    } satisfies DatasetReport;
    log.info(`dataset ${name}: ${ds.rows} rows (${ds.format}, sha256 ${ds.sha256.slice(0, 12)})`);
  }
  if (inputs.changedFiles) warnUnpinnedChanges(run, pol, datasets, inputs.changedFiles);
  return datasets;
}

/**
 * 4b. A dataset a gate uses that this pull request changes, without a pin: its new content is evaluated as it is.
 * (A pinned one that changed already failed in loadDataset as data.pin-mismatch.)
 */
function warnUnpinnedChanges(run: Run, pol: PolicyRead, datasets: Map<string, Dataset>, changedFiles: Set<string>): void {
  const { policy, position } = pol;
  for (const name of gateDatasets(policy)) {
    const ds = datasets.get(name), spec = policy.datasets[name];
    if (!ds || !spec) continue;
    const pins: string[] = [];
    const files: string[] = [];
    if (changedFiles.has(ds.path) && spec.sha256 === undefined) {
      files.push(ds.path);
      pins.push(`datasets.${name}.sha256: ${ds.sha256}`);
    }
    const labels = ds.extraFiles[0];
    if (labels && changedFiles.has(labels.path) && spec['labels-sha256'] === undefined) {
      files.push(labels.path);
      pins.push(`datasets.${name}.labels-sha256: ${labels.sha256}`);
    }
    if (!pins.length) continue;
    run.warn({
      code: 'data.unpinned-change',
      message: `dataset ${name} (${files.join(', ')}) is changed by this pull request and not pinned, so its new content is evaluated unreviewed: pin it in the policy with ${pins.join(' and ')}`,
      file: pol.path,
      ...lineOf(position(['datasets', name])),
    });
  }
}

/** The intra-op threads a model gets (RunInputs.threads; a tree ensemble gets 1 whatever this says: src/model/batch-rule.ts). */
function engineThreads(inputs: RunInputs): number {
  return inputs.threads ?? Math.max(1, Math.min(4, os.availableParallelism()));
}

/** 5. The model, once, from the bytes read in step 2, with a fixed thread count. */
async function loadTargetModel(run: Run, pol: PolicyRead, file: ModelFile, verified: VerifiedSubject | null): Promise<LoadedModel> {
  const { inputs, report, warn } = run;
  const { policy } = pol;
  const threads = engineThreads(inputs);
  const model = await loadModel({
    abs: file.abs,
    rel: file.rel,
    bytes: file.bytes,
    sha256: file.sha256,
    verified,
    threads,
    policy: policy.model,
    subjectAbs: pol.resolve(policy.signature.subject ?? policy.model.path, 'signature.subject', ['signature', 'subject']).abs,
    workspace: inputs.workspace,
    position: pol.position,
  });
  report.model = model.report(report.signature.root_digest);
  for (const w of model.warnings) warn({ code: 'model', message: w, file: file.rel });
  report.environment = {
    onnxruntime: model.ortVersion,
    node: process.versions.node,
    platform: `${process.platform}-${process.arch}`,
    threads: model.threads, // 1 for a tree ensemble (src/model/batch-rule.ts)
    batch_sizes: {},
  };
  return model;
}

/**
 * 6. What the gates share: each dataset goes through the model once (on first use); the model for gates that query it
 * again; the reference models (memorisation's LiRA/RMIA), pinned because they are executed, loaded like the target.
 */
function shareModel(
  run: Run, pol: PolicyRead, model: LoadedModel, datasets: Map<string, Dataset>,
  shard?: { k: number; n: number; rowsOf(dataset: string): Int32Array; work(gate: string, role: 'head' | 'baseline', on: { sha256: string; path: string }): GateWork },
): Shared {
  const { inputs, report, log, mark } = run;
  const rowsOf = shard?.rowsOf;
  const cache = inputs.cache;
  const { policy, position, checkBudget } = pol;
  const predictions = new Map<string, Promise<Predictions>>();
  const getDataset = (name: string): Dataset => {
    const ds = datasets.get(name);
    if (!ds) throw new GateError('policy.dataset', `dataset "${name}" is not defined under datasets:`);
    return ds;
  };
  // Where every model's outputs come from: inference (on all rows, or a shard's), the cache, or the merged partials.
  const predictOn = async (m: LoadedModel, name: string): Promise<{ predictions: Predictions; batchSize: number; inferred: boolean }> => {
    const ds = getDataset(name);
    const batchSize = m.featureView(ds).batchSize;
    if (inputs.shards) {
      const served = inputs.shards.predictions(m.sha256, name);
      if (!served || served.rows !== ds.rows) {
        throw new GateError('shard.uncovered', `the shard partials ${served ? `hold ${served.rows} rows` : 'hold no predictions'} of model ${m.rel} (sha256 ${m.sha256.slice(0, 12)}) on dataset ${name}${served ? `, which has ${ds.rows}` : ''}: re-run the shards with this policy and models`);
      }
      return { predictions: served, batchSize, inferred: false };
    }
    // Shard mode: the shard's rows, given full-length with holes (src/shard/rows.ts). A model that outputs labels gets
    // every row: its classes are the labels it predicts on the whole dataset.
    const rows = shard && m.output.kind !== 'label' ? shard.rowsOf(name) : undefined;
    const expand = (p: Predictions) => (rows ? withHoles(p, rows, ds) : p);
    const key = cache ? predictionsKey(m, ds, policy, rows ? { k: shard!.k, n: shard!.n } : 'all') : '';
    const hit = cache?.get(key);
    const cached = hit && decodePredictions(hit, ds.name, rows ? rows.length : ds.rows);
    if (cached) {
      log.info(`cache: model ${m.rel} on dataset ${name}: predictions from the cache (${key.slice(0, 12)})`);
      return { predictions: expand(cached), batchSize, inferred: false };
    }
    if (hit) log.warn(`cache: the entry ${key.slice(0, 12)} for model ${m.rel} on dataset ${name} does not hold its predictions: ignored, recomputed`);
    const out = await predict(m, ds, { checkBudget, progress: inputs.progress, rows });
    if (cache) cache.put(key, encodePredictions(out.predictions));
    return { predictions: expand(out.predictions), batchSize, inferred: true };
  };
  const getPredictions = (name: string): Promise<Predictions> => {
    let p = predictions.get(name);
    if (!p) {
      const ds = getDataset(name);
      p = (async () => {
        const t0 = performance.now();
        const out = await predictOn(model, ds.name);
        report.environment!.batch_sizes[name] = out.batchSize;
        if (out.inferred) mark(`inference.${name}`, t0);
        return out.predictions;
      })();
      predictions.set(name, p);
    }
    return p;
  };

  // What gates that query the model again (robustness) see of it.
  const gateModel = gateModelOf(model, policy, getDataset);

  const refModels = new Map<string, Promise<LoadedModel>>();
  const refPredictions = new Map<string, Promise<Predictions>>();
  const loadReference = async (pathInPolicy: string, pin: string): Promise<LoadedModel> => {
    const at = pol.resolve(pathInPolicy, 'reference model', ['gates', 'memorisation', 'reference-models']);
    return loadPinnedModel(at, { code: 'reference', unreadable: (reason) => `reference model ${at.rel} cannot be read (${reason})`, pin }, {
      threads: engineThreads(inputs),
      policy,
      workspace: inputs.workspace,
      position,
      onRead: (sha256) => log.info(`reference model ${at.rel}: loading (sha256 ${sha256.slice(0, 12)})`),
    });
  };
  const referenceModels: ReferenceRunner = {
    predictions(pathInPolicy: string, pin: string, dataset: string): Promise<Predictions> {
      const key = `${pathInPolicy}\0${dataset}`;
      let out = refPredictions.get(key);
      if (!out) {
        out = (async () => {
          let loaded = refModels.get(pathInPolicy);
          if (!loaded) {
            loaded = loadReference(pathInPolicy, pin);
            refModels.set(pathInPolicy, loaded);
          }
          const m = await loaded;
          return (await predictOn(m, dataset)).predictions;
        })();
        refPredictions.set(key, out);
      }
      return out;
    },
  };

  // The regression gate's baseline: the trusted policy's pin, else the base commit's model (engine/baseline.ts).
  const baseline = baselineRunner({
    workspace: inputs.workspace,
    workingDirectory: inputs.workingDirectory,
    policy,
    position,
    seed: report.seed,
    referenceModels,
    trusted: pol.trusted,
    baseFiles: inputs.baseFiles,
    threads: engineThreads(inputs),
    getDataset,
    checkBudget,
    log,
    progress: inputs.progress,
    predict: async (m, dataset) => (await predictOn(m, dataset)).predictions,
    // A row-work gate on the baseline (regression compare): on the shard's rows, the merged records or the cache.
    runRowWork: (gate, ctx, m) => rowWork(gate, ctx, m, 'baseline'),
  });

  // A merge's assignment of a dataset: as checked against the partials' rows, or (a dataset only a row-work gate works
  // on, whose predictions no gate reads: STRIP's clean rows) computed here; the gate checks its records against it.
  const assignments = new Map<string, Int32Array>();
  const mergedAssignment = (name: string): Int32Array => {
    let a = inputs.shards!.assignment(name) ?? assignments.get(name);
    if (!a) assignments.set(name, (a = assignmentOf(model, getDataset(name), inputs.shards!.n)));
    return a;
  };

  // How a row-work gate runs on a model: in shard mode on the shard's rows; at a merge on the shards' records; with
  // the cache from its records there (or computed and stored); else as it is.
  function rowWork(gate: GateDefinition<any, any>, ctx: GateContext<any>, m: LoadedModel, role: 'head' | 'baseline'): Promise<GateOutcome> {
    const on = { sha256: m.sha256, path: m.rel };
    if (shard) {
      const work = shard.work(gate.name, role, on);
      if (!cache || work.mode !== 'shard') return gate.run({ ...ctx, work });
      // shard K of N's records: from the cache, or computed and stored
      const key = recordsKey(gate.name, m, policy, datasets, report.seed, { k: shard.k, n: shard.n });
      const hit = cache.get(key);
      if (hit) {
        log.info(`cache: gate ${gate.name} on model ${m.rel}, shard ${shard.k}/${shard.n}: records from the cache (${key.slice(0, 12)})`);
        work.emit(hit);
        return Promise.resolve({ metrics: {}, details: {}, skipped: 'shard' });
      }
      return gate.run({ ...ctx, work: { ...work, emit: (b) => (cache.put(key, b), work.emit(b)) } });
    }
    if (inputs.shards) return gate.run({ ...ctx, work: mergedWork(inputs.shards, gate.name, role, on, mergedAssignment) });
    if (!cache) return gate.run(ctx);
    const key = recordsKey(gate.name, m, policy, datasets, report.seed, 'all');
    return runWithCache(gate, ctx, cache, key, `gate ${gate.name} on model ${m.rel}`, log, (name) => getDataset(name).rows);
  }

  return {
    dataset: getDataset,
    predictions: getPredictions,
    model: gateModel,
    rowWork: (gate, ctx) => rowWork(gate, ctx, model, 'head'),
    referenceModels,
    baseline,
    release: async () => {
      for (const m of refModels.values()) await m.then((x) => x.session.release()).catch(() => undefined);
      await baseline.release();
    },
  };
}

/** Shard mode and merge: what the per-row outputs depend on, as this run read it (src/shard/partial.ts). */
function shardDigests(run: Run, pol: PolicyRead, model: LoadedModel, datasets: Map<string, Dataset>): ShardDigests {
  const { report } = run;
  return {
    tool: VERSION,
    onnxruntime: model.ortVersion,
    platform: `${process.platform}-${process.arch}`,
    seed: report.seed,
    policy: { path: pol.path, sha256: report.policy!.sha256 },
    model: { path: model.rel, sha256: model.sha256, external: model.externalData.map((e) => ({ path: e.path, sha256: sha256Hex(e.data) })) },
    datasets: Object.fromEntries([...datasets].map(([name, ds]) => [name, {
      path: ds.path,
      sha256: ds.sha256,
      extra: ds.extraFiles.map((f) => ({ path: f.path, sha256: f.sha256 })),
      spec: JSON.parse(JSON.stringify(pol.policy.datasets[name])),
    }])),
  };
}

/**
 * 6s. Shard mode: the shard's rows of each dataset (src/shard/assign.ts, from the target model's feature view), and
 * on them the outputs of every (model, dataset) pair the configured gates read (src/shard/needs.ts), through the
 * same shared runners as an unsharded run.
 */
async function writeShard(run: Run, pol: PolicyRead, model: LoadedModel, datasets: Map<string, Dataset>, digests: ShardDigests, shard: { k: number; n: number; partial(p: ShardPartial): void }): Promise<void> {
  const rows = new Map<string, Int32Array>();
  const rowsOf = (name: string): Int32Array => {
    let r = rows.get(name);
    if (!r) {
      const ds = datasets.get(name);
      if (!ds) throw new GateError('policy.dataset', `dataset "${name}" is not defined under datasets:`);
      const t0 = performance.now();
      r = rowsOfShard(assignmentOf(model, ds, shard.n), shard.k);
      run.mark(`shard.assign.${name}`, t0);
      rows.set(name, r);
    }
    return r;
  };
  const records: PartialRecords[] = [];
  // The row work of a gate on one model: the gate runs with ctx.work, on this shard's rows, and emits its records.
  const work = (gate: string, role: 'head' | 'baseline', on: { sha256: string; path: string }): GateWork => ({
    mode: 'shard', k: shard.k, n: shard.n, rows: rowsOf,
    emit: (bytes) => {
      if (records.some((r) => r.gate === gate && r.role === role)) throw new GateError('shard.internal', `internal error: gate ${gate} emitted its records twice: ${INTERNAL_HINT}`);
      records.push({ gate, role, model: on.sha256, path: on.path, bytes });
    },
  });
  const shared = shareModel(run, pol, model, datasets, { k: shard.k, n: shard.n, rowsOf, work });
  const entries: PartialEntry[] = [];
  try {
    for (const need of shardNeeds(pol.policy)) {
      pol.checkBudget();
      const at = { dataset: need.dataset, rows: rowsOf(need.dataset) };
      if (need.role === 'head') {
        entries.push({ role: 'head', model: model.sha256, path: model.rel, ...at, predictions: compact(await shared.predictions(need.dataset), at.rows) });
      } else if (need.role === 'reference') {
        const ref = need.reference!;
        const predictions = compact(await shared.referenceModels.predictions(ref.path, ref.sha256, need.dataset), at.rows);
        entries.push({ role: 'reference', model: pinHex(ref.sha256), path: pol.wsRel(ref.path), ...at, predictions });
      } else {
        const resolved = await shared.baseline.resolve();
        if ('none' in resolved) continue; // the merge resolves the same: the gate is skipped there, with the reason
        entries.push({ role: 'baseline', model: resolved.baseline.sha256, path: resolved.baseline.path, ...at, predictions: compact(await shared.baseline.predictions(need.dataset), at.rows) });
      }
    }
    for (const w of shardWork(pol.policy)) {
      pol.checkBudget();
      const gate = rowWorkGate(w.gate)!;
      const t0 = performance.now();
      if (w.role === 'head') {
        run.log.info(`gate ${gate.name}: row work of shard ${shard.k}/${shard.n}`);
        await shared.rowWork(gate, gateContext(run, pol, shared, gate.name, {}));
      } else {
        if ('none' in (await shared.baseline.resolve())) continue;
        await shared.baseline.outcome(gate.name);
      }
      run.mark(`gate.${gate.name}${w.role === 'baseline' ? '.baseline' : ''}`, t0);
      if (!records.some((r) => r.gate === gate.name && r.role === w.role)) {
        throw new GateError('shard.internal', `internal error: gate ${gate.name} did its row work but emitted no records: ${INTERNAL_HINT}`);
      }
    }
  } finally {
    await shared.release();
  }
  shard.partial({ shard: { k: shard.k, n: shard.n }, digests, entries, records });
}

/** The 1-based shard of every row of a dataset (src/shard/assign.ts), from the target model's feature view. */
function assignmentOf(model: LoadedModel, ds: Dataset, n: number): Int32Array {
  const v = model.featureView(ds);
  return shardOfRows({ rows: ds.rows, dim: v.dim, featuresView: (r: Int32Array) => v.featuresView(r) }, n);
}

/** What a measuring gate receives (src/gates/types.ts GateContext): its policy section and the shared model and data. */
function gateContext(run: Run, pol: PolicyRead, shared: Shared, gate: string, extra: Partial<GateContext<any>>): GateContext<any> {
  return {
    policy: (pol.policy.gates as Record<string, unknown>)[gate],
    seed: run.report.seed,
    dataset: shared.dataset,
    predictions: shared.predictions,
    model: shared.model,
    referenceModels: shared.referenceModels,
    baseline: shared.baseline,
    log: run.log,
    progress: run.inputs.progress,
    position: pol.position,
    checkBudget: pol.checkBudget,
    ...extra,
  };
}

/** Merge: a row-work gate's records from every shard, for the model with this sha256 (refused when not covered); `shardOf` the assignment of a dataset. */
function mergedWork(shards: MergedShards, gate: string, role: 'head' | 'baseline', model: { sha256: string; path: string }, shardOf: (dataset: string) => Int32Array): GateWork {
  return {
    mode: 'merge',
    n: shards.n,
    records: () => {
      const r = shards.records(gate, role, model.sha256);
      if (!r) throw new GateError('shard.uncovered', `the shard partials hold no records of gate ${gate} on model ${model.path} (sha256 ${model.sha256.slice(0, 12)}): re-run the shards with this policy and models`);
      return r;
    },
    shardOf,
  };
}

/** 7. The measuring gates, in registry order, each on its policy section. */
async function runMeasuringGates(run: Run, pol: PolicyRead, shared: Shared): Promise<void> {
  const { report, log, mark } = run;
  // What each gate returned for the head, for the gates after it (the regression gate compares them with the baseline's).
  const outcomes = new Map<string, GateOutcome>();
  for (const gate of GATES_IN_ORDER) {
    if (gate.stage === 'after-measuring') continue;
    const gatePolicy = pol.policy.gates[gate.name];
    if (!gatePolicy) continue;
    const t = performance.now();
    log.info(`gate ${gate.name}: running`);
    const ctx = gateContext(run, pol, shared, gate.name, { measured: (name: string) => outcomes.get(name) });
    const runIt = gate.rowWork ? (c: GateContext<any>) => shared.rowWork(gate, c) : undefined;
    const result = await evaluateGate(gate, gatePolicy, ctx, run, (out) => outcomes.set(gate.name, out), runIt);
    setGateResult(report, gate.name, result);
    mark(`gate.${gate.name}`, t);
    log.info(`gate ${gate.name}: ${result.status}`);
  }
}

/**
 * 8. The model card (`report.model_card`): what changed against the base, and its claims against what the measuring
 * gates measured; then the gates that check it (stage `after-measuring`: model-card), given the card's claims.
 */
async function checkModelCard(run: Run, pol: PolicyRead, cardInPolicy: string, shared: Shared): Promise<void> {
  const { inputs, report, warn } = run;
  const { policy, headPolicy, position, wsRel } = pol;
  const cardRel = wsRel(cardInPolicy);
  const headCardRel = headPolicy?.model.card ? wsRel(headPolicy.model.card) : cardRel;
  const readText = async (files: TrustedFiles | null | undefined, rel: string) => {
    if (!files || !(await files.exists(rel))) return null;
    return { path: rel, text: (await files.read(rel)).toString('utf8') };
  };
  const headCard = await readText(inputs.head, headCardRel);
  const baseCard = inputs.baseFiles ? await readText(inputs.baseFiles, cardRel) : headCard;
  const cardPolicy = policy.gates['model-card'];
  const mc = modelCardReport({
    base: baseCard,
    head: headCard,
    measured: measuredMetrics(report.gates),
    policy: cardPolicy,
    coversCard: report.signature.covers_card ?? null,
  });
  if (!inputs.baseFiles) mc.status = 'not-compared';
  report.model_card = mc;
  // A card the policy names but that is missing is an error (never a pass on zero claims, never a mere warning).
  // (With gates.model-card, the gate reports it, next to its claims.)
  const cardWhere = position(['model', 'card']) ?? { file: pol.path };
  if (!headCard && !cardPolicy) {
    throw new GateError('model-card.missing', `model.card ${headCardRel} does not exist: commit the model card, or fix model.card in the policy`, { where: cardWhere });
  }
  for (const m of mc.metadata.filter((x) => x.loud)) {
    warn({ code: 'model-card.licence', message: `the model card's ${m.key} changed from ${JSON.stringify(m.from)} to ${JSON.stringify(m.to)}`, file: headCardRel, line: m.line });
  }
  for (const c of mc.claims) {
    if (c.pass === false && c.onMismatch === 'warn') {
      warn({ code: 'model-card.claim', message: `model card claims ${c.claim} ${JSON.stringify(c.claimed)} but this run measured ${c.measured} (tolerance ${c.tolerance})`, file: c.file, line: c.line, col: c.col });
    }
  }
  const card: GateCard = { path: headCardRel, exists: headCard !== null, where: cardWhere, claims: mc.claims };
  for (const gate of GATES_IN_ORDER) {
    if (gate.stage !== 'after-measuring') continue;
    const gatePolicy = policy.gates[gate.name];
    if (!gatePolicy) continue;
    const ctx: GateContext<any> = { policy: gatePolicy, seed: report.seed, dataset: shared.dataset, predictions: shared.predictions, card, log: run.log, position, checkBudget: pol.checkBudget };
    setGateResult(report, gate.name, await evaluateGate(gate, gatePolicy, ctx, run));
  }
}

/** The registry, typed for running any of its gates. */
const GATES_IN_ORDER: readonly GateDefinition<any, any, GateName>[] = GATES;

function setGateResult(report: Report, name: GateName, result: GateResult<any>): void {
  (report.gates as Record<GateName, GateResult<any>>)[name] = result;
}

/**
 * Runs one gate and evaluates its checks (thresholds, the gate's own checks, its problems). A gate that throws gets
 * an error result (or fail, for errors of kind fail: evidence against the model); `budget` errors end the run.
 */
async function evaluateGate(
  gate: GateDefinition<any, any, GateName>,
  gatePolicy: Record<string, any>,
  ctx: GateContext<any>,
  run: Run,
  record?: (out: GateOutcome) => void,
  runIt: (ctx: GateContext<any>) => Promise<GateOutcome> = (c) => gate.run(c),
): Promise<GateResult<any>> {
  const { report, warn } = run;
  try {
    assertChecksSomething(gate, gatePolicy, ctx.position);
    const out = await runIt(ctx);
    record?.(out);
    for (const a of out.artifacts ?? []) run.inputs.artifact?.(gate.name, a);
    if (out.skipped !== undefined) {
      // Not measured (regression without a baseline): never a pass, and a run of skipped gates only is an error (decideVerdict).
      warn({ code: `gate.${gate.name}.skipped`, message: `${gate.name}: skipped: ${out.skipped}` });
      return { status: 'skipped', metrics: {}, checks: [], details: out.details, message: out.skipped };
    }
    const checks = [
      ...(gate.ownThresholds ? [] : evaluateThresholds(gate.name, gatePolicy.thresholds, out.metrics, out.ci, gatePolicy['gate-on'] ?? 'point', ctx.position)),
      ...(out.extraChecks ?? []),
    ];
    const problems = out.problems ?? [];
    const result: GateResult<any> = { status: problems.length ? 'error' : checks.every((c) => c.pass) ? 'pass' : 'fail', metrics: out.metrics, checks, details: out.details };
    if (out.ci) result.ci = out.ci;
    if (problems.length) result.message = problems[0].located;
    for (const w of out.warnings ?? []) warn({ code: `gate.${gate.name}`, message: `${gate.name}: ${w}` });
    for (const err of problems) report.errors.push({ code: err.code, message: err.locatedAs(`gate ${gate.name}: `), ...(err.where ?? {}) });
    return result;
  } catch (e) {
    const err = asGateError(e);
    if (err.code === 'budget') throw err;
    // kind 'fail' (e.g. a reference model whose pin does not match) is evidence against the model, not an error.
    report.errors.push({ code: err.code, message: err.locatedAs(`gate ${gate.name}: `), ...(err.kind === 'fail' ? { kind: 'fail' as const } : {}), ...(err.where ?? {}) });
    if (run.inputs.debug) run.log.info(`debug: gate ${gate.name}: ${debugStack(err)}`);
    return { status: err.kind === 'fail' ? 'fail' : 'error', metrics: {}, checks: [], details: err.details ?? {}, message: err.located };
  }
}

/** The datasets the configured gates evaluate, in gate order. */
function gateDatasets(policy: Policy): string[] {
  const g = policy.gates;
  const names = [g.accuracy?.dataset, g.robustness?.dataset, g.memorisation?.members, g.memorisation?.['non-members'], g.memorisation?.population, g.fairness?.dataset, ...(g.regression?.datasets ?? [])];
  names.push(g.drift?.reference, g.drift?.current);
  return [...new Set(names.filter((n): n is string => typeof n === 'string'))];
}

function lineOf(p: { line: number; col: number } | undefined): { line?: number; col?: number } {
  return p ? { line: p.line, col: p.col } : {};
}

/**
 * A gate that has nothing to check (no thresholds, nor any other checking key) would pass on nothing: an error,
 * raised before the gate spends its budget.
 */
function assertChecksSomething(gate: GateDefinition<any>, gatePolicy: Record<string, unknown>, position: PositionOf): void {
  const thresholds = gatePolicy.thresholds as Record<string, unknown> | undefined;
  if (thresholds && Object.keys(thresholds).length > 0) return;
  const keys = gate.checkKeys ?? [];
  if (keys.some((k) => gatePolicy[k] !== undefined)) return;
  const list = (xs: readonly string[]) => (xs.length > 1 ? `${xs.slice(0, -1).join(', ')} or ${xs[xs.length - 1]}` : xs.join(''));
  throw new GateError(
    'gate.no-checks',
    `gates.${gate.name} has no thresholds, so it checks nothing: add thresholds (on ${list(gate.metrics)})${keys.length ? ` or ${list(keys)}` : ''}, or remove the gate`,
    { where: position(['gates', gate.name, 'thresholds']) ?? position(['gates', gate.name]) },
  );
}

/**
 * The changed files (workspace-relative) that are the model, its signed subject, signature or card, a dataset or
 * labels file, a reference model or the regression gate's pinned baseline, as named by ANY of the given policies (base and head). Folders match by prefix.
 * A head path that cannot be resolved inside the workspace names no file here (the path change itself is listed).
 */
function modelOrDataChanged(policies: (Policy | null)[], changed: Set<string> | null, wsRel: (p: string) => string): string[] {
  if (!changed) return [];
  const named: (string | undefined)[] = [];
  for (const policy of policies) {
    if (!policy) continue;
    named.push(policy.model.path, policy.signature.subject, policy.signature.bundle, policy.model.card);
    for (const d of Object.values(policy.datasets)) named.push(d.path, d.labels);
    for (const r of policy.gates.memorisation?.['reference-models'] ?? []) named.push(r.path);
    named.push(policy.gates.regression?.baseline?.path);
  }
  const watched = new Set<string>();
  for (const p of named) {
    if (typeof p !== 'string') continue;
    try {
      watched.add(wsRel(p));
    } catch {
      // outside the workspace: no changed file can be it
    }
  }
  const hits: string[] = [];
  for (const f of changed) {
    if ([...watched].some((w) => f === w || f.startsWith(w.endsWith('/') ? w : w + '/'))) hits.push(f);
  }
  return hits.sort();
}
