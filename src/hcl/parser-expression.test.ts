import { describe, expect, it } from 'vitest';
import { parseExpression } from './parse.js';
import { sexpr } from './parser-sexpr.js';

/** [source, expected S-expression] — every construct of the expression grammar. */
const cases: [string, string][] = [
  // literals
  ['1', '1'],
  ['1.5', '1.5'],
  ['1e3', '1e3'],
  ['1.5E-3', '1.5E-3'],
  ['2e+10', '2e+10'],
  ['true', 'true'],
  ['false', 'false'],
  ['null', 'null'],
  ['"hello"', '(tmpl "hello")'],
  ['""', '(tmpl "")'],
  // escapes
  ['"a\\nb\\tc\\r\\"\\\\"', '(tmpl "a\\nb\\tc\\r\\"\\\\")'],
  ['"\\u00e9\\U0001F600"', '(tmpl "é😀")'],
  ['"$${x} %%{y}"', '(tmpl "${x} %{y}")'],
  ['"$$ %% $x %x"', '(tmpl "$$ %% $x %x")'],
  // templates
  ['"${a}"', '(wrap a)'],
  ['"x${a}y"', '(tmpl "x" a "y")'],
  ['"${a}${b}"', '(tmpl a b)'],
  ['"${ "inner ${x}" }"', '(wrap (tmpl "inner " x))'],
  ['"a ${~ b ~} c"', '(tmpl "a" b "c")'],
  ['"%{if c}yes%{else}no%{endif}"', '(tmpl (? c (tmpl "yes") (tmpl "no")))'],
  ['"%{if c}yes%{endif}"', '(tmpl (? c (tmpl "yes") (tmpl "")))'],
  ['"%{ for x in xs }${x},%{ endfor }"', '(tmpl (join (for x in xs : (tmpl x ","))))'],
  // a stripped literal stays as an empty part, as in hclsyntax
  ['"%{ for k, v in m }${k}=${v} %{~ endfor ~}"', '(tmpl (join (for k,v in m : (tmpl k "=" v ""))))'],
  // strip markers act on the adjacent line only: heredoc literals are one token per line
  ['<<EOT\na\n %{~ if c ~} \n b \n%{~ endif ~}\nEOT\n', '(heredoc "a\\n" (? c (tmpl " b") (tmpl "")) "")'],
  ['<<EOT\n%{ for x in xs ~}\nserver ${x}\n%{ endfor ~}\nEOT\n', '(heredoc (join (for x in xs : (tmpl "server " x "\\n"))) "")'],
  // heredocs
  ['<<EOT\nhello\n  world\nEOT\n', '(heredoc "hello\\n  world\\n")'],
  ['<<-EOT\n    hello\n      world\n    EOT\n', '(heredoc "hello\\n  world\\n")'],
  ['<<-EOT\n    a ${b}\n  c\n  EOT\n', '(heredoc "  a " b "\\nc\\n")'],
  ['<<-EOT\n  a\n\n  b\n  EOT\n', '(heredoc "a\\n\\nb\\n")'],
  ['<<-EOT\n${x}\n  b\n  EOT\n', '(heredoc x "\\n  b\\n")'],
  ['<<EOT\n$${x}\nEOT\n', '(heredoc "${x}\\n")'],
  ['<<EOT\n  EOT\n', '(heredoc "")'],
  ['<<EOT\n\\n\nEOT\n', '(heredoc "\\\\n\\n")'],
  ['<<EOT\r\nwin\r\nEOT\r\n', '(heredoc "win\\r\\n")'],
  // variables and traversals
  ['a', 'a'],
  ['a.b.c', 'a.b.c'],
  ['a[0]', 'a[0]'],
  ['a["k"]', 'a["k"]'],
  ['a.0.b', 'a[0].b'],
  ['a[b]', '(index a b)'],
  ['a[b].c', '(rel (index a b) .c)'],
  ['a[\n0\n]', 'a[0]'],
  ['f(x).y[1]', '(rel (call f x) .y[1])'],
  // dashes continue identifiers; subtraction needs a space
  ['a-b', 'a-b'],
  ['foo-bar.baz', 'foo-bar.baz'],
  ['a - b - c', '(- (- a b) c)'],
  // splats
  ['a.*.b', '(splat. a (rel * .b))'],
  ['a.*', '(splat. a *)'],
  ['a.*.b[0]', '(rel (splat. a (rel * .b)) [0])'],
  ['a[*].b', '(splat a (rel * .b))'],
  ['a[*].b[0].c', '(splat a (rel * .b[0].c))'],
  ['a[*]', '(splat a *)'],
  ['a[*].b[*].c', '(splat a (splat (rel * .b) (rel * .c)))'],
  // operators and precedence
  ['1 + 2 * 3', '(+ 1 (* 2 3))'],
  ['(1 + 2) * 3', '(* (paren (+ 1 2)) 3)'],
  ['a || b && c', '(|| a (&& b c))'],
  ['a == b != c', '(!= (== a b) c)'],
  ['a < b == c >= d', '(== (< a b) (>= c d))'],
  ['a + b < c * d', '(< (+ a b) (* c d))'],
  ['a - b + c', '(+ (- a b) c)'],
  ['a / b % c * d', '(* (% (/ a b) c) d)'],
  ['a > b || c <= d', '(|| (> a b) (<= c d))'],
  ['!a && !b', '(&& (! a) (! b))'],
  ['-a.b', '(- a.b)'],
  ['- 1', '(- 1)'],
  ['!!a', '(! (! a))'],
  ['-a * b', '(* (- a) b)'],
  // conditionals
  ['a ? b : c', '(? a b c)'],
  ['a ? b : c ? d : e', '(? a b (? c d e))'],
  ['a == 1 ? "x" : "y"', '(? (== a 1) (tmpl "x") (tmpl "y"))'],
  ['a ? b ? c : d : e', '(? a (? b c d) e)'],
  // function calls
  ['f()', '(call f)'],
  ['f(1, 2)', '(call f 1 2)'],
  ['f(1, 2,)', '(call f 1 2)'],
  ['f(\n  1,\n  2\n)', '(call f 1 2)'],
  ['f(xs...)', '(call f xs ...)'],
  ['f(a, xs...)', '(call f a xs ...)'],
  ['provider::aws::arn_parse(x)', '(call provider::aws::arn_parse x)'],
  ['core::max(1, 2)', '(call core::max 1 2)'],
  // tuples
  ['[]', '[]'],
  ['[1, 2, 3]', '[1 2 3]'],
  ['[1, 2,]', '[1 2]'],
  ['[\n  1,\n  2,\n]', '[1 2]'],
  ['[[1], [2, 3]]', '[[1] [2 3]]'],
  // objects
  ['{}', '{}'],
  ['{ a = 1, b = 2 }', '{a=1 b=2}'],
  ['{ a = 1\n b = 2 }', '{a=1 b=2}'],
  ['{\n  a = 1\n  b = 2\n}', '{a=1 b=2}'],
  ['{ a: 1, "b": 2 }', '{a=1 (tmpl "b")=2}'],
  ['{ (a) = 1 }', '{(key (paren a))=1}'],
  ['{ "${a}" = 1 }', '{(wrap a)=1}'],
  ['{ a.b = 1 }', '{a.b=1}'],
  ['{ a = 1, }', '{a=1}'],
  ['{ a = { b = [1] } }', '{a={b=[1]}}'],
  // for expressions
  ['[for x in xs : x * 2]', '(for x in xs : (* x 2))'],
  ['[for i, x in xs : x if i > 0]', '(for i,x in xs : x if (> i 0))'],
  ['{for k, v in m : k => v}', '(for k,v in m : k => v)'],
  ['{for k, v in m : v => k...}', '(for k,v in m : v => k ...)'],
  ['{for k, v in m : k => v... if v != null}', '(for k,v in m : k => v ... if (!= v null))'],
  ['[\n  for x in xs :\n  x\n]', '(for x in xs : x)'],
  ['[for x in xs : [for y in x : y]]', '(for x in xs : (for y in x : y))'],
  // parentheses and newlines inside them
  ['(\n  a\n  +\n  b\n)', '(paren (+ a b))'],
  // unicode identifiers
  ['café.é', 'café.é'],
];

