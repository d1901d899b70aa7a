/** Runs the built CLI (`bin/terrane.js`) in a temporary copy of a testdata/cli fixture. */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'terrane.js');

export interface RunResult { code: number; stdout: string; stderr: string }

/** A fresh copy of `testdata/cli/<name>` in a temporary directory. */
export function fixture(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `terrane-cli-${name}-`));
  cpSync(join(ROOT, 'testdata', 'cli', name), dir, { recursive: true });
  return dir;
}

/** Runs `terrane ...args` in `dir`, with `env` added to the environment. */
export function terrane(dir: string, args: string[], input = '', env: NodeJS.ProcessEnv = {}): RunResult {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', TF_WORKSPACE: '', ...env } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** A fixture that has been initialised and applied. */
export function applied(name: string): string {
  const dir = fixture(name);
  const i = terrane(dir, ['init']);
  if (i.code !== 0) throw new Error(`init failed: ${i.stderr}`);
  const a = terrane(dir, ['apply', '-auto-approve', '-no-color']);
  if (a.code !== 0) throw new Error(`apply failed: ${a.stderr}`);
  return dir;
}
