import { describe, expect, it } from 'vitest';
import { parseExpression } from '../hcl/parse.js';
import { evaluate, evaluateAs } from './eval.js';
import { builtinFunctions } from './functions/index.js';
import { mockData } from './eval-testutil.js';
import { formatConsoleValue } from './format-console.js';
import * as T from './types.js';
import {
  stringVal, numberVal, boolVal, listVal, setVal, mapVal, objectVal, tupleVal, unknownVal, nullVal, Mark, type Value,
} from './value.js';
import type { Scope } from './scope.js';

const sensitive = (v: Value) => v.mark(Mark.Sensitive);

const scope: Scope = {
  data: mockData({
    vars: {
      name: stringVal('web'),
      n: numberVal(3),
      l: listVal([stringVal('a'), stringVal('b')]),
      s: setVal([stringVal('x'), stringVal('y')]),
      m: mapVal({ k1: stringVal('v1'), k2: stringVal('v2') }),
      o: objectVal({ a: numberVal(1), nested: objectVal({ b: boolVal(true) }) }),
      objs: listVal([objectVal({ id: stringVal('i-1') }), objectVal({ id: stringVal('i-2') })]),
      secret: sensitive(stringVal('hunter2')),
      unk: unknownVal(T.String),
      unkl: unknownVal(T.List(T.String)),
      nothing: nullVal(T.String),
      disks: mapVal({ a: objectVal({ size: numberVal(5) }), b: objectVal({ size: numberVal(20) }) }),
    },
    locals: { tags: mapVal({ env: stringVal('dev') }) },
    resources: { 'aws_instance.known': objectVal({ id: stringVal('i-123') }) },
    workspace: 'default',
  }),
  functions: builtinFunctions(),
};

function run(src: string, s: Scope = scope) {
  const p = parseExpression(src, 'test.tf');
  expect(p.diags).toEqual([]);
  return evaluate(p.expr, s);
}

