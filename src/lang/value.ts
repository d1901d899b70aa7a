/**
 * Values, modelled on cty: every value has a type, may be null, may be unknown ("known
 * after apply"), and carries marks (sensitive, ephemeral) that operations propagate.
 *
 * Representation (`v`):
 *   null            -> null (of any type)
 *   unknown         -> the UNKNOWN sentinel (of any type, including `any`)
 *   string          -> JS string (NFC-normalised on construction)
 *   number          -> JS number (IEEE double; see formatNumber for Terraform's printing)
 *   bool            -> boolean
 *   list/set/tuple  -> readonly Value[] (sets deduplicated and in cty's canonical order)
 *   map/object      -> ReadonlyMap<string, Value> with keys inserted in lexical order
 *
 * Values are immutable. Build them with the constructors below, never with `new Value`
 * from outside this module unless the representation invariants are kept.
 */
import * as T from './types.js';
import type { Type } from './types.js';

/** Bit flags for marks. */
export const Mark = {
  Sensitive: 1,
  Ephemeral: 2,
} as const;
export type Marks = number;

const UNKNOWN: unique symbol = Symbol('unknown');
export type Raw = null | typeof UNKNOWN | string | number | boolean | readonly Value[] | ReadonlyMap<string, Value>;

/**
 * Refinements of an unknown value (Terraform 1.6+): what is known about a value that is
 * not yet known. Only the ones that change results are modelled.
 */
export interface Refinement {
  /** The value will not be null. */
  notNull?: boolean;
  /** For collections: bounds on the eventual length. */
  lengthLower?: number;
  lengthUpper?: number;
  /** For strings: a known prefix. */
  stringPrefix?: string;
}

export class Value {
  constructor(
    readonly type: Type,
    readonly v: Raw,
    readonly marks: Marks = 0,
    readonly refinement?: Refinement,
  ) {}

  get isNull(): boolean { return this.v === null; }
  /** True when the value itself is unknown (not just some part of it). */
  get isKnown(): boolean { return this.v !== UNKNOWN; }
  get isMarked(): boolean { return this.marks !== 0; }
  get isSensitive(): boolean { return (this.marks & Mark.Sensitive) !== 0; }

  /** The JS string of a known, non-null string value. */
  get str(): string { return this.v as string; }
  /** The JS number of a known, non-null number value. */
  get num(): number { return this.v as number; }
  /** The boolean of a known, non-null bool value. */
  get bool(): boolean { return this.v as boolean; }
  /** Elements of a known, non-null list, set or tuple. */
  get elems(): readonly Value[] { return this.v as readonly Value[]; }
  /** Entries of a known, non-null map or object, in lexical key order. */
  get attrs(): ReadonlyMap<string, Value> { return this.v as ReadonlyMap<string, Value>; }

  /** This value with additional marks. */
  mark(m: Marks): Value {
    if (m === 0 || (this.marks | m) === this.marks) return this;
    return new Value(this.type, this.v, this.marks | m, this.refinement);
  }
  /** This value without its top-level marks. */
  unmark(): Value {
    return this.marks === 0 ? this : new Value(this.type, this.v, 0, this.refinement);
  }
  /** This value with exactly the given top-level marks. */
  withMarks(m: Marks): Value {
    return m === this.marks ? this : new Value(this.type, this.v, m, this.refinement);
  }
}

// ---------- primitive constructors ----------

export const True = new Value(T.Bool, true);
export const False = new Value(T.Bool, false);
export const EmptyString = new Value(T.String, '');
export const Zero = new Value(T.Number, 0);
/** `null` of type `any`. */
export const NullDynamic = new Value(T.Dynamic, null);
/** An unknown value of unknown type. */
export const DynamicUnknown = new Value(T.Dynamic, UNKNOWN);
export const EmptyTupleVal = new Value(T.EmptyTuple, Object.freeze([]) as readonly Value[]);
export const EmptyObjectVal = new Value(T.EmptyObject, new Map());

