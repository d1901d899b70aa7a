import { describe, expect, it } from 'vitest';
import * as T from '../types.js';
import {
  Mark, stringVal, numberVal, boolVal, listVal, tupleVal, mapVal, objectVal, setVal, nullVal, unknownVal,
  DynamicUnknown, rawEquals, isWhollyKnown, type Value,
} from '../value.js';
import { builtinFunctions } from './index.js';
import { callFunction, describeFunctionError } from './call.js';
import { FunctionError } from './function.js';

const fns = builtinFunctions();
const ctx = { baseDir: '.' };
const call = (name: string, ...args: Value[]): Value => callFunction(name, fns.get(name)!, args, ctx);
const s = stringVal, n = numberVal;
const sens = (v: Value) => v.mark(Mark.Sensitive);

function failure(name: string, ...args: Value[]) {
  try {
    call(name, ...args);
  } catch (e) {
    if (e instanceof FunctionError) return describeFunctionError(name, fns.get(name)!, e);
    throw e;
  }
  throw new Error(`${name} did not fail`);
}

describe('callFunction: arity', () => {
  it('reports missing arguments with HCL wording', () => {
    expect(failure('upper')).toEqual({ summary: 'Not enough function arguments', detail: 'Function "upper" expects 1 argument(s). Missing value for "str".' });
    expect(failure('join')).toEqual({ summary: 'Not enough function arguments', detail: 'Function "join" expects at least 1 argument(s). Missing value for "separator".' });
  });
  it('reports extra arguments', () => {
    expect(failure('upper', s('a'), s('b'))).toEqual({ summary: 'Too many function arguments', detail: 'Function "upper" expects only 1 argument(s).' });
  });
});

describe('callFunction: arguments', () => {
  it('converts arguments to the parameter type', () => {
    expect(call('upper', n(12)).str).toBe('12');
    expect(call('abs', s('-3')).num).toBe(3);
  });
  it('names the parameter when conversion fails', () => {
    expect(failure('upper', listVal([s('a')]))).toEqual({ summary: 'Invalid function argument', detail: 'Invalid value for "str" parameter: string required, but have list of string.' });
  });
  it('rejects null unless the parameter allows it', () => {
    expect(failure('upper', nullVal(T.String))).toEqual({ summary: 'Invalid function argument', detail: 'Invalid value for "str" parameter: argument must not be null.' });
    expect(call('coalesce', nullVal(T.String), s('b')).str).toBe('b');
  });
  it('wraps failures inside the function as "Error in function call"', () => {
    expect(failure('index', tupleVal([s('a')]), s('z'))).toEqual({ summary: 'Error in function call', detail: 'Call to function "index" failed: item not found.' });
  });
});

describe('callFunction: unknown values', () => {
  it('short-circuits to an unknown of the return type', () => {
    const r = call('upper', unknownVal(T.String));
    expect(r.isKnown).toBe(false);
    expect(r.type).toEqual(T.String);
    expect(r.refinement?.notNull).toBe(true);
  });
  it('converts an unknown of unknown type to the parameter type', () => {
    expect(call('upper', DynamicUnknown).type).toEqual(T.String);
  });
  it('returns an unknown of unknown type for arguments of unknown type', () => {
    const r = call('keys', DynamicUnknown);
    expect(r.isKnown).toBe(false);
    expect(r.type.kind).toBe('dynamic');
  });
  it.each<[string, Value[], boolean]>([
    ['length', [listVal([unknownVal(T.String), s('a')])], true],
    ['length', [unknownVal(T.List(T.String))], false],
    ['length', [unknownVal(T.Object_({ a: T.String }))], true],
    ['keys', [unknownVal(T.Object_({ a: T.String, b: T.Number }))], true],
    ['keys', [unknownVal(T.Map(T.String))], false],
    ['jsonencode', [tupleVal([unknownVal(T.String)])], false],
    ['coalesce', [nullVal(T.String), unknownVal(T.String), s('x')], false],
    ['coalesce', [s('a'), unknownVal(T.String)], true],
    ['contains', [tupleVal([s('a'), unknownVal(T.String)]), s('a')], true],
    ['contains', [tupleVal([s('b'), unknownVal(T.String)]), s('a')], false],
    ['alltrue', [tupleVal([boolVal(false), unknownVal(T.Bool)])], true],
    ['anytrue', [tupleVal([boolVal(true), unknownVal(T.Bool)])], true],
    ['merge', [mapVal({ a: s('x') }), unknownVal(T.Map(T.String))], false],
    ['startswith', [unknownVal(T.String, { stringPrefix: 'arn:aws:' }), s('arn:')], true],
    ['format', [s('%s-%s'), s('a'), unknownVal(T.String)], false],
    ['concat', [tupleVal([unknownVal(T.String)]), tupleVal([s('b')])], true],
  ])('%s with unknowns: known result %s', (name, args, known) => {
    expect(call(name, ...args).isKnown).toBe(known);
  });
  it('keeps known elements around unknown ones', () => {
    const r = call('concat', tupleVal([unknownVal(T.String)]), tupleVal([s('b')]));
    expect(isWhollyKnown(r)).toBe(false);
    expect(r.elems[1]!.str).toBe('b');
  });
  it('refines format results with the literal prefix', () => {
    expect(call('format', s('id-%s'), unknownVal(T.String)).refinement?.stringPrefix).toBe('id-');
  });
});

