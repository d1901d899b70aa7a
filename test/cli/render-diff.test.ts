/**
 * Plan rendering of dynamically typed values, sensitive values, outputs and the order of
 * changes, and `show` of a state with a module, against what terraform 1.11.4 printed for
 * the same configuration (testdata/cli/render-diff, made by its make-goldens.sh with the
 * builtin terraform provider only). Object ids are random, so they are blanked on both sides.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { goldenFixture } from '../support/cli.js';
import { terraneInProcess } from '../support/cli-in-process.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const golden = (file: string) => readFileSync(join(ROOT, 'testdata', 'cli', 'render-diff', 'terraform', file), 'utf8');
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const RULE = '─'.repeat(77);
const blank = (text: string) => text.replace(UUID, 'UUID');

/** From the first change up to the rule (changes, `Plan:` line, outputs): no sentence names the program there. */
function actions(text: string): string {
  const from = text.indexOf(' will perform the following actions:\n');
  return blank(text.slice(text.indexOf('\n', from) + 1, text.indexOf(RULE)));
}

describe('render-diff: plans and state as terraform 1.11.4 renders them', () => {
  it('renders the changes, outputs and state text as terraform does', async () => {
    const dir = goldenFixture('render-diff');
    const run = (args: string[]) => terraneInProcess(dir, args);
    expect((await run(['init'])).code).toBe(0);
    expect((await run(['apply', '-auto-approve', '-no-color'])).code).toBe(0);
    expect(blank((await run(['show', '-no-color'])).stdout)).toBe(blank(golden('show.txt')));

    const plan = await run(['plan', '-no-color', '-var', 'v=b', '-var', 's=s2', `-out=${join(dir, 'plan.bin')}`]);
    expect(plan.code, plan.stderr).toBe(0);
    expect(actions(plan.stdout)).toBe(actions(golden('plan.txt')));

    const shown = await run(['show', '-json', join(dir, 'plan.bin')]);
    expect(shown.code, shown.stderr).toBe(0);
    const j = JSON.parse(shown.stdout) as { planned_values: { outputs: unknown }; resource_changes: { address: string }[] };
    expect({ outputs: j.planned_values.outputs, resource_changes: j.resource_changes.map((r) => r.address) }).toEqual(JSON.parse(golden('plan.json')));
  });
});
