/** `state mv`, `state rm` and `state replace-provider`: the state-changing subcommands. */
import { errorDiag, hasErrors } from '../hcl/diagnostic.js';
import {
  AbsProviderConfig, AbsResource, AbsResourceInstance, ModuleInstance, targetContains,
  parseProviderSource, instanceKeyString, type Targetable,
} from '../addrs/index.js';
import { resolve } from 'node:path';
import { LocalStateMgr, type State } from '../state/index.js';
import { flagsHelp, parseFlags, type ParsedFlags } from './flags.js';
import type { CommandIO } from './io.js';
import { emitDiags, isInteractive, parseDuration, readLine, useColor } from './ui.js';
import { LOCK_FLAGS, noStateFile, openState, parseAddrs, type StateSession } from './state-common.js';
import { openOutState, type OutState } from './state-out.js';

const MV_SPEC = {
  'dry-run': { type: 'bool' as const, help: 'If set, prints out what would\'ve been moved but doesn\'t actually move anything.' },
  ...LOCK_FLAGS,
  'state-out': { type: 'string' as const, arg: 'PATH', help: 'Path to the destination state file to write to. If this isn\'t specified, the source state file will be used. This can be a new or existing path.' },
  'backup-out': { type: 'string' as const, arg: 'PATH', help: 'Path where terrane should write the backup for the destination state. This can\'t be disabled.' },
};
const MV_USAGE = `Usage: terrane [global options] state mv [options] SOURCE DESTINATION

 This command will move an item matched by the address given to the
 destination address. This command can also move to a destination address
 in a completely different state file.

 This can be used for simple resource renaming, moving items to and from
 a module, moving entire modules, and more. And because this command can also
 move data to a completely new state, it can also be used for refactoring
 one configuration into multiple separately managed terrane configurations.

 This command will output a backup copy of the state prior to saving any
 changes. The backup cannot be disabled. Due to the destructive nature
 of this command, backups are required.

 If you're moving an item to a different state file, a backup will be created
 for each state file.

Options:

`;

/** One planned move of a resource (all its instances) or of one instance. */
interface Move { from: AbsResource | AbsResourceInstance; to: AbsResource | AbsResourceInstance }

function rebase(addr: AbsResource, from: ModuleInstance, to: ModuleInstance): AbsResource {
  return new AbsResource(new ModuleInstance([...to.steps, ...addr.module.steps.slice(from.steps.length)]), addr.resource);
}

function planMoves(state: State, src: Targetable, dst: Targetable): { moves: Move[]; error?: [string, string] } {
  if (src instanceof ModuleInstance) {
    if (!(dst instanceof ModuleInstance)) return { moves: [], error: ['Invalid target address', `Cannot move ${src.toString()} to ${dst.toString()}: the target must also be a module.`] };
    const moves: Move[] = [];
    for (const r of state.resources()) {
      if (src.contains(r.addr.module)) moves.push({ from: r.addr, to: rebase(r.addr, src, dst) });
    }
    return { moves };
  }
  if (dst instanceof ModuleInstance) {
    // Moving a resource into a module keeps its name, as Terraform does.
    const r = src instanceof AbsResource ? src : src.containingResource();
    dst = src instanceof AbsResource ? new AbsResource(dst, r.resource) : new AbsResourceInstance(dst, src.resource);
  }
  if (src instanceof AbsResource) {
    if (!state.resource(src)) return { moves: [] };
    if (dst instanceof AbsResourceInstance) {
      const rs = state.resource(src)!;
      if (rs.instances.size === 1 && rs.instances.has('')) return { moves: [{ from: src.instance(null), to: dst }] };
      return { moves: [], error: ['Invalid target address', `Cannot move ${src.toString()} to ${dst.toString()}: the source is a whole resource (not a resource instance) so the target must also be a whole resource.`] };
    }
    if (src.resource.type !== (dst as AbsResource).resource.type) {
      return { moves: [], error: ['Invalid state move request', `Cannot move ${src.toString()} to ${dst.toString()}: resource types don't match.`] };
    }
    return { moves: [{ from: src, to: dst as AbsResource }] };
  }
  if (!state.instance(src)) return { moves: [] };
  const to = dst instanceof AbsResource ? dst.instance(null) : dst as AbsResourceInstance;
  if (src.resource.resource.type !== to.resource.resource.type) {
    return { moves: [], error: ['Invalid state move request', `Cannot move ${src.toString()} to ${to.toString()}: resource types don't match.`] };
  }
  return { moves: [{ from: src, to }] };
}

function exists(state: State, a: AbsResource | AbsResourceInstance): boolean {
  return a instanceof AbsResource ? state.resource(a) !== undefined : state.instance(a) !== undefined;
}

