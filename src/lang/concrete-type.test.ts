import { describe, expect, it } from 'vitest';
import * as T from './types.js';
import { listVal, nullVal, objectValOfType, stringVal, numberVal, unknownVal, Mark } from './value.js';
import { withConcreteTypes } from './concrete-type.js';

const schema = T.Object_({ id: T.String, input: T.Dynamic, other: T.Dynamic });

describe('withConcreteTypes', () => {
  it('types a dynamic attribute by its value; null and unknown stay dynamic', () => {
    const v = objectValOfType(schema, { id: stringVal('i'), input: stringVal('x'), other: nullVal(T.Dynamic) });
    expect(withConcreteTypes(v).type).toEqual(T.Object_({ id: T.String, input: T.String, other: T.Dynamic }));
    const u = objectValOfType(schema, { id: stringVal('i'), input: unknownVal(T.Dynamic), other: nullVal(T.Dynamic) });
    expect(withConcreteTypes(u)).toBe(u);
  });

  it('keeps marks, and lists take their elements\' common type', () => {
    const inner = objectValOfType(schema, { id: stringVal('i'), input: numberVal(1), other: nullVal(T.Dynamic) });
    const l = listVal([inner.mark(Mark.Sensitive)], schema);
    const c = withConcreteTypes(l);
    expect(c.type).toEqual(T.List(T.Object_({ id: T.String, input: T.Number, other: T.Dynamic })));
    expect(c.elems[0]!.isSensitive).toBe(true);
  });

  it('leaves a value without dynamic types as it is', () => {
    const v = stringVal('s');
    expect(withConcreteTypes(v)).toBe(v);
  });
});
