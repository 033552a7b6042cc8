#!/usr/bin/python3
"""Reference numbers for test/poisoning/*.test.ts and test/stats/linalg.test.ts, test/stats/cluster.test.ts, computed
by numpy / scipy / scikit-learn and by cleanlab's own code, never by ours. Debian's interpreter has the versions the
tests name (numpy 1.24, scipy 1.10.1, scikit-learn 1.2.1):

    CLEANLAB_SRC=/path/to/cleanlab/checkout /usr/bin/python3 scripts/make-poisoning-references.py

cleanlab is not packaged for Debian and its PyPI wheel needs pandas: the script imports the `cleanlab` package from a
source checkout (https://github.com/cleanlab/cleanlab; the commit is recorded in the output) with stand-ins for
pandas, tqdm and termcolor, which the functions used here (filter.find_label_issues, count.compute_confident_joint,
count.get_confident_thresholds on numpy arrays) never call. For an exported tree (`git archive`), name its commit
with CLEANLAB_COMMIT=<sha>. The fixtures were made from cleanlab 2.9.0 at 750625747de1b26d8530954f51f0530bd0b51d3c.

Writes test/fixtures/poisoning-stats/{linalg,cluster,labels,entropy,screens}.json; screens.json holds, for the real
representations in test/fixtures/poisoning/ (scripts/make-poisoning-fixtures.py), the per-class numbers of the two
representation screens computed here the straightforward way (symmetric W^-1/2 whitening, numpy SVD, scikit-learn
KMeans and silhouette_score). The tests never run Python; rerun this
script only when a case is added."""
import json, os, subprocess, sys, types
import numpy as np
import scipy, scipy.stats as st
import sklearn
from sklearn.decomposition import PCA
from sklearn.cluster import KMeans
from sklearn.metrics import silhouette_score, silhouette_samples
from sklearn.datasets import make_blobs

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
out = os.path.join(root, 'test/fixtures/poisoning-stats')
os.makedirs(out, exist_ok=True)
assert scipy.__version__ == '1.10.1' and np.__version__.startswith('1.24') and sklearn.__version__.startswith('1.2'), (scipy.__version__, np.__version__, sklearn.__version__)
meta = {'scipy': scipy.__version__, 'numpy': np.__version__, 'sklearn': sklearn.__version__}

def write(name, obj):
    obj = dict(meta=meta, **obj)
    with open(os.path.join(out, name + '.json'), 'w') as f:
        json.dump(obj, f, separators=(',', ':'))
        f.write('\n')

f32 = lambda a: np.asarray(a, dtype=np.float32)
rng = np.random.default_rng(20261201)

# ---------------------------------------------------------------- PCA (linalg)
pca_cases = []
for (n, d, k, spikes) in [(200, 8, 3, [9.0, 4.0, 2.0]), (150, 40, 5, [25.0, 12.0, 6.0, 3.0, 1.5]), (120, 30, 2, [5.0, 4.5])]:
    # a low-rank signal with distinct variances plus isotropic noise, stored as float32 (the representations' type)
    basis, _ = np.linalg.qr(rng.normal(size=(d, len(spikes))))
    x = rng.normal(size=(n, len(spikes))) * np.sqrt(spikes) @ basis.T + 0.3 * rng.normal(size=(n, d)) + rng.normal(size=d)
    x = f32(x)
    p = PCA(n_components=k, svd_solver='full').fit(x.astype(np.float64))
    cov = np.cov(x.astype(np.float64), rowvar=False)
    pca_cases.append({'n': n, 'dim': d, 'k': k, 'x': [float(v) for v in x.ravel()],
                      'mean': [float(v) for v in p.mean_], 'components': [[float(v) for v in c] for c in p.components_],
                      'explained_variance': [float(v) for v in p.explained_variance_],
                      'covariance_diag': [float(v) for v in np.diag(cov)], 'covariance_01': float(cov[0, 1])})
write('linalg', {'pca': pca_cases})

# ---------------------------------------------------------------- k-means, silhouette, 1-D 2-means
km_cases = []
for (n, centers, std, k) in [(90, [[0, 0], [10, 0], [0, 10]], 1.0, 3), (120, [[0, 0, 0], [6, 6, 0]], 1.0, 2), (60, [[0], [5], [20], [40]], 0.5, 4)]:
    x, _ = make_blobs(n_samples=n, centers=centers, cluster_std=std, random_state=int(rng.integers(1 << 30)))
    km = KMeans(n_clusters=k, n_init=10, random_state=0).fit(x)
    km_cases.append({'n': n, 'dim': len(centers[0]), 'k': k, 'x': [float(v) for v in x.ravel()], 'labels': [int(v) for v in km.labels_],
                     'inertia': float(km.inertia_), 'centres': [[float(v) for v in c] for c in km.cluster_centers_],
                     'silhouette': float(silhouette_score(x, km.labels_))})
