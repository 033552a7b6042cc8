/**
 * Issue 11, class 2: every change to what the gate trusts counts, wherever the pull request makes it. The engine
 * runs as on a pull request: trusted files from the base commit of a temporary git repository (`git show`), the
 * working tree as head, and the changed files from `git diff` (the action's own functions, not stand-ins).
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runGate } from '../../src/engine/run.ts';
import { workingTreeFiles } from '../../src/engine/working-tree.ts';
import { changedFiles, commitFiles } from '../../src/action/git.ts';
import { annotationsFor } from '../../src/report/annotations.ts';
import { renderComment } from '../../src/report/comment.ts';
import type { Report } from '../../src/report/types.ts';
import { copyExample } from '../helpers/example.ts';
import { commitAll, git } from '../helpers/git.ts';
import { linearModel } from '../helpers/models.ts';
import { makeWorkspace, quietLog } from '../helpers/workspace.ts';
import { signOmsWithKey } from '../signature/oms-sign.ts';

const sha = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');
const POLICY = 'model-gate.yml';

/** The example with only the fast gates (accuracy + model-card), committed as the base of a new repository. */
function exampleRepo(edit?: (policy: string) => string): { ws: string; base: string } {
  const ws = copyExample();
  const p = path.join(ws, POLICY);
  let text = readFileSync(p, 'utf8').replace(/  robustness:[\s\S]*?(?=  model-card:)/, '');
  if (edit) text = edit(text);
  writeFileSync(p, text);
  git(ws, 'init', '-q', '-b', 'main');
  return { ws, base: commitAll(ws, 'base') };
}

function editPolicy(ws: string, edit: (policy: string) => string): void {
  const p = path.join(ws, POLICY);
  const before = readFileSync(p, 'utf8');
  const after = edit(before);
  assert.notEqual(after, before, 'the test edit must change the policy');
  writeFileSync(p, after);
}

/** A retrained-looking model: the card changes and the folder is re-signed with the example's (base) key. */
function changeModel(ws: string): void {
  const card = path.join(ws, 'model/README.md');
  writeFileSync(card, readFileSync(card, 'utf8').replace('Demonstration only.', 'Demonstration only, retrained.'));
  const { bundle } = signOmsWithKey(path.join(ws, 'model'), createPrivateKey(readFileSync(path.join(ws, 'keys/example-signing.key'))));
  writeFileSync(path.join(ws, 'model/model.sig'), bundle);
}

/** The engine on a pull request from `base` to the commit `head` (checked out in the working tree). */
async function prGate(ws: string, base: string, head: string): Promise<Report> {
  const trusted = await commitFiles(ws, base);
  return runGate({
    workspace: ws,
    workingDirectory: ws,
    policyPath: POLICY,
    mode: 'enforce',
    trusted,
    head: workingTreeFiles(ws, 'head'),
    baseFiles: trusted,
    changedFiles: await changedFiles(ws, base, head),
    log: quietLog,
    threads: 1,
  });
}

const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

