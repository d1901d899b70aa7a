/**
 * `-no-color` anywhere after the command, as Terraform 1.11.4 takes it out of every
 * command's arguments before parsing them (outputs below are what terraform printed for the
 * same commands on testdata/cli/basic's terraform_data, names aside).
 */
import { describe, expect, it } from 'vitest';
import { applied, terrane } from './helpers.js';

describe('-no-color', () => {
  it('is accepted before, between and after the arguments of every command', () => {
    const dir = applied('basic');
    const out = (args: string[]) => {
      const r = terrane(dir, args);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      return r.stdout;
    };
    expect(out(['taint', 'terraform_data.a', '-no-color'])).toBe('Resource instance terraform_data.a has been marked as tainted.\n');
    expect(out(['untaint', '-no-color', 'terraform_data.a'])).toBe('Resource instance terraform_data.a has been successfully untainted.\n');
    expect(out(['state', 'list', 'terraform_data.a', '-no-color'])).toBe('terraform_data.a\n');
    expect(out(['workspace', 'list', '-no-color'])).toBe('* default\n\n');
    expect(out(['workspace', 'show', '-no-color'])).toBe('default\n');
    expect(out(['workspace', 'new', '-no-color', 'dev'])).toContain('Created and switched to workspace "dev"!');
    expect(out(['workspace', 'select', '-no-color', 'default'])).toBe('Switched to workspace "default".\n');
    expect(out(['workspace', 'delete', '-no-color', 'dev'])).toBe('Deleted workspace "dev"!\n');
    expect(out(['providers', '-no-color'])).toContain('Providers required by configuration:');
    expect(out(['version', '-no-color'])).toMatch(/^Terrane v/);
    expect(out(['state', 'replace-provider', '-no-color', '-auto-approve', 'hashicorp/foo', 'hashicorp/bar'])).toBe('No matching resources found.\n');
  });

  it('is only that spelling, and not a global option', () => {
    const dir = applied('basic');
    expect(terrane(dir, ['version', '--no-color']).stderr).toContain('flag provided but not defined: -no-color');
    expect(terrane(dir, ['-no-color', 'version']).code).toBe(1);
  });
});
