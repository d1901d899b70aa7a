/**
 * Type unification with cty's rules: the single type a set of types can all convert to,
 * used for conditional results, collection literals passed to functions and
 * tuple/object -> list/map conversions with `any` element types.
 *
 * "Safe" unification only uses conversions that always succeed; "unsafe" also allows
 * ones that may fail for some values (string -> number), which Terraform accepts for
 * conditionals and reports at evaluation time.
 */
import * as T from './types.js';
import type { Type } from './types.js';
import { getConversion } from './convert.js';

/** The unified type of `types`, or undefined when there is none. */
export function unifyTypes(types: readonly Type[], unsafe: boolean): Type | undefined {
  const n = types.length;
  if (n === 0) return undefined;
  // The common case (all the same type) needs no search.
  let same = true;
  for (let i = 1; i < n; i++) if (!T.typeEquals(types[i]!, types[0]!)) { same = false; break; }
  if (same) return types[0];

  let map = 0, list = 0, set = 0, obj = 0, tup = 0, dyn = 0;
  for (const t of types) {
    switch (t.kind) {
      case 'map': map++; break;
      case 'list': list++; break;
      case 'set': set++; break;
      case 'object': obj++; break;
      case 'tuple': tup++; break;
      case 'dynamic': dyn++; break;
    }
  }
  if (map > 0 && map + dyn === n) return unifyCollections(T.Map, types, unsafe, dyn > 0);
  if (map > 0 && map + obj + dyn === n) {
    const t = unifyObjectsAsMaps(types, unsafe);
    if (t?.kind === 'map') return t;
  } else if (list > 0 && list + dyn === n) {
    return unifyCollections(T.List, types, unsafe, dyn > 0);
  } else if (list > 0 && list + tup + dyn === n) {
    const t = unifyTuplesAsList(types, unsafe);
    if (t?.kind === 'list') return t;
  } else if (set > 0 && set + dyn === n) {
    return unifyCollections(T.Set, types, unsafe, dyn > 0);
  } else if (obj > 0 && obj + dyn === n) {
    return dyn > 0 ? T.Dynamic : unifyObjects(types as T.ObjectType[], unsafe);
  } else if (tup > 0 && tup + dyn === n) {
    return dyn > 0 ? T.Dynamic : unifyTuples(types as T.TupleType[], unsafe);
  } else if (obj > 0 && tup > 0) {
    return undefined;
  }

  for (const wi of sortTypes(types)) {
    const want = types[wi]!;
    let ok = true;
    for (let i = 0; i < n && ok; i++) {
      if (i === wi || T.typeEquals(types[i]!, want)) continue;
      if (!getConversion(types[i]!, want, unsafe)) ok = false;
    }
    if (ok) return want;
  }
  return undefined;
}

function allConvert(types: readonly Type[], to: Type, unsafe: boolean): boolean {
  for (const t of types) if (!T.typeEquals(t, to) && !getConversion(t, to, unsafe)) return false;
  return true;
}

function unifyCollections(mk: (e: Type) => Type, types: readonly Type[], unsafe: boolean, hasDynamic: boolean): Type | undefined {
  if (hasDynamic) return T.Dynamic;
  const et = unifyTypes(types.map((t) => (t as T.CollectionType).elem), unsafe);
  if (!et) return undefined;
  const ret = mk(et);
  return allConvert(types, ret, unsafe) ? ret : undefined;
}

function unifyObjectsAsMaps(types: readonly Type[], unsafe: boolean): Type | undefined {
  const objs = types.filter((t) => t.kind === 'object');
  const mt = unifyObjectsToMap(objs as T.ObjectType[], unsafe);
  if (mt?.kind !== 'map') return undefined;
  const t = unifyTypes(types.map((x) => (x.kind === 'object' ? mt : x)), unsafe);
  return t?.kind === 'map' ? t : undefined;
}

function unifyTuplesAsList(types: readonly Type[], unsafe: boolean): Type | undefined {
  const tups = types.filter((t) => t.kind === 'tuple');
  const lt = unifyTuplesToList(tups as T.TupleType[], unsafe);
  if (lt?.kind !== 'list') return undefined;
  const t = unifyTypes(types.map((x) => (x.kind === 'tuple' ? lt : x)), unsafe);
  return t?.kind === 'list' ? t : undefined;
}

function unifyObjects(types: readonly T.ObjectType[], unsafe: boolean): Type | undefined {
  const first = types[0]!.attrs;
  const names = Object.keys(first);
  for (const t of types) {
    const k = Object.keys(t.attrs);
    if (k.length !== names.length || k.some((x) => !(x in first))) return unifyObjectsToMap(types, unsafe);
  }
  const attrs: Record<string, Type> = {};
  for (const name of names) {
    const u = unifyTypes(types.map((t) => t.attrs[name]!), unsafe);
    if (!u) return undefined;
    attrs[name] = u;
  }
  const ret = T.Object_(attrs);
  return allConvert(types, ret, unsafe) ? ret : unifyObjectsToMap(types, unsafe);
}

