/**
 * Plan rendering of schema-typed lists, sets, maps and nested blocks (hashicorp/aws
 * resources on the local cloud) against what terraform 1.11.4 with hashicorp/aws 5.100.0
 * printed for the same configuration and the same update (testdata/cli/render-typed, made
 * by its make-goldens.sh). Object ids are random, so they are blanked on both sides.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCloud, type RunningCloud } from '../../src/cloud/index.js';
import { goldenFixture } from '../support/cli.js';
import { terraneInProcess } from '../support/cli-in-process.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const golden = readFileSync(join(ROOT, 'testdata', 'cli', 'render-typed', 'terraform', 'plan.txt'), 'utf8');

/** Ids the cloud makes up (VPCs, groups, rules, the generated membership id). */
function blank(text: string): string {
  return text
    .replace(/\b(vpc|sg|sgr)-[0-9a-f]{17}\b/g, '$1-ID')
    .replace(/\bsgrule-\d+\b/g, 'sgrule-ID')
    .replace(/\bterraform-\d{26}\b/g, 'terraform-ID');
}

/** The changes and the `Plan:` line: no sentence names the program there. */
function actions(text: string): string {
  const from = text.indexOf(' will perform the following actions:\n');
  const plan = text.indexOf('\nPlan: ', from);
  return blank(text.slice(text.indexOf('\n', from) + 1, text.indexOf('\n', plan + 1) + 1));
}

let cloud: RunningCloud;
beforeAll(async () => { cloud = await startCloud({ port: 0 }); });
afterAll(async () => { await cloud?.close(); });

describe('render-typed: typed collections and nested blocks as terraform 1.11.4 renders them', () => {
  it('renders an in-place update of lists, sets, maps, nested blocks and JSON strings as terraform does', async () => {
    const dir = goldenFixture('render-typed');
    writeFileSync(join(dir, 'terraform.tfvars'), `endpoint = "${cloud.url}"\n`);
    // The configuration names its endpoints; no -local cloud is started.
    const run = (args: string[]) => terraneInProcess(dir, args, { TERRANE_CLOUD_ENDPOINT: '' });
    expect((await run(['init'])).code).toBe(0);
    const applied = await run(['apply', '-auto-approve', '-no-color', '-var', 'gen=1']);
    expect(applied.code, applied.stderr).toBe(0);
    const plan = await run(['plan', '-no-color', '-var', 'gen=2']);
    expect(plan.code, plan.stderr).toBe(0);
    expect(actions(plan.stdout)).toBe(actions(golden));
  }, 120_000);
});
