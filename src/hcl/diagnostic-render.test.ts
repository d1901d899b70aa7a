import { describe, it, expect } from 'vitest';
import { renderDiagnostic, renderDiagnostics, wordWrap } from './diagnostic-render.js';
import type { Diagnostic, Range } from './diagnostic.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from './parse.js';
import { bodyOf } from './body.js';
import { parseJsonConfig } from './json/parse-config.js';

const src = [
  'variable "x" {}',
  '',
  'resource "aws_instance" "web" {',
  '  ami = "abc"',
  '  foo = 1',
  '}',
  '',
].join('\n');
const sources = new Map([['main.tf', src]]);

/** The range of the `n`th occurrence of `text` in src (1-based line/col computed). */
function rangeOf(text: string, filename = 'main.tf', s = src): Range {
  const i = s.indexOf(text);
  const pos = (o: number) => {
    const before = s.slice(0, o);
    const line = before.split('\n').length;
    return { line, column: o - before.lastIndexOf('\n'), byte: Buffer.byteLength(before) };
  };
  return { filename, start: pos(i), end: pos(i + text.length) };
}

const unsupported: Diagnostic = {
  severity: 'error', summary: 'Unsupported argument',
  detail: 'An argument named "foo" is not expected here.', subject: rangeOf('foo'),
};

describe('renderDiagnostic', () => {
  it('draws the box without color, with the innermost top-level block as context', () => {
    expect(renderDiagnostic(unsupported, sources, { color: false, plain: false })).toBe([
      '╷',
      '│ Error: Unsupported argument',
      '│',
      '│   on main.tf line 5, in resource "aws_instance" "web":',
      '│    5:   foo = 1',
      '│',
      '│ An argument named "foo" is not expected here.',
      '╵',
      '',
    ].join('\n'));
  });

  it('uses the plain form for -no-color', () => {
    expect(renderDiagnostic(unsupported, sources, { color: false })).toBe([
      '',
      'Error: Unsupported argument',
      '',
      '  on main.tf line 5, in resource "aws_instance" "web":',
      '   5:   foo = 1',
      '',
      'An argument named "foo" is not expected here.',
      '',
    ].join('\n'));
  });

  it('underlines the subject and colors the rule with color on', () => {
    const out = renderDiagnostic(unsupported, sources, { color: true });
    expect(out).toContain('   5:   \x1b[4mfoo\x1b[0m = 1\x1b[0m\n');
    expect(out.startsWith('\x1b[31m╷\x1b[0m\x1b[0m\n')).toBe(true);
  });

  it('gives no context when the subject starts the block itself', () => {
    const d: Diagnostic = { severity: 'error', summary: 'X', subject: rangeOf('resource') };
    expect(renderDiagnostic(d, sources, { color: false })).toContain('  on main.tf line 3:\n   3: resource "aws_instance" "web" {\n');
  });

  it('shows every line of the context range and the warning form', () => {
    const d: Diagnostic = { severity: 'warning', summary: 'W', detail: 'd', subject: rangeOf('ami'), context: rangeOf('ami = "abc"\n  foo = 1') };
    expect(renderDiagnostic(d, sources, { color: false })).toBe('\nWarning: W\n\n  on main.tf line 4, in resource "aws_instance" "web":\n   4:   ami = "abc"\n   5:   foo = 1\n\nd\n');
  });

  it('renders without a subject, without source, and with an address', () => {
    expect(renderDiagnostic({ severity: 'error', summary: 'S', detail: 'D' }, sources, { color: false, plain: false }))
      .toBe('╷\n│ Error: S\n│\n│ D\n╵\n');
    const d: Diagnostic = { severity: 'error', summary: 'S', subject: rangeOf('foo', 'other.tf'), extra: { address: 'aws_instance.web[0]' } };
    expect(renderDiagnostic(d, sources, { color: false })).toBe('\nError: S\n\n  with aws_instance.web[0],\n  on other.tf line 5:\n  (source code not available)\n\n');
  });

  it('prints expression values sorted by traversal, and the called function', () => {
    const d: Diagnostic = {
      severity: 'error', summary: 'Invalid function argument', subject: rangeOf('"abc"'),
      extra: { values: [{ traversal: 'var.z', statement: 'is "a"' }, { traversal: 'var.a', statement: 'is 1' }], functionCall: { calledAs: 'upper', params: ['str'] } },
    };
    expect(renderDiagnostic(d, sources, { color: false })).toContain([
      '   4:   ami = "abc"',
      '    ├────────────────',
      '    │ while calling upper(str)',
      '    │ var.a is 1',
      '    │ var.z is "a"',
      '', ''].join('\n'));
  });

  it('highlights one byte for an empty subject at end of line', () => {
    const r = rangeOf('{}');
    const d: Diagnostic = { severity: 'error', summary: 'S', subject: { ...r, start: r.end } };
    expect(renderDiagnostic(d, sources, { color: true })).toContain('   1: variable "x" {}\x1b[4m\x1b[0m\x1b[0m\n');
  });

  it('names the JSON path as context for .tf.json files', () => {
    const j = '{\n  "resource": {\n    "aws_instance": {\n      "web": {\n        "foo": 1\n      }\n    }\n  }\n}\n';
    const d: Diagnostic = { severity: 'error', summary: 'S', subject: rangeOf('"foo"', 'main.tf.json', j) };
    expect(renderDiagnostic(d, new Map([['main.tf.json', j]]), { color: false })).toContain('  on main.tf.json line 5, in resource.aws_instance.web:\n   5:         "foo": 1\n');
  });

  it('wraps long details to the width like go-wordwrap', () => {
    expect(wordWrap('aaa bbb ccc ddd', 7)).toBe('aaa bbb\nccc ddd');
    expect(wordWrap('averyveryverylongword x', 5)).toBe('averyveryverylongword\nx');
    const d: Diagnostic = { severity: 'error', summary: 'S', detail: 'one two three four five six seven eight nine ten' };
    expect(renderDiagnostic(d, sources, { color: false, width: 20 })).toBe('\nError: S\n\none two three four\nfive six seven\neight nine ten\n');
  });
});

