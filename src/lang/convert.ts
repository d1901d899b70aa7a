/**
 * Type conversion with cty's rules (the `convert` package Terraform uses everywhere a
 * value meets a type constraint): primitive conversions, structural <-> collection
 * conversions, null/unknown preservation with the target type, marks carried over.
 *
 * A conversion is planned from the two types first (`getConversion`), then applied to
 * values; a plan that cannot exist is reported with `mismatchMessage`, a value that fails
 * at run time (e.g. "abc" to number) throws ConversionError with the path where it failed.
 */
import * as T from './types.js';
import type { Type } from './types.js';
import {
  Value, UNKNOWN, nullVal, unknownVal, stringVal, numberVal, True, False, tupleVal, objectVal,
  emptyListVal, emptySetVal, emptyMapVal, setVal, formatNumber, type Path, type Refinement,
} from './value.js';
import { unifyTypes } from './unify.js';
import { mismatchMessage } from './convert-mismatch.js';

export { mismatchMessage, friendlyName, friendlyNameForConstraint } from './convert-mismatch.js';

/** A failed conversion: cty's message (e.g. `string required`) and where in the value it failed. */
export class ConversionError extends Error {
  override name = 'ConversionError';
  constructor(message: string, readonly path: Path = []) {
    super(message);
  }
}

/** Converts one value; throws ConversionError. `path` is where the value sits in the whole. */
export type Conversion = (v: Value, path: Path) => Value;

/**
 * Converts `v` to type `want` (which may contain `any`), following cty's convert package:
 * string<->number<->bool, tuple->list/set, object->map, list<->set, null and unknown
 * preserved, marks preserved. Throws ConversionError when impossible.
 */
export function convert(v: Value, want: Type): Value {
  if (v.type === want) return v;
  const from = v.type;
  // Fast paths for the evaluator's common cases: same primitive kind, and values of
  // unknown type (which are always null or unknown) taking on the wanted type.
  if (from.kind === want.kind && T.isPrimitive(want)) return v;
  if (want.kind === 'dynamic') return v;
  if (from.kind === 'dynamic' && T.isPrimitive(want)) {
    const r = v.v === null ? nullVal(want) : unknownResult(v, want);
    return v.marks ? r.withMarks(v.marks) : r;
  }
  const bare = hasOptionalAttrs(want) ? withoutOptionalAttrs(want) : want;
  if (T.typeEquals(from, bare)) return v;
  const conv = getConversion(v.type, want, true);
  if (!conv) throw new ConversionError(mismatchMessage(v.type, want));
  return conv(v, []);
}

/** Like `convert` but returns the error instead of throwing (for hot paths and diagnostics). */
export function tryConvert(v: Value, want: Type): Value | ConversionError {
  try {
    return convert(v, want);
  } catch (e) {
    if (e instanceof ConversionError) return e;
    throw e;
  }
}

/**
 * Finds one type all `types` can convert to (cty's unify), or undefined. `unsafe` allows
 * conversions that can fail at runtime (e.g. string->number), as Terraform does for
 * conditional results and collection literals.
 */
export function unify(types: readonly Type[], unsafe = false): Type | undefined {
  return unifyTypes(types, unsafe);
}

/** True when `from` values can always (safe) or possibly (unsafe) be converted to `to`. */
export function canConvert(from: Type, to: Type, unsafe = true): boolean {
  return T.typeEquals(from, to) || getConversion(from, to, unsafe) !== undefined;
}

/** True when the type (deeply) has optional-attribute markers from a type constraint. */
export function hasOptionalAttrs(t: Type): boolean {
  switch (t.kind) {
    case 'list': case 'set': case 'map': return hasOptionalAttrs(t.elem);
    case 'tuple': return t.elems.some(hasOptionalAttrs);
    case 'object':
      if (t.optional || t.defaults) return true;
      for (const k in t.attrs) if (hasOptionalAttrs(t.attrs[k]!)) return true;
      return false;
    default: return false;
  }
}

/** The type with every optional-attribute marker removed (cty's WithoutOptionalAttributesDeep). */
export function withoutOptionalAttrs(t: Type): Type {
  switch (t.kind) {
    case 'list': return T.List(withoutOptionalAttrs(t.elem));
    case 'set': return T.Set(withoutOptionalAttrs(t.elem));
    case 'map': return T.Map(withoutOptionalAttrs(t.elem));
    case 'tuple': return T.Tuple(t.elems.map(withoutOptionalAttrs));
    case 'object': {
      if (!hasOptionalAttrs(t)) return t;
      const attrs: Record<string, Type> = {};
      for (const k in t.attrs) attrs[k] = withoutOptionalAttrs(t.attrs[k]!);
      return T.Object_(attrs);
    }
    default: return t;
  }
}

