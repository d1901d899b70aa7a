/**
 * The `-local` switch: run a configuration against terrane's built-in cloud with no
 * endpoints to write. `-local` (or TERRANE_CLOUD=local) starts, or reuses, a cloud that
 * keeps its data in `.terrane/cloud/` under the working directory, and points every AWS
 * client at it through TERRANE_CLOUD_ENDPOINT (see src/providers/aws/config.ts).
 *
 * The choice sticks to the working directory: once `.terrane/cloud/` exists, later commands
 * there use the local cloud too, because the state they manage describes objects that live
 * in it. TERRANE_CLOUD=aws (or an explicit TERRANE_CLOUD_ENDPOINT) overrides that.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { health, readState, startDetached, statePath, type CloudState } from './cloud-process.js';

/** Where a working directory keeps its local cloud, relative to it. */
export const LOCAL_CLOUD_DIR = join('.terrane', 'cloud');

/** The port tried first (LocalStack's, so the usual `--endpoint-url` habits work); a free one otherwise. */
const PREFERRED_PORT = 4566;

/** Commands that talk to providers, and so start the local cloud when it is in use. */
const CLOUD_COMMANDS = new Set(['plan', 'apply', 'destroy', 'refresh', 'import', 'console']);

/** How a command is to reach AWS. */
export type CloudChoice = { mode: 'local'; explicit: boolean } | { mode: 'default' } | { mode: 'error'; message: string };

/** Decides from the flag, the environment and the working directory (see the file comment). */
export function chooseCloud(flag: boolean, env: NodeJS.ProcessEnv, cwd: string): CloudChoice {
  const setting = (env['TERRANE_CLOUD'] ?? '').toLowerCase();
  if (flag || setting === 'local') return { mode: 'local', explicit: true };
  if (setting !== '' && setting !== 'aws') {
    return { mode: 'error', message: `TERRANE_CLOUD must be "local" (terrane's built-in cloud) or "aws" (the usual AWS endpoints), not "${env['TERRANE_CLOUD']}".` };
  }
  if (setting === 'aws' || env['TERRANE_CLOUD_ENDPOINT']) return { mode: 'default' };
  return existsSync(join(cwd, LOCAL_CLOUD_DIR)) ? { mode: 'local', explicit: false } : { mode: 'default' };
}

/** Removes `-local` / `--local` from a command's arguments; true when it was there. */
export function takeLocalFlag(args: string[]): boolean {
  let found = false;
  for (let i = args.length - 1; i >= 0; i--) {
    if (/^--?local(=true)?$/.test(args[i]!)) { args.splice(i, 1); found = true; }
  }
  return found;
}

/** The outcome of ensureLocalCloud. */
export type LocalCloud = { ok: true; url: string; started: boolean } | { ok: false; message: string };

/**
 * Reuses the working directory's running cloud, or starts one in the background (it
 * outlives the command so that the AWS CLI and later commands can reach it).
 */
export async function ensureLocalCloud(cwd: string, env: NodeJS.ProcessEnv): Promise<LocalCloud> {
  const dataDir = join(cwd, LOCAL_CLOUD_DIR);
  mkdirSync(dataDir, { recursive: true });
  const path = statePath(env, dataDir, cwd);
  const running = readState(path);
  if (running && (await health(running.url))) return { ok: true, url: running.url, started: false };
  const base = [`-data=${dataDir}`, '-log-level=warn'];
  let r = await startDetached([...base, `-port=${PREFERRED_PORT}`], path, cwd, env);
  if (!r.ok) r = await startDetached([...base, '-port=0'], path, cwd, env);
  if (!r.ok) return { ok: false, message: `terrane's local cloud did not start; its log is ${r.logPath}` };
  return { ok: true, url: (r.state as CloudState).url, started: true };
}

/** Whether a command needs the cloud running (others only accept the flag). */
export function commandUsesCloud(name: string): boolean {
  return CLOUD_COMMANDS.has(name);
}
