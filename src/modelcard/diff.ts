import { metricKey, type ModelCard } from './parse.ts';

export interface MetadataChange {
  key: string;
  from: unknown;
  to: unknown;
  /** Changes a reviewer must not miss (the licence). */
  loud: boolean;
  line?: number;
}

export interface MetricChange {
  task: string;
  dataset: string;
  split: string;
  metric: string;
  base: unknown;
  head: unknown;
  /** head − base when both are numbers. */
  delta: number | null;
  change: 'added' | 'removed' | 'changed';
  line?: number;
}

export interface SectionChange {
  title: string;
  change: 'added' | 'removed' | 'changed';
  /** Unified diff of the section's text (3 lines of context). */
  diff: string;
  line?: number;
}

export interface CardDiff {
  base: string | null;
  head: string | null;
  /** `not-compared`: no base version was available (no base commit, e.g. the CLI or a manual run). */
  status: 'unchanged' | 'changed' | 'added' | 'deleted' | 'renamed' | 'not-compared';
  metadata: MetadataChange[];
  datasets: { added: string[]; removed: string[] };
  metrics: MetricChange[];
  sections: SectionChange[];
  warnings: string[];
}

const LOUD = new Set(['license', 'license_name', 'license_link']);
const META_KEYS_ORDER = ['license', 'license_name', 'license_link', 'base_model', 'library_name', 'pipeline_tag', 'language', 'tags'];

/** What changed between two versions of a card (either may be absent: a new or deleted card). */
export function diffCards(base: ModelCard | null, head: ModelCard | null): CardDiff {
  const out: CardDiff = {
    base: base?.file ?? null,
    head: head?.file ?? null,
    status: !base && head ? 'added' : base && !head ? 'deleted' : base && head && base.file !== head.file ? 'renamed' : 'unchanged',
    metadata: [],
    datasets: { added: [], removed: [] },
    metrics: [],
    sections: [],
    warnings: [],
  };
  for (const c of [base, head]) if (c?.frontMatterError) out.warnings.push(c.frontMatterError);
  const b = base?.frontMatter ?? {};
  const h = head?.frontMatter ?? {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(h)])]
    .filter((k) => k !== 'model-index' && k !== 'datasets')
    .sort((x, y) => rank(x) - rank(y) || (x < y ? -1 : x > y ? 1 : 0));
  for (const k of keys) {
    if (canonical(b[k]) !== canonical(h[k])) {
      out.metadata.push({ key: k, from: b[k] ?? null, to: h[k] ?? null, loud: LOUD.has(k), ...(head?.keyLines[k] ? { line: head.keyLines[k] } : {}) });
    }
  }
  const dsOf = (fm: Record<string, unknown>) => new Set((Array.isArray(fm.datasets) ? fm.datasets : fm.datasets ? [fm.datasets] : []).map(String));
  const bd = dsOf(b), hd = dsOf(h);
  out.datasets.added = [...hd].filter((d) => !bd.has(d)).sort();
  out.datasets.removed = [...bd].filter((d) => !hd.has(d)).sort();

  const bm = new Map((base?.metrics ?? []).map((m) => [metricKey(m), m]));
  const hm = new Map((head?.metrics ?? []).map((m) => [metricKey(m), m]));
  for (const key of [...new Set([...bm.keys(), ...hm.keys()])].sort()) {
    const x = bm.get(key), y = hm.get(key);
    const ref = (y ?? x)!;
    if (x && y && canonical(x.value) === canonical(y.value)) continue;
    out.metrics.push({
      task: ref.task,
      dataset: ref.dataset,
      split: ref.split,
      metric: ref.type,
      base: x ? x.value : null,
      head: y ? y.value : null,
      delta: x && y && typeof x.value === 'number' && typeof y.value === 'number' ? y.value - x.value : null,
      change: !x ? 'added' : !y ? 'removed' : 'changed',
      ...(y?.line ? { line: y.line } : {}),
    });
  }

  const bs = new Map((base?.sections ?? []).map((s) => [s.title, s]));
  const hs = new Map((head?.sections ?? []).map((s) => [s.title, s]));
  const order = [...(head?.sections ?? []).map((s) => s.title), ...(base?.sections ?? []).map((s) => s.title).filter((t) => !hs.has(t))];
  for (const title of order) {
    const x = bs.get(title), y = hs.get(title);
    if (x && y && x.body === y.body) continue;
    out.sections.push({
      title,
      change: !x ? 'added' : !y ? 'removed' : 'changed',
      diff: unifiedDiff(x?.body ?? '', y?.body ?? ''),
      ...(y ? { line: y.line } : {}),
    });
  }
  if (out.status === 'unchanged' && (out.metadata.length || out.metrics.length || out.sections.length || out.datasets.added.length || out.datasets.removed.length)) {
    out.status = 'changed';
  }
  return out;
}

function rank(k: string): number {
  const i = META_KEYS_ORDER.indexOf(k);
  return i < 0 ? META_KEYS_ORDER.length : i;
}

function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, val) => (val && typeof val === 'object' && !Array.isArray(val) ? Object.fromEntries(Object.entries(val).sort(([a], [b]) => (a < b ? -1 : 1))) : val)) ?? 'null';
}

/** A unified diff (`-`/`+`/` ` lines with `@@` hunks, 3 lines of context) from a longest-common-subsequence match. */
export function unifiedDiff(a: string, b: string, context = 3): string {
  const x = a === '' ? [] : a.split('\n');
  const y = b === '' ? [] : b.split('\n');
  const n = x.length, m = y.length;
  // LCS table (sections are short; cap the work for pathological inputs).
  if (n * m > 4_000_000) return [...x.map((l) => `-${l}`), ...y.map((l) => `+${l}`)].join('\n');
  const L = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) L[i][j] = x[i] === y[j] ? L[i + 1][j + 1] + 1 : Math.max(L[i + 1][j], L[i][j + 1]);
  const ops: { t: ' ' | '-' | '+'; l: string; i: number; j: number }[] = [];
  let i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && x[i] === y[j]) ops.push({ t: ' ', l: x[i], i: i++, j: j++ });
    else if (i < n && (j >= m || L[i + 1][j] >= L[i][j + 1])) ops.push({ t: '-', l: x[i], i: i++, j });
    else ops.push({ t: '+', l: y[j], i, j: j++ });
  }
  const out: string[] = [];
  let k = 0;
  while (k < ops.length) {
    if (ops[k].t === ' ') {
      k++;
      continue;
    }
    const start = Math.max(0, k - context);
    let end = k;
    while (end < ops.length) {
      if (ops[end].t !== ' ') {
        end++;
        continue;
      }
      let run = 0;
      while (end + run < ops.length && ops[end + run].t === ' ') run++;
      if (end + run >= ops.length || run > 2 * context) {
        end = Math.min(ops.length, end + context);
        break;
      }
      end += run;
    }
    const hunk = ops.slice(start, end);
    const aStart = hunk[0].i + 1, bStart = hunk[0].j + 1;
    const aLen = hunk.filter((o) => o.t !== '+').length, bLen = hunk.filter((o) => o.t !== '-').length;
    out.push(`@@ -${aLen ? aStart : aStart - 1},${aLen} +${bLen ? bStart : bStart - 1},${bLen} @@`);
    for (const o of hunk) out.push(`${o.t}${o.l}`);
    k = end;
  }
  return out.join('\n');
}
