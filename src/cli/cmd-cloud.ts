/**
 * `terrane cloud start|status|stop|reset`: runs and manages the local AWS-compatible cloud.
 *
 * A started cloud records `{pid, port, host, url, dataDir}` in a state file: `<DIR>/cloud.pid.json`
 * with `-data DIR`, else `~/.terrane/cloud/cloud.pid.json` (`$TERRANE_HOME/cloud` when set).
 * `status`, `stop` and `reset` find the cloud through the same file (pass the same `-data`).
 */
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { LOCAL_CLOUD_DIR } from './local-cloud.js';
import { alive, health, readState, sleep, startDetached, stateDir, statePath, type CloudState } from './cloud-process.js';
export type { CloudState };
import { parseFlags, type FlagSpec } from './flags.js';
import type { CommandIO } from './io.js';

const START_FLAGS: FlagSpec = {
  port: { type: 'int', default: 4566, help: 'TCP port to listen on (0 picks a free one).' },
  host: { type: 'string', default: '127.0.0.1', help: 'Interface to bind.' },
  data: { type: 'string', help: 'Directory of the persistent store (default: a temporary store, deleted on stop).', arg: 'DIR' },
  region: { type: 'string', default: 'us-east-1', help: 'Region of requests that do not name one.' },
  detach: { type: 'bool', help: 'Run in the background and return once the cloud answers.' },
  local: { type: 'bool', help: 'Keep the data where -local commands find it: -data=.terrane/cloud.' },
  'log-level': { type: 'string', default: 'info', help: 'Request log level: info, warn, error, silent.' },
};

const MANAGE_FLAGS: FlagSpec = {
  data: { type: 'string', help: 'The -data directory the cloud was started with.', arg: 'DIR' },
  local: { type: 'bool', help: 'The cloud of this working directory (-local): -data=.terrane/cloud.' },
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
  -local            Use the working directory's .terrane/cloud (as -local commands do)
  -log-level=info   Request log level

Options for status, stop and reset:
  -data=DIR         The directory given to start, if any
  -local            The cloud that -local commands started in this directory
`;

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
  const data = (p.flags['data'] as string | undefined) ?? (p.flags['local'] ? LOCAL_CLOUD_DIR : undefined);
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
  const dataArg = (f['data'] as string | undefined) ?? (f['local'] ? LOCAL_CLOUD_DIR : undefined);
  const data = dataArg ? resolve(io.cwd, dataArg) : undefined;
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

/** Starts `terrane cloud start` (without -detach) in the background and waits for it to answer. */
async function detach(args: string[], io: CommandIO, path: string): Promise<number> {
  const r = await startDetached(args.filter((a) => !/^--?detach(=true)?$/.test(a)), path, io.cwd, io.env ?? process.env);
  if (!r.ok) {
    io.stderr.write(`Error: the local cloud did not start; see ${r.logPath}\n`);
    return 1;
  }
  io.stdout.write(`terrane cloud running at ${r.state.url} (pid ${r.state.pid}); logs in ${r.logPath}\n`);
  return 0;
}