// Strings in cty are normalised to NFC; skip the (costly) call for ASCII-only text.
// eslint-disable-next-line no-control-regex
const NON_ASCII = /[^\x00-\x7f]/;
export function stringVal(s: string): Value {
  if (s === '') return EmptyString;
  return new Value(T.String, NON_ASCII.test(s) ? s.normalize('NFC') : s);
}
export function numberVal(n: number): Value {
  return n === 0 ? Zero : new Value(T.Number, n);
}
export function boolVal(b: boolean): Value {
  return b ? True : False;
}
export function nullVal(t: Type): Value {
  return t.kind === 'dynamic' ? NullDynamic : new Value(t, null);
}
export function unknownVal(t: Type, refinement?: Refinement): Value {
  if (t.kind === 'dynamic' && !refinement) return DynamicUnknown;
  return new Value(t, UNKNOWN, 0, refinement);
}

// ---------- collection and structural constructors ----------

/** A list of values that must all have the same type `elemType` (checked loosely). */
export function listVal(elems: readonly Value[], elemType?: Type): Value {
  const et = elemType ?? (elems.length > 0 ? elems[0]!.type : T.Dynamic);
  return new Value(T.List(et), elems);
}
export function emptyListVal(elemType: Type): Value {
  return new Value(T.List(elemType), Object.freeze([]) as readonly Value[]);
}
export function tupleVal(elems: readonly Value[]): Value {
  if (elems.length === 0) return EmptyTupleVal;
  return new Value(T.Tuple(elems.map((e) => e.type)), elems);
}
/**
 * A set: duplicates (by value, marks ignored for identity) are dropped and elements are
 * put in cty's order. Unknown elements are kept (each distinct, as in cty).
 */
export function setVal(elems: readonly Value[], elemType?: Type): Value {
  const et = elemType ?? (elems.length > 0 ? elems[0]!.type : T.Dynamic);
  return new Value(T.Set(et), canonicalSetElems(elems));
}
export function emptySetVal(elemType: Type): Value {
  return new Value(T.Set(elemType), Object.freeze([]) as readonly Value[]);
}
/** A map from string keys to values of one type. Keys are put in lexical order. */
export function mapVal(entries: Iterable<[string, Value]> | Record<string, Value>, elemType?: Type): Value {
  const m = sortedMap(entries);
  let et = elemType;
  if (!et) {
    const first = m.values().next();
    et = first.done ? T.Dynamic : first.value.type;
  }
  return new Value(T.Map(et), m);
}
export function emptyMapVal(elemType: Type): Value {
  return new Value(T.Map(elemType), new Map());
}
/** An object; its type is derived from the attribute values. */
export function objectVal(entries: Iterable<[string, Value]> | Record<string, Value>): Value {
  const m = sortedMap(entries);
  if (m.size === 0) return EmptyObjectVal;
  const attrs: Record<string, Type> = {};
  for (const [k, v] of m) attrs[k] = v.type;
  return new Value({ kind: 'object', attrs }, m);
}
/** An object of a given type (attribute types taken from `type`, values must conform). */
export function objectValOfType(type: T.ObjectType, entries: Iterable<[string, Value]> | Record<string, Value>): Value {
  return new Value(type, sortedMap(entries));
}

/**
 * An object from a Map the caller hands over (and no longer mutates): used as is when its
 * keys are already in lexical order, which saves a copy on the evaluator's hot path.
 */
export function objectValFromMap(m: Map<string, Value>): Value {
  if (m.size === 0) return EmptyObjectVal;
  let prev: string | undefined;
  let sorted = true;
  for (const k of m.keys()) {
    if (prev !== undefined && prev >= k) { sorted = false; break; }
    prev = k;
  }
  const map = sorted ? m : sortedMap(m);
  const attrs: Record<string, Type> = {};
  for (const [k, v] of map) attrs[k] = v.type;
  return new Value({ kind: 'object', attrs }, map);
}

