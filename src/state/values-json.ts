/**
 * cty's JSON encodings, which state files use for attribute values, output values and
 * output types:
 *   types:  "string" | "number" | "bool" | "dynamic" | ["list", T] | ["set", T] |
 *           ["map", T] | ["object", {attr: T}] | ["tuple", [T...]]
 *   values: null as null, sets and lists and tuples as arrays, maps and objects as objects
 *           (keys sorted), numbers as plain decimals, `dynamic`-typed places as
 *           {"value": V, "type": T}. Unknown values cannot be encoded.
 */
import * as T from '../lang/types.js';
import type { Type } from '../lang/types.js';
import {
  Value, formatNumber, stringVal, numberVal, boolVal, nullVal, listVal, setVal, mapVal, tupleVal,
  objectValOfType, emptyListVal, emptySetVal, emptyMapVal, type Path, type PathStep,
} from '../lang/value.js';
import { goString } from './go-json.js';

/** A value that cannot be converted, with the path where it failed (cty's messages). */
export class JSONValueError extends Error {
  override name = 'JSONValueError';
  constructor(message: string, readonly path: Path = []) { super(message); }
}

/** The cty JSON form of a type (as a JS value, ready for JSON.stringify). */
export function typeToJSONValue(t: Type): unknown {
  switch (t.kind) {
    case 'string': case 'number': case 'bool': case 'dynamic':
      return t.kind;
    case 'list': case 'set': case 'map':
      return [t.kind, typeToJSONValue(t.elem)];
    case 'tuple':
      return ['tuple', t.elems.map(typeToJSONValue)];
    case 'object': {
      const attrs: Record<string, unknown> = {};
      for (const k of T.sortedKeys(t.attrs)) attrs[k] = typeToJSONValue(t.attrs[k]!);
      const opt = t.optional ? Array.from(t.optional).sort(T.compareStrings) : [];
      return opt.length ? ['object', attrs, opt] : ['object', attrs];
    }
  }
}

/** The compact cty JSON text of a type, e.g. `["list","string"]`. */
export function typeToJSON(t: Type): string {
  return compactStringify(typeToJSONValue(t));
}

/** Parses cty JSON type text such as `["map","string"]`. */
export function typeFromJSON(text: string): Type {
  return typeFromJSONValue(JSON.parse(text) as unknown);
}
/** Interprets already-parsed cty JSON type syntax. */
export function typeFromJSONValue(v: unknown): Type {
  if (typeof v === 'string') {
    switch (v) {
      case 'string': return T.String;
      case 'number': return T.Number;
      case 'bool': return T.Bool;
      case 'dynamic': return T.Dynamic;
    }
    throw new JSONValueError(`invalid primitive type name "${v}"`);
  }
  if (Array.isArray(v) && typeof v[0] === 'string') {
    switch (v[0]) {
      case 'list': return T.List(typeFromJSONValue(v[1]));
      case 'set': return T.Set(typeFromJSONValue(v[1]));
      case 'map': return T.Map(typeFromJSONValue(v[1]));
      case 'tuple':
        if (!Array.isArray(v[1])) throw new JSONValueError('tuple type requires a list of element types');
        return T.Tuple((v[1] as unknown[]).map(typeFromJSONValue));
      case 'object': {
        const a = v[1];
        if (a === null || typeof a !== 'object' || Array.isArray(a)) throw new JSONValueError('object type requires an object of attribute types');
        const attrs: Record<string, Type> = {};
        for (const [k, at] of Object.entries(a as Record<string, unknown>)) attrs[k] = typeFromJSONValue(at);
        return T.Object_(attrs, Array.isArray(v[2]) ? (v[2] as string[]) : undefined);
      }
    }
    throw new JSONValueError(`invalid type kind "${v[0]}"`);
  }
  throw new JSONValueError('invalid type specification');
}

