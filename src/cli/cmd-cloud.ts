/**
 * `terrane cloud start|status|stop|reset`: runs and manages the local AWS-compatible cloud.
 *
 * A started cloud records `{pid, port, host, url, dataDir}` in a state file: `<DIR>/cloud.pid.json`
 * with `-data DIR`, else `~/.terrane/cloud/cloud.pid.json` (`$TERRANE_HOME/cloud` when set).
 * `status`, `stop` and `reset` find the cloud through the same file (pass the same `-data`).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync, closeSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { parseFlags, type FlagSpec } from './flags.js';
import type { CommandIO } from './io.js';

/** What the state file holds. */
export interface CloudState {
  pid: number;
  port: number;
  host: string;
  url: string;
  dataDir: string | null;
  started: string;
}

const START_FLAGS: FlagSpec = {
  port: { type: 'int', default: 4566, help: 'TCP port to listen on (0 picks a free one).' },
  host: { type: 'string', default: '127.0.0.1', help: 'Interface to bind.' },
  data: { type: 'string', help: 'Directory of the persistent store (default: a temporary store, deleted on stop).', arg: 'DIR' },
  region: { type: 'string', default: 'us-east-1', help: 'Region of requests that do not name one.' },
  detach: { type: 'bool', help: 'Run in the background and return once the cloud answers.' },
  'log-level': { type: 'string', default: 'info', help: 'Request log level: info, warn, error, silent.' },
};

const MANAGE_FLAGS: FlagSpec = {
  data: { type: 'string', help: 'The -data directory the cloud was started with.', arg: 'DIR' },
};

const USAGE = `Usage: terrane cloud <start|status|stop|reset> [options]

  Runs terrane's local AWS-compatible cloud: every service on one port.

Subcommands:
  start    Run the cloud (foreground, logs to stdout; -detach for background)
  status   Show whether a started cloud is running and its services
  stop     Stop a cloud started with -detach
  reset    Delete all resources of the cloud (running or not)

Options for start:
  -port=4566        TCP port (0 picks a free one)
  -host=127.0.0.1   Interface to bind
  -data=DIR         Persistent store directory (default: temporary)
  -region=us-east-1 Default region
  -detach           Run in the background
  -log-level=info   Request log level

Options for status, stop and reset:
  -data=DIR         The directory given to start, if any
`;

function stateDir(env: NodeJS.ProcessEnv, data: string | undefined, cwd: string): string {
  if (data) return resolve(cwd, data);
  return join(env['TERRANE_HOME'] ?? join(homedir(), '.terrane'), 'cloud');
}

function statePath(env: NodeJS.ProcessEnv, data: string | undefined, cwd: string): string {
  return join(stateDir(env, data, cwd), 'cloud.pid.json');
}

function readState(path: string): CloudState | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as CloudState;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as { code?: string }).code === 'EPERM';
  }
}

