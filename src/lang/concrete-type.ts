/**
 * cty gives every known value its own concrete type: an object's type is built from its
 * attributes' values, so a resource whose schema declares an attribute `dynamic`
 * (terraform_data's `input` and `output`) has, as a value in expressions, the type of what
 * that attribute holds (`object({id=string, input=object({n=number}), ...})`). Only a null
 * or unknown value in a dynamic place stays `dynamic`.
 *
 * terrane builds resource objects with the schema's type, which is what the providers and
 * the state's attribute encoding want; `withConcreteTypes` gives the value cty would have,
 * for the places that expose a value's type: expressions, and the type saved with an output.
 */
import * as T from './types.js';
import type { Type } from './types.js';
import { Value } from './value.js';

/** Types are shared (schemas build one per resource type): remember which hold `dynamic`. */
const dynamicCache = new WeakMap<object, boolean>();
function hasDynamic(t: Type): boolean {
  if (t.kind !== 'object' && t.kind !== 'tuple' && t.kind !== 'list' && t.kind !== 'set' && t.kind !== 'map') return t.kind === 'dynamic';
  let r = dynamicCache.get(t);
  if (r === undefined) dynamicCache.set(t, r = T.hasDynamicTypes(t));
  return r;
}

/** `v` with the types cty would give it: dynamic places take the type of the value they hold. */
export function withConcreteTypes(v: Value): Value {
  if (!hasDynamic(v.type) || v.isNull || !v.isKnown) return v;
  const t = v.type;
  switch (t.kind) {
    case 'object': {
      let changed = false;
      const m = new Map<string, Value>();
      const attrs: Record<string, Type> = {};
      for (const [k, e] of v.attrs) {
        const c = withConcreteTypes(e);
        if (c !== e) changed = true;
        m.set(k, c);
        attrs[k] = c.type;
        if (!T.typeEquals(c.type, t.attrs[k] ?? c.type)) changed = true;
      }
      return changed ? new Value({ kind: 'object', attrs }, m, v.marks) : v;
    }
    case 'tuple': {
      const es = v.elems.map(withConcreteTypes);
      return es.some((e, i) => e !== v.elems[i] || !T.typeEquals(e.type, t.elems[i]!))
        ? new Value(T.Tuple(es.map((e) => e.type)), es, v.marks) : v;
    }
    case 'list': case 'set': {
      const es = v.elems.map(withConcreteTypes);
      const et = commonType(es.map((e) => e.type)) ?? t.elem;
      return new Value(t.kind === 'list' ? T.List(et) : T.Set(et), es, v.marks);
    }
    case 'map': {
      const m = new Map<string, Value>();
      for (const [k, e] of v.attrs) m.set(k, withConcreteTypes(e));
      const et = commonType([...m.values()].map((e) => e.type)) ?? t.elem;
      return new Value(T.Map(et), m, v.marks);
    }
  }
  return v;
}

/** The one type all elements share, if they do (cty's collections hold a single type). */
function commonType(ts: readonly Type[]): Type | undefined {
  if (ts.length === 0) return undefined;
  return ts.every((x) => T.typeEquals(x, ts[0]!)) ? ts[0] : undefined;
}
