import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
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
