import { describe, expect, it } from 'vitest';
import type { Block, Body } from './ast.js';
import { parseConfig } from './parse.js';
import { sexpr } from './parser-sexpr.js';

/** A compact rendering of a body: `name=expr` for attributes, `type "l1" "l2" {…}` for blocks. */
function show(b: Body): string {
  const items: string[] = [];
  for (const a of b.attributes.values()) items.push(`${a.name}=${sexpr(a.expr)}`);
  for (const bl of b.blocks) items.push(showBlock(bl));
  return items.join('; ');
}

function showBlock(b: Block): string {
  return `${b.type}${b.labels.map((l) => ` ${JSON.stringify(l)}`).join('')} {${show(b.body)}}`;
}

const cases: [string, string][] = [
  ['', ''],
  ['\n\n', ''],
  ['a = 1', 'a=1'],
  ['a = 1\nb = "x"\n', 'a=1; b=(tmpl "x")'],
  ['a = 1 # comment\nb = 2 // another\n/* block\ncomment */ c = 3\n', 'a=1; b=2; c=3'],
  ['# only a comment', ''],
  ['a = 1 # trailing comment without newline', 'a=1'],
  ['resource "aws_instance" "web" {\n  ami = "x"\n}\n', 'resource "aws_instance" "web" {ami=(tmpl "x")}'],
  ['terraform {\n}\n', 'terraform {}'],
  ['a {}', 'a {}'],
  ['a b c {\n}', 'a "b" "c" {}'],
  ['a "b" c "d" {\n}', 'a "b" "c" "d" {}'],
  ['a "es\\"c" {\n}', 'a "es\\"c" {}'],
  ['a { b = 1 }', 'a {b=1}'],
  ['a "l" { b = [1, 2] }\nc = 3', 'c=3; a "l" {b=[1 2]}'],
  ['outer {\n  inner {\n    x = 1\n  }\n  inner {\n    x = 2\n  }\n}\n', 'outer {inner {x=1}; inner {x=2}}'],
  ['a = {\n  b = 1\n  c = 2\n}\n', 'a={b=1 c=2}'],
  ['a = [\n  1,\n  2,\n]\n', 'a=[1 2]'],
  ['a = <<EOT\nhello\nEOT\nb = 2\n', 'a=(heredoc "hello\\n"); b=2'],
  ['a = 1\r\nb = 2\r\n', 'a=1; b=2'],
  ['\ufeffa = 1', 'a=1'],
  ['a = x ? y : z\n', 'a=(? x y z)'],
  ['a = f(\n  1,\n  2,\n)\n', 'a=(call f 1 2)'],
  ['locals {\n  x = { for k, v in var.m : k => v if v != null }\n}\n', 'locals {x=(for k,v in var.m : k => v if (!= v null))}'],
  ['a\t=\t1', 'a=1'],
];

describe('parseConfig: bodies', () => {
  it.each(cases)('%j', (src, want) => {
    const { file, diags } = parseConfig(src, 'main.tf');
    expect(diags.map((d) => `${d.summary}: ${d.detail}`)).toEqual([]);
    expect(file.filename).toBe('main.tf');
    expect(file.syntax).toBe('native');
    expect(file.src).toBe(src);
    expect(show(file.body)).toBe(want);
  });
});

describe('parseConfig: ranges', () => {
  const src = 'resource "aws_instance" "web" {\n  ami = "abc"\n}\n';
  const { file } = parseConfig(src, 'main.tf');
  const block = file.body.blocks[0];

  it('ranges a block from its type to its closing brace', () => {
    expect(block.typeRange).toEqual({ filename: 'main.tf', start: { line: 1, column: 1, byte: 0 }, end: { line: 1, column: 9, byte: 8 } });
    expect(block.labelRanges.map((r) => [r.start.column, r.end.column])).toEqual([[10, 24], [25, 30]]);
    expect(block.openBraceRange.start).toEqual({ line: 1, column: 31, byte: 30 });
    expect(block.closeBraceRange.start).toEqual({ line: 3, column: 1, byte: 46 });
    expect(block.range.start.byte).toBe(0);
    expect(block.range.end.byte).toBe(47);
  });

  it('ranges a block body from brace to brace, with an end range before the closing brace', () => {
    expect(block.body.range.start.byte).toBe(30);
    expect(block.body.range.end.byte).toBe(47);
    expect(block.body.endRange.start).toEqual(block.body.endRange.end);
  });

  it('ranges an attribute over name and expression, not the newline', () => {
    const a = block.body.attributes.get('ami');
    expect(a?.nameRange).toEqual({ filename: 'main.tf', start: { line: 2, column: 3, byte: 34 }, end: { line: 2, column: 6, byte: 37 } });
    expect(a?.equalsRange.start.column).toBe(7);
    expect(a?.range.start.column).toBe(3);
    expect(a?.range.end).toEqual({ line: 2, column: 14, byte: 45 });
    expect(a?.expr.range.start.column).toBe(9);
  });

  it('ranges the file body from the first token to the end', () => {
    expect(file.body.range.start.byte).toBe(0);
    expect(file.body.range.end.byte).toBe(src.length);
  });

  it('counts UTF-8 bytes before a position', () => {
    const { file: f } = parseConfig('a = "ü"\nb = 1\n', 't.tf');
    expect(f.body.attributes.get('a')?.range.end).toEqual({ line: 1, column: 8, byte: 8 });
    expect(f.body.attributes.get('b')?.nameRange.start).toEqual({ line: 2, column: 1, byte: 9 });
  });

  it('keeps attributes in source order', () => {
    const { file: f } = parseConfig('z = 1\na = 2\nm = 3\n', 't.tf');
    expect([...f.body.attributes.keys()]).toEqual(['z', 'a', 'm']);
  });
});

