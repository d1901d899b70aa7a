/**
 * Configuration mistakes that Terraform 1.11.4 refuses at validate, plan and apply, with
 * the texts it printed for the same configurations (builtin terraform provider only).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { terraneInProcess } from '../support/cli-in-process.js';

/** A temporary directory holding `files` (paths relative to it). */
function workdir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'terrane-validate-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

/** Runs init (which reports load-time errors too), then `args`, in `dir`. */
async function run(dir: string, args: string[]) {
  await terraneInProcess(dir, ['init', '-no-color']);
  return terraneInProcess(dir, [...args, '-no-color']);
}

const NOT_PRESENT = (res: string, cfg: string) => `Error: Provider configuration not present\n\nTo work with ${res} its original provider configuration at\n${cfg}`;

describe('a resource whose provider configuration does not exist', () => {
  const ROOT = 'resource "terraform_data" "a" {\n  provider = terraform.nope\n  input    = "x"\n}\n';
  const cases: { name: string; files: Record<string, string>; want: string }[] = [
    { name: 'an undeclared alias in the root module', files: { 'main.tf': ROOT }, want: NOT_PRESENT('terraform_data.a', 'provider["terraform.io/builtin/terraform"].nope is required') },
    {
      name: 'an alias a child module neither declares nor is passed',
      files: { 'main.tf': 'module "m" {\n  source = "./mod"\n}\n', 'mod/main.tf': ROOT },
      want: NOT_PRESENT('module.m.terraform_data.a', 'module.m.provider["terraform.io/builtin/terraform"].nope is required'),
    },
    {
      name: 'a configuration_aliases entry the caller does not pass',
      files: {
        'main.tf': 'module "m" {\n  source = "./mod"\n}\n',
        'mod/main.tf': 'terraform {\n  required_providers {\n    terraform = { source = "terraform.io/builtin/terraform", configuration_aliases = [terraform.nope] }\n  }\n}\n' + ROOT,
      },
      want: 'Error: Missing required provider configuration\n\n  on main.tf line 1:\n   1: module "m" {\n\nThe child module requires an additional configuration for provider\nterraform.io/builtin/terraform, with the local name "terraform.nope".',
    },
  ];
  for (const c of cases) {
    it(`is an error at validate and plan: ${c.name}`, async () => {
      const dir = workdir(c.files);
      for (const cmd of ['validate', 'plan']) {
        const r = await run(dir, [cmd]);
        expect(r.code, cmd).toBe(1);
        expect(r.stderr, cmd).toContain(c.want);
        expect(r.stderr.match(/Error:/g), cmd).toHaveLength(1);
      }
    });
  }

  it('is never planned for destruction when it is in state', async () => {
    const dir = workdir({ 'main.tf': 'resource "terraform_data" "a" {\n  input = "x"\n}\n' });
    expect((await run(dir, ['apply', '-auto-approve'])).code).toBe(0);
    writeFileSync(join(dir, 'main.tf'), ROOT);
    for (const cmd of [['plan'], ['apply', '-auto-approve']]) {
      const r = await terraneInProcess(dir, [...cmd, '-no-color']);
      expect(r.code).toBe(1);
      expect(r.stdout).not.toContain('destroy');
      expect(r.stderr).toContain(NOT_PRESENT('terraform_data.a', 'provider["terraform.io/builtin/terraform"].nope is required'));
    }
  });
});

describe('self-references', () => {
  it('a local value reading itself is an error at validate and plan', async () => {
    const dir = workdir({ 'main.tf': 'locals {\n  x = local.x\n}\n' });
    for (const cmd of ['validate', 'plan']) {
      const r = await run(dir, [cmd]);
      expect(r.code, cmd).toBe(1);
      expect(r.stderr, cmd).toBe('\nError: Self-referencing local value\n\n  on main.tf line 2, in locals:\n   2:   x = local.x\n\nLocal value local.x cannot use its own result as part of its expression.\n');
    }
  });

  it('a resource reading itself passes validate and fails plan once per matching address, as Terraform does', async () => {
    const dir = workdir({ 'main.tf': 'resource "terraform_data" "self" {\n  input = terraform_data.self.id\n}\n\nresource "terraform_data" "c" {\n  count = 2\n  input = terraform_data.c[0].id\n}\n' });
    expect((await run(dir, ['validate'])).code).toBe(0);
    const r = await terraneInProcess(dir, ['plan', '-no-color']);
    expect(r.code).toBe(1);
    const self = '\nError: Self-referential block\n\n  on main.tf line 2, in resource "terraform_data" "self":\n   2:   input = terraform_data.self.id\n\nConfiguration for terraform_data.self may not refer to itself.\n';
    // A single instance is both the instance and the resource: Terraform reports it twice.
    expect(r.stderr.split(self)).toHaveLength(3);
    expect(r.stderr).toContain('Configuration for terraform_data.c[0] may not refer to itself.');
    expect(r.stderr.match(/Error:/g)).toHaveLength(3);
  });
});

