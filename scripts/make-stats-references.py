#!/usr/bin/python3
"""Reference numbers for test/stats/*.test.ts, computed by scipy (and, for the special functions, also mpmath at
50 digits), never by our own code. Debian's interpreter has the versions the tests name (numpy 1.24, scipy 1.10.1,
mpmath 1.2):

    /usr/bin/python3 scripts/make-stats-references.py

Writes test/fixtures/stats/special.json, ks.json, drift.json and paired.json: each a list of cases with the inputs
and the reference outputs. The tests never run Python; rerun this script only when a case is added."""
import json, os, math
import numpy as np
import scipy, scipy.special as sp, scipy.stats as st
from scipy.spatial import distance
import mpmath

mpmath.mp.dps = 50
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
out = os.path.join(root, 'test/fixtures/stats')
os.makedirs(out, exist_ok=True)
assert scipy.__version__ == '1.10.1' and np.__version__.startswith('1.24'), (scipy.__version__, np.__version__)
meta = {'scipy': scipy.__version__, 'numpy': np.__version__, 'mpmath': mpmath.__version__}

def write(name, obj):
    obj = dict(meta=meta, **obj)
    with open(os.path.join(out, name + '.json'), 'w') as f:
        json.dump(obj, f, separators=(',', ':'))
        f.write('\n')

def num(v):
    v = float(v)
    if math.isnan(v): return 'NaN'
    if math.isinf(v): return 'Infinity' if v > 0 else '-Infinity'
    return v

# ---------------------------------------------------------------- special functions
rng = np.random.default_rng(20261201)
gamma_cases = []
avals = [1e-8, 1e-3, 0.1, 0.5, 1, 1.5, 2, 2.5, 3, 5, 7.5, 10, 12.5, 20, 35.5, 50, 100, 250.5, 1000, 5000, 1e5]
for a in avals:
    for r in [1e-6, 0.01, 0.1, 0.3, 0.5, 0.8, 0.9, 0.95, 0.99, 1, 1.01, 1.05, 1.1, 1.3, 1.5, 2, 3, 5, 10, 30]:
        x = a * r
        if a >= 100 and r not in (0.5, 0.8, 0.9, 1, 1.1, 1.3, 2):  # keep the big-a part of the grid small
            continue
        gamma_cases.append([a, x])
for x in [1e-10, 0.2, 0.5, 0.7, 1.05, 1.1, 1.2, 5, 50, 300, 700]:
    for a in [0.25, 0.75, 1.25, 4, 9.5]:
        gamma_cases.append([a, x])
for (a, x) in rng.uniform(0, 60, size=(60, 2)):
    gamma_cases.append([float(a), float(x)])
def mp_upper(a, x):
    try: return mpmath.gammainc(a, x, mpmath.inf, regularized=True)
    except mpmath.libmp.NoConvergence: return 1 - mpmath.gammainc(a, 0, x, regularized=True)

def mp_lower(a, x):
    try: return mpmath.gammainc(a, 0, x, regularized=True)
    except mpmath.libmp.NoConvergence:
        with mpmath.workdps(400): return 1 - mpmath.gammainc(a, x, mpmath.inf, regularized=True)

gamma = []
for a, x in gamma_cases:
    q = sp.gammaincc(a, x); p = sp.gammainc(a, x)
    qt = mp_upper(a, x)
    pt = mp_lower(a, x)
    gamma.append({'a': a, 'x': x, 'Q': num(q), 'P': num(p), 'Q_mp': num(qt), 'P_mp': num(pt)})

lg = []
for x in list(np.concatenate([[1e-300, 1e-20, 1e-8, 1e-3, 0.1, 0.5, 0.9, 0.99, 0.999999, 1, 1.000001, 1.01, 1.1, 1.5,
                                1.9, 1.99, 1.999999, 2, 2.000001, 2.01, 2.5, 3, 3.5, 7.25, 9.99, 10, 10.01, 15, 30.5,
                                100, 1e3, 1e5, 1e7, 1e12, 1e100],
                               rng.uniform(0, 12, 60), np.exp(rng.uniform(-20, 40, 30))])):
    lg.append({'x': float(x), 'gammaln': num(sp.gammaln(x)), 'mp': num(mpmath.loggamma(x))})