/** Moves from `state` to `dest` (the same state, or the -state-out one). */
function applyMove(state: State, dest: State, m: Move): void {
  if (m.from instanceof AbsResource) {
    const rs = state.resource(m.from)!;
    state.removeResource(m.from);
    const to = m.to as AbsResource;
    for (const is of rs.instances.values()) moveInstance(dest, rs.provider, is, to.instance(is.key));
    return;
  }
  const rs = state.resource(m.from.containingResource())!;
  const is = rs.instances.get(instanceKeyString(m.from.key))!;
  rs.instances.delete(instanceKeyString(m.from.key));
  if (rs.instances.size === 0) state.removeResource(m.from.containingResource());
  moveInstance(dest, rs.provider, is, m.to as AbsResourceInstance);
}

/** The -state-out file when it is not the source state's own file. */
async function openDestination(io: CommandIO, p: ParsedFlags, s: StateSession, color: boolean): Promise<{ out?: OutState; failed: boolean }> {
  const flag = p.flags['state-out'];
  if (typeof flag !== 'string' || flag === '') return { failed: false };
  const mgr = s.wd.stateMgr;
  if (mgr instanceof LocalStateMgr && resolve(io.cwd, flag) === mgr.file) return { failed: false };
  const r = await openOutState({
    path: flag, cwd: io.cwd, backupOut: p.flags['backup-out'],
    lock: p.flags.lock !== false, lockTimeoutMs: parseDuration(String(p.flags['lock-timeout'] ?? '0s')) ?? 0,
  });
  emitDiags(io, r.diags, new Map(), color);
  return { out: r.out, failed: !r.out };
}

function moveInstance(state: State, provider: AbsProviderConfig, is: { current?: import('../state/index.js').ResourceInstanceObject; deposed: ReadonlyMap<string, import('../state/index.js').ResourceInstanceObject> }, to: AbsResourceInstance): void {
  if (is.current) state.setCurrent(to, is.current, provider);
  for (const [k, o] of is.deposed) state.setDeposed(to, k, o, provider);
}

/** `terrane state mv [-dry-run] [-state-out=PATH] SOURCE DESTINATION`. */
export async function runMv(args: string[], io: CommandIO): Promise<number> {
  const p = parseFlags(args, MV_SPEC);
  if (p.error) { io.stderr.write(`${p.error}\n\n${MV_USAGE}${flagsHelp(MV_SPEC)}`); return 1; }
  if (p.flags.help) { io.stdout.write(MV_USAGE + flagsHelp(MV_SPEC)); return 0; }
  const color = useColor(p, io);
  if (p.positional.length !== 2) {
    io.stderr.write('Exactly two arguments expected.\n\n' + MV_USAGE + flagsHelp(MV_SPEC));
    return 1;
  }
  const { addrs, diags } = parseAddrs(p.positional);
  if (hasErrors(diags)) { emitDiags(io, diags, new Map(), color); return 1; }
  const [src, dst] = addrs as [Targetable, Targetable];
  const s = await openState(io, p, color, 'OperationTypeInvalid', true);
  if (!s) return 1;
  let out: OutState | undefined;
  try {
    if (await noStateFile(io, s, color)) return 1;
    const state = s.state.clone();
    const opened = await openDestination(io, p, s, color);
    if (opened.failed) return 1;
    out = opened.out;
    const dest = out ? out.state : state;
    const { moves, error } = planMoves(state, src, dst);
    if (error) { emitDiags(io, [errorDiag(error[0], error[1])], new Map(), color); return 1; }
    if (moves.length === 0) {
      emitDiags(io, [errorDiag('Invalid source address', `Cannot move ${src.toString()}: does not match anything in the current state.`)], new Map(), color);
      return 1;
    }
    const dry = Boolean(p.flags['dry-run']);
    for (const m of moves) {
      if (exists(dest, m.to)) {
        emitDiags(io, [errorDiag('Invalid target address', `Cannot move to ${m.to.toString()}: there is already a resource instance at that address in the current state.`)], new Map(), color);
        return 1;
      }
      io.stdout.write(`${dry ? 'Would move' : 'Move'} ${JSON.stringify(m.from.toString())} to ${JSON.stringify(m.to.toString())}\n`);
      if (!dry) applyMove(state, dest, m);
    }
    if (dry) return 0;
    // The destination first: a failure to write it leaves the objects in the source, never in neither.
    if (out) {
      const d = await out.save();
      emitDiags(io, d, new Map(), color);
      if (hasErrors(d)) return 1;
    }
    if (!(await s.save(state))) return 1;
    io.stdout.write(`Successfully moved ${moves.length} object(s).\n`);
    return 0;
  } finally {
    await out?.done();
    await s.done();
  }
}

const RM_SPEC = {
  'dry-run': { type: 'bool' as const, help: 'If set, prints out what would\'ve been removed but doesn\'t actually remove anything.' },
  ...LOCK_FLAGS,
};
const RM_USAGE = `Usage: terrane [global options] state rm [options] ADDRESS...

  Remove one or more items from the terrane state, causing terrane to
  "forget" those items without first destroying them in the remote system.

  This command removes one or more resource instances from the terrane state
  based on the addresses given. You can view and list the available instances
  with "terrane state list".

  If you give the address of an entire module then all of the instances in
  that module and any of its child modules will be removed from the state.

  If you give the address of a resource that has "count" or "for_each" set,
  all of the instances of that resource will be removed from the state.

Options:

`;

