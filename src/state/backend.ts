/**
 * The interface every state backend implements (local file today; s3 and pg later), and
 * what they share: lock info in Terraform's format, the lock error text, and the rule that
 * the serial only moves when the content changes.
 */
import { hostname, userInfo } from 'node:os';
import { createHash, randomUUID } from 'node:crypto';
import { errorDiag, type Diagnostic } from '../hcl/diagnostic.js';
import type { State } from './state.js';
import type { EncodedState } from './state-file.js';

/** Terraform's lock information (the JSON fields keep Terraform's capitalised names). */
export interface LockInfo {
  ID: string;
  /** e.g. `OperationTypeApply`, `OperationTypePlan`, `OperationTypeRefresh`. */
  Operation: string;
  Info: string;
  /** `user@host`. */
  Who: string;
  Version: string;
  /** RFC 3339 timestamp with nanoseconds, UTC. */
  Created: string;
  Path: string;
}

/** What a caller says about the lock it wants; the rest is filled in. */
export interface LockRequest {
  operation: string;
  info?: string;
  /** Version to record (terrane's). */
  version?: string;
}

/** The result of reading a workspace's state. */
export interface ReadResult {
  /** The state, or undefined when the workspace has none yet. */
  state: State | undefined;
  diags: Diagnostic[];
}

/** The state of one workspace in one backend. */
export interface StateMgr {
  /** Reads the latest persisted state. */
  read(): Promise<ReadResult>;
  /**
   * Persists `state`. It is serialized synchronously, before the first await, so the
   * caller may keep changing it. Its serial is raised by one when the content differs from
   * what was last persisted (and left alone when it does not, in which case nothing is
   * written); `state.serial` is updated to the persisted serial.
   */
  write(state: State): Promise<Diagnostic[]>;
  /** Takes the lock, retrying up to `timeoutMs`; returns the lock ID. */
  lock(req: LockRequest, timeoutMs?: number): Promise<{ id: string | undefined; diags: Diagnostic[] }>;
  /** Releases the lock with this ID (refused when another ID holds it). */
  unlock(id: string): Promise<Diagnostic[]>;
  /** Releases a lock held by someone else (e.g. a crashed process) given its ID. */
  forceUnlock(id: string): Promise<Diagnostic[]>;
  /** The current lock holder, if any. */
  lockInfo(): Promise<LockInfo | undefined>;
}

/** A state backend: workspaces, each with a StateMgr. */
export interface StateBackend {
  /** Workspace names, `default` first, then sorted. */
  workspaces(): Promise<string[]>;
  /** The state manager of a workspace (which need not exist yet). */
  stateMgr(workspace: string): StateMgr;
  /** Creates an empty workspace (error if it exists). */
  createWorkspace(name: string): Promise<Diagnostic[]>;
  /** Deletes a workspace and its state. `default` cannot be deleted. */
  deleteWorkspace(name: string): Promise<Diagnostic[]>;
}

/** Who is running: `user@host`, as Terraform records it. */
export function lockWho(): string {
  // The login name from the environment when it is there: asking the system (getpwuid) can
  // cost tens of milliseconds on every command where user lookups go through NSS.
  let user = process.env['USER'] || process.env['LOGNAME'] || 'unknown';
  if (user === 'unknown') try { user = userInfo().username; } catch { /* no passwd entry */ }
  return `${user}@${hostname()}`;
}

/** A fresh LockInfo for a request. */
export function newLockInfo(req: LockRequest, path: string): LockInfo {
  return {
    ID: randomUUID(),
    Operation: req.operation,
    Info: req.info ?? '',
    Who: lockWho(),
    Version: req.version ?? '',
    Created: rfc3339Nano(new Date()),
    Path: path,
  };
}

/** Go's time.RFC3339Nano for a UTC time (trailing zeros of the fraction dropped). */
export function rfc3339Nano(d: Date, extraNanos = Math.floor(Math.random() * 1e6)): string {
  const iso = d.toISOString(); // 2024-01-02T03:04:05.678Z
  const base = iso.slice(0, 19);
  const nanos = d.getUTCMilliseconds() * 1e6 + extraNanos;
  if (nanos === 0) return base + 'Z';
  return base + '.' + String(nanos).padStart(9, '0').replace(/0+$/, '') + 'Z';
}

/** Go's `time.Time.String()` for a UTC RFC 3339 timestamp: `2006-01-02 15:04:05.999999999 +0000 UTC`. */
export function goTimeString(rfc3339: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(\.\d+)?Z$/.exec(rfc3339);
  if (!m) return rfc3339;
  return `${m[1]} ${m[2]}${m[3] ?? ''} +0000 UTC`;
}