function sortedMap(entries: Iterable<[string, Value]> | Record<string, Value>): Map<string, Value> {
  const arr: [string, Value][] = isIterable(entries) ? Array.from(entries) : Object.entries(entries);
  let sorted = true;
  for (let i = 1; i < arr.length; i++) if (arr[i - 1]![0] >= arr[i]![0]) { sorted = false; break; }
  if (!sorted) arr.sort((a, b) => T.compareStrings(a[0], b[0]));
  return new Map(arr);
}
function isIterable(x: unknown): x is Iterable<[string, Value]> {
  return x != null && typeof (x as Iterable<unknown>)[Symbol.iterator] === 'function';
}

// ---------- inspection ----------

/** True when the value and everything inside it is known. */
export function isWhollyKnown(v: Value): boolean {
  if (v.v === UNKNOWN) return false;
  if (v.v === null) return true;
  switch (v.type.kind) {
    case 'list':
    case 'set':
    case 'tuple':
      for (const e of v.v as readonly Value[]) if (!isWhollyKnown(e)) return false;
      return true;
    case 'map':
    case 'object':
      for (const e of (v.v as ReadonlyMap<string, Value>).values()) if (!isWhollyKnown(e)) return false;
      return true;
    default:
      return true;
  }
}

/**
 * `v` with every unknown part replaced by a null of its type (cty's UnknownAsNull): how
 * Terraform saves a root output that is not wholly known once an apply ends.
 */
export function unknownAsNull(v: Value): Value {
  if (v.v === UNKNOWN) return new Value(v.type, null, v.marks);
  if (v.v === null || isWhollyKnown(v)) return v;
  switch (v.type.kind) {
    case 'list':
    case 'set':
    case 'tuple':
      return new Value(v.type, (v.v as readonly Value[]).map(unknownAsNull), v.marks);
    case 'map':
    case 'object':
      return new Value(v.type, new Map([...(v.v as ReadonlyMap<string, Value>)].map(([k, e]) => [k, unknownAsNull(e)])), v.marks);
    default:
      return v;
  }
}

/** True when the value or anything inside it carries a mark. */
export function containsMarks(v: Value, m: Marks = ~0): boolean {
  if ((v.marks & m) !== 0) return true;
  if (v.v === null || v.v === UNKNOWN) return false;
  switch (v.type.kind) {
    case 'list':
    case 'set':
    case 'tuple':
      for (const e of v.v as readonly Value[]) if (containsMarks(e, m)) return true;
      return false;
    case 'map':
    case 'object':
      for (const e of (v.v as ReadonlyMap<string, Value>).values()) if (containsMarks(e, m)) return true;
      return false;
    default:
      return false;
  }
}

/** A path into a value: attribute names and index keys. */
export type PathStep = { attr: string } | { index: string | number | Value };
export type Path = PathStep[];

/** A mark found deep in a value, with where it was. */
export interface PathMarks { path: Path; marks: Marks }

/**
 * Removes marks at every depth, returning the bare value and the paths that had marks
 * (like cty's UnmarkDeepWithPaths). Set elements report a path to the set itself.
 */
