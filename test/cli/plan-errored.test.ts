/**
 * A plan that fails part way, as terraform 1.11.4 handles it (checked side by side with
 * testdata/cli/plan-errored): `plan -json` reports the changes planned before the error
 * (planned_change, change_summary, outputs) then the diagnostic; `-out` saves the errored
 * plan (`show -json`: errored, not applyable, prior_state with the outputs); applying it
 * fails with "Cannot apply incomplete plan".
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { goldenFixture } from '../support/cli.js';
import { terraneInProcess } from '../support/cli-in-process.js';

describe('errored plans', () => {
  it('reports, saves and refuses to apply a plan that failed part way, as terraform does', async () => {
    const dir = goldenFixture('plan-errored');
    const run = (args: string[]) => terraneInProcess(dir, args);
    expect((await run(['init'])).code).toBe(0);
    expect((await run(['apply', '-auto-approve', '-no-color'])).code).toBe(0);
    const out = join(dir, 'plan.bin');
    const plan = await run(['plan', '-json', '-var', 'v=two', `-out=${out}`]);
    expect(plan.code).toBe(1);
    const lines = plan.stdout.trim().split('\n').map((l) => JSON.parse(l) as { type: string; '@message': string });
    expect(lines.map((l) => l.type)).toEqual(['version', 'refresh_start', 'refresh_complete', 'refresh_start', 'refresh_complete', 'planned_change', 'change_summary', 'outputs', 'diagnostic']);
    expect(lines.slice(5).map((l) => l['@message'])).toEqual([
      'terraform_data.a: Plan to update', 'Plan: 0 to add, 1 to change, 0 to destroy.', 'Outputs: 1', 'Error: Resource precondition failed',
    ]);

    const shown = await run(['show', '-json', out]);
    expect(shown.code, shown.stderr).toBe(0);
    const j = JSON.parse(shown.stdout) as { errored: boolean; applyable: boolean; complete: boolean; prior_state: { values: { outputs: unknown } } };
    expect({ errored: j.errored, applyable: j.applyable, complete: j.complete }).toEqual({ errored: true, applyable: false, complete: false });
    expect(j.prior_state.values.outputs).toEqual({ x: { sensitive: false, type: 'string', value: 'one' } });

    const applied = await run(['apply', '-no-color', out]);
    expect(applied.code).toBe(1);
    expect(applied.stdout + applied.stderr).toContain('Error: Cannot apply incomplete plan');
    expect(applied.stdout + applied.stderr).toContain('terrane encountered an error when generating this plan, so it cannot be\napplied.');
  });
});

const ROOT = resolve(import.meta.dirname, '..', '..');
const golden = (file: string) => readFileSync(join(ROOT, 'testdata', 'cli', 'plan-errored-orphans', 'terraform', file), 'utf8');

/**
 * testdata/cli/plan-errored-orphans (goldens by terraform 1.11.4 through its make-goldens.sh):
 * the errored plan still lists the deletions the walk found (count and for_each shrinks,
 * module instances gone), in text, -json and `show -json`, with resource_changes in
 * Terraform's address order (a[3] before a[10], root before modules, "B" before "b").
 * Terraform's planned_change lines come in its walk's order, which varies from run to run,
 * so they are compared sorted; terrane sends them in address order.
 */
describe('errored plans with orphans', () => {
  it('lists the deletions found before the error, as terraform does', async () => {
    const dir = goldenFixture('plan-errored-orphans');
    const run = (args: string[]) => terraneInProcess(dir, args);
    expect((await run(['init'])).code).toBe(0);
    expect((await run(['apply', '-auto-approve', '-no-color'])).code).toBe(0);
    const applied = readFileSync(join(dir, 'terraform.tfstate'));
    // Object ids are random: blanked on both sides.
    const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
    const asTerrane = (t: string) => t.replace(UUID, 'UUID').replace(/Terraform/g, 'terrane');
    const text = await run(['plan', '-no-color', '-var', 'v=two', '-var', 'n=3']);
    expect(text.code).toBe(1);
    const shown = (text.stdout + text.stderr).split('\n').filter((l) => !l.includes('Refreshing state...')).join('\n');
    expect(asTerrane(shown)).toBe(asTerrane(golden('plan.txt')));

    writeFileSync(join(dir, 'terraform.tfstate'), applied);
    const out = join(dir, 'p.bin');
    const plan = await run(['plan', '-json', '-var', 'v=two', '-var', 'n=3', `-out=${out}`]);
    expect(plan.code).toBe(1);
    const lines = plan.stdout.trim().split('\n').map((l) => JSON.parse(l) as { type: string; '@message': string });
    const changes = lines.filter((l) => l.type === 'planned_change').map((l) => l['@message']);
    expect([...changes].sort().join('\n') + '\n').toBe(golden('planned-changes.txt'));
    const others = lines.filter((l) => !['planned_change', 'version', 'refresh_start', 'refresh_complete'].includes(l.type));
    expect(others.map((l) => `${l.type} ${l['@message']}\n`).join('')).toBe(golden('messages.txt'));

    const show = await run(['show', '-json', out]);
    expect(show.code, show.stderr).toBe(0);
    const j = JSON.parse(show.stdout) as { resource_changes: { address: string; change: { actions: string[] } }[] };
    expect(j.resource_changes.map((c) => `${c.address} ${c.change.actions.join(',')}\n`).join('')).toBe(golden('resource-changes.txt'));
  });
});
