import { describe, expect, it } from 'vitest';
import { identicalValues } from './objchange.js';
import { listVal, Mark, numberVal, objectVal, stringVal, unknownVal } from '../lang/value.js';
import * as T from '../lang/types.js';

const obj = (input: string, extra: Record<string, ReturnType<typeof stringVal>> = {}) =>
  objectVal({ id: stringVal('i-1'), input: stringVal(input), tags: listVal([stringVal('a'), stringVal('b')]), ...extra });

describe('identicalValues', () => {
  it('holds for equal values built separately, and for equal unknowns', () => {
    expect(identicalValues(obj('x'), obj('x'))).toBe(true);
    expect(identicalValues(unknownVal(T.String), unknownVal(T.String))).toBe(true);
  });
  it('fails on any difference in content, type or marks, at any depth', () => {
    expect(identicalValues(obj('x'), obj('y'))).toBe(false);
    expect(identicalValues(obj('x'), obj('x', { more: stringVal('1') }))).toBe(false);
    expect(identicalValues(stringVal('1'), numberVal(1))).toBe(false);
    expect(identicalValues(unknownVal(T.String), unknownVal(T.Number))).toBe(false);
    expect(identicalValues(obj('x'), obj('x').mark(Mark.Sensitive))).toBe(false);
    expect(identicalValues(obj('x'), obj('x', { input: stringVal('x').mark(Mark.Sensitive) }))).toBe(false);
    expect(identicalValues(listVal([stringVal('a')]), listVal([stringVal('a'), stringVal('a')]))).toBe(false);
  });
});
