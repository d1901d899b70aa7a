/**
 * `terrane plan -generate-config-out=PATH` with the built-in providers, run in-process as a
 * user runs the CLI: the file Terraform 1.11.4 writes for the same configuration (golden),
 * the plan's notes, apply then no change, and Terraform's errors for targets that cannot
 * have configuration generated, for a file that exists and for the wrong plan modes.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withGeneratedNotes } from '../../src/cli/plan-common.js';
import type { PlanResult } from '../../src/plan/planner.js';
import { colors } from '../../src/plan/render/colors.js';
import { hasTerraform } from '../support/terraform.js';
import { terraneInProcess } from '../support/cli-in-process.js';

const FIXTURE = join(import.meta.dirname, '../../testdata/plan/generate-config-builtin');

const terraneIn = (dir: string, args: string[]) => terraneInProcess(dir, args);

function workdir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'terrane-genconfig-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const importBlock = (to: string, id: string, extra = '') => `import {\n${extra}  to = ${to}\n  id = ${JSON.stringify(id)}\n}\n`;

describe('plan -generate-config-out', { timeout: 60_000 }, () => {
  it('writes the file Terraform writes, notes it in the plan, and an apply then imports with nothing left to do', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'terrane-genconfig-'));
    cpSync(FIXTURE, dir, { recursive: true });
    const p = await terraneIn(dir, ['plan', '-generate-config-out=generated.tf']);
    expect(p.stderr).toBe('');
    expect(p.code).toBe(0);
    expect(readFileSync(join(dir, 'generated.tf'), 'utf8')).toBe(readFileSync(join(dir, 'generated.tf.golden'), 'utf8'));
    expect(p.stdout).toContain('terraform_data.a: Preparing import... [id=abc-123]\n');
    expect(p.stdout).toContain('terraform_data.a: Refreshing state... [id=abc-123]\n');
    expect(p.stdout).toContain('terraform_data.b: Preparing import... [id=quoted "id" with\ttab]\n');
    expect(p.stdout).toContain('  # terraform_data.a will be imported\n  # (config will be generated)\n    resource "terraform_data" "a" {\n');
    expect(p.stdout).toContain('  # terraform_data.b will be imported\n  # (config will be generated)\n');
    expect(p.stdout).toContain('Plan: 2 to import, 0 to add, 0 to change, 0 to destroy.\n');
    expect(p.stdout).toContain('Warning: Config generation is experimental\n\nGenerating configuration during import is currently experimental, and the\ngenerated configuration format may change in future versions.\n');
    expect(p.stdout).toContain(`${'─'.repeat(77)}\n\nterrane has generated configuration and written it to generated.tf. Please
review the configuration and edit it as necessary before adding it to version
control.\n\nNote: You didn't use the -out option`);

    await expectImportedAndSettled(dir, ['terraform_data.a', 'terraform_data.b']);
  });

  /** An apply imports `addrs` and changes nothing else; a plan after it has nothing to do. */
  async function expectImportedAndSettled(dir: string, addrs: string[]): Promise<void> {
    const a = await terraneIn(dir, ['apply', '-auto-approve']);
    expect(a.code, a.stderr).toBe(0);
    expect(a.stdout).toContain(`Plan: ${addrs.length} to import, 0 to add, 0 to change, 0 to destroy.`);
    expect(a.stdout).toMatch(/Apply complete! Resources: (\d+ imported, )?0 added, 0 changed, 0 destroyed\./);
    const st = await terraneIn(dir, ['state', 'list']);
    expect(st.stdout.trim().split('\n')).toEqual(addrs);
    const again = await terraneIn(dir, ['plan', '-detailed-exitcode']);
    expect(again.code, again.stdout + again.stderr).toBe(0);
    expect(again.stdout).toContain('No changes.');
  }

  it('without the flag, a missing target is an error that suggests it, and no file is written', async () => {
    const dir = workdir({ 'main.tf': importBlock('terraform_data.x', 'abc-123') });
    const p = await terraneIn(dir, ['plan']);
    expect(p.code).toBe(1);
    expect(p.stderr).toContain(`Error: Configuration for import target does not exist

  on main.tf line 2, in import:
   2:   to = terraform_data.x

The configuration for the given import target terraform_data.x does not
exist. If you wish to automatically generate config for this resource, use
the -generate-config-out option within terrane plan. Otherwise, make sure the
target resource exists within your configuration. For example:

  terrane plan -generate-config-out=generated.tf
`);
  });

  it('refuses a file that exists, before planning', async () => {
    const dir = workdir({ 'main.tf': importBlock('terraform_data.x', 'abc-123'), 'other.txt': 'keep me\n' });
    const p = await terraneIn(dir, ['plan', '-generate-config-out=other.txt']);
    expect(p.code).toBe(1);
    expect(p.stderr).toBe(`
Error: Target generated file already exists

terrane can only write generated config into a new file. Either choose a
different target location or move all existing configuration out of the
target file, delete it and try again.
`);
    expect(readFileSync(join(dir, 'other.txt'), 'utf8')).toBe('keep me\n');
  });

  it('reports a file it cannot create as Terraform does', async () => {
    const dir = workdir({ 'main.tf': importBlock('terraform_data.x', 'abc-123') });
    const p = await terraneIn(dir, ['plan', '-generate-config-out=nodir/gen.tf']);
    expect(p.code).toBe(1);
    expect(p.stderr).toContain(`Error: Failed to create target generated file

terrane could not create the generated file (nodir/gen.tf) in the target
directory: open nodir/gen.tf: no such file or directory. Depending on the
error message, this may be a bug in terrane itself. If so, please report it!
`);
  });

  it.each([['-refresh-only'], ['-destroy']])('refuses %s plans', async (flag) => {
    const dir = workdir({ 'main.tf': importBlock('terraform_data.x', 'abc-123') });
    const p = await terraneIn(dir, ['plan', flag, '-generate-config-out=gen.tf']);
    expect(p.code).toBe(1);
    expect(p.stderr).toContain('Error: Invalid generate-config-out flag\n\nConfig can only be generated during a normal plan operation, and not during a\nrefresh-only or destroy plan.\n');
    expect(existsSync(join(dir, 'gen.tf'))).toBe(false);
  });

  it('is not an apply flag', async () => {
    const dir = workdir({ 'main.tf': importBlock('terraform_data.x', 'abc-123') });
    const p = await terraneIn(dir, ['apply', '-generate-config-out=gen.tf']);
    expect(p.code).toBe(1);
    expect(p.stderr).toContain('flag provided but not defined: -generate-config-out');
  });

  it('writes nothing and no note when every target has configuration', async () => {
    const dir = workdir({ 'main.tf': importBlock('terraform_data.x', 'abc-123') + 'resource "terraform_data" "x" {}\n' });
    const p = await terraneIn(dir, ['plan', '-generate-config-out=gen.tf']);
    expect(p.code, p.stderr).toBe(0);
    expect(p.stdout).toContain('# terraform_data.x will be imported\n    resource');
    expect(p.stdout).not.toContain('config will be generated');
    expect(p.stdout).not.toContain('Config generation is experimental');
    expect(p.stdout).not.toContain('has generated configuration');
    expect(existsSync(join(dir, 'gen.tf'))).toBe(false);
  });

  it('writes what it could generate when another import fails, and fails the plan', async () => {
    const dir = workdir({ 'main.tf': importBlock('terraform_data.ok', 'abc-123') + importBlock('random_integer.bad', 'not-an-id') });
    const p = await terraneIn(dir, ['plan', '-generate-config-out=gen.tf']);
    expect(p.code).toBe(1);
    expect(p.stderr).toContain('Error: ');
    const text = readFileSync(join(dir, 'gen.tf'), 'utf8');
    expect(text).toContain('# __generated__ by Terraform from "abc-123"\nresource "terraform_data" "ok" {');
    expect(text).not.toContain('random_integer');
    expect(p.stdout).toContain('Warning: Config generation is experimental');
  });

  it('generates what the import read, even a configuration that will fail once applied', async () => {
    // hashicorp/random checks min <= max only when it creates an integer, not when it plans one.
    const dir = workdir({ 'main.tf': importBlock('random_integer.x', '15,50,1') });
    const p = await terraneIn(dir, ['plan', '-generate-config-out=gen.tf']);
    expect(p.code, p.stderr).toBe(0);
    expect(readFileSync(join(dir, 'gen.tf'), 'utf8')).toBe(`# __generated__ by Terraform
# Please review these resources and move them into your main configuration files.

# __generated__ by Terraform from "15,50,1"
resource "random_integer" "x" {
  keepers = null
  max     = 1
  min     = 50
  seed    = null
}
`);
  });

  it.each([
    ['a target in a module',
      'module "m" {\n  source = "./mod"\n}\n' + importBlock('module.m.terraform_data.x', 'abc'),
      'Resource module.m.terraform_data.x not found. Only resources within the root\nmodule are eligible for config generation.'],
    ['a target with an instance key',
      importBlock('terraform_data.k["z"]', 'z'),
      'The given import block is not compatible with config generation. The\n-generate-config-out option cannot be used with import blocks which use\nfor_each, or resources which use for_each or count.'],
    ['a for_each import block with a static target',
      'import {\n  for_each = toset(["a"])\n  to = terraform_data.fe\n  id = each.key\n}\n',
      'The given import block is not compatible with config generation.'],
    ['a target in a module that does not exist',
      importBlock('module.nope.terraform_data.y', 'q'),
      'The configuration for the given import target module.nope.terraform_data.y\ndoes not exist. All target instances must have an associated configuration to\nbe imported.'],
  ])('rejects %s as Terraform does, with or without the flag', async (_name, tf, detail) => {
    for (const args of [['plan'], ['plan', '-generate-config-out=gen.tf']]) {
      const dir = workdir({ 'main.tf': tf, 'mod/main.tf': 'resource "terraform_data" "in" {}\n' });
      const p = await terraneIn(dir, args);
      expect(p.code).toBe(1);
      expect(p.stderr).toContain('Error: Configuration for import target does not exist');
      expect(p.stderr).toContain(detail);
      expect(existsSync(join(dir, 'gen.tf'))).toBe(false);
    }
  });

  it.each([
    ['plan -refresh-only', ['plan', '-refresh-only'], importBlock('terraform_data.x', 'abc'), 0],
    ['plan -destroy', ['plan', '-destroy'], importBlock('terraform_data.x', 'abc'), 0],
    ['plan -destroy with a keyed target', ['plan', '-destroy'], importBlock('terraform_data.k["z"]', 'z'), 1],
    ['import ADDR ID', ['import', 'terraform_data.a', 'abc'], 'resource "terraform_data" "a" {}\n' + importBlock('terraform_data.k["z"]', 'z'), 0],
  ])('%s treats an import block without configuration as Terraform does', async (_name, args, tf, code) => {
    const dir = workdir({ 'main.tf': tf });
    const p = await terraneIn(dir, args);
    expect(p.code, p.stdout + p.stderr).toBe(code);
    expect(p.stderr.includes('Configuration for import target does not exist')).toBe(code === 1);
  });

  it('rejects a for_each import block whose keys address a resource without for_each', async () => {
    const dir = workdir({ 'main.tf': 'import {\n  for_each = toset(["a", "b"])\n  to = terraform_data.fe[each.key]\n  id = each.key\n}\n' });
    const p = await terraneIn(dir, ['plan', '-generate-config-out=gen.tf']);
    expect(p.code).toBe(1);
    expect(p.stderr).toContain("Error: Invalid import 'to' expression\n\n  on main.tf line 3, in import:\n   3:   to = terraform_data.fe[each.key]\n\nThe target resource does not use for_each.\n");
    expect(p.stderr.match(/Invalid import 'to' expression/g)).toHaveLength(1);
  });

  it('generates the provider argument for an import block with an aliased provider', async () => {
    const dir = workdir({
      'main.tf': 'provider "random" {\n  alias = "two"\n}\n' + importBlock('random_integer.n', '15,1,50', '  provider = random.two\n'),
    });
    const p = await terraneIn(dir, ['plan', '-generate-config-out=gen.tf']);
    expect(p.code, p.stderr).toBe(0);
    const text = readFileSync(join(dir, 'gen.tf'), 'utf8');
    expect(text).toContain('# __generated__ by Terraform from "15,1,50"\nresource "random_integer" "n" {\n  provider = random.two\n');
    await expectImportedAndSettled(dir, ['random_integer.n']);
  });

  it('leaves out a computed sensitive result, and the configuration it writes keeps the secret', async () => {
    const dir = workdir({ 'main.tf': importBlock('random_password.p', 'secret123') });
    const p = await terraneIn(dir, ['plan', '-generate-config-out=gen.tf']);
    expect(p.code, p.stderr).toBe(0);
    const text = readFileSync(join(dir, 'gen.tf'), 'utf8');
    expect(text).toContain('# __generated__ by Terraform from "secret123"\nresource "random_password" "p" {\n');
    expect(text).not.toContain('result');
    expect(text).toMatch(/\n {2}length +?= 9\n/);
    await expectImportedAndSettled(dir, ['random_password.p']);
  });

  it('with -json writes the file and reports the warning as a diagnostic message', async () => {
    const dir = workdir({ 'main.tf': importBlock('terraform_data.x', 'abc-123') });
    const p = await terraneIn(dir, ['plan', '-json', '-generate-config-out=gen.tf']);
    expect(p.code, p.stderr).toBe(0);
    expect(existsSync(join(dir, 'gen.tf'))).toBe(true);
    const msgs = p.stdout.trim().split('\n').map((l) => JSON.parse(l) as { type: string; diagnostic?: { summary: string } });
    expect(msgs.some((m) => m.type === 'diagnostic' && m.diagnostic?.summary === 'Config generation is experimental')).toBe(true);
  });

  it('notes generated configuration in a coloured plan too', () => {
    const b = colors(true).bold;
    const r = { generated: [{ addr: 'terraform_data.x', config: '' }] } as unknown as PlanResult;
    const text = `\n  ${b('# terraform_data.x will be imported')}\n    resource "terraform_data" "x" {\n`;
    expect(withGeneratedNotes(text, r, true)).toBe(`\n  ${b('# terraform_data.x will be imported')}\n  ${b('# (config will be generated)')}\n    resource "terraform_data" "x" {\n`);
  });
});

describe.skipIf(!hasTerraform())('Terraform on the same configuration (cross-check of the golden file)', { timeout: 120_000 }, () => {
  it('still writes generated.tf.golden (its blocks in either order)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'terrane-genconfig-tf-'));
    cpSync(join(FIXTURE, 'main.tf'), join(dir, 'main.tf'));
    const env = { ...process.env, TF_CLI_CONFIG_FILE: '', TF_IN_AUTOMATION: '1' };
    expect(spawnSync('terraform', ['init', '-input=false', '-no-color'], { cwd: dir, env }).status).toBe(0);
    const p = spawnSync('terraform', ['plan', '-input=false', '-no-color', '-generate-config-out=generated.tf'], { cwd: dir, env, encoding: 'utf8' });
    expect(p.status, p.stdout + p.stderr).toBe(0);
    const blocks = (text: string) => { const [head, ...rest] = text.trimEnd().split('\n\n# __generated__ by Terraform'); return [head, ...rest.sort()]; };
    expect(blocks(readFileSync(join(dir, 'generated.tf'), 'utf8'))).toEqual(blocks(readFileSync(join(FIXTURE, 'generated.tf.golden'), 'utf8')));
  });
});
