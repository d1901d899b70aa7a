import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workdir } from './workdir.js';
import { ProviderManager } from '../plan/provider-manager.js';
import { newWorld, testProviderFactory, type TestWorld } from '../../test/support/test-provider.js';
import { numberVal } from '../lang/value.js';
import { errorDiag, hasErrors } from '../hcl/diagnostic.js';

function setup(): { dir: string; world: TestWorld; open: () => Promise<Workdir> } {
  const dir = mkdtempSync(join(tmpdir(), 'terrane-wd-'));
  cpSync(join(import.meta.dirname, '../../testdata/plan/basic'), dir, { recursive: true });
  const world = newWorld();
  const open = async () => {
    const pm = new ProviderManager(new Map([['registry.terraform.io/hashicorp/testing', testProviderFactory(world)]]));
    const r = await Workdir.open({ dir, providers: pm });
    expect(r.diags).toEqual([]);
    return r.wd!;
  };
  return { dir, world, open };
}

async function planApply(wd: Workdir, n: number, mode: 'normal' | 'destroy' = 'normal') {
  const variables = new Map([['n', numberVal(n)]]);
  const { state } = await wd.readState();
  const p = await wd.plan(state, { variables, mode });
  expect(p.diags.filter((d) => d.severity === 'error')).toEqual([]);
  const a = await wd.apply(p, { variables });
  return { p, a };
}

