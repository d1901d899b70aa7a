/**
 * Terraform's checks of `moved` blocks at plan time. The expected texts are what
 * terraform 1.11.4 printed for the same configurations (builtin terraform provider only),
 * with "Terraform" spelled "terrane".
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { terraneInProcess } from '../support/cli-in-process.js';

function write(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
}

function workdir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'terrane-moved-'));
  write(dir, files);
  return dir;
}

async function run(dir: string, args: string[]) {
  await terraneInProcess(dir, ['init', '-no-color']);
  return terraneInProcess(dir, [...args, '-no-color']);
}

/** Applies `first`, then replaces main.tf with `second` and plans with `args`. */
async function planAfterApply(first: string, second: string, args: string[] = []) {
  const dir = workdir({ 'main.tf': first });
  const a = await run(dir, ['apply', '-auto-approve']);
  expect(a.code, a.stderr).toBe(0);
  rmSync(join(dir, 'main.tf'));
  write(dir, { 'main.tf': second });
  return run(dir, ['plan', ...args]);
}

const moved = (from: string, to: string) => `moved {\n  from = ${from}\n  to   = ${to}\n}\n`;

describe('moved blocks checked against the configuration', () => {
  const cases: { name: string; files: Record<string, string>; want: string }[] = [
    {
      name: 'a from resource still declared',
      files: { 'main.tf': 'resource "terraform_data" "a" {}\nresource "terraform_data" "b" {}\n\n' + moved('terraform_data.a', 'terraform_data.b') },
      want: 'Error: Moved object still exists\n\n  on main.tf line 4:\n   4: moved {\n\nThis statement declares a move from terraform_data.a, but that resource is\nstill declared at main.tf:1,1.\n\nChange your configuration so that this resource will be declared as\nterraform_data.b instead.\n',
    },
    {
      name: 'a from instance its count still declares (blamed on count)',
      files: { 'main.tf': 'resource "terraform_data" "a" {\n  count = 2\n}\nresource "terraform_data" "b" {\n  for_each = toset(["x"])\n}\n\n' + moved('terraform_data.a[0]', 'terraform_data.b["x"]') + moved('terraform_data.a[5]', 'terraform_data.b["y"]') },
      want: 'Error: Moved object still exists\n\n  on main.tf line 8:\n   8: moved {\n\nThis statement declares a move from terraform_data.a[0], but that resource\ninstance is still declared at main.tf:2,11.\n\nChange your configuration so that this instance will be declared as\nterraform_data.b["x"] instead.\n',
    },
    {
      name: 'a from module instance still declared',
      files: {
        'mod/main.tf': 'resource "terraform_data" "a" {}\n',
        'main.tf': 'module "m" {\n  source = "./mod"\n}\nmodule "n" {\n  source = "./mod"\n  for_each = toset(["k"])\n}\n' + moved('module.m', 'module.n["k"]') + moved('module.n["z"]', 'module.q'),
      },
      want: 'Error: Moved object still exists\n\n  on main.tf line 8:\n   8: moved {\n\nThis statement declares a move from module.m, but that module instance is\nstill declared at main.tf:1,1.\n\nChange your configuration so that this instance will be declared as\nmodule.n["k"] instead.\n',
    },
    {
      name: 'one from with two destinations',
      files: { 'main.tf': 'resource "terraform_data" "b" {}\nresource "terraform_data" "c" {}\n\n' + moved('terraform_data.a', 'terraform_data.b') + '\n' + moved('terraform_data.a', 'terraform_data.c') },
      want: 'Error: Ambiguous move statements\n\n  on main.tf line 9:\n   9: moved {\n\nA statement at main.tf:4,1 declared that terraform_data.a moved to\nterraform_data.b, but this statement instead declares that it moved to\nterraform_data.c.\n\nEach resource can move to only one destination resource.\n',
    },
    {
      name: 'two sources for one destination',
      files: { 'main.tf': 'resource "terraform_data" "c" {}\n\n' + moved('terraform_data.a', 'terraform_data.c') + '\n' + moved('terraform_data.b', 'terraform_data.c') },
      want: 'Error: Ambiguous move statements\n\n  on main.tf line 8:\n   8: moved {\n\nA statement at main.tf:3,1 declared that terraform_data.a moved to\nterraform_data.c, but this statement instead declares that terraform_data.b\nmoved there.\n\nEach resource can have moved from only one source resource.\n',
    },
    {
      name: 'chained statements forming a cycle',
      files: { 'main.tf': 'resource "terraform_data" "c" {}\n\n' + moved('terraform_data.a', 'terraform_data.b') + '\n' + moved('terraform_data.b', 'terraform_data.a') },
      want: "Error: Cyclic dependency in move statements\n\nThe following chained move statements form a cycle, and so there is no final\nlocation to move objects to:\n  - main.tf:3,1: terraform_data.a[*] → terraform_data.b[*]\n  - main.tf:8,1: terraform_data.b[*] → terraform_data.a[*]\n\nA chain of move statements must end with an address that doesn't appear in\nany other statements, and which typically also refers to an object still\ndeclared in the configuration.\n",
    },
  ];
  for (const c of cases) {
    it(`refuses the plan (validate passes): ${c.name}`, async () => {
      const dir = workdir(c.files);
      const v = await run(dir, ['validate']);
      expect(v.code, v.stderr).toBe(0);
      const r = await run(dir, ['plan']);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe('\n' + c.want);
      expect(r.stdout).toBe('');
    });
  }
});

describe('moved blocks applied to the state', () => {
  it('follows a chain whatever order its statements are written in', async () => {
    const r = await planAfterApply('resource "terraform_data" "a" {}\n',
      'resource "terraform_data" "c" {}\n\n' + moved('terraform_data.b', 'terraform_data.c') + '\n' + moved('terraform_data.a', 'terraform_data.b'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('  # terraform_data.a has moved to terraform_data.c\n');
    expect(r.stdout).toContain('Plan: 0 to add, 0 to change, 0 to destroy.');
  });

  it('warns when the destination is already in state, and plans to destroy the source', async () => {
    const r = await planAfterApply('resource "terraform_data" "a" {}\nresource "terraform_data" "b" {}\n',
      'resource "terraform_data" "b" {}\n\n' + moved('terraform_data.a', 'terraform_data.b'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('  # terraform_data.a will be destroyed\n  # (because terraform_data.a is not in configuration)\n');
    expect(r.stdout).toContain('Warning: Unresolved resource instance address changes\n\nterrane tried to adjust resource instance addresses in the prior state based\non change information recorded in the configuration, but some adjustments did\nnot succeed due to existing objects already at the intended addresses:\n  - terraform_data.a could not move to terraform_data.b\n');
  });

  it('refuses a targeted plan that leaves out a moved instance, before refreshing', async () => {
    const r = await planAfterApply('resource "terraform_data" "a" {}\nresource "terraform_data" "x" {}\n',
      'resource "terraform_data" "b" {}\nresource "terraform_data" "x" {}\n\n' + moved('terraform_data.a', 'terraform_data.b'), ['-target=terraform_data.x']);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain('Refreshing state');
    expect(r.stderr).toContain('Error: Moved resource instances excluded by targeting\n\nResource instances in your current state have moved to new addresses in the\nlatest configuration. terrane must include those resource instances while\nplanning in order to ensure a correct result, but your -target=... options do\nnot fully cover all of those resource instances.\n\nTo create a valid plan, either remove your -target=... options altogether or\nadd the following additional target options:\n  -target="terraform_data.a"\n  -target="terraform_data.b"\n');
  });
});