/** [severity, summary, detail, start line:column, end line:column] of each JSON diagnostic, sorted. */
function jsonDiags(text: string): string[] {
  const j = JSON.parse(text) as { diagnostics: { severity: string; summary: string; detail: string; range: { start: { line: number; column: number }; end: { line: number; column: number } } }[] };
  return j.diagnostics.map((d) => `${d.severity}|${d.summary}|${d.detail}|${d.range.start.line}:${d.range.start.column}-${d.range.end.line}:${d.range.end.column}`).sort();
}

describe('validate evaluates the configuration with unknown values', () => {
  const MOD = { 'mod/main.tf': 'variable "req" {}\nvariable "opt" {\n  default = 1\n}\noutput "out" {\n  value = var.req\n}\n' };
  const MAIN = [
    'variable "v" {}',
    '',
    'resource "terraform_data" "a" {',
    '  input      = var.nope',
    '  depends_on = [terraform_data.nope]',
    '}',
    '',
    'resource "terraform_data" "b" {',
    '  input = [local.nope, data.terraform_remote_state.nope.outputs, module.nope.x]',
    '}',
    '',
    'resource "terraform_data" "c" {',
    '  input = [each.key, count.index]',
    '}',
    '',
    'module "m" {',
    '  source = "./mod"',
    '  req    = var.v',
    '}',
    '',
    'output "o" {',
    '  value = module.m.nope',
    '}',
    '',
    'resource "terraform_data" "d" {',
    '  count = "abc"',
    '}',
    '',
    'resource "terraform_data" "e" {',
    '  count = -1',
    '}',
    '',
    'resource "terraform_data" "f" {',
    '  for_each = 5',
    '}',
    '',
  ].join('\n');
  // What terraform 1.11.4 validate -json reported for MAIN (local.nope is not among them:
  // Terraform reports undeclared resources and modules of a block alone, before evaluating it).
  const WANT = [
    'error|Reference to undeclared resource|A managed resource "terraform_data" "nope" has not been declared in the root module.|5:17-5:36',
    'error|Reference to undeclared input variable|An input variable with the name "nope" has not been declared. This variable can be declared with a variable "nope" {} block.|4:16-4:24',
    'error|Invalid count argument|The given "count" argument value is unsuitable: must be greater than or equal to zero.|30:11-30:13',
    'error|Unsupported attribute|This object does not have an attribute named "nope".|22:19-22:24',
    'error|Reference to "each" in context without for_each|The "each" object can be used only in "module" or "resource" blocks, and only when the "for_each" argument is set.|13:12-13:20',
    'error|Reference to "count" in non-counted context|The "count" object can only be used in "module", "resource", and "data" blocks, and only when the "count" argument is set.|13:22-13:33',
    'error|Invalid for_each argument|The given "for_each" argument value is unsuitable: the "for_each" argument must be a map, or set of strings, and you have provided a value of type number.|34:14-34:15',
    'error|Incorrect value type|Invalid expression value: a number is required.|26:11-26:16',
    'error|Reference to undeclared resource|A data resource "terraform_remote_state" "nope" has not been declared in the root module.|9:24-9:56',
    'error|Reference to undeclared module|No module call named "nope" is declared in the root module.|9:66-9:79',
  ].sort();

  it('reports what Terraform reports, at the same ranges', async () => {
    const r = await run(workdir({ 'main.tf': MAIN, ...MOD }), ['validate', '-json']);
    expect(r.code).toBe(1);
    expect(jsonDiags(r.stdout)).toEqual(WANT);
  });

  it('plan reports them before planning anything', async () => {
    const r = await run(workdir({ 'main.tf': 'resource "terraform_data" "ok" {\n  input = 1\n}\n\nresource "terraform_data" "bad" {\n  input = var.nope\n}\n' }), ['plan']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('\nError: Reference to undeclared input variable\n\n  on main.tf line 6, in resource "terraform_data" "bad":\n   6:   input = var.nope\n\nAn input variable with the name "nope" has not been declared. This variable\ncan be declared with a variable "nope" {} block.\n');
  });

  it('checks module call arguments against the module variables, as Terraform does while loading', async () => {
    const r = await run(workdir({ 'main.tf': 'module "m" {\n  source = "./mod"\n  reqq   = 1\n}\n', ...MOD }), ['validate', '-json']);
    expect(r.code).toBe(1);
    expect(jsonDiags(r.stdout)).toEqual([
      'error|Missing required argument|The argument "req" is required, but no definition was found.|1:12-1:13',
      'error|Unsupported argument|An argument named "reqq" is not expected here. Did you mean "req"?|3:3-3:7',
    ]);
  });

  it('gives count.index and each.* in counted and for_each module calls, and checks depends_on', async () => {
    const main = 'module "m" {\n  source = "./mod"\n  count  = 2\n  req    = count.index\n}\n\nmodule "k" {\n  source   = "./mod"\n  for_each = toset(["a"])\n  req      = each.value\n}\n\nresource "terraform_data" "a" {\n  depends_on = [terraform_data.b.id, module.m]\n  input      = [module.m[0].out, module.k["a"].out]\n}\n\nresource "terraform_data" "b" {\n}\n\noutput "o" {\n  value = count.index\n}\n';
    const r = await run(workdir({ 'main.tf': main, ...MOD }), ['validate', '-json']);
    expect(jsonDiags(r.stdout)).toEqual([
      'error|Invalid depends_on reference|References in depends_on must be to a whole object (resource, etc), not to an attribute of an object.|14:33-14:36',
      'error|Reference to "count" in non-counted context|The "count" object can only be used in "module", "resource", and "data" blocks, and only when the "count" argument is set.|22:11-22:22',
    ]);
  });
});

describe('required_version', () => {
  const WANT = '\nError: Unsupported Terraform Core version\n\n  on main.tf line 2, in terraform:\n   2:   required_version = "< 1.0"\n\nThis configuration does not support Terraform version 1.12.2. To proceed,\neither choose another supported Terraform version or update this version\nconstraint. Version constraints are normally set for good reason, so updating\nthe constraint may lead to other errors or unexpected behavior.\n';
  it('refuses validate, plan and apply as well as init, at the whole argument', async () => {
    const dir = workdir({ 'main.tf': 'terraform {\n  required_version = "< 1.0"\n}\n\nresource "terraform_data" "a" {\n}\n' });
    for (const cmd of [['init'], ['validate'], ['plan'], ['apply', '-auto-approve']]) {
      const r = await terraneInProcess(dir, [...cmd, '-no-color']);
      expect(r.code, cmd[0]).toBe(1);
      expect(r.stderr, cmd[0]).toBe(WANT);
    }
    const j = JSON.parse((await terraneInProcess(dir, ['validate', '-json'])).stdout);
    expect(j.diagnostics[0].range).toEqual({ filename: 'main.tf', start: { line: 2, column: 3, byte: 14 }, end: { line: 2, column: 29, byte: 40 } });
  });

  it('is checked in called modules too', async () => {
    const dir = workdir({ 'main.tf': 'module "m" {\n  source = "./mod"\n}\n', 'mod/main.tf': 'terraform {\n  required_version = ">= 99"\n}\n' });
    const r = await terraneInProcess(dir, ['validate', '-no-color']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Module module.m (from ./mod) does not support Terraform version 1.12.2.');
  });
});

describe('quoted references (the 0.11 style)', () => {
  const MAIN = 'resource "terraform_data" "b" {\n}\n\nresource "terraform_data" "a" {\n  depends_on = ["terraform_data.b"]\n  input      = 1\n  lifecycle {\n    ignore_changes = ["input"]\n  }\n}\n\nprovider "terraform" {\n  alias = "x"\n}\n\nresource "terraform_data" "c" {\n  provider = "terraform.x"\n}\n';
  const WARNING = 'Quoted references are deprecated|In this context, references are expected literally rather than in quotes. Terraform 0.11 and earlier required quotes, but quoted references are now deprecated and will be removed in a future version of Terraform. Remove the quotes surrounding this reference to silence this warning.';

  it('are accepted in depends_on, ignore_changes and provider with Terraform 1.11\'s warning', async () => {
    const dir = workdir({ 'main.tf': MAIN });
    const v = await run(dir, ['validate', '-json']);
    expect(v.code).toBe(0);
    expect(jsonDiags(v.stdout)).toEqual([`warning|${WARNING}|5:17-5:35`, `warning|${WARNING}|8:23-8:30`, `warning|${WARNING}|17:14-17:27`].sort());
    const apply = await terraneInProcess(dir, ['apply', '-auto-approve', '-no-color']);
    expect(apply.code, apply.stderr).toBe(0);
    // The quoted ignore_changes entry works: a changed input plans nothing.
    writeFileSync(join(dir, 'main.tf'), MAIN.replace('input      = 1', 'input      = 2'));
    const plan = await terraneInProcess(dir, ['plan', '-no-color']);
    expect(plan.stdout).toContain('No changes.');
  });
});
