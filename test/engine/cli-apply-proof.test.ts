/**
 * Proof of the apply side through the built CLI with builtin providers: the order of a
 * replacement's progress lines (destroy-then-create and create_before_destroy, compared
 * with terraform 1.11.4's own output), and an apply that fails halfway, after which the
 * state holds exactly what exists and the next plan and apply pick up where it stopped.
 * (test/engine/workdir-proof.test.ts proves the same through the Workdir API.)
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { copyFixture, terrane } from '../support/cli.js';

const fixture = (name: string) => join(import.meta.dirname, '../../testdata/engine', name);

interface Instance { index_key?: number | string; status?: string; deposed?: string; create_before_destroy?: boolean; dependencies?: string[]; attributes: Record<string, unknown> }
interface StateFile { version: number; serial: number; lineage: string; resources: { mode: string; type: string; name: string; instances: Instance[] }[] }
const readState = (dir: string): StateFile => JSON.parse(readFileSync(join(dir, 'terraform.tfstate'), 'utf8')) as StateFile;
const addresses = (s: StateFile) => s.resources.flatMap((r) => r.instances.map((i) => `${r.type}.${r.name}${i.index_key === undefined ? '' : `[${i.index_key}]`}`)).sort();

/** The progress lines of `addr` (deposed objects included), with ids, keys and times made stable. */
function progressOf(out: string, addr: string): string[] {
  return out.split('\n')
    .filter((l) => l.startsWith(`${addr}: `) || l.startsWith(`${addr} (deposed object `))
    .filter((l) => /: (Creating|Creation complete|Destroying|Destruction complete|Modifying|Modifications complete)/.test(l))
    .map((l) => l.replace(/\[id=[^\]]+\]/, '[id=ID]').replace(/deposed object [0-9a-f]{8}/, 'deposed object KEY').replace(/after \d+s/, 'after Ns'));
}