describe('evaluate: values', () => {
  const cases: [string, string][] = [
    ['1 + 2 * 3', '7'],
    ['(1 + 2) * 3', '9'],
    ['10 % 3', '1'],
    ['-7 % 3', '-1'],
    ['5 % 0', '5'],
    ['7 / 2', '3.5'],
    ['0.1 + 0.2', '0.3'],
    ['1 / 0', '+Inf'],
    ['-var.n', '-3'],
    ['!true', 'false'],
    ['"5" + 1', '6'],
    ['3 > 2 && 1 < 2', 'true'],
    ['false || true', 'true'],
    ['1 == 1', 'true'],
    ['1 == "1"', 'false'],
    ['[1] == [1]', 'true'],
    ['{a=1} == {a=1}', 'true'],
    ['null == null', 'true'],
    ['var.nothing == null', 'true'],
    ['"a" != "b"', 'true'],
    ['"a-${var.name}-${var.n}"', '"a-web-3"'],
    ['"${var.name}"', '"web"'],
    ['"${var.n}"', '3'],
    ['"%{ if var.n > 2 }big%{ else }small%{ endif }"', '"big"'],
    ['"%{ for x in var.l }${x};%{ endfor }"', '"a;b;"'],
    ['var.l[1]', '"b"'],
    ['var.l["0"]', '"a"'],
    ['var.m["k2"]', '"v2"'],
    ['var.m.k1', '"v1"'],
    ['var.o.nested.b', 'true'],
    ['var.o["a"]', '1'],
    ['[for x in var.l : upper(x)]', '[\n  "A",\n  "B",\n]'],
    ['[for i, x in var.l : "${i}=${x}"]', '[\n  "0=a",\n  "1=b",\n]'],
    ['{for k, v in var.m : v => k}', '{\n  "v1" = "k1"\n  "v2" = "k2"\n}'],
    ['{for x in ["a", "b", "a"] : x => x...}', '{\n  "a" = [\n    "a",\n    "a",\n  ]\n  "b" = [\n    "b",\n  ]\n}'],
    ['[for x in var.s : x if x != "x"]', '[\n  "y",\n]'],
    ['[for k, v in var.s : "${k}=${v}"]', '[\n  "x=x",\n  "y=y",\n]'],
    ['{ for k, v in var.disks : k => v if v.size > 10 }', '{\n  "b" = {\n    "size" = 20\n  }\n}'],
    ['var.objs[*].id', 'tolist([\n  "i-1",\n  "i-2",\n])'],
    ['var.objs.*.id', 'tolist([\n  "i-1",\n  "i-2",\n])'],
    ['var.o[*].a', '[\n  1,\n]'],
    ['var.nothing[*]', '[]'],
    ['[{a=1}, {a=2}][*].a', '[\n  1,\n  2,\n]'],
    ['var.n > 2 ? "big" : "small"', '"big"'],
    ['true ? 1 : "a"', '"1"'],
    ['false ? null : "x"', '"x"'],
    ['true ? null : "x"', 'tostring(null)'],
    ['true ? {a=1} : {b=2}', 'tomap({\n  "a" = 1\n})'],
    ['{a = 1, "b" = "x", (var.name) = true}', '{\n  "a" = 1\n  "b" = "x"\n  "web" = true\n}'],
    ['{true = 1}', '{\n  "true" = 1\n}'],
    ['upper(var.name)', '"WEB"'],
    ['format("%s-%s", var.l...)', '"a-b"'],
    ['length([1, 2, 3])', '3'],
    ['max([1, 5, 2]...)', '5'],
    ['try(var.nope, "fallback")', '"fallback"'],
    ['try(var.o.a, "fallback")', '1'],
    ['can(var.l[5])', 'false'],
    ['can(var.l[1])', 'true'],
    ['try(var.unk, "x")', '(known after apply)'],
    ['can(var.unk)', '(known after apply)'],
    ['try(var.unk.x, "y")', '"y"'],
    ['can(var.unk.x)', 'false'],
    ['try([var.unk], [])', '(known after apply)'],
    ['aws_instance.web.id', '(known after apply)'],
    ['aws_instance.known.id', '"i-123"'],
    ['data.aws_ami.ubuntu.id', '(known after apply)'],
    ['module.net.vpc_id', '(known after apply)'],
    ['local.tags.env', '"dev"'],
    ['terraform.workspace', '"default"'],
    ['var.unk', '(known after apply)'],
    ['"x-${var.unk}"', '(known after apply)'],
    ['upper(var.unk)', '(known after apply)'],
    ['var.unk == "a"', '(known after apply)'],
    ['var.unk == 1', 'false'],
    ['var.unk != null', '(known after apply)'],
    ['[for x in var.unkl : x]', '(known after apply)'],
    ['var.unkl[*]', '(known after apply)'],
    ['var.unkl[0]', '(known after apply)'],
    ['var.unk ? 1 : 2', '(known after apply)'],
    ['var.unk == "a" || true', 'true'],
    ['var.unk == "a" && false', 'false'],
    ['var.secret', '(sensitive value)'],
    ['upper(var.secret)', '(sensitive value)'],
    ['"pw: ${var.secret}"', '(sensitive value)'],
    ['var.secret == "x"', '(sensitive value)'],
    ['[var.secret]', '[\n  (sensitive value),\n]'],
    ['{ for k in [var.secret] : k => 1 }', '(sensitive value)'],
    ['length(var.secret)', '(sensitive value)'],
    ['var.secret != "" ? "a" : "b"', '(sensitive value)'],
  ];
  it.each(cases)('%s', (src, expected) => {
    const r = run(src);
    expect(r.diags.map((d) => `${d.summary}: ${d.detail}`)).toEqual([]);
    expect(formatConsoleValue(r.value)).toBe(expected);
  });
});

