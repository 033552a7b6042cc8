/**
 * Bench: memorisation metrics for 100,000 members + 100,000 non-members with 1,000 bootstrap resamples
 * (target: metric computation < 2 s). Run: node bench/memorisation.ts [members] [non-members] [resamples]
 * Prints the time of each phase: membership scores from logits (10 classes), sort, point metrics, bootstrap,
 * (on one thread, then as the gate runs it: second half on a worker thread; the process CPU time includes the worker's),
 * and the same bootstrap with three attacks (as with reference models: loss, LiRA, RMIA). Both wall and CPU time are
 * printed (the CPU time is what to compare on a machine shared with other jobs).
 */
import { allScores } from '../src/gates/memorisation/scores.ts';
import { sortScores, sweepMetrics } from '../src/gates/memorisation/roc.ts';
import { bootstrap, bootstrapParallel } from '../src/gates/memorisation/bootstrap.ts';
import type { Predictions } from '../src/gates/types.ts';
import { rng } from '../src/util/random.ts';

const P = Number(process.argv[2] ?? 100_000), N = Number(process.argv[3] ?? 100_000), B = Number(process.argv[4] ?? 1000);
const C = 10;

function synth(rows: number, shift: number, label: string): Predictions {
  const r = rng(1, label);
  const scores = new Float64Array(rows * C), labels = new Int32Array(rows), predicted = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    const y = r.int(C);
    labels[i] = y;
    let best = 0;
    for (let c = 0; c < C; c++) {
      scores[i * C + c] = r.normal() + (c === y ? 2 + shift : 0);
      if (scores[i * C + c] > scores[i * C + best]) best = c;
    }
    predicted[i] = best;
  }
  return { dataset: label, rows, classes: C, kind: 'logits', scores, labels, predicted, classLabels: [...Array(C).keys()] };
}

// Calibration: 1,000 plain sequential sums over P + N bytes (the least any per-resample pass can cost). Compare the
// bootstrap's time with this: their ratio says more than either number on a shared or throttled machine.
{
  const buf = new Uint8Array(P + N).fill(1);
  let sink = 0;
  const c0 = process.cpuUsage(), t0 = performance.now();
  for (let k = 0; k < 1000; k++) { let s = 0; for (let i = 0; i < buf.length; i++) s += buf[i]; sink += s; }
  const c = process.cpuUsage(c0);
  console.log(`${'calibration: 1000 sequential passes over P+N bytes'.padEnd(48)} ${(performance.now() - t0).toFixed(0).padStart(7)} ms wall ${((c.user + c.system) / 1000).toFixed(0).padStart(7)} ms cpu (${sink > 0 ? 'ok' : ''})`);
}
const mPred = synth(P, 0.5, 'members'), nPred = synth(N, 0, 'non-members');
// Wall time and this process's CPU time (user + system): on a shared, loaded machine the CPU time is the fairer
// measure of the work done; on an idle machine the two agree.
const t = async (label: string, f: () => unknown) => {
  const c0 = process.cpuUsage(), t0 = performance.now();
  const out = await f();
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  const cpu = (c.user + c.system) / 1000;
  console.log(`${label.padEnd(48)} ${ms.toFixed(0).padStart(7)} ms wall ${cpu.toFixed(0).padStart(7)} ms cpu`);
  return { out, ms, cpu };
};
console.log(`members ${P}, non-members ${N}, classes ${C}, resamples ${B}, node ${process.version}`);
const s1 = await t('membership scores (all kinds, from logits)', () => [allScores(mPred, 'members'), allScores(nPred, 'non-members')]);
const [ms, ns] = s1.out as ReturnType<typeof allScores>[];
const s2 = await t('sort once', () => sortScores(ms.loss, ns.loss, 'loss'));
const sorted = s2.out as ReturnType<typeof sortScores>;
const s3 = await t('point metrics (auc, advantage, tpr@fpr)', () => sweepMetrics(sorted));
console.log('  point:', JSON.stringify(s3.out));
await t(`bootstrap ${B} resamples, 1 attack, one thread`, () => bootstrap({ attacks: { loss: sorted }, memberCorrect: ms.correct, nonMemberCorrect: ns.correct, resamples: B, seed: 0 }));
const s4 = await t(`bootstrap ${B} resamples, 1 attack (2 threads)`, () => bootstrapParallel({ attacks: { loss: sorted }, memberCorrect: ms.correct, nonMemberCorrect: ns.correct, resamples: B, seed: 0 }));
console.log('  ci auc:', JSON.stringify((s4.out as ReturnType<typeof bootstrap>).worst.auc));
console.log(`TOTAL metric computation (sort + point + bootstrap, 1 attack): ${(s2.ms + s3.ms + s4.ms).toFixed(0)} ms wall, ${(s2.cpu + s3.cpu + s4.cpu).toFixed(0)} ms cpu`);
const sortedB = sortScores(ms.logitScaled, ns.logitScaled, 'lira');
const sortedC = sortScores(ms.negMentr, ns.negMentr, 'entropy');
await t(`bootstrap ${B} resamples, 3 attacks (2 threads)`, () => bootstrapParallel({ attacks: { loss: sorted, lira: sortedB, rmia: sortedC }, memberCorrect: ms.correct, nonMemberCorrect: ns.correct, resamples: B, seed: 0 }));
