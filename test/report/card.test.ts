import assert from 'node:assert/strict';
import { test } from 'node:test';
import { modelCardReport } from '../../src/modelcard/index.ts';
import { annotationsFor } from '../../src/report/annotations.ts';
import { renderComment } from '../../src/report/comment.ts';
import { renderSummary } from '../../src/report/summary.ts';
import { renderTerminal } from '../../src/report/terminal.ts';
import { failReport, HOSTILE } from './fixtures.ts';
import { fencesBalanced, interpretedProblems, outsideCode, runnerCommands } from './helpers.ts';

const RUN = 'https://github.com/acme/ml/actions/runs/42';

const card = (licence: string, acc: number, prose: string) => `---
license: ${licence}
datasets: [acme/credit]
model-index:
  - name: credit
    results:
      - task: { type: tabular-classification }
        dataset: { name: acme/credit, type: acme/credit, split: test }
        metrics:
          - { type: accuracy, value: ${acc} }
---
# Credit model

## Intended use

${prose}
`;

/** A report whose model_card comes from the real card diff (src/modelcard), with hostile prose and a licence change. */
function withCard() {
  const r = failReport();
  const hostileProse = [HOSTILE.command, HOSTILE.details, HOSTILE.marker, HOSTILE.fence, HOSTILE.mention, HOSTILE.ref, HOSTILE.url, HOSTILE.link, HOSTILE.legacy].join('\n\n');
  r.model_card = modelCardReport({
    base: { path: 'models/credit/README.md', text: card('apache-2.0', 0.97, 'Scoring loan applications.') },
    head: { path: 'models/credit/README.md', text: card('other', 0.95, hostileProse) },
    measured: { accuracy: 0.98 },
    policy: { claims: { accuracy: { measured: 'accuracy', tolerance: 0.01 } }, 'on-mismatch': 'warn' },
    coversCard: false,
  });
  return r;
}

test('the real card diff appears in the summary and the comment, escaped', () => {
  const r = withCard();
  const mc = r.model_card as ReturnType<typeof modelCardReport>;
  assert.equal(mc.claims.length, 1);
  assert.equal(mc.claims[0].pass, false);
  assert.ok(mc.sections.length >= 1);
  for (const text of [renderSummary(r, { id: 'credit', runUrl: RUN }), renderComment(r, { id: 'credit', runUrl: RUN })]) {
    assert.ok(text.includes('Model card'));
    assert.match(text, /Licence changed/);
    assert.match(text, /not\*\* covered by the signature/);
    assert.ok(text.includes('**Claimed vs measured**'));
    assert.deepEqual(interpretedProblems(text, [RUN]), []);
    assert.ok(fencesBalanced(text));
    // the card's own `<!-- model-gate:... -->` line only appears inside the fenced diff, where it is literal text
    assert.equal(outsideCode(text).split('<!-- model-gate:').length, text.startsWith('<!--') ? 2 : 1, 'no spoofed marker');
  }
  assert.deepEqual(runnerCommands(renderTerminal(r)), []);
});

test('a claim mismatch is annotated once, at the card line', () => {
  const r = withCard();
  const mc = r.model_card as ReturnType<typeof modelCardReport>;
  const claim = mc.claims[0];
  assert.equal(claim.file, 'models/credit/README.md');
  assert.ok(claim.line && claim.line > 1);
  // as the engine reports a warn-mismatch: a positioned warning (and a passing check in the model-card gate)
  r.gates['model-card'] = { status: 'pass', metrics: {}, checks: [{ metric: 'claim:accuracy', value: 0.98, pass: true, file: claim.file, line: claim.line, col: claim.col }], details: {} };
  r.warnings.push({ code: 'model-card.claim', message: 'model card claims accuracy 0.95 but this run measured 0.98 (tolerance 0.01)', file: claim.file, line: claim.line, col: claim.col });
  const at = annotationsFor(r).filter((a) => a.file === claim.file && a.line === claim.line);
  assert.equal(at.length, 1);
  assert.equal(at[0].level, 'warning');
  // without the engine's warning, the claim itself gives the annotation
  r.warnings.pop();
  const own = annotationsFor(r).filter((a) => a.file === claim.file && a.line === claim.line);
  assert.deepEqual(own.map((a) => [a.level, a.rule]), [['warning', 'card/claim/accuracy']]);
});