/** [source, expected [summary, line] list] — recovery continues and reports several errors. */
const errorCases: [string, [string, number][]][] = [
  ['a = 1\na = 2\n', [['Attribute redefined', 2]]],
  ['a = 1 b = 2\n', [['Missing newline after argument', 1]]],
  ['a = 1, b = 2\n', [['Unexpected comma after argument', 1]]],
  ['a\n', [['Argument or block definition required', 1]]],
  ['"a" = 1\n', [['Invalid argument name', 1]]],
  ['= 1\n', [['Argument or block definition required', 1]]],
  ['a {\n  b = 1\n', [['Unclosed configuration block', 1]]],
  ['a {\n', [['Unclosed configuration block', 1]]],
  ['a "b" = {\n}\n', [['Invalid block definition', 1]]],
  // after recovery, hclsyntax suppresses follow-on "required" errors
  ['a "b"\n{\n}\n', [['Invalid block definition', 1]]],
  ['a "b" 1 {\n}\n', [['Invalid block definition', 1]]],
  // the closing marker of a heredoc must be followed by a newline (terraform#31450)
  ['a = <<EOT\nhello\nEOT', [['Unterminated template string', 3]]],
  ['a { b = 1, c = 2 }\n', [['Invalid single-argument block definition', 1]]],
  ['a { b = 1\n}\n', [['Invalid single-argument block definition', 1]]],
  ['a { b {} }\n', [['Argument definition required', 1]]],
  ['a { b = 1 } c = 2\n', [['Missing newline after block definition', 1]]],
  ['a { b = 1', [['Unclosed configuration block', 1]]],
  ['a = \n', [['Invalid expression', 1]]],
  ['a = 1\nb = \nc = 3\nd = (\n', [['Invalid expression', 2], ['Unbalanced parentheses', 5]]],
  // the rest of the file stays inside the string, as in hclsyntax's scanner
  ['a = "x\nb = 1\n', [['Invalid multi-line string', 1], ['Invalid multi-line string', 2], ['Unterminated template string', 1]]],
  ['a = 1;\n', [['Invalid character', 1], ['Missing newline after argument', 1]]],
  ['a = 1\n}\nb = 2\n', [['Argument or block definition required', 2]]],
  ['a { b = 1 }\nc {\n  d = 1\n  d = 2\n}\n', [['Attribute redefined', 4]]],
];

describe('parseConfig: errors', () => {
  it.each(errorCases)('%j', (src, want) => {
    const { file, diags } = parseConfig(src, 'main.tf');
    expect(file.body).toBeDefined();
    expect(diags.map((d) => [d.summary, d.subject?.start.line])).toEqual(want);
  });

  it('words "Attribute redefined" as hclsyntax does', () => {
    const { diags } = parseConfig('a = 1\na = 2\n', 'main.tf');
    expect(diags[0].detail).toBe('The argument "a" was already set at main.tf:1,1-2. Each argument may be set only once.');
    expect(diags[0].subject?.start).toEqual({ line: 2, column: 1, byte: 6 });
  });

  it('keeps the first definition of a redefined attribute', () => {
    const { file } = parseConfig('a = 1\na = 2\n', 'main.tf');
    expect(sexpr(file.body.attributes.get('a')!.expr)).toBe('1');
  });

  it('recovers after a bad item and keeps parsing the rest of the file', () => {
    const src = 'a = (\nb = 2\nres "x" {\n  c = [1 2]\n  d = 4\n}\ne = 5\n';
    const { file, diags } = parseConfig(src, 'main.tf');
    expect(diags.length).toBeGreaterThan(0);
    expect(file.body.attributes.has('e')).toBe(true);
  });

  it('reports several independent errors in one pass', () => {
    // character errors come from the token pass, then the parser's in source order
    const src = 'a = \nb = 1\nb = 2\nc = 1;\n';
    const { diags } = parseConfig(src, 'main.tf');
    expect(diags.map((d) => [d.summary, d.subject?.start.line])).toEqual([
      ['Invalid character', 4], ['Invalid expression', 1], ['Attribute redefined', 3],
    ]);
  });
});