nd = []
for x in list(np.concatenate([np.linspace(-38.4, 8.5, 200), [-37.5, -30, -20, -10, -5, -1, -0.5, -1e-3, 0, 1e-3, 0.5, 1, 5, 10]])):
    nd.append({'x': float(x), 'ndtr': num(sp.ndtr(x)), 'mp': num(mpmath.ncdf(x))})

ef = []
for x in list(np.concatenate([np.linspace(-6, 27, 331), [0.46875, 0.46876, 4, 4.00001, 26.5, 26.6, 1e-12, -1e-12]])):
    ef.append({'x': float(x), 'erfc': num(sp.erfc(x)), 'erf': num(sp.erf(x)), 'mp': num(mpmath.erfc(x))})

bp = []
for n, p in [(1, 0.5), (10, 0.5), (20, 0.3), (100, 0.5), (1000, 0.01), (12345, 0.5), (10**6, 0.5), (10**6, 0.001)]:
    mean = n * p
    ks = sorted(set(int(k) for k in [0, 1, n // 3, mean - 3 * math.sqrt(n * p * (1 - p)), mean, mean + 1,
                                      mean + 10 * math.sqrt(n * p * (1 - p)), n - 1, n] if 0 <= k <= n))
    for k in ks:
        bp.append({'n': n, 'p': p, 'k': k, 'pmf': num(st.binom.pmf(k, n, p)),
                   'mp': num(mpmath.binomial(n, k) * mpmath.mpf(p) ** k * (1 - mpmath.mpf(p)) ** (n - k)),
                   'logChoose_mp': num(mpmath.log(mpmath.binomial(n, k)))})

chi = []
for x, df in [(0.5, 1), (3.84, 1), (10, 1), (50, 1), (1e-6, 3), (7.81, 3), (30, 4), (100, 9), (1000, 29), (5000, 99), (50, 49)]:
    chi.append({'x': x, 'df': df, 'sf': num(st.chi2.sf(x, df))})

write('special', {'gamma': gamma, 'gammaln': lg, 'ndtr': nd, 'erfc': ef, 'binom': bp, 'chi2': chi})
print('special', len(gamma), len(lg), len(nd), len(ef), len(bp))

# ---------------------------------------------------------------- two-sample KS
# Samples come from an integer hash that test/stats/ks.test.ts reimplements bit for bit (so large samples need not be
# stored): u(i, seed) = (h + 0.5) / 2^32 with h the 32-bit mix below of i·0x9E3779B1 + seed.
M32 = 0xffffffff
def hash32(i, seed):
    h = (i * 0x9E3779B1 + seed) & M32
    h ^= h >> 16; h = (h * 0x85EBCA6B) & M32
    h ^= h >> 13; h = (h * 0xC2B2AE35) & M32
    h ^= h >> 16
    return h

