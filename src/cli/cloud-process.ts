/**
 * A local cloud running as its own process: the state file it records (`cloud.pid.json`
 * beside its data, or under ~/.terrane/cloud), health checks, and starting one in the
 * background. Shared by `terrane cloud` and the `-local` switch.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** What the state file holds. */
export interface CloudState {
  pid: number;
  port: number;
  host: string;
  url: string;
  dataDir: string | null;
  started: string;
}

/** The directory holding the state file: the data directory, else $TERRANE_HOME/cloud or ~/.terrane/cloud. */
export function stateDir(env: NodeJS.ProcessEnv, data: string | undefined, cwd: string): string {
  if (data) return resolve(cwd, data);
  return join(env['TERRANE_HOME'] ?? join(homedir(), '.terrane'), 'cloud');
}

/** The state file of the cloud for `data`. */
export function statePath(env: NodeJS.ProcessEnv, data: string | undefined, cwd: string): string {
  return join(stateDir(env, data, cwd), 'cloud.pid.json');
}

/** The recorded state, or undefined when there is none (or it is unreadable). */
export function readState(path: string): CloudState | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as CloudState;
  } catch {
    return undefined;
  }
}

/** True when process `pid` exists. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as { code?: string }).code === 'EPERM';
  }
}

/** The cloud's health answer, or undefined when it does not answer within 2 s. */
export async function health(url: string): Promise<{ services: Record<string, string> } | undefined> {
  try {
    const r = await fetch(`${url}/_terrane/health`, { signal: AbortSignal.timeout(2000) });
    return r.ok ? ((await r.json()) as { services: Record<string, string> }) : undefined;
  } catch {
    return undefined;
  }
}

/** Resolves after `ms` milliseconds. */
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The outcome of startDetached. */
export type DetachedStart = { ok: true; state: CloudState; logPath: string } | { ok: false; logPath: string };

/**
 * Runs `terrane cloud start <startArgs>` as a background process (logs to cloud.log beside
 * the state file) and resolves once it answers health checks, or fails after 30 s.
 */
export async function startDetached(startArgs: string[], path: string, cwd: string, env: NodeJS.ProcessEnv): Promise<DetachedStart> {
  const childArgs = ['cloud', 'start', ...startArgs];
  const mainJs = fileURLToPath(new URL('./main.js', import.meta.url));
  // Built JavaScript runs as is; from the TypeScript sources (development), through tsx.
  const nodeArgs = existsSync(mainJs) ? [] : ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href];
  const entry = new URL('./main.js', import.meta.url).href;
  const script = `import(${JSON.stringify(entry)}).then((m) => m.main(${JSON.stringify(childArgs)})).then((c) => { process.exitCode = c; })`;
  const dir = join(path, '..');
  mkdirSync(dir, { recursive: true });
  rmSync(path, { force: true });
  const logPath = join(dir, 'cloud.log');
  const log = openSync(logPath, 'a');
  const child = spawn(process.execPath, [...nodeArgs, '--input-type=module', '-e', script], {
    detached: true,
    stdio: ['ignore', log, log],
    cwd,
    env,
  });
  closeSync(log);
  let exited = false;
  child.once('exit', () => (exited = true));
  child.unref();
  for (let i = 0; i < 600 && !exited; i++) {
    const st = readState(path);
    if (st && st.pid === child.pid && (await health(st.url))) return { ok: true, state: st, logPath };
    await sleep(50);
  }
  if (!exited && child.pid) process.kill(child.pid, 'SIGTERM');
  return { ok: false, logPath };
}