/**
 * Plans a conversion between two types (cty's getConversion): undefined when none exists.
 * The returned function handles marks, null and unknown before the type-specific step.
 */
export function getConversion(from: Type, to: Type, unsafe: boolean): Conversion | undefined {
  const known = getConversionKnown(from, to, unsafe);
  if (!known) return undefined;
  let bareTo: Type | undefined;
  const conv: Conversion = (v, path) => {
    if (v.marks !== 0) return conv(v.unmark(), path).mark(v.marks);
    if (to.kind === 'dynamic') return v;
    if (v.v === null || v.v === UNKNOWN) {
      bareTo ??= withoutOptionalAttrs(to);
      const t = dynamicReplace(v.type, bareTo);
      return v.v === null ? nullVal(t) : unknownResult(v, t);
    }
    return known(v, path);
  };
  return conv;
}

function getConversionKnown(from: Type, to: Type, unsafe: boolean): Conversion | undefined {
  if (to.kind === 'dynamic') return passthrough;
  if (unsafe && from.kind === 'dynamic') {
    return (v, path) => {
      try {
        return convert(v, to);
      } catch (e) {
        if (e instanceof ConversionError) throw new ConversionError(e.message, path.concat(e.path));
        throw e;
      }
    };
  }
  if (T.isPrimitive(from) && T.isPrimitive(to)) return primitiveConversion(from.kind, to.kind, unsafe);
  switch (to.kind) {
    case 'object':
      if (from.kind === 'object') return objectToObject(from, to, unsafe);
      if (from.kind === 'map' && unsafe) return mapToObject(from, to, unsafe);
      return undefined;
    case 'tuple':
      return from.kind === 'tuple' ? tupleToTuple(from, to, unsafe) : undefined;
    case 'list':
      if (from.kind === 'list' || from.kind === 'set') {
        if (T.typeEquals(from.elem, to.elem)) return collectionToList(to.elem, undefined);
        const ce = getConversion(from.elem, to.elem, unsafe);
        return ce ? collectionToList(to.elem, ce) : undefined;
      }
      if (from.kind === 'tuple') return tupleToSeq(from, to.elem, unsafe, 'list');
      return undefined;
    case 'set':
      if (from.kind === 'list' || from.kind === 'set') {
        if (from.kind === 'list' && !unsafe) return undefined;
        if (T.typeEquals(from.elem, to.elem)) return collectionToSet(to.elem, undefined);
        const ce = getConversion(from.elem, to.elem, unsafe);
        return ce ? collectionToSet(to.elem, ce) : undefined;
      }
      if (from.kind === 'tuple') return tupleToSeq(from, to.elem, unsafe, 'set');
      return undefined;
    case 'map':
      if (from.kind === 'map') {
        const ce = getConversion(from.elem, to.elem, unsafe);
        return ce ? collectionToMap(to.elem, ce) : undefined;
      }
      if (from.kind === 'object') return objectToMap(from, to.elem, unsafe);
      return undefined;
    default:
      return undefined;
  }
}

const passthrough: Conversion = (v) => v;

function primitiveConversion(from: string, to: string, unsafe: boolean): Conversion | undefined {
  if (to === 'string') {
    if (from === 'number') return (v) => stringVal(formatNumber(v.num));
    if (from === 'bool') return (v) => (v.bool ? STR_TRUE : STR_FALSE);
  }
  if (!unsafe || from !== 'string') return undefined;
  if (to === 'number') {
    return (v, path) => {
      const n = parseNumber(v.str);
      if (n === undefined) throw new ConversionError('a number is required', path.slice());
      return numberVal(n);
    };
  }
  if (to === 'bool') {
    return (v, path) => {
      switch (v.str) {
        case 'true': case '1': return True;
        case 'false': case '0': return False;
      }
      const lower = v.str.toLowerCase();
      if (lower === 'true' || lower === 'false') {
        throw new ConversionError(`a bool is required; to convert from string, use lowercase "${lower}"`, path.slice());
      }
      throw new ConversionError('a bool is required', path.slice());
    };
  }
  return undefined;
}
const STR_TRUE = stringVal('true');
const STR_FALSE = stringVal('false');


