/**
 * `terrane validate` on import blocks against terraform 1.11.4 (testdata/cli/import-validate:
 * one configuration per folder, with what `terraform validate -no-color` printed for it):
 * the errors of blocks outside the root module, duplicate and data source targets, a
 * `provider` argument on a configured target, an id that refers to its target, and `to`
 * keys that do not fit the target's count or for_each; the configurations Terraform accepts
 * (a target without configuration, a number id, for_each over a counted resource) pass.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';

const DIR = resolve(import.meta.dirname, '..', '..', 'testdata', 'cli', 'import-validate');
const CASES = readdirSync(DIR).filter((n) => statSync(join(DIR, n)).isDirectory()).sort();

async function terrane(dir: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '', stderr = '';
  const sink = (add: (s: string) => void) => new Writable({ write(chunk, _enc, cb) { add(String(chunk)); cb(); } });
  const code = await main(args, {
    cwd: dir, env: { ...process.env, NO_COLOR: '1', TF_WORKSPACE: '' },
    stdout: sink((s) => { stdout += s; }), stderr: sink((s) => { stderr += s; }), stdin: Readable.from([]),
  });
  return { code, stdout, stderr };
}

describe('validate: import blocks as terraform 1.11.4 validates them', () => {
  it('has cases', () => expect(CASES.length).toBeGreaterThan(20));

  it.each(CASES)('%s', async (name) => {
    const golden = readFileSync(join(DIR, name, 'terraform-validate.txt'), 'utf8');
    const [, text, code] = /^([^]*)exit code: (\d+)\n$/.exec(golden)!;
    const r = await terrane(join(DIR, name), ['validate', '-no-color']);
    expect(r.stderr + r.stdout).toBe(text);
    expect(r.code).toBe(Number(code));
  });

  // The same diagnostics as `validate -json`: ranges, snippets with the enclosing block as
  // context ("import"), order. Terraform also names the import target as "address"; we do
  // not (it is optional in the format).
  it.each(CASES)('%s (-json)', async (name) => {
    const golden = JSON.parse(readFileSync(join(DIR, name, 'terraform-validate.json'), 'utf8')) as { diagnostics: Record<string, unknown>[] };
    for (const d of golden.diagnostics) delete d.address;
    const r = await terrane(join(DIR, name), ['validate', '-json']);
    expect(JSON.parse(r.stdout)).toEqual(golden);
  });
});

describe('plan: the same import block errors stop the plan before any import', () => {
  it.each(['count-string-key', 'unkeyed-on-count', 'foreach-unkeyed', 'duplicate', 'module-import', 'selfref'])('%s', async (name) => {
    const golden = readFileSync(join(DIR, name, 'terraform-validate.txt'), 'utf8');
    const r = await terrane(join(DIR, name), ['plan', '-no-color']);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain('Preparing import');
    expect(r.stderr).toBe(golden.replace(/exit code: \d+\n$/, ''));
  });
});

describe('plan -generate-config-out: the same errors, and nothing generated', () => {
  it.each(['duplicate', 'count-string-key', 'module-import'])('%s', async (name) => {
    const golden = readFileSync(join(DIR, name, 'terraform-validate.txt'), 'utf8');
    const dir = mkdtempSync(join(tmpdir(), `terrane-import-validate-${name}-`));
    cpSync(join(DIR, name), dir, { recursive: true });
    const r = await terrane(dir, ['plan', '-no-color', '-generate-config-out=generated.tf']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(golden.replace(/exit code: \d+\n$/, ''));
    expect(existsSync(join(dir, 'generated.tf'))).toBe(false);
  });
});
