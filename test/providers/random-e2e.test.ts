import { describe, it, expect } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import bcrypt from 'bcryptjs';
import { join } from 'node:path';
import { fixture, terrane } from './cli.js';

describe('hashicorp/random end to end', () => {
  it('init, apply, plan with no changes, destroy', () => {
    const dir = fixture('random');
    expect(terrane(dir, 'init').code).toBe(0);
    const apply = terrane(dir, 'apply', '-auto-approve');
    expect(apply.err).toBe('');
    expect(apply.code).toBe(0);
    expect(apply.out).toContain('Apply complete! Resources: 7 added, 0 changed, 0 destroyed.');
    expect(apply.out).toMatch(/name = "[a-z]+-[a-z]+-[a-z]+-[A-Za-z0-9]{12}-8\d{3}"/);
    expect(apply.out).toContain('password = <sensitive>');
    const state = JSON.parse(readFileSync(join(dir, 'terraform.tfstate'), 'utf8'));
    const pw = state.resources.find((r: { type: string }) => r.type === 'random_password');
    expect(pw.provider).toBe('provider["registry.terraform.io/hashicorp/random"]');
    expect(pw.instances[0].attributes.result).toMatch(/^.{24}$/);
    expect(pw.instances[0].sensitive_attributes.length).toBeGreaterThan(0);
    const plan = terrane(dir, 'plan', '-detailed-exitcode');
    expect(plan.code).toBe(0);
    expect(plan.out).toContain('No changes.');
    const destroy = terrane(dir, 'destroy', '-auto-approve');
    expect(destroy.code).toBe(0);
    expect(destroy.out).toContain('Destroy complete! Resources: 7 destroyed.');
  });
});

describe('hashicorp/random state upgrade', () => {
  it('upgrades random_password v0 and random_string v1 without replacement and saves the upgrade', () => {
    const dir = fixture('random-upgrade');
    expect(terrane(dir, 'init').code).toBe(0);
    const plan = terrane(dir, 'plan', '-no-color');
    expect(plan.err).toBe('');
    // Only the "" -> null override_special of the old password is a change, and not a replacement.
    // Terraform's renderer reads "" as null in a legacy schema, so the change shows as unchanged.
    expect(plan.out).toContain('# random_password.db will be updated in-place');
    expect(plan.out).toContain('  ~ resource "random_password" "db" {\n        id               = "none"\n        # (13 unchanged attributes hidden)\n    }\n');
    expect(plan.out).toContain('Plan: 0 to add, 1 to change, 0 to destroy.');
    const apply = terrane(dir, 'apply', '-auto-approve', '-no-color');
    expect(apply.code).toBe(0);
    expect(apply.out).toContain('Apply complete! Resources: 0 added, 1 changed, 0 destroyed.');
    const state = JSON.parse(readFileSync(join(dir, 'terraform.tfstate'), 'utf8'));
    const inst = (type: string) => state.resources.find((r: { type: string }) => r.type === type).instances[0];
    expect(inst('random_password').schema_version).toBe(3);
    expect(inst('random_password').attributes).toMatchObject({ result: 'Kp3x!Vq9Lm2#Zt7R', numeric: true, override_special: null });
    expect(bcrypt.compareSync('Kp3x!Vq9Lm2#Zt7R', inst('random_password').attributes.bcrypt_hash)).toBe(true);
    expect(inst('random_string').schema_version).toBe(2);
    expect(inst('random_string').attributes).toMatchObject({ result: 'ab12cd34', numeric: true });
    expect(terrane(dir, 'plan', '-detailed-exitcode').code).toBe(0);
  });
  it('an object from a newer provider version is an error', () => {
    const dir = fixture('random-upgrade');
    const path = join(dir, 'terraform.tfstate');
    writeFileSync(path, readFileSync(path, 'utf8').replace('"schema_version": 1', '"schema_version": 7'));
    expect(terrane(dir, 'init').code).toBe(0);
    const plan = terrane(dir, 'plan', '-no-color');
    expect(plan.code).toBe(1);
    expect(plan.err).toContain('Error: Resource instance managed by newer provider version');
    expect(plan.err.replace(/\s+/g, ' ')).toContain('The current state of random_string.suffix was created by a newer provider version than is currently selected. Upgrade the random provider to work with this state.');
  });
});
