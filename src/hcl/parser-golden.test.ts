/**
 * Conformance fixtures: every testdata/hcl/parser/*.tf is parsed and rendered as a readable
 * outline (items with ranges, expression trees, diagnostics with ranges), compared with the
 * `.golden` file next to it. Regenerate with UPDATE_GOLDEN=1 and review the diff.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Body } from './ast.js';
import type { Range } from './diagnostic.js';
import { parseConfig } from './parse.js';
import { sexpr } from './parser-sexpr.js';

const dir = resolve(dirname(fileURLToPath(import.meta.url)), '../../testdata/hcl/parser');

function rng(r: Range): string {
  return `${r.start.line}:${r.start.column}+${r.start.byte}..${r.end.line}:${r.end.column}+${r.end.byte}`;
}

function outline(b: Body, indent: string, out: string[]): void {
  for (const a of b.attributes.values()) {
    out.push(`${indent}attr ${a.name} @${rng(a.range)} name@${rng(a.nameRange)} expr@${rng(a.expr.range)}`);
    out.push(`${indent}  = ${sexpr(a.expr)}`);
  }
  for (const bl of b.blocks) {
    const labels = bl.labels.map((l, i) => `${JSON.stringify(l)}@${rng(bl.labelRanges[i])}`).join(' ');
    out.push(`${indent}block ${bl.type}${labels ? ' ' + labels : ''} @${rng(bl.range)} { @${rng(bl.openBraceRange)} } @${rng(bl.closeBraceRange)}`);
    outline(bl.body, indent + '  ', out);
  }
}

function render(src: string, name: string): string {
  const { file, diags } = parseConfig(src, name);
  const out: string[] = [`body @${rng(file.body.range)}`];
  outline(file.body, '', out);
  for (const d of diags) out.push(`${d.severity}: ${d.summary} @${d.subject ? rng(d.subject) : '-'}: ${d.detail}`);
  return out.join('\n') + '\n';
}

const fixtures = readdirSync(dir).filter((f) => f.endsWith('.tf')).sort();

describe('parser conformance fixtures', () => {
  it('has fixtures', () => {
    expect(fixtures.length).toBeGreaterThan(0);
  });

  it.each(fixtures)('%s', (name) => {
    const got = render(readFileSync(join(dir, name), 'utf8'), name);
    const goldenPath = join(dir, name.replace(/\.tf$/, '.golden'));
    if (process.env.UPDATE_GOLDEN === '1' || !existsSync(goldenPath)) writeFileSync(goldenPath, got);
    expect(got).toBe(readFileSync(goldenPath, 'utf8'));
  });
});
