/** Runs the built CLI (`bin/terrane.js`) in a directory, as a user would. */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = join(import.meta.dirname, '../../bin/terrane.js');

export interface CliResult { code: number; stdout: string; stderr: string }

/** Runs `terrane <args>` in `cwd` with no colour and no terminal. */
export function terrane(cwd: string, args: string[], input = '', env: NodeJS.ProcessEnv = {}): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd, input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env }, timeout: 120_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/**
 * A fresh temporary copy of `testdata/cli/<name>` without its `terraform/` folder (the
 * goldens terraform wrote for that fixture, which tests read from the original).
 */
export function goldenFixture(name: string): string {
  const dir = copyFixture(join(import.meta.dirname, '../../testdata/cli', name));
  rmSync(join(dir, 'terraform'), { recursive: true, force: true });
  return dir;
}

/** A fresh temporary copy of a fixture or example directory. */
export function copyFixture(src: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'terrane-e2e-'));
  cpSync(src, dir, { recursive: true });
  return dir;
}
