/**
 * Plan rendering of multi-line strings (heredocs, diffed line by line) and strings holding
 * JSON (`jsonencode(...)`: changed, replaced by a plain string, becoming unknown, changed
 * only in whitespace, and in an output), against what terraform 1.11.4 printed for the same
 * configuration (testdata/cli/render-strings, made by its make-goldens.sh with the builtin
 * terraform provider only). Object ids are random, so they are blanked on both sides.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { goldenFixture } from '../support/cli.js';
import { terraneInProcess } from '../support/cli-in-process.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const golden = readFileSync(join(ROOT, 'testdata', 'cli', 'render-strings', 'terraform', 'plan.txt'), 'utf8');
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const RULE = '─'.repeat(77);

/** From the first change up to the rule (changes, `Plan:` line, outputs). */
function actions(text: string): string {
  const from = text.indexOf(' will perform the following actions:\n');
  return text.slice(text.indexOf('\n', from) + 1, text.indexOf(RULE)).replace(UUID, 'UUID');
}

describe('render-strings: heredocs and JSON strings as terraform 1.11.4 renders them', () => {
  it('renders multi-line and JSON string changes as terraform does', async () => {
    const dir = goldenFixture('render-strings');
    const run = (args: string[]) => terraneInProcess(dir, args);
    expect((await run(['init'])).code).toBe(0);
    expect((await run(['apply', '-auto-approve', '-no-color'])).code).toBe(0);
    const plan = await run(['plan', '-no-color', '-var', 'v=2']);
    expect(plan.code, plan.stderr).toBe(0);
    expect(actions(plan.stdout)).toBe(actions(golden));
  });
});
