/**
 * Sharding and merge (issue 18, docs/design.md §7 "Shards"), through the CLI's code paths on the credit example:
 * accuracy, memorisation (bootstrap 500), fairness (bootstrap 300), drift, regression against the pinned baseline
 * test/fixtures/regression/baseline.onnx, and the model-card claims. `check` vs `check --shard K/3` ×3 + `merge`:
 * the same report byte for byte apart from `timings` and `shards`. The assignment is recomputed here from its
 * definition (sha256 of the row index and the row's float32 features, read from the CSV by hand).
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { copyExample } from '../helpers/example.ts';
import { FIXTURES } from '../helpers/workspace.ts';
import { decodePartial, encodePartial } from '../../src/shard/partial.ts';
import { refuseUnshardable } from '../../src/shard/needs.ts';
import { GATES as REGISTRY } from '../../src/gates/registry.ts';
import { GateError } from '../../src/errors.ts';
import type { Policy } from '../../src/policy/types.ts';
import { cli, withoutRunFields } from '../helpers/shard.ts';

const BASELINE = path.join(FIXTURES, 'regression/baseline.onnx');
const PIN = createHash('sha256').update(readFileSync(BASELINE)).digest('hex');

const GATES = `  regression:
    baseline: { path: baseline/model.onnx, sha256: "${PIN}" }
    bootstrap: 200
    compare: [demographic_parity_difference, membership_auc]
    thresholds:
      accuracy_delta: { max-drop: 0.05 }
      negative_flip_rate: { max: 0.2 }
  drift:
    reference: members
    current: eval
    thresholds:
      share_drifted: { max: 0.9 }
`;

/** The example without robustness, with fairness's bootstrap, the pinned regression and drift; `edit` after. */
function workspace(edit: (policy: string) => string = (p) => p): string {
  const ws = copyExample();
  mkdirSync(path.join(ws, 'baseline'));
  copyFileSync(BASELINE, path.join(ws, 'baseline/model.onnx'));
  const p = path.join(ws, 'model-gate.yml');
  let text = readFileSync(p, 'utf8').replace(/  regression:\n(    .*\n)+/, '').replace(/  robustness:\n(    .*\n)+/, '');
  text = text.replace('    min-group-size: 30\n', '    min-group-size: 30\n    bootstrap: 300\n');
  text = text.replace('  model-card:\n', GATES + '  model-card:\n');
  writeFileSync(p, edit(text));
  return ws;
}

/** Unsigned and unpinned (so that a changed model or data file loads, and the merge itself must notice). */
const unsigned = (p: string) => p.replace(/signature:\n(  .*\n)+/, 'signature:\n  required: false\n').replace(/    sha256: [0-9a-f]{64}\n/g, '');

const shardRun = (ws: string, k: number, n: number, file = path.join(ws, `part-${k}.bin`)) =>
  cli(['check', '--workspace', ws, '--policy', 'model-gate.yml', '--shard', `${k}/${n}`, '--partial', file]);

/** Row i's shard by the definition: sha256(uint32 LE i ‖ the float32 LE feature values) → first 8 bytes BE mod n, + 1. */
function expectedShards(csv: string, exclude: string[], n: number): number[] {
  const [header, ...lines] = csv.trim().split('\n');
  const cols = header.split(',');
  const keep = cols.map((c, j) => (exclude.includes(c) ? -1 : j)).filter((j) => j >= 0);
  return lines.map((line, i) => {
    const v = line.split(',');
    const x = Float32Array.from(keep, (j) => Number(v[j]));
    const idx = Buffer.alloc(4);
    idx.writeUInt32LE(i);
    const h = createHash('sha256').update(idx).update(Buffer.from(x.buffer)).digest();
    return Number(h.readBigUInt64BE(0) % BigInt(n)) + 1;
  });
}