describe('callFunction: sensitive values', () => {
  it('marks the result when an argument is sensitive', () => {
    expect(call('upper', sens(s('x'))).isSensitive).toBe(true);
    expect(call('join', s(','), tupleVal([s('a'), sens(s('b'))])).isSensitive).toBe(true);
  });
  it('keeps element marks where Terraform keeps them', () => {
    const l = tupleVal([s('a'), sens(s('b'))]);
    expect(call('length', l).isSensitive).toBe(false);
    const e0 = call('element', l, n(0));
    expect(e0.isSensitive).toBe(false);
    expect(call('element', l, n(1)).isSensitive).toBe(true);
    const m = call('merge', objectVal({ a: sens(s('x')) }), objectVal({ b: s('y') }));
    expect(m.isSensitive).toBe(false);
    expect(m.attrs.get('a')!.isSensitive).toBe(true);
  });
  it('sensitive, nonsensitive and issensitive', () => {
    const v = call('sensitive', s('x'));
    expect(v.isSensitive).toBe(true);
    expect(call('issensitive', v).bool).toBe(true);
    expect(call('nonsensitive', v).isSensitive).toBe(false);
    expect(call('issensitive', s('x')).bool).toBe(false);
    expect(call('issensitive', unknownVal(T.String)).isKnown).toBe(false);
  });
  it('redacts sensitive values in messages', () => {
    expect(failure('lookup', mapVal({ a: s('x') }), sens(s('secret'))).detail).toBe('Call to function "lookup" failed: lookup failed to find key (sensitive value).');
    expect(failure('tonumber', sens(s('abc'))).detail).toBe('Invalid value for "v" parameter: cannot convert this sensitive string to number.');
  });
  it('ephemeralasnull replaces ephemeral parts by null', () => {
    const r = call('ephemeralasnull', objectVal({ a: s('x').mark(Mark.Ephemeral), b: s('y') }));
    expect(r.attrs.get('a')!.isNull).toBe(true);
    expect(r.attrs.get('b')!.str).toBe('y');
  });
});

