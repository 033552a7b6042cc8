/**
 * The engine runs memorisation's reference models (offline LiRA / RMIA): pinned by sha256 and verified before they
 * are executed, loaded like the target model. Fixtures: test/fixtures/memorisation (scripts/generate-memorisation-models.ts).
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { main } from '../../src/cli.ts';
import { FIXTURES } from '../helpers/workspace.ts';

const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');

function policy(dir: string, target: string, refs: string[], pins: (f: string) => string = (f) => sha(path.join(dir, f))): string {
  return `version: 1
model: { path: ${target} }
signature: { required: false }
datasets:
  members: { path: members-x.npy, labels: members-y.npy }
  non-members: { path: non-members-x.npy, labels: non-members-y.npy }
  population: { path: population-x.npy, labels: population-y.npy }
gates:
  memorisation:
    members: members
    non-members: non-members
    population: population
    bootstrap: 200
    reference-models:
${refs.map((r) => `      - { path: ${r}, sha256: "${pins(r)}" }`).join('\n')}
    thresholds:
      auc: { max: 0.70 }
`;
}

async function run(dir: string) {
  const out = path.join(dir, 'report.json');
  const sink = { write: () => true };
  const code = await main(['check', '--workspace', dir, '--policy', 'policy.yml', '--json', out], { stdout: sink, stderr: sink });
  return { code, report: JSON.parse(readFileSync(out, 'utf8')) };
}

test('reference models: LiRA and RMIA run, the over-fitted model fails auc <= 0.70 and the regularised one passes; a changed reference model is tampering', async () => {
  const dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'mg-ref-')));
  cpSync(path.join(FIXTURES, 'memorisation'), dir, { recursive: true });
  try {
    const overfitRefs = Array.from({ length: 8 }, (_, i) => `ref-overfit-${i}.onnx`);
    writeFileSync(path.join(dir, 'policy.yml'), policy(dir, 'target-overfit.onnx', overfitRefs));
    const a = await run(dir);
    assert.equal(a.code, 1, JSON.stringify(a.report.errors));
    const g = a.report.gates.memorisation;
    assert.equal(g.status, 'fail');
    assert.deepEqual(Object.keys(g.details.attacks).sort(), ['lira', 'loss', 'rmia']);
    // The calibrated attacks beat the reference-free loss attack at low FPR (the point of them).
    assert.ok(g.details.attacks.rmia.metrics['tpr_at_fpr_0.01'] > g.details.attacks.loss.metrics['tpr_at_fpr_0.01']);
    assert.ok(g.metrics.auc > 0.7);

    const regRefs = Array.from({ length: 8 }, (_, i) => `ref-regularised-${i}.onnx`);
    writeFileSync(path.join(dir, 'policy.yml'), policy(dir, 'target-regularised.onnx', regRefs));
    const b = await run(dir);
    assert.equal(b.code, 0, JSON.stringify(b.report.errors));
    assert.ok(b.report.gates.memorisation.metrics.auc < 0.7);

    // A reference model that does not match its pin is never executed: verdict fail.
    writeFileSync(path.join(dir, 'policy.yml'), policy(dir, 'target-regularised.onnx', regRefs, (f) => (f === 'ref-regularised-3.onnx' ? '0'.repeat(64) : sha(path.join(dir, f)))));
    const c = await run(dir);
    assert.equal(c.code, 1);
    assert.equal(c.report.verdict, 'fail');
    assert.match(c.report.errors[0].message, /reference model ref-regularised-3\.onnx has sha256 [0-9a-f]{64}, but the policy pins 0{64}: the file changed \(tampering\?\)/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
