/** SNS subscription filter policies: matching message attributes (or a JSON body) against a policy. */

type Rule = string | number | boolean | null | Record<string, unknown>;

/** A value as the filter sees it: strings, numbers, arrays of either, or absent. */
export type FilterValue = string | number | boolean | null | (string | number)[] | undefined;

function matchRule(rule: Rule, v: FilterValue, present: boolean): boolean {
  if (rule === null || typeof rule !== 'object') {
    if (Array.isArray(v)) return v.some((e) => matchRule(rule, e, true));
    if (!present) return false;
    return typeof rule === 'number' ? Number(v) === rule : v === rule;
  }
  const [op, arg] = Object.entries(rule)[0] ?? [];
  if (op === 'exists') return arg ? present : !present;
  if (!present) return false;
  if (Array.isArray(v)) return v.some((e) => matchRule(rule, e, true));
  const s = typeof v === 'string' ? v : String(v);
  switch (op) {
    case 'prefix': return s.startsWith(String(arg));
    case 'suffix': return s.endsWith(String(arg));
    case 'equals-ignore-case': return s.toLowerCase() === String(arg).toLowerCase();
    case 'anything-but': {
      if (Array.isArray(arg)) return !arg.some((a) => (typeof a === 'number' ? Number(v) === a : s === a));
      if (arg && typeof arg === 'object' && 'prefix' in arg) return !s.startsWith(String((arg as { prefix: string }).prefix));
      return typeof arg === 'number' ? Number(v) !== arg : s !== arg;
    }
    case 'numeric': {
      const n = Number(v);
      if (typeof v === 'string' && v.trim() === '' || Number.isNaN(n)) return false;
      const conds = arg as (string | number)[];
      for (let i = 0; i + 1 < conds.length; i += 2) {
        const c = Number(conds[i + 1]);
        const ok = conds[i] === '=' ? n === c : conds[i] === '<' ? n < c : conds[i] === '<=' ? n <= c : conds[i] === '>' ? n > c : conds[i] === '>=' ? n >= c : false;
        if (!ok) return false;
      }
      return true;
    }
    default: return false;
  }
}

function matchKey(rules: unknown, v: FilterValue, present: boolean): boolean {
  const list = Array.isArray(rules) ? (rules as Rule[]) : [rules as Rule];
  return list.some((r) => matchRule(r, v, present));
}

/** True when the attributes (name -> value) satisfy the policy (keys AND, values OR, `$or` alternatives). */
export function matchesPolicy(policy: Record<string, unknown>, lookup: (path: string[]) => { present: boolean; value: FilterValue }, path: string[] = []): boolean {
  for (const [k, rules] of Object.entries(policy)) {
    if (k === '$or') {
      if (!(rules as Record<string, unknown>[]).some((alt) => matchesPolicy(alt, lookup, path))) return false;
      continue;
    }
    if (rules && typeof rules === 'object' && !Array.isArray(rules)) {
      if (!matchesPolicy(rules as Record<string, unknown>, lookup, [...path, k])) return false;
      continue;
    }
    const { present, value } = lookup([...path, k]);
    if (!matchKey(rules, value, present)) return false;
  }
  return true;
}

/** Checks that a filter policy is a JSON object; returns the error detail or undefined. */
export function filterPolicyError(text: string): string | undefined {
  let v: unknown;
  try { v = JSON.parse(text); } catch (e) { return `FilterPolicy: failed to parse JSON. ${(e as Error).message}`; }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return 'FilterPolicy: Filter policy must be a JSON object';
  return undefined;
}