describe('plan and apply', () => {
  it('creates, converges, changes and destroys, keeping state in step', async () => {
    const { dir, world, open } = setup();
    const wd = await open();
    const first = await planApply(wd, 2);
    expect(hasErrors(first.a.diags)).toBe(false);
    expect(first.a.counts).toMatchObject({ added: 3, changed: 0, destroyed: 0 });
    expect(world.objects.size).toBe(3);
    const saved = JSON.parse(readFileSync(join(dir, 'terraform.tfstate'), 'utf8'));
    expect(saved.version).toBe(4);
    expect(saved.resources.map((r: { type: string; name: string }) => `${r.type}.${r.name}`)).toEqual(['testing_lookup.x', 'testing_thing.a', 'testing_thing.b']);
    expect(saved.outputs.b_arn.value).toMatch(/^arn:test:t-/);
    const b = saved.resources.find((r: { name: string }) => r.name === 'b');
    expect(b.instances[0].dependencies).toEqual(['testing_thing.a']);

    // A second plan with nothing changed is empty.
    const { state } = await wd.readState();
    const again = await wd.plan(state, { variables: new Map([['n', numberVal(2)]]) });
    expect(again.plan.changes.filter((c) => c.action !== 'no-op')).toEqual([]);

    // Fewer instances: a[1] is deleted and b updated in place.
    world.calls.length = 0;
    const second = await planApply(wd, 1);
    expect(second.p.plan.changes.filter((c) => c.action !== 'no-op').map((c) => [c.addr, c.action, c.actionReason])).toEqual([
      ['testing_thing.a[1]', 'delete', 'delete_because_count_index'],
      ['testing_thing.b', 'update', undefined],
    ]);
    // As terraform 1.11.4 orders it: b's state records its dependency on a, so a[1] goes first.
    expect(world.calls).toEqual(['delete a-1', 'update b']);

    // Destroy takes everything down, dependents first.
    world.calls.length = 0;
    const d = await planApply(wd, 1, 'destroy');
    expect(d.a.counts.destroyed).toBe(2);
    expect(world.calls).toEqual(['delete b', 'delete a-0']);
    expect(world.objects.size).toBe(0);
    const end = JSON.parse(readFileSync(join(dir, 'terraform.tfstate'), 'utf8'));
    expect(end.resources.filter((r: { mode: string }) => r.mode === 'managed')).toEqual([]);
  });

  it('keeps what succeeded when an apply fails halfway, and picks up from there', async () => {
    const { dir, world, open } = setup();
    world.failCreate.add('b');
    const wd = await open();
    const first = await planApply(wd, 2);
    expect(first.a.diags.some((d) => d.severity === 'error' && /cannot create b/.test(d.detail ?? ''))).toBe(true);
    const saved = JSON.parse(readFileSync(join(dir, 'terraform.tfstate'), 'utf8'));
    expect(saved.resources.find((r: { name: string }) => r.name === 'a').instances).toHaveLength(2);
    expect(saved.resources.find((r: { name: string }) => r.name === 'b')).toBeUndefined();
    world.failCreate.clear();
    const { state } = await wd.readState();
    const p = await wd.plan(state, { variables: new Map([['n', numberVal(2)]]) });
    expect(p.plan.changes.filter((c) => c.action !== 'no-op').map((c) => [c.addr, c.action])).toEqual([['testing_thing.b', 'create']]);
  });

  it('with releasePlan, applies the same and lets the plan\'s changes go; without it, leaves the plan whole', async () => {
    const { dir, world, open } = setup();
    const wd = await open();
    const variables = new Map([['n', numberVal(2)]]);
    const p = await wd.plan((await wd.readState()).state, { variables });
    expect(p.plan.changes).toHaveLength(3);
    const a = await wd.apply(p, { variables, releasePlan: true });
    expect(a.diags.filter((d) => d.severity === 'error')).toEqual([]);
    expect(a.counts).toMatchObject({ added: 3, changed: 0, destroyed: 0 });
    expect(p.plan.changes).toEqual([]);
    expect(world.objects.size).toBe(3);
    const saved = JSON.parse(readFileSync(join(dir, 'terraform.tfstate'), 'utf8'));
    expect(saved.resources.find((r: { name: string }) => r.name === 'b').instances[0].dependencies).toEqual(['testing_thing.a']);
    // Fewer instances: a[1] goes, b changes in place; the plan stays readable afterwards.
    const variables1 = new Map([['n', numberVal(1)]]);
    const p2 = await wd.plan((await wd.readState()).state, { variables: variables1 });
    const a2 = await wd.apply(p2, { variables: variables1 });
    expect(a2.counts).toMatchObject({ added: 0, changed: 1, destroyed: 1 });
    expect(p2.plan.changes.filter((c) => c.action !== 'no-op').map((c) => c.addr)).toEqual(['testing_thing.a[1]', 'testing_thing.b']);
  });

  it('reports each change complete once saved, before anything that depends on it is reported starting', async () => {
    const { dir, open } = setup();
    const wd = await open();
    expect(await wd.ensureBackend()).toEqual([]);
    const mgr = wd.stateMgr;
    const write = mgr.write.bind(mgr);
    const events: string[] = [];
    // Each write is slow, and every event is checked against what is on disk at that moment.
    mgr.write = async (s) => { const d = await write(s); await new Promise((r) => setTimeout(r, 20)); return d; };
    const onDisk = () => readFileSync(join(dir, 'terraform.tfstate'), 'utf8');
    const { state } = await wd.readState();
    const variables = new Map([['n', numberVal(2)]]);
    const p = await wd.plan(state, { variables });
    await wd.apply(p, {
      variables,
      onEvent: (e) => {
        const name = e.addr.replace(/^testing_thing\./, '');
        if (e.kind === 'done') expect(onDisk(), `${e.addr} saved when reported`).toContain(`"name": "${name.replace(/\[(\d)\]/, '-$1')}"`);
        events.push(`${e.kind} ${e.addr}`);
      },
    });
    const at = (e: string) => events.indexOf(e);
    expect(at('done testing_thing.a[0]')).toBeGreaterThan(-1);
    expect(at('done testing_thing.a[0]')).toBeLessThan(at('start testing_thing.b'));
    expect(at('done testing_thing.a[1]')).toBeLessThan(at('start testing_thing.b'));
    expect(at('start testing_thing.b')).toBeLessThan(at('done testing_thing.b'));
  });

  it('saves and reports along a long chain of instant resources, not only at its end', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'terrane-chain-'));
    let src = 'resource "terraform_data" "r0" {\n  input = "0"\n}\n';
    const N = 2000;
    for (let i = 1; i < N; i++) src += `resource "terraform_data" "r${i}" {\n  input = terraform_data.r${i - 1}.output\n}\n`;
    writeFileSync(join(dir, 'main.tf'), src);
    const r = await Workdir.open({ dir });
    expect(r.diags).toEqual([]);
    const wd = r.wd!;
    expect(await wd.ensureBackend()).toEqual([]);
    const { state } = await wd.readState();
    const p = await wd.plan(state, { variables: new Map() });
    // What the file holds each time a write begins.
    const mgr = wd.stateMgr;
    const write = mgr.write.bind(mgr);
    const onDisk: number[] = [];
    mgr.write = (s) => {
      try { onDisk.push(JSON.parse(readFileSync(join(dir, 'terraform.tfstate'), 'utf8')).resources.length); } catch { onDisk.push(0); }
      return write(s);
    };
    const events: string[] = [];
    const a = await wd.apply(p, { variables: new Map(), onEvent: (e) => events.push(`${e.kind} ${e.addr}`) });
    expect(a.counts.added).toBe(N);
    // The writes (file I/O) keep up with the chain instead of waiting for its end: several
    // complete while it runs, each holding more of it.
    expect(onDisk.filter((n) => n > 0 && n < N).length).toBeGreaterThan(3);
    // Lines keep dependency order: each link is reported saved before the next starts.
    for (let i = 1; i < N; i++) expect(events.indexOf(`done terraform_data.r${i - 1}`)).toBeLessThan(events.indexOf(`start terraform_data.r${i}`));
    expect(JSON.parse(readFileSync(join(dir, 'terraform.tfstate'), 'utf8')).resources).toHaveLength(N);
  });

  it('starts nothing more once the state cannot be saved, and says why', async () => {
    const { world, open } = setup();
    const wd = await open();
    expect(await wd.ensureBackend()).toEqual([]);
    wd.stateMgr.write = async () => [errorDiag('Failed to save state', 'Error saving state: no space left on device')];
    const { state } = await wd.readState();
    const variables = new Map([['n', numberVal(2)]]);
    const p = await wd.plan(state, { variables });
    const a = await wd.apply(p, { variables });
    expect(a.diags.filter((d) => d.severity === 'error').map((d) => d.summary)).toContain('Failed to save state');
    // a[0] and a[1] were created (and are in the in-memory state handed back); b never started.
    expect([...world.objects.values()].map((o) => o.name).sort()).toEqual(['a-0', 'a-1']);
    expect(world.calls.some((c) => c.includes(' b'))).toBe(false);
  });

  it('sees drift made behind its back and plans to put it right', async () => {
    const { world, open } = setup();
    const wd = await open();
    await planApply(wd, 1);
    const [id, obj] = [...world.objects.entries()].find(([, o]) => o.name === 'b')!;
    world.objects.set(id, { ...obj, size: 99 });
    const { state } = await wd.readState();
    const p = await wd.plan(state, { variables: new Map([['n', numberVal(1)]]) });
    expect(p.plan.drift.map((c) => [c.addr, c.action])).toEqual([['testing_thing.b', 'update']]);
    expect(p.plan.changes.filter((c) => c.action !== 'no-op').map((c) => [c.addr, c.action])).toEqual([['testing_thing.b', 'update']]);
  });
});

