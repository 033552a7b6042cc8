/**
 * Escaping of untrusted text (file names, column and group values, model-card text, error details) for every place
 * model-gate writes to: workflow commands, the Actions log, Markdown (job summary, PR comment, check run), Mermaid
 * charts and plain terminals. Nothing a pull request controls may become a workflow command, markup, a mention, a
 * cross-reference or a fence break-out.
 *
 * How the runner reads a log line (actions/runner src/Runner.Common/ActionCommand.cs `TryParseV2` / `TryParse`,
 * called from src/Runner.Worker/ActionCommandManager.cs `TryProcessCommand`; read at runner commit 258d6c8):
 * - `::cmd props::data` is a command when the line, after `message.TrimStart()`, STARTS with `::`. .NET's
 *   parameterless TrimStart removes every `char.IsWhiteSpace` character (dotnet/runtime String.Manipulation.cs
 *   `TrimWhiteSpaceHelper`; Char.cs: the Latin-1 table, else the Unicode White_Space property), i.e. exactly
 *   `RUNNER_WHITESPACE` below. That is not JavaScript's `\s`, which lacks U+0085 (NEXT LINE) and adds U+FEFF;
 * - the legacy form `##[cmd props]data` is a command when `##[` occurs ANYWHERE in the line (`IndexOf`), and the
 *   runner tries it whenever the `::` form did not parse. Registered names include `error`, `warning`,
 *   `add-mask`, `set-output`, `group` and `stop-commands` (which would silence every later command of the step);
 * - lines are split on `\r` and `\n`.
 * Decision for log text: every untrusted value printed to the log goes through `neutraliseLog`, which breaks both
 * forms on every line with a ZERO WIDTH SPACE (`:\u200b:` at a line start, `##\u200b[` anywhere). U+200B is not
 * white space for .NET's TrimStart, so the line does not start with `::` after trimming. (The runner's `StartsWith`
 * and `IndexOf(string)` are culture-sensitive, and ICU collation may ignore U+200B like other format characters;
 * but the runner then cuts the command name at an ordinal offset, 2 after the trimmed start or 3 after the start of
 * the `##[` match, which with the ZWSP inside the token lands on the second `:` or on the `[`, so no registered
 * name can follow.) The text stays readable (the ZWSP is invisible), and unlike `::stop-commands::<token>` it needs no state, no secret token, and also protects output
 * that is later copied into another step (the CLI's terminal report printed by a `run:` step is neutralised the
 * same way). `stopCommandsBlock` is offered in addition for large verbatim blocks; it is never the only defence.
 */

const ZWSP = '\u200b';

/**
 * What .NET `String.TrimStart()` removes before the runner looks for `::`: `char.IsWhiteSpace`, i.e. U+0009–U+000D,
 * U+0020, U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000 (25 characters).
 */
export const RUNNER_WHITESPACE = '\t\n\u000b\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000';

/**
 * A `::` at the start of a line after any run of characters the runner may skip: its white space, plus U+FEFF and
 * U+180E (JavaScript's `\s` had the one, .NET Framework counted the other as white space; breaking a few lines too
 * many costs nothing).
 */
const LEADING_COMMAND = new RegExp(`^([${RUNNER_WHITESPACE}\\ufeff\\u180e]*):(?=:)`);

// ---------------------------------------------------------------------------------------------------------------
// Workflow commands (actions/toolkit packages/core/src/command.ts: escapeData / escapeProperty)