describe('apply proof through the CLI', { timeout: 120_000 }, () => {
  it('orders a destroy-then-create and a create_before_destroy replacement as terraform 1.11.4 does', () => {
    const dir = copyFixture(fixture('replace-order-cli'));
    rmSync(join(dir, 'terraform'), { recursive: true });
    expect(terrane(dir, ['init']).code).toBe(0);
    expect(terrane(dir, ['apply', '-auto-approve']).code).toBe(0);
    const before = readState(dir);
    const idOf = (s: StateFile, name: string) => s.resources.find((r) => r.name === name)!.instances[0]!.attributes['id'];

    const a = terrane(dir, ['apply', '-auto-approve', '-var', 'gen=2']);
    expect(a.stderr).toBe('');
    expect(a.code).toBe(0);
    expect(a.stdout).toContain('Plan: 2 to add, 1 to change, 2 to destroy.');
    expect(a.stdout).toContain('Apply complete! Resources: 2 added, 1 changed, 2 destroyed.');
    // Written by terraform 1.11.4 (`terraform apply -var gen=2` on this fixture, applied once before).
    const golden = readFileSync(join(fixture('replace-order-cli'), 'terraform/apply-gen2.txt'), 'utf8');
    expect(progressOf(a.stdout, 'terraform_data.plain')).toEqual([
      'terraform_data.plain: Destroying... [id=ID]',
      'terraform_data.plain: Destruction complete after Ns',
      'terraform_data.plain: Creating...',
      'terraform_data.plain: Creation complete after Ns [id=ID]',
    ]);
    expect(progressOf(a.stdout, 'terraform_data.cbd')).toEqual([
      'terraform_data.cbd: Creating...',
      'terraform_data.cbd: Creation complete after Ns [id=ID]',
      'terraform_data.cbd (deposed object KEY): Destroying... [id=ID]',
      // Terraform names the resource alone once a deposed object is gone.
      'terraform_data.cbd: Destruction complete after Ns',
    ]);
    for (const addr of ['terraform_data.plain', 'terraform_data.cbd', 'terraform_data.child']) {
      expect(progressOf(a.stdout, addr), addr).toEqual(progressOf(golden, addr));
    }
    // The dependent is updated only once the object it reads exists.
    const lines = a.stdout.split('\n');
    expect(lines.indexOf('terraform_data.child: Modifying... [id=' + String(idOf(before, 'child')) + ']'))
      .toBeGreaterThan(lines.findIndex((l) => l.startsWith('terraform_data.plain: Creation complete')));

    const after = readState(dir);
    expect(addresses(after)).toEqual(['terraform_data.cbd', 'terraform_data.child', 'terraform_data.plain']);
    // New objects, no deposed one left, and the flag Terraform records for create_before_destroy.
    expect(after.resources.flatMap((r) => r.instances).some((i) => i.deposed)).toBe(false);
    for (const name of ['plain', 'cbd']) expect(idOf(after, name)).not.toBe(idOf(before, name));
    expect(idOf(after, 'child')).toBe(idOf(before, 'child'));
    const inst = (name: string) => after.resources.find((r) => r.name === name)!.instances[0]!;
    expect(inst('cbd').create_before_destroy).toBe(true);
    expect(inst('plain').create_before_destroy).toBeUndefined();
    expect(inst('plain').attributes['output']).toEqual({ value: 'plain-2', type: 'string' });
    expect(inst('child').attributes['output']).toEqual({ value: 'plain-2', type: 'string' });
    const again = terrane(dir, ['plan', '-detailed-exitcode', '-var', 'gen=2']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('No changes.');
  });

  it('keeps every success of an apply that fails halfway, names the failure, and resumes exactly there', () => {
    const dir = copyFixture(fixture('halfway-cli'));
    expect(terrane(dir, ['init']).code).toBe(0);
    const a = terrane(dir, ['apply', '-auto-approve']);
    expect(a.code).toBe(1);
    expect(a.stdout).toContain('Plan: 7 to add, 0 to change, 0 to destroy.');
    // The error names the resource, its block's file:line, and the provider's message.
    expect(a.stderr).toContain([
      'Error: Create local file error',
      '',
      '  with local_file.bad,',
      '  on main.tf line 15, in resource "local_file" "bad":',
      '  15: resource "local_file" "bad" {',
      '',
      'An unexpected error occurred while writing the file "./blocker/bad.txt":',
    ].join('\n'));
    expect(a.stderr.match(/^Error: /gm)).toHaveLength(1);
    expect(a.stdout).not.toContain('Apply complete!');
    // Independent work finished; the dependent of the failure never started.
    for (const done of ['terraform_data.base[0]', 'terraform_data.base[1]', 'terraform_data.base[2]', 'local_file.ok', 'random_id.side']) {
      expect(a.stdout).toContain(`${done}: Creation complete`);
    }
    expect(a.stdout).toContain('local_file.bad: Creating...');
    expect(a.stdout).not.toContain('local_file.bad: Creation complete');
    expect(a.stdout).not.toContain('terraform_data.after_bad:');

    const s = readState(dir);
    expect(s.version).toBe(4);
    expect(addresses(s)).toEqual(['local_file.ok', 'random_id.side', 'terraform_data.base[0]', 'terraform_data.base[1]', 'terraform_data.base[2]']);
    expect(readFileSync(join(dir, 'out/ok.txt'), 'utf8')).toMatch(/^ok base-1\n$/);

    // The next plan is exactly what is left.
    const p = terrane(dir, ['plan', '-detailed-exitcode']);
    expect(p.code).toBe(2);
    expect(p.stdout).toContain('Plan: 2 to add, 0 to change, 0 to destroy.');
    expect([...p.stdout.matchAll(/^ {2}# (\S+) will be (\w+)/gm)].map((m) => `${m[1]} ${m[2]}`)).toEqual([
      'local_file.bad created', 'terraform_data.after_bad created',
    ]);

    // With the obstacle gone, the next apply completes, and then there is nothing to do.
    rmSync(join(dir, 'blocker'));
    const done = terrane(dir, ['apply', '-auto-approve']);
    expect(done.stderr).toBe('');
    expect(done.code).toBe(0);
    expect(done.stdout).toContain('Apply complete! Resources: 2 added, 0 changed, 0 destroyed.');
    expect(existsSync(join(dir, 'blocker/bad.txt'))).toBe(true);
    const end = readState(dir);
    expect(end.lineage).toBe(s.lineage);
    expect(addresses(end)).toHaveLength(7);
    expect(end.resources.find((r) => r.name === 'after_bad')!.instances[0]!.dependencies).toContain('local_file.bad');
    const last = terrane(dir, ['plan', '-detailed-exitcode']);
    expect(last.code).toBe(0);
    expect(last.stdout).toContain('No changes. Your infrastructure matches the configuration.');
  });
});
