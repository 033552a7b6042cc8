/**
 * The CycloneDX 1.6 ML-BOM (`check --cyclonedx`, src/report/cyclonedx.ts): validated against the official CycloneDX
 * 1.6 JSON schema as shipped by @cyclonedx/cyclonedx-library (with the SPDX and JSF schemas it references), on real
 * runs of the shipped example; its numbers and hashes checked against the JSON report and the model file itself;
 * byte-identical between two runs; refused (one line, no file) when the run stopped before the model was read.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import ajvFormats from 'ajv-formats';
import { main } from '../../src/cli.ts';
import { copyExample } from '../helpers/example.ts';
import { decimalString, renderCycloneDx, toCycloneDx, uuidFromSha256 } from '../../src/report/cyclonedx.ts';
import { VERSION } from '../../src/version.ts';
import type { Report } from '../../src/report/types.ts';

const require = createRequire(import.meta.url);
const SCHEMA_DIR = path.join(path.dirname(require.resolve('@cyclonedx/cyclonedx-library/package.json')), 'res/schema');

let validator: ValidateFunction | null = null;
/** The official schema is draft-07 (ajv's default class, not Ajv2020 as for the policy); its $refs name the SNAPSHOT files. */
function validate(bom: unknown): void {
  if (!validator) {
    const load = (f: string) => JSON.parse(readFileSync(path.join(SCHEMA_DIR, f), 'utf8'));
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
    ajvFormats.default(ajv);
    // ajv-formats has no `idn-email` / `iri-reference` (the library's own validator also accepts any iri-reference);
    // the BOM written here uses neither (no e-mail, no URL), so both accept anything rather than fail compilation.
    ajv.addFormat('idn-email', true);
    ajv.addFormat('iri-reference', true);
    ajv.addSchema(load('spdx.SNAPSHOT.schema.json'), 'http://cyclonedx.org/schema/spdx.SNAPSHOT.schema.json');
    ajv.addSchema(load('jsf-0.82.SNAPSHOT.schema.json'), 'http://cyclonedx.org/schema/jsf-0.82.SNAPSHOT.schema.json');
    const schema = load('bom-1.6.SNAPSHOT.schema.json');
    assert.equal(schema.$id, 'http://cyclonedx.org/schema/bom-1.6.schema.json');
    validator = ajv.compile(schema);
  }
  const ok = validator(bom);
  assert.ok(ok, `not a valid CycloneDX 1.6 BOM: ${JSON.stringify(validator.errors?.slice(0, 5))}`);
}

const sink = { write: () => true };

async function check(ws: string, extra: string[] = []): Promise<{ code: number; stderr: string; report: Report; bomText: string }> {
  const json = path.join(ws, 'out/report.json');
  const bom = path.join(ws, 'out/model.cdx.json');
  let stderr = '';
  const code = await main(['check', '--workspace', ws, '--policy', 'model-gate.yml', '--json', json, '--cyclonedx', bom, ...extra], {
    stdout: sink,
    stderr: { write: (s: string) => ((stderr += s), true) },
  });
  return { code, stderr, report: JSON.parse(readFileSync(json, 'utf8')), bomText: readFileSync(bom, 'utf8') };
}

type Metric = { type: string; value: string; slice?: string; confidenceInterval?: { lowerBound: string; upperBound: string } };
const propsOf = (list: { name: string; value: string }[]) => new Map(list.map((p) => [p.name, p.value]));

let first: { ws: string; report: Report; bomText: string } | null = null;
async function exampleRun() {
  if (!first) {
    const ws = copyExample();
    const r = await check(ws);
    assert.equal(r.code, 0, r.stderr);
    first = { ws, report: r.report, bomText: r.bomText };
  }
  return first;
}