describe('evaluate: diagnostics', () => {
  // [source, summary, detail, subject text]
  const cases: [string, string, string, string][] = [
    ['var.zzzz', 'Reference to undeclared input variable', 'An input variable with the name "zzzz" has not been declared. This variable can be declared with a variable "zzzz" {} block.', 'var.zzzz'],
    ['var.nam', 'Reference to undeclared input variable', 'An input variable with the name "nam" has not been declared. Did you mean "name"?', 'var.nam'],
    ['local.x', 'Reference to undeclared local value', 'A local value with the name "x" has not been declared.', 'local.x'],
    ['var', 'Invalid reference', 'The "var" object cannot be accessed directly. Instead, access one of its attributes.', 'var'],
    ['aws_instance', 'Invalid reference', 'A reference to a resource type must be followed by at least one attribute access, specifying the resource name.', 'aws_instance'],
    ['data.x', 'Invalid reference', 'The "data" object must be followed by two attribute names: the data source type and the resource name.', 'data.x'],
    ['count.index', 'Reference to "count" in non-counted context', 'The "count" object can only be used in "module", "resource", and "data" blocks, and only when the "count" argument is set.', 'count.index'],
    ['each.foo', 'Invalid "each" attribute', 'The "each" object does not have an attribute named "foo". The supported attributes are each.key and each.value, the current key and value pair of the "for_each" attribute set.', 'each.foo'],
    ['path.modul', 'Invalid "path" attribute', 'The "path" object does not have an attribute named "modul". Did you mean "module"?', 'path.modul'],
    ['var.o.missing', 'Unsupported attribute', 'This object does not have an attribute named "missing".', '.missing'],
    ['var.m.k9', 'Missing map element', 'This map does not have an element with the key "k9".', '.k9'],
    ['var.name.x', 'Unsupported attribute', "Can't access attributes on a primitive-typed value (string).", '.x'],
    ['var.objs.id', 'Unsupported attribute', 'Can\'t access attributes on a list of objects. Did you mean to access attribute "id" for a specific element of the list, or across all elements of the list?', '.id'],
    ['var.l[5]', 'Invalid index', 'The given key does not identify an element in this collection value: the given index is greater than or equal to the length of the collection.', '[5]'],
    ['var.l[-1]', 'Invalid index', 'The given key does not identify an element in this collection value: a negative number is not a valid index for a sequence.', '[-1]'],
    ['var.l[0.5]', 'Invalid index', 'The given key does not identify an element in this collection value: indexing a sequence requires a whole number, but the given index has a fractional part.', '[0.5]'],
    ['var.l["x"]', 'Invalid index', 'The given key does not identify an element in this collection value: a number is required.', '["x"]'],
    ['var.s[0]', 'Invalid index', "Elements of a set are identified only by their value and don't have any separate index or key to select with, so it's only possible to perform operations across all elements of the set.", '[0]'],
    ['var.m["zz"]', 'Invalid index', 'The given key does not identify an element in this collection value.', '["zz"]'],
    ['var.nothing[0]', 'Attempt to index null value', 'This value is null, so it does not have any indices.', '[0]'],
    ['var.nothing.x', 'Attempt to get attribute from null value', 'This value is null, so it does not have any attributes.', '.x'],
    ['"x" + 1', 'Invalid operand', 'Unsuitable value for left operand: a number is required.', '"x"'],
    ['1 + {}', 'Invalid operand', 'Unsuitable value for right operand: number required, but have object.', '{}'],
    ['!"maybe"', 'Invalid operand', 'Unsuitable value for unary operand: a bool is required.', '"maybe"'],
    ['0 / 0', 'Operation failed', "Error during operation: can't divide zero by zero or infinity by infinity.", '0 / 0'],
    ['var.nothing + 1', 'Operation failed', 'Error during operation: argument must not be null.', 'var.nothing + 1'],
    ['"a${var.nothing}"', 'Invalid template interpolation value', 'The expression result is null. Cannot include a null value in a string template.', 'var.nothing'],
    ['"a${var.l}"', 'Invalid template interpolation value', 'Cannot include the given value in a string template: string required, but have list of string.', 'var.l'],
    ['[for x in var.nothing : x]', 'Iteration over null value', "A null value cannot be used as the collection in a 'for' expression.", 'var.nothing'],
    ['[for x in 5 : x]', 'Iteration over non-iterable value', "A value of type number cannot be used as the collection in a 'for' expression.", '5'],
    ['{for x in ["a", "a"] : x => 1}', 'Duplicate object key', "Two different items produced the key \"a\" in this 'for' expression. If duplicates are expected, use the ellipsis (...) after the value expression to enable grouping by key.", 'x'],
    ['[for x in [1] : x if x]', "Invalid 'for' condition", "The 'if' clause value is invalid: bool required, but have number.", 'x'],
    ['true ? [1] : {a=1}', 'Inconsistent conditional result types', "The true and false result expressions must have consistent types. The 'true' value is tuple, but the 'false' value is object.", '[1] : {a=1}'],
    ['true ? {a=1} : {a="x", b=[]}', 'Inconsistent conditional result types', "The true and false result expressions must have consistent types. Type mismatch for object attribute \"a\": The 'true' value is number, but the 'false' value is string.", '{a=1} : {a="x", b=[]}'],
    ['true ? {a=1} : {a=2, b=[]}', 'Inconsistent conditional result types', "The true and false result expressions must have consistent types. The 'false' value includes object attribute \"b\", which is absent in the 'true' value.", '{a=1} : {a=2, b=[]}'],
    ['var.nothing ? 1 : 2', 'Null condition', 'The condition value is null. Conditions must either be true or false.', 'var.nothing'],
    ['"x" ? 1 : 2', 'Incorrect condition type', 'The condition expression must be of type bool.', '"x"'],
    ['uper("a")', 'Call to unknown function', 'There is no function named "uper". Did you mean "upper"?', 'uper'],
    ['upper()', 'Not enough function arguments', 'Function "upper" expects 1 argument(s). Missing value for "str".', ')'],
    ['upper("a", "b")', 'Too many function arguments', 'Function "upper" expects only 1 argument(s).', 'b'],
    ['upper({})', 'Invalid function argument', 'Invalid value for "str" parameter: string required, but have object.', '{'],
    ['max(1...)', 'Invalid expanding argument value', 'The expanding argument (indicated by ...) must be of a tuple, list, or set type.', '1'],
    ['{ (var.nothing) = 1 }', 'Null value as key', "Can't use a null value as a key.", '1'],
    ['{ a.b = 1 }', 'Ambiguous attribute key', "If this expression is intended to be a reference, wrap it in parentheses. If it's instead intended as a literal name containing periods, wrap it in quotes to create a string literal.", 'a.b'],
  ];
  it.each(cases)('%s', (src, summary, detail, subjectText) => {
    const r = run(src);
    const errs = r.diags.filter((d) => d.severity === 'error');
    expect(errs.length).toBeGreaterThan(0);
    const d = errs[0]!;
    expect(d.summary).toBe(summary);
    expect(d.detail).toBe(detail);
    expect(src.slice(d.subject!.start.byte, d.subject!.end.byte)).toBe(subjectText);
  });

  it('reports try() failures with every attempt', () => {
    const r = run('try(var.aaaa, var.bbbb)');
    expect(r.diags[0]!.summary).toBe('Error in function call');
    expect(r.diags[0]!.detail).toBe(
      'Call to function "try" failed: no expression succeeded:\n' +
      '- Reference to undeclared input variable (at test.tf:1,5-13)\n  An input variable with the name "aaaa" has not been declared. This variable can be declared with a variable "aaaa" {} block.\n' +
      '- Reference to undeclared input variable (at test.tf:1,15-23)\n  An input variable with the name "bbbb" has not been declared. This variable can be declared with a variable "bbbb" {} block.\n' +
      '\nAt least one expression must produce a successful result.');
  });

  it('reports only the deciding side of a short-circuited ||', () => {
    expect(run('true || var.nope').diags).toEqual([]);
    expect(run('var.nope || true').diags).toEqual([]);
    expect(run('false || var.nope').diags.map((d) => d.summary)).toEqual(['Reference to undeclared input variable']);
  });

  it('drops the diagnostics of the branch not taken', () => {
    const r = run('true ? "a" : var.nope');
    expect(r.diags).toEqual([]);
    expect(formatConsoleValue(r.value)).toBe('"a"');
  });
});

