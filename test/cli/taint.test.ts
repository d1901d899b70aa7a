import { describe, it, expect } from 'vitest';
import { applied, terrane } from './helpers.js';

describe('taint and untaint', () => {
  it('taint makes the next plan replace the instance; untaint undoes it', () => {
    const dir = applied('basic');
    const t = terrane(dir, ['taint', 'null_resource.b']);
    expect(t.code).toBe(0);
    expect(t.stdout).toBe('Resource instance null_resource.b has been marked as tainted.\n');
    const plan = terrane(dir, ['plan', '-no-color']);
    expect(plan.stdout).toContain('# null_resource.b is tainted, so must be replaced');
    expect(plan.stdout).toContain('Plan: 1 to add, 0 to change, 1 to destroy.');
    const u = terrane(dir, ['untaint', 'null_resource.b']);
    expect(u.stdout).toBe('Resource instance null_resource.b has been successfully untainted.\n');
    expect(terrane(dir, ['plan', '-no-color']).stdout).toContain('No changes.');
    const again = terrane(dir, ['untaint', 'null_resource.b']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('Resource instance is not tainted');
  });

  it('refuses an instance that is not in the state', () => {
    const dir = applied('basic');
    const r = terrane(dir, ['taint', 'null_resource.missing']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('No such resource instance');
    expect(terrane(dir, ['taint', '-allow-missing', 'null_resource.missing']).code).toBe(0);
  });
});
