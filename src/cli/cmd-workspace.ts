/** `terrane workspace new|select|list|show|delete`: workspaces of the local backend, Terraform's texts. */
import { hasErrors } from '../hcl/diagnostic.js';
import type { Diagnostic } from '../hcl/diagnostic.js';
import { currentWorkspace, deleteWorkspace, listWorkspaces, newWorkspace, plainText, selectWorkspace } from '../state/index.js';
import { colors, type Colors } from '../plan/render/colors.js';
import { flagsHelp, parseFlags, type FlagSpec } from './flags.js';
import type { CommandIO } from './io.js';
import { emitDiags, openWorkdir, parseDuration, useColor } from './ui.js';

const USAGE = `Usage: terrane [global options] workspace

  new, list, show, select and delete terrane workspaces.

Subcommands:
    delete    Delete a workspace
    list      List Workspaces
    new       Create a new workspace
    select    Select a workspace
    show      Show the name of the current workspace
`;

const LOCK = {
  lock: { type: 'bool' as const, default: true, arg: 'false', help: "Don't hold a state lock during the operation. This is dangerous if others might concurrently run commands against the same workspace." },
  'lock-timeout': { type: 'string' as const, default: '0s', arg: '0s', help: 'Duration to retry a state lock.' },
};

const SPECS: Record<string, FlagSpec> = {
  new: { ...LOCK, state: { type: 'string', arg: 'path', help: 'Copy an existing state file into the new workspace.' }, help: { type: 'bool' } },
  select: { 'or-create': { type: 'bool', help: 'Create the terrane workspace if it doesn\'t exist.' }, help: { type: 'bool' } },
  list: { help: { type: 'bool' } },
  show: { help: { type: 'bool' } },
  delete: { force: { type: 'bool', help: 'Remove a workspace even if it is managing resources. terrane can no longer track or manage the workspace\'s infrastructure.' }, ...LOCK, help: { type: 'bool' } },
};

const SUB_USAGE: Record<string, string> = {
  new: 'Usage: terrane [global options] workspace new [OPTIONS] NAME\n\n  Create a new terrane workspace.\n\nOptions:\n\n',
  select: 'Usage: terrane [global options] workspace select NAME\n\n  Select a different terrane workspace.\n\nOptions:\n\n',
  list: 'Usage: terrane [global options] workspace list\n\n  List terrane workspaces.\n\n',
  show: 'Usage: terrane [global options] workspace show\n\n  Show the name of the current workspace.\n\n',
  delete: 'Usage: terrane [global options] workspace delete [OPTIONS] NAME\n\n  Delete a terrane workspace\n\nOptions:\n\n',
};

/**
 * Prints what the workspace rules said: Terraform's bare texts as it prints them (errors red
 * on stderr, warnings yellow on stdout), anything else as diagnostics.
 */
function report(io: CommandIO, diags: readonly Diagnostic[], sources: ReadonlyMap<string, string>, color: boolean): void {
  const c: Colors = colors(color);
  const rest: Diagnostic[] = [];
  for (const d of diags) {
    const text = plainText(d);
    if (text === undefined) rest.push(d);
    else if (d.severity === 'error') io.stderr.write(`${c.red(text)}\n`);
    else io.stdout.write(`${c.yellow(text)}\n`);
  }
  emitDiags(io, rest, sources, color);
}

/** Terraform's words after creating a workspace (`new`, `select -or-create`). */
function created(name: string, c: Colors): string {
  return c.bold(c.green(`Created and switched to workspace "${name}"!`)) + '\n\n' +
    c.green('You\'re now on a new, empty workspace. Workspaces isolate their state,\nso if you run "terrane plan" terrane will not see any existing state\nfor this configuration.') + '\n';
}

/** Runs `terrane workspace ...`. */
export async function run(args: string[], io: CommandIO): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined || !Object.hasOwn(SPECS, sub)) {
    (sub === undefined || sub.startsWith('-') ? io.stdout : io.stderr).write(USAGE);
    return sub === '-help' || sub === '--help' ? 0 : 1;
  }
  const spec = SPECS[sub]!;
  const usage = SUB_USAGE[sub]! + flagsHelp(spec);
  const p = parseFlags(rest, spec);
  if (p.error) { io.stderr.write(`${p.error}\n\n${usage}`); return 1; }
  if (p.flags.help) { io.stdout.write(usage); return 0; }
  const color = useColor(p, io);
  const c = colors(color);
  const env = io.env ?? process.env;
  const needsName = sub === 'new' || sub === 'select' || sub === 'delete';
  if (needsName && p.positional.length !== 1) {
    io.stderr.write(`Expected a single argument: NAME.\n\n${usage}`);
    return 1;
  }
  if (!needsName && p.positional.length > 0) {
    io.stderr.write(`Expected no arguments.\n\n${usage}`);
    return 1;
  }
  const name = p.positional[0] ?? '';
  if (sub === 'show') {
    io.stdout.write((await currentWorkspace(io.cwd, env)) + '\n');
    return 0;
  }
  const wd = await openWorkdir(io, { ...p, flags: { ...p.flags, state: undefined } }, color);
  if (!wd) return 1;
  try {
    const backend = wd.backend;
    switch (sub) {
      case 'list': {
        const { names, current } = await listWorkspaces(backend, wd.dir, env);
        if (!names.includes(current)) names.push(current);
        io.stdout.write(names.map((n) => (n === current ? `* ${n}` : `  ${n}`)).join('\n') + '\n\n');
        return 0;
      }
      case 'new': {
        const d = await newWorkspace(backend, wd.dir, name, env);
        report(io, d, wd.config.sources, color);
        if (hasErrors(d)) return 1;
        if (typeof p.flags.state === 'string') {
          const { LocalBackend, decodeState } = await import('../state/index.js');
          const { readFile } = await import('node:fs/promises');
          const { resolve } = await import('node:path');
          void LocalBackend;
          const dec = decodeState(await readFile(resolve(io.cwd, p.flags.state), 'utf8'));
          if (dec.state) {
            const mgr = backend.stateMgr(name);
            const lockTimeout = parseDuration(String(p.flags['lock-timeout'] ?? '0s')) ?? 0;
            void lockTimeout;
            emitDiags(io, await mgr.write(dec.state), wd.config.sources, color);
          } else emitDiags(io, dec.diags, wd.config.sources, color);
        }
        io.stdout.write(created(name, c));
        return 0;
      }
      case 'select': {
        // As Terraform: quiet when the workspace is already selected, and -or-create says it created one.
        const before = await currentWorkspace(io.cwd, env);
        const existed = (await backend.workspaces()).includes(name);
        const d = await selectWorkspace(backend, wd.dir, name, { orCreate: Boolean(p.flags['or-create']) }, env);
        report(io, d, wd.config.sources, color);
        if (hasErrors(d)) return 1;
        if (!existed) io.stdout.write(created(name, c));
        else if (before !== name) io.stdout.write(c.green(`Switched to workspace "${name}".`) + '\n');
        return 0;
      }
      case 'delete': {
        const d = await deleteWorkspace(backend, wd.dir, name, { force: Boolean(p.flags.force) }, env);
        if (hasErrors(d)) { report(io, d, wd.config.sources, color); return 1; }
        io.stdout.write(c.green(`Deleted workspace "${name}"!`) + '\n');
        // Terraform warns about a forced delete after saying it is done.
        report(io, d, wd.config.sources, color);
        return 0;
      }
    }
    return 1;
  } finally { await wd.close(); }
}
