/**
 * Threshold-crossing attack for tree ensembles (ai.onnx.ml TreeEnsembleClassifier / TreeEnsembleRegressor).
 * The scores of a tree ensemble are piecewise constant on the grid of its split thresholds, so a score-based
 * attack such as Square stalls on plateaus. This attack reads every split threshold from the model and moves
 * features to "just past" thresholds: for a threshold t above the clean value the candidates are t and the next
 * float32 above t, below it t and the next float32 below (which one crosses depends on the node mode, LEQ/LT/...;
 * both are tried). A candidate point is a choice of one such value (or the clean value) per feature, projected on
 * the constraints, and evaluated by the oracle in batches.
 * - search at radius r (units of ε): when the grid of candidate values within r has at most `exhaustive` points
 *   (and there are no one-hot groups), every one is evaluated (exact minimum over the grid); otherwise a beam
 *   search on the margin: each step changes one feature (or switches one one-hot group) of each beam state, keeps
 *   the `beam` lowest-margin children (ties broken at random, seeded), and stops at the first misclassification;
 * - minimum: first at r = 1 (the full ball); when it succeeds, a binary search over the sorted candidate radii below
 *   the distance found, while the per-point query budget lasts.
 * Reported per point: `distance` (ε units; Infinity when not broken) and `distanceAbs`.
 */
import type { Attack, AttackInput, AttackResult, Constraints } from '../types.ts';
import type { Rng } from '../../../util/random.ts';
import { decodeModel, attrFloats, attrInts, attrStrings, attrTensor, type GraphProto, type NodeProto } from '../../../model/onnx/proto.ts';
import { tensorToArray } from '../../../model/onnx/tensor.ts';
import { nextFloat32Toward } from '../constraints.ts';
import { GateError } from '../../../errors.ts';
import { ballFeatures, blackboxRng, marginOf, misclassified, mutableGroups, rowsDiffer, scaledDistance } from './common.ts';

/** Split thresholds per feature of the feature space (sorted, unique), and whether any tree uses each feature. */
export interface TreeSplits {
  thresholds: Float64Array[];
  /** Number of tree-ensemble nodes found. */
  ensembles: number;
  /**
   * True when the feature inputs reach nothing but tree ensembles (through Identity/Cast): the scores then depend on
   * the features only through these thresholds, and an exhaustive grid search certifies a point.
   */
  complete: boolean;
}

const TREE_OPS = new Set(['TreeEnsembleClassifier', 'TreeEnsembleRegressor', 'TreeEnsemble']);

/**
 * Reads the split thresholds of every tree ensemble of the model. `inputOffsets` maps a graph input name to where
 * its columns start in the feature space (default: every float graph input at offset 0, i.e. a single input).
 * The ensemble's input must be a graph input, possibly through Identity/Cast; anything else (a Scaler, a
 * preprocessing step) cannot be mapped back to the features and is an error.
 */
