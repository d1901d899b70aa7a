/**
 * A failed `validation` rule of an input variable points at where the value came from,
 * with the condition's values, as terraform 1.11.4 printed for the same configurations.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { terraneInProcess } from '../support/cli-in-process.js';

function workdir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'terrane-varval-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

async function run(dir: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  await terraneInProcess(dir, ['init', '-no-color']);
  return terraneInProcess(dir, [...args, '-no-color'], env);
}

const VAR = (dflt: string) => `variable "x" {\n  type    = string\n${dflt}  validation {\n    condition     = length(var.x) > 3\n    error_message = "Too short."\n  }\n}\n`;
const ROOT = VAR('  default = "ab"\n');
const FAILED = '\nPlanning failed. terrane encountered an error while generating this plan.\n\n';
const AT_DECL = (v: string) => `Error: Invalid value for variable\n\n  on main.tf line 1:\n   1: variable "x" {\n    ├────────────────\n    │ var.x is "${v}"\n\nToo short.\n\nThis was checked by the validation rule at main.tf:4,3-13.\n`;
const AT_FILE = (f: string) => `Error: Invalid value for variable\n\n  on ${f} line 1:\n   1: x = "q"\n    ├────────────────\n    │ var.x is "q"\n\nToo short.\n\nThis was checked by the validation rule at main.tf:4,3-13.\n`;

describe('a root variable failing its validation rule', () => {
  const cases: { name: string; files?: Record<string, string>; args?: string[]; env?: NodeJS.ProcessEnv; want: string }[] = [
    { name: 'its default', want: AT_DECL('ab') },
    { name: '-var', args: ['-var', 'x=z'], want: AT_DECL('z') },
    { name: 'TF_VAR_x', env: { TF_VAR_x: 'w' }, want: AT_DECL('w') },
    { name: 'terraform.tfvars', files: { 'terraform.tfvars': 'x = "q"\n' }, want: AT_FILE('terraform.tfvars') },
    { name: '-var-file', files: { 'other.tfvars': 'x = "q"\n' }, args: ['-var-file=other.tfvars'], want: AT_FILE('other.tfvars') },
  ];
  for (const c of cases) {
    it(`points at the value's source: ${c.name}`, async () => {
      const dir = workdir({ 'main.tf': ROOT, ...c.files });
      const r = await run(dir, ['plan', ...(c.args ?? [])], c.env);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe(FAILED);
      expect(r.stderr).toBe('\n' + c.want);
      // apply reports the same error without the "Planning failed." line.
      const a = await run(dir, ['apply', '-auto-approve', ...(c.args ?? [])], c.env);
      expect(a.code).toBe(1);
      expect(a.stdout).toBe('');
      expect(a.stderr).toBe('\n' + c.want);
    });
  }
});

describe('a module variable failing its validation rule', () => {
  it('points at the module argument, at validate and plan', async () => {
    const dir = workdir({ 'mod/main.tf': VAR(''), 'main.tf': 'module "m" {\n  source = "./mod"\n  x      = "ab${"c"}"\n}\n' });
    const want = '\nError: Invalid value for variable\n\n  on main.tf line 3, in module "m":\n   3:   x      = "ab${"c"}"\n    ├────────────────\n    │ var.x is "abc"\n\nToo short.\n\nThis was checked by the validation rule at mod/main.tf:3,3-13.\n';
    for (const cmd of ['validate', 'plan']) {
      const r = await run(dir, [cmd]);
      expect(r.code, cmd).toBe(1);
      expect(r.stderr, cmd).toBe(want);
    }
  });
});

describe('a sensitive or ephemeral variable failing its validation rule', () => {
  it('shows the sensitive value (as Terraform does) and hides the ephemeral one', async () => {
    const rule = (n: string) => `  validation {\n    condition     = length(var.${n}) > 3\n    error_message = "Too short."\n  }\n}\n`;
    const dir = workdir({ 'main.tf': `variable "x" {\n  type      = string\n  default   = "ab"\n  sensitive = true\n${rule('x')}variable "y" {\n  type      = string\n  default   = "ab"\n  ephemeral = true\n${rule('y')}` });
    const r = await run(dir, ['plan']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('\nError: Invalid value for variable\n\n  on main.tf line 1:\n   1: variable "x" {\n    ├────────────────\n    │ var.x is "ab"\n\nToo short.\n\nThis was checked by the validation rule at main.tf:5,3-13.\n'
      + '\nError: Invalid value for variable\n\n  on main.tf line 10:\n  10: variable "y" {\n\nToo short.\n\nThis was checked by the validation rule at main.tf:14,3-13.\n');
  });
});
