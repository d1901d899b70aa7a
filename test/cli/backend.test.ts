/**
 * The backend recorded at init (`.terraform/terraform.tfstate`, Terraform's layout) and
 * what each command does when the configuration no longer matches it, as terraform 1.11.4
 * does with `backend "local"`: refuse until init, init -migrate-state copies the state,
 * -reconfigure forgets the old backend, -backend-config is merged in, workspace_dir is
 * where other workspaces live, and a bad block fails init with its file and line.
 */
import { describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { applied, fixture, terrane } from './helpers.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const record = (dir: string) => JSON.parse(readFileSync(join(dir, '.terraform', 'terraform.tfstate'), 'utf8'));
const stateOf = (file: string) => JSON.parse(readFileSync(file, 'utf8'));
const movePath = (dir: string) => writeFileSync(join(dir, 'main.tf'), readFileSync(join(dir, 'main.tf'), 'utf8').replace('one.tfstate', 'two.tfstate'));

describe('the initialised backend', () => {
  it('is recorded at init as terraform records it', () => {
    const dir = fixture('backend-local');
    expect(terrane(dir, ['init']).code).toBe(0);
    expect(record(dir)).toEqual({ ...stateOf(join(ROOT, 'testdata/cli/backend-local/terraform/backend-record.json')), terraform_version: expect.any(String) });
  });

  it('refuses every command once the backend block changed, instead of using another state', () => {
    const dir = applied('backend-local');
    movePath(dir);
    for (const args of [['plan'], ['apply', '-auto-approve'], ['state', 'list'], ['output']]) {
      const r = terrane(dir, args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr).toContain('Error: Backend initialization required: please run "terrane init"');
      expect(r.stderr).toContain('Reason: Backend configuration block has changed');
    }
    expect(existsSync(join(dir, 'two.tfstate'))).toBe(false);
    const init = terrane(dir, ['init']);
    expect(init.code).toBe(1);
    expect(init.stderr).toContain('Error: Backend configuration changed');
    expect(init.stderr).toContain('"terrane init\n-migrate-state"');
    expect(record(dir).backend.config.path).toBe('one.tfstate');
  });

  it('refuses commands before the first init of a configured backend', () => {
    const r = terrane(fixture('backend-local'), ['plan']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Error: Backend initialization required, please run "terrane init"');
    expect(r.stderr).toContain('Reason: Initial configuration of the requested backend "local"');
  });

  it('init -migrate-state copies the state to the new path (asking, or with -force-copy)', () => {
    const dir = applied('backend-local');
    const before = stateOf(join(dir, 'one.tfstate'));
    movePath(dir);
    const noInput = terrane(dir, ['init', '-migrate-state', '-input=false']);
    expect(noInput.code).toBe(1);
    expect(noInput.stderr).toContain('Error: Can\'t ask approval for state migration when interactive input is disabled.');
    expect(existsSync(join(dir, 'two.tfstate'))).toBe(false);

    const r = terrane(dir, ['init', '-migrate-state'], 'yes\n');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Backend configuration changed!');
    expect(r.stdout).toContain('Do you want to copy existing state to the new backend?');
    expect(r.stdout).toContain('Successfully configured the backend "local"!');
    const after = stateOf(join(dir, 'two.tfstate'));
    expect([after.lineage, after.serial, after.resources]).toEqual([before.lineage, before.serial, before.resources]);
    expect(existsSync(join(dir, 'one.tfstate'))).toBe(true);
    expect(record(dir).backend).toEqual({ type: 'local', config: { path: 'two.tfstate', workspace_dir: null }, hash: 1214197412 });
    const plan = terrane(dir, ['plan', '-detailed-exitcode']);
    expect(plan.code).toBe(0);
  });

  it('init -migrate-state -force-copy copies without asking; -reconfigure starts from the new, empty state', () => {
    const dir = applied('backend-local');
    movePath(dir);
    const copy = fixture('backend-local');
    cpSync(dir, copy, { recursive: true });
    expect(terrane(dir, ['init', '-migrate-state', '-force-copy', '-input=false']).code).toBe(0);
    expect(stateOf(join(dir, 'two.tfstate')).resources).toHaveLength(1);

    expect(terrane(copy, ['init', '-reconfigure', '-input=false']).code).toBe(0);
    expect(existsSync(join(copy, 'two.tfstate'))).toBe(false);
    expect(terrane(copy, ['plan', '-detailed-exitcode']).code).toBe(2);
  });

  it('a first backend block takes over the default local state (asking first), as Terraform does', () => {
    const dir = applied('basic');
    const before = stateOf(join(dir, 'terraform.tfstate'));
    writeFileSync(join(dir, 'backend.tf'), 'terraform {\n  backend "local" {\n    path = "x.tfstate"\n  }\n}\n');
    expect(terrane(dir, ['init', '-input=false']).stderr).toContain('Error: Can\'t ask approval for state migration when interactive input is disabled.');
    const r = terrane(dir, ['init', '-force-copy']);
    expect(r.code).toBe(0);
    expect(stateOf(join(dir, 'x.tfstate')).lineage).toBe(before.lineage);
    // The old file is emptied, its content kept in the backup.
    expect(readFileSync(join(dir, 'terraform.tfstate'), 'utf8')).toBe('');
    expect(stateOf(join(dir, 'terraform.tfstate.backup')).lineage).toBe(before.lineage);
    expect(terrane(dir, ['plan', '-detailed-exitcode']).code).toBe(0);
  });

  it('merges -backend-config arguments and files into the block, and keeps using them', () => {
    const dir = fixture('backend-local');
    expect(terrane(dir, ['init', '-backend-config=path=foo.tfstate']).code).toBe(0);
    expect(record(dir).backend).toEqual({ type: 'local', config: { path: 'foo.tfstate', workspace_dir: null }, hash: 427796062 });
    expect(terrane(dir, ['apply', '-auto-approve']).code).toBe(0);
    expect(existsSync(join(dir, 'foo.tfstate'))).toBe(true);
    expect(existsSync(join(dir, 'one.tfstate'))).toBe(false);
    // An init without the override keeps what was recorded (the block itself is unchanged).
    expect(terrane(dir, ['init']).code).toBe(0);
    expect(terrane(dir, ['plan', '-detailed-exitcode']).code).toBe(0);

    const file = fixture('backend-local');
    expect(terrane(file, ['init', '-backend-config', 'prod.tfbackend']).code).toBe(0);
    expect(terrane(file, ['apply', '-auto-approve']).code).toBe(0);
    expect(existsSync(join(file, 'prod.tfstate'))).toBe(true);

    const bad = terrane(fixture('backend-local'), ['init', '-backend-config=pth=x']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('Error: Invalid backend configuration argument');
  });

  it('works in a directory terraform initialised', () => {
    const dir = fixture('backend-local');
    mkdirSync(join(dir, '.terraform'));
    cpSync(join(dir, 'terraform', 'backend-record.json'), join(dir, '.terraform', 'terraform.tfstate'));
    expect(terrane(dir, ['apply', '-auto-approve']).code).toBe(0);
    expect(existsSync(join(dir, 'one.tfstate'))).toBe(true);
  });

  it('keeps other workspaces under workspace_dir/NAME/terraform.tfstate', () => {
    const dir = applied('backend-workspace-dir');
    expect(terrane(dir, ['workspace', 'new', 'dev']).code).toBe(0);
    expect(terrane(dir, ['apply', '-auto-approve']).code).toBe(0);
    expect(stateOf(join(dir, 'wsdir', 'dev', 'terraform.tfstate')).resources).toHaveLength(1);
    expect(existsSync(join(dir, 'terraform.tfstate.d'))).toBe(false);
    expect(existsSync(join(dir, 'terraform.tfstate'))).toBe(true);
    expect(terrane(dir, ['workspace', 'list']).stdout).toBe('  default\n* dev\n\n');
  });

  it('fails init on an argument the backend does not have, with its file and line', () => {
    const dir = fixture('backend-bad-argument');
    const r = terrane(dir, ['init', '-no-color']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Error: Unsupported argument\n\n  on main.tf line 3, in terraform:');
    expect(r.stderr).toContain('An argument named "pth" is not expected here. Did you mean "path"?');
    expect(existsSync(join(dir, '.terraform', 'terraform.tfstate'))).toBe(false);
  });

  it('fails init on a backend terrane does not have, naming those it has', () => {
    const r = terrane(fixture('backend-s3'), ['init', '-no-color']);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain('Successfully configured');
    expect(r.stderr).toContain('Error: Unsupported backend type');
    expect(r.stderr).toContain('terrane does not support the "s3" backend yet. The backends terrane has:\n"local".');
  });
});
