/**
 * The destination of `state mv -state-out=PATH`: another local state file, which Terraform
 * locks, reads (a new state with a fresh lineage when there is none) and writes beside the
 * source, backing it up first (to -backup-out, else `<PATH>.<unix seconds>.backup`) when
 * it held a state already.
 */
import { resolve } from 'node:path';
import { hasErrors, type Diagnostic } from '../hcl/diagnostic.js';
import { LocalStateMgr, State } from '../state/index.js';
import { VERSION } from '../version.js';
import { stateCommandBackupPath } from './state-common.js';

/** The opened destination state: edit `state`, then `save` it; `done` unlocks. */
export interface OutState {
  state: State;
  save(): Promise<Diagnostic[]>;
  done(): Promise<void>;
}

/** Flags that say where and how: the path as given, -backup-out, -lock and its timeout. */
export interface OutStateOptions {
  path: string;
  cwd: string;
  backupOut: unknown;
  lock: boolean;
  lockTimeoutMs: number;
}

/** Opens (and locks, unless told not to) the -state-out file. */
export async function openOutState(o: OutStateOptions): Promise<{ out?: OutState; diags: Diagnostic[] }> {
  const file = resolve(o.cwd, o.path);
  const mgr = new LocalStateMgr(file, o.path);
  mgr.backupPath = stateCommandBackupPath(file, o.backupOut, o.cwd);
  let lockId: string | undefined;
  if (o.lock) {
    const l = await mgr.lock({ operation: 'OperationTypeInvalid', version: VERSION }, o.lockTimeoutMs);
    if (hasErrors(l.diags)) return { diags: l.diags };
    lockId = l.id;
  }
  const done = async (): Promise<void> => { if (lockId) await mgr.unlock(lockId); };
  const r = await mgr.read();
  if (hasErrors(r.diags)) { await done(); return { diags: r.diags }; }
  const state = r.state ?? new State();
  return { out: { state, save: () => mgr.write(state), done }, diags: r.diags };
}
