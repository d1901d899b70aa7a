/**
 * What the state-editing commands (state mv/rm/push/replace-provider, taint, untaint)
 * share: open the working directory, take the lock, read the state, write it back (the
 * local backend keeps the previous file as `.backup`), and render instance attributes the
 * way `terraform show` / `terraform state show` do.
 */
import { errorDiag, hasErrors, type Diagnostic } from '../hcl/diagnostic.js';
import type { Workdir } from '../apply/workdir.js';
import { resolve } from 'node:path';
import { decodeAttributes, LocalStateMgr, type State, type ResourceInstanceObject } from '../state/index.js';
import { impliedType } from '../providers/schema.js';
import { renderResourceBody, type DecodedObject } from './state-render.js';
import type { AbsResourceInstance } from '../addrs/index.js';
import { parseTarget, type Targetable } from '../addrs/index.js';
import type { ParsedFlags } from './flags.js';
import type { CommandIO } from './io.js';
import { emitDiags, openWorkdir, parseDuration } from './ui.js';
import { colors } from '../plan/render/colors.js';

/** Flags every state-changing command accepts. */
export const LOCK_FLAGS = {
  lock: { type: 'bool' as const, default: true, arg: 'false', help: "Don't hold a state lock during the operation. This is dangerous if others might concurrently run commands against the same workspace." },
  'lock-timeout': { type: 'string' as const, default: '0s', arg: '0s', help: 'Duration to retry a state lock.' },
  state: { type: 'string' as const, arg: 'path', help: 'Path to the state file to update. Defaults to the configured backend, or "terraform.tfstate".' },
  backup: { type: 'string' as const, arg: 'path', help: 'Legacy option for the local backend only.' },
  'ignore-remote-version': { type: 'bool' as const, help: 'A rare option used for the remote backend only.' },
  help: { type: 'bool' as const },
};

/** An open working directory with its state, locked when `lock` is set. */
export interface StateSession {
  wd: Workdir;
  state: State;
  /** Saves the state and reports problems; returns false on errors. */
  save(state: State): Promise<boolean>;
  /** Unlocks and closes; call in a finally. */
  done(): Promise<void>;
}

/**
 * Terraform's state mv, rm and replace-provider always back up a local state before changing
 * it: to the -backup path, else (also with -backup=-) to `<state file>.<unix seconds>.backup`,
 * instead of the usual `<state file>.backup`.
 */
function useStateCommandBackup(wd: Workdir, p: ParsedFlags, cwd: string): void {
  const mgr = wd.stateMgr;
  if (!(mgr instanceof LocalStateMgr)) return;
  mgr.backupPath = stateCommandBackupPath(mgr.file, p.flags.backup, cwd);
}

/** Where a state command backs up `file`: the given flag's path, else `<file>.<unix seconds>.backup`. */
export function stateCommandBackupPath(file: string, flag: unknown, cwd: string): string {
  return typeof flag === 'string' && flag !== '' && flag !== '-'
    ? resolve(cwd, flag)
    : `${file}.${Math.floor(Date.now() / 1000)}.backup`;
}

/**
 * Opens the working directory, optionally locks, and reads the state; `stateCommandBackup`
 * for the state subcommands that back it up as Terraform's do (useStateCommandBackup).
 */
export async function openState(io: CommandIO, p: ParsedFlags, color: boolean, lockOp?: string, stateCommandBackup = false): Promise<StateSession | undefined> {
  // The state subcommands' -backup and -state-out are their own (see useStateCommandBackup).
  const wd = await openWorkdir(io, stateCommandBackup ? { ...p, flags: { ...p.flags, backup: undefined, 'state-out': undefined, 'backup-out': undefined } } : p, color);
  if (!wd) return undefined;
  if (stateCommandBackup) useStateCommandBackup(wd, p, io.cwd);
  const done = async (): Promise<void> => { await wd.unlock(); await wd.close(); };
  if (lockOp && p.flags.lock !== false) {
    const ld = await wd.lock(lockOp, parseDuration(String(p.flags['lock-timeout'] ?? '0s')) ?? 0);
    if (hasErrors(ld)) { emitDiags(io, ld, wd.config.sources, color); await done(); return undefined; }
  }
  const { state, diags } = await wd.readState();
  emitDiags(io, diags, wd.config.sources, color);
  if (hasErrors(diags)) { await done(); return undefined; }
  return {
    wd, state, done,
    async save(s: State): Promise<boolean> {
      const d = await wd.writeState(s);
      emitDiags(io, d, wd.config.sources, color);
      return !hasErrors(d);
    },
  };
}

