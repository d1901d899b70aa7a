/**
 * Terraform's "Provider produced inconsistent result after apply" check in the applier, with
 * the in-memory test provider made to return values other than the planned ones.
 */
import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workdir } from './workdir.js';
import { ProviderManager } from '../plan/provider-manager.js';
import { newWorld, testProviderFactory, type TestWorld } from '../../test/support/test-provider.js';
import { numberVal, stringVal, type Value } from '../lang/value.js';

async function setup(): Promise<{ dir: string; world: TestWorld; wd: Workdir }> {
  const dir = mkdtempSync(join(tmpdir(), 'terrane-inconsistent-'));
  cpSync(join(import.meta.dirname, '../../testdata/engine/inconsistent'), dir, { recursive: true });
  const world = newWorld();
  const pm = new ProviderManager(new Map([['registry.terraform.io/hashicorp/testing', testProviderFactory(world)]]));
  const r = await Workdir.open({ dir, providers: pm });
  expect(r.diags).toEqual([]);
  return { dir, world, wd: r.wd! };
}

async function planApply(wd: Workdir, size = 1) {
  const variables = new Map<string, Value>([['size', numberVal(size)]]);
  const { state } = await wd.readState();
  const p = await wd.plan(state, { variables });
  expect(p.diags.filter((d) => d.severity === 'error')).toEqual([]);
  return wd.apply(p, { variables });
}

interface StateFile { resources: { name: string; instances: { status?: string; attributes: Record<string, unknown> }[] }[] }
const readState = (dir: string): StateFile => JSON.parse(readFileSync(join(dir, 'terraform.tfstate'), 'utf8')) as StateFile;
const errorsOf = (a: Awaited<ReturnType<typeof planApply>>) => a.diags.filter((d) => d.severity === 'error');

describe('provider produced inconsistent result after apply', () => {
  it('fails a create whose result changes a planned value, saves the object tainted, and runs no dependents', async () => {
    const { dir, world, wd } = await setup();
    world.alter.set('bad', { size: numberVal(7) });
    const a = await planApply(wd);
    const errors = errorsOf(a);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.summary).toBe('Provider produced inconsistent result after apply');
    expect(errors[0]!.detail).toBe(
      'When applying changes to testing_thing.bad, provider "provider[\\"registry.terraform.io/hashicorp/testing\\"]" produced an unexpected new value: '
      + '.size: was cty.NumberIntVal(1), but now cty.NumberIntVal(7).\n\nThis is a bug in the provider, which should be reported in the provider\'s own issue tracker.');
    // Sourceless in Terraform: no "with" line, no source range.
    expect(errors[0]!.subject).toBeUndefined();
    expect(a.counts).toMatchObject({ added: 2, changed: 0 });
    const s = readState(dir);
    const bad = s.resources.find((r) => r.name === 'bad')!.instances[0]!;
    expect(bad.status).toBe('tainted');
    expect(bad.attributes.size).toBe(7);
    expect(s.resources.map((r) => r.name).sort()).toEqual(['bad', 'base', 'side']);
    expect(world.calls).not.toContain('create after_bad');

    // The tainted object is replaced next time, and then everything is as planned.
    world.alter.clear();
    const again = await planApply(wd);
    expect(errorsOf(again)).toEqual([]);
    expect(world.calls.filter((c) => c === 'delete bad' || c === 'create after_bad')).toEqual(['delete bad', 'create after_bad']);
  });

  it('fails an update the same way but keeps the object untainted, and hides sensitive values', async () => {
    const { dir, world, wd } = await setup();
    expect(errorsOf(await planApply(wd))).toEqual([]);
    world.alter.set('side', { size: numberVal(3), secret: stringVal('other') });
    const a = await planApply(wd, 2);
    const details = errorsOf(a).map((d) => /produced an unexpected new value: (.*)\.\n\n/.exec(d.detail!)?.[1]);
    expect(details).toEqual(['.secret: inconsistent values for sensitive attribute', '.size: was cty.NumberIntVal(2), but now cty.NumberIntVal(3)']);
    expect(errorsOf(a)[0]!.detail).not.toContain('other');
    expect(a.counts.changed).toBe(0);
    const side = readState(dir).resources.find((r) => r.name === 'side')!.instances[0]!;
    expect(side.status).toBeUndefined();
    expect(side.attributes.size).toBe(3);
  });
});
