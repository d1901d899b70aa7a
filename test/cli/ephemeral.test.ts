/**
 * Ephemeral input variables and outputs (Terraform 1.10+): where their values may not go,
 * and saved plans that leave them out. Texts from terraform 1.11.4 on the same
 * configurations (builtin terraform provider only).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { terraneInProcess } from '../support/cli-in-process.js';

function workdir(main: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'terrane-ephemeral-'));
  writeFileSync(join(dir, 'main.tf'), main);
  return dir;
}

const run = (dir: string, args: string[]) => terraneInProcess(dir, [...args, '-no-color']);

const SECRET = 'variable "secret" {\n  type      = string\n  ephemeral = true\n}\n';

describe('ephemeral values where Terraform refuses them', () => {
  const main = SECRET + [
    'resource "terraform_data" "a" {\n  input = var.secret\n}\n',
    'output "o" {\n  value = var.secret\n}\n',
    'output "p" {\n  value     = var.secret\n  ephemeral = true\n}\n',
    'locals {\n  l = "x${var.secret}"\n}\n',
  ].join('');
  const want = [
    'Error: Invalid use of ephemeral value\n\n  with terraform_data.a,\n  on main.tf line 6, in resource "terraform_data" "a":\n   6:   input = var.secret\n\nEphemeral values are not valid for "input", because it is not a write-only\nattribute and must be persisted to state.\n',
    'Error: Ephemeral value not allowed\n\n  on main.tf line 9, in output "o":\n   9:   value = var.secret\n\nThis output value is not declared as returning an ephemeral value, so it\ncannot be set to a result derived from an ephemeral value.\n',
    'Error: Ephemeral output not allowed\n\n  on main.tf line 11:\n  11: output "p" {\n\nEphemeral outputs are not allowed in context of a root module\n',
  ];
  for (const args of [['validate'], ['plan', '-var', 'secret=s']]) {
    it(`are errors at ${args[0]}: a resource argument, a non-ephemeral output, a root output`, async () => {
      const dir = workdir(main);
      await run(dir, ['init']);
      const r = await run(dir, args);
      expect(r.code).toBe(1);
      for (const w of want) expect(r.stderr).toContain(w);
      expect(r.stderr.match(/Error:/g)).toHaveLength(3);
    });
  }

  it('may pass through an ephemeral module output', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'terrane-ephemeral-'));
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(dir, 'mod'));
    writeFileSync(join(dir, 'mod', 'main.tf'), SECRET + 'output "o" {\n  value     = var.secret\n  ephemeral = true\n}\n');
    writeFileSync(join(dir, 'main.tf'), 'module "m" {\n  source = "./mod"\n  secret = "s"\n}\nresource "terraform_data" "a" {\n  input = module.m.o\n}\n');
    await run(dir, ['init']);
    const r = await run(dir, ['validate']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Error: Invalid use of ephemeral value\n\n  with terraform_data.a,\n  on main.tf line 6, in resource "terraform_data" "a":\n');
  });
});

describe('a saved plan made with an ephemeral variable', () => {
  const main = SECRET + 'locals {\n  l = "x${var.secret}"\n}\nresource "terraform_data" "a" {\n  input = "fixed"\n}\n';

  it('does not hold its value, and needs it again at apply', async () => {
    const dir = workdir(main);
    await run(dir, ['init']);
    // An absolute path: the in-process CLI writes -out relative to the test's own directory.
    const file = join(dir, 'p.bin');
    const p = await run(dir, ['plan', '-var', 'secret=s', `-out=${file}`]);
    expect(p.code, p.stderr).toBe(0);
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(file, 'utf8')).not.toContain('"s"');
    const missing = await run(dir, ['apply', file]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('\nError: No value for required variable\n\nThe ephemeral input variable "secret" was set during the plan phase, and so\nmust also be set during the apply phase.\n');
    // Any value will do at apply: it is not compared with the plan's.
    const ok = await run(dir, ['apply', '-var', 'secret=t', file]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('Apply complete! Resources: 1 added, 0 changed, 0 destroyed.');
  });
});
