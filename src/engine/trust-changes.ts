import { formatPath, type Policy, type PolicyPath, type PositionOf } from '../policy/types.ts';
import type { PolicyLoosening } from '../report/types.ts';
import type { TrustedFiles } from '../types/trusted.ts';
import { sha256Hex } from '../util/hash.ts';

/** A file whose content the gate trusts, as a policy names it. */
export interface TrustFile {
  /** Where the policy names it, e.g. `['signature', 'certificate-roots', 1]`. */
  key: PolicyPath;
  /** The path as written in the policy (relative to the working directory). */
  path: string;
  /** What it is, for messages: `trusted key file`, `reference model`... */
  what: string;
}

/**
 * The trust files of a policy: signature.key, every signature.certificate-roots file, signature.trusted-root and
 * the memorisation reference models and the regression gate's pinned baseline. (Signer identities are only ever inline in the policy, so the policy
 * comparison covers them.)
 */
export function trustFilesOf(policy: Policy): TrustFile[] {
  const out: TrustFile[] = [];
  const s = policy.signature;
  if (typeof s.key === 'string') out.push({ key: ['signature', 'key'], path: s.key, what: 'trusted key file' });
  const roots = s['certificate-roots'];
  if (typeof roots === 'string') out.push({ key: ['signature', 'certificate-roots'], path: roots, what: 'trusted certificate root file' });
  else if (Array.isArray(roots)) roots.forEach((r, i) => out.push({ key: ['signature', 'certificate-roots', i], path: r, what: 'trusted certificate root file' }));
  if (typeof s['trusted-root'] === 'string') out.push({ key: ['signature', 'trusted-root'], path: s['trusted-root'], what: 'trusted root file' });
  (policy.gates.memorisation?.['reference-models'] ?? []).forEach((r, i) =>
    out.push({ key: ['gates', 'memorisation', 'reference-models', i, 'path'], path: r.path, what: 'reference model' }),
  );
  const pinned = policy.gates.regression?.baseline;
  if (pinned) out.push({ key: ['gates', 'regression', 'baseline', 'path'], path: pinned.path, what: 'baseline model' });
  return out;
}

export interface TrustChangeInputs {
  /** The trusted (base) policy and its positions. */
  base: Policy;
  basePositionOf: PositionOf;
  /** The head's policy when it differs from the base's and parses; null otherwise. */
  head: Policy | null;
  headPositionOf: PositionOf | null;
  /** Files at the base commit and in the working tree (head). */
  baseFiles: TrustedFiles;
  headFiles: TrustedFiles;
  /** Policy path -> workspace-relative path; throws when the path leaves the workspace. */
  wsRel: (p: string) => string;
}

/**
 * Every trust file named by the base or the head policy whose bytes at the base commit differ from the pull
 * request's (absent on one side counts as different), as an entry of `report.policy.loosened` with `file` set:
 * `from`/`to` are `sha256:<hex>` of the base and head bytes (null when absent). The base commit's copy is still
 * what verifies the signature; this makes the pull request's edit visible, and it fails the run together with a
 * model or data change exactly as a loosened threshold does. Entries follow the policies' order, one per file.
 */
export async function trustFileChanges(inputs: TrustChangeInputs): Promise<PolicyLoosening[]> {
  const { base, head, baseFiles, headFiles, wsRel } = inputs;
  const candidates = [
    ...trustFilesOf(base).map((t) => ({ ...t, positionOf: inputs.headPositionOf && head ? inputs.headPositionOf : inputs.basePositionOf })),
    ...(head && inputs.headPositionOf ? trustFilesOf(head).map((t) => ({ ...t, positionOf: inputs.headPositionOf! })) : []),
  ];
  const digest = (b: Buffer | null) => (b ? `sha256:${sha256Hex(b)}` : null);
  const seen = new Set<string>();
  const out: PolicyLoosening[] = [];
  for (const t of candidates) {
    let rel: string;
    try {
      rel = wsRel(t.path);
    } catch {
      continue; // a path outside the workspace: the policy comparison or the verification reports it
    }
    if (seen.has(rel)) continue;
    seen.add(rel);
    const [b, h] = await Promise.all([baseFiles.read(rel).catch(() => null), headFiles.read(rel).catch(() => null)]);
    if ((b === null && h === null) || (b !== null && h !== null && b.equals(h))) continue;
    const verb = b === null ? 'adds' : h === null ? 'deletes' : 'changes';
    const consequence =
      t.what === 'reference model' || t.what === 'baseline model'
        ? 'it is still checked against the base policy\'s pin before it runs'
        : 'the base commit\'s copy is what this run trusts';
    const entry: PolicyLoosening = {
      path: formatPath(t.key),
      file: rel,
      from: digest(b),
      to: digest(h),
      reason: `the pull request ${verb} the ${t.what} ${rel}: ${consequence}`,
    };
    const line = lineOf(t.positionOf, t.key);
    if (line !== undefined) entry.line = line;
    out.push(entry);
  }
  return out;
}

function lineOf(positionOf: PositionOf, key: PolicyPath): number | undefined {
  for (let n = key.length; n > 0; n--) {
    const p = positionOf(key.slice(0, n));
    if (p) return p.line;
  }
  return undefined;
}
