/**
 * `terrane import` of a target the configuration does not declare: what terraform 1.11.4
 * printed for the same commands (stderr, with -no-color), and nothing on stdout.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { terrane } from './helpers.js';

function workdir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'terrane-import-target-'));
  writeFileSync(join(dir, 'main.tf'), 'resource "terraform_data" "x" {\n  input = "a"\n}\n');
  expect(terrane(dir, ['init']).code).toBe(0);
  return dir;
}

describe('import of an undeclared target', () => {
  it('says so in Terraform\'s words, before importing anything', () => {
    const dir = workdir();
    const said = (addr: string) => {
      const r = terrane(dir, ['import', '-no-color', addr, 'abc']);
      expect([r.code, r.stdout]).toEqual([1, '']);
      return r.stderr;
    };
    expect(said('terraform_data.y')).toBe('Error: resource address "terraform_data.y" does not exist in the configuration.\n\n'
      + 'Before importing this resource, please create its configuration in the root module. For example:\n\n'
      + 'resource "terraform_data" "y" {\n  # (resource arguments)\n}\n\n');
    expect(said('terraform_data.x[0]')).toBe('\nError: Configuration for import target does not exist\n\n'
      + 'The configuration for the given import terraform_data.x[0] does not exist.\nAll target instances must have an associated configuration to be imported.\n\n');
    expect(said('module.m.terraform_data.x')).toBe('\nError: Import to non-existent module\n\n'
      + 'module.m is not defined in the configuration. Please add configuration for\nthis module before importing into it.\n\n');
    expect(said('data.terraform_remote_state.x')).toBe('\nError: A managed resource address is required. Importing into a data resource is not allowed.\n\n\n');
  });

  it('a failed import does not mention resource targeting', () => {
    const dir = mkdtempSync(join(tmpdir(), 'terrane-import-target-'));
    writeFileSync(join(dir, 'main.tf'), 'resource "terraform_data" "c" {\n  count = 1\n}\n');
    const r = terrane(dir, ['import', '-no-color', 'terraform_data.c[3]', 'abc']);
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).not.toContain('Resource targeting is in effect');
  });
});
