/**
 * Attacks over the active points in chunks, when their state would not fit in memory (docs/design.md §5). An attack
 * keeps about ATTACK_ARRAYS float32 arrays of [points, D] at once (APGD: x, x0, the gradient, the best x and its
 * gradient, the previous x, the oracle's feeds and gradient output); on large inputs (224×224 images) and many
 * points that is more than the gradient model itself. Every random draw derives from (seed, attack, point id) and
 * every decision of an attack is per point, so running the points in chunks changes no result (test); only the
 * shape of the gradient batches changes.
 */
import { gatherRows } from './attacks/common.ts';
import type { Attack, AttackInput, AttackResult, ModelOracle } from './types.ts';

/** float32 [points, D] arrays an attack holds at once (an upper bound; APGD holds 8). */
const ATTACK_ARRAYS = 10;
/** The share of the memory budget the attacks' per-point state may take (the gradient sessions take the rest). */
const ATTACK_SHARE = 0.25;

/** Points per attack call for a feature space of D values: at least the gradient batch (so no run is smaller). */
export function pointsPerCall(D: number, budget: number, gradBatch: number): number {
  return Math.max(1, gradBatch, Math.floor((ATTACK_SHARE * budget) / (ATTACK_ARRAYS * D * 4)));
}

/** What the attacks return beyond AttackResult: tree's certified flags, hsja's and tree's distances (per point). */
type Result = AttackResult & { certified?: Uint8Array; distance?: Float64Array; distanceAbs?: Float64Array };

/** The oracle as a chunk sees it: its local point k is the gate's point idx[k]; queries count on the gate's oracle. */
function chunkOracle(base: ModelOracle, idx: Int32Array): ModelOracle {
  const global = (points: Int32Array): Int32Array => Int32Array.from(points, (p) => idx[p]);
  const o: ModelOracle = {
    classes: base.classes,
    get queries() { return base.queries; },
    set queries(v: number) { base.queries = v; },
    logits: (x, points) => base.logits(x, global(points)),
  };
  if (base.lossAndGrad) {
    const lg = base.lossAndGrad.bind(base);
    o.lossAndGrad = (x, points, labels, loss, targets) => lg(x, global(points), labels, loss, targets);
  }
  return o;
}

/** `atk.run(input)`, over chunks of at most `perCall` active points when there are more; the results merged. */
export async function runInChunks(atk: Attack, input: AttackInput, perCall: number): Promise<Result> {
  const act: number[] = [];
  for (let p = 0; p < input.n; p++) if (input.active[p]) act.push(p);
  if (act.length <= perCall) return atk.run(input);
  const D = input.constraints.D;
  const out: Result = { xAdv: input.x0.slice(), success: new Uint8Array(input.n), queries: 0 };
  // Progress over all chunks: every attack's first report is its whole budget, so the first chunk's gives the
  // budget per point of the later chunks.
  const progress = input.progress;
  let doneBefore = 0, brokenBefore = 0, perPoint: number | undefined;
  for (let s = 0; s < act.length; s += perCall) {
    const idx = Int32Array.from(act.slice(s, s + perCall));
    const m = idx.length;
    const later = act.length - s - m;
    const r: Result = await atk.run({
      ...input,
      x0: gatherRows(input.x0, D, idx),
      n: m,
      labels: Int32Array.from(idx, (p) => input.labels[p]),
      active: new Uint8Array(m).fill(1),
      oracle: chunkOracle(input.oracle, idx),
      ids: Int32Array.from(idx, (p) => input.ids[p]),
      progress: progress && ((p) => {
        perPoint ??= p.remainingQueries / m;
        progress({
          done: doneBefore + p.done,
          broken: p.broken === undefined ? undefined : brokenBefore + p.broken,
          remainingQueries: p.remainingQueries + later * perPoint,
        });
      }),
    });
    doneBefore += m;
    for (let k = 0; k < m; k++) brokenBefore += r.success[k];
    out.queries += r.queries;
    for (let k = 0; k < m; k++) {
      const p = idx[k];
      out.xAdv.set(r.xAdv.subarray(k * D, k * D + D), p * D);
      out.success[p] = r.success[k];
      if (r.progressed) (out.progressed ??= new Uint8Array(input.n))[p] = r.progressed[k];
      if (r.certified) (out.certified ??= new Uint8Array(input.n))[p] = r.certified[k];
      if (r.distance) (out.distance ??= new Float64Array(input.n).fill(Infinity))[p] = r.distance[k];
      if (r.distanceAbs) (out.distanceAbs ??= new Float64Array(input.n).fill(Infinity))[p] = r.distanceAbs[k];
    }
  }
  return out;
}