def sample(n, seed, shift=0.0, power=1.0, levels=0):
    """u^power + shift, or floor(levels·u) (ties) when levels > 0 (vectorised hash32)."""
    i = np.arange(n, dtype=np.uint64)
    m = np.uint64(M32)
    h = (i * np.uint64(0x9E3779B1) + np.uint64(seed)) & m
    h ^= h >> np.uint64(16); h = (h * np.uint64(0x85EBCA6B)) & m
    h ^= h >> np.uint64(13); h = (h * np.uint64(0xC2B2AE35)) & m
    h ^= h >> np.uint64(16)
    u = (h.astype(np.float64) + 0.5) / 2**32
    assert n == 0 or int(h[n // 2]) == hash32(n // 2, seed)
    return np.floor(levels * u) if levels else u ** power + shift

ks_cases = []
specs = [(3, 3, {}), (3, 4, {}), (5, 7, {'shift': 0.3}), (10, 10, {}), (10, 10, {'shift': 0.5}), (8, 12, {'levels': 4}),
         (20, 35, {'power': 2}), (100, 80, {'shift': 0.1}), (100, 100, {'shift': 0.25}), (200, 300, {'levels': 7}),
         (1000, 1000, {'shift': 0.02}), (500, 1200, {'shift': 0.5}), (999, 1000, {'power': 1.1}),
         (2000, 3000, {'shift': 0.05}), (4000, 4000, {'levels': 30}), (7000, 9999, {'power': 1.03}),
         (10000, 10000, {'shift': 0.01}), (1, 1, {}), (1, 5, {'shift': 2}), (60, 90, {'shift': 1.5}),
         # asymptotic branch: max(n1, n2) > 10000
         (5, 20000, {'shift': 0.1}), (50, 10001, {'shift': 0.2}), (100, 20000, {'power': 1.5}), (140, 30000, {'shift': 0.05}),
         (300, 12000, {'shift': 0.1}), (1000, 50000, {'shift': 0.03}), (1000, 50000, {'shift': 0.1}),
         (1000, 60000, {'power': 1.01}), (20000, 30000, {'shift': 0.01}), (20000, 30000, {'shift': 0.03}),
         (50000, 50000, {'shift': 0.002}), (200000, 150000, {'power': 1.003}), (30, 20000, {'levels': 12}),
         (3, 40000, {'shift': 0.6}), (12000, 11000, {'shift': 0.5}), (1000, 10**6, {'shift': 0.01}),
         (10**6, 10**6, {'shift': 0.001})]
for k, (n1, n2, kw) in enumerate(specs):
    s1, s2 = 1000 + 2 * k, 1001 + 2 * k
    kw1 = {'levels': kw['levels']} if 'levels' in kw else {}
    x = sample(n1, s1, **kw1); y = sample(n2, s2, **kw)
    r = st.ks_2samp(x, y, alternative='two-sided', method='auto')
    ks_cases.append({'n1': n1, 'n2': n2, 'seed1': s1, 'seed2': s2, 'x': kw1, 'y': kw,
                     'statistic': num(r.statistic), 'pvalue': num(r.pvalue),
                     'location': num(r.statistic_location), 'sign': int(r.statistic_sign)})

# explicit samples; 'fallback' records whether scipy warned that the exact computation failed (it then uses asymp)
import warnings
explicit = []
for x, y in [([1, 3, 5, 7, 9], [2, 4, 6, 8, 10]), ([1, 3, 5, 7, 9, 11, 13], [2, 4, 6, 8, 10, 12, 14]),
             ([0, 0, 1, 1, 2], [0, 1, 1, 2, 2, 2]), ([-1e300, 0, 1e300], [-0.0, 5e-324, 7]), ([1.5], [1.5, 1.5, 2]),
             ([3, 4, 5], [1, 2, 6]), ([2, 2, 3], [1, 4, 4]), ([1, 2], [1, 2]), ([5, 6, 7, 1], [0, 2, 3, 4, 8])]:
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter('always')
        r = st.ks_2samp(np.array(x, float), np.array(y, float))
    explicit.append({'x': x, 'y': y, 'statistic': num(r.statistic), 'pvalue': num(r.pvalue),
                     'location': num(r.statistic_location), 'sign': int(r.statistic_sign),
                     'fallback': any('Exact calculation unsuccessful' in str(m.message) for m in w)})

# kstwo.sf and smirnov on grids that reach every branch of kolmogn
kstwo = []
for n in [2, 5, 20, 50, 100, 140, 141, 500, 1000, 5000, 20000, 100000, 100001, 400000]:
    for z in [0.3, 0.6, 0.8, 0.868, 1.0, 1.2, 1.4, 1.6, 2.0, 2.5, 3.0, 4.0, 5.0, 8.0, 13.0, 19.0]:
        d = z / math.sqrt(n)
        if d < 1:
            kstwo.append({'n': n, 'd': d, 'sf': num(st.kstwo.sf(d, n))})
    for d in [0.5 / n + 1e-9, 0.75 / n, 1.0 / n, 0.5, 0.7, 1 - 1.0 / n, 1 - 0.5 / n]:
        if 0 < d < 1:
            kstwo.append({'n': n, 'd': d, 'sf': num(st.kstwo.sf(d, n))})
smir = []
for n in [2, 3, 10, 50, 140, 1000, 5000, 10000, 100000, 1000000]:
    for z in [0.1, 0.5, 1.0, 1.5, 2.0, 3.0, 5.0, 8.0, 13.0, 18.0]:
        x = z / math.sqrt(n)
        if x < 1:
            smir.append({'n': n, 'x': x, 'sf': num(sp.smirnov(n, x))})
    for x in [0.5, 0.75, 0.9, 1.0 / n, 1.5 / n]:
        smir.append({'n': n, 'x': x, 'sf': num(sp.smirnov(n, x))})
write('ks', {'cases': ks_cases, 'explicit': explicit, 'kstwo': kstwo, 'smirnov': smir})
print('ks', len(ks_cases), len(kstwo), len(smir))

# ---------------------------------------------------------------- drift (Evidently's formulas on scipy / numpy)
# Each function below is Evidently's legacy stattest (src/evidently/legacy/calculations/stattests/*.py) with pandas
# replaced by numpy and the keys in sorted order (our documented order; Evidently's is a Python set's).
def ev_keys(r, c):
    return sorted(set(np.unique(r).tolist()) | set(np.unique(c).tolist()))

def ev_counts(a, keys):
    vals, cnt = np.unique(a, return_counts=True)
    d = dict(zip(vals.tolist(), cnt.tolist()))
    return [d.get(k, 0) for k in keys]

def ev_chisquare(r, c):
    keys = ev_keys(r, c)
    k_norm = c.shape[0] / r.shape[0]
    f_exp = [x * k_norm for x in ev_counts(r, keys)]
    f_obs = ev_counts(c, keys)
    with np.errstate(divide='ignore', invalid='ignore'):
        return st.chisquare(f_obs, f_exp)[1]

def ev_z(r, c):
    if len(np.unique(r)) == 1 and len(np.unique(c)) == 1 and np.unique(r)[0] == np.unique(c)[0]:
        return 1.0
    key = ev_keys(r, c)[0]
    rr = np.where(r == key, 0, 1); cc = np.where(c == key, 0, 1)
    n1, n2 = len(rr), len(cc)
    p1 = float(sum(rr)) / n1; p2 = float(sum(cc)) / n2
    P = float(p1 * n1 + p2 * n2) / (n1 + n2)
    z = (p1 - p2) / np.sqrt(P * (1 - P) * (1.0 / n1 + 1.0 / n2))
    return 2 * (1 - st.norm.cdf(np.abs(z))), 2 * st.norm.sf(np.abs(z))

def ev_binned(r, c, numeric, feel_zeroes):
    if numeric and len(np.unique(r)) > 20:
        bins = np.histogram_bin_edges(np.concatenate([r, c]), bins='sturges')
        rp = np.histogram(r, bins)[0] / len(r)
        cp = np.histogram(c, bins)[0] / len(c)
    else:
        keys = ev_keys(r, c)
        rp = np.array(ev_counts(r, keys)) / len(r)
        cp = np.array(ev_counts(c, keys)) / len(c)
    if feel_zeroes:
        for a in (rp, cp):
            m = min(a[a != 0])
            np.place(a, a == 0, m / 10**6 if m <= 0.0001 else 0.0001)
    return rp, cp

def ev_psi(r, c, numeric):
    rp, cp = ev_binned(r, c, numeric, True)
    return float(np.sum((rp - cp) * np.log(rp / cp)))

def ev_js(r, c, numeric):
    rp, cp = ev_binned(r, c, numeric, False)
    return float(distance.jensenshannon(rp, cp))

def ev_wasserstein(r, c):
    return st.wasserstein_distance(r, c) / max(float(np.std(r)), 0.001)

def ev_auto(r, c, numeric):
    n_values = len(np.unique(np.concatenate([r, c])))
    if r.shape[0] <= 1000:
        if numeric:
            return ('chisquare' if n_values > 2 else 'z') if n_values <= 5 else 'ks'
        return 'chisquare' if n_values > 2 else 'z'
    if numeric:
        return 'jensenshannon' if n_values <= 5 else 'wasserstein'
    return 'jensenshannon'

drift_cases = []
dspecs = [
    # numeric: (n_r, n_c, reference sample, current sample)
    ('numeric', 200, 300, {}, {'shift': 0.05}), ('numeric', 1000, 1000, {}, {}), ('numeric', 1001, 5000, {}, {'power': 1.3}),
    ('numeric', 5000, 5000, {'power': 2}, {'power': 2.2, 'shift': 0.01}), ('numeric', 100, 80, {'levels': 5}, {'levels': 5}),
    ('numeric', 500, 500, {'levels': 3}, {'levels': 4}), ('numeric', 2000, 3000, {'levels': 2}, {'levels': 2, 'power': 0.7}),
    ('numeric', 3000, 2000, {'levels': 15}, {'levels': 15, 'power': 1.2}), ('numeric', 3000, 2000, {'levels': 40}, {'levels': 40, 'power': 1.2}),
    ('numeric', 20000, 30000, {}, {'shift': 0.2}), ('numeric', 1024, 1024, {}, {'shift': -0.5}),
    ('numeric', 50, 50, {'levels': 21}, {'levels': 25}), ('numeric', 700, 900, {'levels': 6}, {'levels': 6, 'shift': 1}),
    # categorical codes
    ('categorical', 300, 400, {'levels': 4}, {'levels': 4, 'power': 1.4}), ('categorical', 900, 100, {'levels': 2}, {'levels': 2}),
    ('categorical', 5000, 8000, {'levels': 12}, {'levels': 12, 'power': 1.05}), ('categorical', 200, 200, {'levels': 3}, {'levels': 5}),
    ('categorical', 150, 150, {'levels': 1}, {'levels': 1}), ('categorical', 1500, 1500, {'levels': 2}, {'levels': 2, 'power': 3}),
]
for k, (kind, nr, nc, kr, kc) in enumerate(dspecs):
    s1, s2 = 5000 + 2 * k, 5001 + 2 * k
    kr = dict(kr); kc = dict(kc)
    if kind == 'categorical':
        # codes = floor(levels · u^power)
        r = np.floor(kr['levels'] * sample(nr, s1, power=kr.get('power', 1.0))).astype(np.int64)
        c = np.floor(kc['levels'] * sample(nc, s2, power=kc.get('power', 1.0))).astype(np.int64)
        categories = max(kr['levels'], kc['levels'])
    else:
        r = sample(nr, s1, **kr); c = sample(nc, s2, **kc)
        categories = None
    numeric = kind == 'numeric'
    case = {'kind': kind, 'nr': nr, 'nc': nc, 'seed1': s1, 'seed2': s2, 'r': kr, 'c': kc, 'categories': categories,
            'auto': ev_auto(r, c, numeric), 'psi': num(ev_psi(r, c, numeric)), 'jensenshannon': num(ev_js(r, c, numeric))}
    nkeys = len(ev_keys(r, c))
    if nkeys >= 2: case['chisquare'] = num(ev_chisquare(r, c))
    z = ev_z(r, c)
    case['z'], case['z_sf'] = (num(z), num(z)) if isinstance(z, float) else (num(z[0]), num(z[1]))
    if numeric:
        case['wasserstein'] = num(ev_wasserstein(r, c))
        case['ks'] = num(st.ks_2samp(r, c)[1])
        case['edges'] = [num(e) for e in np.histogram_bin_edges(np.concatenate([r, c]), bins='sturges')] if len(np.unique(r)) > 20 else None
    drift_cases.append(case)
write('drift', {'cases': drift_cases})
print('drift', len(drift_cases))

# ---------------------------------------------------------------- McNemar (exact binomial on the discordant pairs)
mc = []
for b, c in [(0, 0), (0, 1), (1, 0), (3, 3), (2, 8), (10, 4), (0, 25), (40, 60), (100, 130), (500, 420), (1200, 1000),
             (5000, 5200), (30000, 29000), (0, 1074), (10, 1100), (250000, 251500)]:
    n = b + c
    k = min(b, c)
    p = 1.0 if n == 0 else st.binomtest(k, n, 0.5).pvalue
    midp = 1.0 if n == 0 else min(1.0, 2 * st.binom.cdf(k, n, 0.5) - st.binom.pmf(k, n, 0.5))
    # and exactly: 2·Σ_{j≤k} C(n, j) / 2^n in integers (terms below 1e-25 of the sum dropped), then to 30 digits
    exact = 1.0
    if n and b != c:
        term, s, j = math.comb(n, k), 0, k
        while j >= 0:
            s += term
            if term * 10**25 < s: break
            term = term * j // (n - j + 1); j -= 1
        with mpmath.workdps(30):
            exact = min(1.0, float(2 * mpmath.mpf(s) / mpmath.mpf(2) ** n))
    mc.append({'b': b, 'c': c, 'p': num(p), 'midp': num(midp), 'exact': num(exact)})
write('paired', {'mcnemar': mc})
print('paired', len(mc))
