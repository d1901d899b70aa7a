/**
 * The terrane command line: global options (`-chdir`, `-help`, `-version`), then the
 * command. Parses flags, calls the programmatic API, renders results; no engine logic here.
 */
import { resolve } from 'node:path';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { COMMANDS } from './commands.js';
import type { CommandIO } from './io.js';
import { chooseCloud, commandUsesCloud, ensureLocalCloud, LOCAL_CLOUD_DIR, takeLocalFlag } from './local-cloud.js';

export { startHeapGrowth } from './heap-growth.js';

/** Runs the CLI with `argv` (without node and script) and resolves to the exit code. */
export async function main(argv: string[], ioIn?: Partial<CommandIO>): Promise<number> {
  const io: CommandIO = {
    stdout: ioIn?.stdout ?? process.stdout,
    stderr: ioIn?.stderr ?? process.stderr,
    stdin: ioIn?.stdin ?? process.stdin,
    cwd: ioIn?.cwd ?? process.cwd(),
    env: ioIn?.env ?? process.env,
    interrupts: ioIn ? ioIn.interrupts : true,
  };
  const args = [...argv];
  let local = false;
  // Global options come before the subcommand.
  while (args.length > 0 && args[0]!.startsWith('-')) {
    const a = args[0]!.replace(/^--?/, '');
    if (a === 'help' || a === 'h') { io.stdout.write(mainHelp()); return 0; }
    if (a === 'version' || a === 'v') { args[0] = 'version'; break; }
    if (a === 'local') { local = true; args.shift(); continue; }
    if (a.startsWith('chdir=')) {
      io.cwd = resolve(io.cwd, a.slice('chdir='.length));
      args.shift();
      continue;
    }
    io.stderr.write(`terrane: unknown global option -${a}\n\n${mainHelp()}`);
    return 1;
  }
  // As in Terraform, -chdir really changes directory, so that paths a configuration reads
  // relative to the working directory (file(), a provider's `source` arguments) resolve there.
  // Only for the real command line: in-process callers pass their own cwd.
  if (!ioIn?.cwd && io.cwd !== process.cwd()) process.chdir(io.cwd);
  const name = args.shift();
  if (name === undefined) { io.stdout.write(mainHelp()); return 0; }
  const entry = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!entry) {
    io.stderr.write(`terrane has no command named "${name}".\n\nTo see all of terrane's top-level commands, run:\n  terrane -help\n\n`);
    return 1;
  }
  if (name !== 'cloud') {
    local = takeLocalFlag(args) || local;
    const ok = await selectCloud(name, local, io);
    if (!ok) return 1;
  } else if (local) {
    args.push('-local');
  }
  const mod = await entry.load();
  return mod.run(takeNoColor(args, io), io);
}

/**
 * Terraform takes every `-no-color` out of a command's arguments, wherever it stands (after
 * positional arguments too), before the command parses its flags; only that exact spelling.
 */
function takeNoColor(args: string[], io: CommandIO): string[] {
  const rest = args.filter((a) => a !== '-no-color');
  if (rest.length !== args.length) io.noColor = true;
  return rest;
}

/** Applies the `-local` switch (local-cloud.ts): false when the local cloud cannot be used. */
async function selectCloud(name: string, flag: boolean, io: CommandIO): Promise<boolean> {
  const env = io.env ?? process.env;
  const choice = chooseCloud(flag, env, io.cwd);
  if (choice.mode === 'error') {
    io.stderr.write(`Error: ${choice.message}\n`);
    return false;
  }
  if (choice.mode !== 'local') return true;
  if (!commandUsesCloud(name)) {
    // Remember the choice (init -local) without starting anything yet.
    if (choice.explicit && name === 'init') mkdirSync(join(io.cwd, LOCAL_CLOUD_DIR), { recursive: true });
    return true;
  }
  const cloud = await ensureLocalCloud(io.cwd, env);
  if (!cloud.ok) {
    io.stderr.write(`Error: ${cloud.message}\n`);
    return false;
  }
  env['TERRANE_CLOUD_ENDPOINT'] = cloud.url;
  // Providers run in this process and read process.env.
  process.env['TERRANE_CLOUD_ENDPOINT'] = cloud.url;
  io.stderr.write(cloud.started
    ? `Started terrane's local cloud at ${cloud.url} (data in ${LOCAL_CLOUD_DIR}; stop it with "terrane cloud stop -local").\n`
    : `Using terrane's local cloud at ${cloud.url} (${LOCAL_CLOUD_DIR}).\n`);
  return true;
}

/** `terrane -help`, laid out like `terraform -help`. */
export function mainHelp(): string {
  const names = Object.keys(COMMANDS).sort();
  const mains = names.filter((n) => COMMANDS[n]!.main);
  const others = names.filter((n) => !COMMANDS[n]!.main);
  const fmt = (n: string) => `  ${n.padEnd(13)}${COMMANDS[n]!.synopsis}`;
  return [
    'Usage: terrane [global options] <subcommand> [args]',
    '',
    'The available commands for execution are listed below.',
    'The primary workflow commands are given first, followed by',
    'less common or more advanced commands.',
    '',
    'Main commands:',
    ...mains.map(fmt),
    '',
    'All other commands:',
    ...others.map(fmt),
    '',
    'Global options (use these before the subcommand, if any):',
    '  -chdir=DIR    Switch to a different working directory before executing the',
    '                given subcommand.',
    '  -help         Show this help output, or the help for a specified subcommand.',
    '  -local        Use terrane\'s built-in AWS cloud (started on demand, data in',
    '                .terrane/cloud); also TERRANE_CLOUD=local. Accepted after the',
    '                subcommand too.',
    '  -version      An alias for the "version" subcommand.',
    '',
  ].join('\n');
}
