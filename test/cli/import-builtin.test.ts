/**
 * `import` blocks through plan, saved plan, apply and the next plan, against what terraform
 * 1.11.4 printed for the same configurations (testdata/cli/import-builtin-*, made by
 * testdata/cli/make-import-goldens.sh with the builtin terraform provider only).
 *
 * The two programs name themselves in their texts and so wrap some sentences differently;
 * the tests compare the parts that do not name the program exactly, and the lines of
 * different resources (which run in parallel) per resource.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { terraneInProcess } from '../support/cli-in-process.js';

const ROOT = resolve(import.meta.dirname, '..', '..');

const terrane = (dir: string, args: string[]) => terraneInProcess(dir, args);

function copy(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `terrane-${name}-`));
  cpSync(join(ROOT, 'testdata', 'cli', name), dir, { recursive: true });
  rmSync(join(dir, 'terraform'), { recursive: true });
  return dir;
}

const golden = (name: string, file: string) => readFileSync(join(ROOT, 'testdata', 'cli', name, 'terraform', file), 'utf8');
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const RULE = '─'.repeat(77);

/** The progress lines before the first blank line, in one order. */
const progress = (text: string) => text.slice(0, text.indexOf('\n\n')).split('\n').filter(Boolean).sort();

/** The symbol lines of the legend (none when there is no legend). */
function legend(text: string): string[] {
  const at = text.indexOf('indicated with the following symbols:\n');
  if (at < 0) return [];
  const rest = text.slice(at).split('\n').slice(1);
  return rest.slice(0, rest.indexOf(''));
}

/** From the first change up to the rule (changes, `Plan:` line, outputs, warnings). */
function actions(text: string): string {
  const from = text.indexOf(' will perform the following actions:\n');
  return text.slice(text.indexOf('\n', from) + 1, text.indexOf(RULE));
}

/** Apply progress as one sequence of lines per resource, ids of created objects blanked. */
function perResource(text: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const plan = text.indexOf('Plan: ');
  const head = plan < 0 ? text : text.slice(text.indexOf('\n', plan) + 1);
  for (const l of head.slice(0, head.indexOf('\n\n')).split('\n').filter(Boolean)) {
    const addr = l.slice(0, l.indexOf(': '));
    (out[addr] ??= []).push(l.replace(UUID, 'ID'));
  }
  return out;
}

/** Everything from `Apply complete!` on (summary and outputs). */
const summary = (text: string) => text.slice(text.indexOf('Apply complete!'));

/** JSON UI messages without timestamps and the version message, in one order. */
function jsonMessages(text: string): string[] {
  return text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>)
    .filter((m) => m.type !== 'version')
    .map((m) => { delete m['@timestamp']; return JSON.stringify(m).replace(UUID, 'ID'); })
    .sort();
}

interface Change { address: string; change: { actions: string[]; before: unknown; importing?: unknown; generated_config?: string } }

/**
 * What a saved plan says of each change's import. (How unknown values of a planned update
 * appear in `after` is json-plan's business, tested there.)
 */
const importFields = (cs: Change[]) => cs.map((c) => ({
  address: c.address, actions: c.change.actions, before: c.change.before, importing: c.change.importing, generated_config: c.change.generated_config,
}));

describe.each([
  { name: 'import-builtin-noop', generate: false },
  { name: 'import-builtin-update', generate: false },
  { name: 'import-builtin-generate', generate: true },
])('$name: imports as terraform 1.11.4 plans and applies them', ({ name, generate }) => {
  it('plans them like Terraform: every attribute of an imported object, a legend only for real actions', async () => {
    const dir = copy(name);
    const plan = join(dir, 'plan.bin');
    const p = await terrane(dir, ['plan', ...(generate ? ['-generate-config-out=generated.tf'] : []), `-out=${plan}`]);
    expect(p.code, p.stderr).toBe(0);
    const want = golden(name, 'plan.txt');
    expect(progress(p.stdout)).toEqual(progress(want));
    expect(legend(p.stdout)).toEqual(legend(want));
    expect(actions(p.stdout)).toBe(actions(want));

    // The saved plan keeps the import and the generated configuration.
    const shown = await terrane(dir, ['show', '-json', plan]);
    expect(shown.code, shown.stderr).toBe(0);
    expect(importFields((JSON.parse(shown.stdout) as { resource_changes: Change[] }).resource_changes))
      .toEqual(importFields(JSON.parse(golden(name, 'plan-resource-changes.json')) as Change[]));
    const text = await terrane(dir, ['show', plan]);
    expect(actions(text.stdout + RULE).trimEnd()).toBe(actions(want).replace(/\nWarning: Config generation[^]*$/, '').trimEnd());

    const a = await terrane(dir, ['apply', plan]);
    expect(a.code, a.stderr).toBe(0);
    const applied = golden(name, 'apply.txt');
    expect(perResource(a.stdout)).toEqual(perResource(applied));
    expect(summary(a.stdout).replace(UUID, 'ID')).toBe(summary(applied).replace(UUID, 'ID'));

    // Imported as configured: nothing left to do.
    const again = await terrane(dir, ['plan', '-detailed-exitcode']);
    expect(again.code, again.stdout + again.stderr).toBe(0);
    expect(again.stdout).toContain('No changes. Your infrastructure matches the configuration.');
    expect(golden(name, 'replan.txt')).toContain('exit code: 0');
  });

  it('reports the same -json messages for a plan (generated_config with the planned import)', async () => {
    const dir = copy(name);
    const p = await terrane(dir, ['plan', '-json', ...(generate ? ['-generate-config-out=generated.tf'] : [])]);
    expect(p.code, p.stderr).toBe(0);
    expect(jsonMessages(p.stdout)).toEqual(jsonMessages(golden(name, 'plan.jsonl')));
  });

  it('reports the same -json messages for an apply (no hook messages for the imports themselves)', async () => {
    const dir = copy(name);
    if (generate) expect((await terrane(dir, ['plan', '-generate-config-out=generated.tf'])).code).toBe(0);
    const a = await terrane(dir, ['apply', '-auto-approve', '-json']);
    expect(a.code, a.stderr).toBe(0);
    expect(jsonMessages(a.stdout)).toEqual(jsonMessages(golden(name, 'apply.jsonl')));
  });
});
