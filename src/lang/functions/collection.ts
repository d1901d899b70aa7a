/**
 * Collection functions: alltrue anytrue chunklist coalesce coalescelist compact concat
 * contains distinct element flatten index keys length list lookup map matchkeys merge one
 * range reverse slice sort sum transpose values zipmap (set functions are in sets.ts).
 * Semantics (types, unknowns, marks) follow cty's stdlib and Terraform's funcs
 * package.
 */
import * as T from '../types.js';
import type { Type } from '../types.js';
import {
  Value, True, False, numberVal, stringVal, listVal, emptyListVal, tupleVal, setVal, emptySetVal, mapVal, emptyMapVal,
  objectVal, objectValOfType, EmptyObjectVal, nullVal, unknownVal, isWhollyKnown, rawEquals, EmptyTupleVal, DynamicUnknown, unmarkDeep,
} from '../value.js';
import { convert, unify } from '../convert.js';
import type { FunctionDef } from './function.js';
import { FunctionError } from './function.js';
import { fixed, param, typed } from './util.js';
import { graphemeLength } from './graphemes.js';

const D = T.Dynamic;

/** A list of `elems` of element type `et`, or the empty list of that type. */
export function listOf(elems: readonly Value[], et: Type): Value {
  return elems.length === 0 ? emptyListVal(et) : listVal(elems, et);
}

/** cty's Equal on two values: undefined when the answer depends on unknowns. */
export function equalValues(a: Value, b: Value): boolean | undefined {
  if (!isWhollyKnown(a) || !isWhollyKnown(b)) {
    if (a.isKnown && b.isKnown && !T.typeEquals(a.type, b.type) && a.type.kind !== 'dynamic' && b.type.kind !== 'dynamic') return false;
    return undefined;
  }
  if (a.marks || b.marks) return rawEquals(unmarkDeep(a)[0], unmarkDeep(b)[0]);
  return rawEquals(a, b);
}

/**
 * cty adds with 512-bit floats (sum([0.1, 0.2]) is exactly 0.3); drop the last-bit
 * rounding error doubles leave when a 15-digit rounding is that close.
 */
function tidySum(r: number): number {
  if (!Number.isFinite(r) || Number.isInteger(r)) return r;
  const p = Number(r.toPrecision(15));
  return Math.abs(p - r) <= Math.abs(r) * 4.5e-16 ? p : r;
}

function toInt(v: Value, what: string): number {
  const n = v.num;
  if (!Number.isInteger(n)) throw new FunctionError(`${what}: value must be a whole number, got ${n}`);
  return n;
}

function isSeqType(t: Type): boolean {
  return t.kind === 'list' || t.kind === 'set' || t.kind === 'tuple';
}

function lengthOf(v: Value): Value {
  const t = v.type;
  const marks = v.marks;
  switch (t.kind) {
    case 'dynamic':
      return unknownVal(T.Number, { notNull: true }).withMarks(marks);
    case 'tuple':
      return numberVal(t.elems.length).withMarks(marks);
    case 'object':
      return numberVal(Object.keys(t.attrs).length).withMarks(marks);
    case 'string':
      if (!v.isKnown) return unknownVal(T.Number, { notNull: true }).withMarks(marks);
      return numberVal(graphemeLength(v.str)).withMarks(marks);
    default:
      if (!v.isKnown) {
        // A collection refined to an exact length has a known length.
        const r = v.refinement;
        if (r?.lengthLower !== undefined && r.lengthLower === r.lengthUpper) return numberVal(r.lengthLower).withMarks(marks);
        return unknownVal(T.Number, { notNull: true }).withMarks(marks);
      }
      // Unknown set elements may coalesce with others once known.
      if (t.kind === 'set' && v.elems.length > 1 && !isWhollyKnown(v)) return unknownVal(T.Number, { notNull: true }).withMarks(marks);
      return numberVal(t.kind === 'map' || t.kind === 'set' || t.kind === 'list' ? (t.kind === 'map' ? v.attrs.size : v.elems.length) : 0).withMarks(marks);
  }
}