export function unmarkDeep(v: Value): [Value, PathMarks[]] {
  // Most values carry no marks: checking costs no allocation, rebuilding would copy every
  // object and collection in the value (a tenth of what a large plan allocates).
  if (!containsMarks(v)) return [v, []];
  const found: PathMarks[] = [];
  const out = unmarkRec(v, [], found);
  return [out, found];
}
function unmarkRec(v: Value, path: Path, found: PathMarks[]): Value {
  let cur = v;
  if (cur.marks !== 0) {
    found.push({ path: path.slice(), marks: cur.marks });
    cur = cur.unmark();
  }
  if (cur.v === null || cur.v === UNKNOWN) return cur;
  switch (cur.type.kind) {
    case 'list':
    case 'tuple':
    case 'set': {
      const es = cur.v as readonly Value[];
      let changed = false;
      const out = es.map((e, i) => {
        path.push(cur.type.kind === 'set' ? { index: e } : { index: i });
        const r = unmarkRec(e, path, found);
        path.pop();
        if (r !== e) changed = true;
        return r;
      });
      if (cur.type.kind === 'set' && changed) {
        // A marked set element marks the whole set in cty's model.
        for (const f of found) if (f.path.length > path.length) f.path.length = path.length;
      }
      return changed ? new Value(cur.type, out) : cur;
    }
    case 'map':
    case 'object': {
      const m = cur.v as ReadonlyMap<string, Value>;
      let changed = false;
      const out = new Map<string, Value>();
      for (const [k, e] of m) {
        path.push(cur.type.kind === 'map' ? { index: k } : { attr: k });
        const r = unmarkRec(e, path, found);
        path.pop();
        if (r !== e) changed = true;
        out.set(k, r);
      }
      return changed ? new Value(cur.type, out) : cur;
    }
    default:
      return cur;
  }
}

/** Re-applies marks found by `unmarkDeep` at their paths (paths that no longer exist are marked on the nearest ancestor). */
export function markWithPaths(v: Value, pms: readonly PathMarks[]): Value {
  let out = v;
  for (const pm of pms) out = markAtPath(out, pm.path, 0, pm.marks);
  return out;
}
function markAtPath(v: Value, path: Path, i: number, m: Marks): Value {
  if (i === path.length || v.v === null || v.v === UNKNOWN) return v.mark(m);
  const step = path[i]!;
  const k = v.type.kind;
  if ((k === 'list' || k === 'tuple') && 'index' in step && typeof step.index === 'number') {
    const es = (v.v as readonly Value[]).slice();
    if (step.index >= es.length) return v.mark(m);
    es[step.index] = markAtPath(es[step.index]!, path, i + 1, m);
    return new Value(v.type, es, v.marks, v.refinement);
  }
  if (k === 'map' || k === 'object') {
    const key = 'attr' in step ? step.attr : typeof step.index === 'string' ? step.index : undefined;
    const src = v.v as ReadonlyMap<string, Value>;
    if (key === undefined || !src.has(key)) return v.mark(m);
    const out = new Map(src);
    out.set(key, markAtPath(src.get(key)!, path, i + 1, m));
    return new Value(v.type, out, v.marks, v.refinement);
  }
  return v.mark(m);
}

/** All marks anywhere in the value, OR-ed together. */
export function deepMarks(v: Value): Marks {
  let m = v.marks;
  if (v.v === null || v.v === UNKNOWN) return m;
  switch (v.type.kind) {
    case 'list':
    case 'set':
    case 'tuple':
      for (const e of v.v as readonly Value[]) m |= deepMarks(e);
      return m;
    case 'map':
    case 'object':
      for (const e of (v.v as ReadonlyMap<string, Value>).values()) m |= deepMarks(e);
      return m;
    default:
      return m;
  }
}

// ---------- identity, equality, ordering ----------

/**
 * A string that is equal for equal known values (marks ignored): used for set membership,
 * Map keys and deduplication. Unknown values get a unique key each (as in cty sets).
 */
let unknownCounter = 0;
export function valueKey(v: Value): string {
  if (v.v === null) return 'N';
  if (v.v === UNKNOWN) return `U${unknownCounter++}`;
  switch (v.type.kind) {
    case 'string':
      return 'S' + JSON.stringify(v.v);
    case 'number':
      return 'n' + String(v.v);
    case 'bool':
      return v.v ? 'T' : 'F';
    case 'list':
    case 'set':
    case 'tuple':
      return '[' + (v.v as readonly Value[]).map(valueKey).join(',') + ']';
    case 'map':
    case 'object': {
      let s = '{';
      for (const [k, e] of v.v as ReadonlyMap<string, Value>) s += JSON.stringify(k) + ':' + valueKey(e) + ',';
      return s + '}';
    }
    default:
      return '?';
  }
}

