import { describe, expect, it } from 'vitest';
import * as T from '../lang/types.js';
import {
  emptySetVal, listVal, mapVal, nullVal, numberVal, objectVal, setVal, stringVal, unknownVal, True, type Value,
} from '../lang/value.js';
import type { BlockSchema } from '../providers/protocol.js';
import { assertObjectCompatible, formatIncompatibility } from './assert-compatible.js';

const block: BlockSchema = {
  attributes: {
    id: { type: T.String, computed: true },
    name: { type: T.String, optional: true },
    n: { type: T.Number, optional: true },
    tags: { type: T.Map(T.String), optional: true },
    list: { type: T.List(T.String), optional: true },
    set: { type: T.Set(T.String), optional: true },
    password: { type: T.String, optional: true, sensitive: true },
    any: { type: T.Dynamic, optional: true },
  },
  blockTypes: {
    rule: { nesting: 'list', block: { attributes: { port: { type: T.Number, optional: true } }, blockTypes: {} } },
    ingress: { nesting: 'set', block: { attributes: { cidr: { type: T.String, optional: true } }, blockTypes: {} } },
  },
};
const ruleT = T.Object_({ port: T.Number });
const ingressT = T.Object_({ cidr: T.String });

/** A whole object of the schema: `attrs` over nulls and empty blocks. */
function obj(attrs: Record<string, Value>): Value {
  return objectVal({
    id: nullVal(T.String), name: nullVal(T.String), n: nullVal(T.Number), tags: nullVal(T.Map(T.String)), list: nullVal(T.List(T.String)),
    set: nullVal(T.Set(T.String)), password: nullVal(T.String), any: nullVal(T.Dynamic), rule: listVal([], ruleT), ingress: emptySetVal(ingressT), ...attrs,
  });
}
const problems = (planned: Value, actual: Value) => assertObjectCompatible(block, planned, actual).map(formatIncompatibility);

describe('assertObjectCompatible (Terraform\'s apply-result check)', () => {
  it.each<[string, Value, Value, string[]]>([
    ['equal objects', obj({ name: stringVal('a') }), obj({ name: stringVal('a') }), []],
    ['an unknown filled in', obj({ id: unknownVal(T.String) }), obj({ id: stringVal('i-1') }), []],
    ['a known string changed', obj({ name: stringVal('a') }), obj({ name: stringVal('b') }), ['.name: was cty.StringVal("a"), but now cty.StringVal("b")']],
    ['a number changed', obj({ n: numberVal(1.5) }), obj({ n: numberVal(2000000) }), ['.n: was cty.NumberFloatVal(1.5), but now cty.NumberIntVal(2e+06)']],
    ['null to a value', obj({}), obj({ name: stringVal('x\n"y"') }), ['.name: was null, but now cty.StringVal("x\\n\\"y\\"")']],
    ['a value to null', obj({ name: stringVal('a') }), obj({}), ['.name: was cty.StringVal("a"), but now null']],
    ['a map element changed, gone and new', obj({ tags: mapVal({ a: stringVal('1'), b: stringVal('2') }) }), obj({ tags: mapVal({ a: stringVal('9'), c: stringVal('3') }) }), [
      '.tags["a"]: was cty.StringVal("1"), but now cty.StringVal("9")', '.tags: element "b" has vanished', '.tags: new element "c" has appeared',
    ]],
    ['a list grown', obj({ list: listVal([stringVal('a')]) }), obj({ list: listVal([stringVal('a'), stringVal('b')]) }), ['.list: new element 1 has appeared']],
    ['a set with an unknown element filled in', obj({ set: setVal([stringVal('a'), unknownVal(T.String)]) }), obj({ set: setVal([stringVal('a'), stringVal('b')]) }), []],
    ['a set element replaced', obj({ set: setVal([stringVal('a')]) }), obj({ set: setVal([stringVal('b')]) }), [
      '.set: planned set element cty.StringVal("a") does not correlate with any element in actual',
    ]],
    ['a sensitive attribute', obj({ password: stringVal('x') }), obj({ password: stringVal('y') }), ['.password: inconsistent values for sensitive attribute']],
    ['a dynamic attribute changing type', obj({ any: stringVal('1') }), obj({ any: numberVal(1) }), ['.any: wrong final value type: string required, but have number']],
    ['a nested list block value', obj({ rule: listVal([objectVal({ port: numberVal(80) })]) }), obj({ rule: listVal([objectVal({ port: numberVal(81) })]) }), [
      '.rule[0].port: was cty.NumberIntVal(80), but now cty.NumberIntVal(81)',
    ]],
    ['a block count', obj({ rule: listVal([objectVal({ port: numberVal(80) })]) }), obj({}), ['.rule: block count changed from 1 to 0']],
    ['a set block added', obj({}), obj({ ingress: setVal([objectVal({ cidr: stringVal('0.0.0.0/0') })]) }), [
      '.ingress: actual set element cty.ObjectVal(map[string]cty.Value{"cidr":cty.StringVal("0.0.0.0/0")}) does not correlate with any element in plan',
      '.ingress: block set length changed from 0 to 1',
    ]],
    ['a bool', obj({ any: True }), obj({ any: nullVal(T.Bool) }), ['.any: was cty.True, but now null']],
  ])('%s', (_name, planned, actual, want) => {
    expect(problems(planned, actual)).toEqual(want);
  });

  it('reports a whole object appearing or vanishing at the root', () => {
    expect(problems(nullVal(obj({}).type), obj({}))).toEqual(['Root object was absent, but now present']);
    expect(problems(obj({}), nullVal(obj({}).type))).toEqual(['Root object was present, but now absent']);
  });

  it('keeps a value sensitive in the configuration out of the message', () => {
    const errs = assertObjectCompatible(block, obj({ name: stringVal('a') }), obj({ name: stringVal('b') }), (p) => 'attr' in p[0]! && p[0].attr === 'name');
    expect(errs.map(formatIncompatibility)).toEqual(['.name: inconsistent values for sensitive attribute']);
  });
});