describe('evaluate: scopes', () => {
  it('refuses variables and functions where none are allowed', () => {
    const r = run('upper(x)', {});
    expect(r.diags.map((d) => d.summary)).toEqual(['Function calls not allowed']);
    const r2 = run('x', {});
    expect(r2.diags.map((d) => d.summary)).toEqual(['Variables not allowed']);
  });
  it('resolves plain variables and suggests close names', () => {
    const s: Scope = { variables: new Map([['name', stringVal('x')]]) };
    expect(formatConsoleValue(run('"${name}!"', s).value)).toBe('"x!"');
    const r = run('nam', s);
    expect(r.diags[0]!.summary).toBe('Unknown variable');
    expect(r.diags[0]!.detail).toBe('There is no variable named "nam". Did you mean "name"?');
  });
  it('lets for-expression names shadow scope names', () => {
    const s: Scope = { variables: new Map([['x', stringVal('outer')]]) };
    expect(formatConsoleValue(run('[for x in ["inner"] : x]', s).value)).toBe('[\n  "inner",\n]');
  });
  it('binds count.index and each.key/value when given', () => {
    const s: Scope = { data: mockData({ count: numberVal(2), each: { key: stringVal('k'), value: stringVal('v') } }) };
    expect(formatConsoleValue(run('"${count.index}-${each.key}-${each.value}"', s).value)).toBe('"2-k-v"');
  });
});

