/**
 * Differential test of `formatSource` against the real `terraform fmt`, on the corpus and
 * on whitespace-scrambled copies of it (seeded, so failures reproduce). Skipped when no
 * terraform binary is on PATH.
 */
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { formatSource } from '../../src/hcl/fmt.js';
import { lex } from '../../src/hcl/parse.js';
import { TokenType as T, type Token } from '../../src/hcl/token.js';

const corpusDir = join(import.meta.dirname, '../../testdata/hcl/corpus');
const corpus = readdirSync(corpusDir).filter((f) => f.endsWith('.tf')).sort();

let terraform = false;
try { execFileSync('terraform', ['version'], { stdio: 'ignore' }); terraform = true; } catch { /* not installed */ }

/** Terraform's formatting, or undefined when it rejects the input. */
function terraformFmt(src: string): string | undefined {
  try {
    return execFileSync('terraform', ['fmt', '-no-color', '-'], { input: src, encoding: 'utf8', stdio: ['pipe', 'pipe', 'ignore'] });
  } catch { return undefined; }
}

/** Changes only whitespace between tokens where that cannot change meaning. */
function scramble(src: string, seed: number): string {
  let s = seed;
  const rnd = (n: number): number => { s = (s * 1103515245 + 12345) % 2147483648; return s % n; };
  const toks = lex(src, 'x.tf');
  const bytes = Buffer.from(src, 'utf8');
  const literalAfter = new Set([T.OQuote, T.TemplateSeqEnd, T.OHeredoc, T.QuotedLit, T.StringLit]);
  const literalBefore = new Set([T.CQuote, T.TemplateInterp, T.TemplateControl, T.QuotedLit, T.StringLit, T.CHeredoc, T.EOF]);
  const word = new Set([T.Ident, T.NumberLit]);
  let out = '';
  let last = 0;
  let prev: Token | undefined;
  for (const t of toks) {
    const gap = bytes.subarray(last, t.range.start.byte).toString('utf8');
    let g = gap;
    const lineStart = !prev || prev.type === T.Newline || (prev.type === T.Comment && prev.text.endsWith('\n'));
    if (/^[ \t]*$/.test(gap)) {
      if (lineStart) {
        if (t.type !== T.CHeredoc && t.type !== T.Newline && t.type !== T.EOF) g = ' '.repeat(rnd(7));
      } else if (gap.length > 0) {
        // Two words (or a word and a minus, which could join into one name) keep a space.
        const keep = word.has(prev!.type) && (word.has(t.type) || t.type === T.Minus);
        g = ' '.repeat((keep || t.type === T.Comment ? 1 : 0) + rnd(3));
      } else if (!literalAfter.has(prev!.type) && !literalBefore.has(t.type) && t.type !== T.Newline && prev!.type !== T.Newline && prev!.type !== T.Comment) {
        g = ' '.repeat(rnd(2));
      }
    }
    out += g + t.text;
    last = t.range.end.byte;
    prev = t;
  }
  return out;
}

describe.skipIf(!terraform)('formatSource agrees with terraform fmt', () => {
  it.each(corpus)('%s and scrambled copies', (name) => {
    const src = readFileSync(join(corpusDir, name), 'utf8');
    for (const input of [src, scramble(src, 1), scramble(src, 2), scramble(src, 3)]) {
      const want = terraformFmt(input);
      const got = formatSource(input, name);
      if (want === undefined) {
        expect(got.diags.some((d) => d.severity === 'error'), `terraform rejects:\n${input}`).toBe(true);
        continue;
      }
      expect(got.result, input).toBe(want);
    }
  });
});
