import { describe, expect, it } from 'vitest';
import * as T from '../types.js';
import { stringVal, numberVal, boolVal, nullVal, tupleVal, objectVal, rawEquals, listVal, mapVal, type Value } from '../value.js';
import { yamlDecode, yamlEncode } from './yaml.js';

describe('yamldecode', () => {
  it.each<[string, Value]>([
    ['a: yes', objectVal({ a: boolVal(true) })],
    ['a: Off', objectVal({ a: boolVal(false) })],
    ['a: "yes"', objectVal({ a: stringVal('yes') })],
    ['a: ~', objectVal({ a: nullVal(T.Dynamic) })],
    ['a:', objectVal({ a: nullVal(T.Dynamic) })],
    ['a: 0x1F', objectVal({ a: numberVal(31) })],
    ['a: 0o17', objectVal({ a: numberVal(15) })],
    ['a: 017', objectVal({ a: numberVal(17) })],
    ['a: 1_000', objectVal({ a: stringVal('1_000') })],
    ['a: .5', objectVal({ a: numberVal(0.5) })],
    ['a: -1e3', objectVal({ a: numberVal(-1000) })],
    ['a: .inf', objectVal({ a: numberVal(Infinity) })],
    ['a: 2001-12-14', objectVal({ a: stringVal('2001-12-14T00:00:00Z') })],
    ['a: !!str 12', objectVal({ a: stringVal('12') })],
    ['a: !!int "12"', objectVal({ a: stringVal('12') })],
    ['y: 1', objectVal({ true: numberVal(1) })],
    ['a: |\n  x\n  y\n', objectVal({ a: stringVal('x\ny\n') })],
    ['- 1\n- b\n', tupleVal([numberVal(1), stringVal('b')])],
    ['base: &b {p: 1, q: 2}\nd:\n  <<: *b\n  q: 3\n', objectVal({ base: objectVal({ p: numberVal(1), q: numberVal(2) }), d: objectVal({ p: numberVal(1), q: numberVal(3) }) })],
    ['~', nullVal(T.Dynamic)],
  ])('%j', (src, want) => {
    const got = yamlDecode(src);
    expect(rawEquals(got, want), JSON.stringify(got.v)).toBe(true);
  });
  it.each([
    ['a: .nan', 'floating point NaN is not supported'],
    ['a: !!bool maybe', 'cannot parse "maybe" as !!bool'],
    ['a: !foo x', 'unsupported tag "!foo"'],
    ['', 'on line 1, column 1: missing start of document'],
    ['a: 1\n---\nb: 2\n', 'on line 2, column 1: only a single document is allowed'],
  ])('%j fails', (src, msg) => expect(() => yamlDecode(src)).toThrow(msg));
});

describe('yamlencode', () => {
  it.each<[Value, string]>([
    [stringVal('foo'), '"foo"\n'],
    [numberVal(1.5), '1.5\n'],
    [boolVal(true), 'true\n'],
    [nullVal(T.String), 'null\n'],
    [tupleVal([]), '[]\n'],
    [objectVal({}), '{}\n'],
    [tupleVal([tupleVal([numberVal(1), numberVal(2)]), numberVal(3)]), '- - 1\n  - 2\n- 3\n'],
    [objectVal({ a: objectVal({ b: numberVal(1) }), c: listVal([stringVal('x')]) }), '"a":\n  "b": 1\n"c":\n- "x"\n'],
    [mapVal({ k: stringVal('tab\there "q" \\ é') }), '"k": "tab\\there \\"q\\" \\\\ é"\n'],
    [objectVal({ s: stringVal('a\nb\n') }), '"s": |\n  a\n  b\n'],
  ])('%#', (v, want) => expect(yamlEncode(v)).toBe(want));
});

describe('yamlencode as go-yaml emits', () => {
  it('escapes what libyaml does not print', () => {
    expect(yamlEncode(stringVal('😀\tx'))).toBe('"\\U0001F600\\tx"\n');
  });
  it('uses double quotes for multi-line strings that a literal block cannot hold', () => {
    expect(yamlEncode(stringVal('a \nb'))).toBe('"a \\nb"\n');
    expect(yamlEncode(stringVal('a\tb\nc'))).toBe('"a\\tb\\nc"\n');
  });
  it('folds long double-quoted strings past column 80', () => {
    const long = Array.from({ length: 30 }, (_, i) => `word${i}`).join(' ');
    const out = yamlEncode(objectVal({ k: stringVal(long) }));
    const lines = out.split('\n');
    expect(lines.length).toBe(4); // three lines and the final newline
    expect(lines[1]!.startsWith('  ')).toBe(true);
    expect(lines[0]!.length).toBeGreaterThan(80);
    expect(yamlDecode(out).attrs.get('k')!.str).toBe(long);
  });
});
