/**
 * Root outputs in refresh-only mode against what terraform 1.11.4 printed and saved for the
 * same configuration (testdata/cli/refresh-only-outputs, made by its make-goldens.sh with
 * the builtin terraform provider only): a pending configuration edit alone is "No changes."
 * (exit 0), outputs are evaluated against the refreshed objects, `show -json` of the plan,
 * and the outputs `apply -refresh-only` and `refresh` save. Object ids are random, so they
 * are blanked on both sides; terrane names itself where Terraform does.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { goldenFixture } from '../support/cli.js';
import { terraneInProcess } from '../support/cli-in-process.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const golden = (file: string) => readFileSync(join(ROOT, 'testdata', 'cli', 'refresh-only-outputs', 'terraform', file), 'utf8');
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const asTerrane = (text: string) => text.replace(UUID, 'UUID').replace(/Terraform/g, 'terrane').replace(/terraform apply/g, 'terrane apply');

describe('refresh-only outputs as terraform 1.11.4 has them', () => {
  it('plans, shows, applies and refreshes with the outputs terraform has', async () => {
    const dir = goldenFixture('refresh-only-outputs');
    const run = (args: string[]) => terraneInProcess(dir, args);
    const withExit = async (args: string[]) => { const r = await run(args); return `${r.stdout}exit ${r.code}\n`; };
    expect((await run(['init'])).code).toBe(0);
    expect((await run(['apply', '-auto-approve', '-no-color'])).code).toBe(0);

    const unchanged = await withExit(['plan', '-refresh-only', '-detailed-exitcode', '-no-color', '-var', 'v=b']);
    expect(asTerrane(unchanged)).toBe(asTerrane(golden('plan-unchanged.txt')));
    const changed = (await withExit(['plan', '-refresh-only', '-detailed-exitcode', '-no-color', '-var', 'v=b', '-var', 'w=b', `-out=${join(dir, 'plan.bin')}`]))
      .split(join(dir, 'plan.bin')).join('plan.bin');
    expect(asTerrane(changed)).toBe(asTerrane(golden('plan-changed.txt')));

    const shown = await run(['show', '-json', join(dir, 'plan.bin')]);
    expect(shown.code, shown.stderr).toBe(0);
    const j = JSON.parse(shown.stdout) as Record<string, unknown> & { prior_state: { values: { outputs: unknown } } };
    const got = { output_changes: j.output_changes, prior_outputs: j.prior_state.values.outputs, relevant_attributes: j.relevant_attributes ?? null, resource_drift: j.resource_drift ?? null };
    expect(got).toEqual(JSON.parse(golden('plan.json')));

    const applied = await run(['apply', '-refresh-only', '-auto-approve', '-no-color', '-var', 'v=b', '-var', 'w=b']);
    expect(asTerrane(applied.stdout)).toBe(asTerrane(golden('apply.txt')));
    const outputs = () => (JSON.parse(readFileSync(join(dir, 'terraform.tfstate'), 'utf8')) as { outputs: unknown }).outputs;
    expect(outputs()).toEqual(JSON.parse(golden('apply-outputs.json')));

    const refreshed = await run(['refresh', '-no-color', '-var', 'v=c', '-var', 'w=c']);
    expect(asTerrane(refreshed.stdout)).toBe(asTerrane(golden('refresh.txt')));
    expect(outputs()).toEqual(JSON.parse(golden('refresh-outputs.json')));
  });
});
