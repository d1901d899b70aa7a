import { describe, it, expect } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixture, terrane } from './cli.js';

describe('hashicorp/time end to end', () => {
  it('init, apply, no drift, an expired rotation is re-created, destroy', () => {
    const dir = fixture('time');
    expect(terrane(dir, 'init').code).toBe(0);
    const t0 = Date.now();
    const apply = terrane(dir, 'apply', '-auto-approve');
    expect(apply.err).toBe('');
    expect(apply.code).toBe(0);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1000);
    expect(apply.out).toContain('fixed_year = 2024');
    expect(apply.out).toMatch(/rotates_at = "\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"/);
    expect(terrane(dir, 'plan', '-detailed-exitcode').code).toBe(0);

    // Move the rotation time into the past in state: the next plan must rotate.
    const path = join(dir, 'terraform.tfstate');
    const state = JSON.parse(readFileSync(path, 'utf8'));
    const rot = state.resources.find((r: { type: string }) => r.type === 'time_rotating');
    rot.instances[0].attributes.rotation_rfc3339 = '2001-01-01T00:00:00Z';
    writeFileSync(path, JSON.stringify(state));
    const plan = terrane(dir, 'plan', '-detailed-exitcode');
    expect(plan.code).toBe(2);
    expect(plan.out).toContain('# time_rotating.key will be created');
    expect(terrane(dir, 'apply', '-auto-approve').code).toBe(0);
    const after = JSON.parse(readFileSync(path, 'utf8'));
    const fresh = after.resources.find((r: { type: string }) => r.type === 'time_rotating').instances[0].attributes;
    expect(Date.parse(fresh.rotation_rfc3339)).toBeGreaterThan(Date.now());
    expect(terrane(dir, 'plan', '-detailed-exitcode').code).toBe(0);

    expect(terrane(dir, 'destroy', '-auto-approve').code).toBe(0);
  });
});
