/**
 * Splat expressions (`list[*].id`, legacy `list.*.id`) with HCL's rules: lists and sets
 * give lists, tuples give tuples, any other value is first wrapped in a one-element tuple,
 * and null gives an empty tuple. Unknown sources give unknown results of the right type.
 */
import type { SplatExpr } from '../hcl/ast.js';
import * as T from './types.js';
import { Value, UNKNOWN, DynamicUnknown, EmptyTupleVal, tupleVal, unknownVal, emptyListVal } from './value.js';
import type { EvalCtx } from './eval-context.js';
import { ev } from './eval.js';

/** A splat expression's value. */
export function evalSplat(e: SplatExpr, c: EvalCtx): Value {
  const n0 = c.diags.length;
  let src = ev(e.source, c);
  if (c.errorsSince(n0)) return DynamicUnknown;
  let st = src.type;
  const autoUpgrade = !(st.kind === 'tuple' || st.kind === 'list' || st.kind === 'set');
  if (src.v === null) {
    if (autoUpgrade) return src.marks ? EmptyTupleVal.withMarks(src.marks) : EmptyTupleVal;
    c.error('Splat of null value', 'Splat expressions (with the * symbol) cannot be applied to null sequences.', e.source.range,
      { filename: e.range.filename, start: e.source.range.start, end: e.markerRange.end }, e.source);
    return DynamicUnknown;
  }
  if (st.kind === 'dynamic') return DynamicUnknown.withMarks(src.marks);
  let upgradedUnknown = false;
  if (autoUpgrade) {
    if (src.v === UNKNOWN && !src.refinement?.notNull) upgradedUnknown = true;
    src = tupleVal([src.unmark()]).withMarks(src.marks);
    st = src.type;
  }

  const anon = c.anon ?? (c.anon = new Map());
  const id = e.item.id;
  const prev = anon.get(id);
  try {
    if (src.v === UNKNOWN) {
      const ty = resultType(e, st, c);
      let r = unknownVal(ty, ty.kind !== 'dynamic' ? { notNull: true } : undefined);
      if (ty.kind === 'list' && (st.kind === 'list' || st.kind === 'set') && src.refinement) {
        const rr = src.refinement;
        r = unknownVal(ty, { notNull: true, lengthLower: rr.lengthLower, lengthUpper: rr.lengthUpper });
      }
      return r.withMarks(src.marks);
    }
    const marks = src.marks;
    const elems = src.elems;
    const vals = new Array<Value>(elems.length);
    let known = true;
    for (let i = 0; i < elems.length; i++) {
      anon.set(id, elems[i]!);
      const n1 = c.diags.length;
      vals[i] = ev(e.each, c);
      if (c.errorsSince(n1)) known = false;
    }
    if (upgradedUnknown) return DynamicUnknown.withMarks(marks);
    if (!known) return unknownVal(resultType(e, st, c, true)).withMarks(marks);
    if (st.kind === 'list' || st.kind === 'set') {
      if (vals.length === 0) {
        const ty = resultType(e, st, c);
        return emptyListVal((ty as T.ListType).elem).withMarks(marks);
      }
      const t0 = vals[0]!.type;
      for (const v of vals) {
        if (!T.typeEquals(v.type, t0)) {
          c.error('Invalid nested splat expressions',
            "The second level of splat expression produced elements of different types, so it isn't possible to construct a valid list to represent the top-level result.\n\nConsider using a for expression instead, to produce a tuple-typed result which can therefore have non-homogenous element types.",
            e.each.range, e.range);
          return DynamicUnknown;
        }
      }
      const r = new Value(T.List(t0), vals);
      return marks ? r.withMarks(marks) : r;
    }
    const r = tupleVal(vals);
    return marks ? r.withMarks(marks) : r;
  } finally {
    if (prev === undefined) anon.delete(id);
    else anon.set(id, prev);
  }
}

// The result type, found by evaluating `each` with an unknown element (HCL's resultTy).
function resultType(e: SplatExpr, st: T.Type, c: EvalCtx, quiet = false): T.Type {
  const anon = c.anon!;
  const n0 = c.diags.length;
  let out: T.Type = T.Dynamic;
  if (st.kind === 'list' || st.kind === 'set') {
    anon.set(e.item.id, unknownVal(st.elem));
    out = T.List(ev(e.each, c).type);
  } else if (st.kind === 'tuple') {
    out = T.Tuple(st.elems.map((et) => {
      anon.set(e.item.id, unknownVal(et));
      return ev(e.each, c).type;
    }));
  }
  if (quiet) c.diags.length = n0;
  return out;
}
