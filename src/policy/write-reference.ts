/**
 * Rewrites the generated key reference in policies/README.md (between the markers) from the schema:
 *   node src/policy/write-reference.ts          # write
 *   node src/policy/write-reference.ts --check  # exit 1 when the README is stale
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { policyReferenceMarkdown } from './reference.ts';

export const BEGIN = '<!-- BEGIN generated from model-gate.schema.json by src/policy/write-reference.ts -->';
export const END = '<!-- END generated -->';

/** The README text with the reference section replaced by the current one. */
export function withReference(readme: string): string {
  const a = readme.indexOf(BEGIN), b = readme.indexOf(END);
  if (a < 0 || b < a) throw new Error(`policies/README.md lacks the markers ${BEGIN} ... ${END}`);
  return `${readme.slice(0, a + BEGIN.length)}\n${policyReferenceMarkdown()}${readme.slice(b)}`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../policies/README.md');
  const current = readFileSync(file, 'utf8');
  const next = withReference(current);
  if (process.argv.includes('--check')) {
    if (next !== current) {
      console.error('policies/README.md is stale: run node src/policy/write-reference.ts');
      process.exit(1);
    }
  } else if (next !== current) {
    writeFileSync(file, next);
  }
}
