/**
 * Every example from Terraform's function documentation (testdata/functions/examples.json:
 * the console input and the output the docs show), evaluated through the HCL parser, the
 * evaluator and this function library, and compared with the console rendering.
 * Entries with `skip` say why they cannot run here (randomness, clock, host paths).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';
import { parseExpression } from '../../hcl/parse.js';
import { evaluate } from '../eval.js';
import { mockData } from '../eval-testutil.js';
import { formatConsoleValue } from '../format-console.js';
import { builtinFunctions } from './index.js';
import { isTypeResult } from './typeconv.js';
import type { Scope } from '../scope.js';
import { EmptyTupleVal, Mark, objectVal, stringVal, tupleVal, type Value } from '../value.js';

interface Example { doc: string; expr: string; expected: string; skip?: string }

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const fixtures = path.join(root, 'testdata/functions');
const examples = JSON.parse(readFileSync(path.join(fixtures, 'examples.json'), 'utf8')) as Example[];

/** Console text as comparable tokens: whitespace and commas dropped, bare keys quoted. */
export function normalizeConsole(s: string): string[] {
  const toks: string[] = [];
  const re = /"(?:[^"\\]|\\.)*"|<<-?EOT\n[\s\S]*?\n\s*EOT|[A-Za-z_][A-Za-z0-9_-]*|-?[0-9][0-9.e+-]*|\S/g;
  for (const m of s.matchAll(re)) {
    const t = m[0];
    if (t === ',') continue;
    toks.push(t);
  }
  for (let i = 0; i + 1 < toks.length; i++) {
    if (/^[A-Za-z_]/.test(toks[i]!) && (toks[i + 1] === '=' || toks[i + 1] === ':') && !toks[i]!.startsWith('<<')) toks[i] = JSON.stringify(toks[i]);
    if (toks[i] === ':' ) toks[i] = '=';
  }
  return toks.map((t) => (t.startsWith('<<') ? t.replace(/^<<-?EOT\n/, '').replace(/\n\s*EOT$/, '').split('\n').map((l) => l.trim()).join('\n') : t));
}

const WRAPPERS = new Set(['tolist', 'toset', 'tomap', '(', ')']);
function loose(toks: string[]): string[] {
  return toks.filter((t) => !WRAPPERS.has(t));
}

const SENSITIVE_JSON = '{\n  "username": "zqb",\n  "password": "p4ssw0rd"\n}';
const base = mockData({
  vars: {
    name: stringVal('Valentina'),
    list: EmptyTupleVal,
    mixed_content_json: stringVal(SENSITIVE_JSON).mark(Mark.Sensitive),
  },
  locals: {
    foo: objectVal({ bar: stringVal('baz') }),
    mixed_content: objectVal({ username: stringVal('zqb'), password: stringVal('p4ssw0rd') }).mark(Mark.Sensitive),
    default_list: tupleVal([
      objectVal({ foo: stringVal('bar'), map: objectVal({ bleep: stringVal('bloop') }) }),
      objectVal({ beep: stringVal('boop') }),
    ]),
  },
});
const scope: Scope = {
  data: { ...base, getPathAttr: (name, range) => (name === 'module' || name === 'root' ? stringVal(fixtures) : base.getPathAttr(name, range)) },
  functions: builtinFunctions(),
  functionContext: { baseDir: fixtures, planTimestamp: new Date('2024-01-02T03:04:05Z') },
};

function run(expr: string): { text?: string; value?: Value; error?: string } {
  const p = parseExpression(expr, 'console');
  if (p.diags.some((d) => d.severity === 'error')) return { error: `parse: ${p.diags[0]!.summary}` };
  const r = evaluate(p.expr, scope);
  const err = r.diags.find((d) => d.severity === 'error');
  if (err) return { error: `${err.summary}: ${err.detail ?? ''}` };
  return { value: r.value, text: isTypeResult(r.value) ? r.value.str : formatConsoleValue(r.value) };
}

const flat = (s: string): string => s.replace(/[│╷╵]/g, ' ').replace(/\s+/g, ' ').trim();

describe('Terraform documentation examples', () => {
  for (const ex of examples) {
    const title = `${ex.doc}: ${ex.expr}`;
    if (ex.skip) { it.skip(`${title} (${ex.skip})`, () => {}); continue; }
    it(title, () => {
      const got = run(ex.expr);
      if (/^\s*(│\s*)?Error:/m.test(ex.expected) || /^\s*╷/m.test(ex.expected)) {
        expect(got.error, `expected an error, got ${got.text}`).toBeDefined();
        const detail = flat(got.error!.split(': ').slice(1).join(': '));
        expect(flat(ex.expected)).toContain(detail.slice(0, 60));
        return;
      }
      expect(got.error).toBeUndefined();
      const text = got.text!;
      const v = got.value!;
      if (v.type.kind === 'string' && v.isKnown && !v.isNull && !v.isMarked && v.str.includes('\n') && !ex.expected.startsWith('<<')) {
        // Multi-line strings: the docs show the raw text, the console a heredoc.
        expect(v.str.trimEnd()).toBe(ex.expected.trimEnd());
        return;
      }
      if (/^"/.test(text) && !/^\s*["[{(<]|^\s*(tolist|toset|tomap|tostring|tonumber|tobool)\(/.test(ex.expected) && !/\n/.test(ex.expected.trim())) {
        // The docs often show a string result unquoted.
        expect(JSON.parse(text)).toBe(ex.expected.trim());
        return;
      }
      const exact = normalizeConsole(text);
      const want = normalizeConsole(ex.expected);
      if (JSON.stringify(exact) === JSON.stringify(want)) return;
      // Older pages print lists, sets and maps without their tolist()/toset()/tomap() wrappers.
      expect(loose(exact)).toEqual(loose(want));
    });
  }
});
