/**
 * The `dependencies` state records for each instance. Terraform records every resource
 * among an instance's ancestors (testdata/cli/state-dependencies/terraform-dependencies.json
 * is what terraform 1.11.4 wrote for the same configuration); terrane records the nearest
 * resources on each path, through locals, variables, module calls, outputs and data
 * sources, so a long chain's state stays linear in its length. Following the records from
 * instance to instance gives exactly Terraform's sets: the same destroy order.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { applied, terrane } from './helpers.js';

interface StateFile { resources: { module?: string; mode: string; type: string; name: string; instances: { index_key?: number; dependencies?: string[] }[] }[] }

/** Instance address -> recorded dependencies (null when there are none). */
function recorded(dir: string): Record<string, string[] | null> {
  const s = JSON.parse(readFileSync(join(dir, 'terraform.tfstate'), 'utf8')) as StateFile;
  const out: Record<string, string[] | null> = {};
  for (const r of s.resources) {
    for (const i of r.instances) {
      const addr = `${r.module ? r.module + '.' : ''}${r.mode === 'data' ? 'data.' : ''}${r.type}.${r.name}${i.index_key !== undefined ? `[${i.index_key}]` : ''}`;
      out[addr] = i.dependencies ?? null;
    }
  }
  return out;
}

const golden = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../testdata/cli/state-dependencies/terraform-dependencies.json'), 'utf8'));

describe('state dependencies', () => {
  it('records the nearest resources, sorted, whose records reach exactly the resources Terraform records', () => {
    const rec = recorded(applied('state-dependencies'));
    expect(Object.keys(rec).sort()).toEqual(Object.keys(golden).sort());
    // Instance records by resource address (count instances share theirs).
    const byResource = new Map<string, string[]>();
    for (const [addr, deps] of Object.entries(rec)) byResource.set(addr.replace(/\[\d+\]$/, ''), [...(byResource.get(addr.replace(/\[\d+\]$/, '')) ?? []), ...(deps ?? [])]);
    const closure = (start: string[]): string[] => {
      const seen = new Set<string>();
      const stack = [...start];
      while (stack.length) { const d = stack.pop()!; if (!seen.has(d)) { seen.add(d); stack.push(...(byResource.get(d) ?? [])); } }
      return [...seen].sort();
    };
    for (const [addr, deps] of Object.entries(rec)) {
      expect(deps === null ? null : [...deps].sort(), `${addr} sorted`).toEqual(deps);
      expect(deps === null ? null : closure(deps), addr).toEqual(golden[addr]);
    }
    expect(rec['terraform_data.dep']).toEqual(['module.mod.terraform_data.inner', 'terraform_data.cnt']);
    expect(rec['terraform_data.a']).toEqual(['terraform_data.b']);
  });

  it('brings the records of unchanged objects up to date on the next apply, as Terraform does', () => {
    const dir = applied('state-dependencies');
    // A stale record (as after a configuration edit that changed no argument's value).
    const path = join(dir, 'terraform.tfstate');
    const s = JSON.parse(readFileSync(path, 'utf8')) as StateFile;
    const want = recorded(dir)['terraform_data.after'];
    s.resources.find((r) => r.name === 'after')!.instances[0]!.dependencies = ['terraform_data.c'];
    writeFileSync(path, JSON.stringify(s, null, 2));
    const a = terrane(dir, ['apply', '-auto-approve', '-no-color']);
    expect(a.stdout).toContain('Apply complete! Resources: 0 added, 0 changed, 0 destroyed.');
    expect(recorded(dir)['terraform_data.after']).toEqual(want);
  });

  it('destroys orphans in the order their records give, through a resource that stays', () => {
    const dir = mkdtempSync(join(tmpdir(), 'terrane-orphans-'));
    writeFileSync(join(dir, 'main.tf'), 'resource "terraform_data" "c" { input = "c" }\nresource "terraform_data" "b" { input = terraform_data.c.output }\nresource "terraform_data" "a" { input = terraform_data.b.output }\n');
    expect(terrane(dir, ['apply', '-auto-approve']).code).toBe(0);
    expect(recorded(dir)['terraform_data.a']).toEqual(['terraform_data.b']);
    // a and c leave the configuration; b stays and no longer refers to c.
    writeFileSync(join(dir, 'main.tf'), 'resource "terraform_data" "b" { input = "b" }\n');
    const r = terrane(dir, ['apply', '-auto-approve', '-no-color']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    const at = (prefix: string) => lines.findIndex((l) => l.startsWith(prefix));
    expect(at('terraform_data.a: Destruction complete')).toBeGreaterThanOrEqual(0);
    expect(at('terraform_data.a: Destruction complete')).toBeLessThan(at('terraform_data.c: Destroying...'));
  });
});
