/**
 * The regression gate's baseline model (src/gates/types.ts BaselineRunner), resolved fail-closed (docs/design.md §7,
 * docs/gates/regression.md "Which baseline"):
 * - `gates.regression.baseline { path, sha256 }` of the TRUSTED policy: resolved inside the workspace like `model.path`,
 *   read once, the sha256 checked on those bytes BEFORE they are decoded or run (mismatch: kind `fail`), loaded with
 *   the same `model.inputs` / `model.output` as the head.
 * - else, with a base commit: the trusted policy's `model.path` AT THE BASE COMMIT (read through `baseFiles`, never the
 *   working tree). Its signature (the bundle at the base commit) is verified by the same verifier as the head's, with
 *   the trusted policy's `signature` section and trust files: the base commit's file and bundle are written to a
 *   private temporary folder laid out like the workspace, verified there, and the verified bytes are what runs (checked
 *   against the verified subject by loadModel). A verification failure keeps the verifier's kind: `fail` for a bad,
 *   missing-when-required or wrong-signer signature (as for the head), `error` for unreadable input. Only a signature
 *   over the model file, or over a folder the base files can list (`TrustedFiles.list`: git), is verified here;
 *   otherwise pin the baseline.
 * - else (a push without a base, the CLI), or no model at that path at the base commit: `{ none: reason }`, the gate
 *   is skipped.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { GateError, INTERNAL_HINT, asGateError } from '../errors.ts';
import type { Dataset } from '../data/types.ts';
import type { BaselineInfo, BaselineRunner, GateContext, GateDefinition, GateOutcome, Logger, Predictions, ProgressSink, ReferenceRunner } from '../gates/types.ts';
import { GATES } from '../gates/registry.ts';
import { gateModelOf } from './gate-model.ts';
import type { Policy, PolicyPath, PositionOf } from '../policy/types.ts';
import type { TrustedFiles } from '../types/trusted.ts';
import { verifyModelSignatureWithSubject } from '../signature/verify.ts';
import { loadModel, type LoadedModel } from '../model/load.ts';
import { predict } from '../model/predict.ts';
import { readModelFile, type ModelFileRules } from '../model/file.ts';
import { isLfsPointer } from '../util/lfs.ts';
import { sha256Hex } from '../util/hash.ts';
import { resolveInside } from '../util/paths.ts';
import { singleFileSubject } from '../util/verified.ts';

export interface BaselineInputs {
  workspace: string;
  workingDirectory: string;
  /** The trusted policy (the base commit's on pull requests with policy-source base). */
  policy: Policy;
  position: PositionOf;
  /** Where keys and roots come from (the trusted source). */
  trusted: TrustedFiles;
  /** Files at the event's base commit, or null when there is no base. */
  baseFiles: TrustedFiles | null | undefined;
  threads: number;
  /** The run's seed and the policy's reference models: other gates run on the baseline with the head's. */
  seed: number;
  referenceModels: ReferenceRunner;
  getDataset(name: string): Dataset;
  checkBudget(): void;
  log: Logger;
  progress?: ProgressSink;
  /** The baseline's outputs on a dataset (the engine's: inference on every row or a shard's, or merged partials). Default: predict on every row. */
  predict?(model: LoadedModel, dataset: string): Promise<Predictions>;
  /**
   * How a row-work gate (src/gates/types.ts `rowWork`) runs on the baseline: sharded, merged or with the cache (the
   * engine's, as for the head). Default: `gate.run(ctx)`.
   */
  runRowWork?(gate: GateDefinition<any, any>, ctx: GateContext<any>, model: LoadedModel): Promise<GateOutcome>;
}

export interface EngineBaseline extends BaselineRunner {
  /** Releases the baseline's session (after the gates). */
  release(): Promise<void>;
}