function flattener(list: Value, marks: { m: number }): Value[] | undefined {
  const l = list.unmark();
  marks.m |= list.marks;
  if (!l.isKnown) return undefined;
  const out: Value[] = [];
  let known = true;
  for (const e of l.elems) {
    if (e.type.kind === 'dynamic' && !e.isKnown) known = false;
    if (!e.isNull && isSeqType(e.type)) {
      if (!e.isKnown) { known = false; marks.m |= e.marks; continue; }
      const sub = flattener(e, marks);
      if (sub) for (const s of sub) out.push(s); else known = false;
    } else out.push(e);
  }
  return known ? out : undefined;
}

/** A structural identity key for deduplication (set membership, distinct). */
export function keyOf(v: Value): string {
  return JSON.stringify(plain(v));
}
function plain(v: Value): unknown {
  if (v.isNull) return null;
  switch (v.type.kind) {
    case 'list': case 'set': case 'tuple': return v.elems.map(plain);
    case 'map': case 'object': { const o: Record<string, unknown> = {}; for (const [k, e] of v.attrs) o[k] = plain(e); return ['o', o]; }
    default: return v.v;
  }
}


/** The collection function table. */
export const collectionFunctions: Record<string, FunctionDef> = {
  length: typed('Determines the length of a given list, map, or string.',
    [param('value', D, { allowDynamicType: true, allowUnknown: true, allowMarked: true })],
    ([v]) => {
      const k = v!.type.kind;
      if (k === 'number' || k === 'bool') throw new FunctionError('argument must be a string, a collection type, or a structural type', 0);
      return T.Number;
    },
    ([v]) => lengthOf(v!)),

  alltrue: fixed('Returns `true` if all elements in a given collection are `true` or `"true"`.', [param('list', T.List(T.Bool))], T.Bool, ([l]) => {
    for (const e of l!.elems) {
      if (!e.isKnown) return unknownVal(T.Bool, { notNull: true });
      if (e.isNull || !e.bool) return False;
    }
    return True;
  }),
  anytrue: fixed('Returns `true` if any element in a given collection is `true` or `"true"`.', [param('list', T.List(T.Bool))], T.Bool, ([l]) => {
    let unk = false;
    for (const e of l!.elems) {
      if (!e.isKnown) { unk = true; continue; }
      if (!e.isNull && e.bool) return True;
    }
    return unk ? unknownVal(T.Bool, { notNull: true }) : False;
  }),

  coalesce: typed('Takes any number of arguments and returns the first one that isn\'t null or an empty string.', [], (args) => {
    const rt = unify(args.map((a) => a.type), true);
    if (!rt) throw new FunctionError('all arguments must have the same type');
    return rt;
  }, (args, _c, rt) => {
    for (const a0 of args) {
      const a = convert(a0, rt);
      if (!a.isKnown) return unknownVal(rt, { notNull: true });
      if (a.isNull) continue;
      if (rt.kind === 'string' && a.str === '') continue;
      return a;
    }
    throw new FunctionError('no non-null, non-empty-string arguments');
  }, { varParam: param('vals', D, { allowUnknown: true, allowDynamicType: true, allowNull: true }) }),

  coalescelist: typed('Takes any number of list arguments and returns the first one that isn\'t empty.', [], (args) => {
    if (args.length === 0) throw new FunctionError('at least one argument is required');
    for (const a of args) {
      if (!a.isKnown) return D;
      if (a.type.kind !== 'list' && a.type.kind !== 'tuple') throw new FunctionError('coalescelist arguments must be lists or tuples');
    }
    const first = args[0]!.type;
    for (const a of args) if (!T.typeEquals(a.type, first)) return D;
    return first;
  }, (args, _c, rt) => {
    for (const a of args) {
      if (!a.isKnown) return unknownVal(rt);
      if (a.isNull) continue;
      if (a.elems.length > 0) return a;
    }
    throw new FunctionError('no non-null arguments');
  }, { varParam: param('vals', D, { allowUnknown: true, allowDynamicType: true, allowNull: true }) }),

  compact: fixed('Removes empty string elements from a list.', [param('list', T.List(T.String))], T.List(T.String), ([l], _c, rt) => {
    if (!isWhollyKnown(l!)) return unknownVal(rt, { notNull: true });
    return listOf(l!.elems.filter((e) => !e.isNull && e.str !== ''), T.String);
  }),

  concat: typed('Combines two or more lists into a single list.', [], (args) => {
    if (args.length === 0) throw new FunctionError('at least one argument is required');
    if (args[0]!.type.kind === 'list' && args.every((a) => a.type.kind === 'list')) {
      const u = unify(args.map((a) => a.type), true);
      if (u) return u;
    }
    const etys: Type[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      const t = a.type;
      if (t.kind === 'tuple') etys.push(...t.elems);
      else if (t.kind === 'list') {
        if (!a.isKnown) return D;
        for (let j = 0; j < a.elems.length; j++) etys.push(t.elem);
      } else throw new FunctionError(`all arguments must be lists or tuples; got ${T.friendlyName(t)}`, i);
    }
    return T.Tuple(etys);
  }, (args, _c, rt) => {
    let marks = 0;
    const vals: Value[] = [];
    for (const a0 of args) {
      const a = rt.kind === 'list' ? convert(a0, rt) : a0;
      marks |= a.marks;
      for (const e of a.elems) vals.push(e);
    }
    if (rt.kind === 'list') return listOf(vals, rt.elem).withMarks(marks);
    return tupleVal(vals).withMarks(marks);
  }, { varParam: param('seqs', D, { allowMarked: true }) }),

  contains: fixed('Determines whether a given list or set contains a given single value as one of its elements.',
    [param('list', D), param('value', D, { allowNull: true })], T.Bool, ([l, v]) => {
      if (!isSeqType(l!.type)) throw new FunctionError('argument must be list, tuple, or set');
      if (l!.elems.length === 0) return False;
      if (!v!.isKnown) return unknownVal(T.Bool, { notNull: true });
      let unk = false;
      for (const e of l!.elems) {
        const eq = equalValues(v!, e);
        if (eq === undefined) { unk = true; continue; }
        if (eq) return True;
      }
      return unk ? unknownVal(T.Bool, { notNull: true }) : False;
    }),

  distinct: typed('Removes any duplicate elements from a list.', [param('list', T.List(D))], ([l]) => l!.type, ([l], _c, rt) => {
    if (!isWhollyKnown(l!)) return unknownVal(rt, { notNull: true });
    const seen = new Set<string>();
    const out: Value[] = [];
    for (const e of l!.elems) {
      const k = keyOf(e);
      if (!seen.has(k)) { seen.add(k); out.push(e); }
    }
    return listOf(out, (rt as T.ListType).elem);
  }),

  chunklist: typed('Splits a single list into fixed-size chunks, returning a list of lists.',
    [param('list', T.List(D), { allowMarked: true }), param('size', T.Number, { allowMarked: true })],
    ([l]) => T.List(l!.type), ([l0, s0], _c, rt) => {
      const l = l0!.unmark();
      const marks = l0!.marks | s0!.marks;
      const size = toInt(s0!.unmark(), 'invalid size');
      if (size < 0) throw new FunctionError('the size argument must be positive');
      const lt = (rt as T.ListType).elem;
      if (!l.isKnown) return unknownVal(rt).withMarks(marks);
      if (l.elems.length === 0) return emptyListVal(lt).withMarks(marks);
      if (size === 0) return listVal([l], lt).withMarks(marks);
      const out: Value[] = [];
      for (let i = 0; i < l.elems.length; i += size) out.push(listVal(l.elems.slice(i, i + size), (lt as T.ListType).elem));
      return listVal(out, lt).withMarks(marks);
    }),

  element: typed('Retrieves a single element from a list.', [param('list', D, { allowMarked: true }), param('index', T.Number)], ([l, i]) => {
    const t = l!.type;
    if (t.kind === 'list') return t.elem;
    if (t.kind === 'tuple') {
      if (!i!.isKnown) return D;
      if (t.elems.length === 0) throw new FunctionError('cannot use element function with an empty list');
      let idx = toInt(i!, 'invalid index') % t.elems.length;
      if (idx < 0) idx += t.elems.length;
      return t.elems[idx]!;
    }
    throw new FunctionError(`cannot read elements from ${T.friendlyName(t)}`);
  }, ([l0, i], _c, rt) => {
    const l = l0!.unmark();
    let idx = toInt(i!, 'invalid index');
    if (!l.isKnown) return unknownVal(rt).withMarks(l0!.marks);
    const n = l.elems.length;
    if (n === 0) throw new FunctionError('cannot use element function with an empty list');
    idx %= n;
    if (idx < 0) idx += n;
    return l.elems[idx]!.mark(l0!.marks);
  }, { refineNotNull: false }),

  flatten: typed('Takes a list and replaces any elements that are lists with a flattened sequence of the list contents.',
    [param('list', D, { allowMarked: true })], ([l]) => {
      if (!isWhollyKnown(l!)) return D;
      const t = l!.type;
      if (!isSeqType(t)) throw new FunctionError('can only flatten lists, sets and tuples');
      const r = flattener(l!, { m: 0 });
      if (!r) return D;
      return T.Tuple(r.map((e) => e.type));
    }, ([l], _c, rt) => {
      const u = l!.unmark();
      if (u.isKnown && u.elems.length === 0) return EmptyTupleVal.withMarks(l!.marks);
      const marks = { m: 0 };
      const out = flattener(l!, marks);
      if (!out) return unknownVal(rt).withMarks(marks.m);
      return tupleVal(out).withMarks(marks.m);
    }),

  index: fixed('Finds the element index for a given value in a list.', [param('list', D), param('value', D)], T.Number, ([l, v]) => {
    const t = l!.type;
    if (t.kind !== 'list' && t.kind !== 'tuple') throw new FunctionError('argument must be a list or tuple');
    if (l!.elems.length === 0) throw new FunctionError('cannot search an empty list');
    for (let i = 0; i < l!.elems.length; i++) {
      const eq = equalValues(l!.elems[i]!, v!);
      if (eq === undefined) return unknownVal(T.Number, { notNull: true });
      if (eq) return numberVal(i);
    }
    throw new FunctionError('item not found');
  }),

  keys: typed('Takes a map and returns a list containing the keys from that map.',
    [param('inputMap', D, { allowUnknown: true, allowMarked: true })], ([m]) => {
      const t = m!.type;
      if (t.kind === 'map') return T.List(T.String);
      if (t.kind === 'object') return T.Tuple(Object.keys(t.attrs).map(() => T.String));
      throw new FunctionError('must have map or object type', 0);
    }, ([m0], _c, rt) => {
      const m = m0!.unmark();
      if (m.type.kind === 'object') return tupleVal(T.sortedKeys((m.type as T.ObjectType).attrs).map(stringVal)).withMarks(m0!.marks);
      if (!m.isKnown) return unknownVal(rt, { notNull: true }).withMarks(m0!.marks);
      return listOf(Array.from(m.attrs.keys(), stringVal), T.String).withMarks(m0!.marks);
    }),

  lookup: typed('Retrieves the value of a single element from a map, given its key. If the given key does not exist, the given default value is returned instead.',
    [param('inputMap', D, { allowMarked: true, allowUnknown: true }), param('key', T.String, { allowMarked: true, allowUnknown: true })],
    (args) => {
      if (args.length > 3) throw new FunctionError(`lookup() takes two or three arguments, got ${args.length}`);
      const t = args[0]!.type;
      if (t.kind === 'object') {
        if (!args[1]!.isKnown) return D;
        const key = args[1]!.unmark().str;
        if (key in t.attrs) return t.attrs[key]!;
        if (args.length === 3) return args[2]!.type;
        throw new FunctionError(`the given object has no attribute ${JSON.stringify(key)}`, 0);
      }
      if (t.kind === 'map') {
        if (args.length === 3) {
          try { convert(args[2]!, t.elem); } catch { throw new FunctionError('the default value must have the same type as the map elements', 2); }
        }
        return t.elem;
      }
      throw new FunctionError('lookup() requires a map as the first argument', 0);
    }, (args, _c, rt) => {
      const m = args[0]!.unmark();
      const k = args[1]!.unmark();
      const marks = args[0]!.marks | args[1]!.marks;
      if (!m.isKnown || !k.isKnown) return unknownVal(rt).withMarks(marks);
      const key = k.str;
      if (!m.isNull) {
        const hit = m.attrs.get(key);
        if (hit) return hit.mark(marks);
      }
      if (args.length === 3) return convert(args[2]!, rt).mark(marks);
      throw new FunctionError(`lookup failed to find key ${args[1]!.isSensitive ? '(sensitive value)' : JSON.stringify(key)}`);
    }, { refineNotNull: false, varParam: param('default', D, { allowUnknown: true, allowDynamicType: true, allowNull: true, allowMarked: true }) }),

  matchkeys: typed('Constructs a new list by taking a subset of elements from one list whose indexes match the corresponding indexes of values in another list.',
    [param('values', T.List(D)), param('keys', T.List(D)), param('searchset', T.List(D))], ([v, k, s]) => {
      if (!unify([k!.type, s!.type], true)) throw new FunctionError('keys and searchset must be of the same type');
      return v!.type;
    }, ([values, keys0, search0], _c, rt) => {
      const et = (rt as T.ListType).elem;
      if (values!.elems.length !== keys0!.elems.length) throw new FunctionError('length of keys and values should be equal');
      const ty = unify([keys0!.type, search0!.type], true)!;
      const keys = convert(keys0!, ty);
      const search = convert(search0!, ty);
      if (search.elems.length === 0) return emptyListVal(et);
      if (!isWhollyKnown(values!) || !isWhollyKnown(keys)) return unknownVal(rt, { notNull: true });
      const out: Value[] = [];
      for (let i = 0; i < keys.elems.length; i++) {
        for (const s of search.elems) {
          const eq = equalValues(keys.elems[i]!, s);
          if (eq === undefined) return emptyListVal(et);
          if (eq) { out.push(values!.elems[i]!); break; }
        }
      }
      return listOf(out, et);
    }),

  merge: typed('Takes an arbitrary number of maps or objects, and returns a single map or object that contains a merged set of elements from all arguments.',
    [], (args) => {
      if (args.length === 0) return T.EmptyObject;
      const attrs: Record<string, Type> = {};
      let first: Type | undefined;
      let matching = true;
      let attrsKnown = true;
      for (let i = 0; i < args.length; i++) {
        const a = args[i]!;
        let t = a.type;
        if (t.kind === 'dynamic') return D;
        if (t.kind === 'object') {
          if (a.isNull) t = T.EmptyObject;
          Object.assign(attrs, (t as T.ObjectType).attrs);
        } else if (t.kind === 'map') {
          if (a.isNull) { /* contributes nothing */ } else if (a.isKnown) { for (const k of a.attrs.keys()) attrs[k] = t.elem; } else attrsKnown = false;
        } else throw new FunctionError(`arguments must be maps or objects, got "${T.friendlyName(t)}"`);
        if (i === 0) { first = t; continue; }
        if (matching && !T.typeEquals(t, first!)) matching = false;
      }
      if (matching) return first!;
      if (!attrsKnown) return D;
      return T.Object_(attrs);
    }, (args, _c, rt) => {
      let marks = 0;
      const out = new Map<string, Value>();
      let unknownArg = false;
      for (const a0 of args) {
        if (a0.isNull) continue;
        marks |= a0.marks;
        const a = a0.unmark();
        if (!a.isKnown) { unknownArg = true; continue; }
        for (const [k, v] of a.attrs) out.set(k, v);
      }
      if (unknownArg) return unknownVal(rt, rt.kind === 'dynamic' ? undefined : { notNull: true }).withMarks(marks);
      if (rt.kind === 'map') return (out.size === 0 ? emptyMapVal(rt.elem) : mapVal(out, rt.elem)).withMarks(marks);
      // The attribute types were worked out by returnType; reuse them.
      if (rt.kind === 'object') return (out.size === 0 ? EmptyObjectVal : objectValOfType(rt, out)).withMarks(marks);
      return objectVal(out).withMarks(marks);
    }, { varParam: param('maps', D, { allowDynamicType: true, allowNull: true, allowMarked: true, allowUnknown: true }) }),

  one: typed('Returns the first element of a list, set or tuple with zero or one elements, or null if it has zero elements.', [param('list', D)], ([l]) => {
    const t = l!.type;
    if (t.kind === 'list' || t.kind === 'set') return t.elem;
    if (t.kind === 'tuple' && t.elems.length <= 1) return t.elems.length === 0 ? D : t.elems[0]!;
    throw new FunctionError('must be a list, set, or tuple value with either zero or one elements', 0);
  }, ([l], _c, rt) => {
    const n = l!.elems.length;
    if (l!.type.kind === 'set' && n > 1 && !isWhollyKnown(l!)) return unknownVal(rt);
    if (n === 0) return nullVal(rt);
    if (n === 1) return l!.elems[0]!;
    throw new FunctionError('must be a list, set, or tuple value with either zero or one elements', 0);
  }, { refineNotNull: false }),

  range: fixed('Generates a list of numbers using a start value, a limit value, and a step value.', [], T.List(T.Number), (args) => {
    let start: number, end: number, step: number;
    switch (args.length) {
      case 1: start = 0; end = args[0]!.num; step = end < 0 ? -1 : 1; break;
      case 2: start = args[0]!.num; end = args[1]!.num; step = end < start ? -1 : 1; break;
      case 3: start = args[0]!.num; end = args[1]!.num; step = args[2]!.num; break;
      default: throw new FunctionError('must have one, two, or three arguments');
    }
    if (step === 0) throw new FunctionError('step must not be zero', 2);
    const down = step < 0;
    if (down && end > start) throw new FunctionError('end must be less than start when step is negative', 1);
    if (!down && end < start) throw new FunctionError('end must be greater than start when step is positive', 1);
    const vals: Value[] = [];
    for (let n = start; down ? n > end : n < end; n += step) {
      if (vals.length >= 1024) throw new FunctionError('more than 1024 values were generated; either decrease the difference between start and end or use a smaller step');
      vals.push(numberVal(n));
    }
    return listOf(vals, T.Number);
  }, { varParam: param('params', T.Number) }),

  reverse: typed('Takes a sequence and produces a new sequence of the same length with all of the same elements as the given sequence but in reverse order.',
    [param('list', D, { allowMarked: true })], ([l]) => {
      const t = l!.type;
      if (t.kind === 'tuple') return T.Tuple(t.elems.slice().reverse());
      if (t.kind === 'list' || t.kind === 'set') return T.List(t.elem);
      throw new FunctionError(`can only reverse list or tuple values, not ${T.friendlyName(t)}`, 0);
    }, ([l0], _c, rt) => {
      const out = l0!.unmark().elems.slice().reverse();
      if (rt.kind === 'tuple') return tupleVal(out).withMarks(l0!.marks);
      return listOf(out, (rt as T.ListType).elem).withMarks(l0!.marks);
    }),

  slice: typed('Extracts some consecutive elements from within a list.',
    [param('list', D, { allowMarked: true }), param('start_index', T.Number), param('end_index', T.Number)], (args) => {
      const t = args[0]!.type;
      if (t.kind === 'set') throw new FunctionError('cannot slice a set, because its elements do not have indices; explicitly convert to a list if the ordering of the result is not important', 0);
      if (t.kind !== 'list' && t.kind !== 'tuple') throw new FunctionError('must be a list or tuple value', 0);
      const r = sliceIndexes(args);
      if (t.kind === 'list') return t;
      if (!r) return D;
      return T.Tuple(t.elems.slice(r[0], r[1]));
    }, (args, _c, rt) => {
      const l = args[0]!.unmark();
      const marks = args[0]!.marks;
      if (rt.kind === 'dynamic') return DynamicUnknown.withMarks(marks);
      const [s, e] = sliceIndexes(args)!;
      if (!l.isKnown) return unknownVal(rt).withMarks(marks);
      const out = l.elems.slice(s, e);
      if (rt.kind === 'tuple') return tupleVal(out).withMarks(marks);
      return listOf(out, (rt as T.ListType).elem).withMarks(marks);
    }),

  sort: fixed('Takes a list of strings and returns a new list with those strings sorted lexicographically.',
    [param('list', T.List(T.String))], T.List(T.String), ([l], _c, rt) => {
      // Unknown elements: the order is unknown but the length is not.
      if (!isWhollyKnown(l!)) return listOf(l!.elems.map(() => unknownVal(T.String)), T.String);
      const es = l!.elems;
      es.forEach((e, i) => { if (e.isNull) throw new FunctionError(`given list element ${i} is null; a null string cannot be sorted`); });
      return listOf(es.slice().sort((a, b) => T.compareStrings(a.str, b.str)), T.String);
    }),

  sum: fixed('Returns the total sum of the elements of the given list or set.', [param('list', D)], T.Number, ([l]) => {
    const t = l!.type;
    const iterable = isSeqType(t) || t.kind === 'map' || t.kind === 'object';
    if (!iterable) throw new FunctionError('cannot sum noniterable', 0);
    const n = t.kind === 'map' || t.kind === 'object' ? l!.attrs.size : l!.elems.length;
    if (n === 0) throw new FunctionError('cannot sum an empty list', 0);
    if (!isSeqType(t)) throw new FunctionError(`argument must be list, set, or tuple. Received ${T.friendlyName(t)}`, 0);
    if (!isWhollyKnown(l!)) return unknownVal(T.Number, { notNull: true });
    let s = 0;
    for (const e of l!.elems) {
      if (e.isNull) throw new FunctionError('argument must be list, set, or tuple of number values', 0);
      let v: Value;
      try { v = convert(e, T.Number); } catch { throw new FunctionError('argument must be list, set, or tuple of number values', 0); }
      const prev = s;
      s += v.num;
      if (Number.isNaN(s) && !Number.isNaN(prev)) throw new FunctionError("can't compute sum of opposing infinities");
    }
    return numberVal(tidySum(s));
  }),

  transpose: fixed('Takes a map of lists of strings and swaps the keys and values to produce a new map of lists of strings.',
    [param('values', T.Map(T.List(T.String)))], T.Map(T.List(T.String)), ([m], _c, rt) => {
      if (!isWhollyKnown(m!)) return unknownVal(rt, { notNull: true });
      const tmp = new Map<string, string[]>();
      for (const [k, l] of m!.attrs) {
        if (l.isNull) throw new FunctionError('input must not contain null list');
        for (const e of l.elems) {
          if (e.isNull) throw new FunctionError('input list must not contain null string');
          const arr = tmp.get(e.str);
          if (arr) arr.push(k); else tmp.set(e.str, [k]);
        }
      }
      if (tmp.size === 0) return emptyMapVal(T.List(T.String));
      const out: [string, Value][] = [];
      for (const [k, arr] of tmp) out.push([k, listVal(arr.sort(T.compareStrings).map(stringVal), T.String)]);
      return mapVal(out, T.List(T.String));
    }),

  values: typed('Takes a map and returns a list containing the values of the elements in that map.', [param('mapping', D, { allowMarked: true })], ([m]) => {
    const t = m!.type;
    if (t.kind === 'map') return T.List(t.elem);
    if (t.kind === 'object') return T.Tuple(T.sortedKeys(t.attrs).map((k) => t.attrs[k]!));
    throw new FunctionError('values() requires a map as the first argument');
  }, ([m0], _c, rt) => {
    const m = m0!.unmark();
    if (!m.isKnown) return unknownVal(rt).withMarks(m0!.marks);
    const vals = Array.from(m.attrs.values());
    if (rt.kind === 'tuple') return tupleVal(vals).withMarks(m0!.marks);
    return listOf(vals, (rt as T.ListType).elem).withMarks(m0!.marks);
  }),

  zipmap: typed('Constructs a map from a list of keys and a corresponding list of values.',
    [param('keys', T.List(T.String), { allowMarked: true }), param('values', D, { allowMarked: true })], ([k0, v]) => {
      const vt = v!.type;
      if (vt.kind === 'list') return T.Map(vt.elem);
      if (vt.kind === 'tuple') {
        if (!isWhollyKnown(k0!)) return D;
        const keys = k0!.unmark().elems;
        if (keys.length !== vt.elems.length) throw new FunctionError(`number of keys (${keys.length}) does not match number of values (${vt.elems.length})`);
        const attrs: Record<string, Type> = {};
        keys.forEach((kv, i) => {
          if (kv.isNull) throw new FunctionError(`keys list has null value at index ${i}`);
          attrs[kv.unmark().str] = vt.elems[i]!;
        });
        return T.Object_(attrs);
      }
      throw new FunctionError('values argument must be a list or tuple value');
    }, ([k0, v0], _c, rt) => {
      const keys = k0!.unmark();
      const vals = v0!.unmark();
      let marks = k0!.marks | v0!.marks;
      if (!isWhollyKnown(keys) || !vals.isKnown) return unknownVal(rt).withMarks(marks);
      if (keys.elems.length !== vals.elems.length) throw new FunctionError(`number of keys (${keys.elems.length}) does not match number of values (${vals.elems.length})`);
      const out = new Map<string, Value>();
      keys.elems.forEach((k, i) => { marks |= k.marks; out.set(k.unmark().str, vals.elems[i]!); });
      if (rt.kind === 'map') return (out.size === 0 ? emptyMapVal(rt.elem) : mapVal(out, rt.elem)).withMarks(marks);
      return objectVal(out).withMarks(marks);
    }),

  list: removed('the "list" function was deprecated in Terraform v0.12 and is no longer available; use tolist([ ... ]) syntax to write a literal list'),
  map: removed('the "map" function was deprecated in Terraform v0.12 and is no longer available; use tomap({ ... }) syntax to write a literal map'),
};

