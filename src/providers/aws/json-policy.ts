/**
 * JSON-valued attributes (IAM-style policies, redrive and lifecycle policies) the way
 * hashicorp/aws treats them: AWS hands the document back re-serialised (other key order,
 * no whitespace, a one-element array as a string), and the provider keeps the string the
 * user wrote as long as it means the same thing, so `plan` after `apply` stays empty.
 * No AWS SDK import: plan-time code uses it.
 */
import type { Value } from '../../lang/value.js';
import { attr, withAttrs } from '../sdk/obj.js';
import type { PlanCustomization } from '../sdk/resource.js';

/** A function deciding whether two JSON texts mean the same. */
export type JsonEquivalence = (a: string, b: string) => boolean;

function parse(s: string): { ok: true; v: unknown } | { ok: false } {
  try {
    return { ok: true, v: JSON.parse(s) };
  } catch {
    return { ok: false };
  }
}

function deepEqual(a: unknown, b: unknown, arraysAsSets = false): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    if (a.length !== bb.length) return false;
    if (!arraysAsSets) return a.every((e, i) => deepEqual(e, bb[i], arraysAsSets));
    const left = [...bb];
    for (const e of a) {
      const i = left.findIndex((x) => deepEqual(e, x, arraysAsSets));
      if (i < 0) return false;
      left.splice(i, 1);
    }
    return true;
  }
  const ao = a as Record<string, unknown>, bo = b as Record<string, unknown>;
  const ak = Object.keys(ao), bk = Object.keys(bo);
  if (ak.length !== bk.length) return false;
  return ak.every((k) => Object.prototype.hasOwnProperty.call(bo, k) && deepEqual(ao[k], bo[k], arraysAsSets));
}

/** True when both texts parse to the same JSON value (key order and whitespace aside). */
export const equivalentJson: JsonEquivalence = (a, b) => {
  if (a === b) return true;
  const pa = parse(a), pb = parse(b);
  return pa.ok && pb.ok && deepEqual(pa.v, pb.v);
};

// Policy grammar elements whose value may be one string or an array of strings.
const LISTISH = new Set(['Action', 'NotAction', 'Resource', 'NotResource']);

const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : [v]);

/** `{ op: { key: value | [values] } }` with every value a list. */
function normalizeCondition(c: unknown): unknown {
  if (c === null || typeof c !== 'object') return c;
  return Object.fromEntries(Object.entries(c as Record<string, unknown>).map(([op, kv]) => [
    op, kv !== null && typeof kv === 'object' && !Array.isArray(kv)
      ? Object.fromEntries(Object.entries(kv as Record<string, unknown>).map(([k, v]) => [k, asList(v)]))
      : kv,
  ]));
}

/**
 * `"*"` is `{"AWS": "*"}`, one value is a one-element list, and a bare account id is that
 * account's root ARN (AWS stores it so).
 */
function normalizePrincipal(p: unknown): unknown {
  if (p === '*') return { AWS: ['*'] };
  if (p === null || typeof p !== 'object' || Array.isArray(p)) return p;
  return Object.fromEntries(Object.entries(p as Record<string, unknown>).map(([k, v]) => [
    k, asList(v).map((x) => (k === 'AWS' && typeof x === 'string' && /^\d{12}$/.test(x) ? `arn:aws:iam::${x}:root` : x)),
  ]));
}

function normalizePolicy(doc: unknown): unknown {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return doc;
  const d = { ...(doc as Record<string, unknown>) };
  if (d['Statement'] !== undefined && !Array.isArray(d['Statement'])) d['Statement'] = [d['Statement']];
  if (Array.isArray(d['Statement'])) {
    d['Statement'] = (d['Statement'] as unknown[]).map((s) => {
      if (s === null || typeof s !== 'object') return s;
      const out: Record<string, unknown> = {};
      for (const [k, e] of Object.entries(s as Record<string, unknown>)) {
        // Action names are case-insensitive ("SNS:Publish" is "sns:Publish").
        if (k === 'Action' || k === 'NotAction') out[k] = asList(e).map((x) => (typeof x === 'string' ? x.toLowerCase() : x));
        else if (LISTISH.has(k)) out[k] = asList(e);
        else if (k === 'Principal' || k === 'NotPrincipal') out[k] = normalizePrincipal(e);
        else if (k === 'Condition') out[k] = normalizeCondition(e);
        else if (k === 'Sid' && e === '') continue;
        else out[k] = e;
      }
      return out;
    });
  }
  return d;
}

/**
 * True when two IAM-style policy documents are equivalent: same JSON, or the same once a
 * single string is read as a one-element list where the grammar allows either, and
 * statement and value lists are compared regardless of order.
 */
export const equivalentPolicy: JsonEquivalence = (a, b) => {
  if (equivalentJson(a, b)) return true;
  const pa = parse(a), pb = parse(b);
  if (!pa.ok || !pb.ok) return false;
  return deepEqual(normalizePolicy(pa.v), normalizePolicy(pb.v), true);
};

/**
 * The string to store after reading `remote` from AWS: the prior (configured) text when it
 * is equivalent, else what AWS returned. Empty or absent remote documents read as "".
 */
export function keepEquivalent(prior: string | undefined, remote: string | undefined, eq: JsonEquivalence): string {
  const r = remote ?? '';
  if (prior !== undefined && prior !== '' && r !== '' && eq(prior, r)) return prior;
  return r;
}

/**
 * Diff suppression at plan time: for each named attribute whose configured text is
 * equivalent to the prior state's, the plan keeps the prior string (no change).
 */
export function suppressEquivalent(p: PlanCustomization, names: string[], eq: JsonEquivalence): PlanCustomization {
  if (!p.prior) return p;
  const changes: Record<string, Value> = {};
  for (const n of names) {
    const c = attr(p.config, n), pr = attr(p.prior, n);
    if (c.isNull || !c.isKnown || pr.isNull || !pr.isKnown) continue;
    if (c.v !== pr.v && eq(c.v as string, pr.v as string)) changes[n] = pr;
  }
  return Object.keys(changes).length ? { ...p, planned: withAttrs(p.planned, changes) } : p;
}

/** A normalized (compact, keys as given) JSON text, or the input when it does not parse. */
export function compactJson(s: string): string {
  const p = parse(s);
  return p.ok ? JSON.stringify(p.v) : s;
}