export function treeSplits(model: Uint8Array, D: number, inputOffsets?: Record<string, number>): TreeSplits {
  const m = decodeModel(model);
  const g = m.graph;
  if (!g) throw new GateError('robustness.tree-model', 'the tree attack needs a model with a graph; use attacks: [square] for this model');
  const producers = new Map<string, NodeProto>();
  for (const n of g.node) for (const o of n.output) producers.set(o, n);
  const inputs = new Set(g.input.map((i) => i.name ?? ''));
  const sets: Set<number>[] = Array.from({ length: D }, () => new Set<number>());
  let ensembles = 0;
  const visit = (graph: GraphProto): void => {
    for (const node of graph.node) {
      if (!TREE_OPS.has(node.opType ?? '') || (node.domain ?? '') !== 'ai.onnx.ml') continue;
      ensembles++;
      let src: string = node.input[0] ?? "";
      for (let guard = 0; guard < 16 && !inputs.has(src); guard++) {
        const p = producers.get(src);
        if (!p || !['Identity', 'Cast'].includes(p.opType ?? '')) break;
        src = p.input[0] ?? "";
      }
      if (!inputs.has(src)) {
        throw new GateError('robustness.tree-input', `the tree ensemble '${node.name ?? node.opType}' reads '${node.input[0]}', which is computed from the inputs, so its thresholds cannot be mapped to features; use attacks: [square] for this model`);
      }
      const offset = inputOffsets ? inputOffsets[src] : 0;
      if (offset === undefined) throw new GateError('robustness.tree-input', `the tree ensemble reads input '${src}', which is not in the feature space; use attacks: [square] for this model`);
      const feats = attrInts(node, 'nodes_featureids') ?? [];
      const modes = attrStrings(node, 'nodes_modes') ?? [];
      let values: ArrayLike<number> | undefined = attrFloats(node, 'nodes_values');
      if (!values || values.length === 0) {
        const t = attrTensor(node, 'nodes_values_as_tensor');
        if (t) values = tensorToArray(t) as ArrayLike<number>;
      }
      if (node.opType === 'TreeEnsemble') {
        // ai.onnx.ml opset 5: nodes_splits (tensor), nodes_featureids
        const t = attrTensor(node, 'nodes_splits');
        if (t) values = tensorToArray(t) as ArrayLike<number>;
      }
      if (!values || values.length !== feats.length) {
        throw new GateError('robustness.tree-model', `the tree ensemble '${node.name ?? node.opType}' has ${feats.length} feature ids and ${values?.length ?? 0} split values; the model is malformed`);
      }
      for (let k = 0; k < feats.length; k++) {
        if (modes[k] === 'LEAF') continue;
        const f = offset + feats[k];
        if (f < 0 || f >= D) throw new GateError('robustness.tree-model', `a tree splits on feature ${feats[k]} of '${src}', outside the ${D} features; the model does not match the data`);
        const v = Number(values[k]);
        if (Number.isFinite(v)) sets[f].add(v);
      }
    }
  };
  visit(g);
  // completeness: every consumer of a feature input is a tree ensemble (possibly through Identity/Cast)
  const consumers = new Map<string, NodeProto[]>();
  for (const n of g.node) for (const i of n.input) { if (!consumers.has(i)) consumers.set(i, []); consumers.get(i)!.push(n); }
  let complete = true;
  const featureInputs = inputOffsets ? Object.keys(inputOffsets) : g.input.map((i) => i.name ?? '');
  const walk = (v: string, depth: number): void => {
    for (const n of consumers.get(v) ?? []) {
      if (TREE_OPS.has(n.opType ?? '') && n.input[0] === v) continue;
      if (['Identity', 'Cast'].includes(n.opType ?? '') && depth < 16) { for (const o of n.output) walk(o, depth + 1); continue; }
      complete = false;
    }
    if (g.output.some((o) => o.name === v)) complete = false;
  };
  for (const v of featureInputs) walk(v, 0);
  if (ensembles === 0) throw new GateError('robustness.tree-model', 'the tree attack needs a TreeEnsembleClassifier/TreeEnsembleRegressor (ai.onnx.ml) node; use attacks: [square] or auto for this model');
  return { thresholds: sets.map((s) => Float64Array.from([...s].sort((a, b) => a - b))), ensembles, complete };
}

export interface TreeAttackOptions {
  splits: TreeSplits;
  /** Model evaluations per point (policy `queries`). */
  queries?: number;
  beam?: number;
  /** Largest grid evaluated exhaustively (0: always beam search). */
  exhaustive?: number;
  /** Search for the smallest perturbation after the first success (default true). */
  minimize?: boolean;
  name?: string;
}

export interface TreeResult extends AttackResult {
  /** 1 where every candidate point of the ball was evaluated and none is misclassified: robust, not just unbroken. */
  certified: Uint8Array;
  distance: Float64Array;
  distanceAbs: Float64Array;
}

export function makeTreeAttack(opts: TreeAttackOptions): Omit<Attack, 'run'> & { run(input: AttackInput): Promise<TreeResult> } {
  const budget = opts.queries ?? 5000;
  const beam = opts.beam ?? 8;
  const exhaustive = opts.exhaustive ?? 4096;
  const minimize = opts.minimize ?? true;
  const name = opts.name ?? 'tree';
  return {
    name,
    method: 'score-based',
    parameters: { queries: budget, beam, exhaustive_grid: exhaustive, minimize, thresholds: opts.splits.thresholds.reduce((a, t) => a + t.length, 0) },
    needsGradient: false,
    run: (input) => runTree(input, opts.splits, budget, beam, exhaustive, minimize, name),
  };
}

/** Candidate values of one feature: value and its distance in ε units. */
interface Cand { v: number; r: number }

