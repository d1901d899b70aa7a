/**
 * Engine proof through the programmatic Workdir API with the in-memory test provider:
 * replacement ordering, a failure halfway through, and drift made behind terrane's back.
 */
import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workdir } from '../../src/apply/workdir.js';
import { ProviderManager } from '../../src/plan/provider-manager.js';
import { stringVal, type Value } from '../../src/lang/value.js';
import { newWorld, testProviderFactory, type TestWorld } from '../support/test-provider.js';

async function setup(fixture: string): Promise<{ dir: string; world: TestWorld; wd: Workdir }> {
  const dir = mkdtempSync(join(tmpdir(), 'terrane-engine-'));
  cpSync(join(import.meta.dirname, '../../testdata/engine', fixture), dir, { recursive: true });
  const world = newWorld();
  const pm = new ProviderManager(new Map([['registry.terraform.io/hashicorp/testing', testProviderFactory(world)]]));
  const r = await Workdir.open({ dir, providers: pm });
  expect(r.diags).toEqual([]);
  return { dir, world, wd: r.wd! };
}

async function planApply(wd: Workdir, variables = new Map<string, Value>()) {
  const { state } = await wd.readState();
  const p = await wd.plan(state, { variables });
  expect(p.diags.filter((d) => d.severity === 'error')).toEqual([]);
  const a = await wd.apply(p, { variables });
  return { p, a };
}

const changed = (p: Awaited<ReturnType<Workdir['plan']>>) =>
  p.plan.changes.filter((c) => c.action !== 'no-op').map((c) => [c.addr, c.action]);

describe('engine proof through the Workdir API', () => {
  it('replaces destroy-then-create by default and create-then-destroy with create_before_destroy', async () => {
    const { world, wd } = await setup('replace-order');
    // Plain maps skip the defaults the CLI fills in, so pass every variable.
    await planApply(wd, new Map([['gen', stringVal('1')]]));
    expect(world.calls.sort()).toEqual(['create cbd-1', 'create plain-1']);
    world.calls.length = 0;
    const { p, a } = await planApply(wd, new Map([['gen', stringVal('2')]]));
    expect(a.diags.filter((d) => d.severity === 'error')).toEqual([]);
    const actions = new Map(p.plan.changes.map((c) => [c.addr, c.action]));
    expect(actions.get('testing_thing.plain')).toBe('delete-then-create');
    expect(actions.get('testing_thing.cbd')).toBe('create-then-delete');
    const at = (call: string) => world.calls.indexOf(call);
    expect(at('delete plain-1')).toBeGreaterThanOrEqual(0);
    expect(at('delete plain-1')).toBeLessThan(at('create plain-2'));
    expect(at('create cbd-2')).toBeGreaterThanOrEqual(0);
    expect(at('create cbd-2')).toBeLessThan(at('delete cbd-1'));
    expect([...world.objects.values()].map((o) => o.name).sort()).toEqual(['cbd-2', 'plain-2']);
  });

  it('replaces what a create_before_destroy resource depends on create-before-destroy too, as Terraform forces it', async () => {
    const { world, wd } = await setup('cbd-chain');
    await planApply(wd, new Map([['gen', stringVal('1')]]));
    world.calls.length = 0;
    const { p, a } = await planApply(wd, new Map([['gen', stringVal('2')]]));
    expect(a.diags.filter((d) => d.severity === 'error')).toEqual([]);
    expect(changed(p)).toEqual([
      ['testing_thing.a', 'create-then-delete'], ['testing_thing.b', 'create-then-delete'], ['testing_thing.c', 'delete-then-create'],
    ]);
    const at = (call: string) => world.calls.indexOf(call);
    expect(world.calls.filter((c) => c !== 'delete c-1')).toEqual(['create b-2', 'create a-2', 'create c-2', 'delete a-1', 'delete b-1']);
    expect(at('delete c-1')).toBeLessThan(at('create c-2'));
  });

  it('refuses an apply graph with a cycle before changing anything, with Terraform\'s node names', async () => {
    const { world, wd } = await setup('cbd-chain');
    await planApply(wd, new Map([['gen', stringVal('1')]]));
    world.calls.length = 0;
    const variables = new Map([['gen', stringVal('2')]]);
    const { state } = await wd.readState();
    const p = await wd.plan(state, { variables });
    // What a planner without the forced create_before_destroy made: b destroyed first.
    p.plan.changes.find((c) => c.addr === 'testing_thing.b')!.action = 'delete-then-create';
    const a = await wd.apply(p, { variables });
    const errors = a.diags.filter((d) => d.severity === 'error').map((d) => d.summary);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^Cycle: testing_thing\.a, testing_thing\.a \(destroy deposed [0-9a-f]{8}\), testing_thing\.b, testing_thing\.b \(destroy\)/);
    expect(world.calls).toEqual([]);
  });

  it('keeps every success of an apply that fails halfway, names the failed resource, and resumes', async () => {
    const { dir, world, wd } = await setup('halfway');
    world.failCreate.add('mid');
    const { a } = await planApply(wd);
    const errors = a.diags.filter((d) => d.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(`${errors[0]!.summary} ${errors[0]!.detail}`).toContain('cannot create mid');
    // The diagnostic names the resource address, as Terraform's "with testing_thing.mid" line does.
    expect(JSON.stringify(errors[0])).toContain('testing_thing.mid');
    const saved = JSON.parse(readFileSync(join(dir, 'terraform.tfstate'), 'utf8'));
    expect(saved.version).toBe(4);
    const names = saved.resources.flatMap((r: { name: string; instances: unknown[] }) => r.instances.map(() => r.name)).sort();
    expect(names).toEqual(['base', 'base', 'base', 'side']);
    expect(world.objects.size).toBe(4);
    expect(world.calls).not.toContain('create top');

    world.failCreate.clear();
    world.calls.length = 0;
    const { state } = await wd.readState();
    const p = await wd.plan(state, { variables: new Map() });
    expect(changed(p)).toEqual([['testing_thing.mid', 'create'], ['testing_thing.top', 'create']]);
    const again = await wd.apply(p, { variables: new Map() });
    expect(again.diags.filter((d) => d.severity === 'error')).toEqual([]);
    expect(world.calls.sort()).toEqual(['create mid', 'create top']);
    const { state: s2 } = await wd.readState();
    expect(changed(await wd.plan(s2, { variables: new Map() }))).toEqual([]);
  });

  it('plans to put right objects changed or deleted behind its back', async () => {
    const { world, wd } = await setup('halfway');
    await planApply(wd);
    const find = (name: string) => [...world.objects.entries()].find(([, o]) => o.name === name)!;
    const [sideId, side] = find('side');
    world.objects.set(sideId, { ...side, size: 42 });
    world.objects.delete(find('top')[0]);
    const { state } = await wd.readState();
    const p = await wd.plan(state, { variables: new Map() });
    expect(p.plan.drift.map((c) => [c.addr, c.action]).sort()).toEqual([['testing_thing.side', 'update'], ['testing_thing.top', 'delete']]);
    expect(changed(p).sort()).toEqual([['testing_thing.side', 'update'], ['testing_thing.top', 'create']]);
    world.calls.length = 0;
    const a = await wd.apply(p, { variables: new Map() });
    expect(a.diags.filter((d) => d.severity === 'error')).toEqual([]);
    expect(world.calls.sort()).toEqual(['create top', 'update side']);
    expect(find('side')[1].size).toBe(1);
    const { state: s2 } = await wd.readState();
    expect(changed(await wd.plan(s2, { variables: new Map() }))).toEqual([]);
  });
});
