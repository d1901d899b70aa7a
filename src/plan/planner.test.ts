import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadConfig } from '../config/load-config.js';
import { State } from '../state/index.js';
import { ProviderManager } from './provider-manager.js';
import { makePlan, sortByAddr, type PlanOptions } from './planner.js';
import { numberVal } from '../lang/value.js';
import { newWorld, testProviderFactory } from '../../test/support/test-provider.js';

const dir = join(import.meta.dirname, '../../testdata/plan/basic');

function opts(over: Partial<PlanOptions> = {}): PlanOptions {
  return {
    mode: 'normal', refresh: true, targets: [], excludes: [], replace: [], parallelism: 10,
    variables: new Map([['n', numberVal(2)]]),
    run: { cwd: dir, rootDir: dir, workspace: 'default', applying: false, planTimestamp: new Date() },
    ...over,
  };
}

describe('makePlan', () => {
  it('plans creates with unknown computed values flowing into dependents', async () => {
    const world = newWorld();
    const pm = new ProviderManager(new Map([['registry.terraform.io/hashicorp/testing', testProviderFactory(world)]]));
    const { config, diags: cd } = loadConfig(dir);
    expect(cd).toEqual([]);
    const { plan, diags } = await makePlan(config, new State(), pm, opts());
    expect(diags.filter((d) => d.severity === 'error')).toEqual([]);
    expect(plan.changes.map((c) => [c.addr, c.action])).toEqual([
      ['testing_thing.a[0]', 'create'], ['testing_thing.a[1]', 'create'], ['testing_thing.b', 'create'],
    ]);
    const b = plan.changes[2]!.after;
    expect(b.attrs.get('size')!.num).toBe(2);
    expect(b.attrs.get('tags')!.attrs.get('first')!.isKnown).toBe(false);
    expect(plan.changes[0]!.after.attrs.get('tags')!.attrs.get('src')!.str).toBe('looked-up-base');
    expect(plan.outputChanges).toMatchObject([{ name: 'b_arn', action: 'create' }]);
  });
});

describe('sortByAddr', () => {
  it('orders changes as Terraform lists them: shallower modules first, data before managed, numeric keys by number', () => {
    const addrs = [
      'module.m[0].module.n.x_a.b', 'module.m[10].x_a.b', 'module.m[2].x_a.b', 'x_z.a', 'data.x_a.b', 'module.k.x_a.b',
      'x_a.b[10]', 'x_a.b[2]', 'x_a.b["k"]',
    ];
    expect(sortByAddr(addrs.map((addr) => ({ addr }))).map((c) => c.addr)).toEqual([
      'data.x_a.b', 'x_a.b[2]', 'x_a.b[10]', 'x_a.b["k"]', 'x_z.a', 'module.k.x_a.b', 'module.m[2].x_a.b', 'module.m[10].x_a.b',
      'module.m[0].module.n.x_a.b',
    ]);
  });
});
