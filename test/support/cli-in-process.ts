/** Runs terrane's CLI in this process (no build needed), capturing its output. */
import { Readable, Writable } from 'node:stream';
import { main } from '../../src/cli/main.js';
import type { CliResult } from './cli.js';

/**
 * Runs `terrane <args>` in `dir` with no colour, no terminal and empty stdin; `env` is
 * added to the process environment (the workspace and automation variables are cleared).
 */
export async function terraneInProcess(dir: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  let stdout = '', stderr = '';
  const sink = (add: (s: string) => void) => new Writable({ write(chunk, _enc, cb) { add(String(chunk)); cb(); } });
  const code = await main(args, {
    cwd: dir, env: { ...process.env, NO_COLOR: '1', TF_WORKSPACE: '', TF_IN_AUTOMATION: '', ...env },
    stdout: sink((s) => { stdout += s; }), stderr: sink((s) => { stderr += s; }), stdin: Readable.from([]),
  });
  return { code, stdout, stderr };
}
