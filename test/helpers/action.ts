/** Runs dist/index.js exactly as the GitHub runner does: INPUT_* variables, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_EVENT_PATH. */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './workspace.ts';

export interface ActionRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  runnerTemp: string;
}

export function parseOutputFile(text: string): Record<string, string> {
  // Lines of `name<<DELIM\nvalue\nDELIM` (as @actions/core writes them) or `name=value`.
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^=<]+)<<(.+)$/.exec(lines[i]);
    if (m) {
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i]);
      out[m[1]] = value.join('\n');
    } else if (lines[i].includes('=')) {
      const k = lines[i].slice(0, lines[i].indexOf('='));
      out[k] = lines[i].slice(k.length + 1);
    }
  }
  return out;
}

export async function runAction(opts: {
  workspace: string;
  inputs?: Record<string, string>;
  event?: { name: string; payload?: unknown };
  env?: Record<string, string>;
  /** The entry to run, relative to the repository (default dist/index.js; src/main.ts runs the sources). */
  entry?: string;
  /** RUNNER_TEMP (default a new temporary folder). A runner's is the same path in every job, emptied before each. */
  runnerTemp?: string;
}): Promise<ActionRun> {
  const entry = path.join(ROOT, opts.entry ?? 'dist/index.js');
  if (!existsSync(entry)) throw new Error(`${opts.entry ?? 'dist/index.js'} is missing: run \`npm run build\` first`);
  const runnerTemp = opts.runnerTemp ?? mkdtempSync(path.join(os.tmpdir(), 'mg-runner-'));
  const outputFile = path.join(runnerTemp, 'output.txt');
  const summaryFile = path.join(runnerTemp, 'summary.md');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? os.tmpdir(),
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: opts.workspace,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    RUNNER_TEMP: runnerTemp,
    GITHUB_REPOSITORY: 'acme/credit',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: '42',
    GITHUB_API_URL: 'http://127.0.0.1:9', // nothing listens: any API call fails fast
    ...opts.env,
  };
  if (opts.event) {
    const eventFile = path.join(runnerTemp, 'event.json');
    writeFileSync(eventFile, JSON.stringify(opts.event.payload ?? {}));
    env.GITHUB_EVENT_NAME = opts.event.name;
    env.GITHUB_EVENT_PATH = eventFile;
  }
  // As the runner does: INPUT_<name upper-cased, spaces as _> (dashes stay).
  for (const [k, v] of Object.entries(opts.inputs ?? {})) env[`INPUT_${k.replace(/ /g, '_').toUpperCase()}`] = v;
  const child = spawn(process.execPath, [entry], { cwd: opts.workspace, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '', stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const code: number = await new Promise((resolve) => child.on('close', (c) => resolve(c ?? -1)));
  return {
    code,
    stdout,
    stderr,
    outputs: parseOutputFile(readFileSync(outputFile, 'utf8')),
    summary: readFileSync(summaryFile, 'utf8'),
    runnerTemp,
  };
}

/** The `::error ...::message` lines (workflow-command annotations) of a run. */
export function errorLines(run: ActionRun): string[] {
  return run.stdout.split('\n').filter((l) => l.startsWith('::error'));
}