// Go's big.ParseFloat in base 10: optional sign, digits with optional fraction, optional exponent, or Inf.
const NUMBER_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
/** Parses a string as cty does for string->number conversion; undefined when not a number. */
export function parseNumber(s: string): number | undefined {
  if (NUMBER_RE.test(s)) return Number(s);
  if (/^[+-]?inf$/i.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
  return undefined;
}

function objectToObject(from: T.ObjectType, to: T.ObjectType, unsafe: boolean): Conversion | undefined {
  const convs = new Map<string, Conversion | null>();
  for (const name in to.attrs) {
    const inT = from.attrs[name];
    if (inT === undefined) {
      if (to.optional?.has(name)) continue;
      return undefined;
    }
    const outT = to.attrs[name]!;
    if (T.typeEquals(inT, outT)) { convs.set(name, null); continue; }
    const c = getConversion(inT, outT, unsafe);
    if (!c) return undefined;
    convs.set(name, c);
  }
  return (v, path) => {
    const out: [string, Value][] = [];
    for (const [name, av] of v.attrs) {
      const c = convs.get(name);
      if (c === undefined) continue;
      let r = av;
      if (c) {
        path.push({ attr: name });
        try { r = c(av, path); } finally { path.pop(); }
      }
      if (r.v === null && hasOptionalAttrs(r.type)) r = nullVal(withoutOptionalAttrs(r.type)).withMarks(r.marks);
      out.push([name, r]);
    }
    if (to.optional) {
      for (const name of to.optional) {
        if (!v.attrs.has(name)) out.push([name, nullVal(withoutOptionalAttrs(to.attrs[name]!))]);
      }
    }
    return objectVal(out);
  };
}

function tupleToTuple(from: T.TupleType, to: T.TupleType, unsafe: boolean): Conversion | undefined {
  if (from.elems.length !== to.elems.length) return undefined;
  const convs: (Conversion | undefined)[] = [];
  for (let i = 0; i < to.elems.length; i++) {
    if (T.typeEquals(from.elems[i]!, to.elems[i]!)) { convs.push(undefined); continue; }
    const c = getConversion(from.elems[i]!, to.elems[i]!, unsafe);
    if (!c) return undefined;
    convs.push(c);
  }
  return (v, path) => tupleVal(mapElems(v.elems, convs, path));
}

function mapElems(elems: readonly Value[], convs: readonly (Conversion | undefined)[] | Conversion | undefined, path: Path): Value[] {
  const out: Value[] = new Array(elems.length);
  for (let i = 0; i < elems.length; i++) {
    const c = typeof convs === 'function' ? convs : convs?.[i];
    let r = elems[i]!;
    if (c) {
      path.push({ index: i });
      try { r = c(r, path); } finally { path.pop(); }
    }
    out[i] = r;
  }
  return out;
}

function nullsWithoutOptional(elems: Value[]): void {
  for (let i = 0; i < elems.length; i++) {
    const e = elems[i]!;
    if (e.v === null && hasOptionalAttrs(e.type)) elems[i] = nullVal(withoutOptionalAttrs(e.type)).withMarks(e.marks);
  }
}

function allSameType(elems: readonly Value[]): boolean {
  const t0 = elems[0]!.type;
  for (let i = 1; i < elems.length; i++) if (!T.typeEquals(elems[i]!.type, t0)) return false;
  return true;
}

function collectionToList(ety: Type, conv: Conversion | undefined): Conversion {
  return (v, path) => {
    const elems = mapElems(v.elems, conv, path);
    nullsWithoutOptional(elems);
    if (elems.length === 0) {
      return emptyListVal(ety.kind === 'dynamic' ? (v.type as T.CollectionType).elem : withoutOptionalAttrs(ety));
    }
    if (!allSameType(elems)) throw new ConversionError('element types must all match for conversion to list', path.slice());
    return new Value(T.List(elems[0]!.type), elems);
  };
}

function collectionToSet(ety: Type, conv: Conversion | undefined): Conversion {
  return (v, path) => {
    const elems = mapElems(v.elems, conv, path);
    nullsWithoutOptional(elems);
    if (elems.length === 0) {
      return emptySetVal(ety.kind === 'dynamic' ? (v.type as T.CollectionType).elem : withoutOptionalAttrs(ety));
    }
    if (!allSameType(elems)) throw new ConversionError('element types must all match for conversion to set', path.slice());
    return setVal(elems, elems[0]!.type);
  };
}

function collectionToMap(ety: Type, conv: Conversion): Conversion {
  return (v, path) => {
    let entries: [string, Value][] = [];
    for (const [k, e] of v.attrs) {
      path.push({ index: k });
      try { entries.push([k, conv(e, path)]); } finally { path.pop(); }
    }
    if (entries.length === 0) {
      return emptyMapVal(ety.kind === 'dynamic' ? (v.type as T.MapType).elem : withoutOptionalAttrs(ety));
    }
    if (ety.kind === 'list' || ety.kind === 'set' || ety.kind === 'map' || ety.kind === 'object') {
      entries = unifyEntries(entries, path, false);
    }
    return finishMap(entries, path, 'element types must all match for conversion to map');
  };
}

function finishMap(entries: [string, Value][], path: Path, msg: string): Value {
  const t0 = entries[0]![1].type;
  for (const [, e] of entries) if (!T.typeEquals(e.type, t0)) throw new ConversionError(msg, path.slice());
  return new Value(T.Map(t0), new Map(entries));
}

function unifyEntries(entries: [string, Value][], path: Path, unsafe: boolean): [string, Value][] {
  const ut = unifyTypes(entries.map((e) => e[1].type), unsafe);
  if (!ut) throw new ConversionError('cannot find a common base type for all elements', path.slice());
  return entries.map(([k, e]) => {
    if (T.typeEquals(e.type, ut)) return [k, e];
    const c = getConversion(e.type, ut, unsafe)!;
    path.push({ index: k });
    try { return [k, c(e, path)]; } finally { path.pop(); }
  });
}

function tupleToSeq(from: T.TupleType, ety: Type, unsafe: boolean, kind: 'list' | 'set'): Conversion | undefined {
  const etys = from.elems;
  if (etys.length === 0) {
    const empty = kind === 'list' ? emptyListVal(withoutOptionalAttrs(ety)) : emptySetVal(withoutOptionalAttrs(ety));
    return () => empty;
  }
  let target = ety;
  if (target.kind === 'dynamic') {
    const u = unifyTypes(etys, unsafe);
    if (!u) return undefined;
    if (u.kind === 'dynamic' && etys.some((t) => t.kind !== 'dynamic')) return undefined;
    target = u;
  }
  const convs: (Conversion | undefined)[] = [];
  for (const et of etys) {
    if (T.typeEquals(et, target)) { convs.push(undefined); continue; }
    const c = getConversion(et, target, unsafe);
    if (!c) return undefined;
    convs.push(c);
  }
  return (v, path) => {
    let elems = mapElems(v.elems, convs, path);
    if (kind === 'list') {
      elems = unifyListElems(elems, path, unsafe);
      if (!allSameType(elems)) throw new ConversionError('element types must all match for conversion to list', path.slice());
      return new Value(T.List(elems[0]!.type), elems);
    }
    nullsWithoutOptional(elems);
    if (!allSameType(elems)) throw new ConversionError('element types must all match for conversion to set', path.slice());
    return setVal(elems, elems[0]!.type);
  };
}

function unifyListElems(elems: Value[], path: Path, unsafe: boolean): Value[] {
  if (allSameType(elems)) return elems;
  const ut = unifyTypes(elems.map((e) => e.type), unsafe);
  if (!ut) throw new ConversionError('cannot find a common base type for all elements', path.slice());
  return elems.map((e, i) => {
    if (T.typeEquals(e.type, ut)) return e;
    const c = getConversion(e.type, ut, unsafe)!;
    path.push({ index: i });
    try { return c(e, path); } finally { path.pop(); }
  });
}

function objectToMap(from: T.ObjectType, ety: Type, unsafe: boolean): Conversion | undefined {
  const names = Object.keys(from.attrs);
  if (names.length === 0) {
    const empty = emptyMapVal(withoutOptionalAttrs(ety));
    return () => empty;
  }
  let target = ety;
  if (target.kind === 'dynamic') {
    const u = unifyTypes(names.map((n) => from.attrs[n]!), unsafe);
    if (!u) return undefined;
    target = u;
  }
  const convs = new Map<string, Conversion>();
  for (const n of names) {
    const at = from.attrs[n]!;
    if (T.typeEquals(at, target)) continue;
    const c = getConversion(at, target, unsafe);
    if (!c) return undefined;
    convs.set(n, c);
  }
  return (v, path) => {
    let entries: [string, Value][] = [];
    for (const [k, e] of v.attrs) {
      const c = convs.get(k);
      if (!c) { entries.push([k, e]); continue; }
      path.push({ index: k });
      try { entries.push([k, c(e, path)]); } finally { path.pop(); }
    }
    const tk = target.kind;
    if (tk === 'list' || tk === 'set' || tk === 'map' || tk === 'object') entries = unifyEntries(entries, path, unsafe);
    return finishMap(entries, path, 'attribute types must all match for conversion to map');
  };
}

function mapToObject(from: T.MapType, to: T.ObjectType, unsafe: boolean): Conversion | undefined {
  const convs = new Map<string, Conversion | null>();
  for (const name in to.attrs) {
    const at = to.attrs[name]!;
    if (T.typeEquals(at, from.elem)) { convs.set(name, null); continue; }
    const c = getConversion(from.elem, at, unsafe);
    if (!c) {
      if (to.optional?.has(name) && unsafe) continue;
      return undefined;
    }
    convs.set(name, c);
  }
  return (v, path) => {
    const out = new Map<string, Value>();
    for (const [k, e] of v.attrs) {
      if (!(k in to.attrs)) continue;
      const c = convs.get(k);
      let r = e;
      if (c) {
        path.push({ index: k });
        try { r = c(e, path); } finally { path.pop(); }
      } else if (c === undefined) {
        throw new ConversionError(`map element type is incompatible with attribute "${k}": ${mismatchMessage(e.type, to.attrs[k]!)}`, path.slice());
      }
      if (r.v === null && hasOptionalAttrs(r.type)) r = nullVal(withoutOptionalAttrs(r.type)).withMarks(r.marks);
      out.set(k, r);
    }
    for (const name in to.attrs) {
      if (out.has(name)) continue;
      if (to.optional?.has(name)) out.set(name, nullVal(withoutOptionalAttrs(to.attrs[name]!)));
      else throw new ConversionError(`map has no element for required attribute "${name}"`, path.slice());
    }
    return objectVal(out);
  };
}

/** cty's dynamicReplace: the concrete type a null/unknown of type `from` gets when converted to `to`. */
export function dynamicReplace(from: Type, to: Type): Type {
  if (from.kind === 'dynamic') return to;
  switch (to.kind) {
    case 'dynamic': return from;
    case 'string': case 'number': case 'bool': return to;
    case 'map':
      if (from.kind === 'map') return T.Map(dynamicReplace(from.elem, to.elem));
      if (from.kind === 'object') {
        const u = unifyTypes(Object.values(from.attrs), true) ?? T.Dynamic;
        return T.Map(dynamicReplace(u, to.elem));
      }
      return to;
    case 'object': {
      const attrs: Record<string, Type> = {};
      if (from.kind === 'map') for (const k in to.attrs) attrs[k] = dynamicReplace(from.elem, to.attrs[k]!);
      if (from.kind === 'object') {
        for (const k in to.attrs) {
          const ft = from.attrs[k];
          attrs[k] = ft === undefined ? to.attrs[k]! : dynamicReplace(ft, to.attrs[k]!);
        }
      }
      return T.Object_(attrs);
    }
    case 'set':
    case 'list': {
      const mk = to.kind === 'set' ? T.Set : T.List;
      if (from.kind === 'set' || from.kind === 'list') return mk(dynamicReplace(from.elem, to.elem));
      if (from.kind === 'tuple') return mk(dynamicReplace(unifyTypes(from.elems, true) ?? T.Dynamic, to.elem));
      return to;
    }
    case 'tuple': {
      const fe = from.kind === 'tuple' ? from.elems : [];
      return T.Tuple(to.elems.map((t, i) => dynamicReplace(fe[i] ?? T.Dynamic, t)));
    }
  }
}

function unknownResult(src: Value, t: Type): Value {
  const r: Refinement = {};
  const sr = src.refinement;
  if (sr?.notNull) r.notNull = true;
  const st = src.type;
  if (st.kind === 'object' && t.kind === 'map') {
    r.lengthLower = r.lengthUpper = Object.keys(st.attrs).length;
  } else if (st.kind === 'tuple' && t.kind === 'list') {
    r.lengthLower = r.lengthUpper = st.elems.length;
  } else if (st.kind === 'tuple' && t.kind === 'set') {
    const l = st.elems.length;
    if (l <= 1) r.lengthLower = r.lengthUpper = l;
    else { r.lengthLower = 1; r.lengthUpper = l; }
  } else if (T.isCollection(st) && T.isCollection(t)) {
    if (sr?.lengthLower !== undefined && sr.lengthLower > 0) r.lengthLower = t.kind === 'set' ? 1 : sr.lengthLower;
    if (sr?.lengthUpper !== undefined) r.lengthUpper = sr.lengthUpper;
  }
  return unknownVal(t, Object.keys(r).length ? r : undefined);
}
