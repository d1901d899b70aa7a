import { describe, expect, it } from 'vitest';
import { binaryOp, unaryOp, equals, OpError } from './ops.js';
import * as T from './types.js';
import {
  stringVal, numberVal, boolVal, listVal, setVal, mapVal, objectVal, tupleVal, nullVal, unknownVal, NullDynamic,
  DynamicUnknown, Mark, True, False, type Value,
} from './value.js';
import type { BinaryOp } from '../hcl/ast.js';

const n = numberVal, s = stringVal, b = boolVal;
const U = (t: T.Type = T.Dynamic) => unknownVal(t);

function show(v: Value): string {
  if (!v.isKnown) return 'unknown';
  if (v.isNull) return 'null';
  return String(v.v);
}

describe('binaryOp', () => {
  const cases: [BinaryOp, Value, Value, string][] = [
    ['+', n(2), n(3), '5'],
    ['-', n(2), n(3), '-1'],
    ['*', n(1.1), n(3), '3.3'],
    ['/', n(1), n(4), '0.25'],
    ['/', n(1), n(0), 'Infinity'],
    ['%', n(7), n(-3), '1'],
    ['%', n(7), n(0), '7'],
    ['<', n(1), n(2), 'true'],
    ['>=', n(2), n(2), 'true'],
    ['+', U(T.Number), n(1), 'unknown'],
    ['<', U(T.Number), n(1), 'unknown'],
    ['&&', True, False, 'false'],
    ['||', False, True, 'true'],
    ['&&', U(T.Bool), False, 'false'],
    ['&&', U(T.Bool), True, 'unknown'],
    ['||', U(T.Bool), True, 'true'],
    ['||', U(T.Bool), False, 'unknown'],
    ['||', True, U(T.Bool), 'true'],
    ['&&', False, U(T.Bool), 'false'],
    ['||', nullVal(T.Bool), True, 'true'],
    ['&&', False, nullVal(T.Bool), 'false'],
    ['==', s('a'), s('a'), 'true'],
    ['==', n(1), s('1'), 'false'],
    ['!=', n(1), n(2), 'true'],
  ];
  it.each(cases)('%s %s %s', (op, l, r, expected) => expect(show(binaryOp(op, l, r))).toBe(expected));

  const failures: [BinaryOp, Value, Value, string][] = [
    ['+', nullVal(T.Number), n(1), 'argument must not be null'],
    ['/', n(0), n(0), "can't divide zero by zero or infinity by infinity"],
    ['+', n(Infinity), n(-Infinity), "can't compute sum of opposing infinities"],
    ['-', n(Infinity), n(Infinity), "can't subtract infinity from itself"],
    ['*', n(0), n(Infinity), "can't multiply zero by infinity"],
    ['&&', True, nullVal(T.Bool), 'argument must not be null'],
  ];
  it.each(failures)('%s %s %s fails', (op, l, r, msg) => {
    expect(() => binaryOp(op, l, r)).toThrow(new OpError(msg));
  });

  it('marks results with both operands marks', () => {
    expect(binaryOp('+', n(1).mark(Mark.Sensitive), n(2)).isSensitive).toBe(true);
    expect(binaryOp('||', True.mark(Mark.Sensitive), U(T.Bool)).isSensitive).toBe(true);
  });
});

describe('unaryOp', () => {
  it('negates and inverts', () => {
    expect(show(unaryOp('-', n(3)))).toBe('-3');
    expect(show(unaryOp('!', True))).toBe('false');
    expect(show(unaryOp('!', U(T.Bool)))).toBe('unknown');
    expect(unaryOp('-', n(3).mark(Mark.Sensitive)).isSensitive).toBe(true);
  });
});

describe('equals', () => {
  const cases: [string, Value, Value, string][] = [
    ['null and null', NullDynamic, nullVal(T.String), 'true'],
    ['null and value', NullDynamic, s('x'), 'false'],
    ['lists', listVal([s('a')]), listVal([s('a')]), 'true'],
    ['list and tuple', listVal([s('a')]), tupleVal([s('a')]), 'false'],
    ['sets in any order', setVal([n(1), n(2)]), setVal([n(2), n(1)]), 'true'],
    ['maps', mapVal({ a: n(1) }), mapVal({ a: n(2) }), 'false'],
    ['objects', objectVal({ a: n(1) }), objectVal({ a: n(1) }), 'true'],
    ['unknown and known of same type', U(T.String), s('x'), 'unknown'],
    ['unknown and known of other type', U(T.String), n(1), 'false'],
    ['unknown and null', U(T.String), NullDynamic, 'unknown'],
    ['not-null unknown and null', unknownVal(T.String, { notNull: true }), NullDynamic, 'false'],
    ['dynamic unknown and value', DynamicUnknown, n(1), 'unknown'],
    ['lists with unknown element', listVal([U(T.String)]), listVal([s('a')]), 'unknown'],
    ['lists of different length', listVal([s('a')]), listVal([s('a'), s('b')]), 'false'],
  ];
  it.each(cases)('%s', (_n, a, c, expected) => expect(show(equals(a, c))).toBe(expected));

  it('marks the result with deep marks', () => {
    expect(equals(listVal([s('a').mark(Mark.Sensitive)]), listVal([s('a')])).isSensitive).toBe(true);
  });
});