function featureCandidates(c: Constraints, f: number, x0: number, ths: Float64Array): Cand[] {
  const out = new Map<number, number>();
  const e = c.eps[f];
  const add = (v: number): void => {
    if (c.integer[f]) {
      for (const w of [Math.floor(v), Math.ceil(v), Math.floor(v) + 1, Math.ceil(v) - 1]) push(w);
    } else push(v);
  };
  const push = (v: number): void => {
    if (v === x0 || !Number.isFinite(v)) return;
    const r = Math.abs(v - x0) / e;
    if (!(r <= 1) || v < c.lo[f] || v > c.hi[f]) return;
    if (Math.fround(v) !== v) return;
    out.set(v, r);
  };
  for (const t0 of ths) {
    const t = Math.fround(t0);
    if (Math.abs(t - x0) > e) continue; // both candidates lie at t or beyond it
    if (t > x0) { add(t); add(nextFloat32Toward(t, Infinity)); } else if (t < x0) { add(t); add(nextFloat32Toward(t, -Infinity)); } else { add(nextFloat32Toward(t, Infinity)); add(nextFloat32Toward(t, -Infinity)); }
  }
  return [...out].map(([v, r]) => ({ v, r })).sort((a, b) => a.r - b.r || a.v - b.v);
}

async function runTree(input: AttackInput, splits: TreeSplits, budget: number, beamW: number, exhaustive: number, minimize: boolean, name: string): Promise<TreeResult> {
  const c = input.constraints;
  const D = c.D;
  const C = input.oracle.classes;
  const n = input.n;
  if (splits.thresholds.length !== D) throw new GateError('robustness.tree-model', `tree splits cover ${splits.thresholds.length} features, the feature space has ${D}`);
  const startQueries = input.oracle.queries;
  const xAdv = input.x0.slice();
  const success = new Uint8Array(n);
  const progressed = new Uint8Array(n);
  const distance = new Float64Array(n).fill(Infinity);
  const distanceAbs = new Float64Array(n).fill(Infinity);
  const certified = new Uint8Array(n);
  const ball = ballFeatures(c);
  const groups = mutableGroups(c);

  // Progress: the points are attacked one after the other, each with at most `budget` evaluations.
  let nActive = 0, finished = 0, broken = 0, previous = -1;
  for (let p = 0; p < n; p++) nActive += input.active[p];
  const tick = input.progress && (() => {
    // the previous active point is finished once the loop moves on
    if (previous >= 0) { finished++; broken += success[previous]; }
    input.progress!({ done: finished, broken, remainingQueries: (nActive - finished) * budget });
  });
  for (let p = 0; p < n; p++) {
    if (!input.active[p]) continue;
    tick?.();
    previous = p;
    input.checkBudget?.();
    const x0 = input.x0.subarray(p * D, p * D + D).slice();
    const y = input.labels[p];
    const g = blackboxRng(input, name, p);
    let used = 0;
    const pid = new Int32Array([p]);
    const zc = await input.oracle.logits(x0, pid);
    used++;
    if (misclassified(zc, 0, C, y)) { success[p] = 1; distance[p] = 0; distanceAbs[p] = 0; continue; }
    const cands: Cand[][] = [];
    const feats: number[] = [];
    for (const f of ball) {
      const cs = featureCandidates(c, f, x0[f], splits.thresholds[f]);
      if (cs.length > 0) { cands.push(cs); feats.push(f); }
    }
    const x0rows = x0; // one row
    /** Evaluates rows (projected), returns margins and misclassification flags. */
    const evaluate = async (rows: Float32Array, k: number): Promise<{ margin: Float64Array; mis: Uint8Array }> => {
      const zero = new Int32Array(k);
      c.project(rows, x0rows, k, zero);
      const z = await input.oracle.logits(rows, new Int32Array(k).fill(p));
      used += k;
      const margin = new Float64Array(k), mis = new Uint8Array(k);
      for (let r = 0; r < k; r++) {
        if (!progressed[p] && rowsDiffer(z, r, zc, 0, C)) progressed[p] = 1;
        margin[r] = marginOf(z, r, C, y);
        mis[r] = misclassified(z, r, C, y) ? 1 : 0;
      }
      return { margin, mis };
    };
    const dist = (x: Float32Array, o: number): number => scaledDistance(c, x, o, x0, 0);

    /** Best adversarial point within radius r, or null. */
    let exact = false;
    const search = async (r: number): Promise<{ x: Float32Array; d: number } | null> => {
      const within = cands.map((cs) => cs.filter((cd) => cd.r <= r));
      let grid = 1;
      for (const w of within) { grid *= w.length + 1; if (grid > exhaustive) break; }
      if (groups.length === 0 && grid <= exhaustive && grid <= budget - used) {
        // every combination (L2: only those inside the ball of radius r)
        const combos: Float32Array[] = [];
        const idx = new Int32Array(within.length);
        for (;;) {
          const x = x0.slice();
          let s2 = 0, mx = 0;
          for (let j = 0; j < within.length; j++) {
            if (idx[j] === 0) continue;
            const cd = within[j][idx[j] - 1];
            x[feats[j]] = cd.v;
            s2 += cd.r * cd.r; mx = Math.max(mx, cd.r);
          }
          if ((c.norm === 'linf' ? mx : Math.sqrt(s2)) <= r) combos.push(x);
          let j = 0;
          while (j < within.length) { idx[j]++; if (idx[j] <= within[j].length) break; idx[j] = 0; j++; }
          if (j === within.length) break;
        }
        const rows = new Float32Array(combos.length * D);
        combos.forEach((x, k) => rows.set(x, k * D));
        const ev = await evaluate(rows, combos.length);
        exact = true;
        let bestK = -1, bestD = Infinity;
        for (let k = 0; k < combos.length; k++) {
          if (!ev.mis[k]) continue;
          const dd = dist(rows, k * D);
          if (dd < bestD) { bestD = dd; bestK = k; }
        }
        return bestK < 0 ? null : { x: rows.slice(bestK * D, bestK * D + D), d: bestD };
      }
      // beam search
      let states: Float32Array[] = [x0.slice()];
      const seen = new Set<string>([key(x0)]);
      for (let depth = 0; depth < feats.length + groups.length; depth++) {
        const children: Float32Array[] = [];
        for (const s of states) {
          for (let j = 0; j < feats.length; j++) {
            const f = feats[j];
            for (const cd of within[j]) {
              if (s[f] === cd.v) continue;
              const x = s.slice();
              x[f] = cd.v;
              if (c.norm === 'l2' && dist(x, 0) > r) continue;
              const kx = key(x);
              if (seen.has(kx)) continue;
              seen.add(kx);
              children.push(x);
            }
          }
          for (const grp of groups) {
            for (const i of grp) {
              if (s[i] === 1) continue;
              const x = s.slice();
              for (const j of grp) x[j] = j === i ? 1 : 0;
              const kx = key(x);
              if (seen.has(kx)) continue;
              seen.add(kx);
              children.push(x);
            }
          }
        }
        if (children.length === 0) return null;
        const room = budget - used;
        if (room <= 0) return null;
        if (children.length > room) { shuffle(children, g); children.length = room; }
        const rows = new Float32Array(children.length * D);
        children.forEach((x, k) => rows.set(x, k * D));
        const ev = await evaluate(rows, children.length);
        let bestK = -1, bestD = Infinity;
        for (let k = 0; k < children.length; k++) {
          if (!ev.mis[k]) continue;
          const dd = dist(rows, k * D);
          if (dd < bestD) { bestD = dd; bestK = k; }
        }
        if (bestK >= 0) return { x: rows.slice(bestK * D, bestK * D + D), d: bestD };
        const order = children.map((_, k) => ({ k, m: ev.margin[k], t: g.next(), d: dist(rows, k * D) }));
        order.sort((a, b) => a.m - b.m || a.t - b.t);
        states = order.slice(0, beamW).map((o) => rows.slice(o.k * D, o.k * D + D));
      }
      return null;
    };

    let found = await search(1);
    if (!found && exact && splits.complete) certified[p] = 1;
    if (found && minimize && !exact) {
      const radii = [...new Set(cands.flatMap((cs) => cs.map((cd) => cd.r)).filter((r) => r < found!.d))].sort((a, b) => a - b);
      let lo = 0, hi = radii.length; // the answer's index is in [lo, hi]; hi = "the current best"
      while (lo < hi && used < budget) {
        const mid = (lo + hi) >> 1;
        const f2 = await search(radii[mid]);
        if (f2 && f2.d < found.d) {
          found = f2;
          let k = mid;
          while (k > 0 && radii[k - 1] >= f2.d) k--;
          hi = k;
        } else lo = mid + 1;
      }
    }
    if (found) {
      const xs = found.x.slice();
      c.project(xs, x0, 1);
      if (c.feasible(xs, 0, x0, 0)) {
        success[p] = 1;
        xAdv.set(xs, p * D);
        distance[p] = found.d;
        distanceAbs[p] = c.perturbation(xs, 0, x0, 0).abs;
      }
    }
  }
  tick?.();
  return { xAdv, success, queries: input.oracle.queries - startQueries, progressed, certified, distance, distanceAbs };
}

function key(x: Float32Array): string {
  return Buffer.from(x.buffer, x.byteOffset, x.byteLength).toString('base64');
}

function shuffle<T>(a: T[], g: Rng): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = g.int(i + 1);
    const t = a[i]; a[i] = a[j]; a[j] = t;
  }
}
