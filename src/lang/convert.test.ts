import { describe, expect, it } from 'vitest';
import * as T from './types.js';
import type { Type } from './types.js';
import {
  Value, stringVal, numberVal, boolVal, tupleVal, objectVal, listVal, setVal, mapVal, nullVal, unknownVal,
  emptyListVal, Mark, DynamicUnknown, NullDynamic, EmptyTupleVal, rawEquals,
} from './value.js';
import { convert, ConversionError, unify, mismatchMessage } from './convert.js';
import { invalidVariableValueDiag } from './convert-diags.js';

const s = stringVal, n = numberVal, b = boolVal;
const obj = (o: Record<string, Value>) => objectVal(o);

function err(fn: () => unknown): ConversionError {
  try { fn(); } catch (e) { if (e instanceof ConversionError) return e; throw e; }
  throw new Error('expected a ConversionError');
}

describe('convert: successful conversions', () => {
  const cases: [string, Value, Type, Value][] = [
    ['number to string', n(10), T.String, s('10')],
    ['fraction to string', n(0.5), T.String, s('0.5')],
    ['big number to string', n(1e21), T.String, s('1000000000000000000000')],
    ['bool to string', b(true), T.String, s('true')],
    ['string to number', s('12.5'), T.Number, n(12.5)],
    ['exponent string to number', s('1e3'), T.Number, n(1000)],
    ['negative string to number', s('-7'), T.Number, n(-7)],
    ['string true to bool', s('true'), T.Bool, b(true)],
    ['string 0 to bool', s('0'), T.Bool, b(false)],
    ['tuple to list of string', tupleVal([s('a'), n(1)]), T.List(T.String), listVal([s('a'), s('1')])],
    ['tuple to list(any) unifies', tupleVal([s('a'), n(1)]), T.List(T.Dynamic), listVal([s('a'), s('1')])],
    ['tuple to set dedups', tupleVal([s('b'), s('a'), s('b')]), T.Set(T.String), setVal([s('a'), s('b')])],
    ['empty tuple to list', EmptyTupleVal, T.List(T.String), emptyListVal(T.String)],
    ['list to set', listVal([n(2), n(1)]), T.Set(T.Number), setVal([n(1), n(2)])],
    ['set to list', setVal([s('x'), s('a')]), T.List(T.String), listVal([s('a'), s('x')])],
    ['object to map', obj({ a: s('x'), b: n(1) }), T.Map(T.String), mapVal({ a: s('x'), b: s('1') })],
    ['object to map(any)', obj({ a: n(1), b: n(2) }), T.Map(T.Dynamic), mapVal({ a: n(1), b: n(2) })],
    ['map to object', mapVal({ a: s('1'), b: s('2') }), T.Object_({ a: T.Number }), obj({ a: n(1) })],
    ['object drops extra attributes', obj({ a: s('x'), z: b(true) }), T.Object_({ a: T.String }), obj({ a: s('x') })],
    ['object fills optional with null', obj({ a: s('x') }), T.Object_({ a: T.String, o: T.Number }, ['o']), obj({ a: s('x'), o: nullVal(T.Number) })],
    ['nested list in object', obj({ l: tupleVal([n(1)]) }), T.Object_({ l: T.List(T.String) }), obj({ l: listVal([s('1')]) })],
    ['anything to any', obj({ a: n(1) }), T.Dynamic, obj({ a: n(1) })],
    ['null keeps target type', nullVal(T.String), T.Number, nullVal(T.Number)],
    ['dynamic null gets target type', NullDynamic, T.List(T.String), nullVal(T.List(T.String))],
    ['dynamic unknown gets target type', DynamicUnknown, T.Map(T.Number), unknownVal(T.Map(T.Number))],
    ['unknown string to number', unknownVal(T.String), T.Number, unknownVal(T.Number)],
  ];
  it.each(cases)('%s', (_name, input, want, expected) => {
    const got = convert(input, want);
    expect(T.typeString(got.type)).toBe(T.typeString(expected.type));
    expect(got.isKnown).toBe(expected.isKnown);
    if (expected.isKnown) expect(rawEquals(got, expected)).toBe(true);
  });

  it('returns the same value when the type already matches', () => {
    const v = listVal([s('a')]);
    expect(convert(v, T.List(T.String))).toBe(v);
  });

  it('keeps marks on the converted value and inside it', () => {
    const v = tupleVal([s('a'), n(1).mark(Mark.Sensitive)]).mark(Mark.Sensitive);
    const got = convert(v, T.List(T.String));
    expect(got.isSensitive).toBe(true);
    expect(got.elems[1]!.isSensitive).toBe(true);
    expect(got.elems[1]!.str).toBe('1');
    expect(got.elems[0]!.isSensitive).toBe(false);
  });

  it('keeps unknown elements with the element type', () => {
    const got = convert(tupleVal([s('a'), unknownVal(T.String)]), T.List(T.String));
    expect(got.elems[1]!.isKnown).toBe(false);
    expect(got.elems[1]!.type).toEqual(T.String);
  });

  it('refines an unknown converted from a tuple with its length', () => {
    const got = convert(unknownVal(T.Tuple([T.String, T.String])), T.List(T.String));
    expect(got.refinement).toEqual({ lengthLower: 2, lengthUpper: 2 });
  });
});

