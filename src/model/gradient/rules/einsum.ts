/** Einsum with explicit letters (no ellipsis, no repeated letter within an operand): each gradient is an Einsum. */
import { attrString } from '../../onnx/proto.ts';
import { aString } from '../graph.ts';
import type { GradientRule, InputGrads } from '../rule.ts';

/** The operand terms and the output term, or a reason why the equation is not handled. */
export function parseEinsum(eq: string): { terms: string[]; out: string } | string {
  const s = eq.replace(/\s+/g, '');
  if (s.includes('.')) return 'ellipsis';
  const [lhs, rhs, more] = s.split('->');
  if (more !== undefined) return 'malformed';
  const terms = lhs.split(',');
  if (terms.some((t) => !/^[a-zA-Z]*$/.test(t))) return 'malformed';
  if (terms.some((t) => new Set(t).size !== t.length)) return 'a letter repeated within an operand (diagonal)';
  let out = rhs;
  if (out === undefined) {
    // implicit mode: the letters that occur once, in alphabetical order
    const cnt = new Map<string, number>();
    for (const c of terms.join('')) cnt.set(c, (cnt.get(c) ?? 0) + 1);
    out = [...cnt].filter(([, k]) => k === 1).map(([c]) => c).sort().join('');
  }
  if (!/^[a-zA-Z]*$/.test(out) || new Set(out).size !== out.length) return 'malformed output term';
  return { terms, out };
}

/**
 * d(operand k) = Einsum(dY, the other operands) to operand k's letters; letters that occur only in operand k
 * (summed away in the forward) are restored by Unsqueeze + Expand to the operand's shape.
 */
const einsum: GradientRule = {
  ops: ['Einsum'],
  backward(ctx, n, gy) {
    const { e } = ctx;
    const eq = attrString(n, 'equation', '')!;
    const p = parseEinsum(eq);
    if (typeof p === 'string') ctx.unsupported(n, `equation "${eq}": ${p}`);
    const { terms, out } = p as { terms: string[]; out: string };
    if (terms.length !== n.input.length) ctx.unsupported(n, `equation "${eq}": ${terms.length} terms for ${n.input.length} inputs`);
    const grads: InputGrads = n.input.map(() => null);
    terms.forEach((tk, k) => {
      const A = n.input[k];
      if (!ctx.active(A)) return;
      const others = terms.filter((_, j) => j !== k);
      const seen = new Set(out + others.join(''));
      const kept = [...tk].filter((c) => seen.has(c)).join('');
      const ins = [gy, ...n.input.filter((_, j) => j !== k)];
      let gr = e.op('Einsum', ins, [aString('equation', `${[out, ...others].join(',')}->${kept}`)]);
      if (kept.length !== tk.length) {
        const missing = [...tk].map((c, i) => (seen.has(c) ? -1 : i)).filter((i) => i >= 0);
        gr = e.op('Expand', [e.op('Unsqueeze', [gr, e.ints(missing)]), ctx.shapeNode(A)]);
      }
      grads[k] = gr;
    });
    return grads;
  },
};

export const rules: readonly GradientRule[] = [einsum];
