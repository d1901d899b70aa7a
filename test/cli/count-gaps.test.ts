/**
 * A counted resource taken as a whole when some indexes have no value, against what
 * terraform 1.11.4 printed for the same commands (testdata/cli/count-gaps, made by its
 * make-goldens.sh): an index left out by -target, or missing from the state (as a failed
 * apply leaves it), is unknown in `x`, `x[*].input` and `length(x)` keeps counting it; an
 * instance count no longer has but the targeted plan does not delete stays in the value.
 * Object ids are random, so they are blanked on both sides, as are the refresh lines
 * (their order varies); terrane names itself where Terraform does.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { goldenFixture } from '../support/cli.js';
import { terraneInProcess } from '../support/cli-in-process.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const golden = (file: string) => readFileSync(join(ROOT, 'testdata', 'cli', 'count-gaps', 'terraform', file), 'utf8');
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const asTerrane = (text: string) => text.replace(UUID, 'UUID').replace(/Terraform/g, 'terrane').replace(/terraform apply/g, 'terrane apply');
const quiet = (text: string) => text.split('\n').filter((l) => !l.includes('Refreshing state...')).join('\n');

describe('counted resources with missing instances, as terraform 1.11.4 has them', () => {
  it('keeps the list length with unknowns where instances are missing', async () => {
    const dir = goldenFixture('count-gaps');
    const run = async (args: string[]) => {
      const r = await terraneInProcess(dir, args);
      expect(r.stderr).toBe('');
      return r;
    };
    const plan = async (args: string[]) => asTerrane(quiet((await run(['plan', '-input=false', '-no-color', ...args])).stdout));
    expect((await run(['init'])).code).toBe(0);

    expect(await plan(['-target=terraform_data.x[2]'])).toBe(asTerrane(golden('plan-target.txt')));

    expect((await run(['apply', '-auto-approve', '-no-color'])).code).toBe(0);
    expect((await run(['state', 'rm', 'terraform_data.x[1]'])).code).toBe(0);
    expect(await plan(['-refresh-only'])).toBe(asTerrane(golden('plan-refresh-only.txt')));
    expect(await plan(['-var', 'n=2', '-target=terraform_data.x[0]'])).toBe(asTerrane(golden('plan-orphan-target.txt')));

    expect((await run(['apply', '-refresh-only', '-auto-approve', '-no-color'])).code).toBe(0);
    const outputs = async () => {
      const all = JSON.parse((await run(['output', '-json'])).stdout) as Record<string, unknown>;
      return { inputs: all.inputs, len: all.len };
    };
    expect(await outputs()).toEqual(JSON.parse(golden('apply-refresh-only-outputs.json')));
    // The apply keeps the dropped [2] in the value too.
    expect((await run(['apply', '-auto-approve', '-no-color', '-var', 'n=2', '-target=terraform_data.x[0]'])).code).toBe(0);
    expect(await outputs()).toEqual(JSON.parse(golden('apply-orphan-target-outputs.json')));
  });
});