/** Escapes a workflow command's data (the message after `::`): `%`, `\r`, `\n`. */
export function escapeCommandData(s: string): string {
  return String(s).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a workflow command's property value (`file=`, `title=`...): also `:` and `,`. */
export function escapeCommandProperty(s: string): string {
  return escapeCommandData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** One workflow command line, e.g. `::error file=a.yml,line=3::message`. Properties with undefined values are left out. */
export function workflowCommand(
  command: string,
  properties: Record<string, string | number | undefined>,
  message: string,
): string {
  if (!/^[a-z][a-z-]*$/.test(command)) throw new Error(`not a workflow command name: ${command}`);
  const props = Object.entries(properties)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${escapeCommandProperty(String(v))}`)
    .join(',');
  return `::${command}${props ? ' ' + props : ''}::${escapeCommandData(message)}`;
}

// ---------------------------------------------------------------------------------------------------------------
// The Actions log and terminals

/**
 * Makes text safe to print to a log the runner parses: on every line, a leading `::` (after white space) becomes
 * `:\u200b:` and every `##[` becomes `##\u200b[`. Line breaks are kept (each line is protected on its own).
 */
export function neutraliseLog(text: string): string {
  return String(text)
    .split(/(\r\n|\r|\n)/)
    .map((part, i) => (i % 2 === 1 ? part : neutraliseLogLine(part)))
    .join('');
}

function neutraliseLogLine(line: string): string {
  let out = line.replace(/##\[/g, `##${ZWSP}[`);
  // .NET TrimStart trims char.IsWhiteSpace (not U+200B): match the same characters (not JavaScript's \s).
  out = out.replace(LEADING_COMMAND, `$1:${ZWSP}`);
  return out;
}

/**
 * One untrusted value on one line of plain text (terminal, log): control characters (C0, C1, DEL, ANSI escape
 * sequences) and line breaks become visible or spaces, bidirectional overrides are shown as `<U+202E>`, and the
 * workflow-command forms are broken as in `neutraliseLog`.
 */
export function plainValue(s: unknown): string {
  let t = String(s);
  t = t.replace(/\r\n|[\r\n\u2028\u2029\u0085]/g, ' ').replace(/\t/g, ' ');
  t = t.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  t = t.replace(BIDI, (c) => `<U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}>`);
  return neutraliseLogLine(t.replace(/::/g, `:${ZWSP}:`));
}

/** Wraps a verbatim block in `::stop-commands::TOKEN` ... `::TOKEN::` (the token must be random, e.g. a UUID). */
export function stopCommandsBlock(text: string, token: string): string {
  if (!/^[A-Za-z0-9_-]{16,}$/.test(token)) throw new Error('stop-commands token must be 16+ random [A-Za-z0-9_-] characters');
  return `::stop-commands::${token}\n${neutraliseLog(text)}\n::${token}::`;
}

// ---------------------------------------------------------------------------------------------------------------
// Markdown (GitHub Flavored Markdown as rendered in comments, job summaries and check runs)

/** Bidirectional embedding/override/isolate controls ("Trojan Source"). */
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g;

/** What `md()` rewrites: mentions, `://`, `www.`, and every character with a Markdown or HTML meaning. */
const MD_SPECIAL = /(www)\.|@|:(?=\/\/)|[&<>"'`\\*_~[\]|!#$\{\}]/gi;

const ENTITY: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
  '\\': '&#92;',
  '*': '&#42;',
  _: '&#95;',
  '~': '&#126;',
  '[': '&#91;',
  ']': '&#93;',
  '|': '&#124;',
  '!': '&#33;',
  '#': '&#35;',
  $: '&#36;',
  '{': '&#123;',
  '}': '&#125;',
};

/**
 * Escapes untrusted text for inline Markdown: in a paragraph, a list item, a table cell or inside HTML such as
 * `<summary>`. The result is one line. Every character with a Markdown or HTML meaning becomes a numeric entity
 * (entities work the same in text, table cells and HTML blocks, where backslash escapes do not); `@` mentions,
 * `#123` references and bare URLs (`https://`, `www.`, e-mail addresses) are broken with a zero-width space,
 * which GitHub's mention and reference filters (they run on the rendered text) do not match.
 */
export function md(s: unknown, opts: { lineStart?: boolean } = {}): string {
  let t = String(s ?? '');
  t = t.replace(/\r\n|[\r\n\u2028\u2029\u0085]/g, ' ');
  t = t.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '\ufffd').replace(/\t/g, ' ');
  t = t.replace(BIDI, (c) => `<U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}>`);
  let out = t.replace(MD_SPECIAL, (m: string, www: string | undefined, offset: number, str: string) => {
    if (www) return `${www}&#8203;.`; // www.example.com
    if (m === '@') return '@&#8203;'; // @user, @org/team, user@example.com
    if (m === ':') return '&#58;&#8203;'; // https://...
    if (m === '#' && /[0-9]/.test(str[offset + 1] ?? '')) return '&#35;&#8203;'; // #123, owner/repo#123
    return ENTITY[m] ?? m;
  });
  // Trailing spaces make hard breaks; leading spaces could make code blocks: trim both. A value placed at the
  // start of a line (`lineStart`) must not open a list or a setext heading: encode a leading `-`, `+`, `=` and
  // the `.`/`)` of `1.` (`#` and `>` are always encoded).
  out = out.replace(/^ +| +$/g, '');
  if (opts.lineStart) {
    out = out.replace(/^[-+=]/, (c) => `&#${c.charCodeAt(0)};`).replace(/^(\d+)([.)])/, (_m, d: string, p: string) => `${d}&#${p.charCodeAt(0)};`);
  }
  return out;
}

/** Longest run of a character in a string. */
function longestRun(s: string, ch: string): number {
  let best = 0;
  let run = 0;
  for (const c of s) {
    run = c === ch ? run + 1 : 0;
    if (run > best) best = run;
  }
  return best;
}

/**
 * Inline code for untrusted text (paths, values): a backtick fence longer than any run inside, padded when the text
 * starts or ends with a backtick. Inside code spans GitHub processes no mentions, references or markup. For table
 * cells pass `inTable`: GFM splits cells on `|` even inside code spans unless it is written `\|`.
 */
export function code(s: unknown, opts: { inTable?: boolean } = {}): string {
  let t = String(s ?? '').replace(/\r\n|[\r\n\u2028\u2029\u0085]/g, ' ');
  t = t.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '\ufffd').replace(/\t/g, ' ');
  t = t.replace(BIDI, (c) => `<U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}>`);
  if (opts.inTable) t = t.replace(/\|/g, '\\|');
  if (t === '') return '';
  const n = longestRun(t, '`') + 1;
  const fence = '`'.repeat(n);
  const pad = t.startsWith('`') || t.endsWith('`') || (t.startsWith(' ') && t.endsWith(' ')) ? ' ' : '';
  return `${fence}${pad}${t}${pad}${fence}`;
}

/**
 * A fenced code block for untrusted multi-line text: the fence is longer than any backtick run inside, so no line
 * can close it; info string only from a safe set. Inside, GitHub renders everything literally (no mentions).
 */
export function fenced(text: string, lang = ''): string {
  const t = String(text)
    .replace(/\r\n|\r/g, '\n')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '\ufffd')
    .replace(BIDI, (c) => `<U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}>`);
  const n = Math.max(3, longestRun(t, '`') + 1);
  const fence = '`'.repeat(n);
  const info = /^[a-z0-9-]*$/.test(lang) ? lang : '';
  return `${fence}${info}\n${t}${t.endsWith('\n') ? '' : '\n'}${fence}`;
}

