import { describe, it, expect } from 'vitest';
import { fixture, terrane } from './helpers.js';

describe('validate', () => {
  it('accepts a valid configuration', () => {
    const r = terrane(fixture('basic'), ['validate', '-no-color']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('Success! The configuration is valid.\n\n');
  });

  it('reports an unsupported argument with its file and line, as text and JSON', () => {
    const dir = fixture('invalid');
    const r = terrane(dir, ['validate', '-no-color']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Error: Unsupported argument');
    expect(r.stderr).toContain('on main.tf line 3, in resource "null_resource" "x":');
    const j = JSON.parse(terrane(dir, ['validate', '-json']).stdout);
    expect(j).toMatchObject({ format_version: '1.0', valid: false, error_count: 1, warning_count: 0 });
    expect(j.diagnostics[0].range).toEqual({ filename: 'main.tf', start: { line: 3, column: 3, byte: 49 }, end: { line: 3, column: 8, byte: 54 } });
    expect(j.diagnostics[0].snippet.code).toBe('  bogus    = 1');
  });

  it('reports a resource or data source type its provider does not have, with the nearest name', () => {
    const r = terrane(fixture('unknown-type'), ['validate', '-no-color']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Error: Invalid resource type\n\n  on main.tf line 1, in resource "null_resouce" "typo":');
    expect(r.stderr).toContain('The provider hashicorp/null does not support resource type "null_resouce".\n\nDid you mean "null_resource"?');
    expect(r.stderr).toContain('Error: Invalid data source\n\n  on main.tf line 3, in data "terraform_remote_stat" "typo":');
    expect(r.stderr).toContain('Did you mean "terraform_remote_state"?');
  });

  it('reports a dependency cycle as terraform 1.11.4 does: the summary only, nodes named as its validate graph names them', () => {
    // Texts from terraform 1.11.4 on testdata/cli/validate-cycle (it lists the nodes in no
    // fixed order; terrane sorts them).
    const dir = fixture('validate-cycle');
    const r = terrane(dir, ['validate', '-no-color']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('\nError: Cycle: local.x (expand), terraform_data.c\n\n');
    const j = terrane(dir, ['validate', '-json']);
    expect(j.code).toBe(1);
    expect(JSON.parse(j.stdout)).toEqual({
      format_version: '1.0', valid: false, error_count: 1, warning_count: 0,
      diagnostics: [{ severity: 'error', summary: 'Cycle: local.x (expand), terraform_data.c', detail: '' }],
    });
  });
});
