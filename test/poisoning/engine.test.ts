/**
 * The poisoning gate end to end through `model-gate check` (the CLI's code path) on the real fixtures
 * (test/fixtures/poisoning, scripts/make-poisoning-fixtures.py): Fashion-MNIST CNNs trained with a BadNets trigger
 * planted in 10 % and 45 % of the target class must fail with most planted rows among the suspects; the same recipe
 * without poisoning must pass with no class flagged; the tabular label-flip case finds the flipped rows from the
 * out-of-fold probabilities and points at their CSV lines. The planted rows are the fixtures' own record
 * (`<case>-planted.npy`), never the gate's output. The PNG grid is decoded and compared with the images themselves.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { decode } from 'fast-png';
import { main } from '../../src/cli.ts';
import { annotationsFor } from '../../src/report/annotations.ts';
import { readNpy } from '../../src/data/npy.ts';
import { decodeModel, encodeModel } from '../../src/model/onnx/proto.ts';
import { GraphBuilder } from '../../src/model/onnx/builder.ts';
import { npyBytes } from '../data/helpers.ts';
import { FIXTURES, makeWorkspace } from '../helpers/workspace.ts';
import { runAction } from '../helpers/action.ts';

const F = path.join(FIXTURES, 'poisoning');
const copy = (f: string) => ({ copy: path.join(F, f) });

async function check(dir: string, policy: string) {
  const json = path.join(dir, 'out/report.json');
  const out: string[] = [], err: string[] = [];
  const code = await main(['check', '--workspace', dir, '--policy', policy, '--json', json], {
    stdout: { write: (s: string) => (out.push(String(s)), true) },
    stderr: { write: (s: string) => (err.push(String(s)), true) },
  });
  return { code, report: JSON.parse(readFileSync(json, 'utf8')), terminal: out.join(''), stderr: err.join(''), json };
}

const imagePolicy = (model: string, extra = '') => `version: 1
seed: 0
model: { path: ${model}.onnx }
signature: { required: false }
datasets:
  train: { path: ${model}-x.npy, labels: ${model}-y.npy, transform: { scale: 255 } }
  heldout: { path: heldout-x.npy, labels: heldout-y.npy, transform: { scale: 255 } }
gates:
  poisoning:
    dataset: train
    screens: [spectral, clustering, strip]
    strip: { clean: heldout, n: 50, clip: [0, 1] }
    grid: 16${extra}
    thresholds:
      flagged_classes: { max: 0 }
`;

function imageWorkspace(model: string, extra = '') {
  return makeWorkspace({
    'model-gate.yml': imagePolicy(model, extra),
    [`${model}.onnx`]: copy(`${model}.onnx`),
    [`${model}-x.npy`]: copy(`${model}-x.npy`),
    [`${model}-y.npy`]: copy(`${model}-y.npy`),
    'heldout-x.npy': copy('heldout-x.npy'),
    'heldout-y.npy': copy('heldout-y.npy'),
  });
}

async function planted(name: string): Promise<Set<number>> {
  const t = await readNpy(path.join(F, `${name}-planted.npy`), 'float64', { displayPath: name });
  return new Set(Array.from(t.data));
}

type Suspect = { row: number; line?: number; label: number | string; screens: string[] };

function recallPrecision(suspects: Suspect[], screen: string, plantedRows: Set<number>) {
  const named = suspects.filter((s) => s.screens.includes(screen)).map((s) => s.row);
  const hit = named.filter((r) => plantedRows.has(r)).length;
  return { recall: hit / plantedRows.size, precision: named.length ? hit / named.length : 0, named: named.length };
}

for (const [model, share] of [['trigger-45', 0.45], ['trigger-10', 0.1]] as const) {
  test(`${model}: a trigger planted in ${share * 100} % of class 0 fails the gate, the planted rows among the suspects`, async () => {
    const ws = imageWorkspace(model);
    try {
      const { code, report, stderr } = await check(ws.dir, 'model-gate.yml');
      const g = report.gates.poisoning;
      assert.deepEqual(report.errors, []);
      assert.equal(g.status, 'fail');
      assert.equal(code, 1);
      assert.deepEqual(g.details.flagged, [0]);
      assert.equal(g.metrics.flagged_classes, 1);
      const plantedRows = await planted(model);
      // Every suspect the representation screens name is in the flagged class, and nearly all are planted.
      for (const screen of ['spectral', 'clustering']) {
        const rp = recallPrecision(g.details.suspects, screen, plantedRows);
        assert.ok(rp.recall >= 0.9 && rp.precision >= 0.95, `${model} ${screen}: ${JSON.stringify(rp)}`);
      }
      // STRIP (n = 50 blends): rows whose blends keep the trigger's class; most planted rows, a few clean ones (its frr).
      const strip = recallPrecision(g.details.suspects, 'strip', plantedRows);
      assert.ok(strip.recall >= 0.8, `${model} strip: ${JSON.stringify(strip)}`);
      // The flagged class's row in the table: both screens flag it; no other class is flagged.
      const cls = g.details.classes;
      assert.equal(cls.filter((c: { flagged: boolean }) => c.flagged).length, 1);
      assert.equal(cls[0].spectral.poisoned && cls[0].clustering.poisoned, true);
      // The paper's list (details only): the top ⌊1.5 · expected-rate · n⌋ outlier scores of the flagged class.
      assert.equal(cls[0].spectral.top, Math.floor(1.5 * 0.1 * cls[0].rows));
      assert.equal(cls[0].spectral.top_rows.length, cls[0].spectral.top);
      assert.equal(cls[1].spectral.top_rows, undefined);
      // suspected_rows is the union of the screens' suspects.
      assert.equal(g.metrics.suspected_rows, g.details.suspects_total);
      assert.equal(g.metrics.suspected_fraction, g.details.suspects_total / 2000);
      // The grid: beside the JSON report, the bytes the report names, each tile the image of the listed row.
      const grid = g.details.grid;
      const file = path.join(path.dirname(path.join(ws.dir, 'out/report.json')), grid.file);
      const bytes = readFileSync(file);
      assert.equal(createHash('sha256').update(bytes).digest('hex'), grid.sha256);
      assert.match(stderr, /most suspicious images of dataset "train"/);
      const png = decode(bytes);
      assert.equal(grid.rows.length, 16);
      assert.equal(grid.columns, 4);
      // 28-pixel images enlarged twice (to 56), 2-pixel gaps: 4 · 56 + 5 · 2.
      assert.equal(png.width, 4 * 56 + 5 * 2);
      assert.equal(png.height, 4 * 56 + 5 * 2);
      assert.equal(png.channels, 1);
      const x = await readNpy(path.join(F, `${model}-x.npy`), 'float64', { displayPath: model });
      for (const t of [0, 5, 15]) {
        const row = grid.rows[t];
        const ox = 2 + (t % 4) * 58, oy = 2 + Math.floor(t / 4) * 58;
        for (const [y, xx] of [[0, 0], [1, 3], [13, 14], [27, 27]]) {
          // the stored uint8 value (0..255): the data range is 0..1 after scale 255, so the grid shows it as stored
          const want = x.data[row * 784 + y * 28 + xx];
          assert.equal(png.data[(oy + 2 * y) * png.width + ox + 2 * xx], want, `tile ${t} (${y}, ${xx})`);
          assert.equal(png.data[(oy + 2 * y + 1) * png.width + ox + 2 * xx + 1], want);
        }
      }
    } finally {
      ws.cleanup();
    }
  });
}

test('clean: the same recipe without poisoning passes, no class flagged, no representation suspects', async () => {
  const ws = imageWorkspace('clean');
  try {
    const { code, report } = await check(ws.dir, 'model-gate.yml');
    const g = report.gates.poisoning;
    assert.equal(g.status, 'pass', JSON.stringify(report.errors));
    assert.equal(code, 0);
    assert.deepEqual(g.details.flagged, []);
    assert.equal(g.metrics.spectral_flagged_classes, 0);
    assert.equal(g.metrics.clustering_flagged_classes, 0);
    assert.ok(g.details.suspects.every((s: Suspect) => s.screens.length === 1 && s.screens[0] === 'strip'));
    // STRIP's suspects on clean rows are about its false-rejection rate (0.01), by construction of the threshold.
    assert.ok(g.metrics.strip_suspected_fraction < 0.03, String(g.metrics.strip_suspected_fraction));
    // Every class was screened (none below min-class-size) and reported.
    assert.equal(g.details.classes.length, 10);
    assert.ok(g.details.classes.every((c: { skipped?: string; spectral?: unknown; clustering?: unknown }) => !c.skipped && c.spectral && c.clustering));
    // Classes below min-class-size are not screened, and a warning says so (never silently passed); with none left
    // to screen, the gate is an error.
    const p = path.join(ws.dir, 'model-gate.yml');
    // (the representation screens only: STRIP is per row and has no classes to skip)
    const noStrip = (t: string) => t.replace('[spectral, clustering, strip]', '[spectral, clustering]').replace(/    strip: .*\n/, '');
    writeFileSync(p, noStrip(readFileSync(p, 'utf8')).replace('    grid: 16', '    grid: 16\n    min-class-size: 190'));
    const some = (await check(ws.dir, 'model-gate.yml')).report;
    const small = some.gates.poisoning.details.classes.filter((c: { skipped?: string }) => c.skipped);
    assert.ok(small.length > 0 && small.length < 10);
    for (const c of small) {
      assert.equal(c.skipped, `${c.rows} rows, fewer than min-class-size 190`);
      assert.ok(some.warnings.some((w: { message: string }) => w.message === `poisoning: class ${c.class} was not screened (${c.rows} rows, fewer than min-class-size 190): screen more of its rows, or lower min-class-size`));
    }
    writeFileSync(p, readFileSync(p, 'utf8').replace('min-class-size: 190', 'min-class-size: 1000'));
    const none = (await check(ws.dir, 'model-gate.yml')).report;
    assert.equal(none.gates.poisoning.status, 'error');
    const y = (await readNpy(path.join(F, 'clean-y.npy'), 'float64', { displayPath: 'y' })).data;
    const largest = Math.max(...Array.from({ length: 10 }, (_, c) => y.filter((v) => v === c).length));
    assert.ok(none.gates.poisoning.message.endsWith(`no class of dataset "train" has min-class-size 1000 rows among the 2000 screened (largest: ${largest}): nothing was screened; screen more rows (limit) or lower min-class-size`), none.gates.poisoning.message);
    writeFileSync(p, imagePolicy('clean'));
    // Deterministic: a second run gives the same result.
    const again = await check(ws.dir, 'model-gate.yml');
    assert.equal(JSON.stringify(again.report.gates.poisoning), JSON.stringify(g));
  } finally {
    ws.cleanup();
  }
});

test('strip.limit: a class none of whose rows STRIP screened has no STRIP count (never a 0 that reads as clean), and a warning names it', async () => {
  const ws = imageWorkspace('trigger-45');
  try {
    const p = path.join(ws.dir, 'model-gate.yml');
    writeFileSync(p, readFileSync(p, 'utf8').replace('clip: [0, 1] }', 'clip: [0, 1], limit: 8 }'));
    const { report } = await check(ws.dir, 'model-gate.yml');
    const g = report.gates.poisoning;
    assert.deepEqual(report.errors, []);
    assert.equal(g.details.strip.rows, 8);
    // STRIP takes the first 8 screened rows (here every row is screened, so rows 0..7).
    const y = Array.from((await readNpy(path.join(F, 'trigger-45-y.npy'), 'float64', { displayPath: 'y' })).data);
    const seen = new Set(y.slice(0, 8));
    const unseen = g.details.classes.filter((c: { class: number }) => !seen.has(c.class)).map((c: { class: number }) => c.class);
    assert.ok(unseen.length > 0);
    for (const c of g.details.classes as { class: number; strip_suspects?: number }[]) {
      if (seen.has(c.class)) assert.equal(typeof c.strip_suspects, 'number', `class ${c.class}`);
      else assert.equal(c.strip_suspects, undefined, `class ${c.class}: STRIP screened none of its rows`);
    }
    assert.ok(report.warnings.some((w: { message: string }) => w.message === `poisoning: STRIP screened no row of class ${unseen.join(', ')} (strip.limit 8 takes the first 8 of the 2000 screened rows): their STRIP suspects are not counted; raise or remove gates.poisoning.strip.limit`), JSON.stringify(report.warnings));
  } finally {
    ws.cleanup();
  }
});

test('STRIP on a model that outputs only labels is an error: one-hot predictions have no entropy, so no row could ever be a suspect', async () => {
  // trigger-45 with an ArgMax as its only output: the representation screens still run on a named layer
  const m = decodeModel(readFileSync(path.join(F, 'trigger-45.onnx')));
  const g = new GraphBuilder(m.graph!);
  const logits = m.graph!.output[0].name!;
  g.node('ArgMax', [logits], { axis: 1, keepdims: 0 }, { outputs: ['label'] });
  m.graph!.output = [];
  g.output('label', 'int64', ['N']);
  const ws = makeWorkspace({
    'model-gate.yml': imagePolicy('trigger-45', '\n    layer: /Relu_2_output_0'),
    'trigger-45.onnx': encodeModel(m),
    'trigger-45-x.npy': copy('trigger-45-x.npy'),
    'trigger-45-y.npy': copy('trigger-45-y.npy'),
    'heldout-x.npy': copy('heldout-x.npy'),
    'heldout-y.npy': copy('heldout-y.npy'),
  });
  try {
    const { report } = await check(ws.dir, 'model-gate.yml');
    const gate = report.gates.poisoning;
    assert.equal(gate.status, 'error', JSON.stringify(gate.metrics));
    assert.match(gate.message, /STRIP needs the model's class probabilities \(or logits\): output "label" gives predicted labels only/);
  } finally {
    ws.cleanup();
  }
});

test('STRIP with a single clean row is an error naming strip.clean, not an internal error', async () => {
  const ws = imageWorkspace('trigger-45', '\n    limit: 300');
  try {
    const one = readFileSync(path.join(F, 'heldout-x.npy')).subarray(128, 128 + 784); // the first image (uint8, after the 128-byte header)
    writeFileSync(path.join(ws.dir, 'heldout-x.npy'), npyBytes('|u1', [1, 1, 28, 28], one));
    writeFileSync(path.join(ws.dir, 'heldout-y.npy'), npyBytes('<i8', [1], new Uint8Array(8)));
    const { report } = await check(ws.dir, 'model-gate.yml');
    const gate = report.gates.poisoning;
    assert.equal(gate.status, 'error');
    assert.ok(!gate.message.includes('internal error'), gate.message);
    assert.match(gate.message, /gates\.poisoning\.strip\.clean "heldout" has 1 row: STRIP blends each clean row with other clean rows to set its threshold, so it needs at least 2/);
  } finally {
    ws.cleanup();
  }
});

const ADULT = (screens: string, extra: string) => `version: 1
seed: 0
model: { path: adult-flip.onnx }
signature: { required: false }
datasets:
  train: { path: adult-flip.csv, label: label }
${extra ? '  oof: { path: adult-flip-oof.npy }\n' : ''}gates:
  poisoning:
    dataset: train
    screens: ${screens}
${extra}    thresholds:
      label_issue_fraction: { max: 0.05 }
`;

test('adult label flips: confident learning on the out-of-fold probabilities finds most flipped rows; annotations at their CSV lines', async () => {
  const ws = makeWorkspace({
    'model-gate.yml': ADULT('[spectral, clustering, labels]', '    labels: { probabilities: { dataset: oof } }\n'),
    'adult-flip.onnx': copy('adult-flip.onnx'),
    'adult-flip.csv': copy('adult-flip.csv'),
    'adult-flip-oof.npy': copy('adult-flip-oof.npy'),
  });
  try {
    const { report } = await check(ws.dir, 'model-gate.yml');
    const g = report.gates.poisoning;
    assert.deepEqual(report.errors, []);
    assert.equal(g.status, 'fail');
    const plantedRows = await planted('adult-flip');
    const rp = recallPrecision(g.details.suspects, 'labels', plantedRows);
    // 228 flipped rows among 3000 whose labels are noisy to begin with (income from census answers).
    assert.ok(rp.recall >= 0.7 && rp.precision >= 0.3, JSON.stringify(rp));
    assert.equal(g.details.labels.issues, rp.named);
    assert.equal(g.metrics.label_issue_fraction, rp.named / 3000);
    // CSV lines: the file has a header and no blank or multi-line records, so row r starts on line r + 2; the line's
    // text is the row's record.
    const lines = readFileSync(path.join(ws.dir, 'adult-flip.csv'), 'utf8').split('\n');
    for (const s of g.details.suspects.slice(0, 20) as Suspect[]) {
      assert.equal(s.line, s.row + 2);
      assert.equal(lines[s.line! - 1].split(',').at(-1), String(s.label));
    }
    const notes = annotationsFor(report).filter((a) => a.rule === 'poisoning/suspect');
    assert.equal(notes.length, 50);
    assert.deepEqual([notes[0].file, notes[0].line, notes[0].level], ['adult-flip.csv', g.details.suspects[0].line, 'warning']);
    assert.equal(notes[0].message, `Suspected poisoned or mislabelled row ${g.details.suspects[0].row} (0-based; line ${g.details.suspects[0].line}) with given label 1, named by labels`);
  } finally {
    ws.cleanup();
  }
});

test('label issues are never computed in-sample: without probabilities the screen is refused or said to be skipped', async () => {
  const ws = makeWorkspace({
    'model-gate.yml': ADULT('[spectral, labels]', ''),
    'adult-flip.onnx': copy('adult-flip.onnx'),
    'adult-flip.csv': copy('adult-flip.csv'),
  });
  try {
    const { code, report } = await check(ws.dir, 'model-gate.yml');
    assert.equal(code, 2);
    assert.ok(report.errors.some((e: { message: string }) => /gates\.poisoning\.screens lists labels, which needs out-of-sample predicted probabilities of the screened rows \(gates\.poisoning\.labels\.probabilities\); the gate never computes them in-sample/.test(e.message)), JSON.stringify(report.errors));
    // Not listed: the report says what the screen would need.
    const p = path.join(ws.dir, 'model-gate.yml');
    const text = readFileSync(p, 'utf8').replace('[spectral, labels]', '[spectral, clustering]').replace('label_issue_fraction', 'flagged_classes');
    writeFileSync(p, text);
    const ok = await check(ws.dir, 'model-gate.yml');
    assert.deepEqual(ok.report.errors, []);
    assert.match(ok.report.gates.poisoning.details.labels.skipped, /^label issues need out-of-sample predicted probabilities/);
    assert.equal(ok.report.gates.poisoning.metrics.label_issue_fraction, undefined);
  } finally {
    ws.cleanup();
  }
});

test('a model with no penultimate layer (a tree ensemble): one line naming what was looked for and gates.poisoning.layer', async () => {
  const cols = Array.from({ length: 20 }, (_, j) => `f${j}`);
  const rows = Array.from({ length: 40 }, (_, i) => [...cols.map((_, j) => (((i * 7 + j * 3) % 11) - 5).toFixed(1)), String(i % 2)].join(','));
  const ws = makeWorkspace({
    'model-gate.yml': `version: 1
model: { path: m.onnx, output: { name: proba_0, kind: probabilities } }
signature: { required: false }
datasets:
  eval: { path: eval.csv, label: y }
gates:
  poisoning:
    dataset: eval
    min-class-size: 5
    thresholds: { flagged_classes: { max: 0 } }
`,
    'm.onnx': { copy: path.join(FIXTURES, 'onnx/skl_tree_ensemble_classifier.onnx') },
    'eval.csv': [[...cols, 'y'].join(','), ...rows].join('\n') + '\n',
  });
  try {
    const { report } = await check(ws.dir, 'model-gate.yml');
    const g = report.gates.poisoning;
    assert.equal(g.status, 'error', JSON.stringify(report.errors));
    assert.match(g.message, /Gemm\/MatMul/);
    assert.match(g.message, /gates\.poisoning\.layer/);
    assert.ok(!g.message.includes('\n'));
  } finally {
    ws.cleanup();
  }
});

test('the action: the grid beside report-path, its path in the artifact-paths output, the summary shows the classes and suspects', async () => {
  const ws = imageWorkspace('trigger-45', '\n    limit: 600');
  try {
    const run = await runAction({ workspace: ws.dir, entry: 'src/main.ts', inputs: { policy: 'model-gate.yml' }, event: { name: 'push', payload: {} }, env: { GITHUB_SHA: 'd'.repeat(40) } });
    try {
      assert.equal(run.outputs.verdict, 'fail', run.stdout + run.stderr);
      const file = path.join(run.runnerTemp, 'poisoning-suspects.png');
      assert.equal(run.outputs['artifact-paths'], file);
      const report = JSON.parse(readFileSync(run.outputs['report-path'], 'utf8'));
      assert.equal(createHash('sha256').update(readFileSync(file)).digest('hex'), report.gates.poisoning.details.grid.sha256);
      assert.match(run.summary, /\*\*Classes\*\* \(flagged first/);
      assert.match(run.summary, /\*\*Top suspects\*\*/);
      assert.match(run.summary, /poisoning-suspects\.png/);
      // The chart: each class's Ashman D over min-separation 4.5, class 0 above 1.
      const bars = /title "spectral separation per class[^\n]*\n[^\n]*\n[^\n]*\n    bar \[([^\]]+)\]/.exec(run.summary);
      assert.ok(bars, run.summary);
      const values = bars[1].split(', ').map(Number);
      const cls = report.gates.poisoning.details.classes;
      assert.deepEqual(values, cls.map((c: { spectral: { separation: number } }) => Number((c.spectral.separation / 4.5).toFixed(4))));
      assert.ok(values[0] > 1 && values.slice(1).every((v) => v < 1));
    } finally {
      rmSync(run.runnerTemp, { recursive: true, force: true });
    }
  } finally {
    ws.cleanup();
  }
});