describe('parseExpression: tree shapes', () => {
  it.each(cases)('%j', (src, want) => {
    const { expr, diags } = parseExpression(src, 'test.hcl');
    expect(diags.map((d) => d.summary + ': ' + d.detail)).toEqual([]);
    expect(sexpr(expr)).toBe(want);
  });
});

describe('parseExpression: ranges', () => {
  it('gives 1-based line/column and 0-based byte offsets', () => {
    const { expr } = parseExpression('a.b[0]', 't');
    expect(expr.range.start).toEqual({ line: 1, column: 1, byte: 0 });
    expect(expr.range.end).toEqual({ line: 1, column: 7, byte: 6 });
    if (expr.kind !== 'scopeTraversal') throw new Error(expr.kind);
    expect(expr.traversal.rootRange.end.byte).toBe(1);
    expect(expr.traversal.steps.map((s) => [s.range.start.byte, s.range.end.byte])).toEqual([[1, 3], [3, 6]]);
  });

  it('counts code points for columns and UTF-8 bytes for offsets', () => {
    const { expr } = parseExpression('"é😀" + x', 't');
    if (expr.kind !== 'binaryOp') throw new Error(expr.kind);
    // "é😀" is 2 code points, 2+4 bytes, 3 UTF-16 units
    expect(expr.lhs.range.end).toEqual({ line: 1, column: 5, byte: 8 });
    expect(expr.rhs.range.start).toEqual({ line: 1, column: 8, byte: 11 });
  });

  it('tracks lines across heredocs and multi-line expressions', () => {
    const src = '[\n  <<EOT\n  x\nEOT\n  , y\n]';
    const { expr, diags } = parseExpression(src, 't');
    expect(diags).toEqual([]);
    if (expr.kind !== 'tuple') throw new Error(expr.kind);
    expect(expr.exprs[1].range.start).toEqual({ line: 5, column: 5, byte: 22 });
    expect(expr.range.end).toEqual({ line: 6, column: 2, byte: 25 });
  });

  it('honours a start position', () => {
    const { expr } = parseExpression('x', 't', { line: 10, column: 5, byte: 100 });
    expect(expr.range.start).toEqual({ line: 10, column: 5, byte: 100 });
    expect(expr.range.end).toEqual({ line: 10, column: 6, byte: 101 });
  });

  it('ranges function calls, conditionals and for expressions from first to last token', () => {
    const src = 'cond ? f(a) : [for x in y : x]';
    const { expr } = parseExpression(src, 't');
    if (expr.kind !== 'conditional') throw new Error(expr.kind);
    expect([expr.range.start.byte, expr.range.end.byte]).toEqual([0, src.length]);
    const call = expr.trueResult;
    if (call.kind !== 'functionCall') throw new Error(call.kind);
    expect([call.nameRange.start.byte, call.nameRange.end.byte]).toEqual([7, 8]);
    expect([call.openParenRange.start.byte, call.closeParenRange.start.byte]).toEqual([8, 10]);
    const f = expr.falseResult;
    if (f.kind !== 'for') throw new Error(f.kind);
    expect([f.openRange.start.byte, f.closeRange.start.byte]).toEqual([14, src.length - 1]);
  });

  it('keeps number literals as written', () => {
    const { expr } = parseExpression('12345678901234567890', 't');
    expect(expr.kind === 'literal' && expr.raw).toBe('12345678901234567890');
  });

  it('removes flush heredoc indentation from literal ranges', () => {
    const { expr } = parseExpression('<<-EOT\n    hi\n    EOT\n', 't');
    if (expr.kind !== 'template') throw new Error(expr.kind);
    expect(expr.parts[0].range.start).toEqual({ line: 2, column: 5, byte: 11 });
  });
});

