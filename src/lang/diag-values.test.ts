import { describe, expect, it } from 'vitest';
import { parseExpression } from '../hcl/parse.js';
import { evaluate } from './eval.js';
import { mockData } from './eval-testutil.js';
import { statementStr, compactValueStr } from './diag-values.js';
import * as T from './types.js';
import {
  stringVal, numberVal, listVal, mapVal, objectVal, tupleVal, unknownVal, nullVal, Mark, EmptyTupleVal, DynamicUnknown, type Value,
} from './value.js';

describe('compactValueStr', () => {
  const cases: [Value, string][] = [
    [stringVal('a"b'), '"a\\"b"'],
    [numberVal(3), '3'],
    [numberVal(1.5), '1.5'],
    [numberVal(12345678901), '1.23456789e+10'],
    [numberVal(0.00001), '1e-05'],
    [nullVal(T.String), 'null'],
    [EmptyTupleVal, 'empty tuple'],
    [listVal([stringVal('a')]), 'list of string with 1 element'],
    [mapVal({ a: numberVal(1), b: numberVal(2) }), 'map of number with 2 elements'],
    [objectVal({ a: numberVal(1) }), 'object with 1 attribute "a"'],
    [objectVal({ a: numberVal(1), b: numberVal(1) }), 'object with 2 attributes'],
    [tupleVal([numberVal(1), stringVal('x')]), 'tuple with 2 elements'],
  ];
  it.each(cases)('%#', (v, s) => expect(compactValueStr(v)).toBe(s));
});

describe('statementStr', () => {
  it('describes unknowns by type unless the diagnostic is about unknowns', () => {
    expect(statementStr(unknownVal(T.String))).toBe('is a string');
    expect(statementStr(unknownVal(T.String), { causedByUnknown: true })).toBe('is a string, known only after apply');
    expect(statementStr(unknownVal(T.List(T.String), { lengthLower: 2, lengthUpper: 2 }), { causedByUnknown: true }))
      .toBe('is a list of string of length 2, known only after apply');
    expect(statementStr(DynamicUnknown)).toBeUndefined();
    expect(statementStr(DynamicUnknown, { causedByUnknown: true })).toBe('will be known only after apply');
  });
  it('mentions sensitive values only when they caused the problem', () => {
    expect(statementStr(stringVal('x').mark(Mark.Sensitive))).toBeUndefined();
    expect(statementStr(stringVal('x').mark(Mark.Sensitive), { causedBySensitive: true })).toBe('has a sensitive value');
  });
});

describe('evaluate attaches the values an erroring expression reads', () => {
  const scope = {
    data: mockData({ vars: { o: objectVal({ a: stringVal('x') }), n: numberVal(2) } }),
  };
  function values(src: string) {
    const r = evaluate(parseExpression(src, 't.tf').expr, scope);
    expect(r.diags.length).toBeGreaterThan(0);
    return (r.diags[0]!.extra as { values?: unknown }).values;
  }
  it('for a failed attribute access, the longest prefix that resolves', () => {
    expect(values('var.o.b')).toEqual([{ traversal: 'var.o', statement: 'is object with 1 attribute "a"' }]);
  });
  it('for an operand, every variable it reads, sorted', () => {
    expect(values('var.o.a * var.n')).toEqual([
      { traversal: 'var.o.a', statement: 'is "x"' },
    ]);
  });
  it('inside for expressions, the loop variables as they were', () => {
    expect(values('[for x in [{v = 1}, {v = "a"}] : x.v * 2]')).toEqual([{ traversal: 'x.v', statement: 'is "a"' }]);
  });
});
