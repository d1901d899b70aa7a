/**
 * How Terraform's plan renderer pairs the elements of two lists (typed lists, and the
 * arrays inside a dynamically typed value): lists of the same length element by element,
 * unless one is a reordering of the other; otherwise along their longest common
 * subsequence, the elements outside it deleted then created, except that an object meeting
 * an object is diffed as one changed element. Sets pair only equal elements.
 */

/** One element of a list diff: before, after, or both (an unchanged or changed element). */
export interface ElementPair<V> { before?: V; after?: V }

/** The elements of `before` and `after` paired as Terraform's renderer pairs them. */
export function pairElements<V>(before: readonly V[], after: readonly V[], same: (a: V, b: V) => boolean, isObject: (v: V) => boolean): ElementPair<V>[] {
  if (before.length === after.length && !isReorder(before, after, same)) return before.map((b, i) => ({ before: b, after: after[i]! }));
  const common = longestCommon(before, after, same);
  const out: ElementPair<V>[] = [];
  let b = 0, a = 0, k = 0;
  while (b < before.length || a < after.length || k < common.length) {
    while (b < before.length && (k >= common.length || !same(before[b]!, common[k]!))) {
      if (isObject(before[b]!) && a < after.length && isObject(after[a]!) && (k >= common.length || !same(after[a]!, common[k]!))) {
        out.push({ before: before[b++]!, after: after[a++]! });
        continue;
      }
      out.push({ before: before[b++]! });
    }
    while (a < after.length && (k >= common.length || !same(after[a]!, common[k]!))) out.push({ after: after[a++]! });
    if (k < common.length) { out.push({ before: before[b++]!, after: after[a++]! }); k++; }
  }
  return out;
}

/** Every element of `before` has an equal in `after` (lists of one length): such a list is diffed by its common subsequence. */
function isReorder<V>(before: readonly V[], after: readonly V[], same: (a: V, b: V) => boolean): boolean {
  return before.every((b) => after.some((a) => same(b, a)));
}

/**
 * A set's elements paired as Terraform's renderer pairs them: each element of `before`
 * with an equal one of `after` (unchanged) or alone (deleted), in `before`'s order, then
 * the elements of `after` left over (created).
 */
export function pairSetElements<V>(before: readonly V[], after: readonly V[], same: (a: V, b: V) => boolean): ElementPair<V>[] {
  const taken = new Set<number>();
  const out: ElementPair<V>[] = before.map((b) => {
    const j = after.findIndex((a, i) => !taken.has(i) && same(b, a));
    if (j < 0) return { before: b };
    taken.add(j);
    return { before: b, after: after[j]! };
  });
  after.forEach((a, i) => { if (!taken.has(i)) out.push({ after: a }); });
  return out;
}

/** A longest common subsequence, traced back from the ends (ties step back in `xs`). */
function longestCommon<V>(xs: readonly V[], ys: readonly V[], same: (a: V, b: V) => boolean): V[] {
  if (!xs.length || !ys.length) return [];
  const w = xs.length;
  const len = new Array<number>(xs.length * ys.length).fill(0);
  const eq = new Array<boolean>(xs.length * ys.length).fill(false);
  const at = (x: number, y: number) => (x < 0 || y < 0 ? 0 : len[w * y + x]!);
  for (let y = 0; y < ys.length; y++) {
    for (let x = 0; x < xs.length; x++) {
      eq[w * y + x] = same(xs[x]!, ys[y]!);
      len[w * y + x] = eq[w * y + x] ? at(x - 1, y - 1) + 1 : Math.max(at(x - 1, y), at(x, y - 1));
    }
  }
  const out: V[] = [];
  let x = xs.length - 1, y = ys.length - 1;
  while (x >= 0 && y >= 0 && out.length < len[len.length - 1]!) {
    if (eq[w * y + x]) { out.unshift(xs[x]!); x--; y--; } else if (at(x, y - 1) > at(x - 1, y)) y--; else x--;
  }
  return out;
}
