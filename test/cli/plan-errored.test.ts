/**
 * A plan that fails part way, as terraform 1.11.4 handles it (checked side by side with
 * testdata/cli/plan-errored): `plan -json` reports the changes planned before the error
 * (planned_change, change_summary, outputs) then the diagnostic; `-out` saves the errored
 * plan (`show -json`: errored, not applyable, prior_state with the outputs); applying it
 * fails with "Cannot apply incomplete plan".
 */
import { join } from 'node:path';
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
