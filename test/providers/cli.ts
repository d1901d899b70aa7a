/** Runs the built CLI (bin/terrane.js) on a temp copy of a testdata/providers fixture. */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

/** A temp copy of testdata/providers/<name>. */
export function fixture(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `terrane-${name}-`));
  cpSync(join(ROOT, 'testdata/providers', name), dir, { recursive: true });
  return dir;
}

/** Runs `node bin/terrane.js ...args` in `cwd`. */
export function terrane(cwd: string, ...args: string[]): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/terrane.js'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', TF_IN_AUTOMATION: '1' } });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}