/** `terrane state rm [-dry-run] ADDRESS...`. */
export async function runRm(args: string[], io: CommandIO): Promise<number> {
  const p = parseFlags(args, RM_SPEC);
  if (p.error) { io.stderr.write(`${p.error}\n\n${RM_USAGE}${flagsHelp(RM_SPEC)}`); return 1; }
  if (p.flags.help) { io.stdout.write(RM_USAGE + flagsHelp(RM_SPEC)); return 0; }
  const color = useColor(p, io);
  if (p.positional.length === 0) {
    io.stderr.write('At least one address is required.\n\n' + RM_USAGE + flagsHelp(RM_SPEC));
    return 1;
  }
  const { addrs, diags } = parseAddrs(p.positional);
  if (hasErrors(diags)) { emitDiags(io, diags, new Map(), color); return 1; }
  const s = await openState(io, p, color, 'OperationTypeInvalid', true);
  if (!s) return 1;
  try {
    if (await noStateFile(io, s, color)) return 1;
    const state = s.state.clone();
    const found = Array.from(state.instances()).filter((i) => addrs.some((a) => targetContains(a, i.addr)));
    if (found.length === 0) {
      emitDiags(io, [errorDiag('Invalid target address', 'No matching objects found. To view the available instances, use "terrane state list". Please modify the address to reference a specific instance.')], new Map(), color);
      return 1;
    }
    const dry = Boolean(p.flags['dry-run']);
    for (const f of found) {
      io.stdout.write(`${dry ? 'Would remove' : 'Removed'} ${f.addr.toString()}\n`);
      if (!dry) {
        f.resource.instances.delete(instanceKeyString(f.addr.key));
        if (f.resource.instances.size === 0) state.removeResource(f.resource.addr);
      }
    }
    if (dry) return 0;
    if (!(await s.save(state))) return 1;
    io.stdout.write(`Successfully removed ${found.length} resource instance(s).\n`);
    return 0;
  } finally { await s.done(); }
}

const RP_SPEC = {
  'auto-approve': { type: 'bool' as const, help: 'Skip interactive approval.' },
  ...LOCK_FLAGS,
};
const RP_USAGE = `Usage: terrane [global options] state replace-provider [options] FROM_PROVIDER_FQN TO_PROVIDER_FQN

  Replace provider for resources in the terrane state.

Options:

`;

/** `terrane state replace-provider [-auto-approve] FROM TO`. */
export async function runReplaceProvider(args: string[], io: CommandIO): Promise<number> {
  const p = parseFlags(args, RP_SPEC);
  if (p.error) { io.stderr.write(`${p.error}\n\n${RP_USAGE}${flagsHelp(RP_SPEC)}`); return 1; }
  if (p.flags.help) { io.stdout.write(RP_USAGE + flagsHelp(RP_SPEC)); return 0; }
  const color = useColor(p, io);
  if (p.positional.length !== 2) {
    io.stderr.write('Exactly two arguments expected.\n\n' + RP_USAGE + flagsHelp(RP_SPEC));
    return 1;
  }
  const [fromS, toS] = p.positional as [string, string];
  const from = parseProviderSource(fromS), to = parseProviderSource(toS);
  const bad = [...(from.value ? [] : [errorDiag('Invalid "from" provider address', `"${fromS}" is not a valid provider source address.`)]),
    ...(to.value ? [] : [errorDiag('Invalid "to" provider address', `"${toS}" is not a valid provider source address.`)])];
  if (bad.length) { emitDiags(io, bad, new Map(), color); return 1; }
  const s = await openState(io, p, color, 'OperationTypeInvalid', true);
  if (!s) return 1;
  try {
    if (await noStateFile(io, s, color)) return 1;
    const state = s.state.clone();
    const hits = Array.from(state.resources()).filter((r) => r.provider.provider.equals(from.value!));
    if (hits.length === 0) { io.stdout.write('No matching resources found.\n'); return 0; }
    io.stdout.write(`terrane will perform the following actions:\n\n  ~ Updating provider:\n    - ${from.value!.toString()}\n    + ${to.value!.toString()}\n\n`);
    io.stdout.write(`Changing ${hits.length} resources:\n\n${hits.map((r) => `  ${r.addr.toString()}\n`).join('')}`);
    if (!p.flags['auto-approve']) {
      const answer = isInteractive(io) || !(io.stdin as NodeJS.ReadStream).readableEnded
        ? await readLine(io, '\nDo you want to make these changes?\nOnly \'yes\' will be accepted to continue.\n\nEnter a value: ')
        : undefined;
      if (answer !== 'yes') { io.stdout.write('Cancelled replacing providers.\n'); return 0; }
    }
    for (const r of hits) r.provider = new AbsProviderConfig(r.provider.module, to.value!, r.provider.alias);
    if (!(await s.save(state))) return 1;
    io.stdout.write(`\nSuccessfully replaced provider for ${hits.length} resources.\n`);
    return 0;
  } finally { await s.done(); }
}
