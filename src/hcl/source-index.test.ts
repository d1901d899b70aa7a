import { describe, it, expect } from 'vitest';
import { SourceIndex } from './source-index.js';
import { parseConfig, parseExpression } from './parse.js';

/** Line, column (code points) and UTF-8 byte of a UTF-16 offset, the slow obvious way. */
function slowPos(src: string, off: number): { line: number; column: number; byte: number } {
  const before = src.slice(0, off);
  const lines = before.split('\n');
  return { line: lines.length, column: [...lines[lines.length - 1]].length + 1, byte: Buffer.byteLength(before) };
}

describe('SourceIndex', () => {
  const samples = [
    'a = 1\nb = 2\n',
    'a = "é ü 😀"\r\n# ß\nc = { "ключ" = 1 }\n\n',
    '日本\n語\n\n😀😀 x',
    '',
    'no newline at all',
  ];
  it.each(samples)('gives every offset the position the slow way gives: %j', (src) => {
    const ix = new SourceIndex('t', src);
    for (let off = 0; off <= src.length; off++) {
      const c = src.charCodeAt(off - 1);
      if (c >= 0xd800 && c <= 0xdbff) continue; // inside a surrogate pair
      expect(ix.pos(off)).toEqual(slowPos(src, off));
    }
  });

  it('answers the same in any order of lookups', () => {
    const src = Array.from({ length: 50 }, (_, i) => `line${i} = "é${i}"`).join('\n');
    const ix = new SourceIndex('t', src);
    const offs = Array.from({ length: 200 }, (_, i) => (i * 7919) % src.length);
    for (const off of offs) expect(ix.pos(off)).toEqual(slowPos(src, off));
  });

  it('counts a byte order mark as three bytes and no column', () => {
    const ix = new SourceIndex('t', '\ufeffab\ncd');
    expect(ix.pos(1)).toEqual({ line: 1, column: 1, byte: 3 });
    expect(ix.pos(3)).toEqual({ line: 1, column: 3, byte: 5 });
    expect(ix.pos(5)).toEqual({ line: 2, column: 2, byte: 7 });
  });

  it('continues from a start position (an expression embedded in another file)', () => {
    const ix = new SourceIndex('t', 'ab\ncd', { line: 4, column: 10, byte: 100 });
    expect(ix.pos(1)).toEqual({ line: 4, column: 11, byte: 101 });
    expect(ix.pos(4)).toEqual({ line: 5, column: 2, byte: 104 });
  });

  it('builds ranges that share the position of an empty range', () => {
    const r = new SourceIndex('f.tf', 'abc').range(1, 1);
    expect(r).toEqual({ filename: 'f.tf', start: { line: 1, column: 2, byte: 1 }, end: { line: 1, column: 2, byte: 1 } });
  });
});

describe('parser node ranges', () => {
  it('are plain objects computed from the source on request', () => {
    const src = 'resource "a" "b" {\n  x = var.é[0].y\n}\n';
    const { file } = parseConfig(src, 'main.tf');
    const block = file.body.blocks[0];
    expect(block.labelRanges).toEqual([
      { filename: 'main.tf', start: slowPos(src, 9), end: slowPos(src, 12) },
      { filename: 'main.tf', start: slowPos(src, 13), end: slowPos(src, 16) },
    ]);
    const attr = block.body.attributes.get('x')!;
    expect(attr.expr.range).toEqual({ filename: 'main.tf', start: slowPos(src, 25), end: slowPos(src, 35) });
    expect(JSON.parse(JSON.stringify(attr.nameRange))).toEqual(attr.nameRange);
  });

  it('keep every distinct name when many are interned', () => {
    const names = Array.from({ length: 3000 }, (_, i) => `n${i.toString(36)}_${'x'.repeat(i % 7)}`);
    const { file, diags } = parseConfig(names.map((n) => `${n} = var.${n}.${n}\n`).join(''), 'm.tf');
    expect(diags).toEqual([]);
    expect([...file.body.attributes.keys()]).toEqual(names);
    for (const n of names) {
      const e = file.body.attributes.get(n)!.expr;
      expect(e.kind === 'scopeTraversal' && e.traversal.steps.map((s) => (s.kind === 'attr' ? s.name : ''))).toEqual([n, n]);
    }
  });

  it('can be replaced by assignment', () => {
    const { expr } = parseExpression('a + b', 'x');
    const r = { filename: 'y', start: { line: 9, column: 1, byte: 0 }, end: { line: 9, column: 2, byte: 1 } };
    expr.range = r;
    expect(expr.range).toBe(r);
  });
});
