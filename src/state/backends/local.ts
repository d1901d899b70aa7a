/**
 * The local backend: `terraform.tfstate` in the working directory (other workspaces under
 * `terraform.tfstate.d/NAME/terraform.tfstate`), written atomically (temp file in the same
 * directory, fsync, rename, fsync of the directory), mode 0600, with
 * `terraform.tfstate.backup` holding the state as it was before this run's first write,
 * and a lock file `.terraform.tfstate.lock.info` created exclusively (O_EXCL). A lock left
 * behind by a process that died on this host is cleared by the next taker. Terraform's own
 * lock (an fcntl lock on the state file, then the same lock info file) is honoured: seen in
 * /proc/locks where Linux has it; Terraform does not see terrane's, as Node has no fcntl.
 */
import { promises as fs, constants as fsc } from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { errorDiag, type Diagnostic } from '../../hcl/diagnostic.js';
import {
  SerialTracker, lockErrorDiag, newLockInfo, unlockErrorDiag, validWorkspaceName,
  type LockInfo, type LockRequest, type ReadResult, type StateBackend, type StateMgr,
} from '../backend.js';
import { decodeState, encodeStateParts } from '../state-file.js';
import { posixLockHeld } from './posix-locks.js';
import type { State } from '../state.js';

/** Options of the local backend (the `backend "local"` block's arguments). */
export interface LocalBackendOptions {
  /** The working directory that relative paths are resolved against. */
  dir: string;
  /** State file of the default workspace (`path`, default `terraform.tfstate`). */
  path?: string;
  /** Directory holding other workspaces (`workspace_dir`, default `terraform.tfstate.d`). */
  workspaceDir?: string;
  /** `-state=path`: this file for every workspace, whatever the backend says. */
  stateOverride?: string;
}

/** The default workspace's name. */
export const DEFAULT_WORKSPACE = 'default';

/** The local backend. */
export class LocalBackend implements StateBackend {
  readonly dir: string;
  readonly statePath: string;
  readonly workspaceDir: string;
  private readonly stateOverride: string | undefined;

  constructor(opts: LocalBackendOptions) {
    this.dir = opts.dir;
    this.statePath = path.resolve(opts.dir, opts.path ?? 'terraform.tfstate');
    this.workspaceDir = path.resolve(opts.dir, opts.workspaceDir ?? 'terraform.tfstate.d');
    this.stateOverride = opts.stateOverride === undefined ? undefined : path.resolve(opts.dir, opts.stateOverride);
  }

  /**
   * Where a workspace's state file lives. As in Terraform, `path` names the default
   * workspace's file only: another workspace's is always `terraform.tfstate` in its folder.
   */
  pathFor(workspace: string): string {
    if (this.stateOverride) return this.stateOverride;
    if (workspace === DEFAULT_WORKSPACE) return this.statePath;
    return path.join(this.workspaceDir, workspace, 'terraform.tfstate');
  }

  /**
   * Whether a workspace of this backend and one of `other` share a state file (Terraform's
   * PathsConflictWith): then moving state between them must not erase the source.
   */
  async sharesFilesWith(other: LocalBackend): Promise<boolean> {
    const theirs = new Set((await other.workspaces()).map((w) => other.pathFor(w)));
    return (await this.workspaces()).some((w) => theirs.has(this.pathFor(w)));
  }

