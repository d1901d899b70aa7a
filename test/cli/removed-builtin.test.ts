/**
 * `removed` blocks through plan, saved plan, show -json, apply and state, against what
 * terraform 1.11.4 printed for the same configuration and state (testdata/cli/removed-builtin,
 * made by testdata/cli/make-removed-goldens.sh), and the errors for a `removed` block whose
 * resource or module is still declared (testdata/cli/removed-still-exists).
 *
 * The programs name themselves in their texts ("Terraform" in the goldens), which wraps the
 * warning's sentences differently; Terraform lists the forgotten objects in no set order
 * and refreshes in parallel. The tests compare everything else exactly.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { terraneInProcess } from '../support/cli-in-process.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const NAME = 'removed-builtin';
const terrane = (dir: string, args: string[]) => terraneInProcess(dir, args);

function copy(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `terrane-${name}-`));
  cpSync(join(ROOT, 'testdata', 'cli', name), dir, { recursive: true });
  rmSync(join(dir, 'terraform'), { recursive: true });
  return dir;
}

const golden = (file: string, name = NAME) => readFileSync(join(ROOT, 'testdata', 'cli', name, 'terraform', file), 'utf8');
const RULE = '─'.repeat(77);
const ours = (text: string) => text.replaceAll('Terraform', 'terrane');

/** The progress lines before the first blank line, in one order. */
const progress = (text: string) => text.slice(0, text.indexOf('\n\n')).split('\n').filter(Boolean).sort();

/** From the legend to the `Plan:` line: the changes exactly as printed. */
function changes(text: string): string {
  const from = text.indexOf(' used the selected providers');
  return text.slice(from, text.indexOf('\n', text.indexOf('\nPlan: ') + 1));
}

/** A warning's text with its sentences unwrapped and its list of objects sorted. */
function warning(text: string): { summary: string; paragraphs: string[]; objects: string[] } {
  const at = text.indexOf('\nWarning: ');
  const body = text.slice(at + 1, text.indexOf(RULE) < 0 ? undefined : text.indexOf(RULE)).trim();
  const [head, ...rest] = body.split('\n\n');
  const lines = rest.join('\n\n').split('\n');
  const objects = lines.filter((l) => l.startsWith(' - ')).sort();
  const paragraphs = lines.filter((l) => !l.startsWith(' - ')).join('\n').split('\n\n').map((p) => p.replace(/\s+/g, ' ').trim());
  return { summary: head!, paragraphs, objects };
}

/** JSON UI messages without timestamps, versions and durations, lists in diagnostics sorted, in one order. */
function jsonMessages(text: string): string[] {
  return text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>)
    .filter((m) => m.type !== 'version')
    .map((m) => {
      delete m['@timestamp'];
      const d = m.diagnostic as { detail?: string } | undefined;
      if (d?.detail) d.detail = d.detail.replace(/(\n - [^\n]+)+/, (list) => list.split('\n').sort().join('\n'));
      return JSON.stringify(m).replace(/after \d+s/g, 'after Ns').replace(/"elapsed_seconds":\d+/g, '"elapsed_seconds":N');
    })
    .sort();
}