function unifyObjectsToMap(types: readonly T.ObjectType[], unsafe: boolean): Type | undefined {
  const all: Type[] = [];
  for (const t of types) for (const k in t.attrs) all.push(t.attrs[k]!);
  const et = unifyTypes(all, unsafe);
  if (!et) return undefined;
  const ret = T.Map(et);
  return allConvert(types, ret, unsafe) ? ret : undefined;
}

function unifyTuples(types: readonly T.TupleType[], unsafe: boolean): Type | undefined {
  const len = types[0]!.elems.length;
  if (types.some((t) => t.elems.length !== len)) return unifyTuplesToList(types, unsafe);
  const elems: Type[] = [];
  for (let i = 0; i < len; i++) {
    const u = unifyTypes(types.map((t) => t.elems[i]!), unsafe);
    if (!u) return undefined;
    elems.push(u);
  }
  const ret = T.Tuple(elems);
  return allConvert(types, ret, unsafe) ? ret : unifyTuplesToList(types, unsafe);
}

function unifyTuplesToList(types: readonly T.TupleType[], unsafe: boolean): Type | undefined {
  const all: Type[] = [];
  for (const t of types) all.push(...t.elems);
  const et = unifyTypes(all, unsafe);
  if (!et) return undefined;
  const ret = T.List(et);
  return allConvert(types, ret, unsafe) ? ret : undefined;
}

/**
 * cty's preference order among candidate types: a topological sort where a type comes
 * before the types that convert to it (string before number/bool, list before tuple,
 * `any` last).
 */
function sortTypes(tys: readonly Type[]): number[] {
  const l = tys.length;
  const edges: number[][] = Array.from({ length: l }, () => []);
  for (let i = 0; i < l - 1; i++) {
    for (let j = i + 1; j < l; j++) {
      const c = compareTypes(tys[i]!, tys[j]!);
      if (c < 0) edges[i]!.push(j);
      else if (c > 0) edges[j]!.push(i);
    }
  }
  const inDeg = new Array<number>(l).fill(0);
  for (const outs of edges) for (const j of outs) inDeg[j]!++;
  const result: number[] = [];
  for (let i = 0; i < l; i++) if (inDeg[i] === 0) result.push(i);
  for (let q = 0; q < result.length; q++) {
    for (const j of edges[result[q]!]!) if (--inDeg[j]! === 0) result.push(j);
  }
  return result;
}

function compareTypes(a0: Type, b0: Type): number {
  let a = a0, b = b0;
  if (a.kind === 'dynamic' || b.kind === 'dynamic') {
    if (a.kind !== 'dynamic') return -1;
    if (b.kind !== 'dynamic') return 1;
    return 0;
  }
  if (T.isPrimitive(a) && T.isPrimitive(b) && (a.kind === 'string' || b.kind === 'string')) {
    if (a.kind !== 'string') return 1;
    if (b.kind !== 'string') return -1;
    return 0;
  }
  if ((a.kind === 'list' && b.kind === 'list') || (a.kind === 'set' && b.kind === 'set') || (a.kind === 'map' && b.kind === 'map')) {
    return compareTypes(a.elem, (b as T.CollectionType).elem);
  }
  let swap = 1;
  if ((a.kind === 'tuple' && b.kind === 'list') || (a.kind === 'object' && b.kind === 'map') ||
      (a.kind === 'set' && b.kind === 'tuple') || (a.kind === 'set' && b.kind === 'list')) {
    [a, b] = [b, a];
    swap = -1;
  }
  if (b.kind === 'set' && (a.kind === 'tuple' || a.kind === 'list')) return -swap;
  if (a.kind === 'list' && b.kind === 'tuple') return -swap;
  if (a.kind === 'map' && b.kind === 'object') return -swap;
  let pairs: [Type, Type][] | undefined;
  if (a.kind === 'object' && b.kind === 'object') {
    const ka = Object.keys(a.attrs);
    if (ka.length !== Object.keys(b.attrs).length) return 0;
    pairs = [];
    for (const k of ka) {
      const bt = b.attrs[k];
      if (bt === undefined) return 0;
      pairs.push([a.attrs[k]!, bt]);
    }
  } else if (a.kind === 'tuple' && b.kind === 'tuple') {
    if (a.elems.length !== b.elems.length) return 0;
    const be = b.elems;
    pairs = a.elems.map((t, i) => [t, be[i]!]);
  }
  if (!pairs) return 0;
  let aSuper = false, bSuper = false;
  for (const [x, y] of pairs) {
    const c = compareTypes(x, y);
    if (c < 0) aSuper = true;
    else if (c > 0) bSuper = true;
  }
  if (aSuper && bSuper) return 0;
  if (aSuper) return -swap;
  if (bSuper) return swap;
  return 0;
}
