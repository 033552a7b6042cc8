/**
 * Test models of the consumers we write for.
 * - `runnerCommands`: how the Actions runner finds workflow commands in a log (a transcription of the rules in
 *   actions/runner src/Runner.Common/ActionCommand.cs `TryParseV2` / `TryParse` and ActionCommandManager: the
 *   `::` form after TrimStart at the line start, else the legacy `##[` form anywhere in the line; lines split on
 *   CR/LF; only registered command names count).
 * - `outsideCode`: Markdown with fenced blocks and code spans removed (GitHub processes no markup, mentions or
 *   references inside them), so that assertions look at what GitHub would interpret.
 */
export const REGISTERED = new Set([
  'set-env', 'set-output', 'save-state', 'add-mask', 'add-path', 'add-matcher', 'remove-matcher',
  'debug', 'warning', 'error', 'notice', 'group', 'endgroup', 'echo', 'stop-commands',
]);

/**
 * The characters .NET's `String.TrimStart()` removes (`char.IsWhiteSpace`: the Latin-1 table in dotnet/runtime
 * System.Private.CoreLib/src/System/Char.cs, else the Unicode White_Space property via CharUnicodeInfo), written out
 * by hand rather than taken from src/ so that the model does not share the code's mistakes. JavaScript's `\s` is
 * not this set: it lacks U+0085 and adds U+FEFF.
 */
export const DOTNET_WHITESPACE = [
  0x0009, 0x000a, 0x000b, 0x000c, 0x000d, 0x0020, 0x0085, 0x00a0, 0x1680,
  0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a,
  0x2028, 0x2029, 0x202f, 0x205f, 0x3000,
].map((c) => String.fromCharCode(c));

/** `s.TrimStart()` as .NET does it. */
export function dotnetTrimStart(s: string): string {
  let i = 0;
  while (i < s.length && DOTNET_WHITESPACE.includes(s[i])) i++;
  return s.slice(i);
}

export interface ParsedCommand {
  command: string;
  properties: Record<string, string>;
  data: string;
  form: 'v2' | 'v1';
}

const unescapeData = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
const unescapeProperty = (s: string) =>
  s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');

export function parseLine(line: string): ParsedCommand | null {
  // V2: `::cmd props::data` after TrimStart (.NET trims char.IsWhiteSpace; U+200B is not white space)
  const m = dotnetTrimStart(line);
  if (m.startsWith('::')) {
    const end = m.indexOf('::', 2);
    if (end >= 0) {
      const info = m.slice(2, end);
      const sp = info.indexOf(' ');
      const name = sp < 0 ? info : info.slice(0, sp);
      if (REGISTERED.has(name)) {
        const properties: Record<string, string> = {};
        if (sp > 0) {
          for (const p of info.slice(sp + 1).trim().split(',').filter(Boolean)) {
            const eq = p.indexOf('=');
            if (eq > 0 && eq < p.length - 1) properties[p.slice(0, eq)] = unescapeProperty(p.slice(eq + 1));
          }
        }
        return { command: name, properties, data: unescapeData(m.slice(end + 2)), form: 'v2' };
      }
    }
  }
  // V1: `##[cmd props]data` anywhere in the line
  const i = line.indexOf('##[');
  if (i >= 0) {
    const rb = line.indexOf(']', i);
    if (rb >= 0) {
      const info = line.slice(i + 3, rb);
      const sp = info.indexOf(' ');
      const name = sp < 0 ? info : info.slice(0, sp);
      if (REGISTERED.has(name)) return { command: name, properties: {}, data: line.slice(rb + 1), form: 'v1' };
    }
  }
  return null;
}

export function runnerCommands(log: string): ParsedCommand[] {
  return log.split(/\r\n|\r|\n/).map(parseLine).filter((c): c is ParsedCommand => c !== null);
}

/** Markdown without fenced code blocks and inline code spans. */
export function outsideCode(markdown: string): string {
  const lines = markdown.split('\n');
  const kept: string[] = [];
  let fence: string | null = null;
  for (const line of lines) {
    const f = line.match(/^ {0,3}(`{3,}|~{3,})/);
    if (fence) {
      if (f && f[1][0] === fence[0] && f[1].length >= fence.length && line.trim() === f[1]) fence = null;
      continue;
    }
    if (f) {
      fence = f[1];
      continue;
    }
    kept.push(line);
  }
  // code spans: a run of N backticks up to the next run of exactly N backticks
  return kept.join('\n').replace(/(`+)([\s\S]*?[^`])\1(?!`)/g, ' ');
}

/** Fenced blocks are all closed (the fence of each block appears again on its own line). */
export function fencesBalanced(markdown: string): boolean {
  let fence: string | null = null;
  for (const line of markdown.split('\n')) {
    const f = line.match(/^ {0,3}(`{3,}|~{3,})/);
    if (!f) continue;
    if (fence) {
      if (f[1][0] === fence[0] && f[1].length >= fence.length && line.trim() === f[1]) fence = null;
    } else fence = f[1];
  }
  return fence === null;
}

/**
 * What GitHub would interpret in text outside code, that must never come from report data:
 * raw HTML other than our own tags, mentions, issue references, bare URLs, links/images, and lone `<!--`.
 */
export function interpretedProblems(markdown: string, allowedUrls: string[] = []): string[] {
  let t = outsideCode(markdown);
  for (const u of allowedUrls) t = t.split(`](${u})`).join('](ALLOWED)');
  const problems: string[] = [];
  const ownTags = /^<\/?(details|summary|br|sub)( open)?>$/;
  for (const m of t.matchAll(/<[^>\n]*>?/g)) {
    if (!ownTags.test(m[0]) && !/^<!-- model-gate:[A-Za-z0-9._/-]+ -->$/.test(m[0])) problems.push(`html: ${m[0]}`);
  }
  for (const m of t.matchAll(/\]\((?!ALLOWED\))/g)) problems.push(`link: ${t.slice(Math.max(0, m.index! - 20), m.index! + 20)}`);
  // mention and reference filters and autolinks see the rendered text: entities decoded
  const text = decodeEntities(t.split('](ALLOWED)').join(']'));
  for (const m of text.matchAll(/@[A-Za-z0-9]/g)) problems.push(`mention: ${text.slice(m.index, m.index + 20)}`);
  for (const m of text.matchAll(/#[0-9]/g)) problems.push(`reference: ${text.slice(Math.max(0, m.index! - 5), m.index! + 10)}`);
  for (const m of text.matchAll(/[a-z]+:\/\/|www\./gi)) problems.push(`url: ${text.slice(m.index!, m.index! + 30)}`);
  return problems;
}

export function decodeEntities(s: string): string {
  return s
    .replace(/&#(\d+);/g, (_m, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&#x([0-9a-f]+);/gi, (_m, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}
