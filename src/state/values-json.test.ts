import { describe, it, expect } from 'vitest';
import * as T from '../lang/types.js';
import * as V from '../lang/value.js';
import { typeToJSON, typeFromJSON, valueToJSON, valueFromJSON, JSONValueError, impliedType } from './values-json.js';
import { encodeAttributes, decodeAttributes, formatPath } from './attributes.js';
import { goString, indentRaw, compactJSON } from './go-json.js';

describe('cty JSON types', () => {
  it.each([
    [T.String, '"string"'],
    [T.Number, '"number"'],
    [T.Bool, '"bool"'],
    [T.Dynamic, '"dynamic"'],
    [T.List(T.String), '["list","string"]'],
    [T.Set(T.Number), '["set","number"]'],
    [T.Map(T.List(T.Bool)), '["map",["list","bool"]]'],
    [T.Object_({ b: T.Number, a: T.String }), '["object",{"a":"string","b":"number"}]'],
    [T.Object_({ a: T.String }, ['a']), '["object",{"a":"string"},["a"]]'],
    [T.Tuple([T.String, T.Number]), '["tuple",["string","number"]]'],
    [T.EmptyTuple, '["tuple",[]]'],
  ])('%j <-> %s', (t, json) => {
    expect(typeToJSON(t)).toBe(json);
    expect(T.typeEquals(typeFromJSON(json), t)).toBe(true);
  });
  it.each(['"strung"', '["bag","string"]', '["object",[]]', '42'])('rejects %s', (json) => {
    expect(() => typeFromJSON(json)).toThrow(JSONValueError);
  });
});

describe('cty JSON values', () => {
  const cases: [string, V.Value, T.Type, string][] = [
    ['string', V.stringVal('a"b<c>'), T.String, '"a\\"b\\u003cc\\u003e"'],
    ['integer', V.numberVal(42), T.Number, '42'],
    ['big integer', V.numberVal(1e21), T.Number, '1000000000000000000000'],
    ['fraction', V.numberVal(-0.25), T.Number, '-0.25'],
    ['bool', V.True, T.Bool, 'true'],
    ['null', V.nullVal(T.String), T.String, 'null'],
    ['list', V.listVal([V.stringVal('a'), V.stringVal('b')]), T.List(T.String), '["a","b"]'],
    ['set', V.setVal([V.numberVal(3), V.numberVal(1)]), T.Set(T.Number), '[1,3]'],
    ['map', V.mapVal({ b: V.numberVal(2), a: V.numberVal(1) }), T.Map(T.Number), '{"a":1,"b":2}'],
    ['object', V.objectVal({ z: V.True, a: V.nullVal(T.String) }), T.Object_({ z: T.Bool, a: T.String }), '{"a":null,"z":true}'],
    ['tuple', V.tupleVal([V.stringVal('x'), V.numberVal(1)]), T.Tuple([T.String, T.Number]), '["x",1]'],
    ['dynamic', V.stringVal('x'), T.Dynamic, '{"value":"x","type":"string"}'],
    ['dynamic null', V.NullDynamic, T.Dynamic, 'null'],
    ['empty list', V.emptyListVal(T.String), T.List(T.String), '[]'],
  ];
  it.each(cases)('%s', (_n, v, t, json) => {
    expect(valueToJSON(v, t)).toBe(json);
    const back = valueFromJSON(json, t);
    expect(V.rawEquals(back, v) || (back.isNull && v.isNull)).toBe(true);
  });

  it('refuses unknown values', () => {
    expect(() => valueToJSON(V.objectVal({ a: V.unknownVal(T.String) }))).toThrow(/not known/);
  });

  it.each([
    ['"5"', T.Number, 5],
    ['7', T.String, '7'],
    ['true', T.String, 'true'],
    ['"false"', T.Bool, false],
  ] as [string, T.Type, unknown][])('converts %s to %j like cty', (json, t, want) => {
    expect(valueFromJSON(json, t).v).toBe(want);
  });

  it.each([
    ['{}', T.String, 'string is required'],
    ['"x"', T.Number, 'number is required'],
    ['{"a":1,"b":2}', T.Object_({ a: T.Number }), 'unsupported attribute "b"'],
    ['[1]', T.Tuple([T.Number, T.Number]), 'not enough tuple elements'],
    ['{"a":[1,"x"]}', T.Object_({ a: T.List(T.Number) }), 'number is required'],
  ] as [string, T.Type, string][])('reports %s as %j', (json, t, msg) => {
    expect(() => valueFromJSON(json, t)).toThrow(msg);
  });

  it('fills missing object attributes with null and reports paths', () => {
    const v = valueFromJSON('{"a":1}', T.Object_({ a: T.Number, b: T.String }));
    expect(v.attrs.get('b')!.isNull).toBe(true);
    try { valueFromJSON('{"a":[1,"x"]}', T.Object_({ a: T.List(T.Number) })); } catch (e) {
      expect(formatPath((e as JSONValueError).path)).toBe('.a[1]');
    }
  });

  it('infers types for schema-less JSON', () => {
    expect(T.typeString(impliedType(JSON.parse('{"a":[1,"x"],"b":null}')))).toBe('object({a=tuple([number, string]), b=any})');
  });
});

