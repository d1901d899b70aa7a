/**
 * Small helpers for provider code that reads and builds object values: attribute access
 * with JS results, and objects of a schema type built from plain JS data (missing
 * attributes become null of their type).
 */
import * as T from '../../lang/types.js';
import type { Type } from '../../lang/types.js';
import {
  Value, nullVal, stringVal, numberVal, boolVal, listVal, emptyListVal, setVal, emptySetVal,
  mapVal, emptyMapVal, objectValOfType, tupleVal, objectVal,
} from '../../lang/value.js';

/** The attribute `name` of a known object value (null of `any` when absent or the object is null). */
export function attr(obj: Value, name: string): Value {
  if (obj.isNull || !obj.isKnown) return nullVal(T.Dynamic);
  return obj.attrs.get(name) ?? nullVal(T.Dynamic);
}

/** The JS string of attribute `name`, or undefined when null/unknown. */
export function str(obj: Value, name: string): string | undefined {
  const v = attr(obj, name);
  return v.isNull || !v.isKnown ? undefined : (v.v as string);
}
/** The JS number of attribute `name`, or undefined when null/unknown. */
export function num(obj: Value, name: string): number | undefined {
  const v = attr(obj, name);
  return v.isNull || !v.isKnown ? undefined : (v.v as number);
}
/** The boolean of attribute `name`, or undefined when null/unknown. */
export function bool(obj: Value, name: string): boolean | undefined {
  const v = attr(obj, name);
  return v.isNull || !v.isKnown ? undefined : (v.v as boolean);
}

/**
 * Converts a value to plain JS (strings, numbers, booleans, arrays, objects, null).
 * Unknown parts become undefined; marks are dropped.
 */
export function toJS(v: Value): unknown {
  if (!v.isKnown) return undefined;
  if (v.isNull) return null;
  switch (v.type.kind) {
    case 'string':
    case 'number':
    case 'bool':
      return v.v;
    case 'list':
    case 'set':
    case 'tuple':
      return v.elems.map(toJS);
    case 'map':
    case 'object': {
      const o: Record<string, unknown> = {};
      for (const [k, e] of v.attrs) o[k] = toJS(e);
      return o;
    }
    default:
      return null;
  }
}

/**
 * Builds a value of type `t` from plain JS data. `undefined`/`null` become null of the
 * type; object attributes missing from `js` become null. Throws TypeError on a shape that
 * cannot fit (a provider bug, not user input).
 */
export function fromJS(js: unknown, t: Type): Value {
  if (js === undefined || js === null) return nullVal(t);
  switch (t.kind) {
    case 'string':
      return stringVal(typeof js === 'string' ? js : String(js));
    case 'number': {
      const n = typeof js === 'number' ? js : Number(js);
      if (Number.isNaN(n)) throw new TypeError(`fromJS: ${JSON.stringify(js)} is not a number`);
      return numberVal(n);
    }
    case 'bool':
      return boolVal(js === true || js === 'true');
    case 'list': {
      const arr = asArray(js);
      return arr.length === 0 ? emptyListVal(t.elem) : listVal(arr.map((e) => fromJS(e, t.elem)), t.elem);
    }
    case 'set': {
      const arr = asArray(js);
      return arr.length === 0 ? emptySetVal(t.elem) : setVal(arr.map((e) => fromJS(e, t.elem)), t.elem);
    }
    case 'map': {
      const entries = Object.entries(js as Record<string, unknown>);
      return entries.length === 0 ? emptyMapVal(t.elem) : mapVal(entries.map(([k, e]) => [k, fromJS(e, t.elem)]), t.elem);
    }
    case 'object': {
      const src = js as Record<string, unknown>;
      const entries: [string, Value][] = [];
      for (const [k, at] of Object.entries(t.attrs)) entries.push([k, fromJS(src[k], at)]);
      return objectValOfType(t, entries);
    }
    case 'tuple': {
      const arr = asArray(js);
      return tupleVal(t.elems.map((et, i) => fromJS(arr[i], et)));
    }
    case 'dynamic':
      return fromUntypedJS(js);
  }
}

/** A value of the natural type for untyped JS data (objects become objects, arrays tuples). */
export function fromUntypedJS(js: unknown): Value {
  if (js === null || js === undefined) return nullVal(T.Dynamic);
  if (typeof js === 'string') return stringVal(js);
  if (typeof js === 'number') return numberVal(js);
  if (typeof js === 'boolean') return boolVal(js);
  if (Array.isArray(js)) return tupleVal(js.map(fromUntypedJS));
  return objectVal(Object.entries(js as Record<string, unknown>).map(([k, e]) => [k, fromUntypedJS(e)]));
}

function asArray(js: unknown): unknown[] {
  if (Array.isArray(js)) return js;
  throw new TypeError(`fromJS: expected an array, got ${typeof js}`);
}

/**
 * A copy of object `obj` with some attributes replaced (values given as Values, or JS
 * data converted with the attribute's type).
 */
export function withAttrs(obj: Value, changes: Record<string, Value | unknown>): Value {
  const t = obj.type as T.ObjectType;
  const entries = new Map(obj.isNull || !obj.isKnown ? [] : obj.attrs);
  for (const [k, e] of Object.entries(changes)) {
    const at = t.attrs[k];
    if (!at) throw new TypeError(`withAttrs: no attribute ${k}`);
    entries.set(k, e instanceof Value ? e : fromJS(e, at));
  }
  for (const [k, at] of Object.entries(t.attrs)) if (!entries.has(k)) entries.set(k, nullVal(at));
  return objectValOfType(t, entries);
}
