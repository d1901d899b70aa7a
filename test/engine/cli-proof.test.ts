/**
 * End-to-end proof of the engine through the built CLI: modules with for_each, count
 * changes, moved blocks, prevent_destroy, cycles, -target and -replace, and convergence.
 */
import { describe, expect, it } from 'vitest';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { copyFixture, terrane } from '../support/cli.js';

const fixture = (name: string) => join(import.meta.dirname, '../../testdata/engine', name);

interface StateFile { version: number; lineage: string; serial: number; resources: { module?: string; mode: string; type: string; name: string; instances: { index_key?: string | number }[] }[] }
const readState = (dir: string): StateFile => JSON.parse(readFileSync(join(dir, 'terraform.tfstate'), 'utf8'));
/** Every instance address the state file records. */
const addresses = (s: StateFile) => s.resources.flatMap((r) => r.instances.map((i) => {
  const key = i.index_key === undefined ? '' : typeof i.index_key === 'number' ? `[${i.index_key}]` : `["${i.index_key}"]`;
  return `${r.module ? `${r.module}.` : ''}${r.mode === 'data' ? 'data.' : ''}${r.type}.${r.name}${key}`;
})).sort();

function initApply(dir: string, extra: string[] = []) {
  expect(terrane(dir, ['init']).code).toBe(0);
  const a = terrane(dir, ['apply', '-auto-approve', ...extra]);
  expect(a.stderr).toBe('');
  expect(a.code).toBe(0);
  return a;
}

