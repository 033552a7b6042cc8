import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { Ajv } from 'ajv';
import { artifactUri, renderSarif, sarifText, toSarif } from '../../src/report/sarif.ts';
import { errorReport, failReport, hugeReport, passReport, HOSTILE } from './fixtures.ts';

/**
 * Two copies of the SARIF 2.1.0 JSON Schema (test/fixtures/report/, see SOURCE.md):
 * - `sarif-schema-2.1.0.json`: OASIS sarif-spec `Schemata/sarif-schema-2.1.0.json` (draft-07), the one the
 *   standard's repository publishes;
 * - `sarif-2.1.0-rtm.5.json`: the 2.1.0 release candidate 5 (draft-04, `id`), as Microsoft's jest-sarif ships it;
 *   ajv 8 reads it as draft-07 once `id` is renamed `$id` (it uses no other draft-04-only keyword), with
 *   `unicodeRegExp: false` because its `language` pattern has a stray `]` that the `u` flag rejects.
 * Every log must pass both. The three formats they use (uri, uri-reference, date-time) are checked by hand
 * (no ajv-formats dependency).
 */
function compile(file: string) {
  const schema = JSON.parse(readFileSync(new URL(`../fixtures/report/${file}`, import.meta.url), 'utf8'));
  assert.ok(!JSON.stringify(schema).includes('exclusiveM'));
  if (schema.id) {
    schema.$id = schema.id;
    delete schema.id;
  }
  delete schema.$schema;
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  ajv.addFormat('uri', (s: string) => {
    try {
      return new URL(s).protocol.length > 1;
    } catch {
      return false;
    }
  });
  ajv.addFormat('uri-reference', (s: string) => !/[\s<>"{}|\\^`]/.test(s) && !/%(?![0-9A-Fa-f]{2})/.test(s));
  ajv.addFormat('date-time', (s: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(s));
  return ajv.compile(schema);
}

function sarifValidator() {
  const official = compile('sarif-schema-2.1.0.json');
  const rtm5 = compile('sarif-2.1.0-rtm.5.json');
  const v = (log: unknown): boolean => {
    const a = official(log);
    const b = rtm5(log);
    v.errors = [...(official.errors ?? []), ...(rtm5.errors ?? [])];
    assert.equal(a, b, `the two schemas disagree: ${JSON.stringify(v.errors.slice(0, 3))}`);
    return a;
  };
  v.errors = [] as unknown[];
  return v;
}

const validate = sarifValidator();

test('the validator rejects broken SARIF (the test can fail)', () => {
  const good = toSarif(failReport(), { id: 'credit' }) as any;
  assert.ok(validate(good), JSON.stringify(validate.errors));
  const bad1 = structuredClone(good);
  bad1.version = '2.0.0';
  assert.equal(validate(bad1), false);
  const bad2 = structuredClone(good);
  bad2.runs[0].results[0].level = 'fatal';
  assert.equal(validate(bad2), false);
  const bad3 = structuredClone(good);
  bad3.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
  assert.equal(validate(bad3), false);
  const bad4 = structuredClone(good);
  bad4.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri = 'a b|c';
  assert.equal(validate(bad4), false);
  const bad5 = structuredClone(good);
  bad5.runs[0].tool.driver.extra = 1;
  assert.equal(validate(bad5), false);
});

test('every fixture report gives schema-valid SARIF 2.1.0', () => {
  for (const r of [passReport(), failReport(), errorReport(), hugeReport(100, 60)]) {
    const log = JSON.parse(renderSarif(r, { id: 'credit', toolVersion: '0.1.0', informationUri: 'https://github.com/acme/model-gate' }));
    assert.ok(validate(log), JSON.stringify(validate.errors?.slice(0, 3)));
  }
});

test('rules per problem kind, results with repository-relative locations and levels', () => {
  const log = toSarif(failReport(), { id: 'credit' }) as any;
  const run = log.runs[0];
  assert.equal(log.version, '2.1.0');
  assert.equal(run.tool.driver.name, 'model-gate');
  assert.equal(run.automationDetails.id, 'model-gate/credit/');
  const ids = run.tool.driver.rules.map((r: any) => r.id);
  assert.equal(new Set(ids).size, ids.length, 'rules are unique');
  for (const want of ['policy/loosened', 'threshold/robustness/robust_accuracy', 'threshold/memorisation/auc', 'threshold/fairness/demographic_parity_difference', 'threshold/model-card/accuracy'])
    assert.ok(ids.includes(want), want);
  for (const res of run.results) assert.equal(run.tool.driver.rules[res.ruleIndex].id, res.ruleId);
  const rob = run.results.find((x: any) => x.ruleId === 'threshold/robustness/robust_accuracy');
  assert.equal(rob.level, 'error');
  assert.deepEqual(rob.locations[0].physicalLocation, {
    artifactLocation: { uri: '.github/model-gate.yml', uriBaseId: '%SRCROOT%' },
    region: { startLine: 31, startColumn: 35 },
  });
  const card = run.results.find((x: any) => x.ruleId === 'threshold/model-card/accuracy');
  assert.equal(card.level, 'warning');
  assert.equal(card.locations[0].physicalLocation.artifactLocation.uri, 'models/credit/README.md');
  assert.equal(card.locations[0].physicalLocation.region.startLine, 12);
  const note = run.results.find((x: any) => x.ruleId === 'signature/no-transparency-log');
  assert.equal(note.level, 'note');
  // a finding without a position is placed at the top of the policy file
  assert.equal(note.locations[0].physicalLocation.region.startLine, 1);
  assert.equal(run.properties.verdict, 'fail');
  assert.equal(run.invocations[0].executionSuccessful, true);
});

test('hostile paths and messages: percent-encoded URIs, escaped embedded links', () => {
  assert.equal(artifactUri('data/a b|c#d?.csv'), 'data/a%20b%7Cc%23d%3F.csv');
  assert.equal(artifactUri('./x\\y.yml'), 'x/y.yml');
  assert.equal(sarifText('[click](1) \\'), '\\[click\\](1) \\\\');
  const r = errorReport();
  r.errors[0].file = `bad ${HOSTILE.table} ${HOSTILE.fence}.yml`;
  const log = toSarif(r, { id: 'x' }) as any;
  assert.ok(validate(log), JSON.stringify(validate.errors?.slice(0, 3)));
  assert.equal(log.runs[0].invocations[0].executionSuccessful, false);
});