/** The `Lock Info:` block Terraform prints. */
export function lockInfoString(l: LockInfo): string {
  return [
    'Lock Info:',
    `  ID:        ${l.ID}`,
    `  Path:      ${l.Path}`,
    `  Operation: ${l.Operation}`,
    `  Who:       ${l.Who}`,
    `  Version:   ${l.Version}`,
    `  Created:   ${goTimeString(l.Created)}`,
    `  Info:      ${l.Info}`,
    '',
  ].join('\n');
}

/** The error shown when the lock cannot be taken, worded as Terraform's. */
export function lockErrorDiag(message: string, holder: LockInfo | undefined): Diagnostic {
  const err = holder ? `${message}\n${lockInfoString(holder)}` : message;
  return errorDiag(
    'Error acquiring the state lock',
    `Error message: ${err}\n\n` +
      'terrane acquires a state lock to protect the state from being written\n' +
      'by multiple users at the same time. Please resolve the issue above and try\n' +
      'again. For most commands, you can disable locking with the "-lock=false"\n' +
      'flag, but this is not recommended.',
  );
}

/** The error shown when releasing a lock fails, worded as Terraform's. */
export function unlockErrorDiag(message: string): Diagnostic {
  return errorDiag(
    'Error releasing the state lock',
    `Error message: ${message}\n\n` +
      'terrane acquires a lock when accessing your state to prevent others\n' +
      'running terrane to potentially modify the state at the same time. An\n' +
      'error occurred while releasing this lock. This could mean that the lock\n' +
      'did or did not release properly. If the lock didn\'t release properly,\n' +
      'terrane may not be able to run future commands since it\'ll appear as if\n' +
      'the lock is held.\n\n' +
      'In this scenario, please call the "force-unlock" command to unlock the\n' +
      'state manually. This is a very dangerous operation since if it is done\n' +
      'erroneously it could result in two people modifying state at the same time.\n' +
      'Only call this command if you\'re certain that the unlock above failed and\n' +
      'that no one else is holding a lock.',
  );
}

/** Workspace names Terraform accepts: non-empty, URL-safe, no path separators. */
export function validWorkspaceName(name: string): boolean {
  return name !== '' && encodeURIComponent(name) === name && !name.includes('/') && name !== '.' && name !== '..';
}

/**
 * Serial bookkeeping shared by backends: given `state` encoded with the last persisted
 * serial, decides whether anything changed and gives the encoding to persist. It keeps the
 * last written encoding (whose pieces are shared with later ones, so comparing is cheap)
 * or, after a read, only a digest of what was read: never a second copy of a large state.
 */
export class SerialTracker {
  private last: EncodedState | undefined;
  private readDigest: string | undefined;
  private lastSerial: number | undefined;
  private lastLineage: string | undefined;

  /** Records what is on storage after a read (undefined text: nothing is). */
  remember(text: string | undefined, serial: number | undefined, lineage: string | undefined): void {
    this.last = undefined;
    this.readDigest = text === undefined ? undefined : createHash('sha256').update(text, 'utf8').digest('hex');
    this.lastSerial = serial;
    this.lastLineage = lineage;
  }

  /** Records a successful write of `enc` (as returned by next) for a state of `lineage`. */
  written(enc: EncodedState, lineage: string): void {
    this.last = enc;
    this.readDigest = undefined;
    this.lastSerial = enc.serial;
    this.lastLineage = lineage;
  }

  /**
   * Returns the encoding to write (or undefined when nothing changed) and updates
   * `state.serial`. `encode` must encode the state as it is now.
   */
  next(state: State, encode: (s: State) => EncodedState): EncodedState | undefined {
    if (this.lastSerial !== undefined && this.lastLineage === state.lineage && state.serial < this.lastSerial) {
      state.serial = this.lastSerial;
    }
    const enc = encode(state);
    if (this.last ? enc.sameAs(this.last) : this.readDigest !== undefined && digestOf(enc) === this.readDigest) return undefined;
    if (!this.last && this.readDigest === undefined && this.lastSerial === undefined) {
      // Nothing persisted yet: the first snapshot keeps the serial it has (Terraform starts new states at 1).
      if (state.serial === 0) state.serial = 1;
    } else {
      state.serial = Math.max(state.serial, this.lastSerial ?? 0) + 1;
    }
    enc.serial = state.serial;
    return enc;
  }
}

function digestOf(enc: EncodedState): string {
  const h = createHash('sha256');
  for (const b of enc.buffers()) h.update(b);
  return h.digest('hex');
}
