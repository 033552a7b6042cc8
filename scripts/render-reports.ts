/**
 * Renders what a reviewer sees — the job summary and the pull-request comment — for runs of the shipped example
 * (examples/credit) and of the UCI Adult fixture, to PNG screenshots in docs/img/ (referenced from the README):
 *
 *   node scripts/render-reports.ts [--out docs/img] [--keep]
 *
 * Each scenario is a real run of the engine in a temporary git repository, as on a pull request (base commit =
 * the example as shipped): `pass` (no change), `fail` (a stricter robustness threshold), `loosened` (a loosened
 * threshold together with a retrained model, re-signed with the example key), `error` (a pull request that deletes
 * a pinned dataset), and `fairness` (Adult, sex × race: ten intersectional groups). The Markdown is rendered by
 * `marked` (GitHub-flavoured) and Mermaid (both devDependencies, loaded from node_modules through file://, no
 * network) in a GitHub-like page, and screenshotted by headless Chromium (`chromium`, Debian's package; override
 * with CHROMIUM=...). Not part of the test suite. `--keep` leaves the HTML and Markdown in the temporary folder.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { marked } from 'marked';
import { changedFiles, commitFiles } from '../src/action/git.ts';
import { main as cli } from '../src/cli.ts';
import { runGate } from '../src/engine/run.ts';
import { workingTreeFiles } from '../src/engine/working-tree.ts';
import { renderComment } from '../src/report/comment.ts';
import { gateSection } from '../src/report/markdown.ts';
import { renderSummary } from '../src/report/summary.ts';
import type { Report } from '../src/report/types.ts';
import { gateEntries } from '../src/report/view.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const OUT = path.resolve(ROOT, args.includes('--out') ? args[args.indexOf('--out') + 1] : 'docs/img');
const KEEP = args.includes('--keep');
const CHROMIUM = process.env.CHROMIUM ?? 'chromium';
const RUN_URL = 'https://github.com/acme/credit/actions/runs/4242';
const ID = 'model-gate';
const quiet = { info: () => undefined, warn: () => undefined };

function git(cwd: string, ...a: string[]): string {
  return execFileSync('git', ['-c', 'user.name=render', '-c', 'user.email=render@example.com', '-c', 'commit.gpgsign=false', ...a], {
    cwd, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), GIT_CONFIG_NOSYSTEM: '1' },
  }).trim();
}

function commitAll(cwd: string, message: string): string {
  git(cwd, 'add', '-A');
  git(cwd, 'commit', '-q', '--allow-empty', '-m', message);
  return git(cwd, 'rev-parse', 'HEAD');
}

const tmp = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'mg-render-')));

/**
 * The engine as on a pull request: base = the example as shipped (after `baseChange`: the trusted policy is the
 * base's), head = after `change`.
 */
async function pullRequest(name: string, change: (ws: string) => Promise<void> | void, baseChange: (ws: string) => void = () => undefined): Promise<Report> {
  const ws = path.join(tmp, name);
  cpSync(path.join(ROOT, 'examples/credit'), ws, { recursive: true });
  baseChange(ws);
  git(ws, 'init', '-q', '-b', 'main');
  const base = commitAll(ws, 'base');
  await change(ws);
  const head = commitAll(ws, name);
  const trusted = await commitFiles(ws, base);
  return runGate({
    workspace: ws, workingDirectory: ws, policyPath: 'model-gate.yml', mode: 'enforce', trusted,
    head: workingTreeFiles(ws, 'head'), baseFiles: trusted, changedFiles: await changedFiles(ws, base, head), log: quiet,
  });
}