/**
 * A Markdown table cell from trusted Markdown (our own formatting) — only `|` and newlines need care: line breaks
 * become spaces and every `|` not already written `\|` is escaped. The one cell escaper (markdown.ts `table()`, the
 * policy reference); untrusted text goes through `md()` or `code(s, { inTable: true })` first.
 */
export function cell(trustedMarkdown: string): string {
  return trustedMarkdown.replace(/\r?\n/g, ' ').replace(/(?<!\\)\|/g, '\\|');
}

/**
 * A label for Mermaid charts: quoted, at most `max` characters, only letters, digits, spaces and `._-+=/<>(),×`
 * (`<>` as written by us for comparisons are turned into words; a comma is literal inside the quotes of Mermaid's
 * xychart grammar) — no quotes, backticks, `%%` directives, braces, semicolons or line breaks can reach the chart
 * definition. A label that is too long ends in `…`.
 */
export function mermaidLabel(s: unknown, max = 40): string {
  let t = String(s ?? '')
    .replace(/</g, ' lt ')
    .replace(/>/g, ' gt ')
    .replace(/[^\p{L}\p{N} ._+=/(),×-]/gu, '_')
    .replace(/\s+/g, ' ')
    .trim();
  if ([...t].length > max) t = [...t].slice(0, max - 1).join('').trimEnd() + '…';
  return `"${t || '_'}"`;
}

/** Truncates to at most `max` UTF-16 units without splitting a surrogate pair; appends `…` when cut. */
export function truncate(s: string, max: number): string {
  if (s.length <= max) return s;
  let cut = Math.max(0, max - 1);
  const c = s.charCodeAt(cut - 1);
  if (c >= 0xd800 && c <= 0xdbff) cut--;
  return s.slice(0, cut) + '…';
}

/** A URL we built ourselves (run link), checked before it goes into Markdown: http(s), no spaces, quotes or brackets. */
export function safeUrl(u: string | undefined): string | undefined {
  if (!u) return undefined;
  return /^https?:\/\/[^\s()<>"'`\[\]\\]+$/.test(u) ? u : undefined;
}