describe('renderDiagnostics', () => {
  it('sorts warnings first, sends errors to stderr, and consolidates repeated warnings', () => {
    const w = (t: string): Diagnostic => ({ severity: 'warning', summary: 'Deprecated', detail: 'old', subject: rangeOf(t) });
    const out = renderDiagnostics([unsupported, w('ami'), w('foo')], sources, { color: false });
    expect(out.stderr).toContain('Error: Unsupported argument');
    expect(out.stdout).toContain('old\n\n(and one more similar warning elsewhere)\n');
    expect(out.stdout.match(/Warning: Deprecated/g)).toHaveLength(1);
  });

  it('uses the compact form when all are warnings', () => {
    const w = (t: string): Diagnostic => ({ severity: 'warning', summary: 'Deprecated', subject: rangeOf(t) });
    const out = renderDiagnostics([w('ami'), w('foo'), { severity: 'warning', summary: 'Other' }], sources, { color: false, compactWarnings: true });
    expect(out.stdout).toBe('\nWarnings:\n\n- Other\n- Deprecated\n  on main.tf line 4 (and 1 more)\n\nTo see the full warning notes, run Terraform without -compact-warnings.\n');
  });
});

describe('against Terraform 1.11 output', () => {
  // Goldens are `terraform validate` output (stderr) for testdata/hcl/render/main.tf.
  const dir = join(import.meta.dirname, '../../testdata/hcl/render');
  const src = readFileSync(join(dir, 'main.tf'), 'utf8');
  const { file } = parseConfig(src, 'main.tf');
  const top = bodyOf(file).content({ attributes: [], blocks: [
    { type: 'variable', labelNames: ['name'] }, { type: 'locals', labelNames: [] }, { type: 'output', labelNames: ['name'] },
  ] });
  const diags = [...top.diags];
  for (const b of top.content.blocks) {
    if (b.type === 'variable') diags.push(...b.body.content({ attributes: [{ name: 'type' }, { name: 'default' }], blocks: [] }).diags);
    if (b.type === 'output') diags.push(...b.body.content({ attributes: [{ name: 'value', required: true }], blocks: [] }).diags);
  }
  const srcs = new Map([['main.tf', src]]);
  it.each(['plain', 'color'])('renders like terraform (%s)', (mode) => {
    const want = readFileSync(join(dir, `validate.${mode}.golden`), 'utf8');
    expect(renderDiagnostics(diags, srcs, { color: mode === 'color' }).stderr).toBe(want);
  });
});

describe('against Terraform 1.11 output for the JSON syntax', () => {
  it('names the JSON path as context and decodes bodies by schema', () => {
    const dir = join(import.meta.dirname, '../../testdata/hcl/render');
    const src = readFileSync(join(dir, 'main.tf.json'), 'utf8');
    const { file, diags: parseDiags } = parseJsonConfig(src, 'main.tf.json');
    expect(parseDiags).toEqual([]);
    const top = bodyOf(file).content({ attributes: [], blocks: [{ type: 'variable', labelNames: ['name'] }, { type: 'output', labelNames: ['name'] }] });
    const diags = [...top.diags];
    for (const b of top.content.blocks) {
      if (b.type === 'variable') diags.push(...b.body.content({ attributes: [{ name: 'type' }, { name: 'default' }, { name: 'description' }], blocks: [{ type: 'validation', labelNames: [] }] }).diags);
      if (b.type === 'output') diags.push(...b.body.content({ attributes: [{ name: 'value', required: true }, { name: 'description' }], blocks: [] }).diags);
    }
    const want = readFileSync(join(dir, 'validate-json.plain.golden'), 'utf8');
    expect(renderDiagnostics(diags, new Map([['main.tf.json', src]]), { color: false }).stderr).toBe(want);
  });
});