describe('attributes with sensitive marks', () => {
  const type = T.Object_({ id: T.String, password: T.String, tags: T.Map(T.String) });
  it('round-trips marks through paths', () => {
    const v = V.objectValOfType(type, {
      id: V.stringVal('i-1'),
      password: V.stringVal('hunter2').mark(V.Mark.Sensitive),
      tags: V.mapVal({ a: V.stringVal('x') }),
    });
    const enc = encodeAttributes(v, type);
    expect(enc.attrsJSON).toBe('{"id":"i-1","password":"hunter2","tags":{"a":"x"}}');
    expect(enc.sensitivePaths).toEqual([[{ attr: 'password' }]]);
    const dec = decodeAttributes({ status: 'ready', schemaVersion: 0, dependencies: [], createBeforeDestroy: false, ...enc }, type);
    expect(dec.diags).toEqual([]);
    expect(dec.value!.attrs.get('password')!.isSensitive).toBe(true);
    expect(dec.value!.attrs.get('id')!.isSensitive).toBe(false);
  });
  it('turns undecodable attributes into a diagnostic', () => {
    const dec = decodeAttributes({ status: 'ready', schemaVersion: 0, dependencies: [], createBeforeDestroy: false, attrsJSON: '{"id":{}}', sensitivePaths: [] }, type, 'aws_x.y');
    expect(dec.value).toBeUndefined();
    expect(dec.diags[0]!.summary).toBe('Invalid resource instance data in state');
    expect(dec.diags[0]!.detail).toContain('aws_x.y');
  });
});

describe('Go JSON text', () => {
  it.each([
    ['plain', '"plain"'],
    ['q"b\\s', '"q\\"b\\\\s"'],
    ['<a&b>', '"\\u003ca\\u0026b\\u003e"'],
    ['\n\r\t\b\f', '"\\n\\r\\t\\b\\f"'],
    ['\u0001\u001f', '"\\u0001\\u001f"'],
    ['\u2028\u2029', '"\\u2028\\u2029"'],
    ['é✓😀', '"é✓😀"'],
    ['\ud800x', '"\\ufffdx"'],
  ])('%j', (s, want) => {
    expect(goString(s)).toBe(want);
  });
  it('indents raw JSON like json.Indent, escaping HTML characters', () => {
    expect(indentRaw('{"a":[1,{"b":"<"}],"c":{},"d":[]}', 1)).toBe('{\n    "a": [\n      1,\n      {\n        "b": "\\u003c"\n      }\n    ],\n    "c": {},\n    "d": []\n  }');
  });
  it('compacts without touching strings', () => {
    expect(compactJSON('{ "a" : [ 1 , "x  y" ] }')).toBe('{"a":[1,"x  y"]}');
  });
});
