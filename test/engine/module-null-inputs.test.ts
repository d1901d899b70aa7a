/**
 * null passed to a module variable: kept as null when the variable is nullable (the
 * default), replaced by the default when `nullable = false`, an error when it is not
 * nullable and has no default, as in Terraform 1.11.
 */
import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workdir } from '../../src/apply/workdir.js';

async function outputs(inputs: string) {
  const dir = mkdtempSync(join(tmpdir(), 'terrane-null-inputs-'));
  writeFileSync(join(dir, 'main.tf'), `module "m" {\n  source = "./m"\n  ${inputs}\n}\noutput "o" { value = module.m.o }\n`);
  mkdirSync(join(dir, 'm'));
  writeFileSync(join(dir, 'm', 'main.tf'), `
variable "a" { default = "defA" }
variable "b" {
  default  = "defB"
  nullable = false
}
variable "c" {
  type     = string
  nullable = false
}
output "o" { value = { a = var.a, b = var.b, c = var.c } }
`);
  const { wd } = await Workdir.open({ dir, cwd: dir });
  const { state } = await wd!.readState();
  const p = await wd!.plan(state, { variables: new Map() });
  const o = p.plan.outputChanges.find((x) => x.name === 'o');
  return { errors: p.diags.filter((d) => d.severity === 'error').map((d) => d.detail), o: o?.after };
}

describe('null module inputs', () => {
  it('keep null for nullable variables and use the default otherwise', async () => {
    const r = await outputs('a = null\n  b = null\n  c = "given"');
    expect(r.errors).toEqual([]);
    const after = r.o!;
    expect(after.attrs.get('a')!.isNull).toBe(true);
    expect(after.attrs.get('b')!.str).toBe('defB');
    expect(after.attrs.get('c')!.str).toBe('given');
  });
  it('refuses null for a variable that is not nullable and has no default', async () => {
    const r = await outputs('c = null');
    expect(r.errors).toEqual(['The given value is not suitable for var.c: required variable may not be set to null.']);
  });
});
