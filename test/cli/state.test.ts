import { describe, it, expect } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applied, terrane } from './helpers.js';

const ALL = ['null_resource.b', 'terraform_data.a', 'terraform_data.many[0]', 'terraform_data.many[1]'];

describe('state list', () => {
  it('lists every instance, filters by address and by id', () => {
    const dir = applied('basic');
    expect(terrane(dir, ['state', 'list']).stdout.trim().split('\n')).toEqual(ALL);
    expect(terrane(dir, ['state', 'list', 'terraform_data.many']).stdout.trim().split('\n')).toEqual(['terraform_data.many[0]', 'terraform_data.many[1]']);
    const st = JSON.parse(readFileSync(join(dir, 'terraform.tfstate'), 'utf8'));
    const id = st.resources.find((r: { name: string }) => r.name === 'b').instances[0].attributes.id;
    expect(terrane(dir, ['state', 'list', `-id=${id}`]).stdout).toBe('null_resource.b\n');
  });
});

describe('state show', () => {
  it('prints the instance attributes with dynamic values unwrapped', () => {
    const dir = applied('basic');
    const r = terrane(dir, ['state', 'show', 'terraform_data.a']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# terraform_data\.a:\nresource "terraform_data" "a" \{\n/);
    expect(r.stdout).toContain('    input  = "hello"\n');
    const missing = terrane(dir, ['state', 'show', 'terraform_data.zzz']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('No instance found for the given address!');
  });
});

describe('state mv', () => {
  it('renames a resource; a moved block-free plan then wants to move it back', () => {
    const dir = applied('basic');
    const r = terrane(dir, ['state', 'mv', 'terraform_data.a', 'terraform_data.renamed']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('Move "terraform_data.a" to "terraform_data.renamed"\nSuccessfully moved 1 object(s).\n');
    // As Terraform, state mv backs the state up to a timestamped file, not terraform.tfstate.backup.
    const backups = readdirSync(dir).filter((f) => f.includes('backup'));
    expect(backups).toEqual([expect.stringMatching(/^terraform\.tfstate\.\d{10}\.backup$/)]);
    expect(readFileSync(join(dir, backups[0]!), 'utf8')).toContain('"name": "a"');
    expect(terrane(dir, ['state', 'list']).stdout).toContain('terraform_data.renamed\n');
    // Moving it back restores the original addresses and the plan has nothing to do.
    expect(terrane(dir, ['state', 'mv', 'terraform_data.renamed', 'terraform_data.a']).code).toBe(0);
    const plan = terrane(dir, ['plan', '-no-color', '-detailed-exitcode']);
    expect(plan.stdout).toContain('No changes.');
  });

  it('moves one instance and refuses an occupied target or a missing source', () => {
    const dir = applied('basic');
    const dry = terrane(dir, ['state', 'mv', '-dry-run', 'terraform_data.many[1]', 'terraform_data.many[5]']);
    expect(dry.stdout).toBe('Would move "terraform_data.many[1]" to "terraform_data.many[5]"\n');
    expect(terrane(dir, ['state', 'list']).stdout.trim().split('\n')).toEqual(ALL);
    const busy = terrane(dir, ['state', 'mv', 'terraform_data.many[1]', 'terraform_data.many[0]']);
    expect(busy.code).toBe(1);
    expect(busy.stderr).toContain('Cannot move to terraform_data.many[0]:');
    const none = terrane(dir, ['state', 'mv', 'terraform_data.nope', 'terraform_data.x']);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('Cannot move terraform_data.nope:');
  });

  it('moves a resource into a module address', () => {
    const dir = applied('basic');
    const r = terrane(dir, ['state', 'mv', 'null_resource.b', 'module.m.null_resource.b']);
    expect(r.code).toBe(0);
    expect(terrane(dir, ['state', 'list']).stdout).toContain('module.m.null_resource.b\n');
    const m = terrane(dir, ['state', 'mv', 'module.m', 'module.n']);
    expect(m.stdout).toContain('Move "module.m.null_resource.b" to "module.n.null_resource.b"');
  });
});

describe('state rm', () => {
  it('forgets instances; the next plan creates them again', () => {
    const dir = applied('basic');
    const r = terrane(dir, ['state', 'rm', 'terraform_data.many']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('Removed terraform_data.many[0]\nRemoved terraform_data.many[1]\nSuccessfully removed 2 resource instance(s).\n');
    const plan = terrane(dir, ['plan', '-no-color']);
    expect(plan.stdout).toContain('Plan: 2 to add, 0 to change, 0 to destroy.');
    const none = terrane(dir, ['state', 'rm', 'terraform_data.many']);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('No matching objects found.');
  });
});

describe('state pull and push', () => {
  it('pull prints the state; push refuses another lineage or an older serial unless forced', () => {
    const dir = applied('basic');
    const pulled = terrane(dir, ['state', 'pull']);
    expect(pulled.code).toBe(0);
    const st = JSON.parse(pulled.stdout);
    expect(st.version).toBe(4);
    expect(st.resources.length).toBe(3);
    const other = { ...st, lineage: 'another-lineage' };
    writeFileSync(join(dir, 'other.tfstate'), JSON.stringify(other));
    const bad = terrane(dir, ['state', 'push', 'other.tfstate']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('cannot import state with lineage "another-lineage"');
    const older = { ...st, serial: 0 };
    writeFileSync(join(dir, 'older.tfstate'), JSON.stringify(older));
    expect(terrane(dir, ['state', 'push', 'older.tfstate']).stderr).toContain('over newer state with serial');
    const forced = terrane(dir, ['state', 'push', '-force', 'other.tfstate']);
    expect(forced.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'terraform.tfstate'), 'utf8')).lineage).toBe('another-lineage');
  });
});

describe('state replace-provider', () => {
  it('rewrites the provider of matching resources', () => {
    const dir = applied('basic');
    const r = terrane(dir, ['state', 'replace-provider', '-auto-approve', 'hashicorp/null', 'example.com/acme/null']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Successfully replaced provider for 1 resources.');
    const st = JSON.parse(readFileSync(join(dir, 'terraform.tfstate'), 'utf8'));
    expect(st.resources.find((x: { type: string }) => x.type === 'null_resource').provider).toBe('provider["example.com/acme/null"]');
  });

  it('says what it is changing, in Terraform 1.11.4\'s words, and backs the state up as Terraform does', () => {
    const dir = applied('basic');
    const r = terrane(dir, ['state', 'replace-provider', '-auto-approve', '-backup=before.tfstate', 'hashicorp/null', 'example.com/acme/null']);
    expect(r.stdout).toBe('terrane will perform the following actions:\n\n  ~ Updating provider:\n    - registry.terraform.io/hashicorp/null\n'
      + '    + example.com/acme/null\n\nChanging 1 resources:\n\n  null_resource.b\n\nSuccessfully replaced provider for 1 resources.\n');
    expect(readdirSync(dir).filter((f) => f.includes('backup'))).toEqual([]);
    expect(readFileSync(join(dir, 'before.tfstate'), 'utf8')).toContain('provider[\\"registry.terraform.io/hashicorp/null\\"]');
    const no = terrane(dir, ['state', 'replace-provider', 'example.com/acme/null', 'hashicorp/null'], 'no\n');
    expect(no.stdout).toMatch(/Enter a value: Cancelled replacing providers\.\n$/);
  });
});

describe('state commands without a state', () => {
  it('say that no state file was found, as Terraform does', () => {
    const dir = mkdtempSync(join(tmpdir(), 'terrane-no-state-'));
    writeFileSync(join(dir, 'main.tf'), 'resource "terraform_data" "x" {}\n');
    const TEXT = 'No state file was found!\n\nState management commands require a state file. Run this command\nin a directory where terrane has been run or use the -state flag\nto point the command to a specific state location.\n';
    for (const args of [['show', 'terraform_data.x'], ['list'], ['rm', 'terraform_data.x'], ['mv', 'terraform_data.x', 'terraform_data.y'], ['replace-provider', '-auto-approve', 'hashicorp/a', 'hashicorp/b']]) {
      const r = terrane(dir, ['state', ...args]);
      expect([r.code, r.stdout, r.stderr]).toEqual([1, '', TEXT]);
    }
  });
});
