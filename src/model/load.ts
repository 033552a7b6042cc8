import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { GateError, type Where } from '../errors.ts';
import type { ModelReport } from '../types/report-parts.ts';
import type { ModelPolicy } from '../types/policy-parts.ts';
import type { PositionOf } from '../types/position.ts';
import type { Dataset } from '../data/types.ts';
import { decodeModel, encodeModel, type ModelProto } from './onnx/proto.ts';
import { externalDataFiles } from './onnx/tensor.ts';
import { buildFeatureView, fmtShape, type FeatureView, type InputInfo } from './features.ts';
import { detectOutput, type OutputChoice } from './outputs.ts';
import { resolveInside } from '../util/paths.ts';
import { checkVerified, readVerified, type VerifiedSubject } from '../util/verified.ts';
import { minBatchRows, sessionThreads } from './batch-rule.ts';

export interface LoadModelOptions {
  abs: string;
  rel: string;
  /** The model file's bytes, read once; `sha256` is their digest. */
  bytes: Buffer;
  sha256: string;
  /** What the signature (or pin) vouches for; null when the model is unsigned. Every byte loaded is checked against it. */
  verified: VerifiedSubject | null;
  threads: number;
  policy: ModelPolicy;
  /** Absolute path of what the signature covers (file or folder): external data must lie inside it. */
  subjectAbs: string;
  workspace: string;
  position: PositionOf;
}

export interface LoadedModel {
  rel: string;
  abs: string;
  sha256: string;
  size: number;
  /** The decoded model as signed (before any rewrite). */
  proto: ModelProto;
  /** The bytes the session runs: the signed model, plus any outputs model-gate exposed (see OutputChoice). */
  bytes: Uint8Array;
  opset: number | null;
  session: ort.InferenceSession;
  /**
   * The external-data files, read once and verified, keyed by the location written in the model. Every session
   * created from `bytes` (or a graph derived from it) must get them (see `sessionOptions`): onnxruntime then never
   * resolves a path, so it reads no file that was not verified.
   */
  externalData: ExternalData;
  ortVersion: string;
  /** Intra-op threads of its sessions: the requested count, or 1 for a tree ensemble (src/model/batch-rule.ts). */
  threads: number;
  /** The fewest rows per model run (src/model/batch-rule.ts `minBatchRows`): smaller runs are padded (`runAtLeast`). */
  minBatch: number;
  inputs: InputInfo[];
  output: OutputChoice;
  /** Tensor outputs fetched on every run. */
  fetch: string[];
  warnings: string[];
  /** How a dataset is fed to this model (memoised per dataset). */
  featureView(ds: Dataset): FeatureView;
  report(rootDigest?: string): ModelReport;
}

export type ExternalData = { path: string; data: Uint8Array }[];

/**
 * Session options shared by every session model-gate creates: fixed threads, deterministic execution, and the
 * model's verified external data in memory (sessions are always created from bytes, never from a path).
 */
export function sessionOptions(threads: number, externalData: ExternalData = []): ort.InferenceSession.SessionOptions {
  return {
    ...(externalData.length > 0 ? { externalData } : {}),
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
    logSeverityLevel: 4,
    // Idle intra-op threads must not spin: between runs the JavaScript side (feature views, attacks, metrics) needs
    // the cores, and a second session (gradients, reference models) would otherwise compete with spinning threads.
    extra: { session: { intra_op: { allow_spinning: '0' }, inter_op: { allow_spinning: '0' } } },
  };
}

/** The model bytes with the given intermediate tensors added as graph outputs (`OutputChoice.addOutputs`); unchanged when none. */
export function exposeOutputs(bytes: Uint8Array, names: readonly string[]): Uint8Array {
  if (names.length === 0) return bytes;
  const copy = decodeModel(bytes);
  for (const name of names) copy.graph!.output.push({ name, metadataProps: [] });
  return encodeModel(copy);
}

