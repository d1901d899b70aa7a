import { describe, expect, it } from 'vitest';
import { parseExpression } from '../hcl/parse.js';
import { variableTypeConstraint, typeExpr } from './typeexpr.js';
import { applyDefaults } from './defaults.js';
import { convert } from './convert.js';
import { evaluate } from './eval.js';
import { formatConsoleValue } from './format-console.js';
import * as T from './types.js';

function tc(src: string) {
  const p = parseExpression(src, 'variables.tf');
  expect(p.diags).toEqual([]);
  return variableTypeConstraint(p.expr);
}

describe('variableTypeConstraint', () => {
  const ok: [string, string, 'literal' | 'hcl'][] = [
    ['string', 'string', 'literal'],
    ['number', 'number', 'literal'],
    ['bool', 'bool', 'literal'],
    ['any', 'any', 'hcl'],
    ['list', 'list(any)', 'hcl'],
    ['map', 'map(any)', 'hcl'],
    ['list(string)', 'list(string)', 'hcl'],
    ['set(number)', 'set(number)', 'hcl'],
    ['map(list(bool))', 'map(list(bool))', 'hcl'],
    ['tuple([string, number])', 'tuple([string, number])', 'hcl'],
    ['object({a = string, b = number})', 'object({a=string, b=number})', 'hcl'],
    ['object({a = string, b = optional(number)})', 'object({a=string, b=optional(number)})', 'hcl'],
    ['object({a = optional(string, "x")})', 'object({a=optional(string)})', 'hcl'],
  ];
  it.each(ok)('%s', (src, expected, mode) => {
    const r = tc(src);
    expect(r.diags).toEqual([]);
    expect(T.typeString(r.type)).toBe(expected);
    expect(r.parseMode).toBe(mode);
  });

  const bad: [string, string, string][] = [
    ['"string"', 'Invalid quoted type constraints', 'Terraform 0.11 and earlier required type constraints to be given in quotes, but that form is now deprecated and will be removed in a future version of Terraform. Remove the quotes around "string".'],
    ['"list"', 'Invalid quoted type constraints', 'Terraform 0.11 and earlier required type constraints to be given in quotes, but that form is now deprecated and will be removed in a future version of Terraform. Remove the quotes around "list" and write list(string) instead to explicitly indicate that the list elements are strings.'],
    ['"list(string)"', 'Invalid legacy variable type hint', 'To provide a full type expression, remove the surrounding quotes and give the type expression directly.'],
    ['strin', 'Invalid type specification', 'The keyword "strin" is not a valid type specification.'],
    ['set', 'Invalid type specification', 'The set type constructor requires one argument specifying the element type.'],
    ['object', 'Invalid type specification', 'The object type constructor requires one argument specifying the attribute types and values as a map.'],
    ['list(string, number)', 'Invalid type specification', 'The list type constructor requires one argument specifying the element type.'],
    ['string()', 'Invalid type specification', 'Primitive type keyword "string" does not expect arguments.'],
    ['foo(string)', 'Invalid type specification', 'Keyword "foo" is not a valid type constructor.'],
    ['optional(string)', 'Invalid type specification', 'Keyword "optional" is valid only as a modifier for object type attributes.'],
    ['object({a = optional(number, "x")})', 'Invalid default value for optional attribute', "This default value is not compatible with the attribute's type constraint: a number is required."],
    ['object({a = optional(string, "x", 1)})', 'Invalid type specification', 'Optional attribute modifier expects at most two arguments: the attribute type, and a default value.'],
    ['object({"a" = string})', 'Invalid type specification', 'Object constructor map keys must be attribute names.'],
    ['tuple(string)', 'Invalid type specification', 'Tuple type constructor requires a list of element types.'],
    ['1', 'Invalid type specification', 'A type specification is either a primitive type keyword (bool, number, string) or a complex type constructor call, like list(string).'],
  ];
  it.each(bad)('%s is an error', (src, summary, detail) => {
    const r = tc(src);
    expect(r.diags[0]?.summary).toBe(summary);
    expect(r.diags[0]?.detail).toBe(detail);
  });

  it('refuses any in exact types', () => {
    const p = parseExpression('list(any)', 't.tf');
    expect(typeExpr(p.expr).diags[0]!.detail).toBe('The keyword "any" cannot be used in this type specification: an exact type is required.');
  });
});

describe('applyDefaults', () => {
  function given(typeSrc: string, valueSrc: string): string {
    const c = tc(typeSrc);
    expect(c.diags).toEqual([]);
    const v = evaluate(parseExpression(valueSrc, 'v.tfvars').expr, {}).value;
    return formatConsoleValue(convert(applyDefaults(c.defaults, v), c.type));
  }
  const cases: [string, string, string, string][] = [
    ['fills a missing attribute', 'object({a = string, b = optional(number, 5)})', '{a = "x"}', '{\n  "a" = "x"\n  "b" = 5\n}'],
    ['replaces a null attribute', 'object({b = optional(number, 5)})', '{b = null}', '{\n  "b" = 5\n}'],
    ['keeps a given attribute', 'object({b = optional(number, 5)})', '{b = 7}', '{\n  "b" = 7\n}'],
    ['leaves optional without default null', 'object({b = optional(number)})', '{}', '{\n  "b" = tonumber(null)\n}'],
    ['applies inside lists', 'list(object({n = optional(string, "d")}))', '[{}, {n = "x"}]', 'tolist([\n  {\n    "n" = "d"\n  },\n  {\n    "n" = "x"\n  },\n])'],
    ['applies inside maps', 'map(object({n = optional(number, 1)}))', '{k = {}}', 'tomap({\n  "k" = {\n    "n" = 1\n  }\n})'],
    ['applies nested defaults to a default object', 'object({o = optional(object({x = optional(number, 2)}), {})})', '{}', '{\n  "o" = {\n    "x" = 2\n  }\n}'],
    ['applies inside tuples by position', 'tuple([object({a = optional(bool, true)}), string])', '[{}, "s"]', '[\n  {\n    "a" = true\n  },\n  "s",\n]'],
  ];
  it.each(cases)('%s', (_name, typeSrc, valueSrc, expected) => {
    expect(given(typeSrc, valueSrc)).toBe(expected);
  });
});