describe('convert: errors', () => {
  const cases: [string, Value, Type, string, string][] = [
    ['non-numeric string', s('abc'), T.Number, 'a number is required', ''],
    ['capitalised bool', s('True'), T.Bool, 'a bool is required; to convert from string, use lowercase "true"', ''],
    ['other string to bool', s('yes'), T.Bool, 'a bool is required', ''],
    ['object to string', obj({ a: n(1) }), T.String, 'string required, but have object', ''],
    ['string to list', s('x'), T.List(T.String), 'list of string required, but have string', ''],
    ['number to bool', n(1), T.Bool, 'bool required, but have number', ''],
    ['list to number', listVal([n(1)]), T.Number, 'number required, but have list of number', ''],
    ['missing attribute', obj({}), T.Object_({ a: T.String }), 'attribute "a" is required', ''],
    ['two missing attributes', obj({}), T.Object_({ b: T.String, a: T.String }), 'attributes "a" and "b" are required', ''],
    ['three missing attributes', obj({}), T.Object_({ c: T.String, b: T.String, a: T.String }), 'attributes "a", "b", and "c" are required', ''],
    ['attribute type mismatch', obj({ a: obj({}) }), T.Object_({ a: T.String }), 'attribute "a": string required, but have object', ''],
    ['nested element failure', tupleVal([n(1), s('x')]), T.List(T.Number), 'a number is required', '[1]'],
    ['nested attribute failure', obj({ a: obj({ b: s('x') }) }), T.Object_({ a: T.Object_({ b: T.Number }) }), 'a number is required', '.a.b'],
    ['map element failure', mapVal({ k: s('x') }), T.Map(T.Number), 'a number is required', '["k"]'],
    ['tuple element not convertible', tupleVal([s('a'), obj({})]), T.List(T.String), 'element 1: string required, but have object', ''],
    ['mixed tuple to list(any)', tupleVal([s('a'), obj({})]), T.List(T.Dynamic), 'all list elements must have the same type', ''],
    ['mixed object to map(any)', obj({ a: s('a'), b: tupleVal([]) }), T.Map(T.Dynamic), 'all map elements must have the same type', ''],
    ['collection element type', listVal([obj({})]), T.List(T.String), 'incorrect list element type: string required, but have object', ''],
    ['map to list', mapVal({ a: s('x') }), T.List(T.String), 'list of string required', ''],
    ['map missing required attribute', mapVal({ a: s('x') }), T.Object_({ a: T.String, b: T.String }), 'map has no element for required attribute "b"', ''],
    ['tuple length mismatch', tupleVal([s('a')]), T.Tuple([T.String, T.String]), 'tuple required', ''],
  ];
  it.each(cases)('%s', (_name, input, want, message, path) => {
    const e = err(() => convert(input, want));
    expect(e.message).toBe(message);
    expect(pathString(e)).toBe(path);
  });
});

