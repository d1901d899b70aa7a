/** `terrane taint ADDRESS` and `terrane untaint ADDRESS`: mark an instance's object for replacement, or clear the mark. */
import { errorDiag, hasErrors, warningDiag } from '../hcl/diagnostic.js';
import { AbsResource, AbsResourceInstance } from '../addrs/index.js';
import { flagsHelp, parseFlags } from './flags.js';
import type { CommandIO } from './io.js';
import { emitDiags, useColor } from './ui.js';
import { LOCK_FLAGS, openState, parseAddrs, withStatus } from './state-common.js';

const SPEC = {
  'allow-missing': { type: 'bool' as const, help: 'If specified, the command will succeed (exit code 0) even if the resource is missing.' },
  ...LOCK_FLAGS,
  'state-out': { type: 'string' as const, arg: 'path', help: 'Legacy option for the local backend only.' },
};

const TAINT_USAGE = `Usage: terrane [global options] taint [options] <address>

  terrane uses the term "tainted" to describe a resource instance
  which may not be fully functional, either because its creation
  partially failed or because you've manually marked it as such using
  this command.

  This will not modify your infrastructure directly, but subsequent
  terrane plans will include actions to destroy the remote object
  and create a new object to replace it.

  You can remove the "taint" state from a resource instance using
  the "terrane untaint" command.

  The address is in the usual resource address syntax, such as:
    aws_instance.foo
    aws_instance.bar[1]
    module.foo.module.bar.aws_instance.baz

Options:

`;

const UNTAINT_USAGE = `Usage: terrane [global options] untaint [options] name

  terrane uses the term "tainted" to describe a resource instance
  which may not be fully functional, either because its creation
  partially failed or because you've manually marked it as such using
  the "terrane taint" command.

  This command removes that state from a resource instance, causing
  terrane to see it as fully-functional and not in need of
  replacement.

  This will not modify your infrastructure directly. It only avoids
  terrane planning to replace a tainted instance in a future operation.

Options:

`;

/** Runs `terrane taint` (or untaint when `untaint` is set). */
export async function run(args: string[], io: CommandIO, untaint = false): Promise<number> {
  const usage = untaint ? UNTAINT_USAGE : TAINT_USAGE;
  const p = parseFlags(args, SPEC);
  if (p.error) { io.stderr.write(`${p.error}\n\n${usage}${flagsHelp(SPEC)}`); return 1; }
  if (p.flags.help) { io.stdout.write(usage + flagsHelp(SPEC)); return 0; }
  const color = useColor(p, io);
  if (p.positional.length !== 1) {
    io.stderr.write(`The ${untaint ? 'untaint' : 'taint'} command expects exactly one argument.\n\n${usage}${flagsHelp(SPEC)}`);
    return 1;
  }
  const { addrs, diags } = parseAddrs(p.positional);
  if (hasErrors(diags)) { emitDiags(io, diags, new Map(), color); return 1; }
  let addr = addrs[0]!;
  if (addr instanceof AbsResource) addr = addr.instance(null);
  if (!(addr instanceof AbsResourceInstance)) {
    emitDiags(io, [errorDiag('Invalid address', 'The given address refers to a module, but this command requires a resource instance address.')], new Map(), color);
    return 1;
  }
  if (addr.resource.resource.mode !== 'managed') {
    emitDiags(io, [errorDiag(`Cannot ${untaint ? 'untaint' : 'taint'} a data resource`, `${addr.toString()} is a data resource. Data resources are always read from their source and so cannot be ${untaint ? 'untainted' : 'tainted'}.`)], new Map(), color);
    return 1;
  }
  const s = await openState(io, p, color, 'OperationTypeInvalid');
  if (!s) return 1;
  try {
    const state = s.state.clone();
    const rs = state.resource(addr.containingResource());
    const obj = state.current(addr);
    if (!rs || !obj) {
      if (p.flags['allow-missing']) {
        emitDiags(io, [warningDiag('No such resource instance', `Resource instance ${addr.toString()} was not found, but this is not an error because -allow-missing was set.`)], new Map(), color);
        return 0;
      }
      const detail = untaint
        ? `There is no resource instance in the state with the address ${addr.toString()}. If the resource configuration has just been added, you must run "terrane apply" once to create the corresponding instance(s) before they can be tainted.`
        : `There is no resource instance in the state with the address ${addr.toString()}. If the resource configuration has just been added, you must run "terrane apply" once to create the corresponding instance(s) before they can be tainted.`;
      emitDiags(io, [errorDiag('No such resource instance', detail)], new Map(), color);
      return 1;
    }
    if (untaint && obj.status !== 'tainted') {
      emitDiags(io, [errorDiag('Resource instance is not tainted', `Resource instance ${addr.toString()} is not currently tainted, and so it cannot be untainted.`)], new Map(), color);
      return 1;
    }
    state.setCurrent(addr, withStatus(obj, untaint ? 'ready' : 'tainted'), rs.provider);
    if (!(await s.save(state))) return 1;
    io.stdout.write(untaint
      ? `Resource instance ${addr.toString()} has been successfully untainted.\n`
      : `Resource instance ${addr.toString()} has been marked as tainted.\n`);
    return 0;
  } finally { await s.done(); }
}
