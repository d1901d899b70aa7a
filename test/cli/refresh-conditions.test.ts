/**
 * `terrane refresh` is Terraform's refresh command: a normal plan whose changes are not
 * applied, keeping only the refreshed state. So a failed precondition or postcondition is
 * an error, as terraform 1.11.4 reports it, and the state is left as it was; without
 * failures the refreshed state is written.
 */
import { describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable, Readable } from 'node:stream';
import { main } from '../../src/cli/main.js';

async function terrane(dir: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '', stderr = '';
  const sink = (f: (s: string) => void) => new Writable({ write(chunk, _e, cb) { f(String(chunk)); cb(); } });
  const code = await main(args, {
    cwd: dir, stdout: sink((s) => { stdout += s; }), stderr: sink((s) => { stderr += s; }), stdin: Readable.from([]),
    env: { ...process.env, NO_COLOR: '1' },
  } as never);
  return { code, stdout, stderr };
}

async function applied(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'terrane-refresh-'));
  cpSync(join(import.meta.dirname, '../../testdata/cli/refresh-conditions'), dir, { recursive: true });
  const a = await terrane(dir, ['apply', '-auto-approve', '-no-color']);
  expect(a.code, a.stderr).toBe(0);
  return dir;
}

describe('terrane refresh', () => {
  it.each([
    { fail: 'pre', summary: 'Resource precondition failed', message: 'pre failed.' },
    { fail: 'post', summary: 'Resource postcondition failed', message: 'post failed.' },
    { fail: 'output', summary: 'Module output value precondition failed', message: 'out failed.' },
  ])('fails on a failed $fail condition and leaves the state alone', async ({ fail, summary, message }) => {
    const dir = await applied();
    const before = readFileSync(join(dir, 'terraform.tfstate'), 'utf8');
    const r = await terrane(dir, ['refresh', '-no-color', `-var=fail=${fail}`]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`Error: ${summary}`);
    expect(r.stderr).toContain(message);
    expect(r.stdout + r.stderr).not.toContain('Warning:');
    expect(readFileSync(join(dir, 'terraform.tfstate'), 'utf8')).toBe(before);
    expect(existsSync(join(dir, 'terraform.tfstate.backup'))).toBe(false);
  });

  it('writes the refreshed state when every condition holds', async () => {
    const dir = await applied();
    const r = await terrane(dir, ['refresh', '-no-color']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(existsSync(join(dir, 'terraform.tfstate.backup'))).toBe(true);
  });
});
