import { describe, it, expect } from 'vitest';
import { parseJsonConfig } from './parse-config.js';
import { jsonExprToNative, jsonStringAsExpression, jsonExprAsTraversalList } from './expr.js';
import type { JsonExpr } from '../ast.js';

function expr(json: string): JsonExpr {
  const { file, diags } = parseJsonConfig(`{"v": ${json}}`, 'main.tf.json');
  expect(diags).toEqual([]);
  return file.body.attributes.get('v')!.expr as JsonExpr;
}

describe('jsonExprToNative', () => {
  it('parses strings as templates with positions inside the JSON string', () => {
    const { expr: e, diags } = jsonExprToNative(expr('"a-${var.x}"'), 'template');
    expect(diags).toEqual([]);
    expect(e.kind).toBe('template');
    if (e.kind !== 'template') return;
    expect(e.parts.map((p) => p.kind)).toEqual(['literal', 'scopeTraversal']);
    expect(e.parts[1]!.range.start).toEqual({ line: 1, column: 12, byte: 11 });
  });

  it('reads strings literally in literal mode', () => {
    expect(jsonExprToNative(expr('"${x}"'), 'literal').expr).toMatchObject({ kind: 'literal', value: '${x}' });
  });

  it('maps arrays and objects to constructors, with template keys', () => {
    const { expr: e } = jsonExprToNative(expr('{"${k}": [1, true, null]}'), 'template');
    expect(e).toMatchObject({
      kind: 'object',
      items: [{ key: { kind: 'templateWrap' }, value: { kind: 'tuple', exprs: [{ value: 1 }, { value: true }, { value: null }] } }],
    });
  });

  it('reports template syntax errors', () => {
    expect(jsonExprToNative(expr('"${"'), 'template').diags.length).toBeGreaterThan(0);
  });
});

describe('native syntax inside JSON strings', () => {
  it('reads a type expression', () => {
    const { expr: e, diags } = jsonStringAsExpression(expr('"map(string)"'));
    expect(diags).toEqual([]);
    expect(e).toMatchObject({ kind: 'functionCall', name: 'map' });
  });

  it('reads depends_on traversals and rejects non-references', () => {
    const ok = jsonExprAsTraversalList(expr('["aws_instance.a", "module.b"]'));
    expect(ok.diags).toEqual([]);
    expect(ok.traversals.map((t) => t.root)).toEqual(['aws_instance', 'module']);
    const bad = jsonExprAsTraversalList(expr('["f(x)"]'));
    expect(bad.diags).toEqual([expect.objectContaining({ summary: 'Invalid expression' })]);
  });
});
