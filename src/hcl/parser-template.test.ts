import { describe, expect, it } from 'vitest';
import { parseTemplate, parseTraversalAbs } from './parse.js';
import { sexpr } from './parser-sexpr.js';

const templates: [string, string][] = [
  ['', '(tmpl "")'],
  ['hello', '(tmpl "hello")'],
  ['${x}', '(wrap x)'],
  ['a ${x} b', '(tmpl "a " x " b")'],
  ['line1\nline2 ${x}\n', '(tmpl "line1\\nline2 " x "\\n")'],
  ['"quotes" and \\n stay', '(tmpl "\\"quotes\\" and \\\\n stay")'],
  ['$${x} %%{y}', '(tmpl "${x} %{y}")'],
  ['cost: $5 100%', '(tmpl "cost: $5 100%")'],
  ['ends with $', '(tmpl "ends with $")'],
  ['%{ for s in xs ~}\n- ${s}\n%{ endfor ~}\n', '(tmpl (join (for s in xs : (tmpl "- " s "\\n"))) "")'],
  ['%{ if a }A%{ else }B%{ endif }', '(tmpl (? a (tmpl "A") (tmpl "B")))'],
  ['${ f("}") }', '(wrap (call f (tmpl "}")))'],
];

describe('parseTemplate', () => {
  it.each(templates)('%j', (src, want) => {
    const { expr, diags } = parseTemplate(src, 'tpl.tftpl');
    expect(diags.map((d) => d.summary)).toEqual([]);
    expect(sexpr(expr)).toBe(want);
  });

  it('diagnoses unbalanced directives', () => {
    const { diags } = parseTemplate('%{ if a }x', 'tpl');
    expect(diags.map((d) => d.summary)).toEqual(['Unexpected end of template']);
  });

  it('ranges the template over the whole input', () => {
    const { expr } = parseTemplate('ab\ncd', 'tpl');
    expect(expr.range.start).toEqual({ line: 1, column: 1, byte: 0 });
    expect(expr.range.end).toEqual({ line: 2, column: 3, byte: 5 });
  });
});

describe('parseTraversalAbs', () => {
  const ok: [string, string][] = [
    ['aws_instance.web', 'aws_instance.web'],
    ['aws_instance.web[0]', 'aws_instance.web[0]'],
    ['module.a["k"].b', 'module.a["k"].b'],
    ['x', 'x'],
  ];
  it.each(ok)('%j', (src, want) => {
    const { traversal, diags } = parseTraversalAbs(src, 'cli');
    expect(diags).toEqual([]);
    const steps = traversal!.steps.map((s) => (s.kind === 'attr' ? `.${s.name}` : `[${JSON.stringify(s.key)}]`)).join('');
    expect(traversal!.root + steps).toBe(want);
    expect(traversal!.range.end.byte).toBe(Buffer.byteLength(src));
  });

  const bad: [string, string][] = [
    ['', 'Variable name required'],
    ['1', 'Variable name required'],
    ['a.', 'Attribute name required'],
    ['a.*', 'Attribute name required'],
    ['a[*]', 'Attribute name required'],
    ['a[b]', 'Index value required'],
    ['a[0', 'Unclosed index brackets'],
    ['a + 1', 'Invalid character'],
  ];
  it.each(bad)('%j is an error', (src, summary) => {
    const { diags } = parseTraversalAbs(src, 'cli');
    expect(diags.map((d) => d.summary)).toEqual([summary]);
  });
});
