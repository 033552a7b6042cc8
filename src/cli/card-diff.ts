/** `model-gate card-diff BASE HEAD [--report REPORT.json]`: the model-card diff for a terminal. Exit 0, or 2 on usage errors. */
import { readFileSync, existsSync } from 'node:fs';
import type { ParseArgsOptionsConfig } from 'node:util';
import { modelCardReport, measuredMetrics } from '../modelcard/index.ts';
import { cardDiffText } from '../modelcard/render.ts';
import { GateError } from '../errors.ts';
import { parseCommand, usageError, UsageError, type Command, type Io } from './args.ts';
import { CARD_DIFF_USAGE } from './help.ts';

const COMMAND = {
  name: 'card-diff',
  options: { report: { type: 'string' } },
  valueNames: { report: 'file' },
} as const satisfies Command<ParseArgsOptionsConfig>;

export async function runCardDiffCommand(argv: string[], io: Io): Promise<number> {
  let parsed: ReturnType<typeof parseCommand<typeof COMMAND.options>>;
  try {
    parsed = parseCommand(COMMAND, argv);
  } catch (e) {
    if (e instanceof UsageError) return usageError(io, e, CARD_DIFF_USAGE);
    throw e;
  }
  const { values, positionals: files } = parsed;
  if (values.help) {
    io.stdout.write(CARD_DIFF_USAGE + '\n');
    return 0;
  }
  const reportFile = values.report;
  if (reportFile === '') return usageError(io, new UsageError('--report needs a file'), CARD_DIFF_USAGE);
  if (files.length !== 2) return usageError(io, new UsageError('card-diff needs BASE_CARD and HEAD_CARD'), CARD_DIFF_USAGE);
  const read = (f: string) => {
    if (!existsSync(f)) return null;
    try {
      return { path: f, text: readFileSync(f, 'utf8') };
    } catch (e) {
      throw new GateError('card.read', `cannot read ${f}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}: give the path of a Markdown model card file`, { cause: e });
    }
  };
  const base = read(files[0]);
  const head = read(files[1]);
  if (!base && !head) {
    io.stderr.write(`model-gate: neither ${files[0]} nor ${files[1]} exists\n`);
    return 2;
  }
  let measured: Record<string, number> = {};
  let coversCard: boolean | null = null;
  if (reportFile) {
    try {
      const report = JSON.parse(readFileSync(reportFile, 'utf8'));
      measured = measuredMetrics(report.gates ?? {});
      coversCard = report.signature?.covers_card ?? null;
    } catch (e) {
      io.stderr.write(`model-gate: cannot read the report ${reportFile}: ${(e as Error).message.split('\n')[0]}: give the JSON report written by model-gate check --json\n`);
      return 2;
    }
  }
  const r = modelCardReport({ base, head, measured, coversCard });
  io.stdout.write(cardDiffText(r) + '\n');
  return 0;
}
