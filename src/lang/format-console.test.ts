import { describe, expect, it } from 'vitest';
import { formatConsoleValue, formatConsoleType, goQuote } from './format-console.js';
import * as T from './types.js';
import {
  stringVal, numberVal, boolVal, listVal, setVal, mapVal, objectVal, tupleVal, nullVal, unknownVal, emptyListVal,
  Mark, NullDynamic, EmptyTupleVal, EmptyObjectVal, type Value,
} from './value.js';

describe('formatConsoleValue', () => {
  const cases: [string, Value, string][] = [
    ['string', stringVal('10.0.2.0/24'), '"10.0.2.0/24"'],
    ['escaped string', stringVal('a "q" \\ \t'), '"a \\"q\\" \\\\ \\t"'],
    ['integer', numberVal(42), '42'],
    ['fraction', numberVal(1.5), '1.5'],
    ['big integer', numberVal(1e21), '1000000000000000000000'],
    ['bool', boolVal(true), 'true'],
    ['untyped null', NullDynamic, 'null'],
    ['string null', nullVal(T.String), 'tostring(null)'],
    ['number null', nullVal(T.Number), 'tonumber(null)'],
    ['list null', nullVal(T.List(T.String)), 'tolist(null) /* of string */'],
    ['map null', nullVal(T.Map(T.Number)), 'tomap(null) /* of number */'],
    ['object null', nullVal(T.Object_({ a: T.String })), 'null /* object */'],
    ['unknown', unknownVal(T.String), '(known after apply)'],
    ['sensitive', stringVal('x').mark(Mark.Sensitive), '(sensitive value)'],
    ['empty tuple', EmptyTupleVal, '[]'],
    ['empty object', EmptyObjectVal, '{}'],
    ['empty list', emptyListVal(T.String), 'tolist([])'],
    ['list', listVal([stringVal('a'), stringVal('b')]), 'tolist([\n  "a",\n  "b",\n])'],
    ['set', setVal([numberVal(2), numberVal(1)]), 'toset([\n  1,\n  2,\n])'],
    ['map', mapVal({ b: numberVal(1), a: numberVal(2) }), 'tomap({\n  "a" = 2\n  "b" = 1\n})'],
    ['tuple', tupleVal([numberVal(1), stringVal('x')]), '[\n  1,\n  "x",\n]'],
    ['nested object', objectVal({ a: objectVal({ b: listVal([boolVal(false)]) }), long_name: unknownVal(T.String) }),
      '{\n  "a" = {\n    "b" = tolist([\n      false,\n    ])\n  }\n  "long_name" = (known after apply)\n}'],
    ['sensitive element', tupleVal([stringVal('a'), stringVal('b').mark(Mark.Sensitive)]), '[\n  "a",\n  (sensitive value),\n]'],
    ['top-level multi-line string', stringVal('a\nb\n'), '<<EOT\na\nb\n\nEOT'],
    ['nested multi-line string', objectVal({ s: stringVal('x\ny') }), '{\n  "s" = <<-EOT\n  x\n  y\n  EOT\n}'],
    ['heredoc delimiter collision', stringVal('EOT\nx'), '<<EOT_\nEOT\nx\nEOT_'],
  ];
  it.each(cases)('%s', (_n, v, expected) => expect(formatConsoleValue(v)).toBe(expected));
});

describe('goQuote', () => {
  it('escapes control characters like Go', () => {
    expect(goQuote('\x00\x07\u00e9')).toBe('"\\x00\\aé"');
  });
});

describe('formatConsoleType', () => {
  it('prints primitive and collection types', () => {
    expect(formatConsoleType(T.List(T.String))).toBe('list(string)');
    expect(formatConsoleType(T.Dynamic)).toBe('dynamic');
  });
  it('prints objects one attribute per line', () => {
    expect(formatConsoleType(T.Object_({ b: T.Number, a: T.List(T.Object_({ x: T.Bool })) }))).toBe(
      'object({\n    a: list(\n        object({\n            x: bool,\n        }),\n    ),\n    b: number,\n})');
  });
  it('prints tuples one element per line', () => {
    expect(formatConsoleType(T.Tuple([T.String, T.Number]))).toBe('tuple([\n    string,\n    number,\n])');
  });
});
