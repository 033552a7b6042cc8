/**
 * `model-gate card-diff BASE HEAD [--report REPORT.json]` (or `--no-base HEAD`, `--no-head BASE` for a card that is new
 * or deleted): the model-card diff for a terminal. Exit 0, or 2 on usage errors and cards that cannot be read.
 */
import { readFileSync } from 'node:fs';
import type { ParseArgsOptionsConfig } from 'node:util';
import { modelCardReport, measuredMetrics } from '../modelcard/index.ts';
import { cardDiffText } from '../modelcard/render.ts';
import { GateError } from '../errors.ts';
import { defineCommand, parseCommand, usageError, UsageError, type Command, type Io } from './args.ts';
import { CARD_DIFF_USAGE } from './help.ts';

const COMMAND = defineCommand({
  name: 'card-diff',
  options: { report: { type: 'string' }, 'no-base': { type: 'boolean' }, 'no-head': { type: 'boolean' } },
  valueNames: { report: 'file' },
} as const satisfies Command<ParseArgsOptionsConfig>);

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
  const noBase = values['no-base'] === true;
  const noHead = values['no-head'] === true;
  if (noBase && noHead) return usageError(io, new UsageError('--no-base and --no-head are exclusive: one of the two cards must exist'), CARD_DIFF_USAGE);
  const want = noBase ? 'HEAD_CARD only (--no-base: the card is new)' : noHead ? 'BASE_CARD only (--no-head: the card was deleted)' : 'BASE_CARD and HEAD_CARD';
  if (files.length !== (noBase || noHead ? 1 : 2)) return usageError(io, new UsageError(`card-diff needs ${want}`), CARD_DIFF_USAGE);
  const read = (f: string) => {
    try {
      return { path: f, text: readFileSync(f, 'utf8') };
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') {
        throw new GateError('card.missing', `${f} does not exist: give the path of a Markdown model card file (for a card that is new or deleted, use --no-base or --no-head)`, { cause: e });
      }
      throw new GateError('card.read', `cannot read ${f}: ${code ?? (e as Error).message}: give the path of a Markdown model card file`, { cause: e });
    }
  };
  const base = noBase ? null : read(files[0]);
  const head = noHead ? null : read(files[noBase ? 0 : 1]);
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