/** [source, expected error summaries] for expressions. */
const errorCases: [string, string[]][] = [
  ['', ['Missing expression']],
  ['1 +', ['Missing expression']],
  [')', ['Invalid expression']],
  ['a b', ['Extra characters after expression']],
  ['a ? b', ['Missing false expression in conditional']],
  ['(a', ['Unbalanced parentheses']],
  ['f(a b)', ['Missing argument separator']],
  ['f(a', ['Unterminated function call']],
  ['f(a..., b)', ['Missing closing parenthesis']],
  ['provider::x', ['Missing open parenthesis']],
  ['provider::(', ['Missing function name']],
  ['[1 2]', ['Missing item separator']],
  ['[1,', ['Missing expression']],
  ['{ a = 1 b = 2 }', ['Missing attribute separator']],
  ['{ a, b = 1 }', ['Missing attribute value']],
  ['{ a }', ['Missing key/value separator']],
  ['{ a b }', ['Missing key/value separator']],
  ['{ a = 1', ['Unterminated object constructor expression']],
  ['a.', ['Invalid attribute name']],
  ['a.0.1', ['Invalid legacy index syntax']],
  ['a[0', ['Missing close bracket on index']],
  ['a[*', ['Missing close bracket on splat index']],
  ['a.*.*', ['Nested splat expression not allowed']],
  ['1.2.3', ['Invalid number literal']],
  ['[for x xs : x]', ["Invalid 'for' expression"]],
  ['[for x in xs x]', ["Invalid 'for' expression"]],
  ['[for in xs : x]', ["Invalid 'for' expression"]],
  ['[for x in xs : k => x]', ["Invalid 'for' expression"]],
  ['[for x in xs : x...]', ["Invalid 'for' expression"]],
  ['{for x in xs : x}', ["Invalid 'for' expression"]],
  ['[for x in xs : x y]', ["Invalid 'for' expression"]],
  ['"abc', ['Unterminated template string']],
  ['"a\nb"', ['Invalid multi-line string', 'Unterminated template string']],
  ['"\\q"', ['Invalid escape sequence']],
  ['"\\u12"', ['Invalid escape sequence']],
  ['"\\U0000D800"', ['Invalid escape sequence']],
  ['"${a"', ['Unclosed template interpolation sequence']],
  ['"${a b}"', ['Extra characters after interpolation expression']],
  ['"${a:b}"', ['Extra characters after interpolation expression']],
  ['"%{if a}x"', ['Unexpected end of template']],
  ['"%{endif}"', ['Unexpected endif directive']],
  ['"%{for x in y}a%{else}b%{endfor}"', ['Unexpected else directive', 'Unexpected endfor directive']],
  ['"%{if a}x%{else}y%{else}z%{endif}"', ['Unexpected else directive', 'Unexpected endif directive']],
  ['"%{if a}x%{endfor}"', ['Unexpected endfor directive']],
  ['"%{iff a}x"', ['Invalid template control keyword']],
  ['"%{ 1 }"', ['Invalid template directive']],
  ['"%{for in y}%{endfor}"', ["Invalid 'for' directive", 'Unexpected endfor directive']],
  ['"%{if a b}x%{endif}"', ['Extra characters in if marker']],
  ['<<EOT\nabc\n', ['Unterminated template string']],
  ["'a'", ['Invalid character', 'Invalid expression']],
  ['a & b', ['Unsupported operator', 'Extra characters after expression']],
  ['a ; b', ['Invalid character', 'Extra characters after expression']],
  ['\u201ca\u201d', ['Invalid character', 'Invalid character', 'Invalid expression']],
  ['a @ b', ['Invalid character', 'Extra characters after expression']],
  ['/* x', ['Invalid expression']],
];

