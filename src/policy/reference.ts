import schema from '../../policies/model-gate.schema.json' with { type: 'json' };
import { cell } from '../util/escape.ts';

type S = Record<string, unknown>;

/**
 * The policy reference as a Markdown table, generated from `policies/model-gate.schema.json` (every property's
 * `description`, type and default), so that the README and the schema cannot drift apart. One row per key, in
 * schema order; `<name>` stands for a user-chosen map key (a dataset, an input, a claim).
 */
export function policyReferenceMarkdown(): string {
  const rows: string[] = ['| key | type | default | description |', '|---|---|---|---|'];
  const root = schema as unknown as S;
  const defs = root.$defs as Record<string, S>;
  const deref = (s: S): S => {
    if (typeof s.$ref === 'string') {
      const target = deref(defs[s.$ref.replace('#/$defs/', '')]);
      return { ...target, ...Object.fromEntries(Object.entries(s).filter(([k]) => k !== '$ref')) };
    }
    return s;
  };
  const typeOf = (s: S): string => {
    if ('const' in s) return `\`${JSON.stringify(s.const)}\``;
    if (Array.isArray(s.enum)) return (s.enum as unknown[]).map((v) => `\`${typeof v === 'string' ? v : JSON.stringify(v)}\``).join(' | ');
    if (s.type === 'object') {
      const keys = Object.keys((s.properties ?? {}) as object);
      return keys.join() === 'min,max' ? '`{min, max}`' : 'mapping';
    }
    const alts = (s.anyOf ?? s.oneOf) as S[] | undefined;
    if (alts && s.type === undefined) return alts.map((a) => typeOf(deref(a))).join(' or ');
    const t = Array.isArray(s.type) ? (s.type as string[]).join(' or ') : String(s.type ?? 'any');
    if (t === 'array' && s.items) {
      const inner = typeOf(deref(s.items as S));
      return `list of ${inner.includes(' or ') ? `(${inner})` : inner}`;
    }
    return t;
  };
  const walk = (s: S, path: string): void => {
    const props = (s.properties ?? {}) as Record<string, S>;
    for (const [key, raw] of Object.entries(props)) {
      const p = deref(raw);
      const name = path ? `${path}.${key}` : key;
      const required = Array.isArray(s.required) && (s.required as string[]).includes(key);
      const def = 'default' in p ? `\`${JSON.stringify(p.default)}\`` : required ? '(required)' : '';
      rows.push(`| \`${name}\` | ${cell(typeOf(p))} | ${def} | ${cell(String(p.description ?? ''))} |`);
      const isThreshold = p.properties !== undefined && Object.keys(p.properties as object).join() === 'min,max';
      if (p.properties && !isThreshold) walk(p, name);
      if (p.additionalProperties && typeof p.additionalProperties === 'object') {
        const inner = deref(p.additionalProperties as S);
        if (inner.properties) walk(inner, `${name}.<name>`);
      }
      if (p.items && typeof p.items === 'object') {
        const inner = deref(p.items as S);
        if (inner.properties) walk(inner, `${name}[]`);
      }
    }
  };
  walk(root, '');
  return rows.join('\n') + '\n';
}
