/**
 * `terrane show` / `state show` render a state with the plan renderer's rules, as
 * Terraform's show does: strings holding JSON as jsonencode(...) (attributes, list
 * elements, outputs), multi-line strings as heredocs, outputs typed (map keys quoted) with
 * the legacy rule (an empty string shows as null, an object's null attributes are left
 * out), and in a legacy-SDK schema (aws) an empty string attribute as `null`.
 *
 * The goldens are terraform 1.11.4's output:
 * - testdata/cli/show-strings: terraform applied main.tf (terraform_data only) and wrote
 *   terraform.tfstate; show.golden.txt is `terraform show -no-color`,
 *   state-show-nested.golden.txt `terraform state show -no-color terraform_data.nested`.
 * - testdata/cli/show-aws: terrane applied main.tf against its local cloud and wrote
 *   terraform.tfstate; show.golden.txt is `terraform show -no-color` of that state with
 *   the hashicorp/aws 5.100.0 provider.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fixture, terrane } from './helpers.js';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const golden = (dir: string, name: string) => readFileSync(join(dir, name), 'utf8');

describe('show renders state as terraform does', () => {
  it('jsonencode, heredocs and typed outputs, from a state terraform wrote', () => {
    const dir = fixture('show-strings');
    const s = terrane(dir, ['show', '-no-color']);
    expect(s.stderr).toBe('');
    expect(s.stdout).toBe(golden(dir, 'show.golden.txt'));
    const one = terrane(dir, ['state', 'show', '-no-color', 'terraform_data.nested']);
    expect(one.stdout).toBe(golden(dir, 'state-show-nested.golden.txt'));
  });

  it('the same text from a state terrane wrote', () => {
    const dir = fixture('show-strings');
    const want = golden(dir, 'show.golden.txt').replace(UUID, 'UUID');
    rmSync(join(dir, 'terraform.tfstate'));
    expect(terrane(dir, ['apply', '-auto-approve', '-no-color']).code).toBe(0);
    expect(terrane(dir, ['show', '-no-color']).stdout.replace(UUID, 'UUID')).toBe(want);
  });

  it('legacy-SDK aws resources: empty strings as null, JSON policies, nested blocks', () => {
    const dir = fixture('show-aws');
    const s = terrane(dir, ['show', '-no-color']);
    expect(s.stderr).toBe('');
    expect(s.stdout).toBe(golden(dir, 'show.golden.txt'));
  });
});