describe('parseExpression: errors', () => {
  it.each(errorCases)('%j', (src, want) => {
    const { expr, diags } = parseExpression(src, 'test.hcl');
    expect(expr).toBeDefined();
    expect(diags.map((d) => d.summary)).toEqual(want);
    for (const d of diags) {
      expect(d.severity).toBe('error');
      expect(d.detail).toBeTruthy();
      expect(d.subject?.filename).toBe('test.hcl');
    }
  });

  it('reports template directive mismatches with the opening position', () => {
    const { diags } = parseExpression('"%{if a}x"', 'f.tf');
    expect(diags[0].detail).toBe('The if directive at f.tf:1,2-9 is missing its corresponding endif directive.');
  });

  it('suggests a template keyword', () => {
    const { diags } = parseExpression('"%{endiff}"', 'f.tf');
    expect(diags[0].detail).toBe('"endiff" is not a valid template control keyword. Did you mean "endif"?');
  });

  it('places escape errors on the escape itself', () => {
    const { diags } = parseExpression('"ab\\qc"', 'f.tf');
    expect(diags[0].subject?.start).toEqual({ line: 1, column: 4, byte: 3 });
    expect(diags[0].subject?.end).toEqual({ line: 1, column: 6, byte: 5 });
    expect(diags[0].detail).toBe('The symbol "q" is not a valid escape sequence selector.');
  });
});
