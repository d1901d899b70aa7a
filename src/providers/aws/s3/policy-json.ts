/**
 * IAM policy documents compared as hashicorp/aws compares them: two policies are the same
 * when they differ only in formatting, statement order, or a single value written as a
 * one-element list. State keeps the configured text when AWS's answer is equivalent.
 */
import { rawEquals } from '../../../lang/value.js';
import { str, withAttrs } from '../../sdk/obj.js';
import type { PlanCustomization } from '../../sdk/resource.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const LIST_KEYS = new Set(['Action', 'NotAction', 'Resource', 'NotResource', 'AWS', 'Service', 'Federated', 'CanonicalUser']);

function normalize(v: Json, key = ''): Json {
  if (Array.isArray(v)) {
    const items = v.map((e) => normalize(e));
    const sorted = items.map((e) => JSON.stringify(e)).sort();
    return sorted.length === 1 && LIST_KEYS.has(key) ? JSON.parse(sorted[0]!) as Json : sorted.map((s) => JSON.parse(s) as Json);
  }
  if (v && typeof v === 'object') {
    const out: Record<string, Json> = {};
    for (const k of Object.keys(v).sort()) {
      let e = normalize(v[k]!, k);
      if (k === 'Statement' && !Array.isArray(e)) e = [e];
      if (k === 'Sid' && e === '') continue;
      out[k] = e;
    }
    return out;
  }
  return v;
}

/** True when two policy documents say the same thing. */
export function policiesEquivalent(a: string, b: string): boolean {
  try {
    return JSON.stringify(normalize(JSON.parse(a) as Json)) === JSON.stringify(normalize(JSON.parse(b) as Json));
  } catch {
    return false;
  }
}

function sortKeys(v: Json): Json {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys(v[k]!)]));
  return v;
}

/** JSON text as hashicorp normalises it: object keys sorted, no insignificant whitespace. */
export function compactJson(text: string): string {
  try {
    return JSON.stringify(sortKeys(JSON.parse(text) as Json));
  } catch {
    return text;
  }
}

/** The policy text to store: the prior (configured) text when equivalent to AWS's, else AWS's, compacted. */
export function policyToSet(prior: string, remote: string): string {
  if (prior && policiesEquivalent(prior, remote)) return prior;
  return compactJson(remote);
}

/** Keeps the prior policy text in the plan when the configured one is equivalent. */
export function planEquivalentPolicy(p: PlanCustomization, name = 'policy'): PlanCustomization {
  if (!p.prior || p.prior.isNull) return p;
  const before = str(p.prior, name), after = str(p.planned, name);
  if (before === undefined || after === undefined || before === after || !policiesEquivalent(before, after)) return p;
  const planned = withAttrs(p.planned, { [name]: before });
  return { ...p, planned: rawEquals(planned, p.prior) ? p.prior : planned };
}