describe('removed blocks as terraform 1.11.4 plans and applies them', () => {
  it('plans forgets and destroys like Terraform, saves them in the plan file and applies them to the state', async () => {
    const dir = copy(NAME);
    const plan = join(dir, 'plan.bin');
    const p = await terrane(dir, ['plan', `-out=${plan}`]);
    expect(p.code, p.stderr).toBe(0);
    const want = golden('plan.txt');
    // Forgotten objects are not refreshed.
    expect(progress(p.stdout)).toEqual(progress(want));
    expect(changes(p.stdout)).toBe(ours(changes(want)));
    expect(p.stdout).toContain(' # terraform_data.gone will no longer be managed by terrane, but will not be destroyed\n # (destroy = false is set in the configuration)\n . resource "terraform_data" "gone" {\n');
    // Terraform 1.11 counts no forgotten objects in the summary.
    expect(changes(p.stdout).endsWith('\nPlan: 0 to add, 0 to change, 3 to destroy.')).toBe(true);
    expect(warning(p.stdout)).toEqual(warning(ours(want)));

    const shown = await terrane(dir, ['show', '-json', plan]);
    expect(shown.code, shown.stderr).toBe(0);
    const doc = JSON.parse(shown.stdout) as Record<string, unknown>;
    expect({ planned_values: doc.planned_values, resource_changes: doc.resource_changes }).toEqual(JSON.parse(golden('plan.json')));

    const a = await terrane(dir, ['apply', plan]);
    expect(a.code, a.stderr).toBe(0);
    const applied = golden('apply.txt');
    expect(a.stdout.split('\n').sort()).toEqual(applied.replace(/after \d+s/g, 'after 0s').split('\n').sort());
    // Forgotten objects leave the state; the provider never deletes them.
    const state = JSON.parse(readFileSync(join(dir, 'terraform.tfstate'), 'utf8')) as { resources: unknown };
    expect(state.resources).toEqual(JSON.parse(golden('state-resources.json')));

    const again = await terrane(dir, ['plan', '-detailed-exitcode']);
    expect(again.code, again.stdout + again.stderr).toBe(0);
  });

  it('reports the same -json messages for a plan (action "remove", no refresh of forgotten objects, the warning)', async () => {
    const dir = copy(NAME);
    const p = await terrane(dir, ['plan', '-json']);
    expect(p.code, p.stderr).toBe(0);
    expect(jsonMessages(p.stdout)).toEqual(jsonMessages(ours(golden('plan.jsonl'))));
  });

  it('reports the same -json messages for an apply (forgetting calls no provider, counts nothing)', async () => {
    const dir = copy(NAME);
    const a = await terrane(dir, ['apply', '-auto-approve', '-json']);
    expect(a.code, a.stderr).toBe(0);
    expect(jsonMessages(a.stdout)).toEqual(jsonMessages(ours(golden('apply.jsonl'))));
  });

  it('destroys everything in a destroy plan, removed blocks or not', async () => {
    const dir = copy(NAME);
    const p = await terrane(dir, ['plan', '-destroy']);
    expect(p.code, p.stderr).toBe(0);
    expect(p.stdout).not.toContain('no longer be managed');
    expect(p.stdout).toContain('Plan: 0 to add, 0 to change, 11 to destroy.\n');
  });
});

describe('removed blocks whose object is still declared', () => {
  it('fail the plan with Terraform\'s errors, at the declarations, in source order', async () => {
    const dir = copy('removed-still-exists');
    const p = await terrane(dir, ['plan']);
    expect(`${p.stderr}exit code: ${p.code}\n`).toBe(golden('plan.stderr.txt', 'removed-still-exists'));
    expect(p.stdout).toBe('');
  });

  it('give the same -json diagnostics', async () => {
    const dir = copy('removed-still-exists');
    const p = await terrane(dir, ['plan', '-json']);
    expect(p.code).toBe(1);
    expect(jsonMessages(p.stdout)).toEqual(jsonMessages(golden('plan.jsonl', 'removed-still-exists')));
  });
});

describe('objects left without configuration, as terraform 1.11.4 explains them', () => {
  it('blames the module instance only while its module call is still declared', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'terrane-orphan-module-'));
    mkdirSync(join(dir, 'm'));
    writeFileSync(join(dir, 'm', 'main.tf'), 'resource "terraform_data" "a" {\n  input = "a"\n}\n');
    writeFileSync(join(dir, 'main.tf'), 'module "m" {\n  source = "./m"\n  count  = 2\n}\n');
    expect((await terrane(dir, ['apply', '-auto-approve'])).code).toBe(0);
    writeFileSync(join(dir, 'main.tf'), 'module "m" {\n  source = "./m"\n  count  = 1\n}\n');
    const fewer = await terrane(dir, ['plan']);
    expect(fewer.stdout).toContain('  # module.m[1].terraform_data.a will be destroyed\n  # (because module.m[1] is not in configuration)\n');
    writeFileSync(join(dir, 'main.tf'), '');
    const none = await terrane(dir, ['plan', '-json']);
    const reasons = none.stdout.trim().split('\n').map((l) => JSON.parse(l) as { type: string; change?: { reason?: string } })
      .filter((m) => m.type === 'planned_change').map((m) => m.change!.reason);
    expect(reasons).toEqual(['delete_because_no_resource_config', 'delete_because_no_resource_config']);
  });
});
