/**
 * A destroy after the configuration gained a for_each key that was never applied: the
 * new instance has no object, and a module call reading `base[each.key].id` for it must
 * not stop the destroy. terraform 1.11.4 plans and applies this destroy (2 to destroy).
 */
import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { terrane } from './helpers.js';

const main = (names: string) => `variable "names" {
  type    = set(string)
  default = ${names}
}
resource "terraform_data" "base" {
  for_each = var.names
  input    = each.value
}
module "child" {
  source   = "./child"
  for_each = var.names
  base     = terraform_data.base[each.key].id
}
`;

describe('destroy with a for_each key not applied yet', () => {
  it('plans and destroys what exists', () => {
    const dir = mkdtempSync(join(tmpdir(), 'terrane-destroy-keys-'));
    mkdirSync(join(dir, 'child'));
    writeFileSync(join(dir, 'child', 'main.tf'), 'variable "base" { type = string }\nresource "terraform_data" "c" { input = var.base }\noutput "id" { value = terraform_data.c.id }\n');
    writeFileSync(join(dir, 'main.tf'), main('["x"]'));
    expect(terrane(dir, ['init']).code).toBe(0);
    expect(terrane(dir, ['apply', '-auto-approve']).code).toBe(0);
    writeFileSync(join(dir, 'main.tf'), main('["x", "y"]'));

    const plan = terrane(dir, ['plan', '-destroy', '-no-color']);
    expect(plan.stderr).toBe('');
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain('Plan: 0 to add, 0 to change, 2 to destroy.');

    const destroy = terrane(dir, ['destroy', '-auto-approve', '-no-color']);
    expect(destroy.stderr).toBe('');
    expect(destroy.code).toBe(0);
    expect(destroy.stdout).toContain('Destroy complete! Resources: 2 destroyed.');
    expect(JSON.parse(readFileSync(join(dir, 'terraform.tfstate'), 'utf8')).resources).toEqual([]);
  });
});