/**
 * Raw equality of two known values, marks ignored: true when both are the same value.
 * Unknowns compare unequal to everything here; use lang's `equals` for the 3-valued version.
 */
export function rawEquals(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (a.v === UNKNOWN || b.v === UNKNOWN) return a.v === b.v && T.typeEquals(a.type, b.type);
  if (a.v === null || b.v === null) return a.v === b.v;
  if (!T.typeEquals(a.type, b.type)) return false;
  switch (a.type.kind) {
    case 'string':
    case 'number':
    case 'bool':
      return a.v === b.v;
    case 'list':
    case 'set':
    case 'tuple': {
      const ae = a.v as readonly Value[], be = b.v as readonly Value[];
      if (ae.length !== be.length) return false;
      for (let i = 0; i < ae.length; i++) if (!rawEquals(ae[i]!, be[i]!)) return false;
      return true;
    }
    case 'map':
    case 'object': {
      const am = a.v as ReadonlyMap<string, Value>, bm = b.v as ReadonlyMap<string, Value>;
      if (am.size !== bm.size) return false;
      for (const [k, e] of am) {
        const o = bm.get(k);
        if (!o || !rawEquals(e, o)) return false;
      }
      return true;
    }
    default:
      return true;
  }
}

/**
 * cty's set order: strings lexically, numbers ascending, false before true, unknowns last,
 * other types by their identity key (stable and deterministic).
 */
export function compareSetElems(a: Value, b: Value): number {
  const au = a.v === UNKNOWN, bu = b.v === UNKNOWN;
  if (au || bu) return au === bu ? 0 : au ? 1 : -1;
  const an = a.v === null, bn = b.v === null;
  if (an || bn) return an === bn ? 0 : an ? 1 : -1;
  const k = a.type.kind;
  if (k === 'string' && b.type.kind === 'string') return T.compareStrings(a.v as string, b.v as string);
  if (k === 'number' && b.type.kind === 'number') return (a.v as number) - (b.v as number);
  if (k === 'bool' && b.type.kind === 'bool') return (a.v ? 1 : 0) - (b.v ? 1 : 0);
  return T.compareStrings(valueKey(a), valueKey(b));
}

function canonicalSetElems(elems: readonly Value[]): readonly Value[] {
  if (elems.length <= 1) return elems;
  const seen = new Map<string, Value>();
  const unknowns: Value[] = [];
  for (const e of elems) {
    if (e.v === UNKNOWN) { unknowns.push(e); continue; }
    const key = valueKey(e);
    const prev = seen.get(key);
    // Equal elements with different marks collapse into one carrying both marks.
    if (prev) seen.set(key, prev.mark(e.marks));
    else seen.set(key, e);
  }
  const out = Array.from(seen.values()).sort(compareSetElems);
  return unknowns.length ? out.concat(unknowns) : out;
}

// ---------- numbers ----------

/**
 * Formats a number the way Terraform prints it (cty's big.Float 'f' format with the
 * shortest exact digits): integers without exponent (`1e21` -> `1000000000000000000000`),
 * fractions with the shortest round-tripping digits (`0.1`).
 */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : n < 0 ? '-Inf' : 'NaN';
  if (Object.is(n, -0)) return '0';
  const s = String(n);
  if (!s.includes('e')) return s;
  // Expand exponent notation into plain decimal.
  const neg = n < 0;
  const [mant, expStr] = (neg ? s.slice(1) : s).split('e') as [string, string];
  const exp = parseInt(expStr, 10);
  const [intPart, fracPart = ''] = mant.split('.') as [string, string?];
  const digits = intPart + fracPart;
  const pointPos = intPart.length + exp;
  let out: string;
  if (pointPos <= 0) out = '0.' + '0'.repeat(-pointPos) + digits;
  else if (pointPos >= digits.length) out = digits + '0'.repeat(pointPos - digits.length);
  else out = digits.slice(0, pointPos) + '.' + digits.slice(pointPos);
  return neg ? '-' + out : out;
}

export { UNKNOWN };
