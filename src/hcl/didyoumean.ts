/**
 * "Did you mean ...?" suggestions, with the same rule as HCL and Terraform: the first
 * candidate (in the order given) whose Levenshtein distance from the given name is below 3.
 */

/** Levenshtein edit distance between two strings, counted in Unicode code points. */
export function levenshtein(a: string, b: string): number {
  const s = Array.from(a);
  const t = Array.from(b);
  if (s.length === 0) return t.length;
  if (t.length === 0) return s.length;
  let prev = new Array<number>(t.length + 1);
  let cur = new Array<number>(t.length + 1);
  for (let j = 0; j <= t.length; j++) prev[j] = j;
  for (let i = 1; i <= s.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[t.length]!;
}

/**
 * The first of `candidates` close enough to `given` to be a likely typo of it, or
 * undefined. Earlier candidates win ties, so callers order them by preference.
 */
export function nameSuggestion(given: string, candidates: Iterable<string>): string | undefined {
  for (const c of candidates) {
    if (levenshtein(given, c) < 3) return c;
  }
  return undefined;
}