/** JSON.stringify with Go's string escaping (so the text matches what Terraform writes). */
export function compactStringify(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return goString(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return '[' + v.map(compactStringify).join(',') + ']';
  const o = v as Record<string, unknown>;
  return '{' + Object.keys(o).map((k) => goString(k) + ':' + compactStringify(o[k])).join(',') + '}';
}

/**
 * Encodes a value as cty JSON for type `t` (default: its own type). Marks are ignored
 * (strip and record them first, see `encodeAttributes`); unknown values are refused.
 */
export function valueToJSON(v: Value, t: Type = v.type): string {
  const parts: string[] = [];
  writeValue(v, t, parts, []);
  return parts.join('');
}

function writeValue(v: Value, t: Type, out: string[], path: PathStep[]): void {
  if (t.kind === 'dynamic' && v.type.kind !== 'dynamic') {
    // A dynamic place records the concrete type next to the value.
    out.push('{"value":');
    writeValue(v, v.type, out, path);
    out.push(',"type":' + typeToJSON(v.type) + '}');
    return;
  }
  if (v.isNull) { out.push('null'); return; }
  if (!v.isKnown) throw new JSONValueError('value is not known', path.slice());
  switch (t.kind) {
    case 'string': out.push(goString(v.str)); return;
    case 'number': out.push(formatNumber(v.num)); return;
    case 'bool': out.push(v.bool ? 'true' : 'false'); return;
    case 'list': case 'set': case 'tuple': {
      out.push('[');
      const es = v.elems;
      for (let i = 0; i < es.length; i++) {
        if (i) out.push(',');
        path.push({ index: i });
        writeValue(es[i]!, t.kind === 'tuple' ? t.elems[i] ?? es[i]!.type : t.elem, out, path);
        path.pop();
      }
      out.push(']');
      return;
    }
    case 'map': case 'object': {
      out.push('{');
      let first = true;
      for (const [k, e] of v.attrs) {
        if (!first) out.push(',');
        first = false;
        out.push(goString(k) + ':');
        path.push(t.kind === 'map' ? { index: k } : { attr: k });
        writeValue(e, t.kind === 'map' ? t.elem : t.attrs[k] ?? e.type, out, path);
        path.pop();
      }
      out.push('}');
      return;
    }
  }
}

/** Decodes cty JSON text as a value of type `t`, with cty's lenient primitive rules. */
export function valueFromJSON(text: string, t: Type): Value {
  return valueFromJSONValue(JSON.parse(text) as unknown, t);
}
/** Like `valueFromJSON` for already-parsed JSON. */
export function valueFromJSONValue(j: unknown, t: Type): Value {
  try {
    return decode(j, t, NO_PATH);
  } catch (e) {
    // Paths are tracked only to report a failure (they cost an object per attribute):
    // decoding again with them finds where it was.
    if (e instanceof JSONValueError) return decode(j, t, []);
    throw e;
  }
}

/** The path of a decode that does not track one (see valueFromJSONValue). */
const NO_PATH: PathStep[] = Object.freeze([]) as unknown as PathStep[];
const pop = (path: PathStep[]) => { if (path !== NO_PATH) path.pop(); };

function err(msg: string, path: PathStep[]): never {
  throw new JSONValueError(msg, path.slice());
}

function decode(j: unknown, t: Type, path: PathStep[]): Value {
  if (t.kind === 'dynamic') {
    if (j === null) return nullVal(T.Dynamic);
    if (typeof j !== 'object' || Array.isArray(j)) err('dynamic value must be an object with "value" and "type"', path);
    const o = j as Record<string, unknown>;
    if (!('type' in o) || !('value' in o)) err('missing type or value property', path);
    return decode(o.value, typeFromJSONValue(o.type), path);
  }
  if (j === null) return nullVal(t);
  switch (t.kind) {
    case 'string':
      if (typeof j === 'string') return stringVal(j);
      if (typeof j === 'number') return stringVal(formatNumber(j));
      if (typeof j === 'boolean') return stringVal(j ? 'true' : 'false');
      return err('string is required', path);
    case 'number':
      if (typeof j === 'number') return numberVal(j);
      if (typeof j === 'string' && /^\s*-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(j)) return numberVal(Number(j));
      return err('number is required', path);
    case 'bool':
      if (typeof j === 'boolean') return boolVal(j);
      if (j === 'true' || j === 'false') return boolVal(j === 'true');
      return err('bool is required', path);
    case 'list': case 'set': {
      if (!Array.isArray(j)) err(`${t.kind === 'list' ? 'list' : 'set'} value must be a JSON array`, path);
      const es = (j as unknown[]).map((e, i) => { if (path !== NO_PATH) path.push({ index: i }); const r = decode(e, t.elem, path); pop(path); return r; });
      if (es.length === 0) return t.kind === 'list' ? emptyListVal(t.elem) : emptySetVal(t.elem);
      return t.kind === 'list' ? listVal(es, t.elem) : setVal(es, t.elem);
    }
    case 'tuple': {
      if (!Array.isArray(j)) err('tuple value must be a JSON array', path);
      const arr = j as unknown[];
      if (arr.length < t.elems.length) err('not enough tuple elements', path);
      if (arr.length > t.elems.length) err('too many tuple elements', path);
      return tupleVal(arr.map((e, i) => { if (path !== NO_PATH) path.push({ index: i }); const r = decode(e, t.elems[i]!, path); pop(path); return r; }));
    }
    case 'map': {
      if (typeof j !== 'object' || Array.isArray(j)) err('map value must be a JSON object', path);
      const entries: [string, Value][] = [];
      for (const [k, e] of Object.entries(j as Record<string, unknown>)) {
        if (path !== NO_PATH) path.push({ index: k });
        entries.push([k, decode(e, t.elem, path)]);
        pop(path);
      }
      return entries.length ? mapVal(entries, t.elem) : emptyMapVal(t.elem);
    }
    case 'object': {
      if (typeof j !== 'object' || Array.isArray(j)) err('object value must be a JSON object', path);
      const o = j as Record<string, unknown>;
      const entries: [string, Value][] = [];
      for (const k of Object.keys(o)) if (!(k in t.attrs)) err(`unsupported attribute "${k}"`, path);
      for (const k of Object.keys(t.attrs)) {
        if (path !== NO_PATH) path.push({ attr: k });
        entries.push([k, k in o ? decode(o[k], t.attrs[k]!, path) : nullVal(t.attrs[k]!)]);
        pop(path);
      }
      return objectValOfType(t.optional || t.defaults ? { kind: 'object', attrs: t.attrs } : t, entries);
    }
  }
  return err('unsupported type', path);
}

/** Infers a type for schema-less JSON (objects become objects, arrays tuples), as `jsondecode` does. */
export function impliedType(j: unknown): Type {
  if (j === null) return T.Dynamic;
  if (typeof j === 'string') return T.String;
  if (typeof j === 'number') return T.Number;
  if (typeof j === 'boolean') return T.Bool;
  if (Array.isArray(j)) return T.Tuple(j.map(impliedType));
  const attrs: Record<string, Type> = {};
  for (const [k, e] of Object.entries(j as Record<string, unknown>)) attrs[k] = impliedType(e);
  return T.Object_(attrs);
}