  async workspaces(): Promise<string[]> {
    let names: string[] = [];
    try {
      const ents = await fs.readdir(this.workspaceDir, { withFileTypes: true });
      names = ents.filter((e) => e.isDirectory() && e.name !== DEFAULT_WORKSPACE).map((e) => e.name).sort();
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    return [DEFAULT_WORKSPACE, ...names];
  }

  stateMgr(workspace: string): LocalStateMgr {
    return new LocalStateMgr(this.pathFor(workspace), path.relative(this.dir, this.pathFor(workspace)) || this.pathFor(workspace));
  }

  async createWorkspace(name: string): Promise<Diagnostic[]> {
    if (!validWorkspaceName(name)) return [invalidName(name)];
    if ((await this.workspaces()).includes(name)) {
      return [errorDiag(`Workspace "${name}" already exists`)];
    }
    await fs.mkdir(path.join(this.workspaceDir, name), { recursive: true, mode: 0o755 });
    return [];
  }

  async deleteWorkspace(name: string): Promise<Diagnostic[]> {
    if (name === DEFAULT_WORKSPACE) return [errorDiag('Cannot delete the default workspace', 'The "default" workspace always exists and cannot be deleted.')];
    if (!validWorkspaceName(name)) return [invalidName(name)];
    await fs.rm(path.join(this.workspaceDir, name), { recursive: true, force: true });
    return [];
  }
}

function invalidName(name: string): Diagnostic {
  return errorDiag('Invalid workspace name', `The workspace name "${name}" is not allowed. The name must contain only URL safe characters, contain no path separators, and not be an empty string.`);
}

/** One workspace's state file. */
export class LocalStateMgr implements StateMgr {
  private readonly tracker = new SerialTracker();
  private backedUp = false;
  private heldLock: string | undefined;
  readonly lockPath: string;
  /**
   * Where the state as it was before the first write goes (none when undefined); the state
   * commands (mv, rm, replace-provider) point it at a timestamped file or their -backup path,
   * as Terraform does.
   */
  backupPath: string | undefined;
  /** `-state-out`: where writes go instead of `file` (reads still come from `file`). */
  private outFile: string | undefined;
  private wroteOut = false;
  /** Where the kernel lists file locks (tests point it at a file of their own). */
  procLocksPath = '/proc/locks';

  constructor(readonly file: string, private readonly displayPath: string) {
    this.lockPath = path.join(path.dirname(file), `.${path.basename(file)}.lock.info`);
    this.backupPath = file + '.backup';
  }

  /**
   * Terraform's legacy -state-out and -backup options: writes go to `outFile`, and the
   * backup (what that file held before this run's first write) to `backup`, by default
   * `<outFile>.backup`; `-` for no backup.
   */
  redirect(outFile: string | undefined, backup: string | undefined): void {
    this.outFile = outFile;
    const target = outFile ?? this.file;
    this.backupPath = backup === '-' ? undefined : backup ?? target + '.backup';
  }

  async read(): Promise<ReadResult> {
    let text: string;
    try {
      // Decoded from a Buffer in one piece: readFile's own decoding joins chunks, and the
      // joined string is copied again on first scan (twice the file's size for nothing).
      text = (await fs.readFile(this.file)).toString('utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
        this.tracker.remember(undefined, undefined, undefined);
        return { state: undefined, diags: [] };
      }
      return { state: undefined, diags: [errorDiag('Failed to load state', `Error reading ${this.displayPath}: ${(e as Error).message}`)] };
    }
    if (text.trim() === '') {
      this.tracker.remember(undefined, undefined, undefined);
      return { state: undefined, diags: [] };
    }
    const r = decodeState(text);
    if (r.state) this.tracker.remember(text, r.state.serial, r.state.lineage);
    return r;
  }

  async write(state: State): Promise<Diagnostic[]> {
    // Serialize now, before any await, so the snapshot is consistent.
    let enc = this.tracker.next(state, encodeStateParts);
    if (enc === undefined) {
      // Terraform fills a -state-out file even when the state did not change (same serial).
      if (this.outFile === undefined || this.wroteOut) return [];
      enc = encodeStateParts(state);
    }
    const lineage = state.lineage;
    const d = await this.replace(enc.buffers());
    if (d.length) return d;
    this.tracker.written(enc, lineage);
    this.wroteOut = true;
    return [];
  }

  /**
   * Empties the file, keeping what it held in the backup: what Terraform leaves behind
   * after moving this state to a newly configured backend.
   */
  async clear(): Promise<Diagnostic[]> {
    const d = await this.replace('');
    if (!d.length) this.tracker.remember(undefined, undefined, undefined);
    return d;
  }