sil_cases = []
for (n, d, k) in [(40, 3, 3), (75, 5, 2), (30, 2, 4)]:
    x = rng.normal(size=(n, d))
    labels = rng.integers(0, k, size=n)
    labels[:k] = np.arange(k)
    if k == 4: labels[k] = 3; labels[labels == 2] = 1; labels[5] = 2  # a singleton cluster (silhouette 0 there)
    sil_cases.append({'n': n, 'dim': d, 'k': k, 'x': [float(v) for v in x.ravel()], 'labels': [int(v) for v in labels],
                      'samples': [float(v) for v in silhouette_samples(x, labels)], 'score': float(silhouette_score(x, labels))})
split_cases = []
for vals in [rng.normal(size=50), np.concatenate([rng.normal(size=40), rng.normal(8, 1, size=10)]), rng.exponential(size=33), np.array([1.0, 1.0, 1.0, 5.0, 5.0, 9.0])]:
    v = np.sort(vals)
    best = (-1, None)
    sst = float(((v - v.mean()) ** 2).sum())
    for i in range(1, len(v)):  # lower group v[:i]
        if v[i - 1] == v[i]: continue
        a, b = v[:i], v[i:]
        ssw = float(((a - a.mean()) ** 2).sum() + ((b - b.mean()) ** 2).sum())
        if best[0] < 0 or ssw < best[0]: best = (ssw, i)
    ssw, i = best
    split_cases.append({'values': [float(x) for x in vals], 'lowerCount': i, 'threshold': float(v[i - 1]), 'separability': 1 - ssw / sst})
write('cluster', {'kmeans': km_cases, 'silhouette': sil_cases, 'split1d': split_cases})

# ---------------------------------------------------------------- entropy
ent = []
for p in [[0.5, 0.5], [1, 0, 0], [0.7, 0.2, 0.1], list(rng.dirichlet(np.ones(10)))]:
    ent.append({'p': [float(v) for v in p], 'bits': float(st.entropy(p, base=2))})
write('entropy', {'cases': ent})

# ---------------------------------------------------------------- screens on the real representations
fx = os.path.join(root, 'test/fixtures/poisoning')
def whiten_mat(C, shrink):
    d = C.shape[0]
    C = (1 - shrink) * C + shrink * np.trace(C) / d * np.eye(d)
    w, V = np.linalg.eigh(C)
    return V @ np.diag(1 / np.sqrt(w)) @ V.T
def otsu_split(p):
    v = np.sort(p); n = len(v); c = np.cumsum(v); tot = c[-1]
    nl = np.arange(1, n); ml = c[:-1] / nl; mu = (tot - c[:-1]) / (n - nl)
    ssb = nl * (n - nl) / n * (ml - mu) ** 2
    i = int(np.argmax(ssb)); return v[i], float(ssb[i] / ((v - v.mean()) ** 2).sum())
screens = {}
for case in ['clean', 'trigger-10', 'trigger-45', 'adult-flip']:
    R = np.load(os.path.join(fx, f'{case}-penultimate.npy')).astype(np.float64)
    y = np.load(os.path.join(fx, f'{case}-y.npy'))
    K = int(y.max()) + 1
    covs = [np.cov(R[y == c], rowvar=False) for c in range(K)]
    ns = [int((y == c).sum()) for c in range(K)]
    per = []
    for c in range(K):
        idx = np.where(y == c)[0]
        Xc = R[idx] - R[idx].mean(0)
        others = [k for k in range(K) if k != c]
        W = sum(covs[k] * (ns[k] - 1) for k in others) / sum(ns[k] - 1 for k in others)
        Z = Xc @ whiten_mat(W, 0.1)
        _, s, vt = np.linalg.svd(Z, full_matrices=False)
        p = Z @ vt[0]
        thr, eta = otsu_split(p)
        a, b = p[p <= thr], p[p > thr]
        D = float(np.sqrt(2) * abs(a.mean() - b.mean()) / np.sqrt(a.var() + b.var()))
        Z10 = Z @ vt[:10].T
        km = KMeans(n_clusters=2, n_init=10, random_state=0).fit(Z10)
        small = min(int(km.labels_.sum()), len(idx) - int(km.labels_.sum()))
        # classic (unwhitened) Tran et al.: top ⌊1.5·0.1·n⌋ rows by squared projection on the top singular vector
        _, _, vt0 = np.linalg.svd(Xc, full_matrices=False)
        sc = (Xc @ vt0[0]) ** 2
        top = idx[np.argsort(-sc, kind='stable')[: int(1.5 * 0.1 * len(idx))]]
        per.append({'class': c, 'rows': len(idx), 'D': D, 'eta': eta, 'smallerSplit': int(min((p <= thr).sum(), (p > thr).sum())),
                    'whitenedTopEigenvalue': float(s[0] ** 2 / (len(idx) - 1)), 'inertia': float(km.inertia_),
                    'silhouette': float(silhouette_score(Z10, km.labels_)), 'smallerCluster': small,
                    'classicFlagged': [int(v) for v in top]})
    screens[case] = per