test('check --cyclonedx on the shipped example: a valid CycloneDX 1.6 BOM whose hash, metrics and intervals are the measured ones', async () => {
  const { ws, report, bomText } = await exampleRun();
  const bom = JSON.parse(bomText);
  validate(bom);
  assert.equal(bom.bomFormat, 'CycloneDX');
  assert.equal(bom.specVersion, '1.6');
  assert.match(bom.serialNumber, /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.deepEqual(bom.metadata.tools.components, [{ type: 'application', name: 'model-gate', version: VERSION }]);
  assert.equal(bom.metadata.timestamp, undefined, 'the report has no time: no timestamp');

  const models = bom.components.filter((c: { type: string }) => c.type === 'machine-learning-model');
  assert.equal(models.length, 1);
  const model = models[0];
  // The hash, computed here from the file itself.
  const sha = createHash('sha256').update(readFileSync(path.join(ws, 'model/model.onnx'))).digest('hex');
  assert.deepEqual(model.hashes, [{ alg: 'SHA-256', content: sha }]);
  const mp = propsOf(model.properties);
  assert.equal(mp.get('model-gate:signature:status'), 'verified');
  assert.equal(mp.get('model-gate:signature:oms-root-digest'), report.signature.root_digest);
  assert.match(mp.get('model-gate:signature:oms-root-digest') ?? '', /^sha256:[0-9a-f]{64}$/);

  // Datasets: a data component each, with the dataset file's own sha256, referenced by the model card.
  const evalData = bom.components.find((c: { name: string; type: string }) => c.type === 'data' && c.name === 'eval');
  const evalSha = createHash('sha256').update(readFileSync(path.join(ws, 'data/eval.csv'))).digest('hex');
  assert.deepEqual(evalData.hashes, [{ alg: 'SHA-256', content: evalSha }]);
  assert.ok(model.modelCard.modelParameters.datasets.some((d: { ref: string }) => d.ref === evalData['bom-ref']));
  assert.deepEqual(model.modelCard.modelParameters.inputs, [{ format: 'features: float32 [N, 6]' }]);
  assert.equal(model.modelCard.modelParameters.task, 'tabular-classification');

  const metrics: Metric[] = model.modelCard.quantitativeAnalysis.performanceMetrics;
  const find = (type: string, slice?: string) => {
    const m = metrics.filter((x) => x.type === type && x.slice === slice);
    assert.equal(m.length, 1, `${type} @ ${slice}: ${JSON.stringify(m)}`);
    return m[0];
  };
  const gates = report.gates;
  // A metric value: the report's number, as a decimal string that reads back as the same double.
  assert.equal(Number(find('accuracy').value), gates.accuracy!.metrics.accuracy);
  assert.equal(Number(find('roc_auc').value), gates.accuracy!.metrics.roc_auc);
  // An interval: the bootstrap's, from the report.
  const auc = find('auc');
  assert.equal(Number(auc.value), gates.memorisation!.metrics.auc);
  assert.deepEqual([Number(auc.confidenceInterval!.lowerBound), Number(auc.confidenceInterval!.upperBound)], gates.memorisation!.ci!.auc);
  const dpd = find('demographic_parity_difference', 'dataset=eval');
  assert.deepEqual([Number(dpd.confidenceInterval!.lowerBound), Number(dpd.confidenceInterval!.upperBound)], gates.fairness!.ci!.demographic_parity_difference);
  // Per group: the group's own rate, sliced by its sensitive values.
  const female = (gates.fairness!.details.groups ?? []).find((g) => g.group === 'sex=female')!;
  assert.equal(Number(find('selection_rate', 'dataset=eval, sex=female').value), female.selection_rate);
  assert.equal(Number(find('true_positive_rate', 'dataset=eval, sex=male').value), (gates.fairness!.details.groups ?? []).find((g) => g.group === 'sex=male')!.true_positive_rate);
  // Per epsilon.
  const e01 = (gates.robustness!.details.per_epsilon ?? []).find((e) => e.epsilon === 0.1)!;
  assert.equal(Number(find('robust_accuracy', 'dataset=eval, epsilon=0.1').value), e01.robust_accuracy);
  // Nothing but measured numbers: every metric's value is one of the report's numbers.
  const reported = new Set<number>();
  const walk = (v: unknown): void => {
    if (typeof v === 'number') reported.add(v);
    else if (v && typeof v === 'object') for (const x of Object.values(v)) walk(x);
  };
  walk(report.gates);
  for (const m of metrics) {
    assert.ok(reported.has(Number(m.value)), `${m.type} ${m.value} is not in the report`);
    if (m.confidenceInterval) assert.ok(reported.has(Number(m.confidenceInterval.lowerBound)) && reported.has(Number(m.confidenceInterval.upperBound)));
  }
  assert.ok(!metrics.some((m) => m.type === 'claims_checked'), 'the model-card gate counts claims, it measures nothing');

  // The card's considerations (its "Intended use" and "Limitations" sections) and the verdicts as properties.
  const card = readFileSync(path.join(ws, 'model/README.md'), 'utf8');
  assert.deepEqual(model.modelCard.considerations.useCases, ['Demonstration only. Not for decisions about real people.']);
  assert.equal(model.modelCard.considerations.technicalLimitations.length, 1);
  assert.ok(card.includes(model.modelCard.considerations.technicalLimitations[0]));
  const vp = propsOf(model.modelCard.properties);
  assert.equal(vp.get('model-gate:verdict'), 'pass');
  assert.equal(vp.get('model-gate:gate:robustness:status'), 'pass');
  assert.equal(vp.get('model-gate:gate:robustness:check:robust_accuracy'), `pass: ${gates.robustness!.metrics.robust_accuracy}; min 0.6`);
  assert.match(vp.get('model-gate:card:claim:accuracy') ?? '', /^pass: claimed 0\.855, measured 0\.855 \(accuracy\), tolerance 0\.01$/);

  // What the CLI wrote is exactly what the emitter makes of the JSON report.
  assert.equal(bomText, renderCycloneDx(report));
});

test('determinism: two runs give byte-identical BOMs (timings are not in it), and the serial number follows the content', async () => {
  const { report, bomText } = await exampleRun();
  const ws2 = copyExample();
  const second = await check(ws2);
  assert.equal(second.code, 0, second.stderr);
  assert.notDeepEqual(second.report.timings, { never: 0 });
  assert.equal(second.bomText, bomText);
  const slower: Report = { ...report, timings: Object.fromEntries(Object.keys(report.timings).map((k) => [k, 999_999])) };
  assert.equal(renderCycloneDx(slower), bomText);
  // Another number gives another serial number (and otherwise the same shape).
  const other = structuredClone(report);
  other.gates.accuracy!.metrics.accuracy = 0.5;
  const b1 = JSON.parse(bomText), b2 = toCycloneDx(other);
  assert.notEqual(b2.serialNumber, b1.serialNumber);
  validate(b2);
});

test('a run with verdict error still gives a valid BOM: the erroring gate contributes no numbers and the errors are listed', async () => {
  const ws = copyExample();
  // Gating on tpr_at_fpr_0.001 with 200 non-members (< 1000) is an error of the memorisation gate (docs/design.md
  // §5), raised after the model was loaded and the other gates measured.
  const policy = path.join(ws, 'model-gate.yml');
  writeFileSync(policy, readFileSync(policy, 'utf8').replace('auc: { max: 0.65 }', 'auc: { max: 0.65 }\n      tpr_at_fpr_0.001: { max: 0.5 }'));
  const r = await check(ws);
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.report.verdict, 'error');
  assert.equal(r.report.gates.memorisation?.status, 'error');
  assert.ok(r.report.model, 'the model was read before the error');
  const bom = JSON.parse(r.bomText);
  validate(bom);
  const model = bom.components[0];
  const vp = propsOf(model.modelCard.properties);
  assert.equal(vp.get('model-gate:verdict'), 'error');
  assert.ok([...vp.keys()].includes('model-gate:error'), JSON.stringify([...vp]));
  const metrics: Metric[] = model.modelCard.quantitativeAnalysis?.performanceMetrics ?? [];
  assert.match(vp.get('model-gate:gate:memorisation:status') ?? '', /^error$/);
  assert.match(vp.get('model-gate:gate:memorisation:message') ?? '', /tpr_at_fpr_0\.001/);
  assert.equal(Number(metrics.find((m) => m.type === 'accuracy')?.value), r.report.gates.accuracy!.metrics.accuracy, 'the gates that measured are in');
  assert.ok(!metrics.some((m) => m.type === 'auc'), 'no number from the erroring memorisation gate');
  for (const [name, g] of Object.entries(r.report.gates)) {
    if (g.status === 'pass' || g.status === 'fail') continue;
    for (const k of Object.keys(g.metrics)) assert.ok(!metrics.some((m) => m.type === k), `${name} (${g.status}) contributed ${k}`);
  }
});