export async function loadModel(o: LoadModelOptions): Promise<LoadedModel> {
  const where: Where | undefined = o.position(['model', 'path']);
  // The model's own bytes must be what the signature (or pin) vouched for, before anything reads them.
  if (o.verified) checkVerified(o.verified, o.abs, o.rel, { bytes: o.bytes, sha256: o.sha256 }, 'model');
  let proto: ModelProto;
  try {
    proto = decodeModel(o.bytes);
  } catch (e) {
    throw new GateError('model.corrupt', `${o.rel} is not a valid ONNX model (${(e as Error).message}): re-export it, or check that the file was not truncated`, { where });
  }
  if (!proto.graph) throw new GateError('model.corrupt', `${o.rel} is not a valid ONNX model (no graph): re-export it`, { where });
  const opset = proto.opsetImport?.find((x) => !x.domain || x.domain === 'ai.onnx')?.version ?? null;

  // Only verified bytes run: each external-data file must lie inside the workspace AND the signed subject; it is
  // read once here and checked against the signature, and onnxruntime gets it from memory.
  const externals = externalDataFiles(proto);
  const modelDir = path.dirname(o.abs);
  const externalData: ExternalData = [];
  for (const ext of externals) {
    if (externalData.some((e) => e.path === ext.location)) continue;
    const rel = path.relative(o.workspace, path.resolve(modelDir, ext.location)).split(path.sep).join('/');
    const inWs = resolveInside(o.workspace, modelDir, ext.location, `external data of tensor "${ext.tensor}"`, where);
    const sub = path.relative(o.subjectAbs, inWs.abs);
    if (sub === '' ? o.subjectAbs !== inWs.abs : sub.startsWith('..') || path.isAbsolute(sub)) {
      throw new GateError(
        'model.external-data',
        `${o.rel}: external data file ${rel} (tensor "${ext.tensor}") lies outside the signed subject ${path.relative(o.workspace, o.subjectAbs) || '.'}: sign the model's folder (signature.subject) so its data is covered`,
        { where },
      );
    }
    const { bytes } = await readVerified(inWs.abs, inWs.rel, o.verified, `external data file (tensor "${ext.tensor}")`);
    externalData.push({ path: ext.location, data: bytes });
  }

  // Pick the output; rewrites only ADD graph outputs (e.g. the tensor feeding a ZipMap or a final Softmax).
  const choice = detectOutput(proto, o.policy.output, { file: where?.file ?? o.rel, position: o.position });
  const bytes = exposeOutputs(o.bytes, choice.addOutputs);
  // A row's outputs must not depend on its batch: tree ensembles run on one thread (src/model/batch-rule.ts).
  const threads = sessionThreads(proto, o.threads);

  let session: ort.InferenceSession;
  try {
    // Always from the verified bytes, with the verified external data in memory: no path is ever resolved.
    session = await ort.InferenceSession.create(bytes, sessionOptions(threads, externalData));
  } catch (e) {
    const msg = (e as Error).message.replace(/\s+/g, ' ').slice(0, 400);
    throw new GateError('model.unsupported', `onnxruntime cannot load ${o.rel}: ${msg}: check the opset (onnxruntime ${ort.env.versions.node ?? ''} supports up to opset 23) and custom operators`, { where });
  }
  const inputs: InputInfo[] = session.inputMetadata.map((m) => {
    if (!m.isTensor) throw new GateError('model.inputs', `model input "${m.name}" is not a tensor: model-gate feeds tensor inputs only`, { where });
    return { name: m.name, type: m.type, shape: [...m.shape] };
  });
  const minBatch = minBatchRows(inputs, threads);
  const views = new Map<string, FeatureView>();
  const warnings = [...choice.warnings];
  const ioList = (list: readonly ort.InferenceSession.ValueMetadata[]) =>
    list.map((m) => (m.isTensor ? { name: m.name, type: m.type as string, shape: m.shape.map((d) => (d === '' ? 'N' : d)) } : { name: m.name, type: 'non-tensor', shape: [] }));
  const outputsMeta = ioList(session.outputMetadata).filter((x) => !choice.addOutputs.includes(x.name));
  const inputsMeta = ioList(session.inputMetadata);

  return {
    rel: o.rel,
    abs: o.abs,
    sha256: o.sha256,
    size: o.bytes.length,
    proto,
    bytes,
    opset,
    session,
    externalData,
    ortVersion: String(ort.env.versions.node ?? ort.env.versions.common ?? 'unknown'),
    threads,
    minBatch,
    inputs,
    output: choice,
    fetch: choice.fetch,
    warnings,
    featureView(ds) {
      let v = views.get(ds.name);
      if (!v) {
        v = buildFeatureView(ds, inputs, o.policy.inputs, { policyFile: where?.file ?? 'policy' });
        // Never fewer rows per run than the batch rule's minimum (a model with large rows gets batches of that many).
        v.batchSize = Math.max(v.batchSize, minBatch);
        views.set(ds.name, v);
      }
      return v;
    },
    report(rootDigest) {
      return {
        path: o.rel,
        sha256: o.sha256,
        digest: rootDigest ?? `sha256:${o.sha256}`,
        size: o.bytes.length,
        opset,
        inputs: inputsMeta,
        outputs: outputsMeta,
        output_used: { name: choice.name, kind: choice.kind, detected: choice.detected },
        ...(choice.classes ? { classes: choice.classes } : {}),
      };
    },
  };
}

export { fmtShape };
