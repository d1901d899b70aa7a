/**
 * Values as Terraform's JSON output formats write them: plain JSON of the value, a
 * `sensitive_values` / `after_unknown` mirror with `true` where a path is sensitive or
 * unknown, shared by json-state.ts and json-plan.ts.
 */
import type { Value, Path } from '../../lang/value.js';

/** Plain JSON of a value (unknowns become null, marks are dropped, dynamic values unwrapped). */
export function plainJSON(v: Value): unknown {
  if (!v.isKnown || v.isNull) return null;
  switch (v.type.kind) {
    case 'string': return v.str;
    case 'number': return Number.isFinite(v.num) ? v.num : String(v.num);
    case 'bool': return v.bool;
    case 'list': case 'set': case 'tuple': return v.elems.map(plainJSON);
    case 'map': case 'object': {
      const o: Record<string, unknown> = {};
      for (const [k, e] of v.attrs) o[k] = plainJSON(e);
      return o;
    }
    default: return null;
  }
}

/** A mirror of `v` with `true` where `pred` holds, `{}`/`[]` containers elsewhere (Terraform's shape). */
export function mirror(v: Value, pred: (v: Value) => boolean): unknown {
  if (pred(v)) return true;
  if (!v.isKnown || v.isNull) return false;
  const k = v.type.kind;
  if (k === 'list' || k === 'set' || k === 'tuple') return v.elems.map((e) => mirror(e, pred));
  if (k === 'map' || k === 'object') {
    const o: Record<string, unknown> = {};
    for (const [n, e] of v.attrs) {
      const m = mirror(e, pred);
      if (m !== false) o[n] = m;
    }
    return o;
  }
  return false;
}

/**
 * Terraform's SensitiveAsBool: `true` where a value is sensitive; sequences mirrored
 * element by element, objects and maps with only their non-false members; an unknown
 * collection is `[]` or `{}` (nothing can be said of its contents); anything else false.
 */
export function sensitiveAsBool(v: Value): unknown {
  if (v.isSensitive) return true;
  if (v.isKnown && v.isNull) return false;
  const k = v.type.kind;
  if (k === 'list' || k === 'set' || k === 'tuple') return v.isKnown ? v.elems.map(sensitiveAsBool) : [];
  if (k === 'map' || k === 'object') {
    const o: Record<string, unknown> = {};
    if (!v.isKnown) return o;
    for (const [n, e] of v.attrs) {
      const m = sensitiveAsBool(e);
      if (m !== false) o[n] = m;
    }
    return o;
  }
  return false;
}

/** `sensitive_values` for a marked value: `{}` when nothing is sensitive. */
export function sensitiveMirror(v: Value): unknown {
  const m = sensitiveAsBool(v);
  return m === false ? {} : m;
}

/** `sensitive_values` from the paths a state object records. */
export function sensitiveFromPaths(paths: readonly Path[]): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const p of paths) {
    let cur: Record<string, unknown> | unknown[] = root;
    p.forEach((step, i) => {
      const key = 'attr' in step ? step.attr : typeof step.index === 'object' ? '*' : step.index;
      const last = i === p.length - 1;
      const c = cur as Record<string | number, unknown>;
      if (last) { c[key as string] = true; return; }
      const next = p[i + 1]!;
      if (c[key as string] === undefined || c[key as string] === true) c[key as string] = 'index' in next && typeof next.index === 'number' ? [] : {};
      cur = c[key as string] as Record<string, unknown>;
    });
  }
  return root;
}