write('screens', {'whitenShrinkage': 0.1, 'components': 10, 'cases': screens})

# ---------------------------------------------------------------- cleanlab
src = os.environ.get('CLEANLAB_SRC')
if not src:
    sys.exit('set CLEANLAB_SRC to a cleanlab source checkout (the folder that holds cleanlab/)')
for name in ['pandas', 'tqdm', 'tqdm.auto', 'termcolor']:
    m = types.ModuleType(name)
    m.DataFrame = type('DataFrame', (), {}); m.Series = type('Series', (), {}); m.Index = type('Index', (), {})
    m.tqdm = lambda x=None, *a, **k: x
    m.colored = lambda s, *a, **k: s
    sys.modules[name] = m
sys.path.insert(0, src)
import cleanlab, cleanlab.filter as clf, cleanlab.count as clc
try:
    commit = subprocess.run(['git', '-C', src, 'rev-parse', 'HEAD'], capture_output=True, text=True).stdout.strip() or None
except Exception:
    commit = None
commit = commit or os.environ.get('CLEANLAB_COMMIT')  # an exported tree (git archive) has no .git
label_cases = []
def label_case(labels, probs, note):
    labels = np.asarray(labels); probs = np.asarray(probs, dtype=np.float64)
    K = probs.shape[1]
    issues = clf.find_label_issues(labels, probs, return_indices_ranked_by='self_confidence', n_jobs=1)
    cj = clc.compute_confident_joint(labels, probs)
    th = clc.get_confident_thresholds(labels, probs)
    label_cases.append({'note': note, 'classes': K, 'labels': [int(v) for v in labels], 'probs': [float(v) for v in probs.ravel()],
                        'thresholds': [float(v) for v in th], 'confidentJoint': [[int(v) for v in r] for r in cj], 'issues': [int(v) for v in issues]})
# a noisy-label simulation: true classes, probabilities from a softmax of noisy logits, 15 % of labels flipped
for (n, K, flip, temp) in [(300, 4, 0.15, 1.0), (500, 10, 0.1, 0.7), (200, 3, 0.3, 1.5)]:
    true = rng.integers(0, K, size=n)
    logits = rng.normal(size=(n, K)) * temp
    logits[np.arange(n), true] += 2.5
    probs = np.exp(logits); probs /= probs.sum(axis=1, keepdims=True)
    labels = true.copy()
    flipped = rng.random(n) < flip
    labels[flipped] = (true[flipped] + rng.integers(1, K, size=flipped.sum())) % K
    label_case(labels, probs, f'{n} rows, {K} classes, {flip:.0%} flipped')
# a class that never appears as a given label (threshold 2), and Dirichlet probabilities
labels = rng.integers(0, 3, size=120)
probs = rng.dirichlet(np.ones(4) * 0.6, size=120)
label_case(labels, probs, '4 classes, class 3 never given, Dirichlet probabilities')
# the real label-flip fixture: out-of-fold logistic-regression probabilities (scripts/make-poisoning-fixtures.py)
label_case(np.load(os.path.join(fx, 'adult-flip-y.npy')), np.load(os.path.join(fx, 'adult-flip-oof.npy')), 'adult-flip fixture, out-of-fold probabilities')
write('labels', {'cleanlab': {'version': cleanlab.__version__, 'commit': commit}, 'cases': label_cases})
print('wrote', out)