function pathString(e: ConversionError): string {
  return e.path.map((p) => ('attr' in p ? `.${p.attr}` : typeof p.index === 'number' ? `[${p.index}]` : `[${JSON.stringify(p.index)}]`)).join('');
}

describe('unify', () => {
  const cases: [string, Type[], boolean, string | undefined][] = [
    ['same types', [T.String, T.String], false, 'string'],
    ['number and string prefer string', [T.Number, T.String], false, 'string'],
    ['bool and number are not safely unifiable', [T.Bool, T.Number], false, undefined],
    ['bool and number are not unifiable even unsafely', [T.Bool, T.Number], true, undefined],
    ['dynamic with string (safe) is dynamic', [T.String, T.Dynamic], false, 'any'],
    ['dynamic with string (unsafe) is string', [T.String, T.Dynamic], true, 'string'],
    ['lists unify elements', [T.List(T.String), T.List(T.Number)], false, 'list(string)'],
    ['list and tuple', [T.List(T.String), T.Tuple([T.Number])], false, 'list(string)'],
    ['objects with the same attributes', [T.Object_({ a: T.String }), T.Object_({ a: T.Number })], false, 'object({a=string})'],
    ['objects with different attributes become a map', [T.Object_({ a: T.String }), T.Object_({ b: T.String })], false, 'map(string)'],
    ['object and tuple', [T.Object_({}), T.EmptyTuple], false, undefined],
    ['tuples of different lengths become a list', [T.Tuple([T.String]), T.Tuple([T.String, T.String])], false, 'list(string)'],
    ['map and object', [T.Map(T.String), T.Object_({ a: T.String })], false, 'map(string)'],
    ['string and object', [T.String, T.Object_({})], true, undefined],
  ];
  it.each(cases)('%s', (_name, types, unsafe, expected) => {
    const u = unify(types, unsafe);
    expect(u ? T.typeString(u) : undefined).toBe(expected);
  });
});

describe('mismatchMessage', () => {
  it('names both types when that cannot confuse', () => {
    expect(mismatchMessage(T.String, T.List(T.Dynamic))).toBe('list of dynamic required, but have string');
  });
  it('uses constraint wording for any', () => {
    expect(mismatchMessage(T.EmptyTuple, T.Map(T.Dynamic))).toBe('map of any single type required');
  });
  it('names the failing element of a structural value', () => {
    expect(mismatchMessage(T.Object_({ x: T.Object_({}) }), T.Map(T.String))).toBe('element "x": string required, but have object');
  });
});

describe('invalidVariableValueDiag', () => {
  const decl = { filename: 'main.tf', start: { line: 1, column: 1, byte: 0 }, end: { line: 1, column: 13, byte: 12 } };
  const src = { filename: 'terraform.tfvars', start: { line: 1, column: 5, byte: 4 }, end: { line: 1, column: 10, byte: 9 } };
  it('explains a file value', () => {
    const d = invalidVariableValueDiag('x', decl, 'string required', { kind: 'file', range: src });
    expect(d.summary).toBe('Invalid value for input variable');
    expect(d.detail).toBe('The given value is not suitable for var.x declared at main.tf:1,1-13: string required.');
    expect(d.subject).toBe(src);
  });
  it('explains a -var value', () => {
    const d = invalidVariableValueDiag('x', decl, 'a number is required', { kind: 'cli' });
    expect(d.detail).toBe('Unsuitable value for var.x set using -var="x=...": a number is required.');
    expect(d.subject).toBe(decl);
  });
});
