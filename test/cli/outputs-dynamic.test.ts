/**
 * Outputs holding whole terraform_data objects, whose `input` and `output` are dynamic in
 * the schema: Terraform saves them with the concrete type of what those attributes hold
 * (`["object", {"input": ["object", {...}], ...}]`), and only a null one stays "dynamic".
 * testdata/cli/outputs-dynamic/terraform.tfstate was written by terraform 1.11.4 applying
 * the fixture's main.tf.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fixture, terrane } from './helpers.js';

/** The state's outputs section, with the random ids that differ between runs masked. */
function outputsSection(path: string): string {
  const text = readFileSync(path, 'utf8');
  const section = text.slice(text.indexOf('"outputs"'), text.indexOf('"resources"'));
  return section.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, 'ID');
}

describe('outputs holding objects with dynamic attributes', () => {
  it('a state terraform wrote plans with no changes', () => {
    const dir = fixture('outputs-dynamic');
    const p = terrane(dir, ['plan', '-no-color', '-detailed-exitcode']);
    expect(p.stderr).toBe('');
    expect(p.stdout).not.toContain('Changes to Outputs');
    expect(p.stdout).toContain('No changes. Your infrastructure matches the configuration.');
    expect(p.code).toBe(0);
  });

  it('terrane saves the outputs as terraform does, byte for byte', () => {
    const dir = fixture('outputs-dynamic');
    const golden = outputsSection(join(dir, 'terraform.tfstate'));
    rmSync(join(dir, 'terraform.tfstate'));
    const a = terrane(dir, ['apply', '-auto-approve', '-no-color']);
    expect(a.stderr).toBe('');
    expect(a.code).toBe(0);
    expect(outputsSection(join(dir, 'terraform.tfstate'))).toBe(golden);
    // And terrane's own state plans with no changes, too.
    expect(terrane(dir, ['plan', '-no-color', '-detailed-exitcode']).code).toBe(0);
  });

  it('output -json gives the concrete type', () => {
    const dir = fixture('outputs-dynamic');
    const o = terrane(dir, ['output', '-json', 'string_input']);
    expect(o.code).toBe(0);
    expect(JSON.parse(o.stdout)).toMatchObject({ input: 'hello', output: 'hello', triggers_replace: null });
    const all = JSON.parse(terrane(dir, ['output', '-json']).stdout) as Record<string, { type: unknown }>;
    expect(all['string_input']!.type).toEqual(['object', { id: 'string', input: 'string', output: 'string', triggers_replace: 'dynamic' }]);
  });
});
