#!/usr/bin/python3
"""scipy on real columns, for test/stats/real-columns.test.ts (issue 16: "the largest difference against scipy on a
few real columns"). Debian's interpreter (numpy 1.24, scipy 1.10.1):

    /usr/bin/python3 scripts/make-real-column-references.py

Pairs of real samples:
- the credit example: every numeric column of data/train_sample.csv (reference, 200 rows) against data/eval.csv
  (current, 600 rows): exact KS; `sex` categorical (chi-square as Evidently's chisquare normalises it);
- UCI Adult (test split, encoded): women's rows (reference) against men's rows (current, 10,860 > 10,000 rows, so
  scipy's `auto` takes the asymptotic KS): age, education-num, capital-gain, hours-per-week; race categorical.
Outputs: ks_2samp statistic and p (method auto), wasserstein_distance / max(std(ref), 0.001) (Evidently's
wasserstein), chisquare p with f_exp = ref counts * n_cur / n_ref over the sorted union of categories.
Writes test/fixtures/stats/real-columns.json."""
import csv, json, os
import numpy as np
import scipy, scipy.stats as st

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
assert scipy.__version__ == '1.10.1', scipy.__version__

def read(path):
    with open(os.path.join(root, path), newline='') as f:
        return list(csv.DictReader(f))

cases = []
def numeric(name, ref, cur, col):
    a = np.array([float(r[col]) for r in ref]); b = np.array([float(r[col]) for r in cur])
    ks = st.ks_2samp(a, b, method='auto')
    w = st.wasserstein_distance(a, b) / max(float(np.std(a)), 0.001)
    cases.append(dict(name=name, column=col, kind='numeric', n_ref=len(a), n_cur=len(b),
                      ks_statistic=float(ks.statistic), ks_p=float(ks.pvalue), wasserstein_norm=float(w)))
def categorical(name, ref, cur, col):
    a = [r[col] for r in ref]; b = [r[col] for r in cur]
    keys = sorted(set(a) | set(b))
    fr = np.array([a.count(k) for k in keys], float); fc = np.array([b.count(k) for k in keys], float)
    p = st.chisquare(fc, fr * len(b) / len(a)).pvalue
    cases.append(dict(name=name, column=col, kind='categorical', n_ref=len(a), n_cur=len(b), categories=keys, chisquare_p=float(p)))

train, ev = read('examples/credit/data/train_sample.csv'), read('examples/credit/data/eval.csv')
for c in ['age', 'income', 'debt_ratio', 'credit_lines', 'late_payments', 'employment_years']:
    numeric('credit', train, ev, c)
categorical('credit', train, ev, 'sex')
adult = read('test/fixtures/data/adult/adult-test-encoded.csv')
women = [r for r in adult if r['sex'] == 'Female']; men = [r for r in adult if r['sex'] == 'Male']
for c in ['age', 'education-num', 'capital-gain', 'hours-per-week']:
    numeric('adult', women, men, c)
categorical('adult', women, men, 'race')
with open(os.path.join(root, 'test/fixtures/stats/real-columns.json'), 'w') as f:
    json.dump(dict(meta=dict(scipy=scipy.__version__, numpy=np.__version__), cases=cases), f, indent=1)
    f.write('\n')
