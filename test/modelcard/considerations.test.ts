/** model_card.considerations: what a card says about its use and limits, by the headings of its sections. */
import test from 'node:test';
import assert from 'node:assert/strict';
import { cardConsiderations, modelCardReport, parseCard } from '../../src/modelcard/index.ts';

test('card considerations: sections by their headings (Hugging Face template), the innermost heading decides', () => {
  const card = parseCard(
    [
      '# Model', 'intro', '## Uses', '### Direct Use', 'Scoring loans.', '### Out-of-Scope Use', 'Hiring.',
      '## Bias, Risks, and Limitations', 'Trained on one country.', '## Limitations', 'Small data.', '## Trade-offs', 'Recall over precision.',
      '## Intended users', 'Credit analysts.', '## Training', 'Adam.', '## Empty limitations', '',
    ].join('\n'),
    'README.md',
  );
  assert.deepEqual(
    cardConsiderations(card).map((c) => [c.kind, c.section.split(' > ').at(-1), c.text]),
    [
      ['use_cases', 'Direct Use', 'Scoring loans.'],
      ['technical_limitations', 'Out-of-Scope Use', 'Hiring.'],
      ['ethical_considerations', 'Bias, Risks, and Limitations', 'Trained on one country.'],
      ['technical_limitations', 'Limitations', 'Small data.'],
      ['performance_tradeoffs', 'Trade-offs', 'Recall over precision.'],
      ['users', 'Intended users', 'Credit analysts.'],
    ],
  );
});

test('the report carries the head card\'s considerations, none without a head card', () => {
  const head = { path: 'README.md', text: '# M\n## Limitations\nSynthetic data.\n' };
  const r = modelCardReport({ base: null, head, measured: {}, coversCard: null });
  assert.deepEqual(r.considerations, [{ kind: 'technical_limitations', section: 'M > Limitations', line: 2, text: 'Synthetic data.' }]);
  assert.equal(modelCardReport({ base: head, head: null, measured: {}, coversCard: null }).considerations, undefined);
});