  /** Writes `data` atomically, saving the previous content as the backup on this run's first write. */
  private async replace(data: string | readonly Buffer[]): Promise<Diagnostic[]> {
    try {
      const target = this.outFile ?? this.file;
      await fs.mkdir(path.dirname(target), { recursive: true });
      if (!this.backedUp) {
        this.backedUp = true;
        let size = 0;
        try { size = (await fs.stat(target)).size; } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
        }
        // Copied by the kernel, not read into memory: a 100k-instance state is some 70 MB.
        if (size > 0 && this.backupPath !== undefined) await atomicCopy(target, this.backupPath);
      }
      await atomicWrite(target, data);
    } catch (e) {
      return [errorDiag('Failed to save state', `Error saving state to ${this.displayPath}: ${(e as Error).message}`)];
    }
    return [];
  }

  async lockInfo(): Promise<LockInfo | undefined> {
    try {
      return JSON.parse(await fs.readFile(this.lockPath, 'utf8')) as LockInfo;
    } catch {
      return undefined;
    }
  }

  async lock(req: LockRequest, timeoutMs = 0): Promise<{ id: string | undefined; diags: Diagnostic[] }> {
    const info = newLockInfo(req, this.displayPath);
    const body = JSON.stringify(info);
    const deadline = Date.now() + timeoutMs;
    let delay = 50;
    await fs.mkdir(path.dirname(this.lockPath), { recursive: true });
    for (;;) {
      let created = false;
      try {
        const fh = await fs.open(this.lockPath, fsc.O_WRONLY | fsc.O_CREAT | fsc.O_EXCL, 0o600);
        try {
          await fh.writeFile(body);
          await fh.sync();
        } finally {
          await fh.close();
        }
        created = true;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') {
          return { id: undefined, diags: [lockErrorDiag((e as Error).message, undefined)] };
        }
      }
      if (created) {
        // Terraform takes its OS lock on the state file before it writes its lock info: a
        // terraform holding that lock now has not written its file yet (or has removed it).
        if (await posixLockHeld(this.file, this.procLocksPath) !== true) {
          // Terraform's local lock is an OS lock that dies with its process; ours is a file, so
          // record who holds it to let the next run clear a lock left by a crashed process.
          await fs.writeFile(this.lockPath + '.pid', `${process.pid} ${hostname()} ${info.ID}`, { mode: 0o600 });
          this.heldLock = info.ID;
          return { id: info.ID, diags: [] };
        }
        await fs.rm(this.lockPath, { force: true });
      } else if (await this.clearStaleLock()) continue;
      if (Date.now() >= deadline) {
        return { id: undefined, diags: [lockErrorDiag('resource temporarily unavailable', await this.lockInfo())] };
      }
      await new Promise((r) => setTimeout(r, Math.min(delay, Math.max(1, deadline - Date.now()))));
      delay = Math.min(delay * 2, 1000);
    }
  }

  /**
   * Whether whoever wrote the current lock info is still running: true, false, or
   * undefined when that cannot be told (another host, or no /proc/locks).
   */
  private async holderAlive(held: LockInfo): Promise<boolean | undefined> {
    let marker: string | undefined;
    try { marker = await fs.readFile(this.lockPath + '.pid', 'utf8'); } catch { /* none */ }
    const [pidStr, host, id] = (marker ?? '').split(' ');
    if (marker !== undefined && id === held.ID) {
      const pid = Number(pidStr);
      if (host !== hostname() || !Number.isInteger(pid) || pid <= 0) return undefined;
      try {
        process.kill(pid, 0);
        return true;
      } catch (e) {
        return (e as NodeJS.ErrnoException).code === 'ESRCH' ? false : true;
      }
    }
    // No marker of ours: the lock info is Terraform's (or a terrane's that has just created
    // it and not yet written its marker, hence the grace period). Terraform's lock is the
    // OS lock on the state file, gone when its process died.
    try {
      const st = await fs.stat(this.lockPath);
      if (Date.now() - st.mtimeMs < FOREIGN_LOCK_GRACE_MS) return true;
    } catch { return false; }
    return posixLockHeld(this.file, this.procLocksPath);
  }

  /** Removes the lock if its holder is known to be gone. Returns true when a stale lock was cleared. */
  private async clearStaleLock(): Promise<boolean> {
    const held = await this.lockInfo();
    if (!held || (await this.holderAlive(held)) !== false) return false;
    await fs.rm(this.lockPath, { force: true });
    await fs.rm(this.lockPath + '.pid', { force: true });
    return true;
  }

  async unlock(id: string): Promise<Diagnostic[]> {
    const held = await this.lockInfo();
    if (!held) return [unlockErrorDiag('the state is not locked')];
    if (held.ID !== id) return [unlockErrorDiag(`lock id "${id}" does not match existing lock`)];
    try {
      await fs.rm(this.lockPath + '.pid', { force: true });
      await fs.unlink(this.lockPath);
    } catch (e) {
      return [unlockErrorDiag((e as Error).message)];
    }
    if (this.heldLock === id) this.heldLock = undefined;
    return [];
  }

  /**
   * Terraform cannot force-unlock a local state at all (`Failed to unlock state: LocalState
   * not locked`): its lock is an OS lock held by a live process. Ours is a file that can
   * outlive its process, so a lock with this ID whose holder is not known to be running is
   * removed; every other case gets Terraform's refusal.
   */
  async forceUnlock(id: string): Promise<Diagnostic[]> {
    const held = await this.lockInfo();
    if (!held || held.ID !== id || (await this.holderAlive(held)) === true) {
      return [{ ...errorDiag('Failed to unlock state', 'LocalState not locked'), extra: { text: 'Failed to unlock state: LocalState not locked' } }];
    }
    await fs.rm(this.lockPath + '.pid', { force: true });
    await fs.rm(this.lockPath, { force: true });
    return [];
  }
}

