/**
 * `model-gate inspect MODEL.onnx [--json]`: what model-gate sees in a model before any policy exists — its inputs and
 * outputs, the output the gates would read and why, opsets, op counts, external data, gradient coverage, metadata.
 * The facts come from src/model/inspect.ts (the same code a gate run uses). Exit 0, or 2 on unusable input.
 */
import type { ParseArgsOptionsConfig } from 'node:util';
import type { ModelInspection } from '../model/inspect.ts';
import { neutraliseLog } from '../util/escape.ts';
import { defineCommand, parseCommand, unknownOption, unsupportedPlatform, usageError, UsageError, type Command, type Io } from './args.ts';
import { COMMON_OPTIONS } from './help.ts';

export const INSPECT_USAGE = `usage: model-gate inspect MODEL.onnx [--json]
  prints what model-gate sees in an ONNX model, before you write a policy: inputs and outputs (name, type, shape; a
  symbolic dim by its name, an unnamed one as ?), the output the gates read when the policy has no model.output (and
  why: a ZipMap's probability tensor, the logits before a final Softmax, ...), opset imports and the domains the
  nodes use, node counts per op, external data files (and whether each is next to the model), whether the gradient
  engine covers the graph (white-box attacks) or which ops it lacks (then the robustness gate runs black-box
  attacks), and the metadata properties
options:
  --json                  one JSON object on stdout instead, keys in this order: file, size, sha256, ir_version, producer {name, version} | null, opsets [{domain, version}], inputs [{name, type, tensor, shape}], outputs [{name, type, tensor, shape, producer}], output ({ok: true, name, kind, reason, exposed, class_labels, warnings} | {ok: false, error}), nodes, ops [{op, count}] (most used first), domains, external_data [{location, tensors, exists}], gradient ({covered: true, ops, converted, batchable} | {covered: false, reason, missing [{op, count}]} | {covered: null, reason}: not determined), metadata [{key, value}]
${COMMON_OPTIONS}
exit status: 0 inspected, 2 unusable input (missing file, a folder, not ONNX)`;

const COMMAND = defineCommand({
  name: 'inspect',
  options: { json: { type: 'boolean' } },
} as const satisfies Command<ParseArgsOptionsConfig>);

export async function runInspectCommand(argv: string[], io: Io): Promise<number> {
  let parsed: ReturnType<typeof parseCommand<typeof COMMAND.options>>;
  try {
    parsed = parseCommand(COMMAND, argv);
    if (!parsed.values.help) {
      if (parsed.positionals.length === 0) throw new UsageError('inspect needs MODEL.onnx');
      if (parsed.positionals.length > 1) throw new UsageError(unknownOption('inspect', parsed.positionals[1]));
    }
  } catch (e) {
    if (e instanceof UsageError) return usageError(io, e, INSPECT_USAGE);
    throw e;
  }
  if (parsed.values.help) {
    io.stdout.write(INSPECT_USAGE + '\n');
    return 0;
  }
  let inspectModel: typeof import('../model/inspect.ts').inspectModel;
  try {
    ({ inspectModel } = await import('../model/inspect.ts'));
  } catch (e) {
    io.stderr.write(`model-gate: ${unsupportedPlatform(e)}\n`);
    return 2;
  }
  // A GateError (missing file, folder, not ONNX) reaches main(): one line "model-gate: inspect: ...", exit 2.
  const r = await inspectModel(parsed.positionals[0]);
  io.stdout.write(parsed.values.json ? JSON.stringify(r, null, 2) + '\n' : neutraliseLog(renderInspection(r)) + '\n');
  return 0;
}

/** The human rendering: short sections, labels and columns aligned. */
export function renderInspection(r: ModelInspection): string {
  const out: string[] = [];
  const field = (label: string, value: string) => out.push(`${label.padEnd(14)}${value}`);
  field('model', `${r.file} (${bytes(r.size)}, sha256 ${r.sha256})`);
  const prod = r.producer ? `${r.producer.name}${r.producer.version ? ` ${r.producer.version}` : ''}` : 'not recorded';
  field('format', `ONNX IR ${r.ir_version ?? '?'}, producer ${prod}`);
  field('opsets', r.opsets.map((o) => `${o.domain} ${o.version}`).join(', ') || 'none');
  field('domains', r.domains.join(', ') || 'none');
  out.push('');
  out.push('inputs');
  out.push(...table(r.inputs.map((i) => [i.name, i.type, shape(i.shape)])));
  out.push('outputs');
  out.push(...table(r.outputs.map((o) => [o.name, o.type, shape(o.shape), o.producer ? `from ${o.producer}` : 'a graph input'])));
  out.push('');
  if (r.output.ok) {
    field('gates read', `"${r.output.name}" as ${r.output.kind}${r.output.exposed ? ' (an intermediate tensor, added as an output)' : ''}`);
    field('  because', r.output.reason);
    if (r.output.class_labels) field('  classes', r.output.class_labels.map((c) => JSON.stringify(c)).join(', '));
    for (const w of r.output.warnings) field('  note', w);
  } else {
    field('gates read', `nothing chosen: ${r.output.error}`);
  }
  out.push('');
  out.push(`ops (${r.nodes} node${r.nodes === 1 ? '' : 's'})`);
  out.push(...table(r.ops.map((o) => [o.op, String(o.count)]), [false, true]));
  out.push('');
  if (r.external_data.length === 0) field('external data', 'none (weights inside the file)');
  else {
    out.push('external data');
    out.push(...table(r.external_data.map((x) => [x.location, `${x.tensors} tensor${x.tensors === 1 ? '' : 's'}`, x.exists ? 'present' : 'MISSING next to the model'])));
  }
  const gr = r.gradient;
  if (gr.covered === true) {
    field('gradients', `covered: the robustness gate runs white-box attacks (APGD)${gr.converted ? `; opset raised ${gr.converted} for the gradient graph` : ''}`);
    field('  path ops', gr.ops.join(', '));
  } else if (gr.covered === false) {
    field('gradients', 'not covered: the robustness gate falls back to black-box attacks (an upper bound on robust accuracy)');
    if (gr.missing.length > 0) {
      out.push('  missing');
      out.push(...table(gr.missing.map((m) => [m.op, String(m.count)]), [false, true], '    '));
    } else field('  because', gr.reason);
  } else {
    field('gradients', `not determined: ${gr.reason}`);
  }
  out.push('');
  if (r.metadata.length === 0) field('metadata', 'none');
  else {
    out.push('metadata');
    out.push(...table(r.metadata.map((m) => [m.key, m.value.replace(/\s+/g, ' ')])));
  }
  return out.join('\n');
}

function table(rows: string[][], right: boolean[] = [], indent = '  '): string[] {
  if (rows.length === 0) return [`${indent}(none)`];
  const widths = rows[0].map((_, k) => Math.max(...rows.map((r) => r[k].length)));
  return rows.map((r) => (indent + r.map((c, k) => (right[k] ? c.padStart(widths[k]) : k === r.length - 1 ? c : c.padEnd(widths[k]))).join('  ')).trimEnd());
}

function shape(s: (number | string)[] | null): string {
  return s === null ? '-' : `[${s.join(', ')}]`;
}

function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
}
