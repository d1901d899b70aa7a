import { describe, it, expect } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { applied, terrane } from './helpers.js';

describe('workspace', () => {
  it('new, list, show, select and delete with Terraform messages', () => {
    const dir = applied('basic');
    const n = terrane(dir, ['workspace', 'new', 'dev']);
    expect(n.code).toBe(0);
    expect(n.stdout).toContain('Created and switched to workspace "dev"!');
    expect(terrane(dir, ['workspace', 'show']).stdout).toBe('dev\n');
    expect(terrane(dir, ['workspace', 'list']).stdout).toBe('  default\n* dev\n\n');
    expect(terrane(dir, ['state', 'list']).code).toBe(1);
    expect(terrane(dir, ['apply', '-auto-approve']).code).toBe(0);
    expect(existsSync(join(dir, 'terraform.tfstate.d', 'dev', 'terraform.tfstate'))).toBe(true);
    expect(terrane(dir, ['workspace', 'new', 'dev']).stderr).toContain('Workspace "dev" already exists');
    expect(terrane(dir, ['workspace', 'select', 'default']).stdout).toBe('Switched to workspace "default".\n');
    const busy = terrane(dir, ['workspace', 'delete', 'dev']);
    expect(busy.code).toBe(1);
    expect(busy.stderr).toContain('Workspace is not empty');
    const d = terrane(dir, ['workspace', 'delete', '-force', 'dev']);
    expect(d.code).toBe(0);
    expect(d.stdout).toContain('Deleted workspace "dev"!');
    expect(terrane(dir, ['workspace', 'select', 'dev']).stderr).toContain('Workspace "dev" doesn\'t exist.');
  });
});

describe('force-unlock', () => {
  it('rejects a wrong lock id', () => {
    const dir = applied('basic');
    const r = terrane(dir, ['force-unlock', '-force', 'nope']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Failed to unlock state');
  });
});

describe('refresh', () => {
  it('refreshes the state and prints only the progress and the outputs, as Terraform does', () => {
    const dir = applied('basic');
    const r = terrane(dir, ['refresh', '-no-color']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^terraform_data\.a: Refreshing state\.\.\. \[id=[0-9a-f-]{36}\]$/m);
    expect(r.stdout).not.toContain('Apply complete!');
    expect(r.stdout).not.toContain('No changes.');
    expect(r.stdout.endsWith('\nOutputs:\n\na_input = "hello"\n')).toBe(true);
  });

  it('apply -refresh-only -auto-approve ends with the summary and the outputs', () => {
    const dir = applied('basic');
    const r = terrane(dir, ['apply', '-refresh-only', '-auto-approve', '-no-color']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('No changes. Your infrastructure still matches the configuration.');
    expect(r.stdout.endsWith('Apply complete! Resources: 0 added, 0 changed, 0 destroyed.\n\nOutputs:\n\na_input = "hello"\n')).toBe(true);
  });
});