function removed(msg: string): FunctionDef {
  return {
    params: [],
    varParam: param('vals', D, { allowUnknown: true, allowDynamicType: true, allowNull: true }),
    returnType: () => { throw new FunctionError(msg); },
    impl: () => { throw new FunctionError(msg); },
  };
}

function sliceIndexes(args: readonly Value[]): [number, number] | undefined {
  const list = args[0]!.unmark();
  let length = -1;
  if (list.type.kind === 'tuple') length = (list.type as T.TupleType).elems.length;
  else if (list.isKnown) length = list.elems.length;
  let s = 0, e = 0;
  const sk = args[1]!.isKnown, ek = args[2]!.isKnown;
  if (sk) {
    s = args[1]!.num;
    if (!Number.isInteger(s)) throw new FunctionError(`invalid start index: value must be a whole number, got ${s}`, 1);
    if (s < 0) throw new FunctionError('start index must not be less than zero', 1);
    if (length >= 0 && s > length) throw new FunctionError('start index must not be greater than the length of the list', 1);
  }
  if (ek) {
    e = args[2]!.num;
    if (!Number.isInteger(e)) throw new FunctionError(`invalid end index: value must be a whole number, got ${e}`, 2);
    if (e < 0) throw new FunctionError('end index must not be less than zero', 2);
    if (length >= 0 && e > length) throw new FunctionError('end index must not be greater than the length of the list', 2);
  }
  if (sk && ek && s > e) throw new FunctionError('start index must not be greater than end index', 1);
  return sk && ek ? [s, e] : undefined;
}