export function baselineRunner(o: BaselineInputs): EngineBaseline {
  let resolved: Promise<{ info: BaselineInfo; model: LoadedModel } | { none: string }> | null = null;
  const predictions = new Map<string, Promise<Predictions>>();
  const outcomes = new Map<string, Promise<GateOutcome>>();
  const resolve = () => (resolved ??= resolveBaseline(o));
  const runner: EngineBaseline = {
    async resolve() {
      const r = await resolve();
      return 'none' in r ? { none: r.none } : { baseline: r.info };
    },
    predictions(dataset: string): Promise<Predictions> {
      let p = predictions.get(dataset);
      if (!p) {
        p = (async () => {
          const r = await resolve();
          if ('none' in r) throw new GateError('regression.no-baseline', r.none);
          if (o.predict) return o.predict(r.model, dataset);
          const out = await predict(r.model, o.getDataset(dataset), { checkBudget: o.checkBudget, progress: o.progress });
          return out.predictions;
        })();
        predictions.set(dataset, p);
      }
      return p;
    },
    outcome(name: string): Promise<GateOutcome> {
      let out = outcomes.get(name);
      if (!out) {
        out = (async () => {
          const r = await resolve();
          if ('none' in r) throw new GateError('regression.no-baseline', r.none);
          const gate = (GATES as readonly GateDefinition<any, any>[]).find((g) => g.name === name);
          const section = (o.policy.gates as Record<string, unknown>)[name];
          if (!gate || gate.stage === 'after-measuring' || !section) {
            throw new GateError('regression.compare', `internal error: gate ${name} cannot run on the baseline (${!gate ? 'no such gate' : !section ? 'not in the policy' : 'it reads the other gates'}): ${INTERNAL_HINT}`);
          }
          o.log.info(`regression: gate ${name} on the baseline ${r.info.path}`);
          const ctx: GateContext<any> = {
            policy: section,
            seed: o.seed,
            dataset: o.getDataset,
            predictions: (dataset) => runner.predictions(dataset),
            model: gateModelOf(r.model, o.policy, o.getDataset),
            referenceModels: o.referenceModels,
            log: o.log,
            progress: o.progress,
            position: o.position,
            checkBudget: o.checkBudget,
          };
          return gate.rowWork && o.runRowWork ? o.runRowWork(gate, ctx, r.model) : gate.run(ctx);
        })();
        outcomes.set(name, out);
      }
      return out;
    },
    async release() {
      if (!resolved) return;
      const r = await resolved.catch(() => null);
      if (r && !('none' in r)) await r.model.session.release().catch(() => undefined);
    },
  };
  return runner;
}

/**
 * A model pinned by its sha256 (the memorisation gate's reference models, the pinned baseline): read once, the pin
 * checked on those bytes before anything decodes them, and these bytes are what runs, loaded with the policy's
 * `model` section. The pin covers this one file: external data (outside it) is refused by loadModel. `onRead` is
 * called with the digest once the pin has matched, before the model is loaded.
 */
export async function loadPinnedModel(
  loc: { abs: string; rel: string },
  rules: ModelFileRules & { pin: string },
  o: { threads: number; policy: Policy; workspace: string; position: PositionOf; onRead(sha256: string): void },
): Promise<LoadedModel> {
  const file = await readModelFile(loc, rules);
  o.onRead(file.sha256);
  const pinned = singleFileSubject(loc.abs, file.sha256, `the sha256 pin of ${rules.what ?? 'reference model'} ${loc.rel}`);
  return loadModel({ abs: loc.abs, rel: loc.rel, bytes: file.bytes, sha256: file.sha256, verified: pinned, threads: o.threads, policy: o.policy.model, subjectAbs: loc.abs, workspace: o.workspace, position: o.position });
}