describe('return types', () => {
  const str = T.String;
  it.each<[string, Value[], T.Type]>([
    ['concat', [listVal([s('a')]), listVal([s('b')])], T.List(str)],
    ['concat', [tupleVal([s('a')]), tupleVal([n(1)])], T.Tuple([str, T.Number])],
    ['concat', [listVal([s('a')]), tupleVal([s('b')])], T.Tuple([str, str])],
    ['merge', [objectVal({ a: s('x') }), objectVal({ b: n(1) })], T.Object_({ a: str, b: T.Number })],
    ['merge', [mapVal({ a: s('x') }), mapVal({ b: s('y') })], T.Map(str)],
    ['keys', [objectVal({ a: s('x'), b: s('y') })], T.Tuple([str, str])],
    ['keys', [mapVal({ a: s('x') })], T.List(str)],
    ['values', [objectVal({ a: s('x'), b: n(1) })], T.Tuple([str, T.Number])],
    ['values', [mapVal({ a: s('x') })], T.List(str)],
    ['tolist', [tupleVal([s('a'), s('b')])], T.List(str)],
    ['toset', [tupleVal([s('a'), n(1)])], T.Set(str)],
    ['tomap', [objectVal({ a: s('x'), b: n(1) })], T.Map(str)],
    ['flatten', [tupleVal([tupleVal([s('a')]), listVal([s('b')])])], T.Tuple([str, str])],
    ['reverse', [listVal([s('a')])], T.List(str)],
    ['reverse', [setVal([s('a')])], T.List(str)],
    ['reverse', [tupleVal([s('a'), n(1)])], T.Tuple([T.Number, str])],
    ['slice', [tupleVal([s('a'), n(1), boolVal(true)]), n(1), n(3)], T.Tuple([T.Number, T.Bool])],
    ['zipmap', [tupleVal([s('a')]), tupleVal([n(1)])], T.Object_({ a: T.Number })],
    ['zipmap', [tupleVal([s('a')]), listVal([n(1)])], T.Map(T.Number)],
    ['setunion', [tupleVal([s('a')]), tupleVal([n(1)])], T.Set(str)],
    ['setproduct', [tupleVal([s('a')]), tupleVal([n(1)])], T.List(T.Tuple([str, T.Number]))],
    ['setproduct', [setVal([s('a')]), tupleVal([n(1)])], T.Set(T.Tuple([str, T.Number]))],
    ['chunklist', [tupleVal([s('a'), s('b')]), n(1)], T.List(T.List(str))],
    ['regex', [s('(\\d)(\\d)'), s('12')], T.Tuple([str, str])],
    ['regex', [s('(?P<a>\\d)'), s('12')], T.Object_({ a: str })],
    ['regexall', [s('\\d'), s('12')], T.List(str)],
    ['jsondecode', [s('{"a":[1,"x"]}')], T.Object_({ a: T.Tuple([T.Number, str]) })],
    ['yamldecode', [s('a: [1, x]')], T.Object_({ a: T.Tuple([T.Number, str]) })],
    ['csvdecode', [s('a,b\n1,2')], T.List(T.Object_({ a: str, b: str }))],
    ['one', [tupleVal([])], T.Dynamic],
    ['coalescelist', [tupleVal([s('a')]), listVal([s('b')])], T.Tuple([str])],
    ['lookup', [objectVal({ a: n(1) }), s('a')], T.Number],
    ['transpose', [mapVal({ a: listVal([s('x')]) })], T.Map(T.List(str))],
  ])('%s(%#) has the type Terraform gives it', (name, args, want) => {
    expect(T.typeString(call(name, ...args).type)).toBe(T.typeString(want));
  });
});

describe('values', () => {
  it.each<[string, Value[], Value]>([
    ['setproduct', [tupleVal([s('a'), s('b')]), tupleVal([s('1'), s('2')])],
      listVal([tupleVal([s('a'), s('1')]), tupleVal([s('a'), s('2')]), tupleVal([s('b'), s('1')]), tupleVal([s('b'), s('2')])])],
    ['transpose', [mapVal({ a: listVal([s('1'), s('2')]), b: listVal([s('2'), s('3')]) })],
      mapVal({ 1: listVal([s('a')]), 2: listVal([s('a'), s('b')]), 3: listVal([s('b')]) })],
    ['substr', [s('hello world'), n(-5), n(-1)], s('world')],
    ['substr', [s('🤔🤷'), n(1), n(1)], s('🤷')],
    ['strrev', [s('e\u0301x')], s('xe\u0301')],
    ['length', [s('👍🏽')], n(1)],
    ['replace', [s('aaa'), s('/a*/'), s('<$0>')], s('<aaa>')],
    ['replace', [s('abc'), s('/(?P<x>b)/'), s('[${x}]')], s('a[b]c')],
    ['split', [s(''), s('abc')], listVal([s('a'), s('b'), s('c')])],
    ['trimspace', [s('\u00a0 x \ufeff')], s('x \ufeff')],
    ['title', [s("o'neil is_here")], s("O'Neil Is_here")],
    ['indent', [n(2), s('a\nb\n')], s('a\n  b\n  ')],
    ['chomp', [s('x\r\n\n')], s('x')],
    ['urlencode', [s('a b&c=d/é')], s('a+b%26c%3Dd%2F%C3%A9')],
    ['jsonencode', [objectVal({ b: s('<&>'), a: n(1e21) })], s('{"a":1000000000000000000000,"b":"\\u003c\\u0026\\u003e"}')],
    ['yamlencode', [objectVal({ a: s('line1\nline2'), b: tupleVal([]), c: nullVal(T.String) })], s('"a": |-\n  line1\n  line2\n"b": []\n"c": null\n')],
    ['cidrsubnets', [s('fd00:fd12:3456:7890::/56'), n(16), n(16), n(16), n(32)],
      listVal([s('fd00:fd12:3456:7800::/72'), s('fd00:fd12:3456:7800:100::/72'), s('fd00:fd12:3456:7800:200::/72'), s('fd00:fd12:3456:7800:300::/88')])],
    ['cidrhost', [s('10.0.0.0/8'), n(-1)], s('10.255.255.255')],
    ['formatdate', [s("h 'o''clock' AA"), s('2018-01-02T23:12:01+05:30')], s("23 o'clock PM")],
    ['formatdate', [s('ZZZZZ Z ZZZ'), s('2018-01-02T23:12:01-08:00')], s('-08:00 -08:00 -0800')],
    ['timeadd', [s('2017-11-22T00:00:00Z'), s('-1h30m')], s('2017-11-21T22:30:00Z')],
    ['timeadd', [s('2017-11-22T00:00:00+01:00'), s('1.5s')], s('2017-11-22T00:00:01+01:00')],
    ['uuidv5', [s('dns'), s('www.terraform.io')], s('a5008fae-b28c-5ba5-96cd-82b4c53552d6')],
    ['parseint', [s('-zZ'), n(62)], n(-2231)],
  ])('%s(%#)', (name, args, want) => {
    const got = call(name, ...args);
    expect(rawEquals(got, want), `${JSON.stringify(got.v)}`).toBe(true);
  });
});