describe('engine proof through the CLI', { timeout: 120_000 }, () => {
  it('calls a local module with for_each, flows its outputs back, and converges', () => {
    const dir = copyFixture(fixture('modules-for-each'));
    const a = initApply(dir);
    expect(a.stdout).toContain('# module.svc["api"].terraform_data.this will be created');
    expect(a.stdout).toContain('Apply complete! Resources: 2 added, 0 changed, 0 destroyed.');
    expect(a.stdout).toContain('"api" = "https://api.example.test:8080"');
    const s = readState(dir);
    expect(addresses(s)).toEqual(['module.svc["api"].terraform_data.this', 'module.svc["web"].terraform_data.this']);
    const out = JSON.parse(terrane(dir, ['output', '-json', 'ids']).stdout) as string[];
    expect(out).toHaveLength(2);
    expect(out).toEqual([...out].sort());
    // Second apply and a detailed plan both report nothing to do.
    const again = terrane(dir, ['plan', '-detailed-exitcode']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('No changes.');
    const second = terrane(dir, ['apply', '-auto-approve']);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('Apply complete! Resources: 0 added, 0 changed, 0 destroyed.');
    expect(readState(dir).serial).toBe(s.serial);
    // Dropping a key destroys only that module instance.
    const shrink = terrane(dir, ['plan', '-var', 'services={ web = 443 }']);
    expect(shrink.stdout).toContain('# module.svc["api"].terraform_data.this will be destroyed');
    expect(shrink.stdout).toContain('Plan: 0 to add, 0 to change, 1 to destroy.');
  });

  it('deletes the out-of-range instances when count shrinks and adds when it grows', () => {
    const dir = copyFixture(fixture('count'));
    initApply(dir);
    expect(addresses(readState(dir))).toEqual(['terraform_data.item[0]', 'terraform_data.item[1]', 'terraform_data.item[2]']);
    const down = terrane(dir, ['apply', '-auto-approve', '-var', 'n=1']);
    expect(down.code).toBe(0);
    for (const i of [1, 2]) {
      expect(down.stdout).toContain(`# terraform_data.item[${i}] will be destroyed\n  # (because index [${i}] is out of range for count)`);
    }
    expect(down.stdout).not.toContain('terraform_data.item[0] will');
    expect(down.stdout).toContain('Plan: 0 to add, 0 to change, 2 to destroy.');
    expect(addresses(readState(dir))).toEqual(['terraform_data.item[0]']);
    const up = terrane(dir, ['apply', '-auto-approve', '-var', 'n=2']);
    expect(up.code).toBe(0);
    expect(up.stdout).toContain('# terraform_data.item[1] will be created');
    expect(up.stdout).toContain('Plan: 1 to add, 0 to change, 0 to destroy.');
    expect(addresses(readState(dir))).toEqual(['terraform_data.item[0]', 'terraform_data.item[1]']);
  });

  it('follows moved blocks for a resource and a module without destroying anything', () => {
    const dir = copyFixture(fixture('moved'));
    initApply(dir);
    const before = readState(dir);
    const ids = new Map(before.resources.map((r) => [r.name, JSON.stringify(r.instances)]));
    copyFileSync(join(dir, 'step2/main.tf'), join(dir, 'main.tf'));
    expect(terrane(dir, ['init']).code).toBe(0);
    const p = terrane(dir, ['plan']);
    expect(p.code).toBe(0);
    expect(p.stdout).not.toMatch(/will be (created|destroyed|replaced)/);
    const a = terrane(dir, ['apply', '-auto-approve']);
    expect(a.code).toBe(0);
    expect(a.stdout).toContain('Resources: 0 added, 0 changed, 0 destroyed.');
    const after = readState(dir);
    expect(addresses(after)).toEqual(['module.new_mod.terraform_data.inner', 'terraform_data.renamed']);
    // The objects are the same ones, only their addresses changed.
    expect(JSON.stringify(after.resources.find((r) => r.name === 'renamed')!.instances)).toBe(ids.get('old'));
    expect(JSON.stringify(after.resources.find((r) => r.name === 'inner')!.instances)).toBe(ids.get('inner'));
  });

  it('refuses to plan the destruction of a prevent_destroy resource', () => {
    const dir = copyFixture(fixture('prevent-destroy'));
    initApply(dir);
    for (const args of [['plan', '-destroy'], ['destroy', '-auto-approve']]) {
      const r = terrane(dir, args);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('Error: Instance cannot be destroyed');
      expect(r.stderr).toContain('Resource terraform_data.precious has lifecycle.prevent_destroy set');
    }
    expect(addresses(readState(dir))).toEqual(['terraform_data.precious']);
  });

  it.each([
    ['cycle-locals', ['local.a (expand)', 'local.b (expand)']],
    ['cycle-resources', ['terraform_data.first', 'terraform_data.second']],
  ])('reports the %s cycle naming every node', (name, nodes) => {
    const dir = copyFixture(fixture(name));
    terrane(dir, ['init']);
    const r = terrane(dir, ['plan']);
    expect(r.code).toBe(1);
    const line = /Error: Cycle: (.*)/.exec(r.stderr);
    expect(line).not.toBeNull();
    const named = line![1]!.split(', ').sort();
    expect(named).toEqual(nodes);
  });

  it('limits a plan with -target (plus dependencies) and forces a replacement with -replace', () => {
    const dir = copyFixture(fixture('target-replace'));
    terrane(dir, ['init']);
    const t = terrane(dir, ['plan', '-target=terraform_data.c']);
    expect(t.code).toBe(0);
    expect(t.stdout).toContain('# terraform_data.a will be created');
    expect(t.stdout).toContain('# terraform_data.c will be created');
    expect(t.stdout).not.toContain('terraform_data.b will');
    expect(t.stdout + t.stderr).toContain('Resource targeting is in effect');
    const ta = terrane(dir, ['apply', '-auto-approve', '-target=terraform_data.a']);
    expect(ta.code).toBe(0);
    expect(addresses(readState(dir))).toEqual(['terraform_data.a']);
    initApply(dir);
    const beforeA = readState(dir).resources.find((r) => r.name === 'a')!;
    const r = terrane(dir, ['apply', '-auto-approve', '-replace=terraform_data.a']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('# terraform_data.a will be replaced, as requested');
    expect(r.stdout).not.toContain('terraform_data.b will');
    expect(r.stdout).toContain('Resources: 1 added, 1 changed, 1 destroyed.');
    const afterA = readState(dir).resources.find((x) => x.name === 'a')!;
    expect(JSON.stringify(afterA.instances)).not.toBe(JSON.stringify(beforeA.instances));
    expect(terrane(dir, ['plan', '-detailed-exitcode']).code).toBe(0);
  });

  it('sees a local_file edited on disk behind its back and puts it back', () => {
    const dir = copyFixture(fixture('drift-local-file'));
    initApply(dir);
    const file = join(dir, 'out/greeting.txt');
    expect(readFileSync(file, 'utf8')).toBe('hello from terrane\n');
    writeFileSync(file, 'edited by hand\n');
    const p = terrane(dir, ['plan', '-detailed-exitcode']);
    expect(p.code).toBe(2);
    // As in Terraform, drift that the plan itself puts right is not listed separately.
    expect(p.stdout).not.toContain('Note: Objects have changed outside of terrane');
    expect(p.stdout).toContain('# local_file.greeting will be created');
    const a = terrane(dir, ['apply', '-auto-approve']);
    expect(a.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe('hello from terrane\n');
    const again = terrane(dir, ['apply', '-auto-approve']);
    expect(again.stdout).toContain('Apply complete! Resources: 0 added, 0 changed, 0 destroyed.');
  });
});