test('a gate that errored or was skipped contributes no number even when its result carries some', async () => {
  const { report } = await exampleRun();
  for (const status of ['error', 'skipped'] as const) {
    const r = structuredClone(report);
    r.gates.fairness!.status = status;
    const bom = toCycloneDx(r) as { components: { modelCard: { quantitativeAnalysis: { performanceMetrics: Metric[] } } }[] };
    validate(bom);
    const types = bom.components[0].modelCard.quantitativeAnalysis.performanceMetrics.map((m) => m.type);
    assert.ok(types.includes('accuracy'));
    assert.ok(!types.includes('demographic_parity_difference') && !types.includes('selection_rate'), `${status}: ${types.join(',')}`);
  }
});

test('no model read (a policy that does not parse): --cyclonedx is refused in one line, the JSON report is still written, no BOM', async () => {
  const ws = copyExample();
  writeFileSync(path.join(ws, 'model-gate.yml'), 'version: 1\nmodel: [\n');
  const json = path.join(ws, 'out/report.json');
  const bom = path.join(ws, 'out/model.cdx.json');
  let stderr = '';
  const code = await main(['check', '--workspace', ws, '--policy', 'model-gate.yml', '--json', json, '--cyclonedx', bom], {
    stdout: sink,
    stderr: { write: (s: string) => ((stderr += s), true) },
  });
  assert.equal(code, 2);
  assert.equal(JSON.parse(readFileSync(json, 'utf8')).model, null);
  assert.ok(!existsSync(bom));
  const lines = stderr.trim().split('\n');
  assert.equal(lines.at(-1), 'model-gate: no CycloneDX BOM: the run stopped before the model was read (verdict error); the JSON report says why');
  assert.throws(() => toCycloneDx({ model: null, verdict: 'error' } as unknown as Report), /no CycloneDX BOM/);
});