test('a pull request that points model.path at a new file with new content and loosens a threshold fails with failed-gates policy', async () => {
  const { ws, base } = exampleRepo();
  try {
    const bytes = readFileSync(path.join(ws, 'model/model.onnx'));
    bytes[bytes.length - 9] ^= 4;
    mkdirSync(path.join(ws, 'candidate'));
    writeFileSync(path.join(ws, 'candidate/model.onnx'), bytes);
    editPolicy(ws, (t) => t.replace('path: model/model.onnx', 'path: candidate/model.onnx').replace('accuracy: { min: 0.80 }', 'accuracy: { min: 0.50 }'));
    const head = commitAll(ws, 'new model file + loosened threshold');
    const r = await prGate(ws, base, head);
    assert.deepEqual(r.policy!.loosened.map((l) => l.path), ['model.path', 'gates.accuracy.thresholds.accuracy.min']);
    assert.equal(r.verdict, 'fail', JSON.stringify(r.warnings));
    assert.deepEqual(r.failed_gates, ['policy']);
    const w = r.warnings.find((m) => m.code === 'policy.loosened-with-change');
    assert.ok(w && w.message.includes('candidate/model.onnx'), JSON.stringify(r.warnings));
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
});

test('a pull request that points a dataset at a new file and loosens a threshold fails with failed-gates policy', async () => {
  const { ws, base } = exampleRepo();
  try {
    const csv = readFileSync(path.join(ws, 'data/eval.csv'), 'utf8').split('\n');
    writeFileSync(path.join(ws, 'data/eval-easy.csv'), csv.slice(0, 50).join('\n') + '\n');
    editPolicy(ws, (t) => t.replace('path: data/eval.csv', 'path: data/eval-easy.csv').replace('roc_auc: { min: 0.85 }', 'roc_auc: { min: 0.5 }'));
    const head = commitAll(ws, 'new eval file + loosened threshold');
    const r = await prGate(ws, base, head);
    assert.equal(r.verdict, 'fail', JSON.stringify(r.warnings));
    assert.deepEqual(r.failed_gates, ['policy']);
    assert.ok(r.warnings.some((m) => m.code === 'policy.loosened-with-change' && m.message.includes('data/eval-easy.csv')), JSON.stringify(r.warnings));
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
});

test('a pull request that changes the content of the key file is listed with its file and a warning annotation; with a model change it fails', async () => {
  const { ws, base } = exampleRepo();
  try {
    const keyFile = path.join(ws, 'keys/example-signing.pub');
    const before = readFileSync(keyFile);
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const after = publicKey.export({ type: 'spki', format: 'pem' });
    writeFileSync(keyFile, after);
    const head1 = commitAll(ws, 'swap the key file only');
    const alone = await prGate(ws, base, head1);
    // The base's key verifies the (unchanged) model, so the run passes, but the swap is said loudly.
    assert.equal(alone.verdict, 'pass', JSON.stringify(alone.errors));
    assert.equal(alone.signature.status, 'verified');
    assert.deepEqual(alone.policy!.loosened, [
      {
        path: 'signature.key',
        file: 'keys/example-signing.pub',
        line: lineOf(readFileSync(path.join(ws, POLICY), 'utf8'), 'key: keys/example-signing.pub'),
        from: `sha256:${sha(before)}`,
        to: `sha256:${sha(after)}`,
        reason: 'the pull request changes the trusted key file keys/example-signing.pub: the base commit\'s copy is what this run trusts',
      },
    ]);
    const w = alone.warnings.find((m) => m.code === 'trust.changed');
    assert.ok(w, JSON.stringify(alone.warnings));
    assert.equal(w.file, 'keys/example-signing.pub');
    const ann = annotationsFor(alone).filter((a) => a.file === 'keys/example-signing.pub');
    assert.ok(ann.length > 0 && ann.every((a) => a.level === 'warning'), JSON.stringify(ann));
    const body = renderComment(alone, { id: 'model-gate' });
    assert.ok(body.includes('keys/example-signing.pub') && body.indexOf('keys/example-signing.pub') < body.indexOf('model-gate: PASS'), body.slice(0, 1500));

    changeModel(ws);
    const head2 = commitAll(ws, 'key swap + model change');
    const both = await prGate(ws, base, head2);
    assert.equal(both.verdict, 'fail');
    assert.deepEqual(both.failed_gates, ['policy']);
    assert.ok(annotationsFor(both).some((a) => a.file === 'keys/example-signing.pub' && a.level === 'error'));
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
});

/** A small repository: a linear model, CSV data, certificate roots, a trusted root and a pinned reference model. */
function smallRepo(): { ws: string; base: string; cleanup: () => void } {
  const rows = (n: number, off: number) => ['a,b,label', ...Array.from({ length: n }, (_, i) => `${((i * 7 + off) % 10) / 10},${((i * 3 + off) % 10) / 10},${i % 2}`)].join('\n') + '\n';
  const model = linearModel([[1, -1], [-1, 1]], [0, 0]);
  const ref = linearModel([[0.5, -0.5], [-0.5, 0.5]], [0, 0]);
  const policy = `version: 1
model: { path: model.onnx }
signature:
  required: false
  certificate-roots: [roots/a.pem, roots/b.pem]
  trusted-root: roots/trusted_root.json
datasets:
  eval: { path: eval.csv, label: label }
  members: { path: members.csv, label: label }
  non-members: { path: non-members.csv, label: label }
  population: { path: population.csv, label: label }
gates:
  accuracy:
    dataset: eval
    thresholds: { accuracy: { min: 0 } }
  memorisation:
    members: members
    non-members: non-members
    population: population
    bootstrap: 0
    thresholds: { auc: { max: 1 } }
    reference-models:
      - { path: refs/ref-0.onnx, sha256: "${sha(ref)}" }
`;
  const { dir, cleanup } = makeWorkspace({
    [POLICY]: policy,
    'model.onnx': model,
    'refs/ref-0.onnx': ref,
    'eval.csv': rows(40, 0),
    'members.csv': rows(40, 1),
    'non-members.csv': rows(40, 2),
    'population.csv': rows(40, 3),
    'roots/a.pem': 'root a\n',
    'roots/b.pem': 'root b\n',
    'roots/trusted_root.json': '{"mediaType": "application/vnd.dev.sigstore.trustedroot+json;version=0.1"}\n',
  });
  git(dir, 'init', '-q', '-b', 'main');
  return { ws: dir, base: commitAll(dir, 'base'), cleanup };
}

test('a pull request that changes a certificate root, the trusted root or a reference model file (policy untouched) lists each with its file', async () => {
  const { ws, base, cleanup } = smallRepo();
  try {
    writeFileSync(path.join(ws, 'roots/b.pem'), 'root b, replaced by mallory\n');
    writeFileSync(path.join(ws, 'roots/trusted_root.json'), '{"mediaType": "application/vnd.dev.sigstore.trustedroot+json;version=0.1", "tlogs": []}\n');
    writeFileSync(path.join(ws, 'refs/ref-0.onnx'), linearModel([[2, -2], [-2, 2]], [0, 0]));
    const head = commitAll(ws, 'trust files changed');
    const r = await prGate(ws, base, head);
    const listed = r.policy!.loosened.map((l) => [l.path, l.file]);
    assert.deepEqual(listed, [
      ['signature.certificate-roots[1]', 'roots/b.pem'],
      ['signature.trusted-root', 'roots/trusted_root.json'],
      ['gates.memorisation.reference-models[0].path', 'refs/ref-0.onnx'],
    ]);
    assert.deepEqual(r.warnings.filter((w) => w.code === 'trust.changed').map((w) => w.file), ['roots/b.pem', 'roots/trusted_root.json', 'refs/ref-0.onnx']);
    // The reference model itself is still checked against the base's pin: never executed.
    assert.equal(r.gates.memorisation?.status, 'fail');
    assert.match(r.gates.memorisation?.message ?? '', /reference model refs\/ref-0\.onnx has sha256/);
  } finally {
    cleanup();
  }
});

test('a dataset a gate uses, changed by the pull request and not pinned: a warning with its sha256, on its policy line, at the top of the comment', async () => {
  const { ws, base } = exampleRepo((t) => t.replace(/\n    sha256: b207fce8a7283dca4562e552e6d360fc12f576274ae7d73f9a6ac53aab453d19/, '').replace(/\n    sha256: bcd84249f56d93c3ca5b11e7f452a33414741e69ae68c5b6d5d8916729a3d12b/, ''));
  try {
    const policyText = readFileSync(path.join(ws, POLICY), 'utf8');
    const evalCsv = path.join(ws, 'data/eval.csv');
    const lines = readFileSync(evalCsv, 'utf8').trimEnd().split('\n');
    writeFileSync(evalCsv, [...lines, ...lines.slice(1, 11)].join('\n') + '\n');
    // members is unpinned and changed too, but no gate uses it here (memorisation is not configured).
    const members = path.join(ws, 'data/train_sample.csv');
    writeFileSync(members, readFileSync(members, 'utf8') + readFileSync(members, 'utf8').split('\n')[1] + '\n');
    const head = commitAll(ws, 'more eval rows');
    const r = await prGate(ws, base, head);
    assert.equal(r.verdict, 'pass', JSON.stringify(r.errors));
    assert.equal(r.datasets.eval.changed_in_pr, true);
    const digest = sha(readFileSync(evalCsv));
    const w = r.warnings.filter((m) => m.code === 'data.unpinned-change');
    assert.equal(w.length, 1, JSON.stringify(r.warnings));
    assert.equal(w[0].file, POLICY);
    assert.equal(w[0].line, lineOf(policyText, '  eval:'));
    assert.ok(w[0].message.includes('data/eval.csv') && w[0].message.includes(`datasets.eval.sha256: ${digest}`), w[0].message);
    assert.ok(annotationsFor(r).some((a) => a.level === 'warning' && a.file === POLICY && a.line === w[0].line && a.message.includes(digest)));
    const body = renderComment(r, { id: 'model-gate' });
    const at = body.indexOf(digest);
    assert.ok(at > 0 && at < body.indexOf('model-gate: PASS'), body.slice(0, 1500));
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
});

test('a pinned dataset changed by the pull request still fails as tampering, without the unpinned warning', async () => {
  const { ws, base } = exampleRepo();
  try {
    const evalCsv = path.join(ws, 'data/eval.csv');
    writeFileSync(evalCsv, readFileSync(evalCsv, 'utf8') + readFileSync(evalCsv, 'utf8').split('\n')[1] + '\n');
    const head = commitAll(ws, 'eval changed');
    const r = await prGate(ws, base, head);
    assert.equal(r.verdict, 'fail');
    assert.deepEqual(r.failed_gates, ['datasets']);
    assert.ok(!r.warnings.some((m) => m.code === 'data.unpinned-change'));
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
});