describe('error messages', () => {
  it.each<[string, Value[], string]>([
    ['format', [s('%d'), s('x')], 'Call to function "format" failed: unsupported value for "%d" at 0: a number is required.'],
    ['format', [s('%d'), n(1.5)], 'Call to function "format" failed: unsupported value for "%d" at 0: an integer is required.'],
    ['format', [s('%s %s'), s('a')], 'Call to function "format" failed: not enough arguments for "%s" at 3: need index 2 but have 1 total.'],
    ['format', [s('%s'), s('a'), s('b')], 'Invalid value for "args" parameter: too many arguments; only 1 used by format string.'],
    ['format', [s('%z'), s('a')], 'Call to function "format" failed: unsupported format verb \'z\' in "%z" at offset 0.'],
    ['format', [s('%!'), s('a')], "Call to function \"format\" failed: unrecognized format character '!' at offset 1."],
    ['format', [s('%'), s('a')], 'Call to function "format" failed: invalid format string starting at offset 1.'],
    ['regex', [s('(?=x)'), s('x')], 'Invalid value for "pattern" parameter: invalid regexp pattern: invalid or unsupported Perl syntax in (?=.'],
    ['regex', [s('(a)\\1'), s('aa')], 'Invalid value for "pattern" parameter: invalid regexp pattern: invalid escape sequence in \\1.'],
    ['regex', [s('(?P<a>x)(y)'), s('xy')], 'Invalid value for "pattern" parameter: invalid regexp pattern: cannot mix both named and unnamed capture groups.'],
    ['regex', [s('x'), s('y')], 'Call to function "regex" failed: pattern did not match any part of the given string.'],
    ['cidrsubnet', [s('10.0.0.0/8'), n(8), n(256)], 'Call to function "cidrsubnet" failed: prefix extension of 8 does not accommodate a subnet numbered 256.'],
    ['cidrsubnet', [s('10.0.0.0/30'), n(4), n(0)], 'Call to function "cidrsubnet" failed: insufficient address space to extend prefix of 30 by 4.'],
    ['cidrhost', [s('10.0.0.0/30'), n(4)], 'Call to function "cidrhost" failed: prefix of 30 does not accommodate a host numbered 4.'],
    ['cidrhost', [s('not-a-cidr'), n(1)], 'Call to function "cidrhost" failed: invalid CIDR expression: invalid CIDR address: not-a-cidr.'],
    ['cidrnetmask', [s('fd00::/8')], 'Call to function "cidrnetmask" failed: IPv6 addresses cannot have a netmask: fd00::/8.'],
    ['cidrsubnets', [s('10.0.0.0/30'), n(1), n(1), n(1)], 'Invalid value for "newbits" parameter: not enough remaining address space for a subnet with a prefix of 31 bits after 10.0.0.2/31.'],
    ['formatdate', [s('YYY'), s('2018-01-02T23:12:01Z')], 'Invalid value for "format" parameter: invalid date format verb "YYY": year must either be "YY" or "YYYY".'],
    ['formatdate', [s('YYYY'), s('2018-01-02')], "Invalid value for \"time\" parameter: not a valid RFC3339 timestamp: missing required time introducer 'T'."],
    ['timeadd', [s('2017-11-22T00:00:00Z'), s('1d')], 'Call to function "timeadd" failed: time: unknown unit "d" in duration "1d".'],
    ['timeadd', [s('2017-11-22T00:00:00Z'), s('10')], 'Call to function "timeadd" failed: time: missing unit in duration "10".'],
    ['tonumber', [s('x')], 'Invalid value for "v" parameter: cannot convert "x" to number; given string must be a decimal representation of a number.'],
    ['tobool', [s('yes')], 'Invalid value for "v" parameter: cannot convert "yes" to bool; only the strings "true" or "false" are allowed.'],
    ['tostring', [tupleVal([])], 'Invalid value for "v" parameter: cannot convert tuple to string.'],
    ['element', [tupleVal([]), n(0)], 'Call to function "element" failed: cannot use element function with an empty list.'],
    ['slice', [listVal([s('a')]), n(0), n(2)], 'Invalid value for "end_index" parameter: end index must not be greater than the length of the list.'],
    ['range', [n(0), n(2000)], 'Call to function "range" failed: more than 1024 values were generated; either decrease the difference between start and end or use a smaller step.'],
    ['zipmap', [tupleVal([s('a')]), tupleVal([])], 'Call to function "zipmap" failed: number of keys (1) does not match number of values (0).'],
    ['one', [tupleVal([s('a'), s('b')])], 'Invalid value for "list" parameter: must be a list, set, or tuple value with either zero or one elements.'],
    ['sum', [tupleVal([])], 'Invalid value for "list" parameter: cannot sum an empty list.'],
    ['jsondecode', [s('{"a":')], 'Call to function "jsondecode" failed: EOF.'],
    ['csvdecode', [s('a,b\n1')], 'Call to function "csvdecode" failed: CSV parse error on line 2: wrong number of fields.'],
    ['base64decode', [s('abc')], 'Call to function "base64decode" failed: failed to decode base64 data "abc".'],
    ['parseint', [s('12'), n(1)], 'Invalid value for "base" parameter: base must be a whole number between 2 and 62 inclusive.'],
    ['parseint', [s('xyz'), n(10)], 'Invalid value for "number" parameter: cannot parse "xyz" as a base 10 integer.'],
    ['uuidv5', [s('nope'), s('x')], 'Call to function "uuidv5" failed: uuidv5() doesn\'t support namespace nope (invalid UUID length: 4).'],
    ['coalesce', [s(''), nullVal(T.String)], 'Call to function "coalesce" failed: no non-null, non-empty-string arguments.'],
    ['file', [s('does-not-exist.txt')], 'Invalid value for "path" parameter: no file exists at "does-not-exist.txt"; this function works only with files that are distributed as part of the configuration source code, so if this file will be created by a resource in this configuration you must instead obtain this result from an attribute of that resource.'],
    ['list', [s('a')], 'Call to function "list" failed: the "list" function was deprecated in Terraform v0.12 and is no longer available; use tolist([ ... ]) syntax to write a literal list.'],
  ])('%s(%#)', (name, args, detail) => {
    expect(failure(name, ...args).detail).toBe(detail);
  });
});

describe('refinements', () => {
  it('length of a collection refined to an exact length is known', () => {
    expect(call('length', unknownVal(T.List(T.String), { lengthLower: 3, lengthUpper: 3 })).num).toBe(3);
    expect(call('length', unknownVal(T.List(T.String), { lengthLower: 1, lengthUpper: 3 })).isKnown).toBe(false);
  });
  it('length of a set with unknown elements is unknown (they may coalesce)', () => {
    expect(call('length', setVal([s('a'), unknownVal(T.String)])).isKnown).toBe(false);
    expect(call('length', setVal([unknownVal(T.String)])).num).toBe(1);
  });
});