describe('import', () => {
  function importSetup() {
    const dir = mkdtempSync(join(tmpdir(), 'terrane-imp-'));
    cpSync(join(import.meta.dirname, '../../testdata/plan/import'), dir, { recursive: true });
    const world = newWorld();
    world.objects.set('t-99', { id: 't-99', name: 'made-by-hand', size: 1, tags: null, secret: null, arn: 'arn:test:t-99' });
    world.objects.set('t-100', { id: 't-100', name: 'from-block', size: 1, tags: null, secret: null, arn: 'arn:test:t-100' });
    const pm = new ProviderManager(new Map([['registry.terraform.io/hashicorp/testing', testProviderFactory(world)]]));
    return { dir, world, pm };
  }

  it('imports with `terrane import` semantics and an import block plans the import with the update it needs', async () => {
    const { dir, world, pm } = importSetup();
    const { wd } = await Workdir.open({ dir, providers: pm });
    const imp = await wd!.importResource('testing_thing.cli', 't-99', { variables: new Map() });
    expect(imp.diags.filter((d) => d.severity === 'error')).toEqual([]);
    const saved = JSON.parse(readFileSync(join(dir, 'terraform.tfstate'), 'utf8'));
    expect(saved.resources.map((r: { name: string }) => r.name)).toEqual(['cli']);
    expect(saved.resources[0].instances[0].attributes.id).toBe('t-99');

    const again = await wd!.importResource('testing_thing.cli', 't-99', { variables: new Map() });
    expect(again.diags[0]!.summary).toBe('Resource already managed by terrane');
    const missing = await wd!.importResource('testing_thing.nope', 'x', { variables: new Map() });
    expect(missing.diags[0]!.summary).toBe('Configuration for import target does not exist');

    const { state } = await wd!.readState();
    const p = await wd!.plan(state, { variables: new Map() });
    expect(p.plan.changes.filter((c) => c.action !== 'no-op' || c.importing).map((c) => [c.addr, c.action, c.importing?.id])).toEqual([
      ['testing_thing.block', 'update', 't-100'],
    ]);
    const a = await wd!.apply(p, { variables: new Map() });
    expect(a.counts).toMatchObject({ imported: 1, changed: 1, added: 0 });
    expect(world.objects.get('t-100')!.size).toBe(5);
    expect(world.calls).toEqual(['update from-block']);
  });
});
