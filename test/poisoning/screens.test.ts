/**
 * The two representation screens (spectral.ts, clustering.ts) on REAL representations: the penultimate activations
 * of the small Fashion-MNIST CNNs and the Adult MLP in test/fixtures/poisoning/ (scripts/make-poisoning-fixtures.py:
 * a clean model, BadNets triggers planted in 10 % and 45 % of the target class 0, a 10 % label flip into class 1).
 *
 * 1. The per-class numbers equal an independent computation (test/fixtures/poisoning-stats/screens.json, from
 *    scripts/make-poisoning-references.py: symmetric W^-1/2 whitening, numpy SVD, scikit-learn KMeans and
 *    silhouette_score), and the classic unwhitened top-⌊1.5·ε·n⌋ list equals numpy's.
 * 2. The decisions: no class flagged on the clean model, exactly the target class on both trigger models with most
 *    planted rows among the suspects, and the label flip (not a representation anomaly) left to the label screen.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readNpy } from '../../src/data/npy.ts';
import { spectralSignatures } from '../../src/gates/poisoning/spectral.ts';
import { activationClustering } from '../../src/gates/poisoning/clustering.ts';
import { prepareClasses } from '../../src/gates/poisoning/space.ts';

const ref = JSON.parse(readFileSync(new URL('../fixtures/poisoning-stats/screens.json', import.meta.url), 'utf8'));
const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/poisoning/${name}`, import.meta.url));

async function load(name: string) {
  const reps = await readNpy(fixture(`${name}-penultimate.npy`), 'float32', { displayPath: name });
  const y = (await readNpy(fixture(`${name}-y.npy`), 'float64', { displayPath: name })).data;
  const planted = new Set((await readNpy(fixture(`${name}-planted.npy`), 'float64', { displayPath: name })).data);
  const dim = reps.shape[1];
  const classes = Math.max(...y) + 1;
  const classRows = Array.from({ length: classes }, (_, c) => Int32Array.from([...y.keys()].filter((i) => y[i] === c)));
  const prepared = prepareClasses(reps.data, dim, classRows);
  const spectral = spectralSignatures(reps.data, dim, classRows, { expectedRate: 0.1, seed: 0, minClassSize: 20, prepared });
  const clustering = activationClustering(reps.data, dim, classRows, { seed: 0, minClassSize: 20, prepared });
  return { reps: reps.data, dim, classRows, planted, spectral, clustering };
}

const recallPrecision = (found: Int32Array, planted: Set<number>) => {
  const hits = [...found].filter((i) => planted.has(i)).length;
  return { recall: hits / planted.size, precision: found.length ? hits / found.length : 0 };
};

for (const name of ['clean', 'trigger-10', 'trigger-45', 'adult-flip']) {
  test(`screens on ${name}: per-class numbers = numpy / scikit-learn`, async () => {
    const { reps, dim, classRows, spectral, clustering } = await load(name);
    const cases = ref.cases[name] as any[];
    const classic = spectralSignatures(reps, dim, classRows, { expectedRate: 0.1, seed: 0, minClassSize: 20, whiten: false });
    for (const r of cases) {
      const s = spectral[r.class], k = clustering[r.class];
      assert.equal(s.rows, r.rows);
      assert.ok(s.whitened && k.whitened);
      assert.ok(Math.abs(s.topEigenvalue - r.whitenedTopEigenvalue) <= 1e-9 * r.whitenedTopEigenvalue, `class ${r.class}: top eigenvalue ${s.topEigenvalue} vs ${r.whitenedTopEigenvalue}`);
      assert.ok(Math.abs(s.statistic - r.D) <= 1e-6 * r.D, `class ${r.class}: D ${s.statistic} vs ${r.D}`);
      assert.ok(Math.abs(s.separability - r.eta) <= 1e-6, `class ${r.class}: η ${s.separability} vs ${r.eta}`);
      assert.equal(Math.round(s.smallerShare * s.rows), r.smallerSplit, `class ${r.class}: split`);
      // k-means: within 0.1 % of scikit-learn's inertia (a class with no cluster structure has many local optima of
      // nearly equal inertia, and the two draw their starts differently); the same solution, the same silhouette
      assert.ok(k.inertia <= r.inertia * (1 + 1e-3), `class ${r.class}: inertia ${k.inertia} vs ${r.inertia}`);
      if (Math.abs(k.inertia - r.inertia) <= 1e-7 * r.inertia) {
        assert.ok(Math.abs(k.silhouette - r.silhouette) <= 1e-6, `class ${r.class}: silhouette ${k.silhouette} vs ${r.silhouette}`);
        assert.equal(k.sizes[1], r.smallerCluster);
      }
      assert.deepEqual([...classic[r.class].flagged], r.classicFlagged, `class ${r.class}: classic flagged rows`);
    }
    // most classes reach scikit-learn's k-means solution
    const same = cases.filter((r) => Math.abs(clustering[r.class].inertia - r.inertia) <= 1e-7 * r.inertia).length;
    if (name.startsWith('trigger')) assert.ok(Math.abs(clustering[0].inertia - cases[0].inertia) <= 1e-7 * cases[0].inertia, 'the target class: the same 2-clustering as scikit-learn');
    assert.ok(same >= cases.length / 2, `${same} of ${cases.length} classes at scikit-learn's solution`);
  });
}

test('decisions: the clean model has no flagged class', async () => {
  const { spectral, clustering } = await load('clean');
  assert.deepEqual(spectral.filter((s) => s.poisoned).map((s) => s.class), []);
  assert.deepEqual(clustering.filter((k) => k.poisoned).map((k) => k.class), []);
  for (const s of spectral) assert.ok(s.statistic < 4.2 && s.suspects.length === 0, `class ${s.class}: D ${s.statistic}`);
  for (const k of clustering) assert.ok(k.silhouette < 0.38, `class ${k.class}: silhouette ${k.silhouette}`);
  // the classic recipe still lists ⌊1.5 · 0.1 · n⌋ rows of every class: that is why it does not decide
  for (const s of spectral) assert.equal(s.flagged.length, Math.floor(0.15 * s.rows));
});

for (const [name, minRecall] of [['trigger-10', 0.9], ['trigger-45', 0.95]] as const) {
  test(`decisions: ${name} flags the target class only, with the planted rows as suspects`, async () => {
    const { spectral, clustering, planted } = await load(name);
    assert.deepEqual(spectral.filter((s) => s.poisoned).map((s) => s.class), [0]);
    assert.deepEqual(clustering.filter((k) => k.poisoned).map((k) => k.class), [0]);
    const sp = recallPrecision(spectral[0].suspects, planted);
    const ac = recallPrecision(clustering[0].smaller, planted);
    assert.ok(sp.recall >= minRecall && sp.precision >= 0.95, `spectral recall ${sp.recall} precision ${sp.precision}`);
    assert.ok(ac.recall >= 0.95 && ac.precision >= 0.95, `clustering recall ${ac.recall} precision ${ac.precision}`);
    for (const s of spectral.slice(1)) assert.ok(s.statistic < 4.2, `class ${s.class}: D ${s.statistic}`);
    for (const k of clustering.slice(1)) assert.ok(k.silhouette < 0.38, `class ${k.class}: silhouette ${k.silhouette}`);
  });
}

test('decisions: adult-flip (labels flipped, no trigger) is not a representation anomaly; a 2 % cluster is below min share', async () => {
  const { spectral, clustering } = await load('adult-flip');
  assert.deepEqual(spectral.filter((s) => s.poisoned).map((s) => s.class), []);
  assert.deepEqual(clustering.filter((k) => k.poisoned).map((k) => k.class), []);
  // class 1 holds a tight cluster of 20 unplanted rows (2.1 %): separated, but below the 5 % minimum share
  assert.equal(clustering[1].sizes[1], 20);
  assert.ok(clustering[1].silhouette > 0.9 && clustering[1].relativeSize < 0.05);
  assert.ok(spectral[1].statistic > 4.5 && spectral[1].smallerShare < 0.05);
});

test('a class below min-class-size is skipped, with the reason, never flagged', async () => {
  const { reps, dim, classRows } = await load('trigger-45');
  const s = spectralSignatures(reps, dim, classRows, { expectedRate: 0.1, seed: 0, minClassSize: 300 });
  const k = activationClustering(reps, dim, classRows, { seed: 0, minClassSize: 300 });
  for (let c = 1; c < classRows.length; c++) {
    assert.match(s[c].skipped ?? '', /fewer than min-class-size 300/);
    assert.match(k[c].skipped ?? '', /fewer than min-class-size 300/);
    assert.ok(!s[c].poisoned && !k[c].poisoned);
  }
  assert.equal(s[0].skipped, undefined);
  assert.ok(s[0].poisoned && k[0].poisoned);
});

test('the decisions do not depend on the seed (k-means starts, eigen-solver start)', async () => {
  for (const name of ['clean', 'trigger-10']) {
    const { reps, dim, classRows } = await load(name);
    const prepared = prepareClasses(reps, dim, classRows);
    for (const seed of [1, 2, 3]) {
      const sp = spectralSignatures(reps, dim, classRows, { expectedRate: 0.1, seed, minClassSize: 20, prepared });
      const ac = activationClustering(reps, dim, classRows, { seed, minClassSize: 20, prepared });
      const want = name === 'clean' ? [] : [0];
      assert.deepEqual(sp.filter((s) => s.poisoned).map((s) => s.class), want, `${name}, seed ${seed}: spectral`);
      assert.deepEqual(ac.filter((k) => k.poisoned).map((k) => k.class), want, `${name}, seed ${seed}: clustering`);
    }
  }
});
