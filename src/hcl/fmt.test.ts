import { SmallMap } from './small-map.js';
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatSource } from './fmt.js';
import { parseConfig } from './parse.js';
import { unifiedDiff } from './unified-diff.js';

const fmtDir = join(import.meta.dirname, '../../testdata/hcl/fmt');
const corpusDir = join(import.meta.dirname, '../../testdata/hcl/corpus');
const inputs = readdirSync(fmtDir).filter((f) => f.endsWith('.in.tf')).sort();
const corpus = readdirSync(corpusDir).filter((f) => f.endsWith('.tf')).sort();

/** The source offsets parser nodes keep their ranges in (see ast-nodes.ts). */
const OFFSETS = new Set(['f', 's', 'e', 'bs', 'ms', 'me', 'ne', 'os', 'oe', 'cs', 'ce', 'eq', 'es', 'ee', 'ls']);

/** The tree without positions, with the rewrites fmt may make (`"${x}"` -> `x`, parentheses) undone. */
function shape(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(shape);
  if (v instanceof Map || v instanceof SmallMap) return [...v.entries()].map(([k, x]) => [k, shape(x)]);
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (o.kind === 'templateWrap') return shape(o.wrapped);
    if (o.kind === 'parens') return shape(o.wrapped);
    const out: Record<string, unknown> = {};
    // Parser nodes keep `kind` on their prototype.
    if (o.kind !== undefined) out.kind = o.kind;
    for (const [k, x] of Object.entries(o)) {
      if (/range$/i.test(k) || OFFSETS.has(k) || k === 'labelRanges' || k === 'id' || k === 'raw' || k === 'src') continue;
      out[k] = shape(x);
    }
    return out;
  }
  return v;
}

describe('formatSource', () => {
  it.each(inputs)('formats %s exactly like terraform fmt (golden from Terraform 1.11)', (name) => {
    const src = readFileSync(join(fmtDir, name), 'utf8');
    const want = readFileSync(join(fmtDir, name.replace('.in.tf', '.golden.tf')), 'utf8');
    const { result, diags } = formatSource(src, name);
    expect(diags).toEqual([]);
    expect(result).toBe(want);
  });

  it.each([...corpus, ...inputs])('is idempotent and keeps the meaning of %s', (name) => {
    const file = join(name.endsWith('.in.tf') ? fmtDir : corpusDir, name);
    const src = readFileSync(file, 'utf8');
    const once = formatSource(src, name).result;
    expect(formatSource(once, name).result).toBe(once);
    const before = parseConfig(src, name).file.body;
    const after = parseConfig(once, name).file.body;
    // These two contain legacy type strings, which fmt rewrites on purpose.
    if (!name.startsWith('labels-and-types') && !name.startsWith('mixed')) expect(shape(after)).toEqual(shape(before));
  });

  it('returns the source unchanged with the syntax errors', () => {
    const { result, diags } = formatSource('a = [\n', 'x.tf');
    expect(result).toBe('a = [\n');
    expect(diags.some((d) => d.severity === 'error')).toBe(true);
  });

  it.each([
    ['a=1\nbb = 2\n', 'a  = 1\nbb = 2\n'],
    ['a = 1\n\nbbb = 2\n', 'a = 1\n\nbbb = 2\n'],
    ['x = { a=1, b = [1,2] }\n', 'x = { a = 1, b = [1, 2] }\n'],
    ['a = b ? -1 : !c\n', 'a = b ? -1 : !c\n'],
    ['a = [for x in [1]: x]\n', 'a = [for x in [1] : x]\n'],
    ['a = "${ b }${ c }"\n', 'a = "${b}${c}"\n'],
    ['b {\n\tc = 1 # x\n\tdd = 2 # y\n}\n', 'b {\n  c  = 1 # x\n  dd = 2 # y\n}\n'],
    ['a = provider::aws::f( 1 )\n', 'a = provider::aws::f(1)\n'],
  ])('formats %j', (src, want) => {
    expect(formatSource(src, 'x.tf').result).toBe(want);
  });
});

describe('unifiedDiff', () => {
  it('prints hunks with three lines of context like diff -u', () => {
    const a = 'l1\nl2\nl3\nl4\nl5\nl6\nl7\nl8\n';
    const b = 'l1\nl2\nl3\nl4\nX5\nl6\nl7\nl8\n';
    expect(unifiedDiff(a, b, 'old/f', 'new/f')).toBe('--- old/f\n+++ new/f\n@@ -2,7 +2,7 @@\n l2\n l3\n l4\n-l5\n+X5\n l6\n l7\n l8\n');
  });

  it('marks a missing final newline and handles empty sides', () => {
    expect(unifiedDiff('a', 'a\n', 'o', 'n')).toBe('--- o\n+++ n\n@@ -1 +1 @@\n-a\n\\ No newline at end of file\n+a\n');
    expect(unifiedDiff('', 'a\n', 'o', 'n')).toBe('--- o\n+++ n\n@@ -0,0 +1 @@\n+a\n');
    expect(unifiedDiff('x\n', 'x\n', 'o', 'n')).toBe('');
  });
});
