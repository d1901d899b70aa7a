/**
 * `apply FILE` applies what was planned: the configuration recorded in the plan file (not
 * the directory's by then) and the plan's variable values, as Terraform 1.11 does.
 */
import { describe, expect, it } from 'vitest';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixture, terrane } from './helpers.js';

/** The saved-plan fixture, initialised and planned to `p.tfplan` with `args`. */
function planned(args: string[] = []): string {
  const dir = fixture('saved-plan');
  expect(terrane(dir, ['init']).code).toBe(0);
  const p = terrane(dir, ['plan', '-out=p.tfplan', ...args]);
  expect(p.stderr).toBe('');
  return dir;
}

/** Replaces the root module's and the child module's files after planning. */
function editConfig(dir: string): void {
  writeFileSync(join(dir, 'main.tf'), 'variable "v" {\n  default = "two"\n}\nresource "terraform_data" "a" {\n  input = var.v\n}\noutput "o" {\n  value = terraform_data.a.output\n}\n');
  rmSync(join(dir, 'b.tf'));
  rmSync(join(dir, 'mod'), { recursive: true });
}

/** Terraform 1.11.4's words, as it wraps them. */
const CLI_CHANGE = `Error: Can't change variable when applying a saved plan

The variable v cannot be set using the -var and -var-file options when
applying a saved plan file, because a saved plan includes the variable values
that were set when it was created. The saved plan specifies "one" as the
value whereas during apply the value "other" was set by a CLI argument. To
declare an ephemeral variable which is not saved in the plan file, use
ephemeral = true.
`;
const FILE_CHANGE = `Error: Can't change variable when applying a saved plan

  on other.tfvars line 1:
   1: v = "other"

The variable v cannot be set using the -var and -var-file options when
applying a saved plan file, because a saved plan includes the variable values
that were set when it was created. The saved plan specifies "one" as the
value whereas during apply the value "other" was set by a .tfvars file passed
through -var-file argument. To declare an ephemeral variable which is not
saved in the plan file, use ephemeral = true.
`;

describe('apply of a saved plan', () => {
  it('applies the configuration that was planned, whatever the files hold by then', () => {
    const dir = planned();
    editConfig(dir);
    const a = terrane(dir, ['apply', 'p.tfplan']);
    expect(a.stderr).toBe('');
    expect(a.code).toBe(0);
    expect(a.stdout).toContain('terraform_data.b: Creation complete');
    expect(a.stdout).toContain('Apply complete! Resources: 2 added, 0 changed, 0 destroyed.\n\nOutputs:\n\nm = "mod overridden"\no = "one"\n');
  });

  it('shows the plan with the configuration it was made from', () => {
    const dir = planned();
    editConfig(dir);
    const j = JSON.parse(terrane(dir, ['show', '-json', 'p.tfplan']).stdout);
    const a = j.configuration.root_module.resources.find((r: { address: string }) => r.address === 'terraform_data.a');
    expect(a.expressions.input).toEqual({ references: ['var.v'] });
    expect(j.configuration.root_module.variables.v).toEqual({ default: 'one' });
    expect(j.configuration.root_module.module_calls.m.source).toBe('./mod');
  });

  it('refuses a plan made against an earlier state', () => {
    const dir = planned();
    expect(terrane(dir, ['apply', 'p.tfplan']).code).toBe(0);
    const again = terrane(dir, ['apply', 'p.tfplan']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('Error: Saved plan is stale');
  });

  it('refuses -var and -var-file values that differ from the plan\'s, and accepts equal ones', () => {
    const dir = planned(['-var', 'v=one']);
    writeFileSync(join(dir, 'other.tfvars'), 'v = "other"\n');
    writeFileSync(join(dir, 'same.tfvars'), 'v = "one"\n');
    const cli = terrane(dir, ['apply', '-var', 'v=other', 'p.tfplan']);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toBe('');
    expect(cli.stderr).toContain(CLI_CHANGE);
    const file = terrane(dir, ['apply', '-var-file=other.tfvars', 'p.tfplan']);
    expect(file.code).toBe(1);
    expect(file.stderr).toContain(FILE_CHANGE);
    // A variable the plan left to its default has no value in the plan: Terraform calls it undeclared.
    const unset = terrane(dir, ['apply', '-var', 'w=["x"]', 'p.tfplan']);
    expect(unset.code).toBe(1);
    expect(unset.stderr).toContain('Error: Value for undeclared variable\n\nA variable named "w" was assigned on the command line, but the root module\ndoes not declare a variable of that name.');
    const same = terrane(dir, ['apply', '-var-file=same.tfvars', 'p.tfplan']);
    expect(same.stderr).toBe('');
    expect(same.stdout).toContain('o = "one"');
  });

  it('warns about and ignores a different TF_VAR_ value', () => {
    const dir = planned(['-var', 'v=one']);
    const a = terrane(dir, ['apply', 'p.tfplan'], '', { TF_VAR_v: 'other' });
    expect(a.code).toBe(0);
    expect(a.stdout).toContain('Warning: Ignoring variable when applying a saved plan\n\nThe variable v cannot be overriden when applying a saved plan file, because a\nsaved plan includes');
    expect(a.stdout).toContain('o = "one"');
  });
});