async function health(url: string): Promise<{ services: Record<string, string> } | undefined> {
  try {
    const r = await fetch(`${url}/_terrane/health`, { signal: AbortSignal.timeout(2000) });
    return r.ok ? ((await r.json()) as { services: Record<string, string> }) : undefined;
  } catch {
    return undefined;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs `terrane cloud ...`. */
export async function run(args: string[], io: CommandIO): Promise<number> {
  const env = io.env ?? process.env;
  const [sub, ...rest] = args;
  if (sub === undefined || sub === '-help' || sub === '--help' || sub === '-h' || sub === 'help') {
    io.stdout.write(USAGE);
    return sub === undefined ? 1 : 0;
  }
  if (sub === 'start') return start(rest, io, env);
  if (sub !== 'status' && sub !== 'stop' && sub !== 'reset') {
    io.stderr.write(`terrane cloud: unknown subcommand "${sub}"\n\n${USAGE}`);
    return 1;
  }
  const p = parseFlags(rest, MANAGE_FLAGS);
  if (p.error) {
    io.stderr.write(`${p.error}\n\n${USAGE}`);
    return 1;
  }
  const data = p.flags['data'] as string | undefined;
  const path = statePath(env, data, io.cwd);
  const st = readState(path);
  const running = st !== undefined && alive(st.pid);
  if (sub === 'status') {
    if (!st || !running) {
      io.stdout.write('The local cloud is not running.\n');
      return 1;
    }
    const h = await health(st.url);
    io.stdout.write(`The local cloud is running at ${st.url} (pid ${st.pid}, data: ${st.dataDir ?? 'temporary'}).\n`);
    if (h) for (const [name, state] of Object.entries(h.services)) io.stdout.write(`  ${name.padEnd(10)} ${state}\n`);
    else io.stdout.write('  (it does not answer health checks)\n');
    return 0;
  }
  if (sub === 'stop') {
    if (!st || !running) {
      if (st) rmSync(path, { force: true });
      io.stdout.write('The local cloud is not running.\n');
      return 0;
    }
    process.kill(st.pid, 'SIGTERM');
    for (let i = 0; i < 200 && alive(st.pid); i++) await sleep(50);
    if (alive(st.pid)) {
      io.stderr.write(`The local cloud (pid ${st.pid}) did not stop within 10 s.\n`);
      return 1;
    }
    rmSync(path, { force: true });
    io.stdout.write(`Stopped the local cloud at ${st.url}.\n`);
    return 0;
  }
  // reset
  if (st && running) {
    const r = await fetch(`${st.url}/_terrane/reset`, { method: 'POST' }).catch(() => undefined);
    if (!r || !r.ok) {
      io.stderr.write(`The local cloud at ${st.url} did not accept the reset.\n`);
      return 1;
    }
    io.stdout.write(`Reset the local cloud at ${st.url}: all resources deleted.\n`);
    return 0;
  }
  const dir = data ? resolve(io.cwd, data) : st?.dataDir;
  if (!dir || !existsSync(dir)) {
    io.stdout.write('Nothing to reset: no data directory.\n');
    return 0;
  }
  for (const name of readdirSync(dir)) {
    if (name.startsWith('cloud.sqlite') || name === 's3-data') rmSync(join(dir, name), { recursive: true, force: true });
  }
  io.stdout.write(`Reset the local cloud data in ${dir}.\n`);
  return 0;
}

async function start(args: string[], io: CommandIO, env: NodeJS.ProcessEnv): Promise<number> {
  const p = parseFlags(args, START_FLAGS);
  if (p.error) {
    io.stderr.write(`${p.error}\n\n${USAGE}`);
    return 1;
  }
  const f = p.flags;
  const data = f['data'] ? resolve(io.cwd, f['data'] as string) : undefined;
  const path = statePath(env, data, io.cwd);
  const prior = readState(path);
  if (prior && alive(prior.pid) && prior.pid !== process.pid) {
    io.stderr.write(`A local cloud is already running at ${prior.url} (pid ${prior.pid}). Stop it with "terrane cloud stop${data ? ` -data=${data}` : ''}".\n`);
    return 1;
  }
  if (f['detach']) return detach(args, io, path);

  const { startCloud } = await import('../cloud/index.js');
  const level = f['log-level'] as 'info';
  let cloud;
  try {
    cloud = await startCloud({
      port: f['port'] as number,
      host: f['host'] as string,
      dataDir: data,
      region: f['region'] as string,
      logLevel: level,
      logDestination: io.stdout as never,
    });
  } catch (e) {
    io.stderr.write(`Error: could not start the local cloud: ${(e as Error).message}\n`);
    return 1;
  }
  mkdirSync(stateDir(env, data, io.cwd), { recursive: true });
  const state: CloudState = { pid: process.pid, port: cloud.port, host: f['host'] as string, url: cloud.url, dataDir: data ?? null, started: new Date().toISOString() };
  writeFileSync(path, JSON.stringify(state, null, 2) + '\n');
  io.stderr.write(`terrane cloud listening on ${cloud.url} (data: ${data ?? 'temporary'})\n`);
  await new Promise<void>((resolveStop) => {
    const stop = () => resolveStop();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await cloud.close();
  if (readState(path)?.pid === process.pid) rmSync(path, { force: true });
  return 0;
}

/** Starts `terrane cloud start` (without -detach) as a background process and waits for it to answer. */
async function detach(args: string[], io: CommandIO, path: string): Promise<number> {
  const childArgs = ['cloud', 'start', ...args.filter((a) => !/^--?detach(=true)?$/.test(a))];
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
    cwd: io.cwd,
    env: io.env ?? process.env,
  });
  closeSync(log);
  let exited = false;
  child.once('exit', () => (exited = true));
  child.unref();
  for (let i = 0; i < 600 && !exited; i++) {
    const st = readState(path);
    if (st && st.pid === child.pid && (await health(st.url))) {
      io.stdout.write(`terrane cloud running at ${st.url} (pid ${st.pid}); logs in ${logPath}\n`);
      return 0;
    }
    await sleep(50);
  }
  io.stderr.write(`Error: the local cloud did not start; see ${logPath}\n`);
  if (!exited && child.pid) process.kill(child.pid, 'SIGTERM');
  return 1;
}
