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

/** Applies changes to a State and keeps its persisted copy up to date. */
export class StateSync {
  private gen = 0;
  private savedGen = 0;
  private running = false;
  private waiters: Waiter[] = [];
  /** Number of writes issued so far (a change may share a write with others). */
  writes = 0;

  constructor(readonly mgr: StateMgr, readonly state: State) {}

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

  /** Waits until everything changed so far has been persisted (writing once if needed). */
  flush(): Promise<Diagnostic[]> {
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
          this.writes++;
          try {
            diags = await this.mgr.write(this.state);
          } catch (e) {
            diags = [errorDiag('Failed to save state', (e as Error).message)];
          }
          this.savedGen = target;
        }
        const done = this.waiters.filter((w) => w.gen <= target);
        this.waiters = this.waiters.filter((w) => w.gen > target);
        for (const w of done) w.resolve(diags);
      }
    } finally {
      this.running = false;
    }
  }
}