async function resolveBaseline(o: BaselineInputs): Promise<{ info: BaselineInfo; model: LoadedModel } | { none: string }> {
  const { policy, position } = o;
  const pin = policy.gates.regression?.baseline;
  const at = (p: PolicyPath) => position(p) ?? position(['gates', 'regression']);
  if (pin) {
    const where = at(['gates', 'regression', 'baseline', 'path']);
    const loc = resolveInside(o.workspace, o.workingDirectory, pin.path, 'gates.regression.baseline.path', where);
    const model = await loadPinnedModel(loc, {
      code: 'baseline',
      what: 'baseline model',
      unreadable: (reason) => `gates.regression.baseline.path ${loc.rel} cannot be read (${reason}): check the path, or commit the baseline model`,
      where,
      pin: pin.sha256,
    }, { threads: o.threads, policy, workspace: o.workspace, position, onRead: (sha256) => o.log.info(`regression: baseline ${loc.rel} (pinned, sha256 ${sha256.slice(0, 12)})`) });
    return { info: { source: 'pinned', path: loc.rel, sha256: model.sha256, signature: 'pinned' }, model };
  }
  if (!o.baseFiles) {
    return { none: 'no baseline: this run has no base commit (a push without one, or the CLI) and gates.regression.baseline pins no model; pin one ({ path, sha256 }) to compare anywhere' };
  }
  const base = o.baseFiles;
  const rel = resolveInside(o.workspace, o.workingDirectory, policy.model.path, 'model.path').rel;
  if (!(await base.exists(rel))) {
    return { none: `no baseline: the base commit has no model at ${rel} (the pull request adds it); pin one with gates.regression.baseline to compare` };
  }
  const where = at(['model', 'path']);
  const bytes = await base.read(rel);
  if (isLfsPointer(bytes.subarray(0, 200)) && bytes.length < 1024) {
    throw new GateError('baseline.lfs-pointer', `the base commit's ${rel} is a Git LFS pointer, and the base commit's LFS objects are not fetched: pin the baseline with gates.regression.baseline { path, sha256 } instead`, { where });
  }
  // The signature section of the trusted policy: over the model file, or over a folder (listed at the base commit).
  const sig = policy.signature;
  const subjectRel = sig.subject !== undefined ? resolveInside(o.workspace, o.workingDirectory, sig.subject, 'signature.subject').rel : rel;
  const folder = sig.bundle !== undefined && subjectRel !== rel;
  if (folder && !base.list) {
    throw new GateError(
      'baseline.subject',
      `the base commit's model cannot be verified here: signature.subject ${subjectRel} is a folder, which these base files cannot list; pin the baseline with gates.regression.baseline { path, sha256 } instead`,
      { where: at(['signature', 'subject']) },
    );
  }
  // The base commit's model and bundle, laid out like the workspace in a private folder, verified there.
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'model-gate-baseline-'));
  try {
    const wd = path.join(tmp, path.relative(o.workspace, o.workingDirectory));
    const written = new Set<string>();
    const put = async (r: string, b: Buffer) => {
      const abs = path.join(tmp, ...r.split('/'));
      if (written.has(r)) return abs;
      written.add(r);
      await mkdir(path.dirname(abs), { recursive: true });
      await writeFile(abs, b, { flag: 'wx' });
      return abs;
    };
    const modelAbs = await put(rel, bytes);
    // A signed folder: every regular file of it at the base commit (the verifier checks them against the manifest).
    if (folder) for (const f of await base.list!(subjectRel)) await put(f, await base.read(f));
    if (sig.bundle !== undefined) {
      const bundleRel = resolveInside(o.workspace, o.workingDirectory, sig.bundle, 'signature.bundle').rel;
      if (await base.exists(bundleRel)) await put(bundleRel, await base.read(bundleRel));
    }
    let outcome;
    try {
      outcome = await verifyModelSignatureWithSubject({ policy: sig, workspace: tmp, workingDirectory: wd, modelPath: modelAbs, trusted: o.trusted, log: (m) => o.log.info(`regression: baseline ${m}`) });
    } catch (e) {
      const err = asGateError(e, 'signature.error');
      throw new GateError(`baseline.${err.code}`, `the base commit's model ${rel} (the baseline): ${err.message}`, { kind: err.kind, where: at(['signature']) });
    }
    // The bytes read from the base commit are what runs (not re-read from the private folder): loadModel checks them
    // against the verified subject.
    const sha256 = sha256Hex(bytes);
    o.log.info(`regression: baseline ${rel} at the base commit (sha256 ${sha256.slice(0, 12)}, signature ${outcome.report.status})`);
    const model = await loadModel({
      abs: modelAbs,
      rel,
      bytes,
      sha256,
      verified: outcome.subject,
      threads: o.threads,
      policy: policy.model,
      subjectAbs: path.join(tmp, ...subjectRel.split('/')),
      workspace: tmp,
      position,
    });
    const signature: BaselineInfo['signature'] = outcome.report.status === 'verified' ? 'verified' : 'unsigned';
    return { info: { source: 'base-commit', path: rel, sha256, signature }, model };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
