/**
 * The state mutator the apply stage calls after every resource change: the change is made
 * to the in-memory state at once (so completions are recorded in the order they happen)
 * and a snapshot is persisted. Writes never overlap; changes that arrive while a write is
 * in flight are folded into the next one, so the file on disk is always one complete,
 * valid state and a crash loses at most the changes not yet written.
 */
import { errorDiag, type Diagnostic } from '../hcl/diagnostic.js';
import type { StateMgr } from './backend.js';
import type { State } from './state.js';

interface Waiter { gen: number; resolve: (d: Diagnostic[]) => void }

/** Options of a StateSync. */
export interface StateSyncOptions {
  /**
   * After a write that took d ms, wait `gapFactor * d` ms before the next one, so that
   * serializing a very large state cannot take more than its share of the (single)
   * thread the providers' calls also run on. 0 writes after every change at once.
   * Default 1: at most half the time is spent writing; for ordinary states d is a few
   * milliseconds, so writes still follow changes almost immediately.
   */
  gapFactor?: number;
}

/** Applies changes to a State and keeps its persisted copy up to date. */
export class StateSync {
  private gen = 0;
  private savedGen = 0;
  private running = false;
  private waiters: Waiter[] = [];
  /** Number of writes issued so far (a change may share a write with others). */
  writes = 0;

  private lastWriteEnd = 0;
  private lastWriteMs = 0;
  private readonly gapFactor: number;
  private urgent = false;
  private othersRunning: () => boolean = () => true;

  constructor(readonly mgr: StateMgr, readonly state: State, opts: StateSyncOptions = {}) {
    this.gapFactor = opts.gapFactor ?? 1;
  }

  /**
   * Tells the sync whether any operation is still running that could add a change to the
   * next write. When none is (every caller waits for this write, as along a chain of
   * dependent resources), the gap after the previous write would only add latency.
   */
  setOthersRunning(fn: () => boolean): void {
    this.othersRunning = fn;
  }

  /**
   * Applies `change` to the state now and persists it. Resolves, with the diagnostics of
   * the write, once a snapshot that includes this change has been saved.
   */
  update(change: (s: State) => void): Promise<Diagnostic[]> {
    change(this.state);
    const gen = ++this.gen;
    return new Promise((resolve) => {
      this.waiters.push({ gen, resolve });
      if (!this.running) void this.loop();
    });
  }

  /**
   * Applies `change` to the state now and calls `onSaved` with the diagnostics of the write
   * once a snapshot that includes it has been saved. Callbacks given to record and
   * afterSaved run in the order they were given, synchronously from the write loop, so
   * callers can rely on their order (a promise's continuation could not promise that).
   */
  record(change: (s: State) => void, onSaved: (d: Diagnostic[]) => void): void {
    change(this.state);
    this.waiters.push({ gen: ++this.gen, resolve: onSaved });
    if (!this.running) void this.loop();
  }

  /** Calls `cb` once everything changed so far has been persisted: at once when it already is. */
  afterSaved(cb: (d: Diagnostic[]) => void): void {
    if (this.savedGen === this.gen && !this.waiters.length) { cb([]); return; }
    this.waiters.push({ gen: this.gen, resolve: cb });
    if (!this.running) void this.loop();
  }

  /** Waits until everything changed so far has been persisted (writing at once if needed). */
  flush(): Promise<Diagnostic[]> {
    this.urgent = true;
    if (this.savedGen === this.gen && !this.running) return Promise.resolve([]);
    return new Promise((resolve) => {
      this.waiters.push({ gen: this.gen, resolve });
      if (!this.running) void this.loop();
    });
  }

  private async loop(): Promise<void> {
    this.running = true;
    try {
      while (this.savedGen < this.gen || this.waiters.length) {
        const target = this.gen;
        let diags: Diagnostic[] = [];
        if (this.savedGen < target) {
          const wait = this.lastWriteEnd + this.lastWriteMs * this.gapFactor - performance.now();
          if (wait > 1 && !this.urgent && this.othersRunning()) {
            await new Promise((r) => setTimeout(r, wait));
            continue; // more changes may have arrived: write them all
          }
          this.writes++;
          const t0 = performance.now();
          try {
            diags = await this.mgr.write(this.state);
          } catch (e) {
            diags = [errorDiag('Failed to save state', (e as Error).message)];
          }
          this.lastWriteEnd = performance.now();
          this.lastWriteMs = this.lastWriteEnd - t0;
          this.savedGen = target;
        }
        const done = this.waiters.filter((w) => w.gen <= target);
        this.waiters = this.waiters.filter((w) => w.gen > target);
        for (const w of done) w.resolve(diags);
      }
    } finally {
      this.running = false;
      this.urgent = false;
    }
  }
}
