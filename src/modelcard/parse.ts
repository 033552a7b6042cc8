import { LineCounter, parseDocument, isMap, isSeq, isScalar, type Node as YamlNode } from 'yaml';

/** One `model-index[].results[].metrics[]` entry of a Hugging Face model card. */
export interface CardMetric {
  task: string;
  dataset: string;
  split: string;
  /** The metric's `type` (what claims and measured metrics are matched by). */
  type: string;
  name?: string;
  value: unknown;
  /** 1-based line of the value in the card. */
  line?: number;
  col?: number;
}

export interface CardSection {
  /** Heading path, e.g. `Intended use` or `Training > Data`; `(preamble)` for text before the first heading. */
  title: string;
  line: number;
  body: string;
}

export interface ModelCard {
  file: string;
  frontMatter: Record<string, unknown>;
  /** Line of each top-level front-matter key. */
  keyLines: Record<string, number>;
  /** Whether the card opens with front matter (`---` on its first line), valid or not. */
  hasFrontMatter: boolean;
  frontMatterError?: string;
  /** Where the front matter problem is (1-based line, and column when known). */
  frontMatterErrorAt?: { line: number; col?: number };
  metrics: CardMetric[];
  sections: CardSection[];
}

/**
 * Parses a Hugging Face style model card: Markdown with YAML front matter between `---` lines. A card without
 * front matter is all prose; a front matter that is not valid YAML is reported (not thrown): a card is documentation
 * and the gate keeps working, but the problem is shown.
 */
export function parseCard(text: string, file: string): ModelCard {
  const src = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const lines = src.split('\n');
  let fmEnd = -1;
  if (lines[0]?.trim() === '---') {
    for (let i = 1; i < lines.length; i++) {
      if (lines[i].trim() === '---' || lines[i].trim() === '...') {
        fmEnd = i;
        break;
      }
    }
  }
  const card: ModelCard = { file, frontMatter: {}, keyLines: {}, hasFrontMatter: lines[0]?.trim() === '---', metrics: [], sections: [] };
  let bodyStart = 0;
  if (card.hasFrontMatter && fmEnd < 0) {
    // Read as prose (the card stays documentation), but never silently: its claims cannot be read.
    card.frontMatterError = `${file}: the YAML front matter opened on line 1 is never closed by a --- line`;
    card.frontMatterErrorAt = { line: 1 };
  }
  if (fmEnd > 0) {
    bodyStart = fmEnd + 1;
    const fmText = lines.slice(1, fmEnd).join('\n');
    const lc = new LineCounter();
    const doc = parseDocument(fmText, { lineCounter: lc, prettyErrors: false, uniqueKeys: false });
    const lineOf = (n: YamlNode | null | undefined): { line?: number; col?: number } => {
      if (!n || !n.range) return {};
      const p = lc.linePos(n.range[0]);
      return { line: p.line + 1, col: p.col };
    };
    if (doc.errors.length > 0) {
      card.frontMatterError = `${file}: the YAML front matter is not valid: ${doc.errors[0].message.split('\n')[0]}`;
      const at = doc.errors[0].pos?.[0];
      if (typeof at === 'number') {
        const p = lc.linePos(at);
        card.frontMatterErrorAt = { line: p.line + 1, col: p.col };
      }
    } else {
      const js = doc.toJS();
      if (js && typeof js === 'object' && !Array.isArray(js)) card.frontMatter = js as Record<string, unknown>;
      if (isMap(doc.contents)) {
        for (const pair of doc.contents.items) {
          if (isScalar(pair.key)) card.keyLines[String(pair.key.value)] = lineOf(pair.key as YamlNode).line ?? 1;
        }
        const mi = doc.contents.get('model-index', true);
        if (isSeq(mi)) {
          for (const model of mi.items) {
            if (!isMap(model)) continue;
            const results = model.get('results', true);
            if (!isSeq(results)) continue;
            for (const res of results.items) {
              if (!isMap(res)) continue;
              const task = res.get('task', true);
              const dataset = res.get('dataset', true);
              const taskJs = isMap(task) ? (task.toJSON() as Record<string, unknown>) : {};
              const dsJs = isMap(dataset) ? (dataset.toJSON() as Record<string, unknown>) : {};
              const metrics = res.get('metrics', true);
              if (!isSeq(metrics)) continue;
              for (const m of metrics.items) {
                if (!isMap(m)) continue;
                const mj = m.toJSON() as Record<string, unknown>;
                const valueNode = m.get('value', true) as YamlNode | undefined;
                card.metrics.push({
                  task: String(taskJs.type ?? taskJs.name ?? ''),
                  dataset: String(dsJs.type ?? dsJs.name ?? ''),
                  split: String(dsJs.split ?? ''),
                  type: String(mj.type ?? mj.name ?? ''),
                  ...(mj.name !== undefined ? { name: String(mj.name) } : {}),
                  value: mj.value,
                  ...lineOf(valueNode ?? (m as YamlNode)),
                });
              }
            }
          }
        }
      }
    }
  }
  // Prose sections by ATX headings (outside fenced code).
  const stack: { level: number; title: string }[] = [];
  let current: CardSection = { title: '(preamble)', line: bodyStart + 1, body: '' };
  const bodyLines: string[] = [];
  let fence: string | null = null;
  const flush = () => {
    current.body = bodyLines.join('\n').replace(/^\n+|\s+$/g, '');
    if (current.body !== '' || current.title !== '(preamble)') card.sections.push(current);
    bodyLines.length = 0;
  };
  for (let i = bodyStart; i < lines.length; i++) {
    const l = lines[i];
    const f = /^\s{0,3}(`{3,}|~{3,})/.exec(l);
    if (f) {
      if (fence === null) fence = f[1][0].repeat(f[1].length);
      else if (l.trim().startsWith(fence)) fence = null;
    }
    const h = fence === null ? /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(l) : null;
    if (h) {
      flush();
      const level = h[1].length;
      while (stack.length && stack[stack.length - 1].level >= level) stack.pop();
      stack.push({ level, title: h[2] });
      current = { title: stack.map((s) => s.title).join(' > '), line: i + 1, body: '' };
    } else {
      bodyLines.push(l);
    }
  }
  flush();
  return card;
}

/** The metric's identity across two versions of a card. */
export function metricKey(m: CardMetric): string {
  return [m.task, m.dataset, m.split, m.type].join(' | ');
}
