import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { copyFixture, terrane } from '../support/cli.js';

const example = join(import.meta.dirname, '../../examples/getting-started');

describe('examples/getting-started through the CLI', () => {
  it('inits, applies, converges, replaces on a trigger change, and destroys', () => {
    const dir = copyFixture(example);
    const init = terrane(dir, ['init']);
    expect(init.code).toBe(0);
    expect(existsSync(join(dir, '.terraform.lock.hcl'))).toBe(true);

    const apply = terrane(dir, ['apply', '-auto-approve']);
    expect(apply.stderr).toBe('');
    expect(apply.code).toBe(0);
    expect(apply.stdout).toContain('# terraform_data.release["prod"] will be created');
    expect(apply.stdout).toContain('Plan: 3 to add, 0 to change, 0 to destroy.');
    expect(apply.stdout).toMatch(/terraform_data\.release\["dev"\]: Creation complete after \d+s \[id=[0-9a-f-]{36}\]/);
    expect(apply.stdout).toContain('Apply complete! Resources: 3 added, 0 changed, 0 destroyed.');
    expect(apply.stdout).toContain('"prod" = "https://web-prod.example.test:443"');

    const state = JSON.parse(readFileSync(join(dir, 'terraform.tfstate'), 'utf8'));
    expect(state.version).toBe(4);
    expect(state.outputs.urls.value.dev).toBe('https://web-dev.example.test:8080');

    const again = terrane(dir, ['plan', '-detailed-exitcode']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('No changes. Your infrastructure matches the configuration.');

    const changed = terrane(dir, ['plan', '-detailed-exitcode', '-var', 'app_name=api']);
    expect(changed.code).toBe(2);
    expect(changed.stdout).toContain('# terraform_data.release["dev"] must be replaced');
    // terraform 1.11.4 marks no known change of the dynamically typed triggers_replace as forcing replacement.
    expect(changed.stdout).toMatch(/~ triggers_replace = \[\n\s+[-~] "web",?/);
    expect(changed.stdout).not.toContain('triggers_replace = [ # forces replacement');

    const output = terrane(dir, ['output', '-raw', 'deployment_id']);
    expect(output.stdout).toMatch(/^\d+$/);

    const destroy = terrane(dir, ['destroy', '-auto-approve']);
    expect(destroy.code).toBe(0);
    expect(destroy.stdout).toContain('Destroy complete! Resources: 3 destroyed.');
    const end = JSON.parse(readFileSync(join(dir, 'terraform.tfstate'), 'utf8'));
    expect(end.resources).toEqual([]);
    expect(existsSync(join(dir, 'terraform.tfstate.backup'))).toBe(true);
  });

  it('refuses to apply without approval, and says so', () => {
    const dir = copyFixture(example);
    const r = terrane(dir, ['apply'], 'no\n');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Apply cancelled.');
    expect(existsSync(join(dir, 'terraform.tfstate'))).toBe(false);
  });

  it('points at the file and line of a configuration error', () => {
    const dir = copyFixture(example);
    const r = terrane(dir, ['plan', '-var', 'environments={ dev = { replicas = "many" } }']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Error: Invalid value for input variable');
  });
});

describe('backend arguments with variables and locals (beyond Terraform)', () => {
  it('keeps each environment\'s state where the backend path says, and refuses another environment until init', () => {
    const dir = copyFixture(join(import.meta.dirname, '../../testdata/plan/backend-vars'));
    expect(terrane(dir, ['init', '-var', 'env=prod']).code).toBe(0);
    expect(terrane(dir, ['apply', '-auto-approve', '-var', 'env=prod']).code).toBe(0);
    expect(existsSync(join(dir, 'state/team-prod.tfstate'))).toBe(true);
    // Another value makes another backend: refused, never a silent switch to an empty state.
    const other = terrane(dir, ['plan', '-var', 'env=dev']);
    expect(other.code).toBe(1);
    expect(other.stderr).toContain('Error: Backend initialization required: please run "terrane init"');
    expect(other.stderr).toContain('Reason: Backend configuration block has changed');
    expect(terrane(dir, ['init', '-var', 'env=dev']).stderr).toContain('Error: Backend configuration changed');
    // After init -reconfigure the dev environment has its own (empty) state.
    expect(terrane(dir, ['init', '-reconfigure', '-var', 'env=dev']).code).toBe(0);
    const plan = terrane(dir, ['plan', '-detailed-exitcode', '-var', 'env=dev']);
    expect(plan.code).toBe(2);
    expect(plan.stdout).toContain('# terraform_data.x will be created');
  });

  it('asks for a variable the backend needs the way it asks for any other', () => {
    const dir = copyFixture(join(import.meta.dirname, '../../testdata/plan/backend-vars'));
    const r = terrane(dir, ['init', '-input=false']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Error: No value for required variable');
    expect(r.stderr).toContain('The root module input variable "env" is not set');
  });
});
