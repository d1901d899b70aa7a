/**
 * `terrane state <list|show|mv|rm|pull|push|replace-provider>`: inspecting and editing the
 * state by hand, with Terraform's flags, messages and exit codes.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { errorDiag, hasErrors } from '../hcl/diagnostic.js';
import { targetContains, AbsResourceInstance, type Targetable } from '../addrs/index.js';
import { decodeState, encodeState } from '../state/index.js';
import { flagsHelp, parseFlags } from './flags.js';
import type { CommandIO } from './io.js';
import { emitDiags, useColor } from './ui.js';
import { LOCK_FLAGS, decodedValues, noStateFile, openState, parseAddrs, renderInstance } from './state-common.js';
import { runMv, runReplaceProvider, runRm } from './state-edit.js';

const STATE_USAGE = `Usage: terrane [global options] state <subcommand> [options] [args]

  This command has subcommands for advanced state management.

  These subcommands can be used to slice and dice the terrane state.
  This is sometimes necessary in advanced cases. For your safety, all
  state management commands that modify the state create a timestamped
  backup of the state prior to making modifications.

  The structure and output of the commands is specifically tailored to work
  well with the common Unix utilities such as grep, awk, etc. We recommend
  using those tools to perform more advanced state tasks.

Subcommands:
    list                List resources in the state
    mv                  Move an item in the state
    pull                Pull current state and output to stdout
    push                Update remote state from a local state file
    replace-provider    Replace provider in the state
    rm                  Remove instances from the state
    show                Show a resource in the state
`;

/** Runs `terrane state ...`. */
export async function run(args: string[], io: CommandIO): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'list': return runList(rest, io);
    case 'show': return runShow(rest, io);
    case 'pull': return runPull(rest, io);
    case 'push': return runPush(rest, io);
    case 'mv': return runMv(rest, io);
    case 'rm': return runRm(rest, io);
    case 'replace-provider': return runReplaceProvider(rest, io);
    case undefined: case '-help': case '--help': case '-h':
      io.stdout.write(STATE_USAGE);
      return sub === undefined ? 1 : 0;
    default:
      io.stderr.write(STATE_USAGE);
      return 1;
  }
}

const LIST_SPEC = {
  state: { type: 'string' as const, arg: 'statefile', help: 'Path to a terrane state file to use to look up terrane-managed resources. By default, terrane will consult the state of the currently-selected workspace.' },
  id: { type: 'string' as const, arg: 'ID', help: 'Filters the results to include only instances whose resource types have an attribute named "id" whose value equals the given id string.' },
  help: { type: 'bool' as const },
};
const LIST_USAGE = `Usage: terrane [global options] state list [options] [address...]

  List resources in the terrane state.

  This command lists resource instances in the terrane state. The address
  argument can be used to filter the instances by resource or module. If
  no pattern is given, all resource instances are listed.

  The addresses must either be module addresses or absolute resource
  addresses, such as:
      aws_instance.example
      module.example
      module.example.module.child
      module.example.aws_instance.example

  An error will be returned if any of the resources or modules given as
  filter addresses do not exist in the state.

Options:

`;

function matches(filters: readonly Targetable[], addr: AbsResourceInstance): boolean {
  return filters.length === 0 || filters.some((f) => targetContains(f, addr));
}

async function runList(args: string[], io: CommandIO): Promise<number> {
  const p = parseFlags(args, LIST_SPEC);
  if (p.error) { io.stderr.write(`${p.error}\n\n${LIST_USAGE}${flagsHelp(LIST_SPEC)}`); return 1; }
  if (p.flags.help) { io.stdout.write(LIST_USAGE + flagsHelp(LIST_SPEC)); return 0; }
  const color = useColor(p, io);
  const { addrs, diags } = parseAddrs(p.positional);
  if (hasErrors(diags)) { emitDiags(io, diags, new Map(), color); return 1; }
  const s = await openState(io, p, color);
  if (!s) return 1;
  try {
    if (await noStateFile(io, s, color)) return 1;
    const id = typeof p.flags.id === 'string' ? p.flags.id : undefined;
    for (const { addr, instance } of s.state.instances()) {
      if (!matches(addrs, addr)) continue;
      if (id !== undefined) {
        const obj = instance.current;
        let got: unknown;
        try { got = obj?.attrsJSON ? (JSON.parse(obj.attrsJSON) as Record<string, unknown>).id : obj?.attrsFlat?.id; } catch { got = undefined; }
        if (got !== id) continue;
      }
      io.stdout.write(addr.toString() + '\n');
    }
    return 0;
  } finally { await s.done(); }
}

const SHOW_SPEC = {
  state: { type: 'string' as const, arg: 'statefile', help: 'Path to a terrane state file to use to look up terrane-managed resources. By default it will use the state "terraform.tfstate" if it exists.' },
  // Terraform accepts -no-color on every command (and state show prints no color anyway).
  'no-color': { type: 'bool' as const },
  help: { type: 'bool' as const },
};
const SHOW_USAGE = `Usage: terrane [global options] state show [options] ADDRESS

  Shows the attributes of a resource in the terrane state.

  This command shows the attributes of a single resource in the terrane
  state. The address argument must be used to specify a single resource.
  You can view the list of available resources with "terrane state list".

Options:

`;