test('--cyclonedx through a symlink is refused before the gate runs', async () => {
  const ws = copyExample();
  const target = path.join(ws, 'elsewhere.json');
  writeFileSync(target, 'keep\n');
  const link = path.join(ws, 'bom.json');
  symlinkSync(target, link);
  let stderr = '';
  const code = await main(['check', '--workspace', ws, '--policy', 'model-gate.yml', '--cyclonedx', link], { stdout: sink, stderr: { write: (s: string) => ((stderr += s), true) } });
  assert.equal(code, 2);
  assert.match(stderr, /^model-gate: --cyclonedx .*bom\.json is a symlink: model-gate never writes through symlinks/);
  assert.equal(readFileSync(target, 'utf8'), 'keep\n');
  rmSync(link);
});

test('the schema check can fail: a number where CycloneDX wants a decimal string, an unknown hash algorithm', async () => {
  const { bomText } = await exampleRun();
  const numeric = JSON.parse(bomText);
  numeric.components[0].modelCard.quantitativeAnalysis.performanceMetrics[0].value = 0.855;
  assert.throws(() => validate(numeric), /not a valid CycloneDX 1\.6 BOM/);
  const hash = JSON.parse(bomText);
  hash.components[0].hashes[0].alg = 'sha256';
  assert.throws(() => validate(hash), /not a valid CycloneDX 1\.6 BOM/);
});

test('decimal strings: no exponent, and they read back as the same double', () => {
  assert.equal(decimalString(0.1), '0.1');
  assert.equal(decimalString(1e-7), '0.0000001');
  assert.equal(decimalString(-2.5e-8), '-0.000000025');
  assert.equal(decimalString(1.5e21), '1500000000000000000000');
  assert.equal(decimalString(123.456), '123.456');
  assert.equal(decimalString(0), '0');
  assert.throws(() => decimalString(Number.NaN), /not a finite number/);
  let x = 0x9e3779b9;
  for (let i = 0; i < 2000; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    const v = (x / 2 ** 32 - 0.5) * 10 ** ((i % 60) - 30);
    const s = decimalString(v);
    assert.match(s, /^-?\d+(\.\d+)?$/);
    assert.equal(Number(s), v);
  }
});

test('serial numbers: a version 8 UUID with the RFC 9562 variant, from the hash', () => {
  const u = uuidFromSha256('f'.repeat(64));
  assert.equal(u, 'urn:uuid:ffffffff-ffff-8fff-bfff-ffffffffffff');
  assert.equal(uuidFromSha256('0'.repeat(64)), 'urn:uuid:00000000-0000-8000-8000-000000000000');
});
