/**
 * Drift worth showing: a normal plan lists a change made outside terrane only when
 * something the plan changes depends on it (Terraform's relevant attributes); a
 * refresh-only plan lists all of it; a `moved` block shows as a move, not as changes.
 */
import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workdir } from '../../src/apply/workdir.js';
import { ProviderManager } from '../../src/plan/provider-manager.js';
import { planHasChanges } from '../../src/plan/plan.js';
import { renderPlan } from '../../src/plan/render/plan-render.js';
import { newWorld, testProviderFactory, type TestWorld } from '../support/test-provider.js';

async function applied(): Promise<{ dir: string; world: TestWorld; wd: Workdir }> {
  const dir = mkdtempSync(join(tmpdir(), 'terrane-drift-'));
  cpSync(join(import.meta.dirname, '../../testdata/engine/drift-relevance'), dir, { recursive: true });
  const world = newWorld();
  const pm = new ProviderManager(new Map([['registry.terraform.io/hashicorp/testing', testProviderFactory(world)]]));
  const wd = (await Workdir.open({ dir, providers: pm })).wd!;
  const { state } = await wd.readState();
  const p = await wd.plan(state, { variables: new Map() });
  await wd.apply(p, { variables: new Map() });
  return { dir, world, wd };
}

function edit(world: TestWorld, name: string, change: Record<string, unknown>): void {
  const [id, obj] = [...world.objects.entries()].find(([, o]) => o.name === name)!;
  world.objects.set(id, { ...obj, ...change });
}

const text = (p: Awaited<ReturnType<Workdir['plan']>>) => renderPlan(p.plan, { color: false, schemaFor: () => undefined });

describe('drift in the plan', () => {
  it('shows drift that a planned change depends on, through local values, and hides the rest', async () => {
    const { world, wd } = await applied();
    // A computed attribute the plan keeps, and that "follower" copies.
    edit(world, 'watched', { arn: 'arn:changed-by-hand' });
    edit(world, 'unrelated', { size: 7 });
    const { state } = await wd.readState();
    const p = await wd.plan(state, { variables: new Map() });
    const out = text(p);
    expect(out).toContain('Note: Objects have changed outside of terrane');
    expect(out).toContain('# testing_thing.watched has changed');
    expect(out).not.toContain('# testing_thing.unrelated has changed');
    // Both are still put right, and both are in the plan's drift list (for JSON output).
    expect(out).toContain('# testing_thing.unrelated will be updated in-place');
    expect(out).toContain('# testing_thing.follower will be updated in-place');
    expect(p.plan.drift.map((d) => d.addr)).toEqual(['testing_thing.unrelated', 'testing_thing.watched']);
  });

  it('says nothing about drift that only the plan itself puts right', async () => {
    const { world, wd } = await applied();
    edit(world, 'unrelated', { size: 7 });
    const { state } = await wd.readState();
    const out = text(await wd.plan(state, { variables: new Map() }));
    expect(out).not.toContain('Objects have changed outside');
    expect(out).toContain('# testing_thing.unrelated will be updated in-place');
  });

  it('lists all drift in a refresh-only plan', async () => {
    const { world, wd } = await applied();
    edit(world, 'unrelated', { size: 7 });
    const { state } = await wd.readState();
    const out = text(await wd.plan(state, { variables: new Map(), mode: 'refresh-only' }));
    expect(out).toContain('# testing_thing.unrelated has changed');
  });

  it('shows a moved block as a move, which counts as a change', async () => {
    const { dir, wd } = await applied();
    writeFileSync(join(dir, 'main.tf'), (await import('node:fs')).readFileSync(join(dir, 'main.tf'), 'utf8').replace('"unrelated" {', '"renamed" {'));
    writeFileSync(join(dir, 'moved.tf'), 'moved {\n  from = testing_thing.unrelated\n  to   = testing_thing.renamed\n}\n');
    const re = (await Workdir.open({ dir, providers: wd.providers })).wd!;
    const { state } = await re.readState();
    const p = await re.plan(state, { variables: new Map() });
    expect(p.diags.filter((d) => d.severity === 'error')).toEqual([]);
    const out = text(p);
    expect(out).toContain('  # testing_thing.unrelated has moved to testing_thing.renamed\n    resource "testing_thing" "renamed" {');
    expect(out).toContain('Plan: 0 to add, 0 to change, 0 to destroy.');
    expect(out).not.toContain('will be destroyed');
    expect(planHasChanges(p.plan)).toBe(true);
  });
});
