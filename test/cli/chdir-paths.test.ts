/**
 * Paths given to a command after the global `-chdir=DIR` are relative to DIR, as terraform
 * 1.11.4 has them (checked side by side on testdata/cli/chdir-paths): `plan -out`,
 * `-var-file`, `show PLANFILE`, `graph -plan`, `apply PLANFILE`, `output -state`,
 * `refresh -state`, and the legacy `-state-out` and `-backup` (apply, refresh, taint). Run both through the built CLI (which really changes directory) and in
 * process (where only the command's working directory changes), so no command reads a
 * path against the process's directory by accident.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyFixture, terrane, type CliResult } from '../support/cli.js';
import { terraneInProcess } from '../support/cli-in-process.js';

const FIXTURE = join(import.meta.dirname, '../../testdata/cli/chdir-paths');

type Runner = (cwd: string, args: string[]) => CliResult | Promise<CliResult>;

describe.each<[string, Runner]>([
  ['the built CLI', (cwd, args) => terrane(cwd, args)],
  ['in process', (cwd, args) => terraneInProcess(cwd, args)],
])('-chdir with path flags (%s)', (_name, runner) => {
  it('resolves every path flag against the -chdir directory', async () => {
    const top = copyFixture(FIXTURE);
    // Where a path resolved against the process directory would land.
    mkdirSync(join(top, 'elsewhere'));
    const cwd = join(top, 'elsewhere');
    const d = join(top, 'd');
    const run = async (...args: string[]) => {
      const r = await runner(cwd, ['-chdir=../d', ...args]);
      expect(r.code, r.stderr).toBe(0);
      return r;
    };
    await run('init');
    const plan = await run('plan', '-no-color', '-var-file=vals.tfvars', '-out=x.tfplan');
    expect(plan.stdout).toContain('+ o = "fromfile"');
    expect(existsSync(join(d, 'x.tfplan'))).toBe(true);
    expect(existsSync(join(cwd, 'x.tfplan'))).toBe(false);
    expect((await run('show', '-no-color', 'x.tfplan')).stdout).toContain('+ o = "fromfile"');
    expect((await run('graph', '-plan=x.tfplan')).stdout).toContain('"[root] terraform_data.a"');
    await run('apply', '-no-color', 'x.tfplan');
    expect(existsSync(join(d, 'terraform.tfstate'))).toBe(true);
    expect((await run('output', '-raw', '-state=terraform.tfstate', 'o')).stdout).toBe('fromfile');
    await run('refresh', '-no-color', '-var-file=vals.tfvars', '-state=terraform.tfstate');
    expect(existsSync(join(cwd, 'terraform.tfstate'))).toBe(false);
  });

  it('reads -state, writes -state-out and backs up to -backup, relative to the -chdir directory', async () => {
    // The same steps gave the same files with terraform 1.11.4.
    const top = copyFixture(FIXTURE);
    mkdirSync(join(top, 'elsewhere'));
    const cwd = join(top, 'elsewhere');
    const d = (f: string) => join(top, 'd', f);
    const run = async (...args: string[]) => {
      const r = await runner(cwd, ['-chdir=../d', ...args]);
      expect(r.code, r.stderr).toBe(0);
    };
    const input = (f: string) => (JSON.parse(readFileSync(d(f), 'utf8')) as { resources: { instances: { attributes: { input: { value: unknown } }; status?: string }[] }[] }).resources[0]!.instances[0]!;
    await run('init');
    await run('apply', '-auto-approve', '-no-color');
    // -state-out: the state read stays as it was; a new out file has nothing to back up.
    await run('apply', '-auto-approve', '-no-color', '-var-file=vals.tfvars', '-state-out=out.tfstate', '-backup=bk.tfstate');
    expect(input('out.tfstate').attributes.input.value).toBe('fromfile');
    expect(input('terraform.tfstate').attributes.input.value).toBe('x');
    expect(existsSync(d('bk.tfstate'))).toBe(false);
    // -backup receives what the written file held.
    await run('apply', '-auto-approve', '-no-color', '-state=out.tfstate', '-backup=bk.tfstate');
    expect(input('out.tfstate').attributes.input.value).toBe('x');
    expect(input('bk.tfstate').attributes.input.value).toBe('fromfile');
    expect(existsSync(d('out.tfstate.backup'))).toBe(false);
    await run('apply', '-auto-approve', '-no-color', '-state=out.tfstate', '-var-file=vals.tfvars', '-backup=-');
    expect(existsSync(d('out.tfstate.backup'))).toBe(false);
    await run('taint', '-no-color', '-state=out.tfstate', '-state-out=t.tfstate', 'terraform_data.a');
    expect(input('t.tfstate').status).toBe('tainted');
    expect(input('out.tfstate').status).toBeUndefined();
    // An unchanged state is still written to -state-out, with its serial.
    await run('refresh', '-no-color', '-state=terraform.tfstate', '-state-out=r.tfstate');
    expect(JSON.parse(readFileSync(d('r.tfstate'), 'utf8')).serial).toBe(JSON.parse(readFileSync(d('terraform.tfstate'), 'utf8')).serial);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('names a missing plan file as given, the way terraform does', async () => {
    const top = copyFixture(FIXTURE);
    expect((await runner(top, ['-chdir=d', 'init'])).code).toBe(0);
    // terraform 1.11.4: a bare line for graph; a diagnostic for apply.
    const graph = await runner(top, ['-chdir=d', 'graph', '-plan=missing.tfplan', '-no-color']);
    expect(graph).toEqual({ code: 1, stdout: '', stderr: 'stat missing.tfplan: no such file or directory\n' });
    const apply = await runner(top, ['-chdir=d', 'apply', '-no-color', 'missing.tfplan']);
    expect(apply.code).toBe(1);
    expect(apply.stderr).toBe('\nError: Failed to load "missing.tfplan" as a plan file\n\nError: stat missing.tfplan: no such file or directory\n');
  });
});
