/**
 * The terrane command line: global options (`-chdir`, `-help`, `-version`), then the
 * command. Parses flags, calls the programmatic API, renders results; no engine logic here.
 */
import { resolve } from 'node:path';
import { COMMANDS } from './commands.js';
import type { CommandIO } from './io.js';

/** Runs the CLI with `argv` (without node and script) and resolves to the exit code. */
export async function main(argv: string[], ioIn?: Partial<CommandIO>): Promise<number> {
  const io: CommandIO = {
    stdout: ioIn?.stdout ?? process.stdout,
    stderr: ioIn?.stderr ?? process.stderr,
    stdin: ioIn?.stdin ?? process.stdin,
    cwd: ioIn?.cwd ?? process.cwd(),
    env: ioIn?.env ?? process.env,
  };
  const args = [...argv];
  // Global options come before the subcommand.
  while (args.length > 0 && args[0]!.startsWith('-')) {
    const a = args[0]!.replace(/^--?/, '');
    if (a === 'help' || a === 'h') { io.stdout.write(mainHelp()); return 0; }
    if (a === 'version' || a === 'v') { args[0] = 'version'; break; }
    if (a.startsWith('chdir=')) {
      io.cwd = resolve(io.cwd, a.slice('chdir='.length));
      args.shift();
      continue;
    }
    io.stderr.write(`terrane: unknown global option -${a}\n\n${mainHelp()}`);
    return 1;
  }
  const name = args.shift();
  if (name === undefined) { io.stdout.write(mainHelp()); return 0; }
  const entry = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!entry) {
    io.stderr.write(`terrane has no command named "${name}".\n\nTo see all of terrane's top-level commands, run:\n  terrane -help\n\n`);
    return 1;
  }
  const mod = await entry.load();
  return mod.run(args, io);
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
    '  -version      An alias for the "version" subcommand.',
    '',
  ].join('\n');
}
