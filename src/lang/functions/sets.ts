/**
 * Set functions: setintersection setsubtract setunion setproduct. Element types unify as
 * in cty; intersection and subtraction need wholly known sets, union keeps unknowns.
 */
import * as T from '../types.js';
import type { Type } from '../types.js';
import { Value, setVal, emptySetVal, emptyListVal, tupleVal, unknownVal, isWhollyKnown } from '../value.js';
import { convert, unify } from '../convert.js';
import type { FunctionDef } from './function.js';
import { FunctionError } from './function.js';
import { param, typed } from './util.js';
import { keyOf, listOf } from './collection.js';

const D = T.Dynamic;

function setOpType(args: readonly Value[]): Type {
  const etys: Type[] = [];
  for (const a of args) {
    const et = (a.type as T.SetType).elem;
    if (a.isKnown && a.elems.length === 0 && et.kind === 'dynamic') continue;
    etys.push(et);
  }
  if (etys.length === 0) return T.Set(D);
  const u = unify(etys, true);
  if (!u) throw new FunctionError('given sets must all have compatible element types');
  return T.Set(u);
}

function setOp(op: 'union' | 'intersection' | 'subtract', allowUnknowns: boolean): FunctionDef['impl'] {
  return (args, _ctx, retType) => {
    const sets: Value[] = [];
    for (let i = 0; i < args.length; i++) {
      const s = convert(args[i]!, retType);
      if (!allowUnknowns && !isWhollyKnown(s)) return unknownVal(retType);
      sets.push(s);
    }
    let cur: Value[] = sets[0]!.elems.slice();
    for (const s of sets.slice(1)) {
      if (op === 'union') cur = cur.concat(s.elems);
      else {
        const keys = new Set(s.elems.filter((e) => e.isKnown).map(keyOf));
        cur = cur.filter((e) => (op === 'intersection') === keys.has(keyOf(e)));
      }
    }
    const et = (retType as T.SetType).elem;
    return cur.length === 0 ? emptySetVal(et) : setVal(cur, et);
  };
}


const setParams = [param('first_set', T.Set(D), { allowDynamicType: true })];
const setVar = param('other_sets', T.Set(D), { allowDynamicType: true });

/** The set function table. */
export const setFunctions: Record<string, FunctionDef> = {
  setintersection: typed('Takes multiple sets and produces a single set containing only the elements that all of the given sets have in common.',
    setParams, setOpType, setOp('intersection', false), { varParam: setVar }),
  setsubtract: typed('Returns a new set containing the elements from the first set that are not present in the second set.',
    [param('a', T.Set(D), { allowDynamicType: true }), param('b', T.Set(D), { allowDynamicType: true })], setOpType, setOp('subtract', false)),
  setunion: typed('Takes multiple sets and produces a single set containing the elements from all of the given sets.',
    setParams, setOpType, setOp('union', true), { varParam: setVar }),

  setproduct: typed('Finds all of the possible combinations of elements from all of the given sets by computing the Cartesian product.', [], (args) => {
    if (args.length < 2) throw new FunctionError('at least two arguments are required');
    let listCount = 0;
    const etys: Type[] = [];
    for (let i = 0; i < args.length; i++) {
      const t = args[i]!.type;
      if (t.kind === 'set') etys.push(t.elem);
      else if (t.kind === 'list') { etys.push(t.elem); listCount++; }
      else if (t.kind === 'tuple') {
        listCount++;
        if (t.elems.length === 0) { etys.push(D); continue; }
        const u = unify(t.elems, true);
        if (!u) throw new FunctionError('all elements must be of the same type', i);
        etys.push(u);
      } else throw new FunctionError('a set or a list is required', i);
    }
    return listCount === args.length ? T.List(T.Tuple(etys)) : T.Set(T.Tuple(etys));
  }, (args, _c, rt) => {
    let marks = 0;
    const lists: (readonly Value[])[] = [];
    let unknown = false;
    for (const a of args) {
      marks |= a.marks;
      const u = a.unmark();
      if (!u.isKnown) { unknown = true; continue; }
      lists.push(u.elems);
    }
    const ety = (rt as T.ListType | T.SetType).elem as T.TupleType;
    if (unknown) {
      // A known empty argument makes the product empty whatever the unknown ones hold.
      const empty = args.some((a) => (a.type.kind === 'tuple' && (a.type as T.TupleType).elems.length === 0) || (a.isKnown && a.unmark().elems.length === 0));
      if (empty) return (rt.kind === 'list' ? emptyListVal(ety) : emptySetVal(ety)).withMarks(marks);
      return unknownVal(rt, { notNull: true }).withMarks(marks);
    }
    let product: Value[][] = [[]];
    lists.forEach((elems, j) => {
      const next: Value[][] = [];
      for (const p of product) for (const e of elems) next.push([...p, T.typeEquals(e.type, ety.elems[j]!) ? e : convert(e, ety.elems[j]!)]);
      product = next;
    });
    const vals = lists.length === 0 ? [] : product.map((p) => tupleVal(p));
    if (rt.kind === 'list') return listOf(vals, ety).withMarks(marks);
    return (vals.length === 0 ? emptySetVal(ety) : setVal(vals, ety)).withMarks(marks);
  }, { varParam: param('sets', D, { allowMarked: true, allowUnknown: true }) }),

};
