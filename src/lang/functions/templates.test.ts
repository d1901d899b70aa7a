import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';
import { parseExpression } from '../../hcl/parse.js';
import { evaluate } from '../eval.js';
import { mockData } from '../eval-testutil.js';
import { formatConsoleValue } from '../format-console.js';
import { stringVal, Mark } from '../value.js';
import { builtinFunctions } from './index.js';
import type { Scope } from '../scope.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const scope: Scope = {
  data: mockData({
    locals: {
      tpl: stringVal('Hello, ${name}!'),
      bad: stringVal('Hello, ${nope}!'),
      secret_tpl: stringVal('x=${x}').mark(Mark.Sensitive),
    },
  }),
  functions: builtinFunctions(),
  functionContext: { baseDir: path.join(root, 'testdata/functions') },
};

function run(src: string): string {
  const p = parseExpression(src, 'test.tf');
  const r = evaluate(p.expr, scope);
  const err = r.diags.find((d) => d.severity === 'error');
  return err ? `ERROR ${err.summary}: ${err.detail}` : formatConsoleValue(r.value);
}

describe('template functions through the evaluator', () => {
  it('templatestring renders a referenced template', () => {
    expect(run('templatestring(local.tpl, { name = "World" })')).toBe('"Hello, World!"');
  });
  it('templatestring keeps the template\'s sensitivity', () => {
    expect(run('templatestring(local.secret_tpl, { x = 1 })')).toBe('(sensitive value)');
  });
  it('templatestring reports variables the template needs', () => {
    expect(run('templatestring(local.bad, { name = "x" })')).toMatch(/^ERROR .*nope/);
  });
  it('templatefile renders lists through template directives', () => {
    expect(run('templatefile("backends.tftpl", { port = 80, ip_addrs = ["10.0.0.1"] })')).toBe('<<EOT\nbackend 10.0.0.1:80\n\nEOT');
  });
  it('sum has no double rounding noise', () => {
    expect(run('sum([0.1, 0.2])')).toBe('0.3');
  });
});