const edit = (file: string, from: string, to: string) => {
  const text = readFileSync(file, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} does not contain ${JSON.stringify(from)}`);
  writeFileSync(file, text.replace(from, to));
};

async function resign(ws: string): Promise<void> {
  const sink = { write: () => true };
  const code = await cli(['sign', path.join(ws, 'model'), '--signing-key', path.join(ws, 'keys/example-signing.key'), '--force'], { stdout: sink, stderr: sink });
  if (code !== 0) throw new Error('re-signing the example failed');
}

/** Adult (test/fixtures): the logistic regression, sensitive [sex, race], a reference group, conservative. */
async function adultFairness(): Promise<Report> {
  const ws = path.join(tmp, 'fairness');
  mkdirSync(ws);
  cpSync(path.join(ROOT, 'test/fixtures/fairness/adult-logreg.onnx'), path.join(ws, 'adult-logreg.onnx'));
  cpSync(path.join(ROOT, 'test/fixtures/data/adult/adult-test-encoded.csv'), path.join(ws, 'adult-test-encoded.csv'));
  writeFileSync(path.join(ws, 'model-gate.yml'), `version: 1
seed: 0
model: { path: adult-logreg.onnx }
signature: { required: false }
datasets:
  adult: { path: adult-test-encoded.csv, label: label, exclude: [sex, race] }
gates:
  fairness:
    dataset: adult
    sensitive: [sex, race]
    positive-label: 1
    min-group-size: 30
    thresholds:
      demographic_parity_difference: { max: 0.1 }
`);
  const files = workingTreeFiles(ws, 'head');
  return runGate({ workspace: ws, workingDirectory: ws, policyPath: 'model-gate.yml', mode: 'enforce', trusted: files, head: files, changedFiles: null, log: quiet });
}

const CSS = `
body { margin: 0; background: #fff; color: #1f2328; font: 14px/1.5 -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif, "Noto Color Emoji"; }
main { box-sizing: border-box; width: 100%; padding: 16px 24px; }
.frame { border: 1px solid #d1d9e0; border-radius: 6px; padding: 16px 20px; }
.frame-head { background: #f6f8fa; border: 1px solid #d1d9e0; border-bottom: 0; border-radius: 6px 6px 0 0; padding: 8px 16px; font-weight: 600; color: #59636e; }
.frame-head + .frame { border-radius: 0 0 6px 6px; }
h1, h2 { border-bottom: 1px solid #d1d9e0; padding-bottom: .3em; } h1 { font-size: 1.8em; margin: .2em 0 .6em; } h2 { font-size: 1.4em; margin: 1.2em 0 .6em; }
h3 { font-size: 1.2em; margin: 1.1em 0 .5em; } h4 { font-size: 1em; margin: 1em 0 .4em; }
table { border-collapse: collapse; margin: 0 0 12px; display: block; width: max-content; max-width: 100%; overflow: auto; }
th, td { border: 1px solid #d1d9e0; padding: 4px 10px; text-align: left; vertical-align: top; } th { font-weight: 600; } tr:nth-child(2n) { background: #f6f8fa; }
code { font: 85% ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: #818b981f; padding: .15em .35em; border-radius: 5px; }
pre { background: #f6f8fa; padding: 12px; border-radius: 6px; overflow: auto; } pre code { background: none; padding: 0; }
pre.mermaid { background: none; text-align: center; }
details { margin: 0 0 12px; } summary { cursor: pointer; }
blockquote { margin: 0 0 12px; padding: 0 1em; color: #59636e; border-left: .25em solid #d1d9e0; }
blockquote.alert { color: inherit; } blockquote.alert-warning { border-left-color: #9a6700; } blockquote.alert-caution { border-left-color: #d1242f; }
blockquote.alert .alert-title { font-weight: 600; margin: 0; } blockquote.alert-warning .alert-title { color: #9a6700; } blockquote.alert-caution .alert-title { color: #d1242f; }
p { margin: 0 0 12px; } a { color: #0969da; text-decoration: none; } sub { color: #59636e; }
`;

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

marked.use({
  gfm: true,
  renderer: {
    code({ text, lang }) {
      return lang === 'mermaid' ? `<pre class="mermaid">${escapeHtml(text)}</pre>\n` : false;
    },
  },
});

/**
 * The report's emoji, drawn with the symbols of the fonts a plain Debian machine has (DejaVu), in GitHub's colours:
 * without an emoji font Chromium would draw empty boxes. GitHub itself shows the emoji.
 */
const EMOJI: [RegExp, string][] = [
  [/✅\uFE0F?/g, '<span style="color:#1a7f37">✔</span>'],
  [/❌\uFE0F?/g, '<span style="color:#d1242f">✘</span>'],
  [/⚠️|⚠/g, '<span style="color:#9a6700">⚠</span>'],
  [/⏭️|⏭/g, '<span style="color:#59636e">»</span>'],
  [/📌/g, '<span style="color:#d1242f">•</span>'],
  [/✏️|✏/g, '✎'],
];

function plainSymbols(html: string): string {
  return EMOJI.reduce((h, [re, to]) => h.replace(re, to), html);
}

/** GitHub's `> [!WARNING]` alerts, which marked leaves as plain quotes. */
function alerts(html: string): string {
  return html.replace(/<blockquote>\s*<p>\[!(WARNING|CAUTION|NOTE|IMPORTANT|TIP)\]\s*/g, (_m, kind: string) =>
    `<blockquote class="alert alert-${kind.toLowerCase()}"><p class="alert-title">${kind[0]}${kind.slice(1).toLowerCase()}</p><p>`);
}

function page(title: string, markdown: string, frame: string): string {
  const mermaid = pathToFileURL(path.join(ROOT, 'node_modules/mermaid/dist/mermaid.min.js')).href;
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${CSS}</style>
<script src="${mermaid}"></script></head><body><main><div class="frame-head">${escapeHtml(frame)}</div><div class="frame">
${plainSymbols(alerts(marked.parse(markdown) as string))}
</div></main>
<script>
mermaid.initialize({ startOnLoad: false, theme: 'default', xyChart: { width: 760 },
  themeVariables: { xyChart: { plotColorPalette: '#2f81f7' } } });
mermaid.run({ querySelector: 'pre.mermaid' }).finally(() => { document.title = 'height=' + Math.ceil(document.querySelector('main').getBoundingClientRect().bottom + 8); });
</script></body></html>`;
}

const chromiumFlags = ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--allow-file-access-from-files', '--force-device-scale-factor=1', '--virtual-time-budget=15000'];

function run(a: string[]): string {
  return execFileSync(CHROMIUM, [...chromiumFlags, ...a], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 * 1024 * 1024 });
}

/** Renders `markdown` at `width` px and screenshots the page down to its own height (at most `maxHeight`). */
function shoot(name: string, markdown: string, frame: string, width: number, maxHeight: number): void {
  const html = path.join(tmp, `${name}.html`);
  writeFileSync(path.join(tmp, `${name}.md`), markdown);
  writeFileSync(html, page(name, markdown, frame));
  const dom = run([`--window-size=${width},${maxHeight}`, '--dump-dom', pathToFileURL(html).href]);
  const m = /<title>height=(\d+)<\/title>/.exec(dom);
  if (!m) throw new Error(`${name}: the page did not finish rendering (Mermaid not loaded from ${path.join(ROOT, 'node_modules/mermaid')}?)`);
  const height = Math.min(maxHeight, Number(m[1]));
  const png = path.join(OUT, `${name}.png`);
  try { unlinkSync(png); } catch { /* none yet */ }
  run([`--window-size=${width},${height}`, `--screenshot=${png}`, pathToFileURL(html).href]);
  const size = readFileSync(png).length;
  console.log(`${path.relative(ROOT, png)}: ${width}×${height}, ${(size / 1024).toFixed(0)} KiB${height < Number(m[1]) ? ` (page ${m[1]} px, cut)` : ''}`);
}

try {
  mkdirSync(OUT, { recursive: true });
  const reports: Record<string, Report> = {
    pass: await pullRequest('pass', () => undefined),
    // a repository whose (base) policy asks for more than the model gives
    fail: await pullRequest('fail', () => undefined, (ws) => {
      edit(path.join(ws, 'model-gate.yml'), 'robust_accuracy: { min: 0.6 }', 'robust_accuracy: { min: 0.8 }');
      edit(path.join(ws, 'model-gate.yml'), 'demographic_parity_difference: { max: 0.1 }', 'demographic_parity_difference: { max: 0.002 }');
    }),
    loosened: await pullRequest('loosened', async (ws) => {
      edit(path.join(ws, 'model-gate.yml'), 'robust_accuracy: { min: 0.6 }', 'robust_accuracy: { min: 0.4 }');
      edit(path.join(ws, 'model/README.md'), 'Demonstration only.', 'Demonstration only (retrained).');
      await resign(ws);
    }),
    error: await pullRequest('error', (ws) => rmSync(path.join(ws, 'data/holdout.csv'))),
    fairness: await adultFairness(),
  };
  for (const [name, r] of Object.entries(reports)) console.log(`${name}: verdict ${r.verdict}${r.failed_gates.length ? ` (${r.failed_gates.join(', ')})` : ''}`);

  const summaryFrame = 'Job summary · model-gate';
  const commentFrame = 'github-actions commented · model-gate';
  shoot('summary-pass', renderSummary(reports.pass, { id: ID, runUrl: RUN_URL }), summaryFrame, 900, 1650);
  shoot('comment-fail', renderComment(reports.fail, { id: ID, runUrl: RUN_URL }), commentFrame, 900, 1400);
  shoot('comment-loosened', renderComment(reports.loosened, { id: ID, runUrl: RUN_URL }), commentFrame, 900, 1400);
  shoot('comment-error', renderComment(reports.error, { id: ID, runUrl: RUN_URL }), commentFrame, 900, 900);
  const fairness = gateEntries(reports.fairness).find((e) => e.name === 'fairness')!;
  shoot('summary-fairness-intersectional', gateSection(fairness, { level: 3, charts: true, genericDetails: false }), summaryFrame, 900, 1800);
} finally {
  if (KEEP) console.log(`kept ${tmp}`);
  else rmSync(tmp, { recursive: true, force: true });
}
