/**
 * Defaults from `optional(T, default)` in type constraints, applied the way HCL's
 * typeexpr.Defaults does: to the value given for a variable before it is converted to
 * the type, recursively through objects, maps, lists, sets and tuples. A missing or null
 * attribute gets its default (with nested defaults applied to the default itself).
 */
import * as T from './types.js';
import type { Type } from './types.js';
import { Value, UNKNOWN, tupleVal, objectVal, emptyListVal, emptySetVal, emptyMapVal, setVal } from './value.js';
import { unify, getConversion, ConversionError } from './convert.js';

/** The defaults tree of a type constraint. Children are keyed by attribute name, tuple index, or '' for collection elements. */
export interface TypeDefaults {
  type: Type;
  values: ReadonlyMap<string, Value>;
  children: ReadonlyMap<string, TypeDefaults>;
}

/** Applies `d` to `v` (unknown and null values pass through unchanged). */
export function applyDefaults(d: TypeDefaults | undefined, v: Value): Value {
  if (!d || v.v === UNKNOWN || v.v === null) return v;
  if (d.values.size === 0 && d.children.size === 0) return v;
  const marks = v.marks;
  const bare = marks ? v.unmark() : v;
  const k = bare.type.kind;
  let out: Value = bare;
  if (k === 'set' || k === 'list' || k === 'tuple') {
    const vals = bare.elems.map((e, i) => {
      const c = child(d, i);
      return c ? applyDefaults(c, e) : e;
    });
    out = tupleVal(vals);
    if (k === 'set' || k === 'list') {
      const et = (bare.type as T.CollectionType).elem;
      if (vals.length === 0) out = k === 'set' ? emptySetVal(et) : emptyListVal(et);
      else {
        const u = unifyValues(vals);
        if (u) out = k === 'set' ? setVal(u, u[0]!.type) : new Value(T.List(u[0]!.type), u);
      }
    }
  } else if (k === 'object' || k === 'map') {
    const vals = new Map<string, Value>();
    for (const [key, e] of bare.attrs) {
      const c = child(d, key);
      vals.set(key, c ? applyDefaults(c, e) : e);
    }
    for (const [key, dv] of d.values) {
      const cur = vals.get(key);
      if (cur === undefined || cur.v === null) {
        const c = d.children.get(key);
        vals.set(key, c ? applyDefaults(c, dv) : dv);
      }
    }
    out = objectVal(vals);
    if (k === 'map') {
      if (vals.size === 0) out = emptyMapVal((bare.type as T.MapType).elem);
      else {
        const keys = [...vals.keys()].sort(T.compareStrings);
        const u = unifyValues(keys.map((x) => vals.get(x)!));
        if (u) out = new Value(T.Map(u[0]!.type), new Map(keys.map((x, i) => [x, u[i]!])));
      }
    }
  }
  return marks ? out.withMarks(marks) : out;
}

function child(d: TypeDefaults, key: number | string): TypeDefaults | undefined {
  if (typeof key === 'number' && d.type.kind === 'tuple') return d.children.get(String(key));
  if (typeof key === 'string' && d.type.kind === 'object') return d.children.get(key);
  return d.children.get('');
}

function unifyValues(vals: readonly Value[]): Value[] | undefined {
  const u = unify(vals.map((v) => v.type), true);
  if (!u) return undefined;
  const out: Value[] = [];
  for (const v of vals) {
    if (T.typeEquals(v.type, u)) { out.push(v); continue; }
    const c = getConversion(v.type, u, true);
    if (!c) return undefined;
    try { out.push(c(v, [])); } catch (e) { if (e instanceof ConversionError) return undefined; throw e; }
  }
  return out;
}