describe('evaluateAs', () => {
  it('converts to the wanted type', () => {
    const p = parseExpression('["a", 1]', 't.tf');
    const r = evaluateAs(p.expr, scope, T.List(T.String));
    expect(formatConsoleValue(r.value)).toBe('tolist([\n  "a",\n  "1",\n])');
  });
  it('reports Incorrect value type with the path', () => {
    const p = parseExpression('["a", {}]', 't.tf');
    const r = evaluateAs(p.expr, scope, T.List(T.String));
    expect(r.diags[0]!.summary).toBe('Incorrect value type');
    expect(r.diags[0]!.detail).toBe('Invalid expression value: element 1: string required, but have object.');
    expect(r.value.isKnown).toBe(false);
  });
});

describe('evaluate: types of results', () => {
  it('gives tuple and object types to constructors', () => {
    expect(T.typeString(run('[1, "a"]').value.type)).toBe('tuple([number, string])');
    expect(T.typeString(run('{a = 1}').value.type)).toBe('object({a=number})');
  });
  it('keeps marks inside collections but not on siblings', () => {
    const v = run('{a = var.secret, b = "x"}').value;
    expect(v.isSensitive).toBe(false);
    expect(v.attrs.get('a')!.isSensitive).toBe(true);
    expect(v.attrs.get('b')!.isSensitive).toBe(false);
  });
  it('gives an unknown splat over an unknown list a list type', () => {
    const v = run('var.unkl[*]').value;
    expect(T.typeString(v.type)).toBe('list(string)');
  });
  it('returns tuples from tuple splats', () => {
    expect(T.typeString(run('[{a=1}, {a="x"}][*].a').value.type)).toBe('tuple([number, string])');
  });
  it('evaluates tuples with sensitive elements element-wise', () => {
    const v = run('[var.secret, "a"]').value;
    expect(v.elems[0]!.isSensitive).toBe(true);
    expect(v.elems[1]!.isSensitive).toBe(false);
    expect(tupleVal([]).elems.length).toBe(0);
  });
});
