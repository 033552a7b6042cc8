/**
 * Data flows one way (docs/design.md §10): no import cycle among the files of src/, nor among its top-level folders
 * (entry -> engine -> gates -> model -> ... ). Imports are read with the TypeScript compiler's own pre-processor
 * (static, dynamic and type-only imports and re-exports all count: a type import ties two parts as much as a value
 * import does).
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { ROOT } from '../helpers/workspace.ts';

function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...tsFiles(p));
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** file -> the files of the tree it imports (relative specifiers only). */
function importGraph(root: string): Map<string, Set<string>> {
  const files = tsFiles(root);
  const known = new Set(files);
  const graph = new Map<string, Set<string>>();
  for (const f of files) {
    const deps = new Set<string>();
    for (const ref of ts.preProcessFile(readFileSync(f, 'utf8'), true, true).importedFiles) {
      if (!ref.fileName.startsWith('.')) continue;
      const base = path.resolve(path.dirname(f), ref.fileName);
      const hit = [base, base.replace(/\.js$/, '.ts'), `${base}.ts`, path.join(base, 'index.ts')].find((c) => known.has(c));
      if (hit && hit !== f) deps.add(hit);
    }
    graph.set(f, deps);
  }
  return graph;
}

/** Strongly connected components with more than one node (Tarjan). */
function cycles<T>(graph: Map<T, Set<T>>): T[][] {
  let next = 0;
  const index = new Map<T, number>();
  const low = new Map<T, number>();
  const stack: T[] = [];
  const on = new Set<T>();
  const out: T[][] = [];
  const visit = (v: T) => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const c: T[] = [];
      let w: T;
      do {
        w = stack.pop()!;
        on.delete(w);
        c.push(w);
      } while (w !== v);
      if (c.length > 1) out.push(c);
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return out;
}

/** The cycles among files and among top-level folders (a file directly in root is its own "folder"). */
function importCycles(root: string): string[] {
  const files = importGraph(root);
  const rel = (f: string) => path.relative(root, f).split(path.sep).join('/');
  const top = (f: string) => rel(f).split('/')[0].replace(/\.ts$/, '');
  const folders = new Map<string, Set<string>>();
  for (const [f, deps] of files) {
    const a = top(f);
    if (!folders.has(a)) folders.set(a, new Set());
    for (const d of deps) if (top(d) !== a) folders.get(a)!.add(top(d));
  }
  // Name each folder cycle with one import per edge, so a failure says which lines to move.
  const why = (a: string, b: string) => {
    for (const [f, deps] of files) if (top(f) === a) for (const d of deps) if (top(d) === b) return `${rel(f)} -> ${rel(d)}`;
    return `${a} -> ${b}`;
  };
  return [
    ...cycles(files).map((c) => `file cycle: ${c.map(rel).sort().join(' <-> ')}`),
    ...cycles(folders).map((c) => {
      const inCycle = new Set(c);
      const edges = c.flatMap((a) => [...folders.get(a)!].filter((b) => inCycle.has(b)).map((b) => why(a, b)));
      return `folder cycle: ${c.sort().join(' <-> ')} (${edges.sort().join('; ')})`;
    }),
  ];
}

test('src/ has no import cycle among its files or its top-level folders', () => {
  assert.deepEqual(importCycles(path.join(ROOT, 'src')), []);
});

test('the cycle check finds file and folder cycles, through type-only, dynamic and re-export imports', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mg-cycles-'));
  try {
    const put = (rel: string, text: string) => {
      mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      writeFileSync(path.join(dir, rel), text);
    };
    put('a/one.ts', "import type { T } from './two.ts';\nexport const x = 1;\n");
    put('a/two.ts', "export type T = number;\nexport { x } from './one.ts';\n");
    put('b/uses.ts', "export async function f() { return import('../c/leaf.ts'); }\n");
    put('c/leaf.ts', "import { g } from '../b/other.ts';\nexport const leaf = g;\n");
    put('b/other.ts', 'export const g = 2;\n');
    put('d/alone.ts', "import { x } from '../a/one.ts';\nexport const y = x;\n");
    assert.deepEqual(importCycles(dir), [
      'file cycle: a/one.ts <-> a/two.ts',
      'folder cycle: b <-> c (b/uses.ts -> c/leaf.ts; c/leaf.ts -> b/other.ts)',
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
