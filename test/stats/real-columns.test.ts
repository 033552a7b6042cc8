/**
 * The drift statistics on real columns against scipy 1.10.1 (test/fixtures/stats/real-columns.json, written by
 * scripts/make-real-column-references.py): the credit example's training sample against its evaluation set (exact
 * KS), and UCI Adult's women against its men (10,860 rows: scipy's `auto` takes the asymptotic KS); numeric columns
 * (KS statistic and p, Evidently's normed Wasserstein) and one categorical column each (Evidently's chi-square).
 * The CSVs are parsed here by hand; the library functions are called directly.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ks2samp } from '../../src/stats/ks.ts';
import { chiSquareP, wassersteinNorm, type DriftColumn } from '../../src/stats/drift.ts';
import { ROOT } from '../helpers/workspace.ts';

function rows(file: string): Record<string, string>[] {
  const [head, ...lines] = readFileSync(path.join(ROOT, file), 'utf8').trim().split('\n');
  const cols = head.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i], v])));
}

const credit = { ref: rows('examples/credit/data/train_sample.csv'), cur: rows('examples/credit/data/eval.csv') };
const adultAll = rows('test/fixtures/data/adult/adult-test-encoded.csv');
const adult = { ref: adultAll.filter((r) => r.sex === 'Female'), cur: adultAll.filter((r) => r.sex === 'Male') };
const ref = JSON.parse(readFileSync(path.join(ROOT, 'test/fixtures/stats/real-columns.json'), 'utf8'));

const rel = (a: number, b: number) => (a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b)));

test('KS, normed Wasserstein and chi-square on real columns equal scipy 1.10.1 to 1e-12 (relative)', () => {
  assert.equal(ref.meta.scipy, '1.10.1');
  let worst = 0;
  const methods = new Set<string>();
  for (const c of ref.cases) {
    const pair = c.name === 'credit' ? credit : adult;
    if (c.kind === 'numeric') {
      const a = Float64Array.from(pair.ref, (r) => Number(r[c.column]));
      const b = Float64Array.from(pair.cur, (r) => Number(r[c.column]));
      assert.deepEqual([a.length, b.length], [c.n_ref, c.n_cur]);
      const ks = ks2samp(a, b);
      methods.add(ks.method);
      assert.equal(ks.statistic, c.ks_statistic, `${c.name} ${c.column} KS statistic`);
      for (const [ours, theirs, what] of [[ks.pvalue, c.ks_p, 'KS p'], [wassersteinNorm(a, b), c.wasserstein_norm, 'wasserstein']] as const) {
        const d = rel(ours, theirs);
        worst = Math.max(worst, d);
        assert.ok(d <= 1e-12, `${c.name} ${c.column} ${what}: ${ours} vs scipy ${theirs} (relative ${d})`);
      }
    } else {
      const cats: string[] = c.categories;
      const codes = (rs: Record<string, string>[]) => Int32Array.from(rs, (r) => cats.indexOf(r[c.column]));
      const col = (rs: Record<string, string>[]): DriftColumn => ({ kind: 'categorical', codes: codes(rs), categories: cats.length });
      const p = chiSquareP(col(pair.ref), col(pair.cur));
      const d = rel(p, c.chisquare_p);
      worst = Math.max(worst, d);
      assert.ok(d <= 1e-12, `${c.name} ${c.column} chi-square p: ${p} vs scipy ${c.chisquare_p} (relative ${d})`);
    }
  }
  assert.deepEqual([...methods].sort(), ['asymp', 'exact'], 'both KS branches ran');
  if (process.env.MG_SHOW_NUMBERS) console.log(`largest relative difference vs scipy on real columns: ${worst}`);
});
