import { readFileSync, existsSync } from 'node:fs';
import { modelCardReport, measuredMetrics } from './index.ts';
import { cardDiffText } from './render.ts';
import { GateError } from '../errors.ts';

interface IO {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
}

const USAGE = 'usage: model-gate card-diff BASE_CARD HEAD_CARD [--report REPORT.json]   (a missing card file = the card is new or deleted)';

/** `model-gate card-diff BASE HEAD [--report REPORT.json]`: the model-card diff for a terminal. Exit 0, or 2 on usage errors. */
export async function runCardDiffCommand(argv: string[], io: IO): Promise<number> {
  const files: string[] = [];
  let reportFile: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--report') {
      reportFile = argv[++i];
      if (!reportFile) {
        io.stderr.write(`model-gate: --report needs a file\n${USAGE}\n`);
        return 2;
      }
    } else if (argv[i].startsWith('--')) {
      io.stderr.write(`model-gate: unknown option ${argv[i]}\n${USAGE}\n`);
      return 2;
    } else files.push(argv[i]);
  }
  if (files.length !== 2) {
    io.stderr.write(`model-gate: card-diff needs BASE_CARD and HEAD_CARD\n${USAGE}\n`);
    return 2;
  }
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