/** Terraform's words, printed bare in red, when a state command finds no state file. */
const STATE_NOT_FOUND = 'No state file was found!\n\nState management commands require a state file. Run this command\nin a directory where terrane has been run or use the -state flag\nto point the command to a specific state location.';

/**
 * True, after saying so as Terraform does, when there is no state at all (a state with no
 * resources is one).
 */
export async function noStateFile(io: CommandIO, s: StateSession, color: boolean): Promise<boolean> {
  if (s.state.instanceCount > 0 || (await s.wd.stateMgr.read()).state) return false;
  io.stderr.write(`${colors(color).red(STATE_NOT_FOUND)}\n`);
  return true;
}

/** Parses address arguments; the diagnostics name the bad one. */
export function parseAddrs(args: readonly string[]): { addrs: Targetable[]; diags: Diagnostic[] } {
  const addrs: Targetable[] = [];
  const diags: Diagnostic[] = [];
  for (const a of args) {
    const r = parseTarget(a);
    if (r.value) addrs.push(r.value.subject);
    else diags.push(errorDiag('Error parsing instance address: ' + a, 'This command requires that the address references one specific instance.\n\n' + r.diags.map((d) => d.summary + (d.detail ? ': ' + d.detail : '')).join('\n')));
  }
  return { addrs, diags };
}

/** Returns a copy of `obj` with another status. */
export function withStatus(obj: ResourceInstanceObject, status: 'ready' | 'tainted'): ResourceInstanceObject {
  return { ...obj, status };
}

/** Terraform's `show` rendering of one instance object: `# addr:` then the resource block. */
export function renderInstance(addr: AbsResourceInstance, mode: string, obj: ResourceInstanceObject, deposedKey?: string, decoded?: DecodedObject): string {
  const r = addr.resource.resource;
  const head = `# ${addr.toString()}:${deposedKey ? ` (deposed object ${deposedKey})` : ''}${obj.status === 'tainted' ? ' (tainted)' : ''}\n`;
  const kw = mode === 'data' ? 'data' : 'resource';
  let attrs: Record<string, unknown> = {};
  if (obj.attrsJSON) { try { attrs = JSON.parse(obj.attrsJSON) as Record<string, unknown>; } catch { attrs = {}; } }
  else if (obj.attrsFlat) attrs = { ...obj.attrsFlat };
  const sensitive = new Set(obj.sensitivePaths.filter((p) => p.length === 1 && 'attr' in p[0]!).map((p) => (p[0] as { attr: string }).attr));
  return head + `${kw} ${JSON.stringify(r.type)} ${JSON.stringify(r.name)} {\n${renderResourceBody(decoded, attrs, sensitive)}}\n`;
}

/** An object decoded with its schema (sensitive marks applied), or undefined when the schema does not fit. */
export function decodedValues(wd: Workdir, providerSource: string, mode: string, type: string, obj: ResourceInstanceObject): DecodedObject | undefined {
  const schema = wd.providers.resourceSchema(providerSource, mode === 'data' ? 'data' : 'managed', type);
  if (!schema || obj.attrsJSON === undefined || schema.version !== obj.schemaVersion) return undefined;
  const d = decodeAttributes(obj, impliedType(schema.block));
  return d.value ? { value: d.value, block: schema.block } : undefined;
}
