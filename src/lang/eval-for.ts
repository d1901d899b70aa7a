/**
 * `for` expressions with HCL's rules: `[for v in coll : x if cond]` builds a tuple,
 * `{for k, v in coll : key => val}` an object (with `...` grouping duplicates into
 * tuples), null and non-iterable collections are errors, an unknown collection or
 * unknown condition/key makes the result unknown, marks on the collection and on
 * conditions/keys mark the result.
 */
import type { ForExpr } from '../hcl/ast.js';
import * as T from './types.js';
import { Value, UNKNOWN, DynamicUnknown, numberVal, stringVal, tupleVal, objectValFromMap } from './value.js';
import { tryConvert, ConversionError } from './convert.js';
import { friendlyName } from './convert-mismatch.js';
import type { EvalCtx, Frame } from './eval-context.js';
import { ev } from './eval.js';

/** A `for` expression's value. */
export function evalFor(e: ForExpr, c: EvalCtx): Value {
  const n0 = c.diags.length;
  let coll = ev(e.collExpr, c);
  if (coll.v === null) {
    c.error('Iteration over null value', "A null value cannot be used as the collection in a 'for' expression.", e.collExpr.range, e.range, e.collExpr);
    return DynamicUnknown;
  }
  if (coll.type.kind === 'dynamic') return DynamicUnknown.withMarks(coll.marks);
  let marks = coll.marks;
  coll = coll.unmark();
  const kind = coll.type.kind;
  if (kind !== 'list' && kind !== 'set' && kind !== 'tuple' && kind !== 'map' && kind !== 'object') {
    c.error('Iteration over non-iterable value', `A value of type ${friendlyName(coll.type)} cannot be used as the collection in a 'for' expression.`, e.collExpr.range, e.range, e.collExpr);
    return DynamicUnknown;
  }

  const saved = c.frame;
  const frame: Frame = { v: e.valVar, vv: DynamicUnknown, parent: saved };
  if (e.keyVar) { frame.k = e.keyVar; frame.kv = DynamicUnknown; }
  c.frame = frame;
  try {
    if (e.condExpr) {
      // The condition is type-checked once with unknown variables, as HCL does.
      const nc = c.diags.length;
      const r = ev(e.condExpr, c);
      if (r.v === null) {
        c.error('Condition is null', "The value of the 'if' clause must not be null.", e.condExpr.range, e.range, e.condExpr);
        return DynamicUnknown;
      }
      const cb = tryConvert(r, T.Bool);
      if (cb instanceof ConversionError) {
        c.error("Invalid 'for' condition", `The 'if' clause value is invalid: ${cb.message}.`, e.condExpr.range, e.range, e.condExpr);
        return DynamicUnknown;
      }
      if (c.errorsSince(nc)) return DynamicUnknown;
      marks |= r.marks;
    }
    if (coll.v === UNKNOWN) return DynamicUnknown.withMarks(marks);
    void n0;

    const seq = kind === 'list' || kind === 'set' || kind === 'tuple';
    const elems = seq ? coll.elems : undefined;
    const entries = seq ? undefined : Array.from(coll.attrs);
    const count = seq ? elems!.length : entries!.length;
    let known = true;

    const vals: Value[] = [];
    const obj = e.keyExpr ? new Map<string, Value>() : undefined;
    const groups = e.keyExpr && e.group ? new Map<string, Value[]>() : undefined;

    for (let i = 0; i < count; i++) {
      if (seq) {
        frame.vv = elems![i]!;
        // cty iterates a set with each element as its own key.
        if (e.keyVar) frame.kv = kind === 'set' ? frame.vv : numberVal(i);
      } else {
        const [k, v] = entries![i]!;
        frame.vv = v;
        if (e.keyVar) frame.kv = stringVal(k);
      }
      if (e.condExpr) {
        const inc = ev(e.condExpr, c);
        if (inc.v === null) {
          if (known) c.error("Invalid 'for' condition", "The value of the 'if' clause must not be null.", e.condExpr.range, e.range, e.condExpr);
          known = false;
          continue;
        }
        marks |= inc.marks;
        if (inc.v === UNKNOWN) { known = false; continue; }
        const b = inc.type.kind === 'bool' ? inc : tryConvert(inc.unmark(), T.Bool);
        if (b instanceof ConversionError) {
          if (known) c.error("Invalid 'for' condition", `The 'if' clause value is invalid: ${b.message}.`, e.condExpr.range, e.range, e.condExpr);
          known = false;
          continue;
        }
        if (b.v === UNKNOWN) { known = false; continue; }
        if (b.v === false) continue;
      }
      if (!e.keyExpr) {
        vals.push(ev(e.valExpr, c));
        continue;
      }
      const keyRaw = ev(e.keyExpr, c);
      if (keyRaw.v === null) {
        if (known) c.error('Invalid object key', "Key expression in 'for' expression must not produce a null value.", e.keyExpr.range, e.range, e.keyExpr);
        known = false;
        continue;
      }
      marks |= keyRaw.marks;
      if (keyRaw.v === UNKNOWN) { known = false; continue; }
      const key = keyRaw.type.kind === 'string' ? keyRaw : tryConvert(keyRaw.unmark(), T.String);
      if (key instanceof ConversionError) {
        if (known) c.error('Invalid object key', `The key expression produced an invalid result: ${key.message}.`, e.keyExpr.range, e.range, e.keyExpr);
        known = false;
        continue;
      }
      const k = key.str;
      const val = ev(e.valExpr, c);
      if (groups) {
        const g = groups.get(k);
        if (g) g.push(val);
        else groups.set(k, [val]);
      } else if (obj!.has(k)) {
        c.error('Duplicate object key',
          `Two different items produced the key "${k}" in this 'for' expression. If duplicates are expected, use the ellipsis (...) after the value expression to enable grouping by key.`,
          e.keyExpr.range, e.range, e.keyExpr);
      } else {
        obj!.set(k, val);
      }
    }
    if (!known) return DynamicUnknown.withMarks(marks);
    let r: Value;
    if (!e.keyExpr) r = tupleVal(vals);
    else if (groups) {
      const m = new Map<string, Value>();
      for (const [k, g] of groups) m.set(k, tupleVal(g));
      r = objectValFromMap(m);
    } else r = objectValFromMap(obj!);
    return marks ? r.withMarks(marks) : r;
  } finally {
    c.frame = saved;
  }
}
