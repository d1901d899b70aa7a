import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applied, terrane } from './helpers.js';

interface StateInstance { create_before_destroy?: boolean; deposed?: string }
interface StateFile { resources: { name: string; instances: StateInstance[] }[] }

const readState = (dir: string): StateFile => JSON.parse(readFileSync(join(dir, 'terraform.tfstate'), 'utf8')) as StateFile;
/** Resource name -> its instances' create_before_destroy flags and deposed keys. */
const flags = (s: StateFile) => Object.fromEntries(s.resources.map((r) => [r.name, r.instances.map((i) => ({ cbd: i.create_before_destroy ?? false, deposed: i.deposed ?? null }))]));
/** Progress lines with ids and deposed keys made stable. */
const progressLines = (out: string) => out.split('\n')
  .filter((l) => /^terraform_data\.\w+( \(deposed object [0-9a-f]{8}\))?: (Creating|Creation|Destroying|Destruction)/.test(l))
  .map((l) => l.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, 'ID').replace(/deposed object [0-9a-f]{8}/, 'deposed object KEY').replace(/after \d+s/, 'after Ns'));

describe('create_before_destroy forced on dependencies (as Terraform 1.11)', () => {
  it('replaces what a create_before_destroy resource depends on create-before-destroy, with no cycle', () => {
    const dir = applied('cbd-dependencies');
    // Terraform records the forced flag from the first create on.
    expect(flags(readState(dir))).toEqual({
      a: [{ cbd: true, deposed: null }], b: [{ cbd: true, deposed: null }], c: [{ cbd: false, deposed: null }],
    });

    const plan = terrane(dir, ['plan', '-no-color', '-var', 'v=2']);
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain('+/- resource "terraform_data" "a" {');
    expect(plan.stdout).toContain('+/- resource "terraform_data" "b" {');
    expect(plan.stdout).toContain('-/+ resource "terraform_data" "c" {');

    const apply = terrane(dir, ['apply', '-auto-approve', '-no-color', '-var', 'v=2']);
    expect(apply.stderr).toBe('');
    expect(apply.code).toBe(0);
    expect(apply.stdout).toContain('Apply complete! Resources: 3 added, 0 changed, 3 destroyed.');
    const lines = progressLines(apply.stdout);
    // c's destroy and b's create are independent; everything else is ordered as Terraform orders it.
    const order = [
      'terraform_data.b: Creating...',
      'terraform_data.a: Creating...',
      'terraform_data.c: Creating...',
      'terraform_data.a (deposed object KEY): Destroying... [id=ID]',
      'terraform_data.a: Destruction complete after Ns',
      'terraform_data.b (deposed object KEY): Destroying... [id=ID]',
      'terraform_data.b: Destruction complete after Ns',
    ];
    expect(lines.filter((l) => order.includes(l))).toEqual(order);
    expect(lines.indexOf('terraform_data.c: Destruction complete after Ns')).toBeLessThan(lines.indexOf('terraform_data.c: Creating...'));
    expect(lines).toHaveLength(12);

    expect(flags(readState(dir))).toEqual({
      a: [{ cbd: true, deposed: null }], b: [{ cbd: true, deposed: null }], c: [{ cbd: false, deposed: null }],
    });
    expect(terrane(dir, ['plan', '-no-color', '-var', 'v=2']).stdout).toContain('No changes.');

    // Without create_before_destroy in the configuration, an apply with no changes clears the
    // recorded flags, as Terraform's plan does.
    const main = join(dir, 'main.tf');
    writeFileSync(main, readFileSync(main, 'utf8').replace(/lifecycle \{[^}]*\}/, ''));
    const noChange = terrane(dir, ['apply', '-auto-approve', '-no-color', '-var', 'v=2']);
    expect(noChange.stdout).toContain('Apply complete! Resources: 0 added, 0 changed, 0 destroyed.');
    expect(flags(readState(dir))).toEqual({
      a: [{ cbd: false, deposed: null }], b: [{ cbd: false, deposed: null }], c: [{ cbd: false, deposed: null }],
    });
  });
});
