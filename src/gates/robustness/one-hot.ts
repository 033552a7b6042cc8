/**
 * The policy's one-hot groups (`gates.robustness.one-hot`) as feature indices: a list of columns as written, or
 * `{ prefix }` for every feature column whose name starts with the prefix (in the features' order). A prefix that
 * matches no column, or only one (a one-hot group needs two), is an error naming it; so is a column that two groups
 * share (a column belongs to one group).
 */
import type { ColumnRef, OneHotGroup } from './policy.ts';

export function resolveOneHotGroups(
  groups: readonly OneHotGroup[],
  featureNames: readonly string[] | null | undefined,
  dataset: string,
  featIndex: (ref: ColumnRef, path: (string | number)[]) => number,
  bad: (path: (string | number)[], message: string) => never,
): Int32Array[] {
  const owner = new Map<number, number>();
  return groups.map((g, gi) => {
    let idx: number[];
    if (Array.isArray(g)) {
      idx = g.map((r, k) => featIndex(r, ['one-hot', gi, k]));
    } else {
      const where = ['one-hot', gi, 'prefix'];
      const at = `gates.robustness.one-hot[${gi}].prefix ${JSON.stringify(g.prefix)}`;
      if (!featureNames) bad(where, `${at}: dataset "${dataset}" is a tensor without column names: list the group's 0-based feature indices instead`);
      idx = [];
      featureNames.forEach((n, i) => { if (n.startsWith(g.prefix)) idx.push(i); });
      if (idx.length === 0) {
        const shown = featureNames.slice(0, 20).join(', ') + (featureNames.length > 20 ? ', ...' : '');
        bad(where, `${at} matches no feature column of dataset "${dataset}" (features: ${shown}): fix the prefix, or list the group's columns`);
      }
      if (idx.length === 1) {
        bad(where, `${at} matches only one feature column ("${featureNames[idx[0]]}") of dataset "${dataset}": a one-hot group needs at least two columns; fix the prefix, or drop the group`);
      }
    }
    for (const i of idx) {
      const prev = owner.get(i);
      if (prev !== undefined && prev !== gi) {
        const name = featureNames ? `"${featureNames[i]}"` : `feature ${i}`;
        bad(['one-hot', gi], `gates.robustness.one-hot[${gi}] and one-hot[${prev}] both contain ${name}: a column belongs to one group`);
      }
      owner.set(i, gi);
    }
    return Int32Array.from(idx);
  });
}
