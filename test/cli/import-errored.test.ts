/**
 * A plan that fails after planning an import shows what it planned, as Terraform 1.11.4 does
 * (testdata/cli/import-errored: its output for the same configuration), then the error.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';

const FIXTURE = resolve(import.meta.dirname, '..', '..', 'testdata', 'cli', 'import-errored');

describe('an errored plan with an import', () => {
  it('prints the partial plan, then the error, and fails', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'terrane-import-errored-'));
    cpSync(FIXTURE, dir, { recursive: true });
    rmSync(join(dir, 'terraform'), { recursive: true });
    let stdout = '', stderr = '';
    const sink = (add: (s: string) => void) => new Writable({ write(chunk, _enc, cb) { add(String(chunk)); cb(); } });
    const code = await main(['plan', '-no-color'], {
      cwd: dir, env: { ...process.env, NO_COLOR: '1', TF_WORKSPACE: '' },
      stdout: sink((s) => { stdout += s; }), stderr: sink((s) => { stderr += s; }), stdin: Readable.from([]),
    });
    const golden = readFileSync(join(FIXTURE, 'terraform', 'plan.txt'), 'utf8');
    expect(`${stdout}${stderr}exit code: ${code}\n`.replace('terrane planned', 'Terraform planned')).toBe(golden);
  });
});
