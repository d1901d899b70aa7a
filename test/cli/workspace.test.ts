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

describe('workspace texts', () => {
  // What terraform 1.11.4 printed (with -no-color) for the same commands.
  const NOT_THERE = 'Workspace "nope" doesn\'t exist.\n\nYou can create this workspace with the "new" subcommand \nor include the "-or-create" flag with the "select" subcommand.\n';
  const INVALID = '\nThe workspace name "a/b" is not allowed. The name must contain only URL safe\ncharacters, and no path separators.\n\n';
  const fails = (r: { code: number; stdout: string; stderr: string }) => { expect(r.code).toBe(1); expect(r.stdout).toBe(''); return r.stderr; };

  it('refusals are bare text on stderr, as Terraform prints them', () => {
    const dir = applied('basic');
    expect(terrane(dir, ['workspace', 'new', 'dev']).code).toBe(0);
    expect(fails(terrane(dir, ['workspace', 'new', 'dev']))).toBe('Workspace "dev" already exists\n');
    expect(fails(terrane(dir, ['workspace', 'delete', 'dev']))).toBe('Workspace "dev" is your active workspace.\n\nYou cannot delete the currently active workspace. Please switch\nto another workspace and try again.\n');
    expect(fails(terrane(dir, ['workspace', 'select', 'nope']))).toBe(`\n${NOT_THERE}`);
    expect(fails(terrane(dir, ['workspace', 'delete', 'nope']))).toBe(NOT_THERE);
    expect(fails(terrane(dir, ['workspace', 'new', 'a/b']))).toBe(INVALID);
    expect(fails(terrane(dir, ['workspace', 'select', 'a/b']))).toBe(INVALID);
  });

  it('select -or-create says it created the workspace; selecting the current one says nothing', () => {
    const dir = applied('basic');
    expect(terrane(dir, ['workspace', 'select', '-or-create', 'stg']).stdout).toBe('Created and switched to workspace "stg"!\n\n'
      + 'You\'re now on a new, empty workspace. Workspaces isolate their state,\nso if you run "terrane plan" terrane will not see any existing state\nfor this configuration.\n');
    const again = terrane(dir, ['workspace', 'select', '-or-create', 'stg']);
    expect([again.code, again.stdout, again.stderr]).toEqual([0, '', '']);
    expect(terrane(dir, ['workspace', 'select', 'default']).stdout).toBe('Switched to workspace "default".\n');
  });

  it('a forced delete of a non-empty workspace warns after deleting it', () => {
    const dir = applied('basic');
    terrane(dir, ['workspace', 'new', 'dev']);
    expect(terrane(dir, ['apply', '-auto-approve']).code).toBe(0);
    terrane(dir, ['workspace', 'select', 'default']);
    const d = terrane(dir, ['workspace', 'delete', '-force', 'dev']);
    expect([d.code, d.stderr]).toEqual([0, '']);
    expect(d.stdout).toBe('Deleted workspace "dev"!\nWARNING: "dev" was non-empty.\nThe resources managed by the deleted workspace may still exist,\n'
      + 'but are no longer manageable by terrane since the state has\nbeen deleted.\n\n');
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
