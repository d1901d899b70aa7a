/**
 * The `dependencies` state records for each instance: every resource among its ancestors,
 * through locals, variables, module calls, outputs, other resources and data sources,
 * sorted. testdata/cli/state-dependencies/terraform-dependencies.json is what terraform
 * 1.11.4 wrote to terraform.tfstate for the same configuration.
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
  it('records the full transitive set of resources, sorted, as Terraform does', () => {
    expect(recorded(applied('state-dependencies'))).toEqual(golden);
  });

  it('brings the records of unchanged objects up to date on the next apply, as Terraform does', () => {
    const dir = applied('state-dependencies');
    // A record as an older terrane wrote it: only the first resource on each path.
    const path = join(dir, 'terraform.tfstate');
    const s = JSON.parse(readFileSync(path, 'utf8')) as StateFile;
    s.resources.find((r) => r.name === 'after')!.instances[0]!.dependencies = ['module.mod.terraform_data.inner'];
    writeFileSync(path, JSON.stringify(s, null, 2));
    const a = terrane(dir, ['apply', '-auto-approve', '-no-color']);
    expect(a.stdout).toContain('Apply complete! Resources: 0 added, 0 changed, 0 destroyed.');
    expect(recorded(dir)['terraform_data.after']).toEqual(golden['terraform_data.after']);
  });

  it('destroys orphans in the order their records give, through a resource that stays', () => {
    const dir = mkdtempSync(join(tmpdir(), 'terrane-orphans-'));
    writeFileSync(join(dir, 'main.tf'), 'resource "terraform_data" "c" { input = "c" }\nresource "terraform_data" "b" { input = terraform_data.c.output }\nresource "terraform_data" "a" { input = terraform_data.b.output }\n');
    expect(terrane(dir, ['apply', '-auto-approve']).code).toBe(0);
    expect(recorded(dir)['terraform_data.a']).toEqual(['terraform_data.b', 'terraform_data.c']);
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
