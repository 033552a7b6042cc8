/**
 * One call for the action layer: everything that shows the report on GitHub, in the order docs/design.md §7 gives, with
 * the I/O injected (main.ts passes `@actions/core` functions or file appends; nothing here imports `@actions/*`).
 * Reporting never changes the verdict and never throws for a GitHub API problem: failures become warnings.
 *
 *   1. job summary      → `writeSummary(markdown)` (always)
 *   2. check run        → `model-gate/<id>` on `headSha` with every annotation (when `api` and `headSha` are given)
 *   3. annotations      → workflow-command lines through `writeLine` when there is no check run or it failed
 *   4. PR comment       → the one living comment (when `api` and `pullRequest` are given)
 */
import { annotationsFor, workflowCommandLines } from './annotations.ts';
import { renderCheckRun, renderComment, sanitizeId } from './comment.ts';
import { checkConclusion, publishCheckRun, publishComment, type CommentResult, type GitHubOptions } from './github.ts';
import { renderSummary } from './summary.ts';
import type { Report } from './types.ts';

export interface PublishOptions {
  id: string;
  /** `${GITHUB_SERVER_URL}/${GITHUB_REPOSITORY}/actions/runs/${GITHUB_RUN_ID}` */
  runUrl?: string;
  /** Where report.json was written (named in the summary's truncation note). */
  reportPath?: string;
  /** GitHub API access; without it only the summary and workflow-command annotations are written. */
  api?: Omit<GitHubOptions, 'log'>;
  /** Head SHA for the check run (pull_request: pull_request.head.sha; otherwise GITHUB_SHA). */
  headSha?: string;
  /** Pull request number for the comment (input `comment` already applied by the caller). */
  pullRequest?: number;
  writeSummary(markdown: string): void | Promise<void>;
  /** Writes one line to stdout (workflow commands). */
  writeLine(line: string): void;
  warn(message: string): void;
}

export interface PublishResult {
  checkRun: boolean;
  workflowAnnotations: number;
  comment: CommentResult | null;
}

export async function publishReport(report: Report, o: PublishOptions): Promise<PublishResult> {
  const id = sanitizeId(o.id);
  const log = { warn: o.warn };
  try {
    await o.writeSummary(renderSummary(report, { id, runUrl: o.runUrl, reportPath: o.reportPath }));
  } catch (e) {
    o.warn(`model-gate: could not write the job summary: ${(e as Error)?.message ?? String(e)}`);
  }
  const annotations = annotationsFor(report);
  let checkRun = false;
  if (o.api && o.headSha) {
    const out = renderCheckRun(report, { id, runUrl: o.runUrl });
    checkRun = await publishCheckRun({
      ...o.api,
      log,
      headSha: o.headSha,
      name: `model-gate/${id}`,
      conclusion: checkConclusion(report),
      title: out.title,
      summary: out.summary,
      text: out.text,
      annotations,
      detailsUrl: o.runUrl,
    });
  }
  let workflowAnnotations = 0;
  if (!checkRun) {
    const lines = workflowCommandLines(annotations);
    for (const l of lines) o.writeLine(l);
    workflowAnnotations = lines.length;
  }
  let comment: CommentResult | null = null;
  if (o.api && o.pullRequest) {
    comment = await publishComment({ ...o.api, log, issueNumber: o.pullRequest, id, body: renderComment(report, { id, runUrl: o.runUrl }) });
  }
  return { checkRun, workflowAnnotations, comment };
}