/** How long a lock info file without terrane's marker counts as live whatever /proc/locks says. */
const FOREIGN_LOCK_GRACE_MS = 2000;

/**
 * Replaces `file` with `data` so that a reader (or a crash) sees either the old or the new
 * content in full: write a temporary file in the same directory, fsync it, rename it over
 * the target, then fsync the directory so the rename itself is durable.
 */
export async function atomicWrite(file: string, data: string | Buffer | readonly Buffer[], mode = 0o600): Promise<void> {
  const tmp = tempPath(file);
  const fh = await fs.open(tmp, fsc.O_WRONLY | fsc.O_CREAT | fsc.O_EXCL, mode);
  try {
    if (Array.isArray(data)) await writeAll(fh, data as readonly Buffer[]);
    else await fh.writeFile(data as string | Buffer);
    await fh.sync();
  } catch (e) {
    await fh.close();
    await fs.rm(tmp, { force: true });
    throw e;
  }
  await fh.close();
  await renameDurably(tmp, file);
}

/** Like atomicWrite with the content of the file `src`, copied without reading it into memory. */
async function atomicCopy(src: string, file: string, mode = 0o600): Promise<void> {
  const tmp = tempPath(file);
  try {
    await fs.copyFile(src, tmp, fsc.COPYFILE_EXCL);
    await fs.chmod(tmp, mode);
    const fh = await fs.open(tmp, fsc.O_RDONLY);
    try { await fh.sync(); } finally { await fh.close(); }
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw e;
  }
  await renameDurably(tmp, file);
}

function tempPath(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/** Renames the finished temporary file over `file`, then makes the rename itself durable. */
async function renameDurably(tmp: string, file: string): Promise<void> {
  const dir = path.dirname(file);
  try {
    await fs.rename(tmp, file);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw e;
  }
  try {
    const d = await fs.open(dir, fsc.O_RDONLY);
    try { await d.sync(); } finally { await d.close(); }
  } catch {
    // Some filesystems refuse fsync on directories; the rename is still atomic.
  }
}

/** Writes `bufs` in order with vectored writes (a large state is many pieces, not one string). */
async function writeAll(fh: fs.FileHandle, bufs: readonly Buffer[]): Promise<void> {
  // Bounded batches: the system takes at most IOV_MAX (1024) pieces per call anyway.
  const BATCH = 1024;
  for (let i = 0; i < bufs.length; i += BATCH) {
    let batch = bufs.slice(i, i + BATCH);
    for (;;) {
      const want = batch.reduce((n, b) => n + b.length, 0);
      const { bytesWritten } = await fh.writev(batch);
      if (bytesWritten >= want) break;
      // A short write: go on from the first byte not written.
      let skip = bytesWritten, k = 0;
      while (skip >= batch[k]!.length) skip -= batch[k++]!.length;
      batch = [batch[k]!.subarray(skip), ...batch.slice(k + 1)];
    }
  }
}