test('check = 3 shards + merge, byte for byte apart from timings and shards; the merge says what each shard gave', async () => {
  const ws = workspace();
  try {
    const full = await cli(['check', '--workspace', ws, '--policy', 'model-gate.yml', '--json', path.join(ws, 'full.json'), '--markdown', path.join(ws, 'full.md')]);
    const fullJson = readFileSync(path.join(ws, 'full.json'), 'utf8');
    const fullReport = JSON.parse(fullJson);
    assert.deepEqual(fullReport.errors, []);
    for (const g of ['accuracy', 'memorisation', 'fairness', 'regression', 'drift', 'model-card']) assert.ok(fullReport.gates[g] && fullReport.gates[g].status !== 'error' && fullReport.gates[g].status !== 'skipped', g);
    assert.ok(fullReport.gates.fairness.ci && fullReport.gates.memorisation.ci && fullReport.gates.regression.ci, 'bootstraps ran');
    const parts: string[] = [];
    for (const k of [1, 2, 3]) {
      const r = await shardRun(ws, k, 3);
      assert.equal(r.code, 0, r.stderr);
      // The head on eval, members and non-members (drift reads members and eval too); the baseline on eval (regression,
      // and fairness compared), members and non-members (memorisation compared).
      assert.match(r.stdout, new RegExp(`^shard ${k}/3: eval \\d+ rows, members \\d+ rows, non-members \\d+ rows; 6 \\(model, dataset\\) outputs written to `));
      parts.push(path.join(ws, `part-${k}.bin`));
    }
    // Given in any order.
    const merged = await cli(['merge', parts[2], parts[0], parts[1], '--workspace', ws, '--policy', 'model-gate.yml', '--json', path.join(ws, 'merged.json'), '--markdown', path.join(ws, 'merged.md')]);
    assert.equal(merged.code, full.code, merged.stderr);
    const mergedJson = readFileSync(path.join(ws, 'merged.json'), 'utf8');
    assert.equal(withoutRunFields(mergedJson), withoutRunFields(fullJson));
    assert.deepEqual(JSON.parse(mergedJson).shards, { n: 3, files: parts });
    // The merge never ran the models: no inference timing, no progress of rows through a model.
    assert.deepEqual(Object.keys(JSON.parse(mergedJson).timings).filter((t) => t.startsWith('inference.')), []);
    assert.match(full.stderr, /model model\/model\.onnx on dataset eval/);
    assert.doesNotMatch(merged.stderr, /model model\/model\.onnx on dataset/);
    // What each shard contributed: its rows per dataset, the shards' rows summing to each dataset's.
    const sums: Record<string, number> = {};
    for (const k of [1, 2, 3]) {
      const m = new RegExp(`merge: shard ${k}/3 \\(${parts[k - 1].replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\): eval (\\d+) rows, members (\\d+) rows, non-members (\\d+) rows\\n`).exec(merged.stderr);
      assert.ok(m, merged.stderr);
      for (const [i, d] of ['eval', 'members', 'non-members'].entries()) sums[d] = (sums[d] ?? 0) + Number(m[i + 1]);
    }
    assert.deepEqual(sums, { eval: 600, members: 200, 'non-members': 200 });
    // The Markdown summary is the same too, apart from its Timings section.
    const noTimings = (f: string) => readFileSync(path.join(ws, f), 'utf8').replace(/<details><summary>Timings<\/summary>[\s\S]*?<\/details>/, '');
    assert.match(readFileSync(path.join(ws, 'full.md'), 'utf8'), /<summary>Timings<\/summary>/);
    assert.equal(noTimings('merged.md'), noTimings('full.md'));
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
});

test('shard assignment: by the row alone (its index and features), the union of the shards is every row once', async () => {
  const ws = workspace();
  try {
    const csv = readFileSync(path.join(ws, 'data/eval.csv'), 'utf8');
    const exclude = ['applicant_id', 'sex', 'default'];
    const rowsOf = (file: string, dataset: string) => [...decodePartial(readFileSync(file), file).entries.find((e) => e.dataset === dataset && e.role === 'head')!.rows];
    for (const n of [2, 3]) {
      const want = expectedShards(csv, exclude, n);
      const seen: number[] = [];
      for (let k = 1; k <= n; k++) {
        const file = path.join(ws, `p${k}of${n}.bin`);
        assert.equal((await shardRun(ws, k, n, file)).code, 0);
        const rows = rowsOf(file, 'eval');
        assert.deepEqual(rows, want.flatMap((s, i) => (s === k ? [i] : [])), `shard ${k}/${n}`);
        assert.ok(rows.length > 600 / n / 2, `shard ${k}/${n} has ${rows.length} rows`);
        seen.push(...rows);
      }
      assert.deepEqual(seen.sort((a, b) => a - b), Array.from({ length: 600 }, (_, i) => i));
    }
    // A shard's rows do not depend on the other rows: the last 100 rows removed from the file, shard 2/3 keeps the
    // same rows among the first 500.
    const p = path.join(ws, 'model-gate.yml');
    writeFileSync(p, unsigned(readFileSync(p, 'utf8')));
    const lines = csv.trim().split('\n');
    writeFileSync(path.join(ws, 'data/eval.csv'), lines.slice(0, 501).join('\n') + '\n');
    const file = path.join(ws, 'short.bin');
    assert.equal((await shardRun(ws, 2, 3, file)).code, 0);
    assert.deepEqual(rowsOf(file, 'eval'), rowsOf(path.join(ws, 'p2of3.bin'), 'eval').filter((r) => r < 500));
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
});

test('merge refuses a missing, duplicated, foreign-N, corrupt, other-model or stale shard: one line, exit 2, no report', async () => {
  const ws = workspace(unsigned);
  try {
    const parts = [1, 2, 3].map((k) => path.join(ws, `part-${k}.bin`));
    for (const k of [1, 2, 3]) assert.equal((await shardRun(ws, k, 3)).code, 0);
    const four = path.join(ws, 'four.bin');
    assert.equal((await shardRun(ws, 3, 4, four)).code, 0);
    const corrupt = path.join(ws, 'corrupt.bin');
    const bytes = readFileSync(parts[1]);
    bytes[bytes.length - 10] ^= 1;
    writeFileSync(corrupt, bytes);
    const json = path.join(ws, 'merged.json');
    const merge = (...files: string[]) => cli(['merge', ...files, '--workspace', ws, '--policy', 'model-gate.yml', '--json', json]);
    const refused = async (files: string[], message: RegExp) => {
      const r = await merge(...files);
      assert.equal(r.code, 2, r.stderr);
      const errs = r.stderr.split('\n').filter((l) => l.startsWith('model-gate:'));
      assert.equal(errs.length, 1, r.stderr);
      assert.match(errs[0], message);
      assert.throws(() => readFileSync(json), /ENOENT/);
    };
    await refused([parts[0], parts[2]], /^model-gate: merge: shard 2 of 3 is missing \(given: .*part-1\.bin, .*part-3\.bin\): merge needs all 3, never a smaller sample$/);
    await refused([parts[0], parts[1], parts[1], parts[2]], /^model-gate: merge: .*part-2\.bin and .*part-2\.bin are both shard 2 of 3: give each shard once$/);
    await refused([parts[0], parts[1], four], /^model-gate: merge: .*four\.bin is shard 3 of 4, but .*part-1\.bin is of 3: /);
    await refused([parts[0], corrupt, parts[2]], /^model-gate: merge: .*corrupt\.bin is not a readable shard partial \(its checksum does not match: the file is damaged\)/);
    // Shards 1 and 2 relabelled as each other: a complete set, rows that partition the data, but not the assignment.
    const swapped = [1, 2].map((k) => {
      const p = decodePartial(readFileSync(parts[k - 1]), parts[k - 1]);
      p.shard.k = 3 - k;
      const file = path.join(ws, `swapped-${k}.bin`);
      writeFileSync(file, encodePartial(p));
      return file;
    });
    await refused([swapped[1], swapped[0], parts[2]], /^model-gate: merge: .*swapped-2\.bin: its rows of dataset eval are not shard 1's \(row \d+ belongs to shard 2\): it was not made by check --shard 1\/3 on these data; re-run it$/);
    // Sanity: the good set merges.
    const ok = await merge(...parts);
    assert.notEqual(ok.code, 2, ok.stderr);
    rmSync(json);

    // Another model: one byte of the model changed (a weight), after the shards ran.
    const modelFile = path.join(ws, 'model/model.onnx');
    const original = readFileSync(modelFile);
    const changed = Buffer.from(original);
    changed[changed.length - 3] ^= 0x01;
    writeFileSync(modelFile, changed);
    const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex').slice(0, 12);
    await refused(parts, new RegExp(`^model-gate: merge: the shard partials \\(.*\\) were made with the model model/model\\.onnx sha256 ${sha(original)}, this workspace has sha256 ${sha(changed)}: they are stale`));
    // A set mixing shards of two models.
    const other = path.join(ws, 'other-2.bin');
    assert.equal((await shardRun(ws, 2, 3, other)).code, 0);
    await refused([parts[0], other, parts[2]], /^model-gate: merge: .*other-2\.bin and .*part-1\.bin differ in the model model\/model\.onnx/);
    writeFileSync(modelFile, original);

    // Stale: a data file changed after the shards ran.
    const evalFile = path.join(ws, 'data/eval.csv');
    const data = readFileSync(evalFile, 'utf8');
    writeFileSync(evalFile, data.replace(/\n(\d+),/, (_m, id) => `\n${Number(id) + 1},`));
    await refused(parts, /^model-gate: merge: the shard partials \(.*\) were made with dataset eval \(data\/eval\.csv\) sha256 [0-9a-f]{12}, this workspace has sha256 [0-9a-f]{12}: they are stale/);
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
});

test('shard mode serves every registered gate and refuses a gate without a sharded form (a gate added later), naming it; flags', async () => {
  const robust = copyExample();
  try {
    // Every gate of the registry is served in shard mode (predictions, or row work of its own: robustness, poisoning).
    const all = Object.fromEntries(REGISTRY.map((g) => [g.name, {}]));
    refuseUnshardable({ gates: all } as unknown as Policy, () => undefined);
    // A gate not listed in src/shard/needs.ts and without rowWork (as a gate added to the registry would be).
    const where = { file: 'model-gate.yml', line: 9, col: 3 };
    assert.throws(() => refuseUnshardable({ gates: { accuracy: {}, 'later-gate': {} } } as unknown as Policy, (p) => (p.join('.') === 'gates.later-gate' ? where : undefined)), (e: unknown) => {
      assert.ok(e instanceof GateError);
      assert.equal(e.code, 'shard.gate');
      assert.equal(e.message, 'gates.later-gate cannot run sharded: its per-row work is more than predictions and it has no sharded form; run it unsharded (check without --shard), or shard a policy without it');
      assert.deepEqual(e.where, where);
      return true;
    });
    // Flags: --shard needs --partial and K/N in range; a shard writes no report.
    const usage = async (args: string[], message: RegExp) => {
      const r = await cli(['check', '--workspace', robust, ...args]);
      assert.equal(r.code, 2);
      assert.match(r.stderr.split('\n')[0], message);
    };
    await usage(['--shard', '2/3'], /^model-gate: --shard K\/N needs --partial FILE/);
    await usage(['--partial', 'x.bin'], /^model-gate: --partial FILE is for --shard K\/N: give both$/);
    await usage(['--shard', '4/3', '--partial', 'x.bin'], /^model-gate: --shard must be K\/N with 1 <= K <= N <= 1000 \(e\.g\. 2\/3\), got "4\/3"$/);
    await usage(['--shard', '1/3', '--partial', 'x.bin', '--json', 'r.json'], /^model-gate: --json is for a report, and a shard writes none: give it to model-gate merge$/);
  } finally {
    rmSync(robust, { recursive: true, force: true });
  }
});