async function runShow(args: string[], io: CommandIO): Promise<number> {
  const p = parseFlags(args, SHOW_SPEC);
  if (p.error) { io.stderr.write(`${p.error}\n\n${SHOW_USAGE}${flagsHelp(SHOW_SPEC)}`); return 1; }
  if (p.flags.help) { io.stdout.write(SHOW_USAGE + flagsHelp(SHOW_SPEC)); return 0; }
  if (p.positional.length !== 1) {
    io.stderr.write('Exactly one argument expected.\n\n' + SHOW_USAGE + flagsHelp(SHOW_SPEC));
    return 1;
  }
  const color = useColor(p, io);
  const { addrs, diags } = parseAddrs(p.positional);
  if (hasErrors(diags)) { emitDiags(io, diags, new Map(), color); return 1; }
  let target = addrs[0]!;
  if (!(target instanceof AbsResourceInstance)) {
    if ('resource' in target) target = target.instance(null);
    else {
      emitDiags(io, [errorDiag('Error parsing instance address: ' + p.positional[0], 'This command requires that the address references one specific instance.')], new Map(), color);
      return 1;
    }
  }
  const s = await openState(io, p, color);
  if (!s) return 1;
  try {
    if (await noStateFile(io, s, color)) return 1;
    const is = s.state.instance(target as AbsResourceInstance);
    if (!is?.current) {
      emitDiags(io, [errorDiag(`No instance found for the given address!`, `This command requires that the address references one specific instance.\nTo view the available instances, use "terrane state list". Please modify \nthe address to reference a specific instance.`)], new Map(), color);
      return 1;
    }
    const t = target as AbsResourceInstance;
    const rs = s.state.resource(t.containingResource())!;
    io.stdout.write(renderInstance(t, t.resource.resource.mode, is.current, undefined, decodedValues(s.wd, rs.provider.provider.toString(), t.resource.resource.mode, t.resource.resource.type, is.current)));
    return 0;
  } finally { await s.done(); }
}

async function runPull(args: string[], io: CommandIO): Promise<number> {
  const p = parseFlags(args, { help: { type: 'bool' } });
  if (p.error || p.flags.help) {
    io.stdout.write('Usage: terrane [global options] state pull [options]\n\n  Pull the state from its location, upgrade the local copy, and output it\n  to stdout.\n\n  This command "pulls" the current state and outputs it to stdout.\n  As part of this process, terrane will upgrade the state format of the\n  local copy to the current version.\n\n  The primary use of this is for state stored remotely. This command\n  will still work with local state but is less useful for this.\n\n');
    return p.error ? 1 : 0;
  }
  const color = useColor(p, io);
  const s = await openState(io, p, color);
  if (!s) return 1;
  try {
    const r = await s.wd.stateMgr.read();
    if (r.state) io.stdout.write(encodeState(r.state));
    return 0;
  } finally { await s.done(); }
}

const PUSH_SPEC = {
  force: { type: 'bool' as const, help: 'Write the state even if lineages don\'t match or the remote serial is higher.' },
  ...LOCK_FLAGS,
};
const PUSH_USAGE = `Usage: terrane [global options] state push [options] PATH

  Update remote state from a local state file at PATH.

  This command "pushes" a local state and overwrites remote state
  with a local state file. The command will protect you against writing
  an older serial or a different state file lineage unless you specify the
  "-force" flag.

  This command works with local state (it will overwrite the local
  state), but is less useful for this use case.

  If PATH is "-", then this command will read the state to push from stdin.
  Data from stdin is not streamed to the backend: it is loaded completely
  (until pipe close), verified, and then pushed.

Options:

`;

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(String(c)));
  return Buffer.concat(chunks).toString('utf8');
}

async function runPush(args: string[], io: CommandIO): Promise<number> {
  const p = parseFlags(args, PUSH_SPEC);
  if (p.error) { io.stderr.write(`${p.error}\n\n${PUSH_USAGE}${flagsHelp(PUSH_SPEC)}`); return 1; }
  if (p.flags.help) { io.stdout.write(PUSH_USAGE + flagsHelp(PUSH_SPEC)); return 0; }
  const color = useColor(p, io);
  if (p.positional.length !== 1) {
    io.stderr.write('Exactly one argument expected.\n\n' + PUSH_USAGE + flagsHelp(PUSH_SPEC));
    return 1;
  }
  const file = p.positional[0]!;
  let text: string;
  try {
    text = file === '-' ? await readAll(io.stdin) : await readFile(resolve(io.cwd, file), 'utf8');
  } catch (e) {
    io.stderr.write(`Error loading state: ${(e as Error).message}\n`);
    return 1;
  }
  const dec = decodeState(text);
  if (!dec.state || hasErrors(dec.diags)) {
    io.stderr.write(`Error loading state: ${dec.diags.map((d) => d.summary + (d.detail ? ': ' + d.detail : '')).join('\n')}\n`);
    return 1;
  }
  const s = await openState(io, { ...p, flags: { ...p.flags, state: undefined } }, color, 'OperationTypeInvalid');
  if (!s) return 1;
  try {
    const cur = (await s.wd.stateMgr.read()).state;
    const pushed = dec.state;
    if (cur && !p.flags.force) {
      if (cur.lineage !== pushed.lineage) {
        io.stderr.write(`Failed to write state: cannot import state with lineage "${pushed.lineage}" over unrelated state with lineage "${cur.lineage}"\n`);
        return 1;
      }
      if (cur.serial > pushed.serial) {
        io.stderr.write(`Failed to write state: cannot import state with serial ${pushed.serial} over newer state with serial ${cur.serial}\n`);
        return 1;
      }
    }
    return (await s.save(pushed)) ? 0 : 1;
  } finally { await s.done(); }
}
